"""JSON Schemas (draft 2020-12) of a site's files, derived from the validators' own rules.

Every limit comes from the `Rule` a validator carries (`schema.py`, `config.py`); this module
only says how a rule of each kind reads in JSON Schema, so the schemas cannot drift from what
`sitegen check` accepts. Two shapes of value are described:

- "source": values as the strict YAML reader hands them over, for editors and for checking a
  file before `sitegen check` sees it. Text fields also take a plain number (`role: 2019`),
  number fields also take decimal text (`rate: 87.50`), and an optional key may be empty.
- "data": values as sitegen publishes them in its exports: texts are texts, numbers numbers,
  and an absent optional value is null.

A site's own lists can make the source schemas stricter: its organisation ids become an enum,
and its vocabulary's terms become examples (terms match by folded form, which JSON Schema
cannot say, so `sitegen check` stays the judge of them). The descriptions are English, like
the keys and the messages of `sitegen check`.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

from . import codehost, config, models, schema
from .schema import Key, Rule, Spec
from .terms import fold
from .write import OutputFile

DRAFT = "https://json-schema.org/draft/2020-12/schema"
ID_PREFIX = "urn:sitegen:schema:"

Shape = Literal["source", "data"]
JsonSchema = dict[str, Any]


@dataclass(frozen=True, slots=True)
class SiteLists:
    """What a site's own files add to its schemas."""

    organisations: tuple[str, ...] = ()  # ids of content/organisations.yaml
    fields: tuple[str, ...] = ()  # canonical terms of content/vocabulary.yaml
    skills: tuple[str, ...] = ()


