"""Every validator carries its rule as data, and the rule says what the validator does.

The JSON Schemas and the profile form are derived from these rules, so a rule that drifted from
its validator would let an editor or the form accept what `sitegen check` refuses. These tests
probe each validator of every spec at the limits its rule states.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from sitegen import config, schema
from sitegen.schema import INVALID, Context, Key, Rule, Validator
from sitegen.yamlstrict import Entry, Mapping, Node, Scalar, Sequence

SPECS: dict[str, schema.Spec] = {
    "profile": schema.PROFILE,
    "assignment": schema.ASSIGNMENT,
    "page": schema.PAGE,
    "organisation": schema.ORGANISATION,
    "term": schema.TERM,
    "config": config.CONFIG,
}

# A value each kind accepts, as the YAML loader would hand it over.
SAMPLES: dict[str, Node] = {
    "date": Scalar("2026-03-01", "2026-03-01", 1, 4),
    "year-month": Scalar("2021-03", "2021-03", 1, 4),
    "https-url": Scalar("https://www.example.nl/", "https://www.example.nl/", 1, 4),
    "base-url": Scalar("https://www.example.nl/", "https://www.example.nl/", 1, 4),
    "email": Scalar("anna@example.nl", "anna@example.nl", 1, 4),
    "phone": Scalar("06-12345678", "06-12345678", 1, 4),
    "username": Scalar("anna-dev", "anna-dev", 1, 4),
    "reference": Scalar("gemeente-tilburg", "gemeente-tilburg", 1, 4),
    "slug": Scalar("eigen-thema", "eigen-thema", 1, 4),
    "language-code": Scalar("nl", "nl", 1, 4),
    "contact": Scalar("anna-de-vries", "anna-de-vries", 1, 4),
}


# Keys whose validators check more than their rule can say (the code host behind a repository URL).
SAMPLES_BY_KEY: dict[str, Node] = {
    "config:repository": Mapping(
        (Entry("url", 2, 3, Scalar("https://github.com/netwerk/site", "https://github.com/netwerk/site", 2, 8)),), 1, 4
    ),
    # A network needs one of `url` and `path` besides its name (config._network).
    "config:networks": Sequence(
        (
            Mapping(
                (
                    Entry("name", 2, 3, Scalar("Noord", "Noord", 2, 9)),
                    Entry("path", 3, 3, Scalar("../noord/output", "../noord/output", 3, 9)),
                ),
                2,
                3,
            ),
        ),
        1,
        4,
    ),
}


def keys(spec: schema.Spec, prefix: str = "") -> Iterator[tuple[str, Key]]:
    for key in spec:
        yield prefix + key.name, key
        nested = key.validate.rule
        while nested.kind == "list" and nested.item is not None:
            nested = nested.item
        if nested.kind == "mapping":
            yield from keys(nested.spec, f"{prefix}{key.name}.")


ALL_KEYS = [(f"{kind}:{name}", key) for kind, spec in SPECS.items() for name, key in keys(spec)]


def text_node(length: int) -> Scalar:
    return Scalar("x" * length, "x" * length, 1, 4)


def sample(rule: Rule) -> Node:
    """A node that the validator with this rule accepts."""
    if rule.kind in ("text", "term"):
        return text_node(int(rule.minimum or 1))
    if rule.kind == "choice":
        return Scalar(rule.options[0], rule.options[0], 1, 4)
    if rule.kind == "number":
        value = rule.minimum if rule.minimum is not None else 0
        return Scalar(int(value), str(int(value)), 1, 4)
    if rule.kind == "list":
        assert rule.item is not None
        items = [sample(rule.item) for _ in range(max(1, int(rule.minimum or 0)))]
        if rule.unique and rule.item.kind in ("text", "term"):
            items = [text_node(int(rule.item.minimum or 1) + n) for n in range(len(items))]
        return Sequence(tuple(items), 1, 4)
    if rule.kind == "mapping":
        return Mapping(tuple(_entry(key) for key in rule.spec if key.required), 1, 4)
    return SAMPLES[rule.kind]


def _entry(key: Key) -> Entry:
    return Entry(key.name, 2, 3, sample(key.validate.rule))


def run(validator: Validator, node: Node) -> tuple[Any, list[str]]:
    ctx = Context("content/profiles/x.md")
    value = validator(node, "v", ctx)
    return value, [d.code for d in ctx.diagnostics]


@pytest.mark.parametrize(("name", "key"), ALL_KEYS, ids=[name for name, _ in ALL_KEYS])
def test_every_validator_carries_its_rule_and_accepts_a_sample(name: str, key: Key) -> None:
    assert isinstance(key.validate, Validator)
    value, codes = run(key.validate, SAMPLES_BY_KEY.get(name) or sample(key.validate.rule))
    assert value is not INVALID and codes == [], name


@pytest.mark.parametrize(("name", "key"), ALL_KEYS, ids=[name for name, _ in ALL_KEYS])
def test_the_rule_states_the_validators_limits(name: str, key: Key) -> None:
    rule = key.validate.rule
    if rule.kind in ("text", "term"):
        assert rule.minimum is not None and rule.maximum is not None
        assert run(key.validate, text_node(int(rule.maximum)))[1] == []
        assert run(key.validate, text_node(int(rule.maximum) + 1))[1] == ["too-long"]
        if rule.minimum > 1:
            assert run(key.validate, text_node(int(rule.minimum) - 1))[1] == ["too-short"]
    elif rule.kind == "number":
        assert rule.minimum is not None and rule.maximum is not None
        top = int(rule.maximum)
        assert run(key.validate, Scalar(top, str(top), 1, 4))[1] == []
        assert run(key.validate, Scalar(top + 1, str(top + 1), 1, 4))[1] == ["out-of-range"]
        bottom = int(rule.minimum)
        assert run(key.validate, Scalar(bottom - 1, str(bottom - 1), 1, 4))[1] == ["out-of-range"]
        assert run(key.validate, Scalar(bottom + 0.5, str(bottom + 0.5), 1, 4))[1] == (
            ["wrong-type"] if rule.whole else []
        )
    elif rule.kind == "choice":
        for option in rule.options:
            assert run(key.validate, Scalar(option, option, 1, 4))[1] == []
        assert run(key.validate, Scalar("zzz", "zzz", 1, 4))[1] == ["invalid-value"]
    elif rule.kind == "list":
        assert rule.item is not None and rule.maximum is not None
        too_many = int(rule.maximum) + 1
        items = tuple(sample(rule.item) for _ in range(too_many))
        assert run(key.validate, Sequence(items, 1, 4))[1] == ["too-many"]
        if rule.minimum:
            assert run(key.validate, Sequence((), 1, 4))[1] == ["too-few"]
    elif rule.kind == "mapping":
        for required in (k for k in rule.spec if k.required):
            others = tuple(_entry(k) for k in rule.spec if k.required and k is not required)
            assert "missing-key" in run(key.validate, Mapping(others, 1, 4))[1]
        assert run(key.validate, Mapping((_unknown(),), 1, 4))[1][:1] == ["unknown-key"]
    else:
        assert rule.kind in SAMPLES, f"{name}: a rule of kind {rule.kind!r} needs a sample here"


def _unknown() -> Entry:
    return Entry("zzz-unknown", 2, 3, Scalar("x", "x", 2, 8))


def test_required_keys_of_the_specs_are_the_documented_ones() -> None:
    required = {kind: sorted(k.name for k in spec if k.required) for kind, spec in SPECS.items()}
    assert required == {
        "profile": ["consent", "fields", "name", "organisation", "role", "skills"],
        "assignment": ["deadline", "fields", "organisation", "posted", "skills", "title"],
        "page": ["title"],
        "organisation": ["name", "type"],
        "term": ["term"],
        "config": ["base_url", "title"],
    }
