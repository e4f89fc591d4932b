"""The search index: built here, read by lunr.js 2.3.9 in the browser.

What the browser must find is exactly what this build meant, so the text pipeline is the
one lunr.js and lunr-languages 1.22.0 run: lunr's tokenizer, then for Dutch `trimmer-nl`,
`stopWordFilter-nl` and `stemmer-nl` (Snowball's Dutch Porter stemmer, which the
`snowballstemmer` package implements as `dutch_porter`), for English lunr's own trimmer,
stop words and Porter stemmer.

What the browser downloads is not lunr's JSON (about 10 KB a document with bodies) but a
compact encoding of what lunr's scoring needs: the terms in lunr's term-index order and, per
term and field, the documents with their term frequencies. `expand` below rebuilds lunr's own
index from it (same inverted index, same field vectors, which lunr derives from term
frequencies, field lengths and document counts) for the parity test against lunr.js;
`shard_index` cuts it into term ranges, from which `lunr-compact.js` builds in the browser an
index over the shards a query needs.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import hashlib
import html
import itertools
import math
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import numpy as np
import numpy.typing as npt
import snowballstemmer
from lunr.stemmer import porter_stemmer
from lunr.stop_word_filter import WORDS as ENGLISH_STOP_WORDS

from . import models, search_cache, search_shards
from .hashes import LENGTH, content_hash

LUNR_VERSION = "2.3.9"
FORMAT_VERSION = 2
K1 = 1.2
B = 0.75

# (field, boost): the name or title ranks highest, the story lowest.
FIELDS: tuple[tuple[str, int], ...] = (
    ("title", 10),
    ("role", 3),
    ("organisation", 2),
    ("fields", 3),
    ("skills", 3),
    ("region", 2),
    ("summary", 2),
    ("body", 1),
)

# lunr.tokenizer.separator is /[\s\-]+/; JavaScript's \s, spelled out.
_SEPARATOR = re.compile("[\t\n\v\f\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff-]+")

# lunr-languages 1.22.0, lunr.nl.wordCharacters; its generateTrimmer adds 0-9.
NL_WORD_CHARACTERS = (
    "A-Za-z\xaa\xba\xc0-\xd6\xd8-\xf6\xf8-\u02b8\u02e0-\u02e4\u1d00-\u1d25\u1d2c-\u1d5c\u1d62-\u1d65\u1d6b-\u1d77"
    "\u1d79-\u1dbe\u1e00-\u1eff\u2071\u207f\u2090-\u209c\u212a\u212b\u2132\u214e\u2160-\u2188\u2c60-\u2c7f"
    "\ua722-\ua787\ua78b-\ua7ad\ua7b0-\ua7b7\ua7f7-\ua7ff\uab30-\uab5a\uab5c-\uab64\ufb00-\ufb06\uff21-\uff3a"
    "\uff41-\uff5a"
)
NL_STOP_WORDS = frozenset(
    " aan al alles als altijd andere ben bij daar dan dat de der deze die dit doch doen door dus een eens en er ge "
    "geen geweest haar had heb hebben heeft hem het hier hij hoe hun iemand iets ik in is ja je kan kon kunnen maar "
    "me meer men met mij mijn moet na naar niet niets nog nu of om omdat onder ons ook op over reeds te tegen toch "
    "toen tot u uit uw van veel voor want waren was wat werd wezen wie wil worden wordt zal ze zelf zich zij zijn zo "
    "zonder zou".split(" ")
)


TOKEN_CACHE_SIZE = 500_000


@dataclass(frozen=True, slots=True)
class Pipeline:
    """lunr's indexing pipeline for one language, as plain functions on strings."""

    trim: Callable[[str], str]
    stop_words: frozenset[str]
    stem: Callable[[str], str]
    search_pipeline: tuple[str, ...]  # the labels lunr.js looks up to process queries
    # token -> its term ('' when the pipeline drops it): a corpus repeats a small vocabulary,
    # so each distinct token is trimmed, filtered and stemmed once.
    cache: dict[str, str] = dataclasses.field(default_factory=dict, compare=False, repr=False)

    def term(self, token: str) -> str:
        token = self.trim(token)
        if not token or token in self.stop_words:
            return ""
        return self.stem(token)

    def terms(self, text: str) -> list[str]:
        cache = self.cache
        if len(cache) > TOKEN_CACHE_SIZE:
            cache.clear()
        terms = []
        for token in tokenize(text):
            term = cache.get(token)
            if term is None:
                term = cache[token] = self.term(token)
            if term:
                terms.append(term)
        return terms

    def frequencies(self, text: str) -> dict[str, int]:
        """Each term of `text` with its frequency, in order of first occurrence: what lunr's
        Builder counts per field, `Counter(self.terms(text))`, with the pipeline run once per
        distinct token rather than once per token (a body repeats its words)."""
        cache = self.cache
        if len(cache) > TOKEN_CACHE_SIZE:
            cache.clear()
        found: dict[str, int] = {}
        # Counter keeps tokens in order of first occurrence, so the first token of a term
        # comes before the first of any later term: the terms stay in lunr's order.
        for token, count in Counter(tokenize(text)).items():
            term = cache.get(token)
            if term is None:
                term = cache[token] = self.term(token)
            if term:
                found[term] = found.get(term, 0) + count
        return found


