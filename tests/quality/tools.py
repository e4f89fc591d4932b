"""Where the external quality tools are, and what to do when one is missing.

Locally a missing tool skips its tests with the reason; in CI (the CI variable set) it fails them,
so a broken CI image cannot pass by skipping.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
NODE_MODULES = REPO / "node_modules"
CHROMIUM = Path("/usr/bin/chromium")
AXE = NODE_MODULES / "axe-core" / "axe.min.js"
VNU = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"

# Debian's Chromium, quiet and offline: no sandbox in containers, no GPU, no calls home.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


@dataclass(frozen=True, slots=True)
class Tool:
    name: str
    hint: str  # how to get it

    def missing(self) -> bool:
        return _missing[self.name]()


_missing = {
    "chromium": lambda: not (CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK)),
    "playwright": lambda: importlib.util.find_spec("playwright") is None,
    "axe-core": lambda: not AXE.is_file(),
    "java": lambda: shutil.which("java") is None,
    "vnu-jar": lambda: not VNU.is_file(),
}

CHROMIUM_TOOL = Tool("chromium", "apt-get install chromium (Debian's, at /usr/bin/chromium)")
PLAYWRIGHT_TOOL = Tool("playwright", "pip install -e '.[test]' (the Python package only: never `playwright install`)")
AXE_TOOL = Tool("axe-core", "npm ci (node_modules/axe-core)")
JAVA_TOOL = Tool("java", "apt-get install default-jre-headless")
VNU_TOOL = Tool("vnu-jar", "npm ci (node_modules/vnu-jar)")

BROWSER_TOOLS = (CHROMIUM_TOOL, PLAYWRIGHT_TOOL, AXE_TOOL)
VNU_TOOLS = (JAVA_TOOL, VNU_TOOL)


def require(*tools: Tool) -> None:
    """Skip (locally) or fail (in CI) unless every tool is there."""
    missing = [tool for tool in tools if tool.missing()]
    if not missing:
        return
    reason = "missing quality tools: " + "; ".join(f"{tool.name} ({tool.hint})" for tool in missing)
    if in_ci():
        pytest.fail(f"{reason}. CI is set, so these tests must run.", pytrace=False)
    pytest.skip(reason)
