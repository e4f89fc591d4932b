"""The index shards, assembled with NumPy from every document's terms.

The input is columnar: per document and field the number of distinct terms, then, for all of
them in order (documents, fields, first occurrence in the field), the term's number in a
vocabulary and its frequency. That is what `search_cache.py` keeps per document between builds,
so a build after one edit analyses one document again and only this assembly runs over all of
them. It was a loop in Python over every posting (2.3 million at 10,000 profiles, twice);
here each step is one array operation, and only the JSON is made per shard.

What comes out is exactly what `search.shard_index` documents: terms sorted as JavaScript
sorts strings, cut into shards of about `shard_entries` postings entries (a term is never
split), each term with its position in lunr's term-index order (the order of first
occurrence) and per field a marker `-1 - field` and triples of (document delta, term
frequency, field length); and the average length of each field.
"""

from __future__ import annotations

import functools
import itertools
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

Integers = npt.NDArray[np.int64]


@dataclass(frozen=True, slots=True)
class Columns:
    """Every document's analysis, one after the other.

    `counts[d, f]` is the number of distinct terms of field f in document d; `ids` and
    `frequencies` hold, in that order, each term's number in `vocabulary` and its frequency.
    The vocabulary may hold terms no document uses (a cache's); they are left out.
    """

    counts: Integers  # shape (documents, fields)
    ids: Integers
    frequencies: Integers
    vocabulary: Sequence[str]


@dataclass(frozen=True, slots=True)
class Shards:
    averages: tuple[float, ...]
    first_terms: tuple[str, ...]
    shards: tuple[bytes, ...]


def _js_order(term: str) -> bytes:
    """JavaScript compares strings by UTF-16 code units; Python by code points."""
    return term.encode("utf-16-be")