# What each key means, by document and dotted path (list items and nested mappings continue the
# path). A key of an `internal:` block is described as its public twin. A test proves that
# every key of every spec has a description here, and that nothing here describes no key.
DESCRIPTIONS: dict[str, str] = {
    "profile:name": "Full name, as it appears on the profile page.",
    "profile:role": "Current job title (functie).",
    "profile:organisation": "Id of the employer in content/organisations.yaml.",
    "profile:fields": "Fields of work (werkvelden); with a vocabulary, its terms or aliases.",
    "profile:skills": "Core skills (kernkwaliteiten); with a vocabulary, its terms or aliases.",
    "profile:consent": "The day the member agreed to publication (AVG), YYYY-MM-DD.",
    "profile:summary": "One line for cards and search results.",
    "profile:region": "Region; without it, the organisation's region.",
    "profile:experience": "Earlier and current roles (ervaring).",
    "profile:experience.role": "The role held.",
    "profile:experience.organisation": "The employer, free text: it need not take part in the network.",
    "profile:experience.from": "Start: a year (2021) or a month (2021-03).",
    "profile:experience.to": "End: a year or a month, not before 'from'; absent means until now.",
    "profile:availability": "Whether and how much the member can take on.",
    "profile:availability.status": "available, limited or unavailable.",
    "profile:availability.hours_per_week": "Hours per week; 0 (or absent) when unavailable.",
    "profile:availability.from": "Available from this day, YYYY-MM-DD.",
    "profile:availability.until": "Available until this day, YYYY-MM-DD, not before 'from'.",
    "profile:engagement": "Forms of engagement the member takes assignments in.",
    "profile:rate": "Public rate in euro per hour.",
    "profile:languages": "Languages, as two-letter ISO 639-1 codes in lower case.",
    "profile:contact": "Public contact details.",
    "profile:contact.email": "E-mail address, without 'mailto:'.",
    "profile:contact.phone": "Phone number, as text: quote it when it is only digits.",
    "profile:contact.website": "Personal or work website, an https address.",
    "profile:contact.linkedin": "LinkedIn page, an https address.",
    "profile:maintainers": "Code-host user names of the people who may edit this file.",
    "profile:visibility": "public, or internal: only in the internal build.",
    "profile:internal": "Values shown only in the internal build; each replaces the public one.",
    "profile:updated": "The day the member last confirmed the profile, YYYY-MM-DD.",
    "assignment:title": "Title of the assignment.",
    "assignment:organisation": "Id of the client in content/organisations.yaml.",
    "assignment:fields": "Fields of work; with a vocabulary, its terms or aliases.",
    "assignment:skills": "Wanted skills; with a vocabulary, its terms or aliases.",
    "assignment:posted": "The day it is published, YYYY-MM-DD; before it, the assignment appears nowhere.",
    "assignment:deadline": "The last day to apply, YYYY-MM-DD, not before 'posted'.",
    "assignment:summary": "One line for cards and search results.",
    "assignment:region": "Region; without it, the organisation's region.",
    "assignment:location": "Where the work is done.",
    "assignment:hours_per_week": "Hours per week.",
    "assignment:start": "First day of the work, YYYY-MM-DD.",
    "assignment:end": "Last day of the work, YYYY-MM-DD, not before 'start'.",
    "assignment:engagement": "The form of engagement.",
    "assignment:rate": "Rate in euro per hour.",
    "assignment:contact": "A profile's file name without .md, or a person without a profile.",
    "assignment:contact.name": "Name of the contact person.",
    "assignment:contact.email": "E-mail address, without 'mailto:'.",
    "assignment:contact.phone": "Phone number, as text: quote it when it is only digits.",
    "assignment:status": "open, filled or withdrawn.",
    "assignment:visibility": "public, or internal: only in the internal build.",
    "assignment:internal": "Values shown only in the internal build; each replaces the public one.",
    "assignment:updated": "The day the assignment was last changed, YYYY-MM-DD.",
    "page:title": "Title of the page.",
    "page:description": "The page's description for search engines and link previews.",
    "page:menu": "Place in the footer menu (ordered by number); absent means not in the menu.",
    "organisations:name": "The organisation's name.",
    "organisations:type": "gemeente, provincie, waterschap, rijk or overig.",
    "organisations:region": "Default region of the organisation's profiles and assignments.",
    "organisations:website": "The organisation's website, an https address.",
    "vocabulary:fields": "The canonical fields of work, each with the aliases that mean it.",
    "vocabulary:fields.term": "The canonical spelling, as the site shows it.",
    "vocabulary:fields.aliases": "Other spellings that mean this term.",
    "vocabulary:skills": "The canonical skills, each with the aliases that mean it.",
    "vocabulary:skills.term": "The canonical spelling, as the site shows it.",
    "vocabulary:skills.aliases": "Other spellings that mean this term.",
    "sitegen:title": "The site's name.",
    "sitegen:description": "The site's description: the pages' default meta description.",
    "sitegen:language": "Interface language and section names in URLs: nl or en.",
    "sitegen:base_url": "The site's address: https (http://localhost for local use), may have a sub-path.",
    "sitegen:page_size": "Items per listing page.",
    "sitegen:repository": "The code-host page of the site's repository.",
    "sitegen:repository.url": "The repository's https address.",
    "sitegen:repository.branch": "The branch the site is published from.",
    "sitegen:coordinators": "Code-host user names of the coordinators.",
    "sitegen:repository.host": "The kind of code host (github or gitlab), when the host name does not say.",
    "sitegen:theme": "Folder under themes/ whose templates override the default theme.",
    "sitegen:matching": "How assignments and profiles are matched (docs/matching.md).",
    "sitegen:matching.weights": "Points per criterion; a suggestion's score is their share of the total.",
    "sitegen:matching.weights.skills": "Points for the wanted skills the person has.",
    "sitegen:matching.weights.fields": "Points for the assignment's fields of work the person works in.",
    "sitegen:matching.weights.region": "Points for the same region.",
    "sitegen:matching.weights.availability": "Points for being available when the work starts.",
    "sitegen:matching.weights.hours": "Points for the hours a week the person can give.",
    "sitegen:matching.weights.engagement": "Points for taking the assignment's form of engagement.",
    "sitegen:matching.weights.languages": "Points for speaking the site's language.",
    "sitegen:matching.minimum_score": "Suggestions with a lower score (0 to 100) are not shown.",
    "sitegen:matching.suggestions": "Suggestions per page; 0 turns matching off.",
    "sitegen:networks": "Other sitegen directories whose public profiles and open assignments this site imports.",
    "sitegen:networks.name": "The network's name, shown on the cards of what it brings in.",
    "sitegen:networks.url": "The network's site address; its exports are under api/v1/ there.",
    "sitegen:networks.path": "Instead of url: the folder of a built copy of the network's site.",
    "sitegen:networks.kinds": "What to import: profiles, assignments or both (the default).",
    "sitegen:networks.max_age": "Days: a copy of the network's export older than this, used from the cache, warns.",
}

EMPTY = "empty"  # the $defs entry an optional key may take instead of a value


def describe(document: str, path: str) -> str:
    key = f"{document}:{path.removeprefix('internal.')}"
    text = DESCRIPTIONS[key]
    return f"Internal build only. {text}" if path.startswith("internal.") else text


def _defaults(record: type) -> dict[str, Any]:
    """The defaults a record class gives its keys (texts and numbers; never empty values)."""
    return {
        f.name: f.default
        for f in dataclasses.fields(record)
        if isinstance(f.default, (str, int)) and not isinstance(f.default, bool) and f.default != ""
    }


