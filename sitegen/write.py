"""The only module that writes the output (and the one other file sitegen makes: CODEOWNERS).

The whole site is written into a fresh folder beside the output folder, then swapped in: a
failed or interrupted build leaves the previous output as it was, and files of removed
content disappear with the old folder. Worker processes may write into the same staging
folder; only the parent commits it.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath


@dataclass(frozen=True, slots=True)
class OutputFile:
    path: str  # relative to the output folder, '/'-separated
    content: bytes
    kind: str = "file"  # what it is, for the build summary


class OutputProblem(ValueError):
    """The output folder is one a build must not replace."""


def check_output_folder(out: Path, site: Path) -> None:
    """Refuse an output folder whose replacement would delete anything but an earlier build.

    A build replaces the whole folder, so it must not hold the site, its content or its theme
    (`--out .` would delete the repository), nor files that no build wrote.
    """
    target, source = out.resolve(), site.resolve()
    if target == source or target in source.parents:
        raise OutputProblem(f"--out: '{out}' holds the site itself, which the build would delete; "
                            f"write to a folder of its own, such as '{site / 'output'}'")
    for folder in ("content", "themes"):
        if target.is_relative_to(source / folder):
            raise OutputProblem(f"--out: '{out}' lies in the site's {folder}/ folder; "
                                f"write to a folder of its own, such as '{site / 'output'}'")
    if target.exists() and not target.is_dir():
        raise OutputProblem(f"--out: '{out}' is a file, not a folder")
    if target.is_dir() and any(target.iterdir()) and not (target / "index.html").is_file():
        raise OutputProblem(f"--out: '{out}' is not empty and holds no built site; a build replaces the whole "
                            "folder, so choose a new or empty folder")


def _write(folder: Path, file: OutputFile) -> int:
    relative = PurePosixPath(file.path)
    if relative.is_absolute() or ".." in relative.parts or not relative.parts:
        raise ValueError(f"refusing to write outside the output folder: {file.path!r}")
    target = folder.joinpath(*relative.parts)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(file.content)
    return len(file.content)


def write_files(folder: Path, files: Iterable[OutputFile]) -> int:
    """Write `files` into `folder` (made when missing), beside what it holds: for `sitegen schema --out`,
    whose folder is often one the site keeps other files in (`.vscode/`)."""
    if folder.exists() and not folder.is_dir():
        raise OutputProblem(f"--out: '{folder}' is a file, not a folder")
    folder.mkdir(parents=True, exist_ok=True)
    return sum(_write(folder, file) for file in files)


@dataclass(frozen=True, slots=True)
class WriteSummary:
    files: int
    bytes: int


class Staging:
    """A fresh folder beside `out` that becomes `out` on commit."""

    def __init__(self, out: Path) -> None:
        self.out = out.resolve()
        self.out.parent.mkdir(parents=True, exist_ok=True)
        self.folder = Path(tempfile.mkdtemp(prefix=f".{self.out.name}.new-", dir=self.out.parent))
        os.chmod(self.folder, 0o755)

    def write(self, file: OutputFile) -> int:
        return _write(self.folder, file)

    def commit(self) -> None:
        if not self.out.exists():
            os.rename(self.folder, self.out)
            return
        # An output folder that is a git worktree (a gh-pages checkout) keeps its repository.
        repository = self.out / ".git"
        if repository.exists() and not (self.folder / ".git").exists():
            os.rename(repository, self.folder / ".git")
        retired = Path(tempfile.mkdtemp(prefix=f".{self.out.name}.old-", dir=self.out.parent))
        os.rename(self.out, retired / self.out.name)
        os.rename(self.folder, self.out)
        shutil.rmtree(retired, ignore_errors=True)

    def discard(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)


def replace_file(path: Path, content: bytes) -> None:
    """One file beside the site (CODEOWNERS), replaced whole: a reader never sees half of it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.new-", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(content)
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        os.unlink(temporary)
        raise
