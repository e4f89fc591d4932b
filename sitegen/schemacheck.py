"""A JSON Schema compiled once into plain Python checks: the fast first look at an imported item.

jsonschema walks a schema for every instance (about 0.5 ms for one exported profile, whether
with `iter_errors` or `is_valid`), which made importing a 10,000-profile network take seconds of
validation alone. `compile_check` turns a schema into nested closures, once, for the keywords
sitegen's export schemas use (`exports.export_schema`, generated from schema.py's rules), each
applied as jsonschema applies it (the same regular expressions with `re.search`, lengths in code
points, `bool` never a number, the same `FormatChecker` for `format`). Any other keyword is a
`ValueError` when compiling, so a schema that grows a keyword cannot be checked half.

The check may be stricter than jsonschema, never looser: where exactness would take work (a
`uniqueItems` list that holds more than strings, an `enum` of other values than strings) it says
"no". federation.py asks jsonschema whenever the check says no, so jsonschema alone decides what
is invalid and words every diagnostic, and what the check lets through is what jsonschema lets
through (`tests/test_schemacheck.py` holds the two side by side over mutated items).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

from jsonschema import FormatChecker

Check = Callable[[Any], bool]

# Keywords that say nothing about validity.
ANNOTATIONS = frozenset({"description", "title", "$schema", "$id", "$comment", "examples", "default"})

_TYPES: dict[str, Check] = {
    "object": lambda value: isinstance(value, dict),
    "array": lambda value: isinstance(value, list),
    "string": lambda value: isinstance(value, str),
    "number": lambda value: isinstance(value, (int, float)) and not isinstance(value, bool),
    "null": lambda value: value is None,
    "boolean": lambda value: isinstance(value, bool),
}


def compile_check(schema: Mapping[str, Any] | bool, format_checker: FormatChecker) -> Check:
    """A function that is True for an instance only when `schema` (with `format_checker`) accepts it."""
    if isinstance(schema, bool):  # true accepts everything, false nothing
        accepted = schema
        return lambda value: accepted
    for keyword in schema:
        if keyword not in ANNOTATIONS and keyword not in _KEYWORDS:
            raise ValueError(f"schemacheck cannot compile the keyword {keyword!r}")
    checks: list[Check] = []
    left = dict(schema)
    fused = _FUSED.get(schema.get("type", ""))
    if fused is not None:  # the type's own keywords in one function, which knows the type
        checks.append(fused(left, format_checker))  # takes the keywords it checked out of `left`
    for keyword, compile_keyword in _KEYWORDS.items():
        if keyword in left:
            checks.append(compile_keyword(left[keyword], schema, format_checker))
    return _all(checks)


def _all(checks: list[Check]) -> Check:
    if not checks:
        return lambda value: True
    if len(checks) == 1:
        return checks[0]
    found = tuple(checks)

    def check(value: Any) -> bool:
        for each in found:  # noqa: SIM110 - a loop: all() over a generator costs twice as much here
            if not each(value):
                return False
        return True

    return check


def _string(left: dict[str, Any], formats: FormatChecker) -> Check:
    """type: string with its lengths, pattern, format and an enum or const of strings."""
    del left["type"]
    shortest: int = left.pop("minLength", 0)
    longest: int | None = left.pop("maxLength", None)
    pattern = left.pop("pattern", None)
    search = None if pattern is None else re.compile(pattern).search
    name: str | None = left.pop("format", None)
    conforms = formats.conforms
    allowed: frozenset[str] | None = None
    if "enum" in left and all(isinstance(each, str) for each in left["enum"]):
        allowed = frozenset(left.pop("enum"))
    if "const" in left and isinstance(left["const"], str):
        allowed = frozenset([left.pop("const")]) if allowed is None else allowed & {left.pop("const")}

    def check(value: Any) -> bool:
        if not isinstance(value, str):
            return False
        size = len(value)  # code points, as jsonschema counts
        if size < shortest or (longest is not None and size > longest):
            return False
        if search is not None and search(value) is None:
            return False
        if allowed is not None and value not in allowed:
            return False
        return name is None or conforms(value, name)

    return check


def _array(left: dict[str, Any], formats: FormatChecker) -> Check:
    """type: array with its sizes, items and uniqueItems (judged here for strings only)."""
    del left["type"]
    fewest: int = left.pop("minItems", 0)
    most: int | None = left.pop("maxItems", None)
    each = compile_check(left.pop("items", True), formats)
    unique: bool = left.pop("uniqueItems", False)

    def check(value: Any) -> bool:
        if not isinstance(value, list):
            return False
        size = len(value)
        if size < fewest or (most is not None and size > most):
            return False
        for element in value:
            if not each(element):
                return False
        if unique and size > 1:
            # only a list of strings is judged here; any other is left to jsonschema
            for element in value:
                if not isinstance(element, str):
                    return False
            return len(set(value)) == size
        return True

    return check


def _object(left: dict[str, Any], formats: FormatChecker) -> Check:
    """type: object with its properties and required ones; other keys are allowed."""
    del left["type"]
    properties = tuple((name, compile_check(sub, formats)) for name, sub in left.pop("properties", {}).items())
    needed = tuple(left.pop("required", ()))

    def check(value: Any) -> bool:
        if not isinstance(value, dict):
            return False
        for name in needed:
            if name not in value:
                return False
        for name, each in properties:  # noqa: SIM110 - a loop, as in _all
            if name in value and not each(value[name]):
                return False
        return True

    return check


_FUSED: dict[str, Callable[[dict[str, Any], FormatChecker], Check]] = {
    "string": _string,
    "array": _array,
    "object": _object,
}


def _type(expected: Any, schema: Mapping[str, Any], formats: FormatChecker) -> Check:
    names = [expected] if isinstance(expected, str) else list(expected)
    if any(name not in _TYPES for name in names):
        raise ValueError(f"schemacheck cannot compile the type {expected!r}")
    tests = tuple(_TYPES[name] for name in names)
    return tests[0] if len(tests) == 1 else lambda value: any(test(value) for test in tests)


def _enum(allowed: Any, schema: Mapping[str, Any], formats: FormatChecker) -> Check:
    if not all(isinstance(each, str) for each in allowed):
        return lambda value: False  # exactness (1 == True, 1 == 1.0) left to jsonschema
    strings = frozenset(allowed)
    return lambda value: isinstance(value, str) and value in strings


def _const(expected: Any, schema: Mapping[str, Any], formats: FormatChecker) -> Check:
    if not isinstance(expected, str):
        return lambda value: False
    return lambda value: isinstance(value, str) and value == expected


def _pattern(pattern: str, schema: Mapping[str, Any], formats: FormatChecker) -> Check:
    search = re.compile(pattern).search  # jsonschema: re.search(pattern, instance)
    return lambda value: not isinstance(value, str) or search(value) is not None


def _format(name: str, schema: Mapping[str, Any], formats: FormatChecker) -> Check:
    conforms = formats.conforms
    return lambda value: conforms(value, name)


def _min_length(limit: int, schema: Mapping[str, Any], formats: FormatChecker) -> Check:
    return lambda value: not isinstance(value, str) or len(value) >= limit


def _max_length(limit: int, schema: Mapping[str, Any], formats: FormatChecker) -> Check:
    return lambda value: not isinstance(value, str) or len(value) <= limit


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _minimum(limit: float, schema: Mapping[str, Any], formats: FormatChecker) -> Check:
    return lambda value: not _is_number(value) or not value < limit  # as jsonschema compares: NaN passes


def _maximum(limit: float, schema: Mapping[str, Any], formats: FormatChecker) -> Check:
    return lambda value: not _is_number(value) or not value > limit


def _min_items(limit: int, schema: Mapping[str, Any], formats: FormatChecker) -> Check:
    return lambda value: not isinstance(value, list) or len(value) >= limit


def _max_items(limit: int, schema: Mapping[str, Any], formats: FormatChecker) -> Check:
    return lambda value: not isinstance(value, list) or len(value) <= limit


def _unique_items(unique: bool, schema: Mapping[str, Any], formats: FormatChecker) -> Check:
    if not unique:
        return lambda value: True

    def check(value: Any) -> bool:
        if not isinstance(value, list):
            return True
        # only a list of strings is judged here; any other list is left to jsonschema
        return all(isinstance(each, str) for each in value) and len(set(value)) == len(value)

    return check


def _items(subschema: Mapping[str, Any], schema: Mapping[str, Any], formats: FormatChecker) -> Check:
    each = compile_check(subschema, formats)
    return lambda value: not isinstance(value, list) or all(each(element) for element in value)


def _properties(properties: Mapping[str, Any], schema: Mapping[str, Any], formats: FormatChecker) -> Check:
    checks = tuple((name, compile_check(subschema, formats)) for name, subschema in properties.items())

    def check(value: Any) -> bool:
        if not isinstance(value, dict):
            return True
        return all(name not in value or each(value[name]) for name, each in checks)

    return check


def _required(names: list[str], schema: Mapping[str, Any], formats: FormatChecker) -> Check:
    needed = tuple(names)
    return lambda value: not isinstance(value, dict) or all(name in value for name in needed)


def _any_of(subschemas: list[Mapping[str, Any]], schema: Mapping[str, Any], formats: FormatChecker) -> Check:
    options = tuple(compile_check(subschema, formats) for subschema in subschemas)

    def check(value: Any) -> bool:
        for option in options:  # noqa: SIM110 - a loop, as in _all
            if option(value):
                return True
        return False

    return check


# In the order they are tried: the cheap and the type first, the descent last.
_KEYWORDS: dict[str, Callable[[Any, Mapping[str, Any], FormatChecker], Check]] = {
    "type": _type,
    "enum": _enum,
    "const": _const,
    "minLength": _min_length,
    "maxLength": _max_length,
    "pattern": _pattern,
    "format": _format,
    "minimum": _minimum,
    "maximum": _maximum,
    "minItems": _min_items,
    "maxItems": _max_items,
    "uniqueItems": _unique_items,
    "required": _required,
    "items": _items,
    "properties": _properties,
    "anyOf": _any_of,
}
