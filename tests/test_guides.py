"""The guides explain every message `sitegen check` can give, and every command the README lists."""

from __future__ import annotations

import ast
import re
import string
from pathlib import Path

import guide_messages
from conftest import REPO

from sitegen.messages import CATALOG

# The calls that create a diagnostic or a problem that becomes one; the code is their first text argument.
DIAGNOSTIC_CALLS = {"error", "warning", "warn", "SourceProblem", "YamlProblem", "PhotoProblem"}
CODE = re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*")
# Codes only the files coordinators keep can give (sitegen.yaml, organisations.yaml, vocabulary.yaml).
COORDINATOR_CODES = {
    "missing-file",
    "invalid-id",
    "ambiguous-term",
    "unknown-theme",
    "unknown-code-host",
    "codeowners-outdated",
    "network-source",
    "duplicate-network",
    "network-unreachable",
    "network-invalid-export",
    "network-not-cached",
    "network-invalid-item",
    "network-old-copy",
}


def message_codes() -> dict[str, set[str]]:
    """Every diagnostic code in the source, with the modules that give it."""
    codes: dict[str, set[str]] = {}
    for path in sorted((REPO / "sitegen").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            if name not in DIAGNOSTIC_CALLS:
                continue
            texts = [arg.value for arg in node.args if isinstance(arg, ast.Constant) and isinstance(arg.value, str)]
            if texts and CODE.fullmatch(texts[0]):
                codes.setdefault(texts[0], set()).add(path.name)
    return codes


MESSAGE_SECTIONS = {"leden.md": "## Alle meldingen op een rij", "coordinators.md": "## Messages about the shared files"}


def explained(guide: str) -> set[str]:
    """The codes the guide's message section explains: each a table row starting with the code."""
    text = (REPO / "docs" / guide).read_text(encoding="utf-8")
    section = text.split(f"\n{MESSAGE_SECTIONS[guide]}\n", 1)[1].split("\n## ", 1)[0]
    return set(re.findall(r"^\| `([a-z0-9-]+)` \|", section, flags=re.MULTILINE))


def test_the_source_scan_finds_the_codes() -> None:
    """The scan can fail: it finds codes of every kind of call, positional or not."""
    codes = message_codes()
    assert {
        "unknown-key",
        "front-matter-unclosed",
        "yaml-tab",
        "photo-invalid",
        "stale-profile",
        "unreadable",
        "internal-contact",
    } <= set(codes)
    assert set(codes) >= COORDINATOR_CODES, "a coordinator code is no longer given: remove it from the list"


def test_every_code_a_member_can_get_is_explained_in_leden_md() -> None:
    missing = sorted(set(message_codes()) - COORDINATOR_CODES - explained("leden.md"))
    assert missing == [], f"docs/leden.md, 'Alle meldingen op een rij', does not explain: {missing}"


def test_every_code_of_the_shared_files_is_explained_in_coordinators_md() -> None:
    missing = sorted(COORDINATOR_CODES - explained("coordinators.md"))
    assert missing == [], f"docs/coordinators.md does not explain: {missing}"


def test_the_guides_explain_no_code_that_does_not_exist() -> None:
    unknown = sorted((explained("leden.md") | explained("coordinators.md")) - set(message_codes()))
    assert unknown == []


def test_the_readme_lists_every_command() -> None:
    from sitegen import cli

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    commands = cli._parser()._subparsers._group_actions[0].choices  # type: ignore[union-attr]
    assert commands is not None
    for command in commands:
        assert f"sitegen {command}" in readme, f"README.md does not show 'sitegen {command}'"


def test_leden_md_keeps_a_place_for_the_form_route() -> None:
    text = (REPO / "docs/leden.md").read_text(encoding="utf-8")
    assert "\n## Via het formulier\n" in text
    assert "\n## Via een bestand, stap voor stap\n" in text
    assert "\n## Je toestemming intrekken en je profiel laten verwijderen\n" in text
    assert 'sitegen new profile "José Álvarez"' in text


def test_the_guides_link_to_existing_files() -> None:
    for guide in ("leden.md", "coordinators.md"):
        text = (REPO / "docs" / guide).read_text(encoding="utf-8")
        for target in re.findall(r"\]\(([a-z-]+\.md)(?:#[^)]*)?\)", text):
            assert (REPO / "docs" / target).is_file(), f"{guide} links to {target}, which does not exist"


def test_coordinators_md_is_linked_from_the_readme() -> None:
    assert "(docs/coordinators.md)" in (REPO / "README.md").read_text(encoding="utf-8")
    assert Path(REPO / "docs/coordinators.md").is_file()


# ---------------------------------------------------------------------------------------------
# The messages that docs/leden.md quotes are the catalog's Dutch ones


def _template_pattern(template: str) -> re.Pattern[str] | None:
    """A catalog text as a pattern, each placeholder any text; None for one that is all placeholders."""
    parts = list(string.Formatter().parse(template))
    if not re.search(r"[a-zà-ÿ]{2}", "".join(literal for literal, _, _, _ in parts)):
        return None
    return re.compile("".join(re.escape(literal) + (".*" if name is not None else "") for literal, name, _, _ in parts))


DUTCH = [pattern for entry in CATALOG.values() if (pattern := _template_pattern(entry["nl"])) is not None]
QUOTED_LINE = re.compile(r"(?:content/\S.*?(?::\d+){0,2}: (?:error|warning): |  hint: )(?P<text>.+)")
# Spans in the sections below that are no quote of a message (values a member writes), or that
# quote a part that is not sitegen's own (libyaml's words come as they are).
NOT_QUOTES = {
    "013 123 4567",
    "+31 6 1234 5678",
    "skills: [Procesbegeleiding, Python]",
    "ongeldige YAML: mapping values are not allowed in this context",
}
QUOTING_SECTIONS = ("## Wat te doen als de controle faalt", "## Wie mag je profiel wijzigen")


def _section(title: str) -> str:
    text = (REPO / "docs/leden.md").read_text(encoding="utf-8")
    return text.split(f"\n{title}\n", 1)[1].split("\n## ", 1)[0]


def quoted_lines() -> list[str]:
    """The message and hint lines of the examples (```...``` blocks that are not YAML)."""
    found = []
    for title in QUOTING_SECTIONS:
        for block in re.findall(r"```\n(.*?)```", _section(title), flags=re.DOTALL):
            found += [match["text"] for line in block.splitlines() if (match := QUOTED_LINE.fullmatch(line))]
    return found


def quoted_parts() -> list[str]:
    """The inline quotes of messages (`...` of three words or more), whitespace made single."""
    found = []
    for title in QUOTING_SECTIONS:
        prose = re.sub(r"```.*?```", "", _section(title), flags=re.DOTALL)
        for span in re.findall(r"`([^`]+)`", prose):
            span = " ".join(span.split())
            if len(span.split()) >= 3 and span not in NOT_QUOTES:
                found.append(span)
    return found


def chunks(quote: str) -> list[str]:
    """A quote's own words: without what the member wrote ('...', a leading key, ...)."""
    words = re.sub(r"^[a-z_.\[\]0-9]+: ", "", quote)
    pieces = re.split(r"'[^']*'|\(\.\.\.\)|\.\.\.|\b[0-9]+\b", words)
    return [piece.strip(" :;,.?") for piece in pieces if len(piece.strip(" :;,.?").split()) >= 2]


def test_the_ten_messages_are_quoted_as_the_catalog_gives_them_in_dutch() -> None:
    lines = quoted_lines()
    assert len(lines) >= 20, "the scan finds the examples"
    unknown = [line for line in lines if not any(pattern.fullmatch(line) for pattern in DUTCH)]
    assert unknown == [], "docs/leden.md quotes messages that the catalog does not give in Dutch"


def test_the_messages_quoted_in_the_text_are_the_catalogs() -> None:
    parts = quoted_parts()
    assert len(parts) >= 10
    nouns = [entry["nl"] for key, entry in CATALOG.items() if key.startswith("noun.")]
    texts = [entry["nl"] for entry in CATALOG.values()]
    texts += [text.replace("{singular}", noun) for text in texts if "{singular}" in text for noun in nouns]
    unknown = [(quote, chunk) for quote in parts for chunk in chunks(quote) if not any(chunk in t for t in texts)]
    assert unknown == []


def test_the_quote_checks_can_fail() -> None:
    assert not any(pattern.fullmatch("the front matter is not closed") for pattern in DUTCH)
    assert any(pattern.fullmatch("het gegevensblok is niet afgesloten") for pattern in DUTCH)
    assert chunks("consent: dit profiel is voor het laatst bevestigd op ..., meer dan een jaar vóór ...") == [
        "dit profiel is voor het laatst bevestigd op",
        "meer dan een jaar vóór",
    ]
    assert chunks("only a coordinator may change ...") == ["only a coordinator may change"]


def test_leden_md_lists_every_message_as_the_catalog_gives_it() -> None:
    assert guide_messages.current() == guide_messages.section(), "run `make messages` to write the list again"


def test_every_message_is_placed_in_the_list_or_left_out_on_purpose() -> None:
    unplaced = [key for key in CATALOG if not guide_messages.placed(key)]
    assert unplaced == [], "add the key's prefix to GROUPS, FRAGMENTS or NOT_FOR_MEMBERS in tests/guide_messages.py"
    listed = guide_messages.section()
    assert "- `hint: bedoel je '…'?`" in listed
    assert "- `…: hier hoort …, maar er staat …`" in listed
    assert "networks" not in listed and "cache" not in listed  # for coordinators
