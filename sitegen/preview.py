"""The preview's HTTP side: the last good build over HTTP, and the build status as events.

Only GET and HEAD; only files inside the served build (no directory listings, no dotfiles, no
symbolic links out); `404.html` with status 404 for anything else. HTML responses get one
`<script src="/__sitegen/preview.js">` before `</head>`, added here and never to the built
files: the script is served from the same origin, so the pages' own Content-Security-Policy
(`script-src 'self'`) lets it run unchanged. It listens to `/__sitegen/events` (Server-Sent
Events) and reloads the page after a rebuild, or shows the diagnostics over it after a failed one.
"""

from __future__ import annotations

import contextlib
import http.server
import ipaddress
import json
import socket
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import unquote

from . import i18n
from .diagnostics import Diagnostic, format_text, summary_line

CLIENT = Path(__file__).resolve().parent / "preview_client"
PREFIX = "/__sitegen/"  # no slug can start with '_', so no page of a site can live here
KEEP_ALIVE_SECONDS = 15.0

# Static hosts send these; Python's mimetypes table depends on the machine (/etc/mime.types).
CONTENT_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".json": "application/json",
    ".xml": "application/xml",
    ".atom": "application/atom+xml",
    ".vcf": "text/vcard; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
    ".svg": "image/svg+xml",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
    ".webp": "image/webp",
    ".ico": "image/x-icon",
    ".woff2": "font/woff2",
    ".pdf": "application/pdf",
}


def content_type(path: PurePosixPath | Path) -> str:
    return CONTENT_TYPES.get(path.suffix.lower(), "application/octet-stream")


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False  # a host name: it may well resolve to a public interface


# ---------------------------------------------------------------------------------------------
# What the browser is told about the builds


@dataclass(frozen=True, slots=True)
class Status:
    """The outcome of the latest build, as the browser is told it."""

    build: int  # the number of the build being served; 0 while no build has succeeded
    session: str = ""  # one per server run, so that a page from an earlier run reloads too
    failed: bool = False
    diagnostics: tuple[Diagnostic, ...] = ()
    files_checked: int = 0
    theme_problem: str = ""  # the theme's error, when a template failed
    language: str = "nl"

    @property
    def build_id(self) -> str:
        return f"{self.session}-{self.build}"

    def report(self) -> str:
        """What the terminal shows, exactly as `sitegen check` (or `build`, for the theme) prints it."""
        if self.theme_problem:
            return f"sitegen: error in the theme: {self.theme_problem}\n"
        found = list(self.diagnostics)
        return (
            format_text(found, self.language) + f"sitegen: {summary_line(found, self.files_checked, self.language)}\n"
        )

    def event(self) -> tuple[str, dict[str, Any]]:
        """The Server-Sent Event's name and data."""
        data: dict[str, Any] = {"build": self.build, "session": self.session}
        if not self.failed:
            return "rebuilt", data
        language = self.language if self.language in i18n.CATALOG else "nl"
        labels = {key: i18n.text(language, f"preview_{key}") for key in ("title", "intro", "dismiss")}
        data.update(
            labels,
            report=self.report(),
            language=language,
            diagnostics=[_diagnostic_json(d, language) for d in self.diagnostics],
        )
        return "failed", data


def _diagnostic_json(d: Diagnostic, language: str) -> dict[str, Any]:
    return {
        "path": d.path,
        "line": d.line,
        "column": d.column,
        "severity": d.severity.value,
        "code": d.code,
        "message": d.message_in(language),
        "hint": d.hint_in(language),
    }


@dataclass(slots=True)
class PreviewState:
    """The folder being served and the latest status, shared by the builder and the request threads."""

    root: Path | None = None
    status: Status = field(default_factory=lambda: Status(0))
    version: int = 0  # counts every change, so that an event stream notices each one
    closed: bool = False
    changed: threading.Condition = field(default_factory=threading.Condition)

    def update(self, status: Status, root: Path | None = None) -> None:
        with self.changed:
            if root is not None:
                self.root = root
            self.status = status
            self.version += 1
            self.changed.notify_all()

    def snapshot(self) -> tuple[Path | None, Status]:
        with self.changed:
            return self.root, self.status

    def events(self, keep_alive: float = KEEP_ALIVE_SECONDS) -> Iterator[Status | None]:
        """The current status, then each new one; None after `keep_alive` seconds without one. Ends on close."""
        seen = -1
        while True:
            with self.changed:
                if not self.closed and self.version == seen:
                    self.changed.wait(timeout=keep_alive)
                if self.closed:
                    return
                fresh = self.version != seen
                seen, status = self.version, self.status
            yield status if fresh else None

    def close(self) -> None:
        with self.changed:
            self.closed = True
            self.changed.notify_all()


# ---------------------------------------------------------------------------------------------
# Requests


def resolve(root: Path, url_path: str) -> Path | str | None:
    """The file for a URL path; a path string to redirect to (a folder without its '/'); None: not found."""
    path = unquote(url_path.split("?", 1)[0].split("#", 1)[0], errors="strict")
    if "\x00" in path or "\\" in path or not path.startswith("/"):
        return None
    parts = [part for part in path.split("/") if part]
    if any(part.startswith(".") for part in parts):  # '..', '.', and dotfiles such as a kept .git
        return None
    target = root.joinpath(*parts)
    try:
        resolved = target.resolve(strict=True)
    except (OSError, RuntimeError):
        return None
    if not resolved.is_relative_to(root.resolve()):
        return None
    if resolved.is_dir():
        if not path.endswith("/"):
            return "/" + "".join(part + "/" for part in parts)
        resolved = resolved / "index.html"
    return resolved if resolved.is_file() else None


