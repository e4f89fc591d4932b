"""Getting another network's export: from its site (a timeout and a size cap on every download)
or from a folder of a built copy, and the cache that keeps the last good copy of each.

Nothing here judges what it gets: federation.py validates a copy and only then asks `Cache.keep`
to keep it, so the cache never holds a copy that could not be imported. The cache also notes when
each copy was fetched, for the warning about an old copy; a `Session` (`sitegen serve`) remembers
what it fetched, so that a rebuild does not ask every network again.
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from . import __version__
from .config import Network, network_key
from .messages import Message, msg

TIMEOUT = 20.0  # seconds for a whole download, not per read
MAX_BYTES = 64 * 1024 * 1024  # a 10,000-profile export is about 12 MB
CHUNK = 64 * 1024
FOLDER = "api/v1"
SERVE_INTERVAL = 3600.0  # seconds: `sitegen serve` asks a network again at most once an hour


@dataclass(frozen=True, slots=True)
class Limits:
    timeout: float = TIMEOUT
    max_bytes: int = MAX_BYTES


@dataclass(frozen=True, slots=True)
class Settings:
    """How a build gets other networks' exports: `--offline` reads the cache alone."""

    offline: bool = False
    cache: Path | None = None  # None: federation.DEFAULT_CACHE under the site folder
    limits: Limits = field(default_factory=Limits)
    session: Session | None = None  # what earlier builds of this process fetched (`sitegen serve`)


@dataclass(frozen=True, slots=True)
class Failed:
    """Why a copy could not be had, in words that finish 'could not be fetched: ...'."""

    reason: Message


class Got(NamedTuple):
    """What asking a network gave: its bytes or why not, when (seconds since the epoch), and
    whether it was asked just now (False: a session's copy from an earlier build)."""

    result: bytes | Failed
    fetched: float
    new: bool


class Session:
    """The answers of the networks within one process, each asked again only after `interval`
    seconds: `sitegen serve` rebuilds on every saved file, and a member's edit must not wait for
    (or hammer) every network. A failure is remembered too, so a network that is down costs its
    timeout once, not on every rebuild. Like render.CompiledTemplates, the one state a build
    shares with the next; it holds only what the networks sent, which each build validates again."""

    def __init__(self, interval: float = SERVE_INTERVAL, clock: Callable[[], float] = time.time) -> None:
        self.interval = interval
        self.clock = clock  # when an answer came, in seconds since the epoch
        self._answers: dict[tuple[str, str], tuple[float, Got]] = {}  # (where, kind) -> (monotonic, answer)
        self._lock = threading.Lock()

    def get(self, network: Network, kind: str, site: Path, limits: Limits) -> Got:
        key = (location(network, kind, site), kind)
        with self._lock:
            kept = self._answers.get(key)
        if kept is not None and time.monotonic() - kept[0] < self.interval:
            return kept[1]._replace(new=False)
        got = Got(get(network, kind, site, limits), self.clock(), True)
        with self._lock:
            self._answers[key] = (time.monotonic(), got)
        return got


def ask(network: Network, kind: str, site: Path, settings: Settings) -> Got:
    """The network's export now, or the session's copy while it is young enough."""
    if settings.session is not None:
        return settings.session.get(network, kind, site, settings.limits)
    return Got(get(network, kind, site, settings.limits), time.time(), True)


def location(network: Network, kind: str, site: Path) -> str:
    """The address (or file) of a network's export of one kind."""
    if network.url is not None:
        return f"{network.url}{FOLDER}/{kind}.json"
    return str(_folder(network, site) / FOLDER / f"{kind}.json")


def _folder(network: Network, site: Path) -> Path:
    assert network.path is not None
    folder = Path(network.path)
    return folder if folder.is_absolute() else site / folder


def get(network: Network, kind: str, site: Path, limits: Limits) -> bytes | Failed:
    """The export's bytes, or why there are none; never more than `limits.max_bytes`."""
    where = location(network, kind, site)
    if network.url is None:
        return _read_file(Path(where), limits.max_bytes)
    return download(where, limits)


def _read_file(path: Path, max_bytes: int) -> bytes | Failed:
    try:
        with path.open("rb") as file:
            data = file.read(max_bytes + 1)
    except FileNotFoundError:
        return Failed(msg("fetch.no-file", path=str(path)))
    except OSError as exc:
        return Failed(msg("fetch.file-error", path=str(path), reason=str(exc.strerror or exc)))
    return _capped(data, max_bytes)


