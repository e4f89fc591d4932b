"""Git, for what the working tree cannot tell: which files a change touches, and a file as it
stood on the base revision.

Git runs with a list of arguments, never through a shell, so no file name or revision can
become a command. A revision is verified (`rev-parse --verify ... ^{commit}`) before use and
may not start with '-', so it cannot become an option either. Every problem is a `GitProblem`
with a sentence for the person at the terminal: `cli.py` prints it as a usage error.
"""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass
from pathlib import Path


class GitProblem(Exception):
    pass


@dataclass(frozen=True, slots=True)
class Revision:
    """A verified commit of the repository that holds the site folder `folder`."""

    folder: Path
    name: str  # as the user wrote it, for messages
    commit: str  # the full object id


def _run(folder: Path, *arguments: str) -> subprocess.CompletedProcess[bytes]:
    # No pager, no prompt for credentials, and messages in English whatever the machine's locale.
    environment = {**os.environ, "GIT_TERMINAL_PROMPT": "0", "GIT_PAGER": "cat", "LC_ALL": "C"}
    try:
        return subprocess.run(
            ["git", "-C", str(folder), *arguments], capture_output=True, check=False, env=environment, timeout=120
        )
    except FileNotFoundError:
        raise GitProblem("git is not installed (or not on the PATH); --changed-by needs it") from None
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise GitProblem(f"git could not be run: {exc}") from None


def tracks_any(site: Path, folder: Path) -> bool | None:
    """Whether git tracks any file in `folder` (or `folder` itself, a link say), a folder inside
    the site folder `site`: None when the site is in no git work tree, or git cannot say."""
    try:
        found = _run(site, "ls-files", "-z", "--", f":(literal){folder.resolve()}")
    except GitProblem:
        return None
    return bool(found.stdout) if found.returncode == 0 else None


def open_revision(folder: Path, name: str) -> Revision:
    if not name or name.startswith("-"):
        raise GitProblem(f"--base: '{name}' is not a revision")
    _require_work_tree(folder)
    found = _run(folder, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{name}^{{commit}}")
    if found.returncode != 0:
        raise GitProblem(
            f"--base: the revision '{name}' is not known in this repository "
            "(in CI, fetch it first: a shallow clone lacks older commits)"
        )
    return Revision(folder, name, found.stdout.decode("ascii").strip())


def read(revision: Revision, path: str) -> bytes | None:
    """The file `path` (relative to the site folder) as it stands on the revision; None when no
    such file existed there. The revision is verified, so a failure means the path is absent
    (or a folder)."""
    blob = _run(revision.folder, "cat-file", "blob", f"{revision.commit}:./{path}")
    return blob.stdout if blob.returncode == 0 else None


def changed_files(revision: Revision) -> tuple[str, ...]:
    """Every file in the site folder that differs from the revision, committed or not, new files
    included; relative to the site folder, sorted. A rename counts as a deletion and an addition."""
    diff = _run(revision.folder, "diff", "--name-only", "-z", "--no-renames", "--relative", revision.commit, "--")
    untracked = _run(revision.folder, "ls-files", "--others", "--exclude-standard", "-z")
    for result in (diff, untracked):
        if result.returncode != 0:
            raise GitProblem(
                "git could not list the changed files: " + result.stderr.decode("utf-8", "replace").strip()
            )
    names = (diff.stdout + untracked.stdout).split(b"\0")
    return tuple(sorted({name.decode("utf-8", "surrogateescape") for name in names if name}))


def site_prefix(folder: Path) -> str:
    """The site folder's place in its repository ('' at the root, else 'site/'), as git prints paths."""
    _require_work_tree(folder)
    return _run(folder, "rev-parse", "--show-prefix").stdout.decode("utf-8", "surrogateescape").strip()


def _require_work_tree(folder: Path) -> None:
    inside = _run(folder, "rev-parse", "--is-inside-work-tree")
    if inside.returncode == 0 and inside.stdout.strip() == b"true":
        return
    reason = inside.stderr.decode("utf-8", "replace").strip().splitlines()
    if inside.returncode == 0 or not reason or "not a git repository" in reason[0]:
        raise GitProblem(f"the site folder '{folder}' is not inside a git working tree; --changed-by needs one")
    # Such as "detected dubious ownership" in a CI container whose checkout belongs to another user.
    raise GitProblem(f"git cannot read the repository of '{folder}': {reason[0].removeprefix('fatal: ')}")
