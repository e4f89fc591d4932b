"""The strict YAML reader: values stay text, every position is kept, and nothing surprising loads."""

from __future__ import annotations

import pytest

from sitegen import yamlstrict
from sitegen.yamlstrict import Entry, Mapping, Scalar, Sequence, YamlProblem, describe, load


def value_of(text: str, key: str = "v") -> object:
    entry = load(text).get(key)
    assert entry is not None
    assert isinstance(entry.value, Scalar)
    return entry.value.value


def problem(text: str, first_line: int = 1, subject: str = yamlstrict.FRONT_MATTER) -> tuple[int, int, str, str, str]:
    with pytest.raises(YamlProblem) as raised:
        load(text, first_line, subject)
    found = raised.value
    return found.line, found.column, found.code, found.message, found.hint


@pytest.mark.parametrize(
    "written",
    [
        "2024-02-30",
        "1980-01-02",
        "2026-03-01T10:00:00Z",
        "no",
        "No",
        "NO",
        "yes",
        "on",
        "off",
        "y",
        "n",
        "true",
        "False",
        "null",
        "Null",
        "NULL",
        "~",
        "0201234567",
        "+31612345678",
        "012",
        "0o17",
        "0x1F",
        "0b101",
        "12:30",
        "12:30:00",
        "1:20:30.5",
        "1.10",
        "95.50",
        "1.0e3",
        "1e3",
        ".inf",
        "-.inf",
        ".nan",
        "1_000",
        "+1",
        "1.",
        ".5",
        "00",
        "-0.0.1",
        "1,5",
        "€ 95",
    ],
)
def test_plain_values_stay_text(written: str) -> None:
    assert value_of(f"v: {written}\n") == written


@pytest.mark.parametrize(
    ("written", "number"),
    [
        ("16", 16),
        ("0", 0),
        ("-3", -3),
        ("95.5", 95.5),
        ("-0.25", -0.25),
        ("1.0", 1.0),
        ("40", 40),
        ("123456789012345678901234567890", 123456789012345678901234567890),
    ],
)
def test_plain_decimals_are_numbers(written: str, number: float) -> None:
    found = value_of(f"v: {written}\n")
    assert found == number
    assert type(found) is type(number)


@pytest.mark.parametrize("written", ["'16'", '"16"', "'no'", '"2024-02-30"', "'~'"])
def test_quoted_values_are_text(written: str) -> None:
    assert value_of(f"v: {written}\n") == written[1:-1]


@pytest.mark.parametrize("text", ["v:\n", "v: \n", "v: # nothing\n"])
def test_empty_plain_value_is_none(text: str) -> None:
    assert value_of(text) is None


@pytest.mark.parametrize("text", ["v: ''\n", 'v: ""\n'])
def test_empty_quoted_value_is_empty_text(text: str) -> None:
    assert value_of(text) == ""


def test_block_scalars_are_text() -> None:
    assert value_of("v: |\n  een\n  twee\n") == "een\ntwee\n"
    assert value_of("v: >-\n  een\n  twee\n") == "een twee"


def test_source_keeps_what_was_written() -> None:
    entry = load("v: 95.5\nw: '07'\n").get("v")
    assert entry is not None
    assert entry.value == Scalar(95.5, "95.5", 1, 4)


def test_positions_count_from_the_first_line() -> None:
    text = "name: Anna\ncontact:\n  email: a@b.nl\nskills:\n  - x\n  - [y, z]\n"
    node = load(text, first_line=2)
    assert node.line == 2
    assert node.column == 1
    assert [(e.key, e.key_line, e.key_column) for e in node.entries] == [
        ("name", 2, 1),
        ("contact", 3, 1),
        ("skills", 5, 1),
    ]
    contact = node.get("contact")
    assert contact is not None
    assert isinstance(contact.value, Mapping)
    assert contact.value.entries == (Entry("email", 4, 3, Scalar("a@b.nl", "a@b.nl", 4, 10)),)
    skills = node.get("skills")
    assert skills is not None
    assert isinstance(skills.value, Sequence)
    first, second = skills.value.items
    assert first == Scalar("x", "x", 6, 5)
    assert isinstance(second, Sequence)
    assert second.items == (Scalar("y", "y", 7, 6), Scalar("z", "z", 7, 9))


def test_mapping_get() -> None:
    node = load("a: 1\nb: 2\n")
    assert node.get("b") == Entry("b", 2, 1, Scalar(2, "2", 2, 4))
    assert node.get("c") is None


def test_keys_keep_their_order() -> None:
    assert [e.key for e in load("z: 1\na: 2\nm: 3\n").entries] == ["z", "a", "m"]


