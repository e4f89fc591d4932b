"""The message catalog (sitegen/messages.py) is whole, used, and the only source of diagnostics' words.

Each key has English and Dutch with the same placeholders; every key is used by the code; every key
the code names exists; and no diagnostic, problem or warning is made of a bare string, so a message
cannot slip in that a Dutch site would show in English.
"""

from __future__ import annotations

import ast
import re
import string
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import REPO

from sitegen.messages import CATALOG, LANGUAGES, Message, msg

SOURCES = sorted((REPO / "sitegen").glob("*.py"))

# The calls whose message and hint must be catalog messages, and the position of their message
# (the hint follows it). Keyword arguments `message=` and `hint=` count too.
MESSAGE_AT = {
    "error": 4,  # diagnostics.error(path, line, column, code, message, hint)
    "warning": 4,
    "ctx.error": 2,  # schema.Context.error(node, code, message, hint)
    "ctx.warn": 2,
    "self.error": 2,
    "ContentProblem": 3,  # (line, column, code, message, hint)
    "SourceProblem": 3,
    "YamlProblem": 3,
    "PhotoProblem": 1,  # (code, message, hint)
}


def placeholders(template: str) -> set[str]:
    return {name.split(".")[0].split("[")[0] for _, name, _, _ in string.Formatter().parse(template) if name}


def trees() -> Iterator[tuple[Path, ast.Module]]:
    for path in SOURCES:
        yield path, ast.parse(path.read_text(encoding="utf-8"))


def callee(node: ast.Call) -> str:
    func = node.func
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        owner = func.value.id if isinstance(func.value, ast.Name) else ""
        return f"{owner}.{func.attr}" if owner else func.attr
    return ""


def is_text(node: ast.expr) -> bool:
    """A string the code writes out: a literal, an f-string, or text joined from them."""
    if isinstance(node, ast.Constant):
        return isinstance(node.value, str) and node.value != ""
    if isinstance(node, ast.JoinedStr):
        return True
    if isinstance(node, ast.BinOp):
        return is_text(node.left) or is_text(node.right)
    if isinstance(node, ast.IfExp):
        return is_text(node.body) or is_text(node.orelse)
    return False


def bare_texts() -> list[str]:
    """Each call of MESSAGE_AT whose message or hint is a string rather than a message."""
    found = []
    for path, tree in trees():
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call) or callee(node) not in MESSAGE_AT:
                continue
            at = MESSAGE_AT[callee(node)]
            words = node.args[at : at + 2] + [k.value for k in node.keywords if k.arg in ("message", "hint")]
            if any(is_text(arg) for arg in words):
                found.append(f"{path.relative_to(REPO)}:{node.lineno}: {callee(node)}")
    return found


def msg_calls() -> Iterator[tuple[Path, ast.Call]]:
    for path, tree in trees():
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and callee(node) == "msg" and node.args:
                yield path, node


def named_keys(node: ast.expr) -> Iterator[str]:
    """The keys a msg() argument names: a literal, or either literal of a conditional."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        yield node.value
    elif isinstance(node, ast.IfExp):
        yield from named_keys(node.body)
        yield from named_keys(node.orelse)


def key_patterns() -> list[tuple[re.Pattern[str], str]]:
    """Keys made from parts, msg(f"noun.{what}"): a pattern, and where it is."""
    found = []
    for path, call in msg_calls():
        first = call.args[0]
        if isinstance(first, ast.JoinedStr):
            parts = [re.escape(str(p.value)) if isinstance(p, ast.Constant) else "(.+)" for p in first.values]
            found.append((re.compile("".join(parts)), f"{path.name}:{call.lineno}"))
    return found


def string_constants() -> set[str]:
    """Every string literal of sitegen/ outside the catalog's own module."""
    found: set[str] = set()
    for path, tree in trees():
        if path.name == "messages.py":
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                found.add(node.value)
    return found