# Defaults of the keys, from the record classes that hold them, by document and mapping path.
_RECORDS: dict[tuple[str, str], type] = {
    ("profile", ""): models.Profile,
    ("assignment", ""): models.Assignment,
    ("page", ""): models.Page,
    ("sitegen", ""): config.SiteConfig,
    ("sitegen", "repository"): codehost.Repository,
    ("sitegen", "matching"): config.Matching,
    ("sitegen", "matching.weights"): config.MatchWeights,
}


def _number(value: float | None) -> float | int | None:
    return int(value) if value is not None and float(value).is_integer() else value


def _absent(rule: Rule) -> JsonSchema:
    """What the data holds for a key a file leaves out: a record's list is then empty, anything else null."""
    return {"type": "array", "maxItems": 0} if rule.kind == "list" else {"type": "null"}


@dataclass(frozen=True, slots=True)
class Builder:
    """Turns the rules of one document into JSON Schema."""

    document: str
    shape: Shape = "source"
    site: SiteLists | None = None

    def mapping(self, spec: Spec, path: str = "", every_key_required: bool = False) -> JsonSchema:
        """An object of the spec's keys and nothing else. Data: every key present, null when absent."""
        defaults = _defaults(_RECORDS[(self.document, path)]) if (self.document, path) in _RECORDS else {}
        properties: dict[str, JsonSchema] = {}
        for key in spec:
            dotted = f"{path}.{key.name}" if path else key.name
            properties[key.name] = self.key(key, dotted, defaults)
        required = [key.name for key in spec if key.required or every_key_required]
        shaped: JsonSchema = {"type": "object", "properties": properties}
        if required:
            shaped["required"] = required
        if self.shape == "source":  # an unknown key is an error; readers of data ignore keys they do not know
            shaped["additionalProperties"] = False
        return shaped

    def key(self, key: Key, path: str, defaults: Mapping[str, Any] | None = None) -> JsonSchema:
        described: JsonSchema = {"description": describe(self.document, path)}
        if defaults and key.attribute in defaults and not path.startswith("internal."):
            described["default"] = defaults[key.attribute]
        value = self.value(key.validate.rule, path)
        if key.required:
            return described | value
        empty = {"$ref": f"#/$defs/{EMPTY}"} if self.shape == "source" else _absent(key.validate.rule)
        alternatives = value["anyOf"] if list(value) == ["anyOf"] else [value]
        return described | {"anyOf": [empty, *alternatives]}

    def value(self, rule: Rule, path: str) -> JsonSchema:
        kind = rule.kind
        source = self.shape == "source"
        if kind in ("text", "term", "base-url"):
            shaped: JsonSchema = {
                "type": ["string", "number"] if source and kind != "base-url" else "string",
                "minLength": _number(rule.minimum),
                "maxLength": _number(rule.maximum),
                "pattern": rule.pattern,
            }
            terms = self._terms(rule.what) if kind == "term" else ()
            return shaped | ({"examples": list(terms)} if terms else {})
        if kind == "choice":
            return {"type": "string", "enum": list(rule.options)}
        if kind == "language-code":
            return {"type": "string", "enum": sorted(schema.LANGUAGE_CODES)}
        if kind == "number":
            number = {
                "type": "integer" if rule.whole else "number",
                "minimum": _number(rule.minimum),
                "maximum": _number(rule.maximum),
            }
            return {"anyOf": [number, {"type": "string", "pattern": rule.pattern}]} if source else number
        if kind == "date":
            return {"type": "string", "format": "date", "pattern": rule.pattern}
        if kind == "year-month":
            text = {"type": "string", "pattern": rule.pattern}
            year = {"type": "integer", "minimum": _number(rule.minimum), "maximum": _number(rule.maximum)}
            return {"anyOf": [text, year]} if source else text
        if kind in ("https-url", "phone"):
            return {"type": "string", "pattern": rule.pattern}
        if kind == "email":
            return {"type": "string", "format": "email", "pattern": rule.pattern}
        if kind in ("username", "reference", "slug"):
            return self._name(rule)
        if kind == "list":
            assert rule.item is not None
            shaped = {"type": "array", "items": self.value(rule.item, path)}
            if rule.minimum:
                shaped["minItems"] = _number(rule.minimum)
            shaped["maxItems"] = _number(rule.maximum)
            if rule.unique:
                shaped["uniqueItems"] = True
            return shaped
        if kind == "mapping":
            return self.mapping(rule.spec, path, every_key_required=not source)
        if kind == "contact":
            return {"anyOf": [self.value(alternative, path) for alternative in rule.alternatives]}
        raise ValueError(f"no JSON Schema for a rule of kind {kind!r} ({self.document}: {path})")

    def _name(self, rule: Rule) -> JsonSchema:
        """User names, ids and folder names: text of a pattern (a site's organisation ids: an enum)."""
        ids = self.site.organisations if self.site and rule.what == "organisation" else ()
        if ids:
            enum: list[str | int] = list(ids)
            if self.shape == "source":  # `organisation: 123` reaches the validator as the number 123
                enum += [int(i) for i in ids if i.isdigit() and str(int(i)) == i]
            return {"type": ["string", "integer"] if len(enum) > len(ids) else "string", "enum": enum}
        text: JsonSchema = {"type": "string", "pattern": rule.pattern}
        if rule.minimum is not None:
            text |= {"minLength": _number(rule.minimum), "maxLength": _number(rule.maximum)}
        if self.shape == "data":
            return text
        # A plain number reaches the validator as its digits: a valid user name, id or folder name
        # when it has no minus sign (and, for ids and folder names, no decimal point).
        number = {"type": "number" if rule.kind == "username" else "integer", "minimum": 0}
        return {"anyOf": [text, number]}

    def _terms(self, kind: str) -> tuple[str, ...]:
        if self.site is None:
            return ()
        return self.site.fields if kind == "fields" else self.site.skills if kind == "skills" else ()