# The characters str.split() splits on that JavaScript's \s does not match: a text without
# them can be split by str.split(), twice as fast as the regular expression.
_NOT_JS_SPACE = re.compile("[\x1c-\x1f\x85]")


def tokenize(text: str) -> list[str]:
    text = text.lower()
    if _NOT_JS_SPACE.search(text):
        return [token for token in _SEPARATOR.split(text) if token]
    # \ufeff and - are lunr separators that str.split() keeps.
    return text.replace("-", " ").replace("\ufeff", " ").split()


def _regex_trimmer(word_characters: str) -> Callable[[str], str]:
    start = re.compile(f"^[^{word_characters}]+")
    end = re.compile(f"[^{word_characters}]+$")
    return lambda token: end.sub("", start.sub("", token))


def _dutch_stemmer() -> Callable[[str], str]:
    stemmer = snowballstemmer.stemmer("dutch_porter")
    return functools.lru_cache(maxsize=200_000)(stemmer.stemWord)


def _english_stemmer() -> Callable[[str], str]:
    return functools.lru_cache(maxsize=200_000)(porter_stemmer.stem)


@functools.cache
def pipeline(language: str) -> Pipeline:
    if language == "nl":
        return Pipeline(
            _regex_trimmer(NL_WORD_CHARACTERS + "0-9"), NL_STOP_WORDS, _dutch_stemmer(), ("trimmer-nl", "stemmer-nl")
        )
    # lunr.trimmer: JavaScript's \W is ASCII-only, unlike Python's.
    english_trim = _regex_trimmer("A-Za-z0-9_")
    return Pipeline(english_trim, frozenset(ENGLISH_STOP_WORDS), _english_stemmer(), ("stemmer",))


# ---------------------------------------------------------------------------------------------
# Documents


@dataclass(frozen=True, slots=True)
class SearchDocument:
    """One result: the text lunr indexes, and what the result list shows."""

    texts: dict[str, str]  # field -> text
    shown: dict[str, Any]  # kind, title, subtitle, url, skills, facets


_TAG = re.compile(r"<[^>]*>")


def html_text(fragment: str) -> str:
    """The visible text of sanitized HTML."""
    return " ".join(html.unescape(_TAG.sub(" ", fragment)).split())


# ---------------------------------------------------------------------------------------------
# The index


@dataclass(frozen=True, slots=True)
class CompactIndex:
    """What the browser downloads: `as_json()` gives the structure `lunr-compact.js` reads."""

    language: str
    fields: tuple[str, ...]
    boosts: tuple[int, ...]
    pipeline: tuple[str, ...]
    document_count: int
    terms: tuple[str, ...]  # in lunr's term-index order (first occurrence)
    postings: tuple[tuple[int, ...], ...]  # per term: field, n, then n pairs (document delta, tf)

    def as_json(self) -> dict[str, Any]:
        return {
            "format": FORMAT_VERSION,
            "lunr": LUNR_VERSION,
            "language": self.language,
            "fields": list(self.fields),
            "boosts": list(self.boosts),
            "pipeline": list(self.pipeline),
            "documents": self.document_count,
            "terms": list(self.terms),
            "postings": [list(p) for p in self.postings],
        }


