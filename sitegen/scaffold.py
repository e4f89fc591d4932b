"""Scaffolding: `sitegen init` (a new site from the starter templates) and `sitegen new` (one file).

The templates ship inside the package (`sitegen/starter/`), so `init` works wherever sitegen is
installed. A template path part that starts with `dot-` becomes a dot file (`dot-github` is
`.github`), so the package never holds a `.gitignore` or a workflow folder of its own. Files
ending in `.j2` are rendered with Jinja2 (values that land in YAML go through the `yaml`
filter); the CI files are copied byte for byte, because their `${{ }}` expressions are GitHub's.

Nothing here ever replaces a file: every file is opened with mode 'x' (create, or fail), so a
file that appears between the check and the write is kept too.
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import metadata, resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Literal, TextIO

import jinja2
import yaml

from . import __version__, config, dates, schema, yamlstrict
from .terms import slugify

STARTER = "starter"
Kind = Literal["profile", "assignment"]
KIND_FOLDERS: dict[str, str] = {"profile": "content/profiles", "assignment": "content/assignments"}
DEFAULT_TITLE = {"nl": "Netwerk Ondernemende Ambtenaren", "en": "Network of Enterprising Civil Servants"}
DEFAULT_BASE_URL = "https://example.org/"  # cli.py says it in its help, without importing this module
# How many organisation ids `new` lists in its comment; more than that, and it names the file.
LISTED_ORGANISATIONS = 12
# The example assignment is open for eight weeks from the day of `init`.
EXAMPLE_OPEN_DAYS = 56
PLACEHOLDER_REQUIREMENT = "sitegen @ git+https://CODE-HOST/OWNER/sitegen@v{version}"
# What the page templates write where a coordinator must fill something in.
COMPLETE_MARK = {"nl": "[INVULLEN", "en": "[TO COMPLETE"}


class ScaffoldProblem(Exception):
    """A request `init` or `new` refuses; `status` is the exit status (README: 2 wrong usage, 1 content)."""

    def __init__(self, status: int, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.hint = hint


@dataclass(frozen=True, slots=True)
class InitSettings:
    title: str | None = None
    language: config.Language = "nl"
    base_url: str | None = None
    repository: str | None = None
    requirement: str | None = None  # the pip requirement for sitegen in requirements.txt
    force: bool = False


@dataclass(frozen=True, slots=True)
class InitResult:
    written: tuple[str, ...]
    kept: tuple[str, ...] = ()  # existing files that --force left as they were
    placeholder_requirement: bool = False
    to_complete: tuple[str, ...] = ()  # content files with points the coordinator must fill in


# ---------------------------------------------------------------------------------------------
# Templates


def _starter() -> Traversable:
    return resources.files("sitegen").joinpath(STARTER)


def _walk(folder: Traversable, prefix: str) -> Iterator[str]:
    """The template names below `folder`, as `prefix/sub/name` (the loader's names)."""
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.startswith(".") or entry.name == "__pycache__":
            continue
        rel = f"{prefix}/{entry.name}"
        if entry.is_dir():
            yield from _walk(entry, rel)
        else:
            yield rel


def target_name(template: str) -> str:
    """`dot-github/workflows/check.yml` -> `.github/workflows/check.yml`; `x.md.j2` -> `x.md`."""
    parts = ["." + part[4:] if part.startswith("dot-") else part for part in template.split("/")]
    name = "/".join(parts)
    return name[:-3] if name.endswith(".j2") else name


def starter_files(language: str) -> list[tuple[str, str]]:
    """(path in the new site, template name) for every file `init` writes, sorted by path."""
    names = [*_walk(_starter() / "site", "site"), *_walk(_starter() / f"site-{language}", f"site-{language}")]
    return sorted((target_name(name.split("/", 1)[1]), name) for name in names)


def yaml_scalar(value: object) -> str:
    """`value` as a YAML scalar that reads back as exactly this text: plain when safe, else quoted."""
    text = str(value)
    try:
        plain = yaml.safe_load(f"key: {text}\n") == {"key": text}
    except yaml.YAMLError:
        plain = False
    if plain and text == text.strip() and "\n" not in text:
        return text
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a YAML double-quoted scalar


@functools.cache
def _environment() -> jinja2.Environment:
    # Output is YAML and Markdown, not HTML: values are escaped where they land (the `yaml` filter).
    env = jinja2.Environment(
        loader=jinja2.FunctionLoader(_load_template),
        autoescape=False,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["yaml"] = yaml_scalar
    return env


def _load_template(name: str) -> str:
    return _starter().joinpath(name).read_text(encoding="utf-8")


def _render(template: str, context: dict[str, object]) -> str:
    return _environment().get_template(template).render(context)


# ---------------------------------------------------------------------------------------------
# init


def default_requirement() -> tuple[str, bool]:
    """The pip requirement that installs this very sitegen, and whether it is only a placeholder.

    PyPI's `sitegen` is another project, so a bare `sitegen==X` could install a stranger's code.
    When this sitegen was installed from a git URL, that URL at the exact commit is used.
    """
    try:
        direct_url = metadata.distribution("sitegen").read_text("direct_url.json")
    except metadata.PackageNotFoundError:
        direct_url = None
    requirement = requirement_from_direct_url(direct_url)
    if requirement:
        return requirement, False
    return PLACEHOLDER_REQUIREMENT.format(version=__version__), True


def requirement_from_direct_url(direct_url: str | None) -> str | None:
    """`sitegen @ git+URL@COMMIT` from an installed distribution's PEP 610 `direct_url.json`, if from git."""
    try:
        origin = json.loads(direct_url or "null")
    except ValueError:
        return None
    if not isinstance(origin, dict):
        return None
    vcs, url = origin.get("vcs_info"), origin.get("url")
    if not (isinstance(vcs, dict) and vcs.get("vcs") == "git" and isinstance(url, str) and _is_https(url)):
        return None
    commit = vcs.get("commit_id")
    if not (isinstance(commit, str) and len(commit) == 40 and all(c in "0123456789abcdef" for c in commit)):
        return None
    return f"sitegen @ git+{url}@{commit}"


def _validate_settings(settings: InitSettings) -> tuple[str, str]:
    """The title and base URL to write; a problem (exit 2) for a value the site would refuse."""
    title = " ".join((DEFAULT_TITLE[settings.language] if settings.title is None else settings.title).split())
    if not 1 <= len(title) <= 120 or any(not c.isprintable() for c in title):
        raise ScaffoldProblem(2, f"--title: '{settings.title}' is not a title of 1 to 120 printable characters")
    base_url = config.normalize_base_url(DEFAULT_BASE_URL if settings.base_url is None else settings.base_url)
    if base_url is None:
        raise ScaffoldProblem(2, f"--base-url: '{settings.base_url}' is not an https URL (or http://localhost)")
    if settings.repository is not None and not _is_https(settings.repository):
        raise ScaffoldProblem(
            2,
            f"--repository: '{settings.repository}' is not an https URL",
            "give the web address of the site's repository, for example https://github.com/organisation/netwerk",
        )
    if settings.requirement is not None and (not settings.requirement.strip() or "\n" in settings.requirement):
        raise ScaffoldProblem(2, "--requirement: give one pip requirement on one line")
    return title, base_url


def _is_https(url: str) -> bool:
    return url.startswith("https://") and "." in url[8:].split("/", 1)[0] and not any(c.isspace() for c in url)


def init_site(target: Path, settings: InitSettings, today: dt.date) -> InitResult:
    """Write a new site into `target`: refused when it holds anything but `.git`, unless `force`."""
    title, base_url = _validate_settings(settings)
    if target.exists() and not target.is_dir():
        raise ScaffoldProblem(2, f"'{target}' exists and is not a folder")
    if target.is_dir() and not settings.force and any(entry.name != ".git" for entry in target.iterdir()):
        raise ScaffoldProblem(
            2,
            f"the folder '{target}' is not empty",
            "choose a new folder, or add --force to add the missing files (existing files are never replaced)",
        )
    requirement, placeholder = (settings.requirement.strip(), False) if settings.requirement else default_requirement()
    context: dict[str, object] = {
        "title": title,
        "base_url": base_url,
        "language": settings.language,
        "repository": settings.repository,
        "requirement": requirement,
        "version": __version__,
        "today": today,
        "deadline": today + dt.timedelta(days=EXAMPLE_OPEN_DAYS),
        "start": today + dt.timedelta(days=EXAMPLE_OPEN_DAYS + 14),
        "end": today + dt.timedelta(days=EXAMPLE_OPEN_DAYS + 14 + 182),
    }
    target.mkdir(parents=True, exist_ok=True)
    written: list[str] = []
    kept: list[str] = []
    to_complete: list[str] = []
    for name, template in starter_files(settings.language):
        text = _render(template, context) if template.endswith(".j2") else _load_template(template)
        if _create(target / name, text):
            written.append(name)
            if name.startswith("content/") and COMPLETE_MARK[settings.language] in text:
                to_complete.append(name)
        else:
            kept.append(name)
    return InitResult(tuple(written), tuple(kept), placeholder and "requirements.txt" in written, tuple(to_complete))


def _create(path: Path, text: str) -> bool:
    """Write a new file; False, and nothing written, when the path exists (even as a dangling link)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "x", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
    except FileExistsError:
        if path.is_symlink() or path.exists():
            return False
        raise ScaffoldProblem(2, f"cannot create {path.as_posix()}: a file stands where a folder should be") from None
    except OSError as exc:
        raise ScaffoldProblem(2, f"cannot create {path.as_posix()}: {exc.strerror}") from None
    return True


# ---------------------------------------------------------------------------------------------
# new


@dataclass(frozen=True, slots=True)
class NewFile:
    path: Path  # below the site folder
    language: config.Language


def new_file(site: Path, kind: Kind, name: str, maintainer: str | None = None) -> NewFile:
    """Write `content/profiles/<slug>.md` (or an assignment) from its template; never over a file.

    `maintainer`, a profile's author, goes into `maintainers`: the one who may change the file.
    """
    if maintainer is not None:
        _check_maintainer(kind, maintainer)
    if not (site / config.CONFIG_FILE).is_file():
        raise ScaffoldProblem(
            2,
            f"'{site}' is not a site folder: it has no {config.CONFIG_FILE}",
            "run this in the site's folder, or give it with --site DIR",
        )
    settings, _ = config.load_config(site)
    if settings is None:
        raise ScaffoldProblem(
            1,
            f"{config.CONFIG_FILE} has errors, so the site's language is unknown",
            "run 'sitegen check' and fix sitegen.yaml first",
        )
    name = " ".join(name.split())
    minimum = 2 if kind == "profile" else 3
    if len(name) < minimum or any(not c.isprintable() for c in name):
        what = "a full name" if kind == "profile" else "a title"
        raise ScaffoldProblem(2, f"'{name}' is not {what} of at least {minimum} printable characters")
    slug = slugify(name)
    if not slug:
        raise ScaffoldProblem(
            2, f"no file name can be made from '{name}'", "use at least one letter or digit from a to z"
        )
    rel = Path(KIND_FOLDERS[kind]) / f"{slug}.md"
    organisations, _ = config.load_organisations(site)
    vocabulary, _ = config.load_vocabulary(site)
    ids = sorted(organisations)
    context: dict[str, object] = {
        "name": name,
        "title": settings.title,
        "organisations": ids if len(ids) <= LISTED_ORGANISATIONS else [],
        "vocabulary": vocabulary is not None,
        "maintainer": maintainer,
    }
    text = _render(f"new-{settings.language}/{kind}.md.j2", context)
    if not _create(site / rel, text):
        raise ScaffoldProblem(
            2,
            f"{rel.as_posix()} already exists; it was left unchanged",
            "edit that file, or give another name if this is someone else",
        )
    return NewFile(rel, settings.language)


def _check_maintainer(kind: Kind, maintainer: str) -> None:
    """The same rule, and message, as `maintainers` in a profile."""
    if kind != "profile":
        raise ScaffoldProblem(2, "--maintainer: only a profile has maintainers")
    ctx = schema.Context("--maintainer")
    schema.username(yamlstrict.Scalar(maintainer, maintainer, 1, 1), "--maintainer", ctx)
    if ctx.diagnostics:
        raise ScaffoldProblem(2, ctx.diagnostics[0].message, ctx.diagnostics[0].hint)


# ---------------------------------------------------------------------------------------------
# The commands' output


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """`sitegen init` and `sitegen new`: the paths written on stdout, notes and problems on stderr."""
    try:
        if args.command == "init":
            settings = InitSettings(
                args.title, args.language, args.base_url, args.repository, args.requirement, args.force
            )
            _report_init(
                Path(args.directory),
                init_site(Path(args.directory), settings, dates.build_date(None, os.environ)),
                out,
                err,
            )
        else:
            created = new_file(Path(args.site), args.kind, args.name, args.maintainer)
            _report_new(Path(args.site), created, out, err)
    except (ScaffoldProblem, dates.DateProblem) as problem:
        message, hint = (problem.message, problem.hint) if isinstance(problem, ScaffoldProblem) else (str(problem), "")
        err.write(f"sitegen: error: {message}\n" + (f"  hint: {hint}\n" if hint else ""))
        return problem.status if isinstance(problem, ScaffoldProblem) else 2
    return 0


def _report_init(target: Path, result: InitResult, out: TextIO, err: TextIO) -> None:
    for name in result.written:
        out.write(f"{(target / name).as_posix()}\n")
    for name in result.kept:
        err.write(f"sitegen: kept the existing {(target / name).as_posix()}\n")
    err.write(
        f"sitegen: created the site in {target.as_posix()}: {len(result.written)} files"
        + (f", {len(result.kept)} existing files kept" if result.kept else "")
        + "\n"
    )
    if result.placeholder_requirement:
        err.write(
            "sitegen: note: set the line in requirements.txt to the git URL of sitegen at a tag or commit; "
            "CI installs sitegen from it\n"
        )
    if result.to_complete:
        err.write(f"sitegen: complete the points marked [...] in: {', '.join(result.to_complete)}\n")
    err.write(
        f"sitegen: next: read {(target / 'README.md').as_posix()}, then run "
        f"'sitegen check {target.as_posix()}' and 'sitegen build {target.as_posix()}'\n"
    )


def _report_new(site: Path, created: NewFile, out: TextIO, err: TextIO) -> None:
    path = (site / created.path).as_posix()
    out.write(f"{path}\n")
    err.write(
        f"sitegen: next: fill in the empty values in {path}, then run 'sitegen check"
        f"{'' if site == Path('.') else ' ' + site.as_posix()}'; it names every required value still empty\n"
    )