def test_describe() -> None:
    node = load("a: 1\nb: x\nc:\nd: [1]\ne: {f: 1}\n")
    described = [describe(e.value) for e in node.entries]
    assert [d.render("en") for d in described] == [
        "a number",
        "a text",
        "an empty value",
        "a list",
        "a mapping of keys",
    ]
    assert [d.render("nl") for d in described] == [
        "een getal",
        "een tekst",
        "een lege waarde",
        "een lijst",
        "een blok met sleutels",
    ]
    assert describe(None).render("en") == "nothing"


def test_duplicate_key_names_the_first_line() -> None:
    assert problem("name: a\nrole: b\nname: c\n", first_line=2) == (
        4,
        1,
        "yaml-duplicate-key",
        "duplicate key 'name': it is already given on line 2",
        "keep one of the two lines and remove the other",
    )


def test_duplicate_key_in_a_flow_mapping() -> None:
    assert problem("v: {a: 1, a: 2}\n")[:4] == (
        1,
        11,
        "yaml-duplicate-key",
        "duplicate key 'a': it is already given on line 1",
    )


@pytest.mark.parametrize(
    ("text", "tag", "column"),
    [
        ("v: !!python/object/apply:os.system ['echo hi']\n", "!!python/object/apply:os.system", 4),
        ("v: !!python/object:collections.OrderedDict {}\n", "!!python/object:collections.OrderedDict", 4),
        ("v: !!binary aGVsbG8=\n", "!!binary", 4),
        ("v: !!set {a, b}\n", "!!set", 4),
        ("v: !!timestamp 2001-12-14\n", "!!timestamp", 4),
        ("v: !!int '12'\n", "!!int", 4),
        ("v: !foo bar\n", "!foo", 4),
        ("v: [a, !!str b]\n", "!!str", 8),
        ("!!str v: a\n", "!!str", 1),
        ("%TAG !e! tag:example.com,2000:\n---\nv: !e!x a\n", "tag:example.com,2000:x", 4),
    ],
)
def test_tags_are_errors(text: str, tag: str, column: int) -> None:
    line = text.count("\n")
    assert problem(text) == (
        line,
        column,
        "yaml-tag",
        f"YAML tags such as '{tag}' are not allowed",
        "remove the tag; write plain values only",
    )


@pytest.mark.parametrize(
    ("text", "line", "column"),
    [
        ("a: &a x\nb: *a\n", 1, 4),
        ("a: &a [*a]\n", 1, 4),
        ("b: *nergens\n", 1, 4),
        ("a: x\nb: [1, *c]\n", 2, 8),
        ("? &k a\n: b\n", 1, 3),
        ("a:\n  <<: *base\n", 2, 7),
    ],
)
def test_anchors_and_aliases_are_errors(text: str, line: int, column: int) -> None:
    assert problem(text) == (
        line,
        column,
        "yaml-anchor",
        "YAML anchors and aliases ('&' and '*') are not allowed",
        "write the value out in full",
    )


@pytest.mark.parametrize(
    ("text", "got"),
    [
        ("1: a\n", "a number"),
        ("-2.5: a\n", "a number"),
        ("? [a]\n: b\n", "a list"),
        ("? {a: b}\n: c\n", "a mapping of keys"),
        ("~: a\n", None),
        (": a\n", None),
    ],
)
def test_keys_must_be_text(text: str, got: str | None) -> None:
    if got is None:  # '~' is the text '~' here; an empty key is a syntax error in libyaml
        with pytest.raises(YamlProblem):
            load(text + "~: b\n")
        return
    assert problem(text)[2:] == (
        "yaml-key-not-text",
        f"keys must be text, got {got}",
        "every key is a word such as 'name' or 'skills'",
    )


def test_boolean_and_null_words_are_text_keys() -> None:
    assert [e.key for e in load("yes: 1\nno: 2\nnull: 3\n'1': 4\n").entries] == ["yes", "no", "null", "1"]


def _nested(depth: int) -> str:
    return "v: " + "[" * (depth - 1) + "]" * (depth - 1) + "\n"


def test_nesting_up_to_the_limit_is_fine() -> None:
    load(_nested(yamlstrict.MAX_DEPTH))


def test_nesting_past_the_limit() -> None:
    assert problem(_nested(yamlstrict.MAX_DEPTH + 1)) == (
        1,
        4 + yamlstrict.MAX_DEPTH - 1,
        "yaml-too-deep",
        "the front matter is nested deeper than 20 levels",
        "flatten the structure: profiles need at most three levels",
    )


def test_nesting_600_deep_does_not_recurse() -> None:
    assert problem("v: " + "[" * 600 + "]" * 600)[2] == "yaml-too-deep"
    assert problem("v: " + "{a: " * 600 + "}" * 600)[2] == "yaml-too-deep"


