"""The JSON Schemas of a site's files say what `sitegen check` says, as far as JSON Schema can.

The schemas are derived from the validators' rules, so a walk of the specs beside the schemas
proves that nothing is lost on the way, and fixed values prove the derivation itself. The
probes then run the real loader and the real validators beside the schema on the same values:
whatever `sitegen check` accepts, the schema accepts; whatever it refuses, the schema refuses,
except the few cases `_lenient` names, which JSON Schema cannot say (docs/editors.md).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from conftest import ENGLISH, REPO, check, write_site
from jsonschema.exceptions import best_match

from sitegen import cli, config, schema, schemas, sources, yamlstrict
from sitegen.schema import Key, Rule, Spec

VALIDATOR = jsonschema.Draft202012Validator
FORMATS = VALIDATOR.FORMAT_CHECKER

SPECS: dict[str, Spec] = {
    "profile": schema.PROFILE,
    "assignment": schema.ASSIGNMENT,
    "page": schema.PAGE,
    "sitegen": config.CONFIG,
    "organisations": schema.ORGANISATION,
    "vocabulary": config.VOCABULARY,
}


def loader_view(node: yamlstrict.Node) -> Any:
    """A YAML node as JSON, with the values the strict loader gives: numbers only of plain decimals."""
    if isinstance(node, yamlstrict.Mapping):
        return {entry.key: loader_view(entry.value) for entry in node.entries}
    if isinstance(node, yamlstrict.Sequence):
        return [loader_view(item) for item in node.items]
    return node.value


def front_matter(path: Path) -> Any:
    document = sources.split_front_matter(sources.read_text(str(path)))
    return loader_view(yamlstrict.load(document.front_matter, document.front_matter_line))


def yaml_file(path: Path) -> Any:
    return loader_view(yamlstrict.load(sources.read_text(str(path)), 1, "the file"))


@cache
def validator_of(name: str) -> jsonschema.protocols.Validator:
    return VALIDATOR(schemas.content_schema(_file(name)), format_checker=FORMATS)


def _file(name: str) -> schemas.SchemaFile:
    return next(f for f in schemas.CONTENT_FILES if f.name == name)


def errors(name: str, instance: Any) -> list[str]:
    return sorted(f"{deepest(e)}: {e.message}" for e in validator_of(name).iter_errors(instance))


def paths(name: str, instance: Any) -> list[str]:
    return sorted(deepest(e) for e in validator_of(name).iter_errors(instance))


def deepest(error: jsonschema.ValidationError) -> str:
    """Where the error is: within an 'empty, or this' choice, the value's own place."""
    return str(best_match([error]).json_path)


# ---------------------------------------------------------------------------------------------
# Every key, type, enum and limit of the validators is in the schema


def keys(spec: Spec, path: str = "") -> Iterator[tuple[str, Key]]:
    """Every key of a spec with its dotted path, through lists, mappings and alternative shapes."""
    for key in spec:
        dotted = f"{path}.{key.name}" if path else key.name
        yield dotted, key
        yield from _nested(key.validate.rule, dotted)


def _nested(rule: Rule, path: str) -> Iterator[tuple[str, Key]]:
    if rule.item is not None:
        yield from _nested(rule.item, path)
    if rule.kind == "mapping":
        yield from keys(rule.spec, path)
    for alternative in rule.alternatives:
        yield from _nested(alternative, path)


def value_schema(property_schema: dict[str, Any], key: Key) -> dict[str, Any]:
    """The value part of a property: an optional key's schema is 'empty, or this'."""
    if key.required:
        return {k: v for k, v in property_schema.items() if k not in ("description", "default")}
    empty, *shapes = property_schema["anyOf"]
    assert empty == {"$ref": "#/$defs/empty"}
    return shapes[0] if len(shapes) == 1 else {"anyOf": shapes}


