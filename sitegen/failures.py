"""Failures outside the content, in words: a full disk, no permission, a bug of sitegen's.

`cli.py` prints them; `build.py` raises them for what went wrong in the render stage, whether
a chunk ran in a worker or in the parent (`build._failure`).
"""

from __future__ import annotations

import errno


class ThemeProblem(Exception):
    """A template of the theme failed: the theme's fault, never the content's. Raised by
    `build._failure` with the template's file and line."""


class WriteProblem(Exception):
    """The output could not be written (exit 1): the message names the path and the cause."""


class InternalProblem(Exception):
    """A bug of sitegen's (exit 1): the message, and the traceback to report it with."""

    def __init__(self, message: str, traceback: str) -> None:
        super().__init__(message)
        self.traceback = traceback


def system_problem(number: int | None, cause: str, filename: str | None) -> str:
    """What went wrong outside the content, in words, with what to do."""
    where = f" ('{filename}')" if filename else ""
    if number in (errno.ENOSPC, errno.EDQUOT):
        return f"the disk is full{where}; free some space, then build again"
    if number in (errno.EACCES, errno.EPERM, errno.EROFS):
        return f"no permission to write{where}; choose an output folder you may write to with --out"
    if number in (errno.EMFILE, errno.ENFILE):
        return "too many open files; use fewer --jobs, or raise the limit (ulimit -n)"
    return f"{cause}{where}"


def os_problem(exc: OSError) -> str:
    return system_problem(exc.errno, exc.strerror or str(exc), exc.filename if isinstance(exc.filename, str) else None)
