"""A strict YAML reader for contributed front matter.

PyYAML's own loaders are too generous for untrusted files: they turn `no` into False,
`0201234567` into an octal number and `2024-02-30` into a crash, run `!!python` tags, expand
alias bombs and silently keep the last of two equal keys. This module reads the event stream
of libyaml's parser (or PyYAML's pure-Python one where libyaml is missing) and builds a small
tree of positioned nodes itself, so that every rule is ours and every value keeps its line:

- scalars stay text, except plain decimal numbers (`16`, `95.5`); an empty plain value is None;
- tags, anchors and aliases, non-text keys, duplicate keys and nesting deeper than
  `MAX_DEPTH` are errors;
- the top level must be a mapping.

Nothing here knows what the keys mean: that is `schema.py`'s job.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import yaml

from .diagnostics import ContentProblem
from .messages import Message, msg

MAX_DEPTH = 20
FRONT_MATTER = "the front matter"
_SUBJECTS = {FRONT_MATTER: "subject.front-matter", "the file": "subject.file"}

_Loader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_DECIMAL = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]*[1-9]|\.0)?")


@dataclass(frozen=True, slots=True)
class Scalar:
    value: str | int | float | None
    source: str  # the text as written, for fields that want text even when YAML saw a number
    line: int
    column: int


@dataclass(frozen=True, slots=True)
class Sequence:
    items: tuple[Node, ...]
    line: int
    column: int


@dataclass(frozen=True, slots=True)
class Entry:
    key: str
    key_line: int
    key_column: int
    value: Node


@dataclass(frozen=True, slots=True)
class Mapping:
    entries: tuple[Entry, ...]
    line: int
    column: int

    def get(self, key: str) -> Entry | None:
        for entry in self.entries:
            if entry.key == key:
                return entry
        return None


Node = Scalar | Sequence | Mapping


class YamlProblem(ContentProblem):
    """A problem at a position of the YAML text."""


def describe(node: Node | None) -> Message:
    """What a member wrote, in words, for messages like 'expected a list, got a number'."""
    if node is None:
        return msg("got.nothing")
    if isinstance(node, Mapping):
        return msg("got.mapping")
    if isinstance(node, Sequence):
        return msg("got.list")
    if node.value is None:
        return msg("got.empty")
    if isinstance(node.value, (int, float)):
        return msg("got.number")
    return msg("got.text")


def scalar_value(text: str, plain: bool) -> str | int | float | None:
    if not plain:
        return text
    if text == "":
        return None
    if _DECIMAL.fullmatch(text):
        return float(text) if "." in text else int(text)
    return text


def load(text: str, first_line: int = 1, subject: str = FRONT_MATTER) -> Mapping:
    """Parse YAML `text` whose first line is line `first_line` of its file.

    `subject` names the text in messages: the front matter, or "the file" for a YAML file.
    Raises YamlProblem for every input that is not a plain mapping of plain values.
    """
    _refuse_other_line_breaks(text, first_line)
    _refuse_non_breaking_indentation(text, first_line)
    loader = _Loader(text)
    try:
        return _Builder(loader, first_line, subject).document()
    except yaml.MarkedYAMLError as exc:
        raise _syntax_problem(exc, text, first_line) from None
    except yaml.reader.ReaderError as exc:
        raise _character_problem(exc, text, first_line) from None
    except yaml.YAMLError as exc:
        raise YamlProblem(first_line, 1, "yaml-syntax", msg("yaml.unreadable", reason=str(exc))) from None
    finally:
        loader.dispose()


_OTHER_LINE_BREAKS = re.compile("[\u0085\u2028\u2029]")
_BREAK_NAMES = {"\u0085": "yaml.break.next-line", "\u2028": "yaml.break.line", "\u2029": "yaml.break.paragraph"}


def _refuse_other_line_breaks(text: str, first_line: int) -> None:
    """libyaml ends a line at U+0085, U+2028 and U+2029, editors and our line numbers do not: a
    key after one hides in a comment or a value, and every later line number would be wrong."""
    found = _OTHER_LINE_BREAKS.search(text)
    if found is None:
        return
    offset = found.start()
    line = text.count("\n", 0, offset) + first_line
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    raise YamlProblem(
        line,
        column,
        "line-separator",
        msg("yaml.line-break", name=msg(_BREAK_NAMES[found[0]]), code=f"{ord(found[0]):04X}"),
        msg("yaml.retype-line"),
    )


_NON_BREAKING_INDENTATION = re.compile("^[ \t]*[\u00a0\u2007\u202f]", re.MULTILINE)


def _refuse_non_breaking_indentation(text: str, first_line: int) -> None:
    """A non-breaking space (which word processors put in) looks like indentation, but YAML
    reads it as text: '\u00a0\u00a0email:' would be a key of its own, or a syntax error."""
    found = _NON_BREAKING_INDENTATION.search(text)
    if found is None:
        return
    line = text.count("\n", 0, found.start()) + first_line
    raise YamlProblem(
        line,
        found.end() - found.start(),
        "yaml-non-breaking-space",
        msg("yaml.non-breaking"),
        msg("yaml.non-breaking.hint"),
    )


_NO_SPACE_AFTER_DASH = re.compile(r"\s*-[^\s-]")
# Word turns "..." into “...”, which YAML does not read as quotes.
CURLY_OPENING, CURLY_CLOSING = "\u201c\u201d\u201e\u2018\u2019\u201a", "\u201c\u201d\u2018\u2019"
_CURLY_HINT = msg("yaml.curly.hint")


def _character_problem(exc: yaml.reader.ReaderError, text: str, first_line: int) -> YamlProblem:
    """A character YAML does not accept (a control character), at its own line and column."""
    character = exc.character if isinstance(exc.character, int) else None
    # libyaml reports a byte offset and PyYAML a character offset: find the character itself.
    offset = text.find(chr(character)) if character is not None else -1
    if character is None or offset < 0:
        return YamlProblem(first_line, 1, "control-character", msg("yaml.unreadable", reason=str(exc.reason)))
    line = text.count("\n", 0, offset) + first_line
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return YamlProblem(
        line,
        column,
        "control-character",
        msg("yaml.control", code=f"{character:04X}"),
        msg("retype"),
    )


def _syntax_problem(exc: yaml.MarkedYAMLError, text: str, first_line: int) -> YamlProblem:
    mark = exc.problem_mark or exc.context_mark
    line = (mark.line if mark else 0) + first_line
    column = (mark.column if mark else 0) + 1
    problem: str | Message = exc.problem or exc.context or "invalid YAML"
    context_mark = exc.context_mark
    if exc.context == "while scanning a quoted scalar" and context_mark is not None:
        return YamlProblem(
            context_mark.line + first_line,
            context_mark.column + 1,
            "yaml-syntax",
            msg("yaml.unclosed-quote"),
            msg("yaml.unclosed-quote.hint"),
        )
    if exc.context and exc.problem and context_mark is not None and mark is not None and context_mark.line != mark.line:
        problem = msg("yaml.syntax.context", problem=problem, context=exc.context, line=context_mark.line + first_line)
    source_lines = text.split("\n")
    source_line = source_lines[mark.line] if mark is not None and mark.line < len(source_lines) else ""
    indentation = source_line[: len(source_line) - len(source_line.lstrip(" \t"))]
    if "\t" in str(problem) or "\t" in indentation:
        return YamlProblem(
            line,
            indentation.index("\t") + 1 if "\t" in indentation else column,
            "yaml-tab",
            msg("yaml.tab"),
            msg("yaml.tab.hint"),
        )
    hint = msg("yaml.syntax.hint")
    key_line = source_lines[context_mark.line] if context_mark and context_mark.line < len(source_lines) else ""
    if any(char in CURLY_OPENING for char in source_line):
        hint = msg("yaml.curly-in-line.hint", fix=_CURLY_HINT)
    elif _NO_SPACE_AFTER_DASH.match(key_line) or _NO_SPACE_AFTER_DASH.match(source_line):
        hint = msg("yaml.dash.hint")
    elif 2 <= column <= len(source_line) + 1 and source_line[column - 2] in "'\"":
        hint = msg("yaml.inner-quote.hint")
    return YamlProblem(line, column, "yaml-syntax", msg("yaml.syntax", problem=problem), hint)


def _written_tag(tag: str) -> str:
    """A tag as a member writes it: '!!binary' rather than 'tag:yaml.org,2002:binary'."""
    prefix = "tag:yaml.org,2002:"
    return "!!" + tag[len(prefix) :] if tag.startswith(prefix) else tag


class _Builder:
    def __init__(self, loader: yaml.SafeLoader, first_line: int, subject: str) -> None:
        self._loader = loader
        self._first_line = first_line
        self._subject = subject
        self._in_front_matter = subject == FRONT_MATTER
        self._words = msg(_SUBJECTS[subject])

    def _position(self, event: yaml.Event) -> tuple[int, int]:
        mark = event.start_mark
        if mark is None:
            return self._first_line, 1
        return mark.line + self._first_line, mark.column + 1

    def _next(self) -> yaml.Event:
        event: yaml.Event = self._loader.get_event()  # type: ignore[no-untyped-call]
        return event

    def document(self) -> Mapping:
        self._next()  # StreamStartEvent
        event = self._next()
        if isinstance(event, yaml.StreamEndEvent):
            raise YamlProblem(
                self._first_line,
                1,
                "front-matter-empty",
                msg("yaml.empty", subject=self._words),
                msg("yaml.empty.front-matter.hint" if self._in_front_matter else "yaml.empty.hint"),
            )
        node = self._node(self._next(), depth=1)
        self._next()  # DocumentEndEvent
        event = self._next()
        if not isinstance(event, yaml.StreamEndEvent):
            line, column = self._position(event)
            raise YamlProblem(
                line,
                column,
                "yaml-multiple-documents",
                msg("yaml.documents", subject=self._words),
                msg("yaml.documents.hint", subject=self._words),
            )
        if not isinstance(node, Mapping):
            raise YamlProblem(
                node.line,
                node.column,
                "front-matter-not-mapping",
                msg("yaml.not-mapping", subject=self._words, got=describe(node)),
                msg("yaml.not-mapping.front-matter.hint" if self._in_front_matter else "yaml.not-mapping.hint"),
            )
        return node

    def _check_plain(self, event: yaml.NodeEvent) -> None:
        line, column = self._position(event)
        if isinstance(event, yaml.AliasEvent) or event.anchor is not None:
            raise YamlProblem(
                line,
                column,
                "yaml-anchor",
                msg("yaml.anchor"),
                msg("yaml.anchor.hint"),
            )
        tag = getattr(event, "tag", None)
        if tag is not None:
            raise YamlProblem(
                line,
                column,
                "yaml-tag",
                msg("yaml.tag", tag=_written_tag(tag)),
                msg("yaml.tag.hint"),
            )

    def _node(self, event: yaml.Event, depth: int) -> Node:
        if depth > MAX_DEPTH:
            line, column = self._position(event)
            raise YamlProblem(
                line,
                column,
                "yaml-too-deep",
                msg("yaml.too-deep", subject=self._words, depth=MAX_DEPTH),
                msg("yaml.too-deep.front-matter.hint" if self._in_front_matter else "yaml.too-deep.hint"),
            )
        self._check_plain(event)  # type: ignore[arg-type]
        line, column = self._position(event)
        if isinstance(event, yaml.ScalarEvent):
            plain = not event.style and event.implicit[0]
            text = event.value
            if plain and len(text) > 1 and text[0] in CURLY_OPENING and text[-1] in CURLY_CLOSING:
                raise YamlProblem(
                    line,
                    column,
                    "curly-quotes",
                    msg("yaml.curly", value=text),
                    _CURLY_HINT,
                )
            return Scalar(scalar_value(text, plain), text, line, column)
        if isinstance(event, yaml.SequenceStartEvent):
            items: list[Node] = []
            event = self._next()
            while not isinstance(event, yaml.SequenceEndEvent):
                items.append(self._node(event, depth + 1))
                event = self._next()
            return Sequence(tuple(items), line, column)
        if isinstance(event, yaml.MappingStartEvent):
            return self._mapping(line, column, depth)
        raise YamlProblem(line, column, "yaml-syntax", msg("yaml.unexpected"))

    def _mapping(self, line: int, column: int, depth: int) -> Mapping:
        entries: list[Entry] = []
        seen: dict[str, int] = {}
        event = self._next()
        while not isinstance(event, yaml.MappingEndEvent):
            key_line, key_column = self._position(event)
            key_node = self._node(event, depth + 1)
            if not isinstance(key_node, Scalar) or not isinstance(key_node.value, str):
                raise YamlProblem(
                    key_line,
                    key_column,
                    "yaml-key-not-text",
                    msg("yaml.key-not-text", got=describe(key_node)),
                    msg("yaml.key-not-text.hint"),
                )
            key = key_node.value
            if key in seen:
                raise YamlProblem(
                    key_line,
                    key_column,
                    "yaml-duplicate-key",
                    msg("yaml.duplicate-key", name=key, line=seen[key]),
                    msg("yaml.duplicate-key.hint"),
                )
            seen[key] = key_line
            value = self._node(self._next(), depth + 1)
            entries.append(Entry(key, key_line, key_column, value))
            event = self._next()
        return Mapping(tuple(entries), line, column)
