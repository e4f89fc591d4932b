"""The search files from cached analyses (search_cache.py) and the NumPy assembly (search_shards.py).

The files must be the same bytes with a cold cache, a warm one, after edits and with a damaged
cache file, and the assembly must give what the loop over every posting it replaced gave (kept
below as the reference).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import random
import re
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from outputs import indexed_documents

from sitegen import search, search_cache, search_shards

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "small"
WORDS = (
    "gemeente provincie waterschap omgevingswet participatie beleid beleidsadviseur projectleider "
    "financiën coöperatie Zoë 2019 energietransitie wonen zorg jeugd privacy data analyse "
    "verandermanagement kwartiermaker inkoop aanbesteding de het een en van voor met"
).split()


def _document(rng: random.Random, number: int) -> search.SearchDocument:
    def text(length: int) -> str:
        return " ".join(rng.choice(WORDS) for _ in range(length))

    texts = {
        "title": f"Persoon{number} {text(1)}",
        "role": text(2),
        "organisation": rng.choice(["Gemeente Breda", "Provincie Noord-Brabant", "Waterschap Aa"]),
        "skills": text(3),
        "body": text(rng.randint(0, 80)) + f" uniek{number}",
    }
    return search.SearchDocument(texts, {"t": texts["title"], "s": "", "u": f"/p/{number}/", "f": {}})


def _documents(count: int, seed: int = 1) -> list[search.SearchDocument]:
    rng = random.Random(seed)
    return [_document(rng, number) for number in range(count)]


def _with_body(document: search.SearchDocument, body: str) -> search.SearchDocument:
    return search.SearchDocument({**document.texts, "body": body}, document.shown)


def _files(documents: list[search.SearchDocument], folder: Path | None) -> tuple[dict[str, bytes], Report]:
    store = search_cache.Store(folder, "nl", len(search.FIELDS)) if folder else None
    files = search.files_with(documents, "nl", store)
    if store is None:
        return files, search_cache.Report()
    store.save()
    return files, store.report


Report = search_cache.Report


# ---------------------------------------------------------------------------------------------
# Warm is cold


def test_a_warm_cache_gives_the_cold_files(tmp_path: Path) -> None:
    documents = _documents(120)
    cold, _ = _files(documents, None)
    first, report = _files(documents, tmp_path)
    assert (report.hits, report.misses, report.written) == (0, 120, True)
    second, report = _files(documents, tmp_path)
    assert (report.hits, report.misses, report.written) == (120, 0, False)  # nothing to write again
    assert first == cold and second == cold
    assert search.search_files(documents, "nl", tmp_path) == cold


def test_after_edits_the_files_are_those_of_a_cold_build(tmp_path: Path) -> None:
    documents = _documents(150)
    _files(documents, tmp_path)
    # One body changed, with a word no document had: lunr's term numbers after it shift.
    edited = list(documents)
    edited[70] = _with_body(edited[70], edited[70].texts["body"] + " nieuwwoord beleid")
    files, report = _files(edited, tmp_path)
    assert (report.hits, report.misses) == (149, 1)
    assert files == _files(edited, None)[0]
    # A document added in the middle, another removed.
    rng = random.Random(7)
    changed = [*edited[:30], _document(rng, 1000), *edited[30:100], *edited[101:]]
    files, report = _files(changed, tmp_path)
    assert (report.hits, report.misses) == (149, 1)
    assert files == _files(changed, None)[0]
    # The file keeps only the entries the last build used.
    _, report = _files(changed[:10], tmp_path)
    assert report.written
    assert len(_meta(tmp_path)["entries"]) == 10
    files, report = _files(changed, tmp_path)
    assert (report.hits, report.misses) == (10, 140)
    assert files == _files(changed, None)[0]


def test_the_example_site_warm_and_cold(tmp_path: Path) -> None:
    documents = indexed_documents(EXAMPLE, dt.date(2026, 12, 1))
    cold = search.search_files(documents, "nl")
    assert search.search_files(documents, "nl", tmp_path) == cold
    assert search.search_files(documents, "nl", tmp_path) == cold
    edited = [_with_body(documents[0], "Een heel ander verhaal over omgevingswet."), *documents[1:]]
    assert search.search_files(edited, "nl", tmp_path) == search.search_files(edited, "nl")


def test_english_and_dutch_keep_apart(tmp_path: Path) -> None:
    documents = _documents(30)
    search.search_files(documents, "nl", tmp_path)
    store = search_cache.Store(tmp_path, "en", len(search.FIELDS))
    assert search.files_with(documents, "en", store) == search.search_files(documents, "en")
    assert store.report.hits == 0  # another language is another salt: nothing of the file is used


# ---------------------------------------------------------------------------------------------
# A damaged or foreign file is not used


def _meta(folder: Path) -> dict[str, Any]:
    lines = (folder / search_cache.FILE_NAME).read_bytes().split(b"\n", 3)
    meta: dict[str, Any] = json.loads(lines[2])
    return meta


def _reseal(data: bytes) -> bytes:
    """The file with its digest made again: an altered file that passes the digest."""
    header, _, rest = data.partition(b"\n")
    _, _, body = rest.partition(b"\n")
    return header + b"\n" + hashlib.sha256(body).hexdigest().encode() + b"\n" + body


@pytest.mark.parametrize(
    "damage",
    [
        "flipped",
        "cut",
        "header",
        "term out of range",
        "frequency zero",
        "entry count",
        "not json",
        "term twice",
        "empty",
    ],
)
def test_a_damaged_file_is_ignored_and_the_files_stay_right(tmp_path: Path, damage: str) -> None:
    documents = _documents(40)
    cold, _ = _files(documents, None)
    _files(documents, tmp_path)
    path = tmp_path / search_cache.FILE_NAME
    data = path.read_bytes()
    header, digest, meta_line, arrays = data.split(b"\n", 3)
    meta = json.loads(meta_line)
    words = np.frombuffer(arrays, dtype="<u4").copy()
    if damage == "flipped":  # one byte of the arrays changed: a term of some document
        data = data[:-10] + bytes([data[-10] ^ 1]) + data[-9:]
    elif damage == "cut":
        data = data[: len(data) // 2]
    elif damage == "header":
        data = data.replace(b'"format":1', b'"format":9', 1)
    elif damage == "empty":
        data = b""
    else:
        if damage == "term out of range":
            words[0] = len(meta["terms"]) + 5
        elif damage == "frequency zero":
            words[len(words) // 2] = 0
        elif damage == "entry count":
            meta["entries"][0][1] += 1
        elif damage == "term twice":
            meta["terms"][1] = meta["terms"][0]
        new_meta = b"{not json" if damage == "not json" else json.dumps(meta, ensure_ascii=False).encode()
        data = _reseal(header + b"\n" + digest + b"\n" + new_meta + b"\n" + words.astype("<u4").tobytes())
    path.write_bytes(data)
    files, report = _files(documents, tmp_path)
    assert files == cold
    assert report.hits == 0 and report.misses == 40
    assert report.ignored  # why, for the tests: the build says nothing
    assert report.written  # and the next build finds it whole again
    files, report = _files(documents, tmp_path)
    assert files == cold and report.hits == 40


def test_another_sitegen_s_file_is_not_used(tmp_path: Path) -> None:
    documents = _documents(20)
    _files(documents, tmp_path)
    path = tmp_path / search_cache.FILE_NAME
    header, digest, meta_line, arrays = path.read_bytes().split(b"\n", 3)
    meta = json.loads(meta_line)
    meta["salt"] = "another sitegen"
    path.write_bytes(_reseal(header + b"\n" + digest + b"\n" + json.dumps(meta).encode() + b"\n" + arrays))
    files, report = _files(documents, tmp_path)
    assert (report.hits, report.misses, report.ignored) == (0, 20, "")  # quietly
    assert files == _files(documents, None)[0]


def test_an_unwritable_folder_is_noted_not_raised(tmp_path: Path) -> None:
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder")
    documents = _documents(10)
    files, report = _files(documents, blocked)
    assert files == _files(documents, None)[0]
    assert report.write_problem and not report.written


def test_the_file_is_no_pickle_and_names_every_key_once(tmp_path: Path) -> None:
    documents = _documents(25)
    _files(documents, tmp_path)
    data = (tmp_path / search_cache.FILE_NAME).read_bytes()
    assert data.startswith(search_cache.HEADER + b"\n")
    keys = [entry[0] for entry in _meta(tmp_path)["entries"]]
    assert len(set(keys)) == len(keys) == 25
    assert all(re.fullmatch("[0-9a-f]{64}", key) for key in keys)


# ---------------------------------------------------------------------------------------------
# The assembly equals the loop it replaced


def _reference_shards(index: search.CompactIndex, shard_entries: int) -> search.ShardedIndex:
    """search.shard_index as it was: a loop over every posting, then json.dumps."""
    field_count = len(index.fields)
    lengths: Counter[tuple[int, int]] = Counter()
    for encoded in index.postings:
        for field_number, document, tf in search.decode_postings(encoded):
            lengths[(document, field_number)] += tf
    count = index.document_count
    averages = tuple(sum(lengths[(d, f)] for d in range(count)) / count if count else 0.0 for f in range(field_count))
    order = sorted(range(len(index.terms)), key=lambda t: index.terms[t].encode("utf-16-be"))
    first_terms: list[str] = []
    shards: list[bytes] = []
    terms: list[str] = []
    positions: list[int] = []
    postings: list[list[int]] = []
    entries = 0
    for term_position in order:
        packed: list[int] = []
        previous_field, previous = -1, 0
        for field_number, document, tf in search.decode_postings(index.postings[term_position]):
            if field_number != previous_field:
                packed += [-1 - field_number]
                previous_field, previous = field_number, 0
            packed += [document - previous, tf, lengths[(document, field_number)]]
            previous = document
            entries += 1
        terms.append(index.terms[term_position])
        positions.append(term_position)
        postings.append(packed)
        if entries >= shard_entries:
            first_terms.append(terms[0])
            shards.append(search_shards.json_bytes({"terms": terms, "positions": positions, "postings": postings}))
            terms, positions, postings, entries = [], [], [], 0
    if terms:
        first_terms.append(terms[0])
        shards.append(search_shards.json_bytes({"terms": terms, "positions": positions, "postings": postings}))
    return search.ShardedIndex(averages, tuple(first_terms), tuple(shards))


_TEXT = st.text(
    alphabet=st.sampled_from([*"abcdeéëZ019 -\t\n", "\u00a0", "\ufeff", "\x1c", "\x85", "\u2028", "\u0130", "ß"]),
    max_size=40,
)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.fixed_dictionaries({"title": _TEXT, "skills": _TEXT, "body": _TEXT}), max_size=12),
    st.sampled_from([1, 3, 20, 6000]),
    st.sampled_from(["nl", "en"]),
)
def test_the_assembly_equals_the_loop_over_postings(texts: list[dict[str, str]], entries: int, language: str) -> None:
    documents = [search.SearchDocument(t, {}) for t in texts]
    want = _reference_shards(search.build_index(documents, language), entries)
    assert search._sharded(search.analysed(documents, language), entries) == want
    assert search.shard_index(search.build_index(documents, language), entries) == want


@settings(max_examples=200, deadline=None)
@given(_TEXT)
def test_the_tokenizer_and_counts_are_lunr_s(text: str) -> None:
    assert search.tokenize(text) == [token for token in search._SEPARATOR.split(text.lower()) if token]
    process = search.pipeline("nl")
    assert list(process.frequencies(text).items()) == list(Counter(process.terms(text)).items())


def test_numbers_beyond_the_table_are_written_as_json_does() -> None:
    values = np.array([-1, 0, 99_999, 100_000, 123_456_789, -70, 5], dtype=np.int64)
    begins = np.array([0, 3, 5], dtype=np.int64)
    text, at = search_shards._decimals(values, begins)
    assert text == (json.dumps(values.tolist(), separators=(",", ":"))[1:-1] + ",").encode()
    assert at == [0, len(b"-1,0,99999,"), len(b"-1,0,99999,100000,123456789,")]
    small = values[[0, 1, 2, 6]]
    assert search_shards._decimals(small, begins[:1])[0] == b"-1,0,99999,5,"