# ---------------------------------------------------------------------------------------------
# The files


@dataclass(frozen=True, slots=True)
class SchemaFile:
    name: str  # the document: profile -> profile.schema.json
    title: str
    description: str


PROFILE = SchemaFile(
    "profile", "Profile front matter", "The front matter of content/profiles/<slug>.md: one member of the network."
)
ASSIGNMENT = SchemaFile(
    "assignment", "Assignment front matter", "The front matter of content/assignments/<slug>.md: one assignment (klus)."
)
PAGE = SchemaFile("page", "Page front matter", "The front matter of content/pages/<slug>.md: a free page.")
SITEGEN = SchemaFile("sitegen", "sitegen.yaml", "The site's settings.")
ORGANISATIONS = SchemaFile(
    "organisations",
    "content/organisations.yaml",
    "The participating organisations, by id: lower-case letters, digits and hyphens.",
)
VOCABULARY = SchemaFile("vocabulary", "content/vocabulary.yaml", "The canonical fields and skills, with their aliases.")
CONTENT_FILES = (PROFILE, ASSIGNMENT, PAGE, SITEGEN, ORGANISATIONS, VOCABULARY)
_SPECS: dict[str, Spec] = {
    "profile": schema.PROFILE,
    "assignment": schema.ASSIGNMENT,
    "page": schema.PAGE,
    "sitegen": config.CONFIG,
    "vocabulary": config.VOCABULARY,
}


def file_name(name: str) -> str:
    return f"{name}.schema.json"


def document(
    file: SchemaFile, body: JsonSchema, defs: JsonSchema | None = None, schema_id: str | None = None
) -> JsonSchema:
    """A whole schema: the header, then the body, then its definitions."""
    header: JsonSchema = {
        "$schema": DRAFT,
        "$id": schema_id or ID_PREFIX + file.name,
        "title": file.title,
        "description": file.description,
    }
    return header | body | ({"$defs": defs} if defs else {})


def content_schema(file: SchemaFile, site: SiteLists | None = None) -> JsonSchema:
    """The source schema of one kind of content file, as an editor or a checker reads it."""
    builder = Builder(file.name, "source", site)
    if file is ORGANISATIONS:
        entry = Builder("organisations", "source", site).mapping(schema.ORGANISATION)
        body: JsonSchema = {
            "type": "object",
            "propertyNames": {"pattern": schema.SLUG_PATTERN},
            "additionalProperties": entry,
        }
    else:
        body = builder.mapping(_SPECS[file.name])
    empty = {"description": "Empty: the same as leaving the key out.", "enum": [None, ""]}
    return document(file, body, {EMPTY: empty})


def encode(value: JsonSchema) -> bytes:
    """Stable bytes: the keys in the order built, two-space indents, a final newline."""
    return (json.dumps(value, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def content_files(site: SiteLists | None = None) -> list[OutputFile]:
    return [OutputFile(file_name(file.name), encode(content_schema(file, site)), "schema") for file in CONTENT_FILES]


def site_lists(organisations: Mapping[str, models.Organisation], vocabulary: models.Vocabulary | None) -> SiteLists:
    """A site's organisation ids and its vocabulary's canonical terms, in the site's order."""
    if vocabulary is None:
        return SiteLists(tuple(sorted(organisations)))
    return SiteLists(
        tuple(sorted(organisations)),
        tuple(sorted((t.term for t in vocabulary.fields), key=fold)),
        tuple(sorted((t.term for t in vocabulary.skills), key=fold)),
    )
