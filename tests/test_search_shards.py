"""The sharded index answers every query exactly as lunr.js does over the whole index.

For the standard corpus at 1,000 and 10,000 profiles (bench/corpus.py), lunr.js 2.3.9 with
lunr-languages 1.22.0 builds its own index of the search documents in Node, and each of 300+
queries (words, Dutch plurals and inflections, prefixes, field queries, accents, two words,
required and prohibited terms, leading wildcards, fuzzy terms) is run three times: on lunr's
index, on an index of only the shards `shardsFor` picks for the query, and on an index of every
shard the session has loaded so far (as the browser caches them). Refs, order and scores must
be equal.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import re
import subprocess
from pathlib import Path
from typing import Any

import pytest
from conftest import REPO
from outputs import indexed_documents
from test_search_parity import _need_node

from sitegen import search

CORPUS_DATE = dt.date(2026, 6, 1)


def _corpus_documents(folder: Path, profiles: int) -> list[search.SearchDocument]:
    spec = importlib.util.spec_from_file_location("bench_corpus", REPO / "bench" / "corpus.py")
    assert spec and spec.loader
    corpus = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(corpus)
    corpus.generate(folder, profiles, profiles // 5)
    return indexed_documents(folder, CORPUS_DATE)


def _queries(documents: list[search.SearchDocument]) -> list[str]:
    """300+ queries drawn deterministically from the documents' own words."""
    words = sorted({w for d in documents for w in re.findall(r"[^\W\d_]{4,}", " ".join(d.texts.values()).lower())})
    accented = [w for w in words if re.search(r"[^a-z]", w)]
    plain = [w for w in words if w not in accented]
    step = max(1, len(plain) // 140)
    sample = plain[::step][:140]
    skills = sorted({s.lower() for d in documents for s in d.texts["skills"].split()})[:30]
    queries = list(sample)
    queries += [w[:n] + "*" for w, n in zip(sample[::3], [3, 4, 5] * 50, strict=False)]  # prefixes
    queries += [f"skills:{w}" for w in skills[:20]] + [f"title:{w}" for w in sample[5:25]]
    queries += [f"organisation:{w}" for w in ("gemeente", "provincie", "waterschap")]
    queries += accented[:: max(1, len(accented) // 25)][:25]  # accents, folded by the Dutch stemmer
    queries += [f"{a} {b}" for a, b in zip(sample[::4], sample[2::4], strict=False)][:35]  # two words
    queries += [f"+{a} -{b}" for a, b in zip(skills[::2], skills[1::2], strict=False)][:10]
    queries += ["gemeenten", "gemeente", "ambtenaren", "beleid*", "*heid", "particip~1", "coöp*", "financiën"]
    return queries


def _run(tmp_path: Path, documents: list[search.SearchDocument], queries: list[str]) -> list[dict[str, Any]]:
    files = search.search_files(documents, "nl")
    manifest = json.loads(files["index"])
    shards = [json.loads(files[f"{manifest['shards']}/{n}.json"]) for n in range(len(manifest["firstTerms"]))]
    payload = {
        "language": "nl",
        "fields": [list(f) for f in search.FIELDS],
        "documents": [d.texts for d in documents],
        "manifest": manifest,
        "shards": shards,
        "queries": queries,
    }
    source = tmp_path / "input.json"
    source.write_text(json.dumps(payload, ensure_ascii=False), encoding="utf-8")
    script = REPO / "tests" / "js" / "lunr_shards_parity.js"
    completed = subprocess.run(
        ["node", "--max-old-space-size=3072", str(script), str(source)], capture_output=True, text=True, check=False
    )
    assert completed.returncode == 0, completed.stderr
    return [json.loads(line) for line in completed.stdout.splitlines()]


def _assert_parity(tmp_path: Path, profiles: int) -> None:
    _need_node()
    documents = _corpus_documents(tmp_path / "site", profiles)
    queries = _queries(documents)
    assert len(queries) >= 300
    lines = _run(tmp_path, documents, queries)
    assert [line["query"] for line in lines] == queries
    for line in lines:
        assert line["minimal"] == line["lunr"], line["query"]
        assert line["session"] == line["lunr"], line["query"]
    found = [line for line in lines if line["lunr"]]
    assert len(found) >= 0.9 * len(lines), "the queries should mostly find something"
    several = sum(1 for line in lines if len(line["lunr"]) > 1)
    assert several >= 0.5 * len(lines)


def test_shards_answer_as_lunr_js_at_1000_profiles(tmp_path: Path) -> None:
    _assert_parity(tmp_path, 1000)


@pytest.mark.slow
def test_shards_answer_as_lunr_js_at_10000_profiles(tmp_path: Path) -> None:
    _assert_parity(tmp_path, 10_000)


def test_a_query_needs_one_shard_a_term() -> None:
    documents = [
        search.SearchDocument({"title": f"woord{n} beleid{n}", "body": f"tekst{n}"}, {"f": {}}) for n in range(3000)
    ]
    index = search.build_index(documents, "nl")
    sharded = search.shard_index(index, shard_entries=500)
    assert len(sharded.first_terms) > 5
    assert list(sharded.first_terms) == sorted(sharded.first_terms)
    shards = [json.loads(content) for content in sharded.shards]
    assert sorted(t for s in shards for t in s["terms"]) == sorted(index.terms)
