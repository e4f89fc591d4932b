"""The diagnostic values and their three formats: text, GitHub workflow commands, JSON."""

from __future__ import annotations

import json

import pytest
from conftest import words

from sitegen.diagnostics import (
    Diagnostic,
    error,
    format_github,
    format_github_summary,
    format_json,
    format_text,
    has_errors,
    sorted_diagnostics,
    summary_line,
    warning,
)
from sitegen.messages import msg

PROFILE = "content/profiles/anna-de-vries.md"


def test_sorted_by_file_then_line_then_column() -> None:
    found = [
        error("content/profiles/b.md", 10, 1, "x", words("ten")),
        error("content/profiles/b.md", 9, 5, "x", words("nine, five")),
        warning("content/profiles/b.md", 9, 2, "x", words("nine, two")),
        error("content/assignments/z.md", 3, 1, "x", words("assignment")),
        error("content/profiles/a.md", 0, 0, "x", words("whole file")),
        error("content/profiles/b.md", 2, 1, "x", words("two")),
    ]
    assert [d.message for d in sorted_diagnostics(found)] == [
        "assignment",
        "whole file",
        "two",
        "nine, two",
        "nine, five",
        "ten",
    ]


def test_exact_duplicates_are_reported_once() -> None:
    one = error(PROFILE, 3, 1, "x", words("same"))
    assert sorted_diagnostics([one, error(PROFILE, 3, 1, "x", words("same")), one]) == [one]
    assert len(sorted_diagnostics([one, error(PROFILE, 3, 1, "x", words("same"), words("another hint"))])) == 2


def test_has_errors_ignores_warnings() -> None:
    assert not has_errors([warning(PROFILE, 1, 1, "stale-profile", words("old"))])
    assert has_errors([warning(PROFILE, 1, 1, "a", words("b")), error(PROFILE, 1, 1, "c", words("d"))])
    assert not has_errors([])


def test_text_format_with_every_kind_of_location() -> None:
    found = [
        error(
            PROFILE,
            7,
            10,
            "invalid-date",
            words("consent: '2024-02-30' is not a date that exists"),
            words("write the date as YYYY-MM-DD, for example 2026-03-31"),
        ),
        error(PROFILE, 8, 0, "binary-file", words("the file contains a NUL byte")),
        warning(
            "content/profiles/x.png", 0, 0, "photo-without-profile", words("the photo 'x.png' belongs to no profile")
        ),
    ]
    assert format_text(found) == (
        "content/profiles/anna-de-vries.md:7:10: error: consent: '2024-02-30' is not a date that exists\n"
        "  hint: write the date as YYYY-MM-DD, for example 2026-03-31\n"
        "content/profiles/anna-de-vries.md:8: error: the file contains a NUL byte\n"
        "content/profiles/x.png: warning: the photo 'x.png' belongs to no profile\n"
    )


def test_text_format_keeps_contributor_text_on_one_line() -> None:
    found = [
        error("content/profiles/a\nb.md", 2, 1, "x", words("value 'a\nsrc/x.md:1:1: error: fake'"), words("h\r\nint"))
    ]
    assert format_text(found) == (
        "content/profiles/a\\nb.md:2:1: error: value 'a\\nsrc/x.md:1:1: error: fake'\n  hint: h\\r\\nint\n"
    )


def test_text_format_of_nothing() -> None:
    assert format_text([]) == ""


@pytest.mark.parametrize(
    ("counts", "expected"),
    [
        ((1, 0, 0, 0), "1 file checked: 0 errors in 0 files, 0 warnings"),
        ((3, 1, 1, 1), "3 files checked: 1 error in 1 file, 1 warning"),
        ((9, 3, 2, 2), "9 files checked: 3 errors in 2 files, 2 warnings"),
    ],
)
def test_summary_line(counts: tuple[int, int, int, int], expected: str) -> None:
    files, errors, broken, warnings = counts
    found = [error(f"f{i % broken}.md", i, 1, "x", words(f"e{i}")) for i in range(errors)]
    found += [warning("w.md", i, 1, "x", words(f"w{i}")) for i in range(warnings)]
    assert summary_line(found, files) == expected


def test_github_format() -> None:
    found = [
        error(
            PROFILE,
            7,
            10,
            "invalid-date",
            words("consent: '2024-02-30' is not a date that exists"),
            words("write the date as YYYY-MM-DD"),
        ),
        warning(
            "content/profiles/x.png", 0, 0, "photo-without-profile", words("the photo 'x.png' belongs to no profile")
        ),
        error(PROFILE, 8, 0, "binary-file", words("NUL byte")),
    ]
    assert format_github(found) == (
        "::error file=content/profiles/anna-de-vries.md,line=7,col=10,title=sitegen invalid-date::"
        "consent: '2024-02-30' is not a date that exists%0Ahint: write the date as YYYY-MM-DD\n"
        "::warning file=content/profiles/x.png,title=sitegen photo-without-profile::"
        "the photo 'x.png' belongs to no profile\n"
        "::error file=content/profiles/anna-de-vries.md,line=8,title=sitegen binary-file::NUL byte\n"
    )


