"""`sitegen serve`: a live preview on this machine.

The site is built with the real `build.build_site`, its base URL rewritten to the local
address, into a temporary folder of the preview's own: never into `output/`, so a preview can
never replace a published build, and nothing is left behind when it stops. Each build goes to a
fresh numbered folder; the server switches to it once it is complete and keeps the one before
(a request may still be reading it). A build with errors publishes nothing, so the server keeps
serving the last good build while the terminal and the open pages show what to fix.

The main thread builds; the HTTP server and the watches run in threads of their own. Ctrl-C
reaches the main thread, wherever it is (waiting for changes or inside a build, whose workers
ignore it), and everything stops in order.
"""

from __future__ import annotations

import dataclasses
import errno
import os
import secrets
import shutil
import socket
import sys
import tempfile
import threading
import time
import traceback
from pathlib import Path
from typing import TextIO

from . import build, carry, fetch
from .config import declared_language
from .diagnostics import format_text, summary_line
from .failures import InternalProblem, ThemeProblem, WriteProblem
from .messages import Message, msg
from .preview import PreviewServer, PreviewState, Status, is_loopback
from .render import CompiledTemplates
from .watch import Watcher

LOCAL = "127.0.0.1"
DEFAULT_PORT = 8000  # cli.py says both in its help, without importing this module


class Preview:
    """Builds into numbered folders below `scratch` and tells the state what to serve."""

    def __init__(
        self,
        site: Path,
        scratch: Path,
        options: build.Options,
        state: PreviewState,
        out: TextIO,
        err: TextIO,
        language: str,
    ) -> None:
        self.site, self.scratch, self.options, self.state = site, scratch, options, state
        self.out, self.err = out, err
        self.language = language  # sitegen.yaml's when the preview started, then each build's
        self.attempts = 0
        self.session = secrets.token_hex(4)
        self.served: Status = Status(0, self.session)
        self.folders: list[Path] = []  # the builds on disk, oldest first

    def build(self) -> Status:
        self.attempts += 1
        target = self.scratch / f"build-{self.attempts}"
        started = time.perf_counter()
        # Each build goes into a new folder, carrying over from the one served what is unchanged.
        options = dataclasses.replace(self.options, carry_from=self.folders[-1] if self.folders else None)
        try:
            result = build.build_site(self.site, target, options)
            seconds = time.perf_counter() - started
        except ThemeProblem as problem:
            return self._failed(
                Status(self.served.build, self.session, True, theme_problem=str(problem), language=self.served.language)
            )
        checked = result.check
        language = self.language = checked.language
        status = Status(
            self.served.build,
            self.session,
            result.published is None,
            tuple(checked.diagnostics),
            checked.files_checked,
            language=language,
        )
        if result.published is None:
            return self._failed(status)
        self.served = status = dataclasses.replace(status, build=self.attempts)
        self._print(status)
        self.state.update(status, target)
        self.folders.append(target)
        while len(self.folders) > 2:
            gone = self.folders.pop(0)
            shutil.rmtree(gone, ignore_errors=True)
            if self.options.cache is not None:
                carry.forget(self.options.cache, gone)
        files = result.published.files
        self.say(
            msg(
                "serve.built", seconds=seconds, files=msg("count.file.one" if files == 1 else "count.file", count=files)
            )
        )
        return status

    def _failed(self, status: Status) -> Status:
        self._print(status)
        self.state.update(status)
        self.say(msg("serve.not-rebuilt", kept=msg("serve.kept" if status.build else "serve.nothing-yet")))
        return status

    def _print(self, status: Status) -> None:
        """As `sitegen check` prints it: the diagnostics on stdout, the summary line on stderr."""
        if status.theme_problem:
            self.err.write(status.report())
            return
        self.out.write(format_text(list(status.diagnostics), status.language))
        self.out.flush()
        self.say(summary_line(list(status.diagnostics), status.files_checked, status.language))

    def say(self, message: str | Message) -> None:
        text = message.render(self.language) if isinstance(message, Message) else message
        self.err.write(f"sitegen: {text}\n")
        self.err.flush()


