"""Incremental builds: files carried over from the previous output when what made them is unchanged.

Every file a build writes has a key: the hash of everything its bytes are a function of. For a
page that is sitegen's code and the theme, the page's own values (`PageJob.values`), and each
global its template reads, found by `render.Renderer` from the template's source; for a photo
its original's hash; for a file made whole in the parent its bytes. Globals that are the whole
directory seen one slice a page (the suggestions of one profile, one photo, one term's link)
are *traced* instead (`Tracer`): the calls a page made while it rendered, and a digest of each
answer, are kept with its key, and the page is carried over only if every call still gives the
same answer.

The manifest of a build (in the cache folder, one per output folder) lists each file it wrote:
its key, its calls, and the inode, size and modification time it had. The next build hard-links
a file from the previous output into its fresh staging folder when the key and the calls match
and the file on disk is still the one the manifest describes; everything else is made again.
So the staging folder and the atomic swap stay, a carried-over file costs one link, and a
missing, damaged or foreign manifest only makes the build a cold one (with one warning).

Digests hash `pickle`'s bytes of a value, which are never loaded again: pickle is only an
encoding here, one that tells apart every two values it can encode (it can decode them), at
C speed. Records and term groups are hashed once per build (`Digests.register`) and stand for
themselves by their digest inside larger values. Where the same value could encode twice
differently (the order of a set of strings changes with the process's hash seed), the worst
case is a key that does not match: the file is made again, never wrongly carried over.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import os
import pickle
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .messages import Message, msg

FORMAT = 1
MANIFEST_PREFIX = "output-"
DIGEST_SIZE = 16

Argument = str | int | None
Call = tuple[str, tuple[Argument, ...]]  # a traced global's name and the arguments a page gave it


def _hash(data: bytes) -> bytes:
    return hashlib.blake2b(data, digest_size=DIGEST_SIZE).digest()


def code_salt() -> bytes:
    """What every key starts with: sitegen's code and the libraries that render (cache.py's salt,
    Jinja2 and MarkupSafe, whose escaping is in every page)."""
    from . import cache

    versions = ";".join(cache.package_versions(("jinja2", "markupsafe")))
    common = f"{FORMAT}\0{cache.code_hash()}\0{cache.library_versions()}\0{versions}\0"
    return _hash(common.encode())


class _Pickler(pickle.Pickler):
    def __init__(self, file: io.BytesIO, known: Mapping[int, bytes]) -> None:
        super().__init__(file, protocol=5)
        self._known = known

    def persistent_id(self, obj: Any) -> bytes | None:
        return self._known.get(id(obj))


class Digests:
    """Digests of a build's values, for keys. A value pickle cannot encode (a function) has none:
    whatever depends on it is made again every build."""

    def __init__(self) -> None:
        self._known: dict[int, bytes] = {}
        self._alive: list[object] = []  # a registered object must outlive its id

    def register(self, objects: Iterable[object]) -> None:
        """Objects that stand for themselves by their digest inside larger values; register the
        parts (records) before what holds them (term groups)."""
        for item in objects:
            if id(item) not in self._known:
                digest = self.of(item)
                if digest is not None:
                    self._alive.append(item)
                    self._known[id(item)] = digest

    def of(self, value: object) -> bytes | None:
        buffer = io.BytesIO()
        try:
            _Pickler(buffer, self._known).dump(value)
        except (pickle.PicklingError, TypeError, AttributeError, RecursionError):
            return None
        return _hash(buffer.getvalue())


def content_digest(data: bytes) -> bytes:
    return _hash(data)


def key_of(*parts: bytes | str | int | bool | None) -> bytes:
    """The key made of parts that are already digests or plain values."""
    return _hash(pickle.dumps(parts, protocol=5))


class Tracer:
    """The calls of the traced globals while a page renders, and a digest of each answer.

    One per process: a worker renders its pages one after another. A call with an argument the
    manifest cannot hold (a record), keyword arguments, or another use of a traced object than
    its traced methods makes the page untraceable: it is made again every build."""

    def __init__(self, digests: Digests) -> None:
        self.digests = digests
        self.functions: dict[str, Callable[..., Any]] = {}
        self._answers: dict[Call, bytes | None] = {}
        self._calls: set[Call] | None = None
        self._untraceable = False

    def traced(self, name: str, function: Callable[..., Any]) -> Callable[..., Any]:
        self.functions[name] = function

        def call(*args: Any, **kwargs: Any) -> Any:
            answer = function(*args, **kwargs)
            if self._calls is not None:
                if kwargs or not all(a is None or type(a) in (str, int) for a in args):
                    self._untraceable = True
                else:
                    self._record((name, args), answer)
            return answer

        return call

    def traced_object(self, name: str, target: object, methods: Sequence[str]) -> TracedObject:
        return TracedObject(self, name, target, frozenset(methods))

    def traced_mapping(self, name: str, mapping: Mapping[str, Any]) -> TracedMapping:
        self.functions[name] = mapping.get
        return TracedMapping(self, name, mapping)

    def untraceable(self) -> None:
        if self._calls is not None:
            self._untraceable = True

    def _record(self, call: Call, answer: Any) -> None:
        assert self._calls is not None
        if call not in self._answers:
            self._answers[call] = self.digests.of(answer)
        if self._answers[call] is None:
            self._untraceable = True
        self._calls.add(call)

    @contextlib.contextmanager
    def page(self) -> Iterator[Callable[[], dict[Call, bytes] | None]]:
        """Trace one page: yields a function that gives its calls once it is rendered (None:
        untraceable)."""
        self._calls, self._untraceable = set(), False
        calls = self._calls

        def result() -> dict[Call, bytes] | None:
            found = {}
            for call in sorted(calls, key=_call_order):
                answer = self._answers[call]
                if answer is None:  # an answer with no digest: `_record` has made the page untraceable
                    return None
                found[call] = answer
            return None if self._untraceable else found

        try:
            yield result
        finally:
            self._calls = None

    def answer(self, call: Call) -> bytes | None:
        """The digest of what `call` gives in this build (remembered: pages share calls)."""
        if call not in self._answers:
            function = self.functions.get(call[0])
            try:
                self._answers[call] = None if function is None else self.digests.of(function(*call[1]))
            except Exception:  # noqa: BLE001 - a call that fails now only means the page is made again
                self._answers[call] = None
        return self._answers[call]

    def unchanged(self, calls: Mapping[Call, bytes]) -> bool:
        return all(self.answer(call) == digest for call, digest in calls.items())


def _call_order(call: Call) -> tuple[str, tuple[str, ...]]:
    return call[0], tuple("" if a is None else str(a) for a in call[1])


class TracedObject:
    """An object whose named methods a template calls traced; anything else of it is untraced."""

    __slots__ = ("_methods", "_target", "_tracer")

    def __init__(self, tracer: Tracer, name: str, target: object, methods: frozenset[str]) -> None:
        self._tracer, self._target = tracer, target
        self._methods = {m: tracer.traced(f"{name}.{m}", getattr(target, m)) for m in methods}

    def __getattr__(self, attribute: str) -> Any:
        if attribute in self._methods:
            return self._methods[attribute]
        self._tracer.untraceable()
        return getattr(self._target, attribute)


class TracedMapping(Mapping[str, Any]):
    """A mapping read one key at a time, each read traced; iterating it reads all of it, untraced."""

    def __init__(self, tracer: Tracer, name: str, mapping: Mapping[str, Any]) -> None:
        self._tracer, self._mapping = tracer, mapping
        self._get = tracer.traced(name, mapping.get)

    def __getitem__(self, key: str) -> Any:
        value = self._get(key)
        if value is None:
            raise KeyError(key)
        return value

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and self._get(key) is not None

    def __iter__(self) -> Iterator[str]:
        self._tracer.untraceable()
        return iter(self._mapping)

    def __len__(self) -> int:
        self._tracer.untraceable()
        return len(self._mapping)


# ---------------------------------------------------------------------------------------------
# The manifest


@dataclass(frozen=True, slots=True)
class Written:
    """One file of a build's output as the manifest keeps it."""

    path: str
    key: bytes | None  # None: made again every build
    inode: int
    size: int
    mtime_ns: int
    calls: Mapping[Call, bytes] = field(default_factory=dict)  # of a file this build made
    # Of a file read from a manifest: its calls as numbers in the manifest's table (`Previous.calls`),
    # so that a call many pages made is answered and compared once, not once a page.
    numbers: tuple[int, ...] = ()

    @classmethod
    def of(
        cls, path: str, key: bytes | None, stat: os.stat_result, calls: Mapping[Call, bytes] | None = None
    ) -> Written:
        return cls(path, key, stat.st_ino, stat.st_size, stat.st_mtime_ns, calls or {})