def _capped(data: bytes, max_bytes: int) -> bytes | Failed:
    if len(data) > max_bytes:
        return Failed(msg("fetch.too-large", limit=_size(max_bytes)))
    return data


def _size(count: int) -> Message:
    return msg("size.mb", size=count / 1024 / 1024) if count >= 1024 * 1024 else msg("size.bytes", size=count)


def download(url: str, limits: Limits) -> bytes | Failed:
    """GET `url`: at most `limits.max_bytes` (reading one byte more tells a larger answer apart),
    within about `limits.timeout` seconds in all, so a server that trickles cannot hold the build."""
    deadline = time.monotonic() + limits.timeout
    headers = {"User-Agent": f"sitegen/{__version__}", "Accept": "application/json"}
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=limits.timeout) as response:  # http(s) only: config.py checked it
            declared = response.headers.get("Content-Length")
            if declared and declared.isdigit() and int(declared) > limits.max_bytes:
                return Failed(msg("fetch.too-large", limit=_size(limits.max_bytes)))
            parts: list[bytes] = []
            size = 0
            while size <= limits.max_bytes:
                left = deadline - time.monotonic()
                if left <= 0:
                    return Failed(msg("fetch.timeout", seconds=float(limits.timeout)))
                # read1: at most one receive, each under the socket's timeout, so the deadline is
                # looked at again at least every `timeout` seconds however slowly bytes come.
                part = response.read1(min(CHUNK, limits.max_bytes + 1 - size))
                if not part:
                    break
                parts.append(part)
                size += len(part)
            return _capped(b"".join(parts), limits.max_bytes)
    except urllib.error.HTTPError as exc:
        return Failed(msg("fetch.status", status=exc.code, reason=str(exc.reason)))
    except urllib.error.URLError as exc:
        if isinstance(exc.reason, TimeoutError):
            return Failed(msg("fetch.timeout", seconds=float(limits.timeout)))
        return Failed(msg("verbatim", text=str(exc.reason)))
    except TimeoutError:
        return Failed(msg("fetch.timeout", seconds=float(limits.timeout)))
    except (OSError, ValueError) as exc:  # a reset connection, a broken chunked answer
        return Failed(msg("verbatim", text=str(exc)))


@dataclass(frozen=True, slots=True)
class Cache:
    """The last good copy of each network's exports: `<folder>/<network key>/<kind>.json`."""

    folder: Path

    def path(self, network: Network, kind: str) -> Path:
        return self.folder / network_key(network.name) / f"{kind}.json"

    def stamp_path(self, network: Network, kind: str) -> Path:
        return self.folder / network_key(network.name) / f"{kind}.fetched"

    def read(self, network: Network, kind: str, max_bytes: int) -> bytes | None:
        found = _read_file(self.path(network, kind), max_bytes)
        return None if isinstance(found, Failed) else found

    def fetched(self, network: Network, kind: str) -> float | None:
        """When the copy was fetched (seconds since the epoch): its stamp, else the file's time
        (a copy kept by an earlier version), else None."""
        try:
            text = self.stamp_path(network, kind).read_text(encoding="ascii").strip()
            return dt.datetime.fromisoformat(text).timestamp()
        except (OSError, ValueError, UnicodeDecodeError):
            pass
        try:
            return self.path(network, kind).stat().st_mtime
        except OSError:
            return None

    def keep(self, network: Network, kind: str, data: bytes, fetched: float) -> None:
        """Atomically: a build that stops half-way leaves the previous copy, never half of one.
        The stamp follows the copy; a copy without its stamp is dated by the file's time."""
        self._write(self.path(network, kind), data)
        stamp = dt.datetime.fromtimestamp(fetched, dt.UTC).isoformat(timespec="seconds")
        self._write(self.stamp_path(network, kind), f"{stamp}\n".encode("ascii"))

    @staticmethod
    def _write(target: Path, data: bytes) -> None:
        target.parent.mkdir(parents=True, exist_ok=True)
        descriptor, temporary = tempfile.mkstemp(prefix=f".{target.stem}.", suffix=".tmp", dir=target.parent)
        try:
            with os.fdopen(descriptor, "wb") as file:
                file.write(data)
                file.flush()
                os.fsync(file.fileno())
            os.replace(temporary, target)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
