"""Each record is declared twice: its validator spec (`schema.py`, `config.py`) and its frozen
dataclass (`models.py`, `config.py`, `codehost.py`), joined by `Record(**values)`. We keep both:
the spec is where the rules and messages live, the dataclass is what the rest of the code types
against, and deriving one from the other would hide either behind metaprogramming. These tests
are what keeps them together: when one side drifts, every member's file would otherwise fail
with "this is a bug in sitegen". The same goes for the tables that exist once per language.
"""

from __future__ import annotations

import dataclasses
import string
from typing import Any

import pytest

from sitegen import codehost, config, i18n, models, schema, search, urls

# Attributes the build sets itself, never read from a file.
BUILT = {"slug", "source", "body_html", "photo", "lines", "home", "also_in"}

DECLARATIONS: list[tuple[str, schema.Spec, type[Any], set[str]]] = [
    ("profile", schema.PROFILE, models.Profile, BUILT),
    ("assignment", schema.ASSIGNMENT, models.Assignment, BUILT),
    ("page", schema.PAGE, models.Page, BUILT),
    ("experience", schema.EXPERIENCE, models.Experience, set()),
    ("availability", schema.AVAILABILITY, models.Availability, set()),
    ("contact", schema.CONTACT, models.Contact, set()),
    ("person contact", schema.PERSON_CONTACT, models.PersonContact, set()),
    ("organisation", schema.ORGANISATION, models.Organisation, {"id", "line"}),
    ("term", schema.TERM, models.Term, set()),
    ("sitegen.yaml", config.CONFIG, config.SiteConfig, set()),
    ("repository", config.REPOSITORY, codehost.Repository, set()),
    ("matching", config.MATCHING, config.Matching, set()),
    ("matching weights", config.WEIGHTS, config.MatchWeights, set()),
    ("network", config.NETWORK, config.Network, {"line"}),
]
IDS = [name for name, *_ in DECLARATIONS]


def _has_default(field: dataclasses.Field[Any]) -> bool:
    return field.default is not dataclasses.MISSING or field.default_factory is not dataclasses.MISSING


def _fields(record: type[Any]) -> dict[str, dataclasses.Field[Any]]:
    return {field.name: field for field in dataclasses.fields(record) if field.init}


@pytest.mark.parametrize(("name", "spec", "record", "built"), DECLARATIONS, ids=IDS)
def test_every_key_is_an_attribute_and_every_attribute_a_key(
    name: str, spec: schema.Spec, record: type[Any], built: set[str]
) -> None:
    keys = [key.attribute for key in spec]
    assert len(keys) == len(set(keys)), f"{name}: a key is declared twice"
    assert set(keys) == set(_fields(record)) - built


@pytest.mark.parametrize(("name", "spec", "record", "built"), DECLARATIONS, ids=IDS)
def test_required_keys_are_the_attributes_without_a_default(
    name: str, spec: schema.Spec, record: type[Any], built: set[str]
) -> None:
    fields = _fields(record)
    required = {key.attribute for key in spec if key.required}
    assert required == {attr for attr, field in fields.items() if attr not in built and not _has_default(field)}


def _allowed(rule: schema.Rule, value: Any) -> bool:
    """Whether the validator's rule admits a default the dataclass declares."""
    if value is None or value == () or value == {}:
        return True  # absent: the key is optional
    if rule.options:
        return value in rule.options
    if rule.kind == "number":
        return (rule.minimum is None or rule.minimum <= value) and (rule.maximum is None or value <= rule.maximum)
    if rule.kind == "text":
        return isinstance(value, str) and (rule.minimum or 0) <= len(value) <= (rule.maximum or len(value))
    return True  # a nested record: its own keys are checked by its own declaration


@pytest.mark.parametrize(("name", "spec", "record", "built"), DECLARATIONS, ids=IDS)
def test_every_default_is_a_value_the_validator_accepts(
    name: str, spec: schema.Spec, record: type[Any], built: set[str]
) -> None:
    fields = _fields(record)
    for key in spec:
        field = fields[key.attribute]
        if field.default is not dataclasses.MISSING:
            assert _allowed(key.validate.rule, field.default), f"{name}.{key.name}: default {field.default!r}"


def test_the_defaults_that_members_and_coordinators_rely_on() -> None:
    """The documented defaults (docs/content-format.md, the starter sitegen.yaml)."""
    site = config.SiteConfig(title="t", base_url="https://example.org/")
    assert (site.language, site.page_size, site.theme, site.coordinators) == ("nl", 24, "default", ())
    assert models.Profile.__dataclass_fields__["visibility"].default == "public"
    assert models.Assignment.__dataclass_fields__["visibility"].default == "public"


PER_LANGUAGE = {
    "interface catalog": i18n.CATALOG,
    "language names": i18n.LANGUAGE_NAMES,
    "section names": urls.SECTIONS,
    "facet parameters": search.FACET_PARAMETERS,
}


@pytest.mark.parametrize("table", PER_LANGUAGE.values(), ids=PER_LANGUAGE.keys())
def test_every_language_has_the_same_keys(table: dict[str, dict[str, str]]) -> None:
    assert set(table) == {"nl", "en"}
    assert set(table["nl"]) == set(table["en"])


def test_every_interface_text_takes_the_same_parameters_in_each_language() -> None:
    def parameters(text: str) -> set[str]:
        return {name for _, name, _, _ in string.Formatter().parse(text) if name}

    english = i18n.CATALOG["en"]
    differing = [key for key, text in i18n.CATALOG["nl"].items() if parameters(text) != parameters(english[key])]
    assert differing == []


def test_the_per_language_tuples_match() -> None:
    assert len(i18n.MONTHS["nl"]) == len(i18n.MONTHS["en"]) == 12
    assert set(urls.PROFILE_PARAMETER) == {"nl", "en"}
    assert set(search.FACET_PARAMETERS["nl"]) == {*search.FACETS, search.NETWORK_FACET}
    # Two sections or facets with one name would share a folder or a query parameter.
    for language in ("nl", "en"):
        assert len(set(urls.SECTIONS[language].values())) == len(urls.SECTIONS[language])
        assert len(set(search.FACET_PARAMETERS[language].values())) == len(search.FACET_PARAMETERS[language])
