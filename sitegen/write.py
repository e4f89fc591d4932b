"""The only module that writes the output (and the one other file sitegen makes: CODEOWNERS).

The whole site is written into a fresh folder beside the output folder, then swapped in: a
failed or interrupted build leaves the previous output as it was, and files of removed
content disappear with the old folder. Worker processes may write into the same staging
folder; only the parent commits it.
"""

from __future__ import annotations

import contextlib
import errno
import glob
import os
import re
import shutil
import signal
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

try:
    import fcntl
except ImportError:  # Windows: builds into one folder are not locked there
    fcntl = None  # type: ignore[assignment]


@dataclass(frozen=True, slots=True)
class OutputFile:
    path: str  # relative to the output folder, '/'-separated
    content: bytes
    kind: str = "file"  # what it is, for the build summary


class OutputProblem(ValueError):
    """The output folder is one a build must not replace."""


MARKER = ".sitegen-build"  # in every folder a build writes: only such folders are ever replaced
MARKER_TEXT = b"sitegen wrote this folder; the next build replaces all of it, except .git\n"
_HASHED_STYLE = re.compile(r"style\.[0-9a-f]{10}\.css")


def is_build_output(folder: Path) -> bool:
    """True for a folder that a build wrote: it has the marker file.

    Builds before the marker are recognised by the files every build writes: index.html,
    404.html, robots.txt and assets/style.<hash>.css. A folder that merely holds an index.html
    is not one.
    """
    if (folder / MARKER).is_file():
        return True
    if not all((folder / name).is_file() for name in ("index.html", "404.html", "robots.txt")):
        return False
    return any(_HASHED_STYLE.fullmatch(p.name) for p in (folder / "assets").glob("style.*.css"))


def check_output_folder(out: Path, site: Path) -> None:
    """Refuse an output folder whose replacement would delete anything but an earlier build.

    A build replaces the whole folder, so it must not hold the site, its content or its theme
    (`--out .` would delete the repository), nor files that no build wrote. A `.git` alone
    (a new gh-pages worktree) is fine: the build keeps it.
    """
    target, source = out.resolve(), site.resolve()
    if target == source or target in source.parents:
        raise OutputProblem(
            f"--out: '{out}' holds the site itself, which the build would delete; "
            f"write to a folder of its own, such as '{site / 'output'}'"
        )
    for folder in ("content", "themes"):
        if target.is_relative_to(source / folder):
            raise OutputProblem(
                f"--out: '{out}' lies in the site's {folder}/ folder; "
                f"write to a folder of its own, such as '{site / 'output'}'"
            )
    if target.exists() and not target.is_dir():
        raise OutputProblem(f"--out: '{out}' is a file, not a folder")
    others = target.is_dir() and any(entry.name != ".git" for entry in target.iterdir())
    if others and not is_build_output(target):
        raise OutputProblem(
            f"--out: '{out}' is not empty and holds no earlier build (it has no {MARKER} file); "
            "a build replaces the whole folder, so choose a new or empty folder, "
            "or move the files elsewhere first"
        )


def _target(folder: Path, path: str, made: set[Path] | None = None) -> Path:
    """Where `path` goes in `folder`, its folder made. `made`: the folders this process has made in
    `folder` so far, whose mkdir can be skipped."""
    relative = PurePosixPath(path)
    if relative.is_absolute() or ".." in relative.parts or not relative.parts:
        raise ValueError(f"refusing to write outside the output folder: {path!r}")
    target = folder.joinpath(*relative.parts)
    if made is None or target.parent not in made:
        try:  # most folders are a new one in a folder there is: one mkdir, not pathlib's several calls
            os.mkdir(target.parent)
        except FileNotFoundError:
            target.parent.mkdir(parents=True, exist_ok=True)
        except FileExistsError:
            if not target.parent.is_dir():
                raise
        if made is not None:
            made.add(target.parent)
    return target