def assert_states(rule: Rule, shaped: dict[str, Any], where: str) -> None:
    """`shaped` states every limit of `rule`."""
    kind = rule.kind
    if kind in ("text", "term", "base-url"):
        assert (shaped["minLength"], shaped["maxLength"], shaped["pattern"]) == (
            rule.minimum,
            rule.maximum,
            rule.pattern,
        ), where
        assert "string" in shaped["type"], where
    elif kind == "number":
        number, text = shaped["anyOf"]
        assert number == {
            "type": "integer" if rule.whole else "number",
            "minimum": rule.minimum,
            "maximum": rule.maximum,
        }, where
        assert text == {"type": "string", "pattern": rule.pattern}, where
    elif kind == "choice":
        assert shaped == {"type": "string", "enum": list(rule.options)}, where
    elif kind == "language-code":
        assert shaped == {"type": "string", "enum": sorted(schema.LANGUAGE_CODES)}, where
    elif kind in ("date", "https-url", "email", "phone"):
        assert shaped["type"] == "string" and shaped["pattern"] == rule.pattern, where
    elif kind == "year-month":
        assert shaped["anyOf"] == [
            {"type": "string", "pattern": rule.pattern},
            {"type": "integer", "minimum": rule.minimum, "maximum": rule.maximum},
        ], where
    elif kind in ("username", "reference", "slug"):
        text = shaped["anyOf"][0]
        assert text["type"] == "string" and text["pattern"] == rule.pattern, where
        if rule.minimum is not None:
            assert (text["minLength"], text["maxLength"]) == (rule.minimum, rule.maximum), where
    elif kind == "list":
        assert rule.item is not None
        assert shaped["type"] == "array" and shaped["maxItems"] == rule.maximum, where
        assert shaped.get("minItems", 0) == rule.minimum, where
        assert shaped.get("uniqueItems", False) == rule.unique, where
        assert_states(rule.item, shaped["items"], where + "[]")
    elif kind == "mapping":
        assert_object(rule.spec, shaped, where)
    elif kind == "contact":
        assert len(shaped["anyOf"]) == len(rule.alternatives), where
        for alternative, alternative_schema in zip(rule.alternatives, shaped["anyOf"], strict=True):
            assert_states(alternative, alternative_schema, where)
    else:
        raise AssertionError(f"{where}: a rule of kind {kind!r} needs a case here")


def assert_object(spec: Spec, shaped: dict[str, Any], where: str) -> None:
    assert shaped["type"] == "object" and shaped["additionalProperties"] is False, where
    assert list(shaped["properties"]) == [key.name for key in spec], where
    assert shaped.get("required", []) == [key.name for key in spec if key.required], where
    for key in spec:
        assert_states(key.validate.rule, value_schema(shaped["properties"][key.name], key), f"{where}.{key.name}")


