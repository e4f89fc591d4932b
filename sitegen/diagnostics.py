"""Diagnostics: what sitegen tells a member about their files, and the three ways to print it.

A diagnostic is a value. Stages return them beside their results; the command line sorts
them and prints them all at once, so one broken file never hides another.
"""

from __future__ import annotations

import enum
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from .messages import Message, msg


class Severity(enum.Enum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One problem in one file. `line` and `column` count from 1; 0 means the whole file."""

    path: str
    line: int
    column: int
    severity: Severity
    code: str
    message: str  # in English, as every test and sort sees it
    hint: str = ""
    # The same words as catalog messages (sitegen/messages.py), which the reporters render in
    # the site's language. Not compared: equal English is the same problem.
    text: Message | None = field(default=None, compare=False)
    hint_text: Message | None = field(default=None, compare=False)

    def message_in(self, language: str) -> str:
        return self.message if self.text is None else self.text.render(language)

    def hint_in(self, language: str) -> str:
        return self.hint if self.hint_text is None else self.hint_text.render(language)

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def sort_key(self) -> tuple[str, int, int, str, str]:
        return (self.path, self.line, self.column, self.code, self.message)


def _diagnostic(
    path: str, line: int, column: int, severity: Severity, code: str, message: Message, hint: Message | None
) -> Diagnostic:
    """Every message is a catalog message (tests/test_messages.py finds a bare string)."""
    english_hint = "" if hint is None else hint.render("en")
    return Diagnostic(path, line, column, severity, code, message.render("en"), english_hint, message, hint)


def error(path: str, line: int, column: int, code: str, message: Message, hint: Message | None = None) -> Diagnostic:
    return _diagnostic(path, line, column, Severity.ERROR, code, message, hint)


class ContentProblem(Exception):
    """A mistake in a content file found while reading it (its bytes, its YAML, its photo), raised
    where it is found and turned into a diagnostic by the one who knows the file's path.
    Lines and columns count from 1; 0 means the whole file (a photo has no lines)."""

    def __init__(self, line: int, column: int, code: str, message: Message, hint: Message | None = None) -> None:
        super().__init__(message.render("en"))
        self.line, self.column, self.code = line, column, code
        self.message, self.hint = message.render("en"), "" if hint is None else hint.render("en")
        self.words, self.hint_words = message, hint

    def to_diagnostic(self, path: str) -> Diagnostic:
        return error(path, self.line, self.column, self.code, self.words, self.hint_words)


def warning(path: str, line: int, column: int, code: str, message: Message, hint: Message | None = None) -> Diagnostic:
    return _diagnostic(path, line, column, Severity.WARNING, code, message, hint)


def sorted_diagnostics(diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    """Sorted by file, then line, then column; exact duplicates reported once."""
    return sorted(set(diagnostics), key=Diagnostic.sort_key)


def has_errors(diagnostics: Iterable[Diagnostic]) -> bool:
    return any(d.is_error for d in diagnostics)


def _location(d: Diagnostic) -> str:
    path = printable(d.path)  # a file name may hold a line break or an escape sequence too
    if d.line <= 0:
        return path
    if d.column <= 0:
        return f"{path}:{d.line}"
    return f"{path}:{d.line}:{d.column}"


# C0 and C1 controls with DEL (ESC starts terminal escapes: colours, titles, OSC 8 links),
# direction controls (which reorder what a terminal or browser shows) and line separators.
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape_character(match: re.Match[str]) -> str:
    char = match[0]
    return _NAMED.get(char) or (f"\\x{ord(char):02x}" if ord(char) < 0x100 else f"\\u{ord(char):04x}")


def printable(text: str) -> str:
    """Contributor text as it may be printed: on one line, every control character escaped, so
    it can neither start a line that looks like our own nor send a terminal an escape sequence."""
    return _UNPRINTABLE.sub(_escape_character, text)


def format_text(diagnostics: Sequence[Diagnostic], language: str = "en") -> str:
    lines: list[str] = []
    for d in diagnostics:
        lines.append(f"{_location(d)}: {d.severity.value}: {printable(d.message_in(language))}")
        if d.hint:
            lines.append(f"  hint: {printable(d.hint_in(language))}")
    return "".join(line + "\n" for line in lines)


def summary_line(diagnostics: Sequence[Diagnostic], files_checked: int, language: str = "en") -> str:
    """'5 files checked: 1 error in 1 file, 0 warnings', in `language`."""
    errors = sum(1 for d in diagnostics if d.is_error)
    warnings = len(diagnostics) - errors
    broken = len({d.path for d in diagnostics if d.is_error})
    return msg(
        "summary",
        files=msg("count.file.one" if files_checked == 1 else "count.file", count=files_checked),
        errors=msg("count.error.one" if errors == 1 else "count.error", count=errors),
        broken=msg("count.file.one" if broken == 1 else "count.file", count=broken),
        warnings=msg("count.warning.one" if warnings == 1 else "count.warning", count=warnings),
    ).render(language)


# GitHub workflow commands: https://docs.github.com/actions/reference/workflow-commands-for-github-actions
def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def format_github(diagnostics: Sequence[Diagnostic], language: str = "en") -> str:
    out: list[str] = []
    for d in diagnostics:
        command = "error" if d.is_error else "warning"
        properties = [f"file={_escape_property(printable(d.path))}"]
        if d.line > 0:
            properties.append(f"line={d.line}")
        if d.column > 0:
            properties.append(f"col={d.column}")
        properties.append(f"title={_escape_property('sitegen ' + d.code)}")
        message = printable(d.message_in(language)) + (f"\nhint: {printable(d.hint_in(language))}" if d.hint else "")
        out.append(f"::{command} {','.join(properties)}::{_escape_data(message)}\n")
    return "".join(out)


def _escape_markdown_cell(text: str) -> str:
    escaped = printable(text.replace("\\", "\\\\")).replace("|", "\\|").replace("`", "\\`")
    escaped = escaped.replace("<", "&lt;").replace(">", "&gt;")
    return escaped.replace("\r", " ").replace("\n", "<br>")


def format_github_summary(diagnostics: Sequence[Diagnostic], files_checked: int, language: str = "en") -> str:
    """A Markdown table for $GITHUB_STEP_SUMMARY: unlike annotations, it is never capped."""
    lines = ["## sitegen check", "", summary_line(diagnostics, files_checked, language), ""]
    if diagnostics:
        lines += ["| file | line | severity | message | hint |", "|---|---:|---|---|---|"]
        for d in diagnostics:
            cells = [
                d.path,
                str(d.line) if d.line > 0 else "",
                d.severity.value,
                d.message_in(language),
                d.hint_in(language),
            ]
            lines.append("| " + " | ".join(_escape_markdown_cell(c) for c in cells) + " |")
    return "\n".join(lines) + "\n"


def format_json(diagnostics: Sequence[Diagnostic], language: str = "en") -> str:
    """`message` and `hint` in `language`, which each record names: scripts match on `code`."""
    records = [
        {
            "path": d.path,
            "line": d.line,
            "column": d.column,
            "severity": d.severity.value,
            "code": d.code,
            "language": language,
            "message": d.message_in(language),
            "hint": d.hint_in(language),
        }
        for d in diagnostics
    ]
    return json.dumps(records, ensure_ascii=False, indent=2) + "\n"