def test_every_key_has_both_languages_with_the_same_placeholders() -> None:
    assert LANGUAGES == ("en", "nl")
    for key, entry in CATALOG.items():
        assert set(entry) == set(LANGUAGES), key
        assert all(entry[language].strip() for language in LANGUAGES), key
        assert placeholders(entry["en"]) == placeholders(entry["nl"]), key


def test_the_placeholder_check_can_fail() -> None:
    assert placeholders("{key}: expected {expected:>3}, got {got}") == {"key", "expected", "got"}
    assert placeholders("{key}: hier hoort {verwacht}") != placeholders("{key}: expected {expected}")


def test_every_key_the_code_names_exists() -> None:
    named = {key for _, call in msg_calls() for key in named_keys(call.args[0])}
    assert len(named) > 100, "the scan finds the msg() calls"
    assert sorted(named - set(CATALOG)) == []
    for pattern, where in key_patterns():
        assert any(pattern.fullmatch(key) for key in CATALOG), f"{where}: no key matches {pattern.pattern}"


def test_every_key_is_used() -> None:
    """Named as a literal anywhere in sitegen/ (msg("..."), a table of keys), or made from parts
    whose variable part is itself a literal there (the nouns of msg(f"noun.{what}"))."""
    constants = string_constants()
    patterns = key_patterns()
    unused = []
    for key in CATALOG:
        if key in constants:
            continue
        parts = [match.groups() for pattern, _ in patterns if (match := pattern.fullmatch(key))]
        if not any(all(part in constants for part in groups) for groups in parts):
            unused.append(key)
    assert unused == []


def test_no_diagnostic_is_made_of_a_bare_string() -> None:
    assert bare_texts() == []


def test_the_bare_string_scan_can_fail(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    module = tmp_path / "module.py"
    module.write_text(
        'error(path, 1, 1, "code", msg("missing"), "add it")\n'
        'ctx.warn(node, "code", f"{key}: too long")\n'
        'PhotoProblem("code", msg("photo.damaged"))\n'
        'SourceProblem(1, 1, "code", message="the file " + name)\n',
        encoding="utf-8",
    )
    monkeypatch.setattr(f"{__name__}.SOURCES", [module])
    monkeypatch.setattr(f"{__name__}.REPO", tmp_path)
    assert bare_texts() == ["module.py:1: error", "module.py:2: ctx.warn", "module.py:4: SourceProblem"]


def test_a_message_renders_in_each_language() -> None:
    message = msg("wrong-type", key="skills", expected=msg("expected.text"), got=msg("got.number"))
    assert message.render("en") == "skills: expected a text, got a number"
    assert message.render("nl") == "skills: hier hoort een tekst, maar er staat een getal"
    assert str(message) == message.render("en")
    assert isinstance(message.params[1][1], Message)
    with pytest.raises(KeyError, match=r"no message 'no\.such\.key'"):
        msg("no.such.key")


def test_dutch_writes_numbers_with_a_decimal_comma() -> None:
    too_large = msg("source.too-large", size=msg("size.mib", size=6.0), limit=msg("size.mib", size=5.0))
    assert too_large.render("en") == "the file is 6.0 MiB; the limit is 5.0 MiB"
    assert too_large.render("nl") == "het bestand is 6,0 MiB; de grens is 5,0 MiB"
    slow = msg("document.time-limit", seconds=0.5)
    assert slow.render("nl") == "het lezen van dit bestand duurde langer dan 0,5 seconden en is gestopt"
    assert (
        msg("fetch.too-large", limit=msg("size.mb", size=1.5)).render("nl") == "het is groter dan de grens van 1,5 MB"
    )
    assert msg("size.kib", size=256).render("nl") == "256 KiB"
    # A value the member wrote keeps its point: YAML wants one.
    assert msg("number.range", key="x", minimum="0", maximum="0.5", value="2").render("nl") == (
        "x: moet tussen 0 en 0.5 liggen, maar is 2"
    )