def ref(position: int) -> str:
    """Short document references: base 36."""
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    out = ""
    while True:
        position, rest = divmod(position, 36)
        out = digits[rest] + out
        if position == 0:
            return out


def build_index(documents: Sequence[SearchDocument], language: str) -> CompactIndex:
    """The index lunr.js's Builder would make of `documents`, with `FIELDS`, in compact form."""
    process = pipeline(language)
    field_names = tuple(name for name, _ in FIELDS)
    term_position: dict[str, int] = {}
    # term -> field -> list of (document, tf); documents arrive in order, so each list is sorted.
    found: list[list[list[tuple[int, int]]]] = []
    for number, document in enumerate(documents):
        for field_number, field in enumerate(field_names):
            # In order of first occurrence, which is the order lunr numbers terms in.
            for term, tf in process.frequencies(document.texts.get(field, "")).items():
                position = term_position.get(term)
                if position is None:
                    position = term_position[term] = len(found)
                    found.append([[] for _ in field_names])
                found[position][field_number].append((number, tf))
    postings = []
    for per_field in found:
        encoded: list[int] = []
        for field_number, entries in enumerate(per_field):
            if not entries:
                continue
            encoded += [field_number, len(entries)]
            previous = 0
            for number, tf in entries:
                encoded += [number - previous, tf]
                previous = number
        postings.append(tuple(encoded))
    return CompactIndex(
        language,
        field_names,
        tuple(boost for _, boost in FIELDS),
        process.search_pipeline,
        len(documents),
        tuple(term_position),
        tuple(postings),
    )


def decode_postings(encoded: Sequence[int]) -> Iterator[tuple[int, int, int]]:
    """(field, document, term frequency) for one term's postings in the compact encoding."""
    position = 0
    while position < len(encoded):
        field_number, count = encoded[position], encoded[position + 1]
        position += 2
        document = 0
        for _ in range(count):
            document += encoded[position]
            yield field_number, document, encoded[position + 1]
            position += 2


def expand(index: CompactIndex | dict[str, Any]) -> dict[str, Any]:
    """lunr's own serialized index (`lunr.Index.prototype.toJSON`) for a compact index.

    The Python twin of `lunr-compact.js`, for tests that compare with lunr.js.
    """
    data = index.as_json() if isinstance(index, CompactIndex) else index
    fields, boosts, terms, count = data["fields"], data["boosts"], data["terms"], data["documents"]
    inverted: dict[str, dict[str, Any]] = {}
    frequencies: dict[tuple[int, int], dict[int, int]] = {(d, f): {} for d in range(count) for f in range(len(fields))}
    for term_index, (term, encoded) in enumerate(zip(terms, data["postings"], strict=True)):
        posting: dict[str, Any] = {"_index": term_index, **{field: {} for field in fields}}
        for field_number, document, tf in decode_postings(encoded):
            posting[fields[field_number]][ref(document)] = {}
            frequencies[(document, field_number)][term_index] = tf
        inverted[term] = posting
    lengths = {key: sum(tfs.values()) for key, tfs in frequencies.items()}
    average = [sum(lengths[(d, f)] for d in range(count)) / count if count else 0.0 for f in range(len(fields))]
    idf = [_idf(inverted[term], fields, count) for term in terms]
    vectors = []
    for (document, field_number), tfs in frequencies.items():
        elements: list[float] = []
        for term_index in sorted(tfs):
            tf = tfs[term_index]
            norm = 1 - B + B * (lengths[(document, field_number)] / average[field_number])
            score = idf[term_index] * ((K1 + 1) * tf) / (K1 * norm + tf) * boosts[field_number]
            elements += [term_index, _round3(score)]
        vectors.append([f"{fields[field_number]}/{ref(document)}", elements])
    return {
        "version": LUNR_VERSION,
        "fields": list(fields),
        "fieldVectors": vectors,
        "invertedIndex": [[term, inverted[term]] for term in sorted(inverted)],
        "pipeline": list(data["pipeline"]),
    }


