"""schemacheck.py: the export item schemas compiled to plain checks, held against jsonschema.

The compiled check lets an imported item through without asking jsonschema, so it must never
pass an item jsonschema rejects. Every item of the golden exports is mutated at every place
(each value replaced by values of every kind and at every limit, each key removed, a key added)
and the check must answer exactly as jsonschema's validator with its FormatChecker does.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator, FormatChecker

from sitegen import exports, federation, schemacheck

GOLDEN = Path(__file__).parent / "golden/small/api/v1"

PROBES: list[Any] = [
    None,
    True,
    False,
    0,
    1,
    -1,
    0.5,
    40,
    41,
    1000,
    1001,
    float("nan"),
    float("inf"),
    "",
    "a",
    "ab",
    "x" * 81,
    "x" * 101,
    "x" * 151,
    "x" * 301,
    "Naam\u200e",
    "naam\x07",
    "Goed-slug",
    "goed-slug",
    "2026-02-30",
    "2026-13-01",
    "2026-06-01",
    "2021",
    "2021-13",
    "piet@example.org",
    "piet@",
    "+31 6 1234 5678",
    "https://example.org/x/",
    "available",
    "open",
    "nl",
    "NL",
    "detachering",
    [],
    ["a"],
    ["a", "a"],
    ["nl", "nl"],
    ["nl", "en"],
    [1, 1],
    [1, True],
    [None],
    ["x"] * 13,
    ["x" * 81],
    ["detachering"],
    {},
    {"id": "gemeente-x", "name": "Gemeente X"},
    {"status": "available", "hours_per_week": 8, "from": None, "until": None},
    {"status": "unavailable", "hours_per_week": None, "from": "2026-02-30", "until": None},
    {"email": "piet@example.org", "phone": None, "website": None, "linkedin": None},
    {"name": "Piet", "email": None, "phone": None, "profile": None, "url": None},
    [{"role": "Jurist", "organisation": "Gemeente X", "from": "2021", "to": None}],
    [{"role": "Jurist", "organisation": "Gemeente X", "from": "1900"}],
]


def _items() -> Iterator[tuple[str, dict[str, Any]]]:
    for kind in ("profiles", "assignments"):
        for item in json.loads((GOLDEN / f"{kind}.json").read_text(encoding="utf-8"))[kind]:
            yield kind, item


def _places(value: Any, path: tuple[str | int, ...] = ()) -> Iterator[tuple[str | int, ...]]:
    yield path
    if isinstance(value, dict):
        for key, inner in value.items():
            yield from _places(inner, (*path, key))
    elif isinstance(value, list):
        for index, inner in enumerate(value):
            yield from _places(inner, (*path, index))


def _replaced(item: Any, path: tuple[str | int, ...], new: Any) -> Any:
    if not path:
        return copy.deepcopy(new)
    changed = copy.deepcopy(item)
    parent = changed
    for part in path[:-1]:
        parent = parent[part]
    parent[path[-1]] = copy.deepcopy(new)
    return changed


def _mutations(item: dict[str, Any]) -> Iterator[Any]:
    yield item
    for path in _places(item):
        for probe in PROBES:
            yield _replaced(item, path, probe)
        if path:
            changed = copy.deepcopy(item)
            parent: Any = changed
            for part in path[:-1]:
                parent = parent[part]
            del parent[path[-1]]  # a key removed, an element dropped
            yield changed
        yield _replaced(item, (*path, "later"), 1) if isinstance(_at(item, path), dict) else item


def _at(item: Any, path: tuple[str | int, ...]) -> Any:
    for part in path:
        item = item[part]
    return item


@pytest.mark.parametrize("kind", ["profiles", "assignments"])
def test_the_compiled_check_answers_as_jsonschema_does(kind: str) -> None:
    validator = federation._validator(kind, "item")
    check = federation._item_check(kind)
    tried = accepted = 0
    for item_kind, item in _items():
        if item_kind != kind:
            continue
        for mutated in _mutations(item):
            expected = validator.is_valid(mutated)
            assert check(mutated) == expected, (expected, mutated)
            tried += 1
            accepted += expected
    assert tried > 1000 and 0 < accepted < tried


def test_it_says_no_where_it_cannot_judge_exactly_and_never_yes() -> None:
    formats = FormatChecker()
    unique = {"type": "array", "uniqueItems": True}
    assert schemacheck.compile_check(unique, formats)([1, True]) is False  # jsonschema: unique (1 is not True)
    assert Draft202012Validator(unique).is_valid([1, True])
    assert schemacheck.compile_check(unique, formats)(["a", "b"]) is True
    numbers = {"enum": [1, 2]}
    assert schemacheck.compile_check(numbers, formats)(1) is False
    assert Draft202012Validator(numbers).is_valid(1)


def test_a_keyword_it_does_not_know_is_refused_when_compiling() -> None:
    with pytest.raises(ValueError, match="schemacheck cannot compile the keyword 'oneOf'"):
        schemacheck.compile_check({"type": "object", "properties": {"a": {"oneOf": []}}}, FormatChecker())
    with pytest.raises(ValueError, match="schemacheck cannot compile the type 'integer'"):
        schemacheck.compile_check({"type": "integer"}, FormatChecker())


def test_the_export_schemas_compile_whole() -> None:
    for kind in exports.KINDS:
        schema = exports.export_schema(kind)
        check = schemacheck.compile_check(schema, FormatChecker())
        document = json.loads((GOLDEN / f"{kind}.json").read_text(encoding="utf-8"))
        assert check(document) is Draft202012Validator(schema, format_checker=FormatChecker()).is_valid(document)