@pytest.mark.parametrize("name", [f.name for f in schemas.CONTENT_FILES])
def test_the_schema_states_every_key_and_limit_of_the_validators(name: str) -> None:
    shaped = schemas.content_schema(_file(name))
    VALIDATOR.check_schema(shaped)
    assert shaped["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert shaped["$id"] == f"urn:sitegen:schema:{name}"
    if name == "organisations":
        assert shaped["propertyNames"] == {"pattern": "^(?:[a-z0-9]+(?:-[a-z0-9]+)*)$"}
        assert_object(schema.ORGANISATION, shaped["additionalProperties"], name)
    else:
        assert_object(SPECS[name], shaped, name)


def test_fixed_values_of_the_profile_schema() -> None:
    """The derivation itself, on values written out here rather than read from the rules."""
    profile = schemas.content_schema(schemas.PROFILE)
    properties = profile["properties"]
    assert profile["required"] == ["name", "role", "organisation", "fields", "skills", "consent"]
    assert properties["skills"]["type"] == "array"
    assert (properties["skills"]["minItems"], properties["skills"]["maxItems"]) == (1, 12)
    assert properties["skills"]["uniqueItems"] is True
    assert properties["skills"]["items"]["maxLength"] == 80
    assert properties["fields"]["maxItems"] == 5
    summary = properties["summary"]["anyOf"][1]
    assert (summary["minLength"], summary["maxLength"]) == (1, 300)
    engagement = properties["engagement"]["anyOf"][1]
    assert engagement["items"] == {
        "type": "string",
        "enum": ["detachering", "publiek-tarief", "belangeloos", "zelfstandig"],
    }
    assert (engagement["minItems"], engagement["maxItems"]) == (1, 4)
    hours = properties["availability"]["anyOf"][1]["properties"]["hours_per_week"]["anyOf"][1]
    assert hours == {"type": "number", "minimum": 0, "maximum": 40}
    languages = properties["languages"]["anyOf"][1]["items"]["enum"]
    assert len(languages) == 183 and languages[:3] == ["aa", "ab", "ae"] and "fy" in languages
    assert properties["consent"] == {
        "description": "The day the member agreed to publication (AVG), YYYY-MM-DD.",
        "type": "string",
        "format": "date",
        "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
    }
    assert properties["visibility"]["default"] == "public"
    assert properties["internal"]["anyOf"][1]["properties"]["summary"]["description"] == (
        "Internal build only. One line for cards and search results."
    )
    config_schema = schemas.content_schema(schemas.SITEGEN)["properties"]
    assert config_schema["page_size"]["default"] == 24
    assert config_schema["page_size"]["anyOf"][1] == {"type": "integer", "minimum": 1, "maximum": 500}
    assert config_schema["language"]["default"] == "nl"
    assert config_schema["repository"]["anyOf"][1]["properties"]["branch"]["default"] == "main"
    assignment = schemas.content_schema(schemas.ASSIGNMENT)["properties"]
    assert assignment["engagement"]["anyOf"][1]["enum"] == [
        "detachering",
        "publiek-tarief",
        "belangeloos",
        "zelfstandig",
    ]
    assert assignment["hours_per_week"]["anyOf"][1] == {"type": "number", "minimum": 1, "maximum": 40}
    assert assignment["status"]["default"] == "open"


def test_every_key_has_a_description_and_every_description_a_key() -> None:
    used = set()
    for name, spec in SPECS.items():
        for path, _ in keys(spec):
            assert schemas.describe(name, path), f"{name}:{path}"
            used.add(f"{name}:{path.removeprefix('internal.')}")
    assert sorted(set(schemas.DESCRIPTIONS) - used) == []


# ---------------------------------------------------------------------------------------------
# The demo's files validate


DEMO_FRONT_MATTER = [
    (kind, path)
    for kind, folder in (("profile", "profiles"), ("assignment", "assignments"), ("page", "pages"))
    for path in sorted((REPO / "content" / folder).glob("*.md"))
]


@pytest.mark.parametrize(("kind", "path"), DEMO_FRONT_MATTER, ids=[p.name for _, p in DEMO_FRONT_MATTER])
def test_the_demos_front_matter_validates(kind: str, path: Path) -> None:
    assert errors(kind, front_matter(path)) == []


@pytest.mark.parametrize(
    ("name", "path"),
    [
        ("sitegen", "sitegen.yaml"),
        ("organisations", "content/organisations.yaml"),
        ("vocabulary", "content/vocabulary.yaml"),
    ],
)
def test_the_demos_yaml_files_validate(name: str, path: str) -> None:
    assert errors(name, yaml_file(REPO / path)) == []


def test_the_demos_own_schemas_accept_its_files() -> None:
    """The site-specific schemas (organisation ids as an enum) accept the site they were made for."""
    organisations, _ = config.load_organisations(REPO)
    vocabulary, _ = config.load_vocabulary(REPO)
    lists = schemas.site_lists(organisations, vocabulary)
    for kind, path in DEMO_FRONT_MATTER:
        validator = VALIDATOR(schemas.content_schema(_file(kind), lists), format_checker=FORMATS)
        assert list(validator.iter_errors(front_matter(path))) == [], path


# ---------------------------------------------------------------------------------------------
# Files that `sitegen check` refuses, the schema refuses too


PROFILE_HEAD = "name: Anna de Vries\nrole: Beleidsadviseur\norganisation: gemeente-tilburg\n"
PROFILE_LISTS = "fields: [Omgevingswet]\nskills: [verbindend]\nconsent: 2026-03-01\n"

# file name -> (front matter, the code `sitegen check` gives, the JSON path the schema names)
INVALID_PROFILES = {
    "unknown-key": (PROFILE_HEAD + PROFILE_LISTS + "visibilty: internal\n", "unknown-key", "$"),
    "missing-consent": (PROFILE_HEAD + "fields: [Omgevingswet]\nskills: [verbindend]\n", "missing-key", "$"),
    "empty-required": (
        PROFILE_HEAD + PROFILE_LISTS.replace("consent: 2026-03-01", "consent:"),
        "missing-key",
        "$.consent",
    ),
    "thirteen-skills": (
        PROFILE_HEAD
        + "fields: [Omgevingswet]\nskills: ["
        + ", ".join(f"s{n}" for n in range(13))
        + "]\nconsent: 2026-03-01\n",
        "too-many",
        "$.skills",
    ),
    "no-fields": (PROFILE_HEAD + PROFILE_LISTS.replace("[Omgevingswet]", "[]"), "too-few", "$.fields"),
    "skills-text": (PROFILE_HEAD + PROFILE_LISTS.replace("[verbindend]", "verbindend"), "wrong-type", "$.skills"),
    "long-summary": (PROFILE_HEAD + PROFILE_LISTS + "summary: " + "x" * 301 + "\n", "too-long", "$.summary"),
    "short-name": (PROFILE_HEAD.replace("Anna de Vries", "A") + PROFILE_LISTS, "too-short", "$.name"),
    "bad-date": (PROFILE_HEAD + PROFILE_LISTS.replace("2026-03-01", "2026-02-30"), "invalid-date", "$.consent"),
    "date-shape": (PROFILE_HEAD + PROFILE_LISTS.replace("2026-03-01", "1-3-2026"), "invalid-date", "$.consent"),
    "engagement": (
        PROFILE_HEAD + PROFILE_LISTS + "engagement: [detachering, vrijwillig]\n",
        "invalid-value",
        "$.engagement[1]",
    ),
    "rate-comma": (PROFILE_HEAD + PROFILE_LISTS + "rate: 87,50\n", "wrong-type", "$.rate"),
    "rate-range": (PROFILE_HEAD + PROFILE_LISTS + "rate: 1001\n", "out-of-range", "$.rate"),
    "hours": (
        PROFILE_HEAD + PROFILE_LISTS + "availability:\n  status: available\n  hours_per_week: 41\n",
        "out-of-range",
        "$.availability.hours_per_week",
    ),
    "no-status": (
        PROFILE_HEAD + PROFILE_LISTS + "availability:\n  hours_per_week: 8\n",
        "missing-key",
        "$.availability",
    ),
    "http": (
        PROFILE_HEAD + PROFILE_LISTS + "contact:\n  website: http://www.example.nl\n",
        "invalid-url",
        "$.contact.website",
    ),
    "credentials": (
        PROFILE_HEAD + PROFILE_LISTS + "contact:\n  website: https://anna:geheim@example.nl/\n",
        "invalid-url",
        "$.contact.website",
    ),
    "mailto": (
        PROFILE_HEAD + PROFILE_LISTS + "contact:\n  email: mailto:anna@example.nl\n",
        "invalid-email",
        "$.contact.email",
    ),
    "phone-number": (
        PROFILE_HEAD + PROFILE_LISTS + "contact:\n  phone: 31612345678\n",
        "wrong-type",
        "$.contact.phone",
    ),
    "language": (PROFILE_HEAD + PROFILE_LISTS + "languages: [nl, NL]\n", "invalid-value", "$.languages[1]"),
    "username": (PROFILE_HEAD + PROFILE_LISTS + "maintainers: ['@anna']\n", "invalid-username", "$.maintainers[0]"),
    "year": (
        PROFILE_HEAD + PROFILE_LISTS + "experience:\n  - role: Adviseur\n    organisation: Tilburg\n    from: 1939\n",
        "invalid-date",
        "$.experience[0].from",
    ),
    "organisation-id": (
        PROFILE_HEAD.replace("gemeente-tilburg", "Gemeente Tilburg") + PROFILE_LISTS,
        "invalid-reference",
        "$.organisation",
    ),
    "bidi": (
        PROFILE_HEAD.replace("Beleidsadviseur", '"Beleids\\u202eadviseur"') + PROFILE_LISTS,
        "invisible-character",
        "$.role",
    ),
    "control": (
        PROFILE_HEAD.replace("Beleidsadviseur", '"Beleids\\x07adviseur"') + PROFILE_LISTS,
        "control-character",
        "$.role",
    ),
    "internal-unknown": (PROFILE_HEAD + PROFILE_LISTS + "internal:\n  name: Anna\n", "unknown-key", "$.internal"),
}


@pytest.fixture(scope="module")
def refused(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[str]]:
    """The codes of the errors `sitegen check` reports, by file name, for a site of invalid profiles."""
    files: dict[str, str | bytes] = {
        f"content/profiles/{name}.md": f"---\n{text}---\n\nTekst.\n" for name, (text, _, _) in INVALID_PROFILES.items()
    }
    site = write_site(tmp_path_factory.mktemp("invalid") / "site", files)
    found: dict[str, list[str]] = {}
    for diagnostic in check(site).diagnostics:
        if diagnostic.is_error:
            found.setdefault(Path(diagnostic.path).stem, []).append(diagnostic.code)
    return found


@pytest.mark.parametrize("name", sorted(INVALID_PROFILES))
def test_what_check_refuses_the_schema_refuses(refused: dict[str, list[str]], name: str, tmp_path: Path) -> None:
    text, code, json_path = INVALID_PROFILES[name]
    assert refused[name] == [code]
    (tmp_path / "p.md").write_text(f"---\n{text}---\n", encoding="utf-8")
    found = [deepest(e) for e in validator_of("profile").iter_errors(front_matter(tmp_path / "p.md"))]
    assert sorted(set(found)) == [json_path]  # a date of the wrong shape breaks its pattern and its format


def test_invalid_settings_and_lists_are_refused() -> None:
    base_url = next(k for k in config.CONFIG if k.name == "base_url").validate.rule.pattern
    assert errors("sitegen", {"title": "T", "base_url": "http://example.org/"}) == [
        f"$.base_url: 'http://example.org/' does not match {base_url!r}"
    ]
    assert paths("sitegen", {"title": "T"}) == ["$"]
    assert paths("sitegen", {"title": "T", "base_url": "https://e.org/", "page_size": 0, "theme": "Eigen Thema"}) == [
        "$.page_size",
        "$.theme",
    ]
    organisations = {
        "Gemeente Tilburg": {"name": "GT", "type": "gemeente"},
        "gemeente-breda": {"name": "B", "type": "stad"},
    }
    assert paths("organisations", organisations) == ["$", "$['gemeente-breda'].name", "$['gemeente-breda'].type"]
    assert paths("vocabulary", {"fields": [], "skills": [{"aliases": ["x"]}], "regions": []}) == [
        "$",
        "$.fields",
        "$.skills[0]",
    ]


# ---------------------------------------------------------------------------------------------
# Value by value: the real loader and validator beside the schema

# YAML values to try, by rule kind. Each is tried under every key of that kind.
PROBES: dict[str, list[str]] = {
    "text": [
        "Anna",
        "A",
        "2019",
        "-3",
        "95.5",
        "87.50",
        "yes",
        "null",
        "'12:30'",
        "'0201234567'",
        '"a\\u202eb"',
        '"a\\x07b"',
        '"a\\tb"',
        '"a\\x1cb"',
        '"  veel   spaties  "',
        "''",
        "'   '",
        "x" * 81,
        "x" * 150,
        "x" * 151,
        "x" * 301,
        "[a]",
        "{a: b}",
    ],
    "choice": ["public", "Public", "open", "gemeente", "detachering", "available", "nl", "en", "zzz", "1"],
    "number": [
        "0",
        "16",
        "95.5",
        "87.50",
        "'16'",
        "'16.5'",
        "16.0",
        "1,5",
        "-1",
        "40",
        "41",
        "500",
        "501",
        "1000",
        "1001",
        "-1000",
        "-1001",
        "1e3",
        "abc",
        "[1]",
    ],
    "date": ["2026-03-02", "'2026-03-02'", "2026-02-30", "2-3-2026", "20260302", "2026", "'٢٠٢٦-٠٣-٠٢'", "2026-13-01"],
    "year-month": [
        "2021",
        "2021-03",
        "'2021'",
        "1939",
        "1940",
        "2100",
        "2101",
        "2021-13",
        "2021-00",
        "2100-12",
        "2021.5",
        "21",
        "2021-3",
    ],
    "https-url": [
        "https://www.example.nl/",
        "HTTPS://example.nl",
        "http://example.nl",
        "https://user@example.nl",
        "https://example",
        "'https://exa mple.nl'",
        "'https://example.nl/a\\b'",
        "https://medium.com/@anna",
        "'https://example.nl:8443/x?y=1#z'",
        "javascript:alert(1)",
        "//example.nl",
        "www.example.nl",
        "'https://example.nl/\u202e'",
        "https://xn--bcher-kva.example/",
    ],
    "email": [
        "anna@example.nl",
        "mailto:anna@example.nl",
        "anna@",
        "anna@example",
        "' anna@example.nl '",
        "anna.de.vries+x@sub.example.nl",
        "anna@-example.nl",
        "'anna @example.nl'",
    ],
    "phone": [
        "'06-12345678'",
        "06-12345678",
        "+31 6 1234 5678",
        "0612345678",
        "612345678",
        "'12345'",
        "'(013) 123 4567'",
        "013 123 4567",
        "' 013 123 4567 '",
        "06-1234567x",
    ],
    "username": ["anna-dev", "'@anna'", "12345", "1.5", "-3", "a" * 40, "a" * 39, "'anna dev'", "_anna"],
    "reference": ["gemeente-tilburg", "Gemeente Tilburg", "123", "gemeente--tilburg", "1.5", "-3"],
    "slug": ["eigen-thema", "Eigen", "x" * 61, "42", "default"],
    "language-code": ["nl", "NL", "xx", "fy", "nld"],
    "base-url": [
        "https://example.org/",
        "https://example.org/netwerk",
        "http://localhost:8000/",
        "http://127.0.0.1/",
        "http://example.org/",
        "'https://example.org/?q=1'",
        "'https://example.org/#x'",
        "https://user@example.org/",
        "HTTPS://EXAMPLE.ORG/",
        "http://LOCALHOST/",
        "'https://:80/'",
        "https://intranet/",
    ],
    "contact": ["anna-de-vries", "Anna", "{name: Bram Jansen, email: b@example.nl}", "{email: b@example.nl}"],
}
PROBES["term"] = PROBES["text"]

PROBED_KEYS = [
    (document, path, key)
    for document, spec in SPECS.items()
    for path, key in keys(spec)
    if key.validate.rule.kind in PROBES
]


def _check_accepts(key: Key, probe: str) -> bool:
    node = yamlstrict.load(f"v: {probe}\n")
    ctx = schema.Context("x.md")
    values = schema.validate_mapping(node, (Key("v", key.validate, required=True),), "", ctx)
    return isinstance(values, dict) and not ctx.diagnostics_have_errors()


def _schema_accepts(document: str, path: str, key: Key, probe: str) -> bool:
    shaped = schemas.Builder(document).key(Key(key.name, key.validate, required=True), path)
    validator = VALIDATOR(
        {"$defs": {"empty": {"enum": [None, ""]}}, "type": "object", "properties": {"v": shaped}},
        format_checker=FORMATS,
    )
    return bool(validator.is_valid({"v": loader_view(yamlstrict.load(f"v: {probe}\n").entries[0].value)}))


def _lenient(key: Key, probe: str) -> bool:
    """The cases JSON Schema cannot say: lengths of what the loader read as a number, and of spaces."""
    rule = key.validate.rule
    value = yamlstrict.load(f"v: {probe}\n").entries[0].value
    if (
        rule.kind in ("text", "term", "slug", "username", "reference")
        and isinstance(value, yamlstrict.Scalar)
        and isinstance(value.value, (int, float))
    ):
        return True  # a number stands for its digits; JSON Schema counts no length of a number
    if rule.kind in ("text", "term") and probe in ("'   '", '"  veel   spaties  "'):
        return True  # lengths count after runs of spaces become one
    if (
        rule.kind == "number"
        and rule.whole
        and isinstance(value, yamlstrict.Scalar)
        and isinstance(value.value, float)
        and value.value.is_integer()
    ):
        return True  # JSON Schema counts 16.0 as an integer
    # decimal text (87.50): JSON Schema compares no text with a minimum or maximum
    return rule.kind == "number" and isinstance(value, yamlstrict.Scalar) and isinstance(value.value, str)


@pytest.mark.parametrize(("document", "path", "key"), PROBED_KEYS, ids=[f"{d}:{p}" for d, p, _ in PROBED_KEYS])
def test_the_schema_agrees_with_the_validator(document: str, path: str, key: Key) -> None:
    disagreements = []
    for probe in PROBES[key.validate.rule.kind]:
        by_check = _check_accepts(key, probe)
        by_schema = _schema_accepts(document, path, key, probe)
        if by_check and not by_schema:
            disagreements.append(f"{probe}: the schema refuses what sitegen check accepts")
        elif not by_check and by_schema and not _lenient(key, probe):
            disagreements.append(f"{probe}: the schema accepts what sitegen check refuses")
    assert disagreements == []


def test_every_kind_is_probed() -> None:
    kinds = {key.validate.rule.kind for spec in SPECS.values() for _, key in keys(spec)}
    assert kinds - set(PROBES) == {"list", "mapping"}  # their items and keys are probed


def test_the_patterns_read_alike_in_python_and_ecma_262() -> None:
    """No class shorthand whose meaning differs between the two dialects, no flags, no look-behind."""
    patterns = {key.validate.rule.pattern for spec in SPECS.values() for _, key in keys(spec)} - {""}
    for pattern in patterns:
        assert pattern.startswith("^") and pattern.endswith("$"), pattern
        for shorthand in ("\\d", "\\s", "\\w", "\\b", "(?<", "(?i", "\\Z", "\\A"):
            assert shorthand not in pattern, (pattern, shorthand)


def test_whitespace_is_what_python_calls_white_space() -> None:
    assert {chr(c) for c in range(0x110000) if chr(c).isspace()} == schema.WHITESPACE


# ---------------------------------------------------------------------------------------------
# A site's own schemas


def test_a_sites_schemas_know_its_organisations_and_terms(tmp_path: Path) -> None:
    vocabulary = "fields:\n  - term: Wonen\n    aliases: [volkshuisvesting]\nskills:\n  - term: Python\n"
    site = write_site(tmp_path / "site", {"content/vocabulary.yaml": vocabulary})
    lists = schemas.site_lists(config.load_organisations(site)[0], config.load_vocabulary(site)[0])
    assert lists == schemas.SiteLists(("gemeente-tilburg", "waterschap-de-dommel"), ("Wonen",), ("Python",))
    profile = schemas.content_schema(schemas.PROFILE, lists)
    assert profile["properties"]["organisation"]["enum"] == ["gemeente-tilburg", "waterschap-de-dommel"]
    assert profile["properties"]["fields"]["items"]["examples"] == ["Wonen"]
    general = VALIDATOR(schemas.content_schema(schemas.PROFILE), format_checker=FORMATS)
    own = VALIDATOR(profile, format_checker=FORMATS)
    member = {
        "name": "Anna",
        "role": "Adviseur",
        "organisation": "gemeente-breda",
        "fields": ["volkshuisvesting"],
        "skills": ["python"],
        "consent": "2026-03-01",
    }
    assert general.is_valid(member)
    assert [e.json_path for e in own.iter_errors(member)] == ["$.organisation"]
    assert own.is_valid(member | {"organisation": "gemeente-tilburg"})  # aliases and case: for sitegen check


def test_digit_ids_are_numbers_to_the_loader(tmp_path: Path) -> None:
    lists = schemas.SiteLists(("123", "gemeente-tilburg"))
    shaped = schemas.Builder("profile", site=lists).value(schema.PROFILE[2].validate.rule, "organisation")
    assert shaped == {"type": ["string", "integer"], "enum": ["123", "gemeente-tilburg", 123]}


# ---------------------------------------------------------------------------------------------
# The command


def run(*args: str) -> tuple[int, str, str]:
    import io

    out, err = io.StringIO(), io.StringIO()
    status = cli.main(list(args), out, err)
    return status, out.getvalue(), err.getvalue()


EXPECTED_FILES = [
    "api-v1-assignments.schema.json",
    "api-v1-organisations.schema.json",
    "api-v1-profiles.schema.json",
    "assignment.schema.json",
    "organisations.schema.json",
    "page.schema.json",
    "profile.schema.json",
    "sitegen.schema.json",
    "vocabulary.schema.json",
]


def test_sitegen_schema_writes_the_schemas(tmp_path: Path) -> None:
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "settings.json").write_text("{}\n", encoding="utf-8")  # other files stay
    status, out, err = run("schema", "--out", str(tmp_path / "out"))
    assert (status, out) == (0, "")
    assert err == f"sitegen: wrote 9 JSON Schemas (general) to {tmp_path / 'out'}\n"
    written = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert written == sorted([*EXPECTED_FILES, "settings.json"])
    for name in EXPECTED_FILES:
        data = (tmp_path / "out" / name).read_bytes()
        assert data.endswith(b"}\n") and json.loads(data)["$id"].startswith("urn:sitegen:schema:")
        VALIDATOR.check_schema(json.loads(data))
    assert run("schema", "--out", str(tmp_path / "again"))[0] == 0
    assert {n: (tmp_path / "again" / n).read_bytes() for n in EXPECTED_FILES} == {
        n: (tmp_path / "out" / n).read_bytes() for n in EXPECTED_FILES
    }