def _idf(posting: dict[str, Any], fields: Iterable[str], count: int) -> float:
    with_term = sum(len(posting[field]) for field in fields)  # lunr counts (field, document) pairs
    return math.log(1 + abs((count - with_term + 0.5) / (with_term + 0.5)))


def _round3(value: float) -> float:
    """JavaScript's Math.round(value * 1000) / 1000: halves round up, also for negatives."""
    return math.floor(value * 1000 + 0.5) / 1000


# ---------------------------------------------------------------------------------------------
# What the site's search offers


FACETS = ("kind", "organisation", "region", "field", "skill", "engagement", "availability")
# Only on a site that imports other networks (federation.py): which network publishes a result.
NETWORK_FACET = "network"
QUERY_PARAMETER = "q"  # the search page's query in its URL, as search.js reads it: zoeken/?q=...
FACET_PARAMETERS = {
    "nl": {
        "kind": "soort",
        "organisation": "organisatie",
        "region": "regio",
        "field": "werkveld",
        "skill": "kwaliteit",
        "engagement": "inzet",
        "availability": "beschikbaarheid",
        "network": "netwerk",
    },
    "en": {
        "kind": "kind",
        "organisation": "organisation",
        "region": "region",
        "field": "field",
        "skill": "skill",
        "engagement": "engagement",
        "availability": "availability",
        "network": "network",
    },
}


def site_documents(
    profiles: Sequence[models.Profile],
    assignments: Sequence[models.Assignment],
    organisations: Mapping[str, models.Organisation],
    href: Callable[[str, str], str],
    label: Callable[[str], str],
    long_date: Callable[[dt.date], str],
    imported_profiles: Sequence[models.Profile] = (),
    imported_assignments: Sequence[models.Assignment] = (),
    network: str = "",
    networks: Sequence[str] = (),
) -> list[SearchDocument]:
    """Search documents for the audience's profiles and open assignments, then the imported ones.

    `href(kind, slug)` is a page's link; `label(key)` a UI string (kinds, engagement, availability).
    With `network` (our name, on a site that imports), every result has the network facet.
    The imported records follow ours grouped by their (first) home network, in the order of
    `networks` (sitegen.yaml's), each group in the order given: so the network facet's runs
    of documents (`facet_table`) are one per network and kind, however many records there are.
    """
    documents = []
    for profile in (*profiles, *_by_network(imported_profiles, networks)):
        organisation_name = _organisation_name(profile, organisations)
        documents.append(
            _document(
                profile,
                label("profile"),
                profile.name,
                profile.role,
                _with_network(f"{profile.role}, {organisation_name}", profile, label),
                profile.home.url if profile.home else href("profile", profile.slug),
                organisation_name,
                [label(e) for e in profile.engagement],
                [label(profile.availability.status)] if profile.availability else [],
                _networks(profile, network),
            )
        )
    for assignment in (*assignments, *_by_network(imported_assignments, networks)):
        organisation_name = _organisation_name(assignment, organisations)
        documents.append(
            _document(
                assignment,
                label("assignment"),
                assignment.title,
                "",
                _with_network(
                    f"{organisation_name}. {label('deadline')} {long_date(assignment.deadline)}", assignment, label
                ),
                assignment.home.url if assignment.home else href("assignment", assignment.slug),
                organisation_name,
                [label(assignment.engagement)] if assignment.engagement else [],
                [],
                _networks(assignment, network),
            )
        )
    return documents


_Record = TypeVar("_Record", models.Profile, models.Assignment)


def _by_network(records: Sequence[_Record], networks: Sequence[str]) -> list[_Record]:
    place = {name: position for position, name in enumerate(networks)}
    return sorted(records, key=lambda record: place.get(record.home.networks[0], len(place)) if record.home else -1)