def inject(html: bytes, build_id: str) -> bytes:
    """The page with the preview script in its head (or at the end, for a page without one)."""
    tag = f'<script src="{PREFIX}preview.js" data-build="{build_id}" defer></script>\n'.encode()
    at = html.lower().find(b"</head>")
    return html[:at] + tag + html[at:] if at >= 0 else html + tag


def placeholder_page(status: Status) -> bytes:
    """What every page shows while no build has succeeded yet: a heading, and the overlay over it."""
    language = status.language if status.language in i18n.CATALOG else "nl"
    title = i18n.text(language, "preview_none_title")
    text = i18n.text(language, "preview_none_text")
    return (
        f'<!DOCTYPE html>\n<html lang="{language}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{title}</title>\n</head>\n<body>\n<main>\n<h1>{title}</h1>\n<p>{text}</p>\n</main>\n"
        f"</body>\n</html>\n"
    ).encode()


# The placeholder page is the server's own: it gets the strict policy the theme's pages carry.
PLACEHOLDER_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; "
    "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'"
)


class PreviewHandler(http.server.BaseHTTPRequestHandler):
    server: PreviewServer
    server_version = "sitegen-preview"
    sys_version = ""

    def do_GET(self) -> None:
        self._respond(with_body=True)

    def do_HEAD(self) -> None:
        self._respond(with_body=False)

    def log_message(self, format: str, *args: Any) -> None:
        pass  # the terminal is for builds and diagnostics, not for every request

    def _respond(self, with_body: bool) -> None:
        path = self.path.split("?", 1)[0]
        try:
            if path.startswith(PREFIX):
                self._own(path.removeprefix(PREFIX), with_body)
            else:
                self._file(with_body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the browser went away (a reload): nothing to tell anyone

    def _own(self, name: str, with_body: bool) -> None:
        if name == "events" and with_body:
            self._events()
        elif name == "status":
            _, status = self.server.state.snapshot()
            kind, data = status.event()
            self._send(
                200, json.dumps({"event": kind, **data}, ensure_ascii=False).encode(), "application/json", with_body
            )
        elif name in ("preview.js", "preview.css"):
            body = (CLIENT / name).read_bytes()
            self._send(200, body, content_type(PurePosixPath(name)), with_body)
        else:
            self._send(404, b"not found\n", "text/plain; charset=utf-8", with_body)

    def _file(self, with_body: bool) -> None:
        root, status = self.server.state.snapshot()
        if root is None:
            self._send(
                503,
                inject(placeholder_page(status), status.build_id),
                CONTENT_TYPES[".html"],
                with_body,
                policy=PLACEHOLDER_POLICY,
            )
            return
        try:
            found = resolve(root, self.path)
        except UnicodeDecodeError:
            found = None
        if isinstance(found, str):
            query = self.path.partition("?")[2]
            self.send_response(301)
            self.send_header("Location", found + (f"?{query}" if query else ""))
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        code = 200
        if found is None:
            code, found = 404, root / "404.html"
            if not found.is_file():
                self._send(404, b"not found\n", "text/plain; charset=utf-8", with_body)
                return
        body = found.read_bytes()
        kind = content_type(found)
        if kind == CONTENT_TYPES[".html"]:
            body = inject(body, status.build_id)
        self._send(code, body, kind, with_body)

    def _send(self, code: int, body: bytes, kind: str, with_body: bool, policy: str = "") -> None:
        self.send_response(code)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")  # a preview is always the latest build
        self.send_header("X-Content-Type-Options", "nosniff")
        if policy:
            self.send_header("Content-Security-Policy", policy)
        self.end_headers()
        if with_body:
            self.wfile.write(body)

    def _events(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream; charset=utf-8")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(b"retry: 1000\n\n")  # reconnect quickly when the server is back
        self.wfile.flush()
        for status in self.server.state.events():
            if status is None:
                self.wfile.write(b": still here\n\n")
            else:
                kind, data = status.event()
                self.wfile.write(f"event: {kind}\ndata: {json.dumps(data, ensure_ascii=False)}\n\n".encode())
            self.wfile.flush()


class PreviewServer(http.server.ThreadingHTTPServer):
    daemon_threads = True  # event streams end with PreviewState.close(); nothing to wait for

    def __init__(self, address: tuple[str, int], state: PreviewState) -> None:
        self.state = state
        if ":" in address[0]:
            self.address_family = socket.AF_INET6
        super().__init__(address, PreviewHandler)

    def server_bind(self) -> None:
        # Python's HTTPServer.server_bind looks up the host's name (slow, and never used here).
        with contextlib.suppress(AttributeError):
            self.socket.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.socket.bind(self.server_address)
        self.server_address = self.socket.getsockname()[:2]

    def handle_error(self, request: Any, client_address: Any) -> None:
        kind = sys.exc_info()[0]
        if kind is not None and issubclass(kind, ConnectionError):
            return
        super().handle_error(request, client_address)

    @property
    def port(self) -> int:
        return int(self.server_address[1])
