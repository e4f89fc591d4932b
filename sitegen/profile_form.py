"""The profile form's data: the validator's rules, the site's choices and each profile's values.

The form page ("Profiel aanmaken of wijzigen") checks what a member types in the browser, with
the messages `sitegen check` gives. It never states a field rule of its own: the rules come from
`schema.PROFILE` as data (`schema.Rule`), serialized here into a JSON block that
`profile-form.js` reads, and the script only knows the generic check of each rule kind. The
message texts per kind (`MESSAGES`) are `schema.py`'s, and `tests/test_profile_form.py` proves
each one equals what the validator reports.

Per profile, the build writes `front-matter.json` beside its page: the file's own front matter
(without `internal:`), so that "Wijzig dit profiel in het formulier" loads what the file says,
not the record the build made of it (aliases replaced, the organisation's region filled in).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from markupsafe import Markup

from . import codehost, i18n, models, schema, sources, yamlstrict
from .codehost import Repository
from .config import SiteConfig
from .messages import Message, msg
from .urls import PROFILE_PARAMETER, Urls
from .write import OutputFile

PROFILES_FOLDER = "content/profiles"


# The message of each check, as schema.py (and documents.py, for the rules between fields)
# words it, taken from the catalog of sitegen/messages.py: a parameter that the form's script
# fills stays a placeholder ("{key}" is the dotted key, "skills[3]", "contact.email"; the other
# names are the check's own values), a fixed part is the catalog's. tests/test_profile_form.py
# formats each and compares it with the validator's message, in both languages.
def _filled(*names: str) -> dict[str, str]:
    return {name: "{" + name + "}" for name in names}


FORM_MESSAGES: dict[str, Message] = {
    "missing": msg("missing", **_filled("prefix", "name")),
    "text.too-short": msg("text.too-short", **_filled("key", "minimum", "count")),
    "text.too-long": msg("text.too-long", **_filled("key", "maximum", "count")),
    "text.control": msg("text.control", **_filled("key", "code")),
    "text.direction": msg("text.direction", **_filled("key", "code")),
    "choice.unknown": msg("choice.unknown", **_filled("key", "value")),
    "number.type": msg("wrong-type", key="{key}", expected=msg("got.number"), got=msg("got.text")),
    "number.whole": msg("number.whole", **_filled("key", "value")),
    "number.range": msg("number.range", **_filled("key", "minimum", "maximum", "value")),
    "date.shape": msg("date.shape", **_filled("key", "value")),
    "date.exists": msg("date.exists", **_filled("key", "value")),
    "year-month.invalid": msg("year-month.invalid", **_filled("key", "value")),
    "https-url.space": msg("https-url.space", **_filled("key", "value")),
    "https-url.invalid": msg("https-url.invalid", **_filled("key", "value")),
    "https-url.scheme": msg("https-url.scheme", **_filled("key", "value")),
    "https-url.credentials": msg("https-url.credentials", **_filled("key")),
    "https-url.host": msg("https-url.host", **_filled("key", "value")),
    "email.mailto": msg("email.mailto", **_filled("key")),
    "email.invalid": msg("email.invalid", **_filled("key", "value")),
    "phone.invalid": msg("phone.invalid", **_filled("key", "value")),
    "username.at": msg("username.at", **_filled("key")),
    "username.invalid": msg("username.invalid", **_filled("key", "value")),
    "reference.invalid": msg("reference.invalid", **_filled("key", "value", "what")),
    "language-code.invalid": msg("language-code.invalid", **_filled("key", "value")),
    "term.unknown": msg("term.unknown", **_filled("key", "singular", "value")),
    "list.too-few-one": msg("list.too-few-one", **_filled("key")),
    "list.too-few": msg("list.too-few", **_filled("key", "minimum")),
    "list.too-many": msg("list.too-many", **_filled("key", "maximum", "count")),
    # documents.py: the rules between fields of one profile
    "availability.hours": msg("availability.hours", **_filled("key")),
    "period": msg("period", key="{key}", end="{end}", other="from", start="{start}"),
    "organisation.unknown": msg("organisation.unknown", **_filled("value")),
}

# The nouns the script puts into {what} and {singular} (a reference's target, a term's kind).
FORM_NOUNS = ("organisation", "field", "skill")


def form_messages(language: str) -> dict[str, str]:
    return {name: message.render(language) for name, message in FORM_MESSAGES.items()}


def form_nouns(language: str) -> dict[str, str]:
    return {noun: msg(f"noun.{noun}").render(language) for noun in FORM_NOUNS}


MESSAGES: dict[str, str] = form_messages("en")

# The rules between fields (documents._check_rules), named for the script: which key's value
# must not lie before which, and which status forbids hours.
PERIODS = (("availability", "from", "until"), ("experience", "from", "to"))


# ---------------------------------------------------------------------------------------------
# Rules as JSON


def rule_json(rule: schema.Rule) -> dict[str, Any]:
    """A rule as plain JSON, leaving out what is unset."""
    data: dict[str, Any] = {"kind": rule.kind}
    if rule.minimum is not None:
        data["minimum"] = _number(rule.minimum)
    if rule.maximum is not None:
        data["maximum"] = _number(rule.maximum)
    if rule.whole:
        data["whole"] = True
    if rule.options:
        data["options"] = list(rule.options)
    if rule.what:
        data["what"] = rule.what
    if rule.unique:
        data["unique"] = True
    if rule.item is not None:
        data["item"] = rule_json(rule.item)
    if rule.spec:
        data["spec"] = spec_json(rule.spec)
    if rule.alternatives:
        data["alternatives"] = [rule_json(r) for r in rule.alternatives]
    return data


def spec_json(spec: schema.Spec) -> list[dict[str, Any]]:
    return [{"name": key.name, "required": key.required, "rule": rule_json(key.validate.rule)} for key in spec]


def _number(value: float) -> int | float:
    # Python's {:g} writes 40.0 as 40: the script must print limits the way check's messages do.
    return int(value) if float(value).is_integer() else value


def form_spec() -> list[dict[str, Any]]:
    """The keys a member fills in: the profile spec without `internal:` (which the form leaves
    alone; a member who has one keeps it by editing the file)."""
    return spec_json(tuple(key for key in schema.PROFILE if key.name != "internal"))


# ---------------------------------------------------------------------------------------------
# The page's data block


def page_data(
    config: SiteConfig,
    organisations: dict[str, models.Organisation],
    vocabulary: models.Vocabulary | None,
    regions: Iterable[str],
    urls: Urls,
) -> dict[str, Any]:
    """Everything the form's script needs, as JSON-ready values."""
    language = config.language
    return {
        "language": language,
        "keys": form_spec(),
        "messages": form_messages(language),
        "nouns": form_nouns(language),
        "periods": [list(period) for period in PERIODS],
        "organisations": [
            {"id": o.id, "name": o.name}
            for o in sorted(organisations.values(), key=lambda o: (o.name.casefold(), o.id))
        ],
        "terms": {
            kind: [{"term": t.term, "aliases": list(t.aliases)} for t in _terms(vocabulary, kind)]
            for kind in ("fields", "skills")
        },
        "regions": sorted(set(regions), key=str.casefold),
        "languages": sorted(
            (
                {"code": code, "name": i18n.language_name(code, language)}
                for code in schema.LANGUAGE_CODES
                if i18n.language_name(code, language) != code
            ),
            key=lambda item: item["name"].casefold(),
        ),
        "language_codes": sorted(schema.LANGUAGE_CODES),
        "profile_data": urls.href(urls.profile_form_data("{slug}")),
        "profile_parameter": PROFILE_PARAMETER[language],
        "profiles_folder": PROFILES_FOLDER,
        "code_host": code_host_links(config.repository),
    }


