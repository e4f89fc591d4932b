"""The guides explain every message `sitegen check` can give, and every command the README lists."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from conftest import REPO

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