def json_bytes(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def assemble(columns: Columns, shard_entries: int) -> Shards:
    counts, ids, frequencies = columns.counts, columns.ids, columns.frequencies
    documents, fields = counts.shape
    rows = len(ids)
    # Each row's cell, document * fields + field: rows come in that order.
    cell = np.repeat(np.arange(documents * fields, dtype=np.int64), counts.ravel())
    # A field's length is the sum of its terms' frequencies (lunr's fieldLengths).
    lengths = np.bincount(cell, weights=frequencies, minlength=documents * fields).astype(np.int64)
    totals = lengths.reshape(documents, fields).sum(axis=0) if documents else np.zeros(fields, np.int64)
    # Python's division of the exact integer sum, as the loop it replaces did.
    averages = tuple(int(total) / documents if documents else 0.0 for total in totals)
    if rows == 0:
        return Shards(averages, (), ())

    # lunr numbers terms by first occurrence, which is row order.
    first = np.full(len(columns.vocabulary), rows, dtype=np.int64)
    np.minimum.at(first, ids, np.arange(rows, dtype=np.int64))
    present = np.flatnonzero(first < rows)
    position = np.empty(len(columns.vocabulary), dtype=np.int64)
    position[present[np.argsort(first[present], kind="stable")]] = np.arange(len(present))
    in_js_order = sorted(present.tolist(), key=lambda term: _js_order(columns.vocabulary[term]))
    rank = np.empty(len(columns.vocabulary), dtype=np.int64)
    rank[in_js_order] = np.arange(len(in_js_order))

    # Rows by (term in JavaScript's order, field); a stable sort keeps the documents ascending.
    field = cell % fields
    key = rank[ids] * fields + field
    order = _stable_order(key)
    key, cell = key[order], cell[order]
    document = cell // fields
    starts = np.ones(rows, dtype=bool)  # where a (term, field) run begins: a field marker goes first
    starts[1:] = key[1:] != key[:-1]
    previous = np.zeros(rows, dtype=np.int64)
    previous[1:] = document[:-1]
    previous[starts] = 0
    groups = np.cumsum(starts)
    offset = 3 * np.arange(rows, dtype=np.int64) + groups  # where each row's triple begins
    flat = np.empty(3 * rows + int(groups[-1]), dtype=np.int64)
    flat[offset] = document - previous
    flat[offset + 1] = frequencies[order]
    flat[offset + 2] = lengths[cell]
    flat[offset[starts] - 1] = -1 - field[order][starts]

    term_of_row = key // fields
    entries = np.bincount(term_of_row, minlength=len(in_js_order)).tolist()
    begins = offset[np.searchsorted(term_of_row, np.arange(len(in_js_order)))] - 1
    text, starts_at = _decimals(flat, begins)
    # Each term's postings as the text of its JSON list: from its first number to its last comma.
    ends_at = [*starts_at[1:], len(text)]
    positions = position[in_js_order].tolist()

    first_terms: list[str] = []
    shards: list[bytes] = []
    start = 0
    total = 0

    def cut(end: int) -> None:
        terms = [columns.vocabulary[term] for term in in_js_order[start:end]]
        postings = b"],[".join(text[starts_at[r] : ends_at[r] - 1] for r in range(start, end))
        first_terms.append(terms[0])
        # json.dumps's bytes for {"terms": ..., "positions": ..., "postings": [[...], ...]}
        shards.append(
            b'{"terms":'
            + json_bytes(terms)
            + b',"positions":'
            + json_bytes(positions[start:end])
            + b',"postings":[['
            + postings
            + b"]]}"
        )

    for r, count in enumerate(entries):
        total += count
        if total >= shard_entries:
            cut(r + 1)
            start, total = r + 1, 0
    if start < len(entries):
        cut(len(entries))
    return Shards(averages, tuple(first_terms), tuple(shards))


def _stable_order(key: Integers) -> Integers:
    """`np.argsort(key, kind="stable")` for keys below 2**32, in two passes of NumPy's radix sort
    (which it uses for 16-bit keys) instead of a merge sort: a sixth of the time."""
    highest = int(key.max()) if len(key) else 0
    if highest >= 1 << 32:
        return np.argsort(key, kind="stable")
    if highest < 1 << 16:
        return np.argsort(key.astype(np.uint16), kind="stable")
    order = np.argsort((key & 0xFFFF).astype(np.uint16), kind="stable")
    high = (key[order] >> 16).astype(np.uint16)
    return order[np.argsort(high, kind="stable")]


_LOWEST = -64  # field markers are -1 - field
_HIGHEST = 100_000  # beyond: numbers written by Python one by one


@functools.cache
def _decimal_table() -> tuple[npt.NDArray[np.uint8], npt.NDArray[np.uint8]]:
    """Every number from _LOWEST to _HIGHEST written with a comma after it, right-aligned in rows
    of equal width and padded with zero bytes in front; and each one's length. Made once a
    process, in a few milliseconds."""
    texts = [f"{number}," for number in range(_LOWEST, _HIGHEST)]
    lengths = np.array([len(text) for text in texts], dtype=np.int64)
    width = int(lengths.max())
    characters = np.frombuffer("".join(texts).encode(), dtype=np.uint8)
    row = np.repeat(np.arange(len(texts)), lengths)
    begins = np.cumsum(lengths) - lengths
    column = width - lengths[row] + np.arange(len(characters)) - begins[row]
    table = np.zeros((len(texts), width), dtype=np.uint8)
    table[row, column] = characters
    return table, lengths.astype(np.uint8)


def _decimals(values: Integers, begins: Integers) -> tuple[bytes, list[int]]:
    """`values` as JSON numbers each followed by a comma, and the byte offset of each of `begins`
    (ascending indices into `values`, the first 0).

    json.dumps of the shards' 6.9 million numbers took 0.35 s, the largest part of what is left
    once the analysis is cached; rows of a table of their texts, the padding left out, take a
    third of that, in blocks that stay in the processor's cache. (Python writes an int as
    json.dumps does.)"""
    if len(values) and (int(values.min()) < _LOWEST or int(values.max()) >= _HIGHEST):
        texts = [f"{number}," for number in values.tolist()]
        at = [0, *itertools.accumulate(len(text) for text in texts)]
        return "".join(texts).encode(), [at[b] for b in begins.tolist()]
    table, widths = _decimal_table()
    parts = []
    lengths = np.empty(len(values), dtype=np.uint8)
    for start in range(0, len(values), _BLOCK):
        index = values[start : start + _BLOCK] - _LOWEST
        rows = table[index].ravel()
        parts.append(rows[rows != 0].tobytes())
        lengths[start : start + _BLOCK] = widths[index]
    if not len(begins):
        return b"".join(parts), []
    sizes = np.add.reduceat(lengths, begins, dtype=np.int64)
    return b"".join(parts), [0, *np.cumsum(sizes[:-1]).tolist()]


_BLOCK = 1 << 16
