"""The check's cache: each content file's reading and each photo's check, kept between runs by
the hash of what they depend on, so that a check reads again only the files that changed.

What is cached is `documents.read_alone` (the front matter validated, the rules between fields,
the body rendered) and `documents.check_photo`: they depend on the file's bytes and path, the
vocabulary, and sitegen's own code, and on nothing else. The checks that know the other files
(organisations, contact profiles) and the build date (`documents.finish`) are cheap and run on
every check, so a new profile, an edited organisation list or another day never needs a
cold cache. The key of an entry is the SHA-256 of the format, sitegen's version, the hash of
its Python source, the versions of Python and of the libraries that read (PyYAML, Markdown, nh3,
Pillow), the vocabulary (documents only), the file's kind, path and bytes.

The folder holds `readings`: a header line, then one line per entry, `KEY DIGEST PAYLOAD`,
sorted by key. DIGEST is the SHA-256 of `KEY PAYLOAD`, so a truncated, altered or moved entry is
detected; PAYLOAD is JSON (`codec.py`), never pickle. A record's rendered body is a file of its
own in `bodies/`, named by its SHA-256, which the entry holds: `check` reads no HTML, the build
checks each body it reads against its name. A run writes `readings` again (a temporary file,
then a rename) with exactly the entries it used, and removes the bodies no entry names: the
cache never holds more than one site's files, and an entry of a file that is gone leaves with it.

What the digest does not stop: whoever can write the folder can write an entry with a matching
digest, and its record would be published as it stands. So the folder must be one that only
the build's own runs write (docs/coordinators.md): by default it lies outside the site, in the
user's cache folder, and a folder inside the site folder (which members' changes can fill) is
refused, unless the site is a git checkout that tracks nothing of it (GitLab CI caches only
folders inside the project).
"""

from __future__ import annotations

import dataclasses
import functools
import gc
import hashlib
import json
import os
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

from . import __version__, codec, models, sources
from .documents import PhotoResult, Reading
from .messages import Message, msg
from .sources import PhotoFile, SourceFile

FORMAT = 3
FILE_NAME = "readings"
BODIES = "bodies"
HEADER = json.dumps({"cache": "sitegen", "format": FORMAT}, separators=(",", ":"))
LISTED = 5  # paths named in a warning about damaged entries

Task = SourceFile | PhotoFile
Outcome = Reading | PhotoResult


class CacheProblem(ValueError):
    """A cache folder that must not be used (inside the site folder)."""

    def __init__(self, message: Message) -> None:
        super().__init__(message.render("en"))
        self.message = message


def default_folder(site: Path, environ: dict[str, str] | os._Environ[str] = os.environ) -> Path:
    """`$XDG_CACHE_HOME/sitegen/<site>` (else `~/.cache/...`): outside the site, one folder per
    site folder, named by the hash of its absolute path."""
    base = environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    name = hashlib.sha256(str(site.resolve()).encode("utf-8", "surrogateescape")).hexdigest()[:16]
    return Path(base) / "sitegen" / name


def check_folder(folder: Path, site: Path) -> None:
    """Refuse a folder inside the site folder that a change could have filled: a member could
    commit entries there, and an entry with a matching digest is trusted. Inside a git checkout,
    a folder that git tracks nothing of is the runs' own (GitLab CI caches only folders inside
    the project: its starter file keeps `.cache/sitegen`, which `.gitignore` leaves out)."""
    where, inside = folder.resolve(), site.resolve()
    if where != inside and inside not in where.parents:
        return
    from . import git  # a subprocess, only for a folder inside the site

    tracked = None if where == inside else git.tracks_any(site, where)
    if tracked:
        raise CacheProblem(msg("cache.tracked", folder=str(folder)))
    if tracked is None:
        raise CacheProblem(msg("cache.inside", folder=str(folder)))


@functools.cache
def code_hash() -> str:
    """The SHA-256 of sitegen's own Python files, so that a changed sitegen never reuses an
    entry, even when its version number stayed the same (a development checkout)."""
    package = Path(__file__).resolve().parent
    digest = hashlib.sha256()
    for path in sorted(package.rglob("*.py")):
        digest.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


# The libraries whose versions can change what a file's reading is: the YAML reader's events, the
# Markdown and its sanitizing, which photos decode. (Python's own version too, below.)
LIBRARIES = ("markdown", "nh3", "pyyaml", "pillow")


@functools.cache
def library_versions() -> str:
    return f"python={sys.version};" + ";".join(package_versions(LIBRARIES))


def package_versions(names: Sequence[str]) -> list[str]:
    """'name=version' of each installed package, 'name=?' of one that is not: for keys that must
    change when a library that shapes their entries does (the search's stemmers, Jinja2)."""
    found = []
    for name in names:
        try:
            found.append(f"{name}={metadata.version(name)}")
        except metadata.PackageNotFoundError:
            found.append(f"{name}=?")
    return found


