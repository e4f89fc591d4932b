"""A process pool whose tasks have a time limit that is enforced.

Python-Markdown is quadratic on some inputs (8 KB of brackets took 5.5 s), and a thread
cannot be stopped, so per-file work runs in worker processes: a worker that passes its task's
deadline is killed and replaced, its task reported as timed out, and the other tasks go on.
The same pool spreads the work over every core.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import gc
import multiprocessing
import multiprocessing.connection
import os
import signal
import sys
import threading
import time
import traceback
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, TypeVar

Task = TypeVar("Task")
Context = TypeVar("Context")
Result = TypeVar("Result")


@dataclass(frozen=True, slots=True)
class TimedOut:
    seconds: float


CrashKind = Literal["template", "os", "other"]


@dataclass(frozen=True, slots=True)
class Crashed:
    """An exception of a task, as plain fields: it crosses the pipe from a worker, and a task run
    in the parent gives the same value, so the caller reports both alike.

    `kind` is "template" for a Jinja error or an error raised by a template's own code, "os" for
    an OSError, "other" for anything else (a bug of sitegen's, or a worker that died). `message`
    is the exception's text; for an OSError its `strerror`, the number and file name being fields
    of their own. `template` and `line` are the innermost template frame, where there is one.
    `notes` are the exception's `__notes__` (what it was doing: "while rendering /x/").
    """

    kind: CrashKind
    type_name: str
    message: str
    errno: int | None = None
    filename: str | None = None
    template: str | None = None
    line: int | None = None
    notes: tuple[str, ...] = ()
    traceback: str = ""  # formatted, for kind "other"

    @classmethod
    def of(cls, exc: BaseException) -> Crashed:
        notes = tuple(str(n) for n in getattr(exc, "__notes__", ()))
        name = type(exc).__name__
        if isinstance(exc, OSError):
            filename = exc.filename if isinstance(exc.filename, str) else None
            return cls("os", name, exc.strerror or str(exc), exc.errno, filename, notes=notes)
        import jinja2  # here, not at the top: `check` imports this module and needs no Jinja2

        template, line, own = _template_frame(exc, str(Path(jinja2.__file__).parent))
        if isinstance(exc, jinja2.TemplateSyntaxError):  # also an undefined filter or test, at compile time
            template, line = exc.filename or exc.name or template, exc.lineno
        if isinstance(exc, jinja2.TemplateError) or own:
            return cls("template", name, str(exc), template=template, line=line, notes=notes)
        text = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
        return cls("other", name, str(exc), template=template, line=line, notes=notes, traceback=text)

    @classmethod
    def lost(cls, what: str) -> Crashed:
        """A task without an exception: its worker died."""
        return cls("other", "", what)

    @property
    def reason(self) -> str:
        """The type name and the message, on one line."""
        return f"{self.type_name}: {self.message}" if self.type_name else self.message


def _template_frame(exc: BaseException, jinja_folder: str) -> tuple[str | None, int | None, bool]:
    """The innermost template line in the traceback, and whether the exception came from there:
    raised by the template's own code, or through Jinja's (`{{ 1 // 0 }}`, an undefined name),
    not by a function the template called. Jinja rewrites a template's frames to point at its
    source file; they are the frames that raise `__jinja_exception__`."""
    template: str | None = None
    line: int | None = None
    own = False
    for frame, number in traceback.walk_tb(exc.__traceback__):
        if "__jinja_exception__" in frame.f_globals:
            template, line, own = frame.f_code.co_filename, number, True
        elif not frame.f_code.co_filename.startswith(jinja_folder):
            own = False
    return template, line, own


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


_PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>


def _die_with(parent: int) -> None:
    """A worker must not outlive its parent (kill -9, a cancelled CI job): it holds a copy of
    every sibling's pipe, so no pipe closes when the parent dies, and a task may run for long."""
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:  # the parent died before the line above took effect
        os._exit(1)


def _serve(
    connection: multiprocessing.connection.Connection, function: Callable[[Any, Any], Any], context: Any, parent: int
) -> None:
    _die_with(parent)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # not the parent's handler, which would raise here
    if hasattr(signal, "pthread_sigmask"):  # the parent held them while it forked (_stops_held)
        signal.pthread_sigmask(signal.SIG_UNBLOCK, _STOPS)
    gc.freeze()  # what the worker inherited stays put: collections scan only its own objects
    while True:
        try:
            message = connection.recv()
        except (EOFError, OSError):
            return
        if message is None:
            return
        index, task = message
        try:
            result: Any = function(task, context)
        except BaseException as exc:  # noqa: BLE001 - a worker must answer, whatever happened
            result = Crashed.of(exc)
        connection.send((index, result))


_STOPS = {signal.SIGINT, signal.SIGTERM}


@contextlib.contextmanager
def _stops_held() -> Iterator[None]:
    """Ctrl-C and SIGTERM wait until the fork is over. A handler that raises inside fork's own
    at-fork hooks is swallowed there ('Exception ignored in ...'), and the build would go on;
    held, the signal arrives right after, where its exception unwinds the build."""
    if not hasattr(signal, "pthread_sigmask") or threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, _STOPS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


class _Worker:
    def __init__(
        self,
        start: Callable[..., multiprocessing.process.BaseProcess],
        function: Callable[[Any, Any], Any],
        context: Any,
    ) -> None:
        parent_end, child_end = multiprocessing.Pipe()
        self.connection = parent_end
        self.process = start(target=_serve, args=(child_end, function, context, os.getpid()), daemon=True)
        with _stops_held():
            self.process.start()
        child_end.close()
        self.task: int | None = None
        self.deadline = 0.0

    def stop(self, kill: bool = False) -> None:
        if kill:
            self.process.kill()
        else:
            with contextlib.suppress(OSError):
                self.connection.send(None)
        self.process.join(timeout=None if kill else 5)
        if self.process.is_alive():
            self.process.kill()
            self.process.join()
        self.connection.close()


def workers_share_memory() -> bool:
    """True where workers fork: they start in milliseconds and inherit the parent's values unpickled."""
    return sys.platform.startswith("linux")


def _process_starter() -> Callable[..., multiprocessing.process.BaseProcess]:
    method = "fork" if workers_share_memory() else "spawn"
    return multiprocessing.get_context(method).Process  # type: ignore[attr-defined, no-any-return]


def run_timed(
    function: Callable[[Task, Context], Result],
    tasks: Sequence[Task],
    context: Context,
    time_limit: float,
    jobs: int,
    progress: Callable[[int, int], None] | None = None,
) -> list[Result | TimedOut | Crashed]:
    """`function(task, context)` for every task, in worker processes; results in task order.

    `function` must be a module-level function. A task still running after `time_limit`
    seconds gives TimedOut; a worker that dies gives Crashed. `progress(done, total)` is
    called as tasks finish.
    """
    results: list[Result | TimedOut | Crashed | None] = [None] * len(tasks)
    if not tasks:
        return []
    start = _process_starter()
    workers: list[_Worker] = []
    pending = iter(range(len(tasks)))
    done = 0

    def assign(worker: _Worker) -> None:
        index = next(pending, None)
        worker.task = index
        if index is not None:
            worker.deadline = time.monotonic() + time_limit
            worker.connection.send((index, tasks[index]))

    # Results are acyclic values: collecting garbage while thousands arrive only costs time.
    collecting = gc.isenabled()
    gc.disable()
    try:
        for _ in range(max(1, min(jobs, len(tasks)))):  # inside the try: workers started before an EMFILE stop
            try:
                workers.append(_Worker(start, function, context))
            except OSError as exc:
                if exc.errno not in (errno.EMFILE, errno.ENFILE) or not workers:
                    raise
                break  # out of file descriptors: go on with the workers there are
        for worker in workers:
            assign(worker)
        while done < len(tasks):
            busy = [w for w in workers if w.task is not None]
            wait_for = max(0.0, min(w.deadline for w in busy) - time.monotonic())
            ready = multiprocessing.connection.wait([w.connection for w in busy], timeout=wait_for)
            for worker in busy:
                if worker.connection in ready:
                    try:
                        index, result = worker.connection.recv()
                    except (EOFError, OSError):
                        index, result = worker.task, Crashed.lost("the worker process ended unexpectedly")
                        workers[workers.index(worker)] = worker = _replace(worker, start, function, context)
                    results[index] = result
                    done += 1
                    if progress:
                        progress(done, len(tasks))
                    assign(worker)
                elif time.monotonic() >= worker.deadline:
                    assert worker.task is not None
                    results[worker.task] = TimedOut(time_limit)
                    done += 1
                    replacement = _replace(worker, start, function, context)
                    workers[workers.index(worker)] = replacement
                    assign(replacement)
    finally:
        if collecting:
            gc.enable()
        for worker in workers:
            worker.stop(kill=worker.task is not None)
    return [r if r is not None else Crashed.lost("no result") for r in results]


def _replace(
    worker: _Worker,
    start: Callable[..., multiprocessing.process.BaseProcess],
    function: Callable[[Any, Any], Any],
    context: Any,
) -> _Worker:
    worker.stop(kill=True)
    return _Worker(start, function, context)