def _write(folder: Path, file: OutputFile, made: set[Path] | None = None) -> int:
    target = _target(folder, file.path, made)
    try:
        target.write_bytes(file.content)
    except OSError as exc:
        if exc.filename is None:  # a full disk fails the write, whose error names no file
            exc.filename = str(target)
        raise
    return len(file.content)


def write_files(folder: Path, files: Iterable[OutputFile]) -> int:
    """Write `files` into `folder` (made when missing), beside what it holds: for `sitegen schema --out`,
    whose folder is often one the site keeps other files in (`.vscode/`)."""
    if folder.exists() and not folder.is_dir():
        raise OutputProblem(f"--out: '{folder}' is a file, not a folder")
    folder.mkdir(parents=True, exist_ok=True)
    return sum(_write(folder, file) for file in files)


class _OutputLock:
    """`.NAME.lock` beside the output folder, held from staging to swap: one build at a time.

    An flock, which belongs to the open file, so two builds in one process exclude each other
    too; it ends with the process (and its workers, which die with it), even after SIGKILL.
    The file is removed on release; a build that locked a file removed meanwhile tries again,
    so two builds never hold two different files.
    """

    def __init__(self, out: Path) -> None:
        self.path = out.parent / f".{out.name}.lock"
        self.fd = -1
        while fcntl is not None:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                os.close(fd)
                raise OutputProblem(
                    f"another sitegen build is writing to '{out}' right now; wait until it has "
                    f"finished, then build again (the lock is '{self.path}')"
                ) from None
            try:
                if os.stat(self.path).st_ino == os.fstat(fd).st_ino:
                    self.fd = fd
                    return
            except FileNotFoundError:
                pass
            os.close(fd)

    def release(self) -> None:
        if self.fd < 0:
            return
        with contextlib.suppress(FileNotFoundError):
            os.unlink(self.path)
        os.close(self.fd)
        self.fd = -1


def remove_stale_staging(out: Path) -> None:
    """Put back what a killed build left beside `out`, then remove its staging folders.

    Only folders with sitegen's names and its marker (or empty ones) are touched, and only
    while this build holds the lock, so none of them belongs to a running build. A swap killed
    halfway may have left the previous output in `.NAME.old-*` and its `.git` in `.NAME.new-*`:
    both go back first.
    """
    for old in sorted(out.parent.glob(f".{glob.escape(out.name)}.old-*")):
        if _being_removed(old):
            continue
        previous = old / out.name
        if not out.exists() and previous.is_dir() and is_build_output(previous):
            os.rename(previous, out)
        entries = [p.name for p in old.iterdir()]
        if not entries or (entries == [out.name] and is_build_output(previous) and not (previous / ".git").exists()):
            shutil.rmtree(old)
    for new in sorted(out.parent.glob(f".{glob.escape(out.name)}.new-*")):
        if any(new.iterdir()) and not (new / MARKER).is_file():
            continue  # not a staging folder of ours
        repository = new / ".git"
        if repository.is_dir() and out.is_dir() and not (out / ".git").exists():
            os.rename(repository, out / ".git")
        if not repository.exists():
            shutil.rmtree(new)