def _organisation_name(
    record: models.Profile | models.Assignment, organisations: Mapping[str, models.Organisation]
) -> str:
    """Our organisation's name; an imported record's own, with its network when it is not ours
    (so that the organisation facet keeps theirs apart from ours)."""
    organisation = organisations.get(record.organisation)
    if organisation:
        return organisation.name
    if record.home:
        return f"{record.home.organisation} ({record.home.networks[0]})"
    return record.organisation


def _with_network(subtitle: str, record: models.Profile | models.Assignment, label: Callable[[str], str]) -> str:
    """An imported result says where it is from; ours, where else the same person is."""
    if record.home:
        return f"{subtitle}. {label('from_network').format(network=', '.join(record.home.networks))}"
    if isinstance(record, models.Profile) and record.also_in:
        return f"{subtitle}. {label('also_in').format(networks=', '.join(record.also_in))}"
    return subtitle


def _networks(record: models.Profile | models.Assignment, ours: str) -> list[str]:
    if not ours:
        return []
    also = record.also_in if isinstance(record, models.Profile) else ()
    return list(record.home.networks) if record.home else [ours, *also]


def _document(
    record: models.Profile | models.Assignment,
    kind: str,
    title: str,
    role: str,
    subtitle: str,
    url: str,
    organisation_name: str,
    engagement: list[str],
    availability: list[str],
    networks: list[str],
) -> SearchDocument:
    """What profiles and assignments share: the indexed texts, and the facets of a result."""
    facets: dict[str, list[str]] = {
        "kind": [kind],
        "organisation": [organisation_name],
        "region": [record.region] if record.region else [],
        "field": list(record.fields),
        "skill": list(record.skills),
        "engagement": engagement,
        "availability": availability,
    }
    if networks:
        facets[NETWORK_FACET] = networks
    texts = {
        "title": title,
        "role": role,
        "organisation": organisation_name,
        "fields": " ".join(record.fields),
        "skills": " ".join(record.skills),
        "region": record.region or "",
        "summary": record.summary or "",
        "body": html_text(record.body_html),
    }
    return SearchDocument(texts, {"t": title, "s": subtitle, "u": url, "f": facets})


# ---------------------------------------------------------------------------------------------
# What the browser downloads: a small manifest, then only the shards a query touches


SHARD_ENTRIES = 6000  # postings entries a shard aims at (a term is never split)
STORE_CHUNK = 10  # documents per chunk of the documents store


@dataclass(frozen=True, slots=True)
class ShardedIndex:
    """The compact index cut into term-range shards, with what lunr's BM25 needs beside them.

    A shard holds, per term (sorted as JavaScript sorts strings), its position in lunr's
    term-index order and per field its documents with term frequency and field length; idf
    follows from the number of entries, and the average field lengths are in the manifest.
    """

    averages: tuple[float, ...]
    first_terms: tuple[str, ...]  # per shard, the first (smallest) term it holds
    shards: tuple[bytes, ...]


def shard_index(index: CompactIndex, shard_entries: int = SHARD_ENTRIES) -> ShardedIndex:
    """The shards of a compact index; `search_files` makes the same from the documents' terms."""
    fields = len(index.fields)
    cells: list[int] = []
    ids: list[int] = []
    frequencies: list[int] = []
    for term, encoded in enumerate(index.postings):
        for field_number, document, tf in decode_postings(encoded):
            cells.append(document * fields + field_number)
            ids.append(term)
            frequencies.append(tf)
    cell, term_ids = np.array(cells, dtype=np.int64), np.array(ids, dtype=np.int64)
    # Terms in index order within each (document, field): their first occurrences stay in that order.
    order = np.lexsort((term_ids, cell))
    counts = np.bincount(cell, minlength=index.document_count * fields).reshape(index.document_count, fields)
    columns = search_shards.Columns(
        counts.astype(np.int64), term_ids[order], np.array(frequencies, dtype=np.int64)[order], index.terms
    )
    return _sharded(columns, shard_entries)