def test_github_escaping_case_34() -> None:
    """Contributor text with a newline, '%', '::', and ':' or ',' in the file name cannot start a command."""
    found = [
        error(
            "content/profiles/a:b,c.md",
            3,
            2,
            "invalid-value",
            words("visibility: unknown value '100% x\n::error file=evil.md::pwned, a:b'"),
            words("allowed values: public, internal\r\n::warning::also pwned"),
        )
    ]
    output = format_github(found)
    assert output == (
        "::error file=content/profiles/a%3Ab%2Cc.md,line=3,col=2,title=sitegen invalid-value::"
        "visibility: unknown value '100%25 x\\n::error file=evil.md::pwned, a:b'"
        "%0Ahint: allowed values: public, internal\\r\\n::warning::also pwned\n"
    )
    assert output.count("\n") == 1
    assert "\r" not in output


def test_github_lines_always_start_with_our_command() -> None:
    nasty = ["\n", "\r", "\r\n", "%0A", "::", "::error::x", "%", ",", ":", "\u2028", "\x85", "\x1b[31m"]
    found = [error(f"content/profiles/{n}.md", 1, 1, "x", words(f"m{n}m"), words(f"h{n}h")) for n in nasty]
    found += [warning(f"w{n}", 0, 0, "y", words(n)) for n in nasty]
    lines = format_github(sorted_diagnostics(found)).split("\n")
    assert lines[-1] == ""
    assert len(lines) - 1 == len(found)
    assert all(line.startswith(("::error file=", "::warning file=")) for line in lines[:-1])
    # The '%' of contributor text is escaped, so '%0A' written by a member never becomes a line break.
    assert "::error file=content/profiles/%250A.md,line=1,col=1,title=sitegen x::m%250Am%0Ahint: h%250Ah\n" in (
        format_github([found[3]])
    )


def test_github_summary_table() -> None:
    found = [
        error(PROFILE, 7, 10, "invalid-date", words("consent: a | b `c` <script>"), words("line one\nline two")),
        warning("content/profiles/x.png", 0, 0, "photo-without-profile", words("no profile")),
    ]
    assert format_github_summary(found, 5) == (
        "## sitegen check\n"
        "\n"
        "5 files checked: 1 error in 1 file, 1 warning\n"
        "\n"
        "| file | line | severity | message | hint |\n"
        "|---|---:|---|---|---|\n"
        "| content/profiles/anna-de-vries.md | 7 | error | consent: a \\| b \\`c\\` &lt;script&gt; "
        "| line one\\nline two |\n"
        "| content/profiles/x.png |  | warning | no profile |  |\n"
    )


def test_github_summary_without_problems() -> None:
    assert format_github_summary([], 3) == "## sitegen check\n\n3 files checked: 0 errors in 0 files, 0 warnings\n\n"


def test_json_format() -> None:
    found = [
        error(PROFILE, 7, 10, "invalid-date", words("consent: 'één\n' is not a date"), words("write YYYY-MM-DD")),
        warning("content/profiles/x.png", 0, 0, "photo-without-profile", words("no profile")),
    ]
    output = format_json(found)
    assert output.endswith("]\n")
    assert "één" in output  # readable, not \u escapes
    assert json.loads(output) == [
        {
            "path": PROFILE,
            "line": 7,
            "column": 10,
            "severity": "error",
            "code": "invalid-date",
            "language": "en",
            "message": "consent: 'één\n' is not a date",
            "hint": "write YYYY-MM-DD",
        },
        {
            "path": "content/profiles/x.png",
            "line": 0,
            "column": 0,
            "severity": "warning",
            "code": "photo-without-profile",
            "language": "en",
            "message": "no profile",
            "hint": "",
        },
    ]


def test_json_format_of_nothing() -> None:
    assert format_json([]) == "[]\n"


def test_diagnostic_value() -> None:
    found = Diagnostic(PROFILE, 1, 2, error(PROFILE, 0, 0, "a", words("b")).severity, "code", "message")
    assert found.is_error
    assert found.hint == ""
    assert found.sort_key() == (PROFILE, 1, 2, "code", "message")
    assert not warning(PROFILE, 1, 1, "a", words("b")).is_error


def test_every_format_renders_catalog_messages_in_the_language_asked_for() -> None:
    found = [
        error(PROFILE, 7, 10, "invalid-date", msg("date.shape", key="consent", value="1-3-2026"), msg("date.hint")),
        warning(PROFILE, 9, 0, "duplicate-item", words("a message outside the catalog stays as it is")),
    ]
    assert found[0].message == "consent: '1-3-2026' is not a date in the form YYYY-MM-DD"  # English, always
    assert format_text(found, "nl") == (
        f"{PROFILE}:7:10: error: consent: '1-3-2026' is geen datum in de vorm JJJJ-MM-DD\n"
        "  hint: schrijf de datum als JJJJ-MM-DD, bijvoorbeeld 2026-03-31\n"
        f"{PROFILE}:9: warning: a message outside the catalog stays as it is\n"
    )
    assert format_text(found) == format_text(found, "en")
    assert "is geen datum in de vorm JJJJ-MM-DD%0Ahint: schrijf de datum" in format_github(found, "nl")
    assert "| consent: '1-3-2026' is geen datum in de vorm JJJJ-MM-DD |" in format_github_summary(found, 1, "nl")
    records = json.loads(format_json(found, "nl"))
    assert [(r["language"], r["code"], r["message"]) for r in records] == [
        ("nl", "invalid-date", "consent: '1-3-2026' is geen datum in de vorm JJJJ-MM-DD"),
        ("nl", "duplicate-item", "a message outside the catalog stays as it is"),
    ]
