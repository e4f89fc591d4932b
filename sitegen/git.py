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
        return subprocess.run(["git", "-C", str(folder), *arguments], capture_output=True, check=False,
                              env=environment, timeout=120)
    except FileNotFoundError:
        raise GitProblem("git is not installed (or not on the PATH); --changed-by needs it") from None
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise GitProblem(f"git could not be run: {exc}") from None


def open_revision(folder: Path, name: str) -> Revision:
    if not name or name.startswith("-"):
        raise GitProblem(f"--base: '{name}' is not a revision")
    inside = _run(folder, "rev-parse", "--is-inside-work-tree")
    if inside.returncode != 0 or inside.stdout.strip() != b"true":
        raise GitProblem(f"the site folder '{folder}' is not inside a git working tree; --changed-by needs one")
    found = _run(folder, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{name}^{{commit}}")
    if found.returncode != 0:
        raise GitProblem(f"--base: the revision '{name}' is not known in this repository "
                         "(in CI, fetch it first: a shallow clone lacks older commits)")
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
            raise GitProblem("git could not list the changed files: "
                             + result.stderr.decode("utf-8", "replace").strip())
    names = (diff.stdout + untracked.stdout).split(b"\0")
    return tuple(sorted({name.decode("utf-8", "surrogateescape") for name in names if name}))


def site_prefix(folder: Path) -> str:
    """The site folder's place in its repository ('' at the root, else 'site/'), as git prints paths."""
    prefix = _run(folder, "rev-parse", "--show-prefix")
    if prefix.returncode != 0:
        raise GitProblem(f"the site folder '{folder}' is not inside a git working tree; --changed-by needs one")
    return prefix.stdout.decode("utf-8", "surrogateescape").strip()