class Staging:
    """A fresh folder beside `out` that becomes `out` on commit; the output is locked till then."""

    def __init__(self, out: Path) -> None:
        self.out = out.resolve()
        self.out.parent.mkdir(parents=True, exist_ok=True)
        self._lock = _OutputLock(self.out)
        try:
            remove_stale_staging(self.out)
            self.folder = Path(tempfile.mkdtemp(prefix=f".{self.out.name}.new-", dir=self.out.parent))
            os.chmod(self.folder, 0o755)
            (self.folder / MARKER).write_bytes(MARKER_TEXT)
            # A build writes thousands of files into a few hundred folders: one mkdir a folder, per process.
            self._made: set[Path] = set()
        except BaseException:
            self._lock.release()
            raise

    def write(self, file: OutputFile) -> int:
        return _write(self.folder, file, self._made)

    def carry(self, source: Path, path: str) -> bool:
        """`path` becomes the same file as `source` of the previous output (a hard link: True),
        else a copy where the file system has no hard links (False: a file of its own). The
        previous output is only read: a file is never written twice, so no write reaches a link."""
        target = _target(self.folder, path, self._made)
        try:
            os.link(source, target)
        except OSError as exc:
            if exc.errno not in (errno.EXDEV, errno.EPERM, errno.EMLINK, errno.ENOTSUP, errno.EOPNOTSUPP):
                raise
            shutil.copyfile(source, target)
            return False
        return True

    def stat(self, path: str) -> os.stat_result:
        return os.stat(self.folder.joinpath(*PurePosixPath(path).parts))

    def commit(self, files: int = 0) -> None:
        """Swap the staging folder in. `files`: how many it holds; the output it replaces is
        removed by a process of its own when it is that large (`_remove_retired`)."""
        try:
            retired = self._swap()
        finally:
            self._lock.release()
        if retired is not None:
            _remove_retired(retired, background=files > BACKGROUND_REMOVAL)

    def _swap(self) -> Path | None:
        """The folder that now holds the replaced output, for removal; None when there was none."""
        if not self.out.exists():
            os.rename(self.folder, self.out)
            return None
        # An output folder that is a git worktree (a gh-pages checkout) keeps its repository,
        # which goes back where it was if the swap fails: discard() would delete it.
        repository, carried = self.out / ".git", self.folder / ".git"
        retired = Path(tempfile.mkdtemp(prefix=f".{self.out.name}.old-", dir=self.out.parent))
        moved = False
        try:
            if repository.exists() and not carried.exists():
                os.rename(repository, carried)
                moved = True
            os.rename(self.out, retired / self.out.name)
            try:
                os.rename(self.folder, self.out)
            except BaseException:
                os.rename(retired / self.out.name, self.out)
                raise
        except BaseException:
            if moved:
                os.rename(carried, repository)
            shutil.rmtree(retired, ignore_errors=True)
            raise
        return retired

    def discard(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)
        self._lock.release()  # if a failed commit has not released it already


# Removing a replaced output costs one unlink a file (75 us on ext4: 3 s for the 39,000 files of
# 10,000 profiles), after the new output is in place: past this many files, a process of its own
# removes it while the build returns.
BACKGROUND_REMOVAL = 5000


def _remove_retired(retired: Path, background: bool) -> None:
    """Remove the folder a swap moved the previous output into, here or in a detached process.

    The detached process holds an flock on the folder until it is gone, so that the next build's
    `remove_stale_staging` leaves it alone; it keeps no other file open (the output's lock above
    all), and it ends with os._exit, flushing nothing of the parent's."""
    if not background or fcntl is None or not hasattr(os, "fork"):
        shutil.rmtree(retired, ignore_errors=True)
        return
    try:
        fd = os.open(retired, os.O_RDONLY | os.O_DIRECTORY)
    except OSError:
        shutil.rmtree(retired, ignore_errors=True)
        return
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        child = os.fork()
        if child == 0:  # pragma: no cover - measured by its effect (tests/test_incremental.py)
            try:
                os.setsid()
                if os.fork() == 0:
                    signal.signal(signal.SIGINT, signal.SIG_IGN)
                    signal.signal(signal.SIGTERM, signal.SIG_DFL)
                    os.closerange(0, fd)
                    os.closerange(fd + 1, _MAX_FD)
                    shutil.rmtree(retired, ignore_errors=True)
            finally:
                os._exit(0)
        os.waitpid(child, 0)
    except OSError:
        shutil.rmtree(retired, ignore_errors=True)
    finally:
        os.close(fd)


_MAX_FD = 65536


def _being_removed(folder: Path) -> bool:
    """Whether a detached process is removing `folder` (it holds the folder's flock)."""
    if fcntl is None:
        return False
    try:
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    finally:
        os.close(fd)
    return False


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