@dataclass(frozen=True, slots=True)
class Group:
    """Files made together by one task, carried over together (the search files)."""

    key: bytes
    names: dict[str, str]  # what the task returns besides its files (the search manifest's path)
    paths: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Previous:
    """What the previous build into an output folder wrote, as its manifest says."""

    folder: Path
    files: dict[str, Written]
    groups: dict[str, Group]
    problem: Message | None = None  # why the manifest was not taken
    calls: tuple[tuple[Call, bytes], ...] = ()  # each call and its answer then, by number
    _same: dict[int, bool] = field(default_factory=dict)  # numbers whose answer is still the same

    def unchanged(self, entry: Written, tracer: Tracer) -> bool:
        """Whether every call the file's page made still gives the answer it gave."""
        for number in entry.numbers:
            same = self._same.get(number)
            if same is None:
                call, answer = self.calls[number]
                same = self._same[number] = tracer.answer(call) == answer
            if not same:
                return False
        return tracer.unchanged(entry.calls)

    def usable(self, path: str, key: bytes | None) -> Written | None:
        """The previous file at `path`, if it had `key` and is still the file that was written."""
        if key is None:
            return None
        entry = self.files.get(path)
        if entry is None or entry.key != key:
            return None
        try:
            stat = os.stat(self.folder / path, follow_symlinks=False)
        except OSError:
            return None
        if (stat.st_ino, stat.st_size, stat.st_mtime_ns) != (entry.inode, entry.size, entry.mtime_ns):
            return None
        return entry


