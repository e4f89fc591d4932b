"""Who may change which file of a site: the ownership rules for a pull request.

    content/profiles/<slug>.*       the maintainers of content/profiles/<slug>.md as they stand on the
                                    base revision; a new profile must list its author
    content/assignments/            every member (the coordinators review through CODEOWNERS)
    content/organisations.yaml      every member (idem)
    content/vocabulary.yaml         every member (idem)
    anything else in the site       the coordinators only: sitegen.yaml, themes/, content/pages/,
                                    CODEOWNERS, the CI files

Coordinators, as listed in the base revision's sitegen.yaml, may change everything. Reading the
maintainers and coordinators from the base revision is what stops anybody from adding
themselves in the same pull request. User names compare case-insensitively, as the code hosts
compare them.
"""

from __future__ import annotations

import posixpath
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from . import git, schema, sources, yamlstrict
from .config import CONFIG_FILE
from .diagnostics import Diagnostic, error
from .messages import Message, msg

PROFILES = "content/profiles/"
MEMBER_FILES = ("content/organisations.yaml", "content/vocabulary.yaml")
MEMBER_FOLDERS = ("content/assignments/",)

_USER_NAMES = schema.list_of(schema.username, "user names", maximum=50)


class OwnershipProblem(Exception):
    """Wrong usage: an author that is no user name, a missing base in CI, or a git problem."""


@dataclass(frozen=True, slots=True)
class Change:
    author: str
    base: str | None = None  # None: HEAD, outside CI only
    files: tuple[str, ...] | None = None  # relative to the repository root; None: ask git


@dataclass(frozen=True, slots=True)
class Names:
    """A list of user names in a file, and the line of its key (0: the key is absent)."""

    names: tuple[str, ...]
    line: int

    def include(self, user: str) -> bool:
        return user.casefold() in {name.casefold() for name in self.names}


def author_name(text: str) -> str:
    """`--changed-by`: a code-host user name; a leading '@' is allowed there."""
    name = text.removeprefix("@")
    if not schema.is_username(name):
        raise OwnershipProblem(f"--changed-by: '{text}' is not a code-host user name")
    return name


def _names_in(mapping: yamlstrict.Mapping, key: str) -> Names | None:
    entry = mapping.get(key)
    if entry is None or schema.is_missing(entry.value):
        return Names((), 0 if entry is None else entry.key_line)
    names = _USER_NAMES(entry.value, key, schema.Context(""))
    return None if names is schema.INVALID else Names(tuple(names), entry.key_line)


def maintainers_in(text: str) -> Names | None:
    """The `maintainers` of a profile's text; None when the front matter cannot be read."""
    try:
        document = sources.split_front_matter(text)
        return _names_in(yamlstrict.load(document.front_matter, document.front_matter_line), "maintainers")
    except (sources.SourceProblem, yamlstrict.YamlProblem, RecursionError):
        return None


def coordinators_in(text: str) -> Names | None:
    try:
        return _names_in(yamlstrict.load(text, 1, "the file"), "coordinators")
    except (yamlstrict.YamlProblem, RecursionError):
        return None


_ABSENT = object()


@dataclass(frozen=True, slots=True)
class _Sides:
    """One file's text on the base revision and in the working tree."""

    base: git.Revision
    site: Path

    def before(self, path: str) -> str | object | None:
        """The text on the base revision; `_ABSENT` when the file did not exist; None when unreadable."""
        data = git.read(self.base, path)
        if data is None:
            return _ABSENT
        try:
            return sources.decode_text(data)
        except sources.SourceProblem:
            return None

    def now(self, path: str) -> str | None:
        if not (self.site / path).is_file():
            return None
        try:
            return sources.read_text(str(self.site / path))
        except sources.SourceProblem:
            return None


def check_change(site: Path, change: Change, in_ci: bool = False) -> list[Diagnostic]:
    """Every file of the change that its author may not change, as an error. Raises
    OwnershipProblem for wrong usage (including git missing or an unknown base)."""
    author = author_name(change.author)
    if change.base is None and in_ci:
        # In CI, HEAD is the pull request itself (or its merge): as the base, it would let every change pass.
        raise OwnershipProblem(
            "--base is required in CI: pass the commit of the target branch, for example "
            "${{ github.event.pull_request.base.sha }} or $CI_MERGE_REQUEST_DIFF_BASE_SHA"
        )
    try:
        base = git.open_revision(site, change.base or "HEAD")
        files = git.changed_files(base) if change.files is None else _in_site(change.files, git.site_prefix(site))
    except git.GitProblem as problem:
        raise OwnershipProblem(str(problem)) from None
    sides = _Sides(base, site)
    base_config = sides.before(CONFIG_FILE)
    coordinators = (coordinators_in(base_config) if isinstance(base_config, str) else None) or Names((), 0)
    if coordinators.include(author):
        return []
    found: list[Diagnostic] = []
    for path in files:
        if path.startswith(PROFILES) and "/" not in path[len(PROFILES) :]:
            found += _profile_rule(path, author, coordinators, sides)
        elif path in MEMBER_FILES or path.startswith(MEMBER_FOLDERS):
            continue
        else:
            found.append(
                error(
                    path,
                    0,
                    0,
                    "coordinators-only",
                    msg("owner.coordinators-only", author=author, what=_what(path)),
                    _ask_coordinators(coordinators, msg("owner.purpose.change")),
                )
            )
    return found