def _terms(vocabulary: models.Vocabulary | None, kind: str) -> tuple[models.Term, ...]:
    if vocabulary is None:
        return ()
    return vocabulary.fields if kind == "fields" else vocabulary.skills


def script_json(value: Any) -> Markup:
    """JSON for a `<script type="application/json">` block: nothing in it can end the element
    or be read as markup, whatever the content holds."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    for char, escaped in (
        ("&", "\\u0026"),
        ("<", "\\u003c"),
        (">", "\\u003e"),
        ("\u2028", "\\u2028"),
        ("\u2029", "\\u2029"),
    ):
        text = text.replace(char, escaped)
    return Markup(text)


# ---------------------------------------------------------------------------------------------
# The code host's pages (folded into codehost.py at merge)


def code_host_links(repository: Repository | None) -> dict[str, str] | None:
    """What the form's script needs of the code host (codehost.py knows the URL forms), or None.

    The new-file page takes the name and content; the edit page takes no content, so an
    existing profile is changed by pasting the file there (some GitLab versions leave the
    content of the new-file page out too: the form says so).
    """
    if repository is None:
        return None
    name_param, content_param = codehost.NEW_FILE_PARAMETERS[repository.host]
    return {
        "host": repository.host,
        "new": codehost.new_file_url(repository, PROFILES_FOLDER),
        "name_param": name_param,
        "content_param": content_param,
        "edit": codehost.edit_url(repository, PROFILES_FOLDER) + "/",
        "guide": codehost.blob_url(repository, "docs/leden.md"),
    }


# ---------------------------------------------------------------------------------------------
# Each profile's own values


def values_of(profile: models.Profile, text: str) -> dict[str, Any]:
    """What the profile's file says, for the form: front matter in file order, minus `internal:`,
    every value as the text written (numbers too), and the Markdown body."""
    document = sources.split_front_matter(text)
    node = yamlstrict.load(document.front_matter, document.front_matter_line)
    values = {entry.key: _plain(entry.value) for entry in node.entries if entry.key != "internal"}
    return {"slug": profile.slug, "front_matter": values, "body": document.body}


def _plain(node: yamlstrict.Node) -> Any:
    if isinstance(node, yamlstrict.Mapping):
        return {entry.key: _plain(entry.value) for entry in node.entries}
    if isinstance(node, yamlstrict.Sequence):
        return [_plain(item) for item in node.items]
    if node.value is None:
        return None
    return node.value if isinstance(node.value, str) else node.source


def profile_file(profile: models.Profile, text: str, urls: Urls) -> OutputFile:
    """The profile's `front-matter.json` beside its page (a few hundred bytes, loaded only when the
    member opens the form from that page), from its file as read: a function of `text`, its slug and
    where the site is, so a build carries it over while the file is unchanged (carry.py)."""
    values = values_of(profile, text)
    content = json.dumps(values, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return OutputFile(urls.profile_form_data(profile.slug), content, "form-data")