NOTHING = Previous(Path(), {}, {})


def manifest_path(cache_folder: Path, out: Path) -> Path:
    name = hashlib.sha256(str(out.resolve()).encode("utf-8", "surrogateescape")).hexdigest()[:16]
    return cache_folder / f"{MANIFEST_PREFIX}{name}.json"


def load(cache_folder: Path, out: Path) -> Previous:
    """The previous build's manifest for `out`; NOTHING (and a problem to warn of) when there is
    none to trust: missing (no warning), unreadable, damaged, or written for another folder."""
    path = manifest_path(cache_folder, out)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return NOTHING
    except OSError as exc:
        return _refused(msg("carry.unreadable", where=str(path), reason=exc.strerror or str(exc)))
    try:
        return _parse(data, out.resolve())
    except (ValueError, TypeError, KeyError, IndexError) as exc:
        return _refused(msg("carry.foreign", where=str(path), reason=str(exc)))


def _refused(problem: Message) -> Previous:
    return Previous(Path(), {}, {}, problem)


def _parse(data: bytes, out: Path) -> Previous:
    digest, _, body = data.partition(b"\n")
    if digest.decode("ascii") != hashlib.sha256(body).hexdigest():
        raise ValueError("its digest does not match its content")
    document = json.loads(body)
    if document.get("sitegen") != "output" or document.get("format") != FORMAT:
        raise ValueError("it is not a manifest of this version of sitegen")
    if document["output"] != str(out):
        raise ValueError(f"it describes another output folder ({document['output']})")
    calls: list[tuple[Call, bytes]] = []
    for name, arguments, answer in document["calls"]:
        if not isinstance(name, str) or not all(a is None or type(a) in (str, int) for a in arguments):
            raise ValueError("a call is not a name and its arguments")
        calls.append(((name, tuple(arguments)), bytes.fromhex(answer)))
    files = {}
    count = len(calls)
    for path, key, inode, size, mtime_ns, numbers in document["files"]:
        if not all(type(n) is int for n in (inode, size, mtime_ns, *numbers)) or not isinstance(path, str):
            raise ValueError("a file's entry is not what a build writes")
        if numbers and not (min(numbers) >= 0 and max(numbers) < count):
            raise ValueError("a file's entry names a call the manifest does not have")
        known = None if key is None else bytes.fromhex(key)
        files[path] = Written(path, known, inode, size, mtime_ns, numbers=tuple(numbers))
    groups = {}
    for name, (key, names, paths) in document["groups"].items():
        if not all(isinstance(p, str) for p in [*paths, *names, *names.values()]):
            raise ValueError("a group's entry is not what a build writes")
        groups[name] = Group(bytes.fromhex(key), dict(names), tuple(paths))
    return Previous(out, files, groups, calls=tuple(calls))