def _sharded(columns: search_shards.Columns, shard_entries: int) -> ShardedIndex:
    parts = search_shards.assemble(columns, shard_entries)
    return ShardedIndex(parts.averages, parts.first_terms, parts.shards)


def analysed(
    documents: Sequence[SearchDocument], language: str, store: search_cache.Store | None = None
) -> search_shards.Columns:
    """Every document's terms and frequencies per field, as `search_shards.assemble` reads them.

    With a `store`, a document whose texts it has an entry for is not analysed again, and every
    document's analysis is put in it for the next build.
    """
    process = pipeline(language)
    field_names = [name for name, _ in FIELDS]
    vocabulary = store.vocabulary if store is not None else []
    number = {term: position for position, term in enumerate(vocabulary)}
    counts: list[Sequence[int]] = []
    ids: list[npt.NDArray[np.integer[Any]]] = []
    frequencies: list[npt.NDArray[np.integer[Any]]] = []
    for document in documents:
        texts = [document.texts.get(field, "") for field in field_names]
        key = store.key(texts) if store is not None else ""
        found = store.get(key) if store is not None else None
        if found is None:
            per_field = [process.frequencies(text) for text in texts]
            terms = [term for found_terms in per_field for term in found_terms]
            for term in terms:
                if term not in number:
                    number[term] = len(vocabulary)
                    vocabulary.append(term)
            found = search_cache.Analysis(
                tuple(len(found_terms) for found_terms in per_field),
                np.array([number[term] for term in terms], dtype=np.int64),
                np.array([tf for found_terms in per_field for tf in found_terms.values()], dtype=np.int64),
            )
            if store is not None:
                store.put(key, found)
        counts.append(found.counts)
        ids.append(found.ids)
        frequencies.append(found.frequencies)
    return search_shards.Columns(
        np.array(counts, dtype=np.int64).reshape(len(documents), len(field_names)),
        np.concatenate(ids).astype(np.int64) if ids else np.zeros(0, dtype=np.int64),
        np.concatenate(frequencies).astype(np.int64) if frequencies else np.zeros(0, dtype=np.int64),
        vocabulary,
    )


def facet_table(documents: Sequence[SearchDocument]) -> dict[str, Any]:
    """Every document's facet values, as indices into per-facet value lists (the most common first).

    Per facet: `values`, and `documents`, a flat list of, per document, the number of values
    followed by their indices (in the document's own order). The network facet is kept as
    `ranges` instead, its values in the order of `_in_order_of_homes`: per value, the runs of
    consecutive documents that have it, as pairs of (documents since the value's previous run
    ended, length). Ours and each network's records are contiguous (`site_documents` keeps them
    so), so its size follows the number of networks and of people in two of them, not the number
    of records; the counts stay exact.
    """
    table: dict[str, Any] = {}
    networked = any(NETWORK_FACET in document.shown["f"] for document in documents)
    for facet in (*FACETS, NETWORK_FACET) if networked else FACETS:
        if facet in RANGED_FACETS:
            values = _in_order_of_homes(documents, facet)
            number = {value: position for position, value in enumerate(values)}
            table[facet] = {"values": values, "ranges": _runs(documents, facet, number)}
            continue
        lists = [document.shown["f"].get(facet, ()) for document in documents]
        counts = Counter(itertools.chain.from_iterable(lists))
        values = sorted(counts, key=lambda value: (-counts[value], value))
        index_of = {value: position for position, value in enumerate(values)}.__getitem__
        flat: list[int] = []
        for own in lists:  # a loop of C calls: this table was a tenth of a warm build's search files
            flat.append(len(own))
            flat.extend(map(index_of, own))
        table[facet] = {"values": values, "documents": flat}
    return table


RANGED_FACETS = frozenset({NETWORK_FACET})


def _in_order_of_homes(documents: Sequence[SearchDocument], facet: str) -> list[str]:
    """The networks in the order the documents bring them as their first (home) network: ours,
    then sitegen.yaml's (site_documents' order); one that is never first comes after them. A
    document's values read back in this order, as each document lists them."""
    first = [document.shown["f"][facet][0] for document in documents if document.shown["f"].get(facet)]
    rest = [value for document in documents for value in document.shown["f"].get(facet, [])[1:]]
    return list(dict.fromkeys([*first, *rest]))