@pytest.mark.parametrize(
    ("text", "got", "line"),
    [
        ("- a\n- b\n", "a list", 1),
        ("just text\n", "a text", 1),
        ("42\n", "a number", 1),
        ("\n\n[a]\n", "a list", 3),
    ],
)
def test_top_level_must_be_a_mapping(text: str, got: str, line: int) -> None:
    assert problem(text) == (
        line,
        1,
        "front-matter-not-mapping",
        f"the front matter must be a mapping of keys, got {got}",
        "write one 'key: value' per line, for example 'name: Anna de Vries'",
    )


@pytest.mark.parametrize("text", ["", "\n", "# only a comment\n", "   \n"])
def test_empty_front_matter(text: str) -> None:
    assert problem(text, first_line=2) == (
        2,
        1,
        "front-matter-empty",
        "the front matter is empty",
        "write the keys between the two '---' lines, one 'key: value' per line",
    )


def test_more_than_one_document() -> None:
    assert problem("a: 1\n---\nb: 2\n", first_line=2) == (
        3,
        1,
        "yaml-multiple-documents",
        "the front matter holds more than one YAML document",
        "remove the '---' or '...' line inside the front matter",
    )


def test_messages_for_a_yaml_file() -> None:
    assert problem("", subject="the file") == (
        1,
        1,
        "front-matter-empty",
        "the file is empty",
        "write the keys, one 'key: value' per line",
    )
    assert problem("- a\n", subject="the file")[3:] == (
        "the file must be a mapping of keys, got a list",
        "write one 'key: value' per line",
    )
    assert problem(_nested(30), subject="the file")[3:] == (
        "the file is nested deeper than 20 levels",
        "flatten the structure",
    )


@pytest.mark.parametrize(
    ("text", "line", "column"),
    [
        ("a: 1\n\tb: 2\n", 2, 1),
        ("\ta: 1\n", 1, 1),
        ("a:\n\t- x\n", 2, 1),
        ("a:\n  b: 1\n\t c: 2\n", 3, 1),
        ("a: x\n \tb: 1\n", 2, 2),
    ],
)
def test_tab_indentation(text: str, line: int, column: int) -> None:
    assert problem(text, first_line=2) == (
        line + 1,
        column,
        "yaml-tab",
        "a tab character is used for indentation; YAML only allows spaces",
        "replace the tab at the start of this line with spaces",
    )


def test_tab_inside_a_value_is_fine() -> None:
    assert value_of("v: a\tb\n") == "a\tb"


SYNTAX_HINT = "check the indentation and the ':' after each key; put text with ': ' or '#' in quotes"
QUOTE_HINT = (
    "a quote inside a quoted value ends it early: leave out the outer quotes, or write a quote inside '...' as ''"
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "a: b: c\n",
            (2, 5, "yaml-syntax", "invalid YAML: mapping values are not allowed in this context", SYNTAX_HINT),
        ),
        (
            "a: [1, 2\nb: 3\n",
            (
                3,
                2,
                "yaml-syntax",
                "invalid YAML: did not find expected ',' or ']' (while parsing a flow sequence that starts on line 2)",
                SYNTAX_HINT,
            ),
        ),
        (
            'a: 1\nsummary: "abc\n',
            (
                3,
                10,
                "yaml-syntax",
                "invalid YAML: the quote that opens this value is never closed",
                "end the value with the same quote; inside '...' write a single quote as ''",
            ),
        ),
        (
            "a: 'Ik werk in 's-Hertogenbosch'\n",
            (2, 17, "yaml-syntax", "invalid YAML: did not find expected key", QUOTE_HINT),
        ),
        ('a: "Zeg "hoi" maar"\n', (2, 10, "yaml-syntax", "invalid YAML: did not find expected key", QUOTE_HINT)),
        (
            "summary: a\tb: c\n",
            (2, 13, "yaml-syntax", "invalid YAML: mapping values are not allowed in this context", SYNTAX_HINT),
        ),
    ],
)
def test_syntax_errors_point_at_the_line(text: str, expected: tuple[int, int, str, str, str]) -> None:
    assert problem(text, first_line=2) == expected


@pytest.mark.parametrize(
    ("text", "line", "column", "code_point"),
    [
        ("a: b\nv: x\x07y\n", 3, 5, "0007"),
        ("a: b\nv: één\x1b[31m\n", 3, 7, "001B"),
        ("a: b\n\x7f: x\n", 3, 1, "007F"),
        ("a: '\x9b'\n", 2, 5, "009B"),
    ],
)
def test_control_characters_are_named_with_their_position(text: str, line: int, column: int, code_point: str) -> None:
    assert problem(text, first_line=2) == (
        line,
        column,
        "control-character",
        f"contains the control character U+{code_point}",
        "retype the value without copying it from another document",
    )


def test_crlf_text_keeps_line_numbers() -> None:
    node = load("a: 1\r\nb: 2\r\nc: 3\r\n", first_line=2)
    assert [(e.key, e.key_line) for e in node.entries] == [("a", 2), ("b", 3), ("c", 4)]
