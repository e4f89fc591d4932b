"""The search's cache: each document's terms, kept between builds by the hash of its texts.

Analysing a document (tokenizing, trimming, stop words, stemming its eight fields) was most of
the search files' time, and it depends on nothing but the document's texts, the language and
sitegen's code. So a build keeps every document's analysis in the build's cache folder (the
check's, `Options.cache`) and the next build analyses only the documents whose texts changed;
`search_shards.assemble` then puts the index together from all of them. The files are the same
bytes either way.

The folder holds one file, `search-terms`, written whole (a temporary file, then a rename) with
exactly the entries the last build used:

    {"cache":"sitegen-search","format":1}      the header line
    DIGEST                                      SHA-256 of everything after this line
    META                                        one line of JSON: the salt, the vocabulary, the entries
    IDS FREQUENCIES                             two arrays of unsigned 32-bit little-endian integers

META's `entries` are `[key, count per field...]`, in the order of the arrays: entry i's terms
are the next `sum(counts)` numbers of each array, field after field, each term a position in
META's `terms`. Never pickle: the folder is kept between CI runs, so it is read as untrusted
data. A file with a wrong header, digest, salt or shape is ignored as a whole (a cold build,
which writes it again), quietly: the build does not need it. As with the check's cache, whoever
can write the folder can write a file with a matching digest; the folder must be one only the
build's runs write (docs/coordinators.md).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import sys
import tempfile
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

FORMAT = 1
FILE_NAME = "search-terms"
HEADER = json.dumps({"cache": "sitegen-search", "format": FORMAT}, separators=(",", ":")).encode()
_WORD = np.dtype("<u4")
_KEY = re.compile(r"[0-9a-f]{64}")


@dataclass(frozen=True, slots=True)
class Analysis:
    """One document's terms: per field their number, then every term's vocabulary position and
    frequency, field after field, each field's in order of first occurrence."""

    counts: tuple[int, ...]
    ids: npt.NDArray[np.integer[Any]]
    frequencies: npt.NDArray[np.integer[Any]]


@dataclass(slots=True)
class Report:
    """What one build did with the cache: for the tests and the benchmark."""

    hits: int = 0
    misses: int = 0
    ignored: str = ""  # why the file was not used ('' when it was, or there was none)
    written: bool = False
    write_problem: str = ""


def salt(language: str) -> bytes:
    """What an entry's key depends on besides the texts: the format, sitegen's code, the
    stemmers' and Python's versions (lower case follows Python's Unicode tables), the language."""
    from .cache import code_hash, package_versions  # the check's cache hashes sitegen's sources once a process

    versions = package_versions(("snowballstemmer", "lunr"))
    parts = [str(FORMAT), code_hash(), sys.version, unicodedata.unidata_version, *versions, language]
    return "\0".join(parts).encode()


class Store:
    """The entries of the folder's file, and those this build used or made, which `save` writes.

    `vocabulary` is the file's, which `search.analysed` extends with the terms of the documents it
    analyses: cached entries' positions need no translation.
    """

    def __init__(self, folder: Path, language: str, fields: int) -> None:
        self.folder = folder
        self.fields = fields
        self.report = Report()
        self._salt = salt(language)
        self.vocabulary: list[str] = []
        self._found: dict[str, Analysis] = {}
        self._used: dict[str, Analysis] = {}
        self._read()

    def key(self, texts: Sequence[str]) -> str:
        digest = hashlib.sha256(self._salt)
        for text in texts:  # each text after its length: no two lists of texts hash alike
            data = text.encode("utf-8", "surrogatepass")
            digest.update(b"\0%d\0" % len(data))
            digest.update(data)
        return digest.hexdigest()

    def get(self, key: str) -> Analysis | None:
        found = self._found.get(key)
        if found is None:
            self.report.misses += 1
            return None
        self.report.hits += 1
        self._used[key] = found
        return found

    def put(self, key: str, analysis: Analysis) -> None:
        self._used[key] = analysis

    def _read(self) -> None:
        try:
            with open(self.folder / FILE_NAME, "rb") as handle:
                data = handle.read()
        except (FileNotFoundError, NotADirectoryError):  # a first build
            return
        except OSError as exc:
            self.report.ignored = exc.strerror or str(exc)
            return
        try:
            self.vocabulary, self._found = _decode(data, self._salt, self.fields)
        except (ValueError, TypeError, KeyError, IndexError, OverflowError, RecursionError) as exc:
            self.report.ignored = str(exc) or type(exc).__name__
            self.vocabulary, self._found = [], {}

    def save(self) -> None:
        """The entries this build used, and nothing else, in place of the file; unless it would
        not change. A failure is noted in the report, never raised."""
        if not self.report.misses and len(self._used) == len(self._found) and not self.report.ignored:
            return
        data = _encode(self._used, self.vocabulary, self._salt)
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(prefix=".new-", dir=self.folder)
            try:
                with os.fdopen(handle, "wb") as out:
                    out.write(data)
                os.replace(temporary, self.folder / FILE_NAME)
            except BaseException:
                os.unlink(temporary)
                raise
        except OSError as exc:
            self.report.write_problem = exc.strerror or str(exc)
            return
        self.report.written = True