def salts(vocabulary: models.Vocabulary | None) -> tuple[bytes, bytes]:
    """What every document key and every photo key starts with."""
    common = f"{FORMAT}\0{__version__}\0{code_hash()}\0{library_versions()}\0"
    return (common + repr(vocabulary) + "\0").encode(), common.encode()


@dataclass(slots=True)
class _Tally:
    """What a `Store` counts while it runs; `Store.report` freezes it."""

    hits: int = 0
    misses: int = 0
    unreadable: Message | None = None
    damaged: list[str] = field(default_factory=list)
    damaged_lines: int = 0
    write_problem: Message | None = None


@dataclass(frozen=True, slots=True)
class Report:
    """What one run did with the cache: for the tests, and the warnings."""

    folder: Path
    hits: int = 0
    misses: int = 0
    unreadable: Message | None = None  # why the whole file was ignored
    damaged: tuple[str, ...] = ()  # paths whose entry failed its check
    damaged_lines: int = 0  # lines that name no entry at all
    write_problem: Message | None = None

    def warnings(self, language: str = "en") -> list[str]:
        """At most one line per kind of problem, in `language`: none of them fails the check."""
        found = []
        where = str(self.folder / FILE_NAME)
        if self.unreadable:
            found.append(msg("cache.foreign", where=where, reason=self.unreadable))
        count = len(self.damaged) + self.damaged_lines
        if count:
            names = ", ".join(sorted(self.damaged)[:LISTED]) + (", ..." if len(self.damaged) > LISTED else "")
            entries = msg("count.entry.one" if count == 1 else "count.entry", count=count)
            if names:
                found.append(msg("cache.damaged.files", where=where, entries=entries, names=names))
            else:
                found.append(msg("cache.damaged", where=where, entries=entries))
        if self.write_problem:
            found.append(msg("cache.unwritable", where=where, reason=self.write_problem))
        return [message.render(language) for message in found]


