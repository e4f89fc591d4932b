"""The directory as data for other networks: `api/v1/profiles.json`, `assignments.json`, `organisations.json`.

The format is versioned and documented in docs/exports.md; this module is its one definition:
the records and their JSON Schemas (published beside them, under `api/v1/schema/`) are built
here, the schemas from the validators' own rules. Only the public build exports, and only what
its pages show: public profiles, open public assignments, every organisation. The internal
build exports nothing, so internal data never leaves in a form another network could import.
The same input gives the same bytes: no build time, records sorted by id, keys in a fixed order.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from typing import Any

from . import config, models, schema, schemas
from .render import SiteContext
from .schema import Key, Rule, Spec
from .schemas import Builder, JsonSchema, SchemaFile
from .urls import Urls
from .write import OutputFile

VERSION = "1.0"  # major.minor: see "Versioning" in docs/exports.md
FOLDER = "api/v1"
KINDS = ("profiles", "assignments", "organisations")


def _keys(spec: Spec, names: Iterable[str]) -> tuple[Key, ...]:
    by_name = {key.name: key for key in spec}
    return tuple(by_name[name] for name in names)


# The front-matter keys each record carries, as they are written there. A key a spec gains is
# not exported until it is added here (a minor version); tests/test_exports.py names the rest.
PROFILE_KEYS = _keys(
    schema.PROFILE,
    (
        "name",
        "role",
        "fields",
        "skills",
        "summary",
        "region",
        "availability",
        "engagement",
        "rate",
        "languages",
        "experience",
        "contact",
        "consent",
        "updated",
    ),
)
ASSIGNMENT_KEYS = _keys(
    schema.ASSIGNMENT,
    (
        "title",
        "fields",
        "skills",
        "summary",
        "region",
        "location",
        "hours_per_week",
        "start",
        "end",
        "engagement",
        "rate",
        "status",
        "posted",
        "deadline",
        "updated",
    ),
)
ORGANISATION_KEYS = _keys(schema.ORGANISATION, ("name", "type", "region", "website"))
# The keys a minor version added after 1.0, by record: name -> the version that added it
# ("working_hours_note": "1.1"). The item schemas do not require them, because a network that has
# not upgraded yet still exports 1.0 without them, and `federation.py` must read them with
# `item.get(name)`. tests/test_exports.py keeps the keys of 1.0 and fails on a later key not here.
ADDED: dict[str, dict[str, str]] = {"profile": {}, "assignment": {}}
LEFT_OUT = {  # never exported: who may edit a file, and what only the internal build shows
    "profile": ("organisation", "maintainers", "visibility", "internal"),  # organisation: as {id, name}
    "assignment": ("organisation", "contact", "visibility", "internal"),  # contact: as its own shape
}


# ---------------------------------------------------------------------------------------------
# Records


Convert = Callable[[Any], Any]


def converter(rule: Rule) -> Convert | None:
    """How a validated value of this rule is written: dates as YYYY-MM-DD, a mapping by its keys.
    None: as it is (texts, numbers, and lists of them: JSON writes a tuple as an array)."""
    if rule.kind == "list":
        assert rule.item is not None
        item = converter(rule.item)
        return None if item is None else (lambda values: [item(value) for value in values])
    if rule.kind == "mapping":
        return fields_of(rule.spec)
    if rule.kind == "date":
        return lambda day: None if day is None else day.isoformat()
    if rule.kind == "year-month":
        return lambda month: None if month is None else str(month)
    return None


def fields_of(keys: Iterable[Key]) -> Convert:
    """A record (or None) to the mapping of its keys, converted once per rule rather than per value."""
    plan = [(key.name, key.attribute, converter(key.validate.rule)) for key in keys]

    def convert(record: Any) -> dict[str, Any] | None:
        if record is None:
            return None
        return {
            name: (getattr(record, attribute) if convert_value is None else convert_value(getattr(record, attribute)))
            for name, attribute, convert_value in plan
        }

    return convert


_PROFILE_FIELDS = fields_of(PROFILE_KEYS)
_ASSIGNMENT_FIELDS = fields_of(ASSIGNMENT_KEYS)
_ORGANISATION_FIELDS = fields_of(ORGANISATION_KEYS)


def _organisation(organisation_id: str, organisations: dict[str, models.Organisation]) -> dict[str, str]:
    return {"id": organisation_id, "name": organisations[organisation_id].name}


def profile_record(profile: models.Profile, site: SiteContext, urls: Urls) -> dict[str, Any]:
    photo = site.photos.get(profile.slug)
    return {
        "id": profile.slug,
        "url": urls.absolute(urls.profile(profile.slug)),
        "organisation": _organisation(profile.organisation, site.organisations),
        **_PROFILE_FIELDS(profile),
        "photo": urls.absolute(photo) if photo else None,
    }


def assignment_record(
    assignment: models.Assignment, site: SiteContext, urls: Urls, profiles: dict[str, models.Profile]
) -> dict[str, Any]:
    return {
        "id": assignment.slug,
        "url": urls.absolute(urls.assignment(assignment.slug)),
        "organisation": _organisation(assignment.organisation, site.organisations),
        **_ASSIGNMENT_FIELDS(assignment),
        "contact": _contact(assignment.contact, profiles, urls),
    }


def _contact(
    contact: str | models.PersonContact | None, profiles: dict[str, models.Profile], urls: Urls
) -> dict[str, Any] | None:
    """One shape for both kinds of contact: a profile brings its name and public contact details."""
    if contact is None:
        return None
    if isinstance(contact, models.PersonContact):
        return {"name": contact.name, "email": contact.email, "phone": contact.phone, "profile": None, "url": None}
    person = profiles[contact]
    details = person.contact or models.Contact()
    return {
        "name": person.name,
        "email": details.email,
        "phone": details.phone,
        "profile": person.slug,
        "url": urls.absolute(urls.profile(person.slug)),
    }


def organisation_record(organisation: models.Organisation, urls: Urls) -> dict[str, Any]:
    return {
        "id": organisation.id,
        "url": urls.absolute(urls.term("organisations", organisation.id)),
        **_ORGANISATION_FIELDS(organisation),
    }


def records(site: SiteContext) -> dict[str, list[dict[str, Any]]]:
    """The items of each export, sorted by id."""
    urls = Urls(site.config.base_url, site.config.language)
    selection = site.selection
    profiles = {p.slug: p for p in selection.profiles}
    return {
        "profiles": [profile_record(p, site, urls) for p in sorted(selection.profiles, key=lambda p: p.slug)],
        "assignments": [
            assignment_record(a, site, urls, profiles) for a in sorted(selection.open_assignments, key=lambda a: a.slug)
        ],
        "organisations": [organisation_record(o, urls) for _, o in sorted(site.organisations.items())],
    }


def export(kind: str, items: list[dict[str, Any]], site: SiteContext) -> dict[str, Any]:
    urls = Urls(site.config.base_url, site.config.language)
    return {
        "version": VERSION,
        "kind": kind,
        "site": {"name": site.config.title, "url": site.config.base_url, "language": site.config.language},
        "as_of": site.build_date.isoformat(),
        "schema": urls.absolute(schema_path(kind)),
        kind: items,
    }


def encode(value: Any) -> bytes:
    """Compact UTF-8 JSON in the order built, with a final newline: the same records, the same bytes."""
    return (json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False) + "\n").encode("utf-8")


def export_files(site: SiteContext) -> list[OutputFile]:
    """The exports and their schemas; nothing for the internal build."""
    if site.audience != "public":
        return []
    found = records(site)
    files = [OutputFile(f"{FOLDER}/{kind}.json", encode(export(kind, found[kind], site)), "export") for kind in KINDS]
    return files + schema_files(folder=f"{FOLDER}/schema/")


# ---------------------------------------------------------------------------------------------
# Their schemas


def schema_path(kind: str) -> str:
    return f"{FOLDER}/schema/{kind}.schema.json"


_EXPORT_FILES = {
    "profiles": SchemaFile(
        "profiles",
        "sitegen export: profiles (api/v1/profiles.json)",
        "The public profiles of a directory, version 1. See docs/exports.md.",
    ),
    "assignments": SchemaFile(
        "assignments",
        "sitegen export: assignments (api/v1/assignments.json)",
        "The open public assignments of a directory, version 1. See docs/exports.md.",
    ),
    "organisations": SchemaFile(
        "organisations",
        "sitegen export: organisations (api/v1/organisations.json)",
        "The participating organisations of a directory, version 1. See docs/exports.md.",
    ),
}


def _described(description: str, value: JsonSchema) -> JsonSchema:
    return {"description": description} | value


def _nullable(value: JsonSchema) -> JsonSchema:
    return {"anyOf": [{"type": "null"}, value]}


_ID = {"type": "string", "pattern": schema.SLUG_PATTERN}
_URL = {"type": "string", "format": "uri", "minLength": 1}


def _object(properties: dict[str, JsonSchema], later: Iterable[str] = ()) -> JsonSchema:
    """Every key present (null when it has no value), except the `later` ones, which a minor
    version after 1.0 added and an export of an older 1.x lacks. Later minor versions may add
    keys, so a reader of version 1 ignores keys it does not know: the schema allows them."""
    optional = set(later)
    return {"type": "object", "properties": properties, "required": [k for k in properties if k not in optional]}


def _item_schema(kind: str) -> JsonSchema:
    if kind == "organisations":
        return _object(
            {
                "id": _described("The organisation's id, stable across builds.", _ID),
                "url": _page_url("organisation"),
                **_keys_schema("organisations", ORGANISATION_KEYS),
            }
        )
    common = {
        "id": _described(f"The {kind[:-1]}'s id (its file name), stable across builds.", _ID),
        "url": _page_url(kind[:-1]),
        "organisation": _described(
            "The organisation: its id in organisations.json and its name.",
            _object(
                {"id": _ID, "name": Builder("organisations", "data").value(_rule(schema.ORGANISATION, "name"), "name")}
            ),
        ),
    }
    if kind == "profiles":
        photo = _described("The absolute URL of the photo (a square JPEG), or null.", _nullable(_URL))
        return _object({**common, **_keys_schema("profile", PROFILE_KEYS), "photo": photo}, ADDED["profile"])
    person = Builder("assignment", "data").mapping(schema.PERSON_CONTACT, "contact", every_key_required=True)
    contact = _object(
        {
            **person["properties"],
            "profile": _described("The contact's profile id in profiles.json, or null.", _nullable(_ID)),
            "url": _described("The contact's profile page, or null.", _nullable(_URL)),
        }
    )
    who = "Who to contact: a person, with their profile when they have one; or null."
    return _object(
        {**common, **_keys_schema("assignment", ASSIGNMENT_KEYS), "contact": _described(who, _nullable(contact))},
        ADDED["assignment"],
    )


def _page_url(what: str) -> JsonSchema:
    return _described(f"The absolute URL of the {what}'s page on the site.", _URL)


def _keys_schema(document: str, keys: Iterable[Key]) -> dict[str, JsonSchema]:
    builder = Builder(document, "data")
    return {key.name: builder.key(key, key.name) for key in keys}


def export_schema(kind: str) -> JsonSchema:
    site = _object(
        {
            "name": _described(
                "The site's title.", Builder("sitegen", "data").value(_rule(config.CONFIG, "title"), "title")
            ),
            "url": _described(
                "The site's base URL, ending in '/'.",
                {"type": "string", "pattern": _rule(config.CONFIG, "base_url").pattern},
            ),
            "language": {"type": "string", "enum": ["nl", "en"]},
        }
    )
    body = _object(
        {
            "version": _described(
                "major.minor; this schema reads every 1.x export.",
                {"type": "string", "pattern": r"^1\.(?:0|[1-9][0-9]*)$"},
            ),
            "kind": {"const": kind},
            "site": _described("The directory that published this export.", site),
            "as_of": _described(
                "The build date, YYYY-MM-DD: assignments are those open on this day.",
                {"type": "string", "format": "date", "pattern": schema.date.rule.pattern},
            ),
            "schema": _described("The absolute URL of this schema on the publishing site.", _URL),
            kind: _described(f"The {kind}, sorted by id.", {"type": "array", "items": _item_schema(kind)}),
        }
    )
    return schemas.document(_EXPORT_FILES[kind], body, schema_id=f"{schemas.ID_PREFIX}api:v1:{kind}")


def _rule(spec: Spec, name: str) -> Rule:
    return _keys(spec, (name,))[0].validate.rule


def schema_files(folder: str = "", prefix: str = "") -> list[OutputFile]:
    """The export schemas: the same bytes on every site that runs this version of sitegen."""
    return [
        OutputFile(folder + schemas.file_name(prefix + kind), schemas.encode(export_schema(kind)), "schema")
        for kind in KINDS
    ]