def serve(
    site: Path,
    options: build.Options,
    host: str = LOCAL,
    port: int = DEFAULT_PORT,
    out: TextIO | None = None,
    err: TextIO | None = None,
    stop: threading.Event | None = None,
) -> int:
    """Serve the preview until Ctrl-C (or until `stop` is set); the exit status."""
    out = out or sys.stdout
    err = err or sys.stderr
    stop = stop or threading.Event()
    language = declared_language(site)
    if not is_loopback(host):
        err.write(f"sitegen: warning: {msg('serve.exposed', host=host).render(language)}\n")
    state = PreviewState()
    try:
        server = PreviewServer((host, port), state)
    except OSError as problem:
        err.write(f"sitegen: error: {_bind_problem(problem, host, port).render(language)}\n")
        return 2
    any_address = {"0.0.0.0": LOCAL, "": LOCAL, "localhost": LOCAL, "::": "::1"}  # where this machine finds it
    shown = any_address.get(host, host)
    shown = f"[{shown}]" if ":" in shown else shown
    local = f"http://{shown}:{server.port}/"
    options = dataclasses.replace(
        options,
        base_url=f"http://{LOCAL}:{server.port}/",
        compiled_templates=CompiledTemplates(),
        # the networks are asked by the first build, then again at most once an hour
        networks=dataclasses.replace(options.networks, session=fetch.Session()),
    )
    threads: list[threading.Thread] = []
    watcher: Watcher | None = None
    try:
        with tempfile.TemporaryDirectory(prefix="sitegen-serve-") as scratch:
            # A cache of the preview's own, gone with it: the check reads again only the edited
            # files, and each build carries over what the edit left unchanged.
            options = dataclasses.replace(options, cache=Path(scratch) / "cache")
            preview = Preview(site, Path(scratch), options, state, out, err, language)
            # Watching starts first: a file saved during the first build is rebuilt after it.
            watcher = Watcher(site, [Path(scratch)], stop)
            watcher.start()
            preview.say(
                msg(
                    "serve.building",
                    site=str(site),
                    date=options.build_date.isoformat(),
                    audience=msg(f"serve.audience.{options.audience}"),
                    scratch=scratch,
                )
            )
            preview.build()
            thread = threading.Thread(
                target=server.serve_forever, kwargs={"poll_interval": 0.2}, name="preview server", daemon=True
            )
            thread.start()
            threads.append(thread)
            watched = ", ".join(_shown(site, p) for p in (*watcher.watching.folders, site / "sitegen.yaml"))
            preview.say(msg("serve.serving", address=local, watched=watched))
            while not stop.is_set():
                changed = watcher.next_batch(timeout=0.25)
                if changed:
                    preview.say(msg("serve.changed", names=_changed(site, changed)))
                    preview.build()
                    watcher.refresh()
    except KeyboardInterrupt:
        pass
    except WriteProblem as problem:  # the preview's folder could not be written: a full disk
        err.write(f"sitegen: error: {problem}\n")
        return 1
    except InternalProblem as problem:  # a bug of sitegen's in the render stage: its own traceback
        err.write(f"sitegen: internal error, please report it:\n{problem.traceback}")
        return 1
    except Exception:  # noqa: BLE001 - a bug of sitegen's: say so, stop the server, leave no folder behind
        err.write("sitegen: internal error, please report it:\n" + traceback.format_exc())
        return 1
    finally:
        stop.set()
        state.close()
        if threads:
            server.shutdown()
        server.server_close()
        if watcher:
            watcher.join()
    err.write(f"sitegen: {msg('serve.stopped').render(language)}\n")
    return 0


def _bind_problem(problem: OSError, host: str, port: int) -> Message:
    if problem.errno == errno.EADDRINUSE:
        return msg("serve.port-in-use", port=port, host=host)
    if problem.errno == errno.EACCES:
        return msg("serve.port-denied", port=port)
    if problem.errno == errno.EADDRNOTAVAIL or isinstance(problem, socket.gaierror):
        return msg("serve.no-address", host=host, local=LOCAL)
    return msg("serve.cannot", host=host, port=port, reason=str(problem.strerror or problem))


def _shown(site: Path, path: Path) -> str:
    """A path as the member knows it: below the site folder when it is there (watchfiles names it absolute)."""
    folder = "/" if path.is_dir() else ""
    try:
        return str(Path(os.path.abspath(path)).relative_to(os.path.abspath(site))) + folder
    except ValueError:
        return str(path) + folder


def _changed(site: Path, paths: set[str]) -> str | Message:
    names = sorted(_shown(site, Path(p)).rstrip("/") for p in paths)
    shown = ", ".join(names[:3])
    return msg("serve.more", names=shown, count=len(names) - 3) if len(names) > 3 else shown


__all__ = ["DEFAULT_PORT", "Preview", "serve"]