def _in_site(files: Sequence[str], prefix: str) -> tuple[str, ...]:
    """The files of the change that lie in the site folder, relative to it."""
    inside: set[str] = set()
    for name in files:
        normal = posixpath.normpath(name.strip().removeprefix("./"))
        if normal.startswith(("../", "/")) or normal in (".", ".."):
            continue
        if normal.startswith(prefix):
            inside.add(normal[len(prefix) :])
    return tuple(sorted(inside))


def _what(path: str) -> Message:
    if path == CONFIG_FILE:
        return msg("owner.what.config")
    if path.startswith("themes/"):
        return msg("owner.what.theme")
    if path.startswith("content/pages/"):
        return msg("owner.what.pages")
    return msg("owner.what.other")


def _names_text(names: Sequence[str]) -> str:
    return ", ".join(names)


def _ask_coordinators(coordinators: Names, purpose: Message) -> Message:
    if not coordinators.names:
        return msg("owner.no-coordinators")
    return msg("owner.ask", names=_names_text(coordinators.names), purpose=purpose)


def _profile_rule(path: str, author: str, coordinators: Names, sides: _Sides) -> list[Diagnostic]:
    profile = PROFILES + path[len(PROFILES) :].split(".", 1)[0] + ".md"
    before = sides.before(profile)
    if before is _ABSENT:
        return _new_profile_rule(path, profile, author, sides)
    now_text = sides.now(profile) if path == profile else None
    now = maintainers_in(now_text) if now_text is not None else None
    line = now.line if now else 0
    owners = maintainers_in(before) if isinstance(before, str) else None
    if owners is None:
        return [
            error(
                path,
                line,
                0,
                "not-a-maintainer",
                msg("owner.unreadable", author=author, base=sides.base.name),
                _ask_coordinators(coordinators, msg("owner.purpose.change")),
            )
        ]
    if owners.include(author):
        return []
    if not owners.names:
        return [
            error(
                path,
                line,
                0,
                "not-a-maintainer",
                msg("owner.no-maintainers", author=author),
                _ask_coordinators(coordinators, msg("owner.purpose.add", profile=profile)),
            )
        ]
    listed = (
        msg(
            "owner.listed.coordinators",
            line=owners.line,
            names=_names_text(owners.names),
            coordinators=_names_text(coordinators.names),
        )
        if coordinators.names
        else msg("owner.listed", line=owners.line, names=_names_text(owners.names))
    )
    if now is not None and now.include(author):
        return [
            error(
                path,
                line,
                0,
                "not-a-maintainer",
                msg("owner.not-yet", author=author),
                msg("owner.not-yet.hint", listed=listed),
            )
        ]
    return [
        error(
            path,
            line,
            0,
            "not-a-maintainer",
            msg("owner.maintainers-only", author=author, names=_names_text(owners.names)),
            msg("owner.maintainers-only.hint", listed=listed),
        )
    ]


def _new_profile_rule(path: str, profile: str, author: str, sides: _Sides) -> list[Diagnostic]:
    """A profile that did not exist on the base revision: its author must be one of its maintainers."""
    text = sides.now(profile)
    if text is None:
        if path == profile:  # deleted again, or unreadable: `check` reports an unreadable one
            return []
        return [
            error(
                path,
                0,
                0,
                "not-a-maintainer",
                msg("owner.no-profile", profile=profile),
                msg("owner.no-profile.hint", profile=profile, author=author),
            )
        ]
    now = maintainers_in(text)
    if now is None or now.include(author):
        return []  # a profile whose front matter cannot be read is an error of `check` already
    where = (now.line, 1) if now.line else (1, 1)
    hint = msg("owner.add.hint" if now.line else "owner.add-lines.hint", author=author)
    return [
        error(
            path if path == profile else profile,
            *where,
            "new-profile-maintainer",
            msg("owner.new-profile", author=author),
            hint,
        )
    ]
