"""The facet table (search.facet_table): the network facet kept as runs of documents.

Its size must follow the number of networks (and of people in two of them), not the number of
imported records, and every document must still read back exactly its own networks, so that the
counts search.js shows stay exact. tests/test_federation_browser.py reads the counts in Chromium.
"""

from __future__ import annotations

import json
from collections import Counter

from test_search_browser import ranges_to_flat

from sitegen import search

OURS, NOORD, ZUID = "Testnetwerk", "Netwerk Noord", "Netwerk Zuid"


def _document(kind: str, networks: list[str]) -> search.SearchDocument:
    facets = {"kind": [kind], "organisation": ["Gemeente X"], "network": networks}
    return search.SearchDocument({"title": "x"}, {"t": "x", "s": "", "u": "/", "f": facets})


def _site(imported: int, merged: int = 0) -> list[search.SearchDocument]:
    """Ours (some also in Noord), Noord's (some also in Zuid) and Zuid's profiles, then our and
    Noord's assignments: in site_documents' order, each record's networks in sitegen.yaml's."""
    return [
        *[_document("Profiel", [OURS, NOORD] if n < merged else [OURS]) for n in range(100)],
        *[_document("Profiel", [NOORD, ZUID] if n < merged else [NOORD]) for n in range(imported)],
        *[_document("Profiel", [ZUID]) for _ in range(imported // 2)],
        *[_document("Klus", [OURS]) for _ in range(20)],
        *[_document("Klus", [NOORD]) for _ in range(imported // 5)],
    ]


def _read_back(table: dict[str, list[list[int]] | list[str]], count: int) -> list[list[str]]:
    flat = ranges_to_flat(table["ranges"], count)  # type: ignore[arg-type]
    values, out, position = table["values"], [], 0
    for _ in range(count):
        out.append([str(values[index]) for index in flat[position + 1 : position + 1 + flat[position]]])
        position += flat[position] + 1
    return out


def test_the_network_facet_is_runs_of_documents() -> None:
    documents = _site(imported=6, merged=2)
    network = search.facet_table(documents)["network"]
    assert network == {
        "values": [OURS, NOORD, ZUID],  # in the order of the documents' home networks
        # ours: our profiles 0-99 and assignments 109-128; Noord: two of ours (0-1), its own
        # profiles 100-105 and its assignment 129; Zuid: Noord's first two (100-101, the same
        # people) and its own 106-108
        "ranges": [[0, 100, 9, 20], [0, 2, 98, 6, 23, 1], [100, 2, 4, 3]],
    }
    assert "documents" not in network
    assert search.facet_table(documents)["kind"]["documents"][:4] == [1, 0, 1, 0]  # the others as before


def test_every_document_reads_back_its_own_networks_and_the_counts_are_exact() -> None:
    documents = _site(imported=300, merged=17)
    table = search.facet_table(documents)["network"]
    read = _read_back(table, len(documents))
    assert read == [document.shown["f"]["network"] for document in documents]  # in their own order
    counts = Counter(value for values in read for value in values)
    assert counts == Counter(value for document in documents for value in document.shown["f"]["network"])


def test_its_size_does_not_grow_with_the_imported_records() -> None:
    tables = {imported: search.facet_table(_site(imported, merged=5))["network"] for imported in (10, 1_000, 10_000)}
    runs = {
        imported: {value: len(pairs) // 2 for value, pairs in zip(table["values"], table["ranges"], strict=True)}
        for imported, table in tables.items()
    }
    assert runs[10] == runs[1_000] == runs[10_000] == {OURS: 2, NOORD: 3, ZUID: 2}  # the same runs, longer
    assert tables[10]["values"] == tables[10_000]["values"] == [OURS, NOORD, ZUID]
    assert len(json.dumps(tables[10_000])) < 150
    flat = search.facet_table(_site(10_000, merged=5))["kind"]["documents"]
    assert len(flat) == 2 * len(_site(10_000, merged=5))  # a facet kept per document grows
