"""A version that means something, and dependencies that say what they mean.

The latest version in CHANGELOG.md is the package's (`sitegen --version`); the package states
ranges of its dependencies and constraints.txt the exact versions CI installs, each inside its
range; the pre-commit hook runs the ruff that `make lint` runs.
"""

from __future__ import annotations

import importlib.metadata
import re
import subprocess
import sys
import tomllib

import yaml
from conftest import REPO
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

import sitegen

HEADING = re.compile(r"^## \[(?P<version>[^\]]+)\](?: - (?P<date>\d{4}-\d{2}-\d{2}))?$", re.MULTILINE)
SECTIONS = {"Added", "Changed", "Deprecated", "Removed", "Fixed", "Security"}  # Keep a Changelog 1.1.0


def changelog() -> str:
    return (REPO / "CHANGELOG.md").read_text(encoding="utf-8")


def pyproject() -> dict[str, object]:
    return tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))


def requirements() -> list[Requirement]:
    project = pyproject()["project"]
    assert isinstance(project, dict)
    return [Requirement(line) for line in [*project["dependencies"], *project["optional-dependencies"]["test"]]]


def constraints() -> dict[str, Version]:
    pins: dict[str, Version] = {}
    for line in (REPO / "constraints.txt").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            name, equals, version = line.partition("==")
            assert equals and re.fullmatch(r"[A-Za-z0-9._-]+", name), f"constraints.txt: not an exact pin: {line!r}"
            pins[canonicalize_name(name)] = Version(version)
    return pins


def test_the_changelog_starts_with_unreleased_and_lists_versions_newest_first() -> None:
    headings = HEADING.findall(changelog())
    assert headings[0] == ("Unreleased", "")
    released = [(Version(version), date) for version, date in headings[1:]]
    assert released and all(date for _, date in released), "every released version has its date"
    assert released == sorted(released, reverse=True)


def test_the_changelog_uses_only_keep_a_changelog_sections() -> None:
    assert set(re.findall(r"^### (.+)$", changelog(), re.MULTILINE)) <= SECTIONS


def test_the_latest_released_version_is_the_package_s() -> None:
    latest = HEADING.findall(changelog())[1][0]
    assert latest == sitegen.__version__
    assert pyproject()["tool"]["hatch"]["version"]["path"] == "sitegen/__init__.py"  # type: ignore[index]


def test_sitegen_version_prints_the_version() -> None:
    done = subprocess.run([sys.executable, "-m", "sitegen", "--version"], capture_output=True, text=True, check=False)
    assert (done.returncode, done.stdout, done.stderr) == (0, f"sitegen {sitegen.__version__}\n", "")


def test_every_dependency_is_a_range_below_its_next_major_version() -> None:
    for requirement in requirements():
        operators = sorted(spec.operator for spec in requirement.specifier)
        assert operators == ["<", ">="], f"{requirement}: write '>=x.y,<next major'"
        lowest = next(Version(s.version) for s in requirement.specifier if s.operator == ">=")
        below = next(Version(s.version) for s in requirement.specifier if s.operator == "<")
        # the next major version, or for a 0.x package its next minor
        assert below == (Version(f"{lowest.major + 1}") if lowest.major else Version(f"0.{lowest.minor + 1}")), (
            f"{requirement}: the upper bound is the next major version (for a 0.x package, the next minor)"
        )


def test_constraints_pin_every_dependency_inside_its_range() -> None:
    pins = constraints()
    assert "sitegen" not in pins
    for requirement in requirements():
        name = canonicalize_name(requirement.name)
        assert name in pins, f"constraints.txt does not pin {requirement.name}"
        assert requirement.specifier.contains(pins[name]), f"{requirement.name}=={pins[name]} is outside {requirement}"


def test_constraints_pin_exactly_the_packages_the_dependencies_need() -> None:
    # The closure of the requirements, by the installed packages' own metadata (extras and markers
    # evaluated here): constraints.txt must pin each of them and nothing else.
    needed: set[tuple[str, frozenset[str]]] = set()
    todo = [(requirement, frozenset(requirement.extras)) for requirement in requirements()]
    while todo:
        requirement, extras = todo.pop()
        if (canonicalize_name(requirement.name), extras) in needed:
            continue
        needed.add((canonicalize_name(requirement.name), extras))
        for line in importlib.metadata.requires(requirement.name) or []:
            dependency = Requirement(line)
            if dependency.marker is None or any(
                dependency.marker.evaluate({"extra": extra}) for extra in extras or {""}
            ):
                todo.append((dependency, frozenset(dependency.extras)))
    names = {name for name, _ in needed}
    pins = set(constraints())
    assert (sorted(names - pins), sorted(pins - names)) == ([], []), "regenerate constraints.txt (CONTRIBUTING.md)"


def test_the_pre_commit_hook_runs_the_ruff_of_the_constraints() -> None:
    config = yaml.safe_load((REPO / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    (ruff,) = [repo for repo in config["repos"] if repo["repo"] == "https://github.com/astral-sh/ruff-pre-commit"]
    assert ruff["rev"] == f"v{constraints()['ruff']}"
    assert [hook["id"] for hook in ruff["hooks"]] == ["ruff-check", "ruff-format"]