def test_sitegen_schema_for_a_site(tmp_path: Path) -> None:
    status, _, err = run("schema", str(REPO), "--out", str(tmp_path / "demo"))
    assert status == 0 and err == f"sitegen: wrote 9 JSON Schemas for the site in {REPO} to {tmp_path / 'demo'}\n"
    profile = json.loads((tmp_path / "demo" / "profile.schema.json").read_text(encoding="utf-8"))
    organisations, _ = config.load_organisations(REPO)
    assert profile["properties"]["organisation"]["enum"] == sorted(organisations)


def test_sitegen_schema_refuses_a_broken_site_and_a_file_as_folder(tmp_path: Path) -> None:
    site = write_site(tmp_path / "site", {"content/organisations.yaml": "Gemeente Tilburg:\n  name: T\n"})
    status, out, err = run("schema", str(site), "--out", str(tmp_path / "out"))
    assert status == 1 and not (tmp_path / "out").exists()
    assert out.startswith("content/organisations.yaml:1:1: error: 'Gemeente Tilburg' is geen geldige organisatie-id")
    assert err == "sitegen: geen schema's geschreven: los eerst de fouten hierboven op\n"  # a Dutch site
    english = write_site(
        tmp_path / "english", {**ENGLISH, "content/organisations.yaml": "Gemeente Tilburg:\n  name: T\n"}
    )
    status, out, err = run("schema", str(english), "--out", str(tmp_path / "out"))
    assert status == 1 and not (tmp_path / "out").exists()
    assert out.startswith("content/organisations.yaml:1:1: error: 'Gemeente Tilburg' is not a valid organisation id")
    assert err == "sitegen: no schemas written: fix the errors above\n"
    (tmp_path / "file").write_text("x", encoding="utf-8")
    assert run("schema", "--out", str(tmp_path / "file"))[::2] == (
        2,
        f"sitegen: error: --out: '{tmp_path / 'file'}' is a file, not a folder\n",
    )
    assert run("schema", str(tmp_path / "nowhere"), "--out", str(tmp_path / "x"))[::2] == (
        2,
        f"sitegen: error: de map van de site '{tmp_path / 'nowhere'}' bestaat niet\n",  # no site: Dutch
    )
    assert run("schema")[0] == 2  # --out is required