def _runs(documents: Sequence[SearchDocument], facet: str, number: Mapping[str, int]) -> list[list[int]]:
    """Per value, its runs of documents: [gap, length, gap, length, ...], each gap counted from
    the end of the value's previous run (from 0 for the first)."""
    starts: list[list[int]] = [[] for _ in number]
    ends: list[list[int]] = [[] for _ in number]
    for position, document in enumerate(documents):
        for value in document.shown["f"].get(facet, []):
            index = number[value]
            if ends[index] and ends[index][-1] == position:
                ends[index][-1] = position + 1
            else:
                starts[index].append(position)
                ends[index].append(position + 1)
    runs: list[list[int]] = []
    for value_starts, value_ends in zip(starts, ends, strict=True):
        pairs: list[int] = []
        previous = 0
        for start, end in zip(value_starts, value_ends, strict=True):
            pairs += [start - previous, end - start]
            previous = end
        runs.append(pairs)
    return runs


def _content_name(prefix: str, content: bytes) -> str:
    return f"{prefix}.{content_hash(content)}"


def _numbered(prefix: str, contents: Sequence[bytes]) -> tuple[str, dict[str, bytes]]:
    """`prefix.<hash of them all>/<n>.json`: one hash in the manifest instead of one a file."""
    digest = hashlib.sha256()
    for content in contents:
        digest.update(hashlib.sha256(content).digest())
    folder = f"{prefix}.{digest.hexdigest()[:LENGTH]}"
    return folder, {f"{folder}/{number}.json": content for number, content in enumerate(contents)}


def search_files(
    documents: Sequence[SearchDocument], language: str, cache_folder: Path | None = None
) -> dict[str, bytes]:
    """The files the browser downloads, by path relative to the search section.

    `index` is the manifest (build.py gives it a content-hashed name, the search page names
    it); every other path is content-addressed and follows from the manifest: the term-range
    shards of the index (`shards.<hash>/<n>.json`), the facet table and the documents store in
    chunks of `STORE_CHUNK` documents (`documents.<hash>/<n>.json`).

    With `cache_folder` (the build's cache), each document's analysis is kept there between
    builds (`search_cache.py`): a build after an edit analyses only the documents that changed.
    The files are the same bytes either way.
    """
    store = search_cache.Store(cache_folder, language, len(FIELDS)) if cache_folder is not None else None
    files = files_with(documents, language, store)
    if store is not None:
        store.save()
    return files


def files_with(
    documents: Sequence[SearchDocument], language: str, store: search_cache.Store | None
) -> dict[str, bytes]:
    """`search_files` with the store given (or none): the tests read its report."""
    process = pipeline(language)
    sharded = _sharded(analysed(documents, language, store), SHARD_ENTRIES)
    shard_folder, shard_files = _numbered("shards", sharded.shards)
    facets = _json_bytes(facet_table(documents))
    facets_name = _content_name("facets", facets) + ".json"
    chunks = [
        _json_bytes(
            [
                {key: value for key, value in document.shown.items() if key != "f"}
                for document in documents[start : start + STORE_CHUNK]
            ]
        )
        for start in range(0, len(documents), STORE_CHUNK)
    ]
    chunk_folder, chunk_files = _numbered("documents", chunks)
    manifest = {
        "format": FORMAT_VERSION,
        "lunr": LUNR_VERSION,
        "language": language,
        "fields": [name for name, _ in FIELDS],
        "boosts": [boost for _, boost in FIELDS],
        "pipeline": list(process.search_pipeline),
        "documents": len(documents),
        "averages": list(sharded.averages),
        "shards": shard_folder,
        "firstTerms": list(sharded.first_terms),
        "facets": facets_name,
        "store": chunk_folder,
        "chunk": STORE_CHUNK,
    }
    return {"index": _json_bytes(manifest), **shard_files, facets_name: facets, **chunk_files}


def _json_bytes(value: Any) -> bytes:
    return search_shards.json_bytes(value)
