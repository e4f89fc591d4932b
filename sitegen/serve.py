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

from . import build, fetch
from .diagnostics import format_text, summary_line
from .failures import InternalProblem, ThemeProblem, WriteProblem
from .preview import PreviewServer, PreviewState, Status, is_loopback
from .render import CompiledTemplates
from .watch import Watcher

LOCAL = "127.0.0.1"
DEFAULT_PORT = 8000  # cli.py says both in its help, without importing this module


class Preview:
    """Builds into numbered folders below `scratch` and tells the state what to serve."""

    def __init__(
        self, site: Path, scratch: Path, options: build.Options, state: PreviewState, out: TextIO, err: TextIO
    ) -> None:
        self.site, self.scratch, self.options, self.state = site, scratch, options, state
        self.out, self.err = out, err
        self.attempts = 0
        self.session = secrets.token_hex(4)
        self.served: Status = Status(0, self.session)
        self.folders: list[Path] = []  # the builds on disk, oldest first

    def build(self) -> Status:
        self.attempts += 1
        target = self.scratch / f"build-{self.attempts}"
        started = time.perf_counter()
        try:
            result = build.build_site(self.site, target, self.options)
            seconds = time.perf_counter() - started
        except ThemeProblem as problem:
            return self._failed(
                Status(self.served.build, self.session, True, theme_problem=str(problem), language=self.served.language)
            )
        checked = result.check
        language = checked.language
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
            shutil.rmtree(self.folders.pop(0), ignore_errors=True)
        self._say(f"built in {seconds:.2f} s: {result.published.files} files")
        return status

    def _failed(self, status: Status) -> Status:
        self._print(status)
        self.state.update(status)
        kept = "the preview shows the last good build" if status.build else "nothing to show yet"
        self._say(f"not rebuilt: fix the errors above ({kept}); watching for changes")
        return status

    def _print(self, status: Status) -> None:
        """As `sitegen check` prints it: the diagnostics on stdout, the summary line on stderr."""
        if status.theme_problem:
            self.err.write(status.report())
            return
        self.out.write(format_text(list(status.diagnostics), status.language))
        self.out.flush()
        self._say(summary_line(list(status.diagnostics), status.files_checked))

    def _say(self, message: str) -> None:
        self.err.write(f"sitegen: {message}\n")
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
    if not is_loopback(host):
        err.write(
            f"sitegen: warning: --host {host}: the preview is reachable by others on the network, "
            "internal content included when --audience internal; use it only on a network you trust\n"
        )
    state = PreviewState()
    try:
        server = PreviewServer((host, port), state)
    except OSError as problem:
        err.write(f"sitegen: error: {_bind_problem(problem, host, port)}\n")
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
            preview = Preview(site, Path(scratch), options, state, out, err)
            # Watching starts first: a file saved during the first build is rebuilt after it.
            watcher = Watcher(site, [Path(scratch)], stop)
            watcher.start()
            err.write(
                f"sitegen: building a preview of {site} as of {options.build_date.isoformat()} "
                f"(the {options.audience} site) in {scratch}\n"
            )
            preview.build()
            thread = threading.Thread(
                target=server.serve_forever, kwargs={"poll_interval": 0.2}, name="preview server", daemon=True
            )
            thread.start()
            threads.append(thread)
            err.write(
                f"sitegen: serving the preview at {local} (Ctrl-C stops it); watching "
                f"{', '.join(_shown(site, p) for p in (*watcher.watching.folders, site / 'sitegen.yaml'))}\n"
            )
            err.flush()
            while not stop.is_set():
                changed = watcher.next_batch(timeout=0.25)
                if changed:
                    err.write(f"sitegen: changed: {_changed(site, changed)}; rebuilding\n")
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
    err.write("sitegen: preview stopped\n")
    return 0


def _bind_problem(problem: OSError, host: str, port: int) -> str:
    if problem.errno == errno.EADDRINUSE:
        return (
            f"--port {port}: the port is in use on {host} (another preview, perhaps); choose another with "
            "--port N, or --port 0 for any free port"
        )
    if problem.errno == errno.EACCES:
        return f"--port {port}: not allowed to use this port; ports below 1024 need privileges, try --port 8000"
    if problem.errno == errno.EADDRNOTAVAIL or isinstance(problem, socket.gaierror):
        return f"--host {host}: this machine has no such address; leave --host out to use {LOCAL}"
    return f"cannot serve on {host}:{port}: {problem.strerror or problem}"


def _shown(site: Path, path: Path) -> str:
    """A path as the member knows it: below the site folder when it is there (watchfiles names it absolute)."""
    folder = "/" if path.is_dir() else ""
    try:
        return str(Path(os.path.abspath(path)).relative_to(os.path.abspath(site))) + folder
    except ValueError:
        return str(path) + folder


def _changed(site: Path, paths: set[str]) -> str:
    names = sorted(_shown(site, Path(p)).rstrip("/") for p in paths)
    return ", ".join(names[:3]) + (f" and {len(names) - 3} more" if len(names) > 3 else "")


__all__ = ["DEFAULT_PORT", "Preview", "serve"]