def save(
    cache_folder: Path,
    out: Path,
    written: Iterable[Written],
    groups: Mapping[str, Group],
    previous: Previous = NOTHING,
) -> Message | None:
    """Write the manifest of the output just swapped in (a temporary file, then a rename); the
    problem, if it cannot be written: the next build is then a cold one. `previous` is the
    manifest the carried-over entries' call numbers refer to."""
    entries = sorted(written, key=lambda w: w.path)
    numbers: dict[Call, int] = {}
    calls: list[list[Any]] = []
    renumbered: dict[int, int] = {}  # a number of `previous.calls` -> its number here

    def number(call: Call, answer: bytes) -> int:
        if call not in numbers:
            numbers[call] = len(calls)
            calls.append([call[0], list(call[1]), answer.hex()])
        return numbers[call]

    files = []
    for entry in entries:
        indexes = [number(call, answer) for call, answer in entry.calls.items()]
        for old in entry.numbers:
            if old not in renumbered:
                renumbered[old] = number(*previous.calls[old])
            indexes.append(renumbered[old])
        key = None if entry.key is None else entry.key.hex()
        files.append([entry.path, key, entry.inode, entry.size, entry.mtime_ns, indexes])
    document = {
        "sitegen": "output",
        "format": FORMAT,
        "output": str(out.resolve()),
        "calls": calls,
        "files": files,
        "groups": {name: [g.key.hex(), g.names, list(g.paths)] for name, g in sorted(groups.items())},
    }
    body = json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    target = manifest_path(cache_folder, out)
    temporary = target.with_name(f".{target.name}.{os.getpid()}.new")
    try:
        cache_folder.mkdir(parents=True, exist_ok=True)
        temporary.write_bytes(hashlib.sha256(body).hexdigest().encode("ascii") + b"\n" + body)
        os.replace(temporary, target)
    except OSError as exc:
        with contextlib.suppress(OSError):
            temporary.unlink()
        return msg("carry.unwritable", where=str(target), reason=exc.strerror or str(exc))
    return None


def forget(cache_folder: Path, out: Path) -> None:
    """Remove the manifest of `out` before its output changes, so that a build interrupted after
    the swap is never trusted with the manifest of the output before it."""
    with contextlib.suppress(OSError):
        manifest_path(cache_folder, out).unlink()


__all__ = [
    "NOTHING",
    "Digests",
    "Group",
    "Previous",
    "Tracer",
    "Written",
    "key_of",
    "load",
    "save",
]