def _encode(entries: dict[str, Analysis], vocabulary: Sequence[str], salt: bytes) -> bytes:
    ids = np.concatenate([a.ids for a in entries.values()]) if entries else np.zeros(0, np.int64)
    frequencies = np.concatenate([a.frequencies for a in entries.values()]) if entries else np.zeros(0, np.int64)
    # Only the terms the entries use, renumbered in their order in the vocabulary.
    used = np.flatnonzero(np.bincount(ids, minlength=len(vocabulary)))  # np.unique sorts: ten times slower
    renumber = np.zeros(len(vocabulary), dtype=np.int64)
    renumber[used] = np.arange(len(used))
    meta = {
        "salt": salt.decode("utf-8", "replace"),
        "terms": [vocabulary[term] for term in used.tolist()],
        "entries": [[key, *analysis.counts] for key, analysis in entries.items()],
    }
    body = (
        json.dumps(meta, ensure_ascii=False, separators=(",", ":")).encode()
        + b"\n"
        + renumber[ids].astype(_WORD).tobytes()
        + frequencies.astype(_WORD).tobytes()
    )
    return HEADER + b"\n" + hashlib.sha256(body).hexdigest().encode() + b"\n" + body


def _decode(data: bytes, salt: bytes, fields: int) -> tuple[list[str], dict[str, Analysis]]:
    """The vocabulary and the entries of a file; ValueError (or another of `_read`'s) when
    anything about it is off."""
    header, _, rest = data.partition(b"\n")
    if header != HEADER:
        raise ValueError("not a search cache of this format")
    digest, _, body = rest.partition(b"\n")
    if hashlib.sha256(body).hexdigest().encode() != digest:
        raise ValueError("the digest does not match")
    line, _, arrays = body.partition(b"\n")
    meta = json.loads(line)
    if meta["salt"] != salt.decode("utf-8", "replace"):
        return [], {}  # another sitegen, language or library: nothing in it can be used
    vocabulary = meta["terms"]
    if not isinstance(vocabulary, list) or not all(isinstance(t, str) and t for t in vocabulary):
        raise ValueError("the terms are not texts")
    if len(set(vocabulary)) != len(vocabulary):
        raise ValueError("a term is listed twice")
    entries = meta["entries"]
    if not isinstance(entries, list):
        raise ValueError("no list of entries")
    if len(arrays) % (2 * _WORD.itemsize):
        raise ValueError("the arrays are cut short")
    words = np.frombuffer(arrays, dtype=_WORD)
    half = len(words) // 2
    ids, frequencies = words[:half].astype(np.int64), words[half:].astype(np.int64)
    if half and (int(ids.max()) >= len(vocabulary) or int(frequencies.min()) < 1):
        raise ValueError("a term or frequency out of range")
    found: dict[str, Analysis] = {}
    start = 0
    for entry in entries:
        key, counts = entry[0], tuple(entry[1:])
        if not (isinstance(key, str) and _KEY.fullmatch(key)):
            raise ValueError("an entry without a key")
        if len(counts) != fields or not all(type(count) is int and count >= 0 for count in counts):
            raise ValueError("an entry's counts are not numbers")
        end = start + sum(counts)
        found[key] = Analysis(counts, ids[start:end], frequencies[start:end])
        start = end
    if start != half:
        raise ValueError("the entries do not fill the arrays")
    return vocabulary, found
