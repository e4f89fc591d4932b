"""Shared fixtures: small sites written inline as file blocks, and the demo checked once."""

from __future__ import annotations

import datetime as dt
import os
import textwrap
from collections.abc import Callable, Mapping
from pathlib import Path

import pytest

from sitegen import build
from sitegen.messages import Message, msg

REPO = Path(__file__).resolve().parent.parent
BUILD_DATE = dt.date(2026, 12, 1)

SITEGEN_YAML = "title: Testnetwerk\nbase_url: https://example.org/\n"
# A site in English, for tests that assert check's English messages (a Dutch site gets Dutch ones).
ENGLISH = {"sitegen.yaml": SITEGEN_YAML + "language: en\n"}
ORGANISATIONS_YAML = """\
gemeente-tilburg:
  name: Gemeente Tilburg
  type: gemeente
  region: Midden-Brabant
  website: https://www.tilburg.nl
waterschap-de-dommel:
  name: Waterschap De Dommel
  type: waterschap
  region: Zuidoost-Brabant
"""

VALID_PROFILE = """\
---
name: Anna de Vries
role: Beleidsadviseur
organisation: gemeente-tilburg
fields: [Omgevingswet]
skills: [verbindend, procesbegeleiding]
consent: 2026-03-01
---

Ik werk aan de Omgevingswet.
"""

VALID_ASSIGNMENT = """\
---
title: Projectleider omgevingsvisie
organisation: gemeente-tilburg
fields: [Omgevingswet]
skills: [procesbegeleiding]
posted: 2026-11-01
deadline: 2026-12-20
---

## Opdracht

Help ons met de omgevingsvisie.
"""

SiteFactory = Callable[[Mapping[str, str | bytes]], Path]


def write_site(root: Path, files: Mapping[str, str | bytes], defaults: bool = True) -> Path:
    """Write a site: `files` maps a path to its text (dedented) or bytes; None-free defaults fill the rest."""
    content: dict[str, str | bytes] = {}
    if defaults:
        content = {"sitegen.yaml": SITEGEN_YAML, "content/organisations.yaml": ORGANISATIONS_YAML}
    content.update(files)
    for rel, data in content.items():
        target = root / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, bytes):
            target.write_bytes(data)
        else:
            target.write_text(data, encoding="utf-8", newline="")
    for folder in ("content/profiles", "content/assignments", "content/pages"):
        (root / folder).mkdir(parents=True, exist_ok=True)
    return root


@pytest.fixture(scope="session", autouse=True)
def _cache_home(tmp_path_factory: pytest.TempPathFactory) -> None:
    """`check` and `build` keep a cache under $XDG_CACHE_HOME: the tests' own, never the user's."""
    os.environ["XDG_CACHE_HOME"] = str(tmp_path_factory.mktemp("cache-home"))


@pytest.fixture
def make_site(tmp_path: Path) -> SiteFactory:
    def factory(files: Mapping[str, str | bytes]) -> Path:
        return write_site(tmp_path / "site", files)

    return factory


def check(site: Path, time_limit: float = build.DEFAULT_TIME_LIMIT) -> build.CheckResult:
    return build.check_site(site, build.Options(BUILD_DATE, jobs=2, time_limit=time_limit))


def words(text: str) -> Message:
    """Any text as a message, for the tests of the reporters (the code itself uses the catalog)."""
    return msg("verbatim", text=text)


def dedent(text: str) -> str:
    return textwrap.dedent(text)


@pytest.fixture(scope="session")
def demo_check() -> build.CheckResult:
    return check(REPO)


@pytest.fixture(scope="session")
def demo_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """The demo's public build as of BUILD_DATE, built once per session: every file by its path."""
    from outputs import built

    return built(REPO, tmp_path_factory.mktemp("demo-public") / "output", BUILD_DATE)