class Store:
    """The entries of the folder's file as one run sees them: those it read at the start, and
    those this run used or made, which `save` writes back.

    Bodies (the rendered HTML) are files of their own under `bodies/`, named by their SHA-256,
    which the entry names: `check` needs no HTML and reads none, the build reads the bodies of
    its entries and checks each against its name.
    """

    def __init__(
        self, folder: Path, document_salt: bytes, photo_salt: bytes, keep_html: bool = True, records: bool = True
    ) -> None:
        self.folder = folder
        self.tally = _Tally()
        self.keep_html = keep_html
        self.records = records
        self._salts = (document_salt, photo_salt)
        # Entries as the bytes of their line: checked against their digest where used, written back
        # as they were read (neither decoded nor encoded again, nor their digest made again).
        self._found: dict[str, bytes] = {}  # key -> line, unchecked
        self._used: dict[str, bytes] = {}  # key -> line, written by `save`
        self._bodies: set[str] = set()  # hashes of the bodies the used entries name
        self._changed = False
        self._read()

    @property
    def report(self) -> Report:
        t = self.tally
        return Report(self.folder, t.hits, t.misses, t.unreadable, tuple(t.damaged), t.damaged_lines, t.write_problem)

    def _read(self) -> None:
        try:
            with open(self.folder / FILE_NAME, "rb") as handle:
                data = handle.read()
        except (FileNotFoundError, NotADirectoryError):  # a first run
            return
        except OSError as exc:
            self.tally.unreadable = msg("verbatim", text=exc.strerror or str(exc))
            self._changed = True
            return
        header, _, rest = data.partition(b"\n")
        try:
            header.decode("utf-8")
        except UnicodeDecodeError:
            self.tally.unreadable = msg("cache.not-utf8")
            self._changed = True
            return
        if header != HEADER.encode():
            self.tally.unreadable = msg("cache.no-header")
            self._changed = True
            return
        for line in rest.split(b"\n"):
            if len(line) > 130 and line[64] == line[129] == 32:  # KEY, a space, DIGEST, a space, PAYLOAD
                self._found[line[:64].decode("latin-1")] = line  # a key that is no hexadecimal is never asked for
            elif line:
                self.tally.damaged_lines += 1
                self._changed = True

    def key(self, task: Task) -> str | None:
        """The entry's key, from the file's bytes; None when they cannot be read (the reader
        will say why, and its answer is not kept)."""
        document = isinstance(task, SourceFile)
        data = sources.content_bytes(task.location, photo=not document)
        if data is None:
            return None
        kind = task.kind if isinstance(task, SourceFile) else "photo"
        head = self._salts[0 if document else 1] + f"{kind}\0{task.path}\0{task.slug}\0".encode("utf-8", "replace")
        return hashlib.sha256(head + data).hexdigest()

    def get(self, key: str, task: Task) -> Outcome | None:
        """The entry for `key`, checked and decoded; None for none, or for one that fails. Without
        `records`, a reading's record is neither decoded nor checked (nor used: None)."""
        line = self._found.pop(key, None)
        if line is None:
            return None
        body_hash = ""
        try:
            view = memoryview(line)
            digest = hashlib.sha256(view[:65])
            digest.update(view[130:])
            if digest.hexdigest().encode() != line[65:129]:
                raise codec.Undecodable("the digest does not match")
            payload = line[130:]
            if isinstance(task, SourceFile):
                reading, body_hash, record = codec.decode_head(payload, task)
                if self.records:
                    decoded = codec.decode_record(record, task)
                    if self.keep_html and body_hash and decoded is not None:
                        decoded = dataclasses.replace(decoded, body_html=self._body(body_hash))
                    reading = dataclasses.replace(reading, record=decoded)
                outcome: Outcome = reading
            else:
                outcome = codec.decode_photo(payload, task)
        except (ValueError, TypeError, KeyError, RecursionError):  # codec.Undecodable is a ValueError
            self.tally.damaged.append(task.path)
            self._changed = True
            return None
        if body_hash:
            self._bodies.add(body_hash)
        self._used[key] = line
        return outcome

    def _body(self, body_hash: str) -> str:
        try:
            with open(self.folder / BODIES / body_hash, "rb") as handle:
                data = handle.read()
        except OSError:
            raise codec.Undecodable("the body is missing") from None
        if hashlib.sha256(data).hexdigest() != body_hash:
            raise codec.Undecodable("the body does not match its hash")
        return data.decode("utf-8")

    def put(self, key: str, outcome: Outcome) -> None:
        if isinstance(outcome, Reading):
            body = outcome.record.body_html if outcome.record is not None else ""
            body_hash = ""
            if body:
                data = body.encode("utf-8")
                body_hash = hashlib.sha256(data).hexdigest()
                self._write(self.folder / BODIES / body_hash, data)
                self._bodies.add(body_hash)
            payload = codec.encode_reading(outcome, body_hash)
        else:
            payload = codec.encode_photo(outcome)
        self._used[key] = f"{key} {_digest(key, payload)} {payload}".encode()
        self._changed = True

    def save(self) -> None:
        """The entries this run used, and nothing else, in place of the file, and the bodies they
        name; a file that would not change is left alone. A failure is reported, never raised:
        the check does not need the cache."""
        if self._found:  # entries of files that are gone or changed
            self._changed = True
        if not self._changed or self.tally.write_problem:
            return
        lines = [HEADER.encode(), *(line for _, line in sorted(self._used.items()))]
        self._write(self.folder / FILE_NAME, b"\n".join(lines) + b"\n")
        try:
            with os.scandir(self.folder / BODIES) as entries:
                unused = [entry.path for entry in entries if entry.name not in self._bodies]
            for path in unused:
                os.unlink(path)
        except FileNotFoundError:
            pass
        except OSError as exc:
            self.tally.write_problem = msg("verbatim", text=exc.strerror or str(exc))

    def _write(self, target: Path, data: bytes) -> None:
        """A whole file, or none: a temporary file beside it, then a rename."""
        if self.tally.write_problem:
            return
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(prefix=".new-", dir=target.parent)
            try:
                with os.fdopen(handle, "wb") as out:
                    out.write(data)
                os.replace(temporary, target)
            except BaseException:
                os.unlink(temporary)
                raise
        except OSError as exc:
            self.tally.write_problem = msg("verbatim", text=exc.strerror or str(exc))


def _digest(key: str, payload: str) -> str:
    return hashlib.sha256(f"{key} {payload}".encode()).hexdigest()


def look_up(store: Store, tasks: Sequence[Task]) -> tuple[list[str | None], list[Outcome | None]]:
    """Each task's key and cached outcome (None: to be done).

    Decoding makes some hundred thousand objects that hold no cycles: the cyclic collector is
    paused meanwhile (its passes over the growing heap were half a warm check's time), and what
    was made is moved out of its sight (`gc.freeze`) so that later passes skip it too.
    """
    paused = gc.isenabled()
    gc.disable()
    try:
        keys = [store.key(task) for task in tasks]
        found = [store.get(key, task) if key is not None else None for key, task in zip(keys, tasks, strict=True)]
    finally:
        if paused:
            gc.freeze()
            gc.enable()
    store.tally.hits = sum(1 for outcome in found if outcome is not None)
    store.tally.misses = len(tasks) - store.tally.hits
    return keys, found
