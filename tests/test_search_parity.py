"""The index sitegen builds is the index lunr.js builds: same terms, postings and field vectors.

Two indexes are compared: lunr.js 2.3.9 with lunr-languages 1.22.0 building from the same
document texts in Node, and sitegen's compact index (from which the search shards are cut)
expanded by `search.expand` in Python. What the browser builds from the shards is compared with
lunr.js query by query in tests/test_search_shards.py.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from conftest import BUILD_DATE, REPO
from outputs import indexed_documents

from sitegen import search

NODE_MODULES = REPO / "node_modules"


def _need_node() -> None:
    if shutil.which("node") and (NODE_MODULES / "lunr").is_dir() and (NODE_MODULES / "lunr-languages").is_dir():
        return
    if os.environ.get("CI"):
        pytest.fail("node and the npm packages lunr and lunr-languages are needed (npm ci)")
    pytest.skip("node or node_modules is missing: run npm ci")


def _documents(language: str) -> list[search.SearchDocument]:
    texts = [
        {
            "title": "Zoë van der Berg",
            "role": "Strategisch adviseur participatie",
            "organisation": "Gemeente Tilburg",
            "fields": "Participatie Omgevingswet",
            "skills": "verbindend procesbegeleiding privacy en AVG",
            "region": "Midden-Brabant",
            "summary": "Sinds 2019 werk ik aan financiën en de coöperatie.",
            "body": "Ik help gemeenten en gemeente-ambtenaren met yoga, beleid* en (haakjes) -- streepjes... café.",
        },
        {
            "title": "Privacy officer jeugdketen",
            "role": "",
            "organisation": "Gemeente Breda",
            "fields": "ICT en informatievoorziening",
            "skills": "privacy en AVG Wet open overheid",
            "region": "West-Brabant",
            "summary": "",
            "body": "De gemeenten zoeken een privacy officer. " * 3,
        },
        {
            "title": "Ayşe Y\u0131lmaz",
            "role": "Data-analist",
            "organisation": "Waterschap De Dommel",
            "fields": "Waterbeheer",
            "skills": "Python GIS data-analyse",
            "region": "",
            "summary": "",
            "body": "Ik werk met Python, SQL en GIS. 2026-06-01 is een datum; 95,50 euro; e-mail: a@b.nl",
        },
    ]
    if language == "en":
        texts[0]["body"] = "I help municipalities and councils with policy, yoga, privacy and the café of 2019."
    return [search.SearchDocument(t, {}) for t in texts]


def _run_node(tmp_path: Path, documents: list[search.SearchDocument], language: str) -> dict[str, Any]:
    compact = search.build_index(documents, language).as_json()
    payload = {
        "language": language,
        "fields": [list(f) for f in search.FIELDS],
        "documents": [d.texts for d in documents],
    }
    source = tmp_path / "input.json"
    source.write_text(json.dumps(payload, ensure_ascii=False), encoding="utf-8")
    completed = subprocess.run(
        ["node", str(REPO / "tests" / "js" / "lunr_parity.js"), str(source)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    result: dict[str, Any] = json.loads(completed.stdout)
    result["python"] = search.expand(compact)
    return result


def _vectors(index: dict[str, Any]) -> dict[str, dict[int, float]]:
    return {ref: dict(zip(elements[::2], elements[1::2], strict=True)) for ref, elements in index["fieldVectors"]}


def _assert_same_index(expected: dict[str, Any], actual: dict[str, Any], label: str) -> None:
    assert actual["version"] == expected["version"] == "2.3.9"
    assert actual["fields"] == expected["fields"]
    assert actual["pipeline"] == expected["pipeline"], label
    expected_terms = dict(expected["invertedIndex"])
    actual_terms = dict(actual["invertedIndex"])
    assert sorted(actual_terms) == sorted(expected_terms), f"{label}: the terms differ"
    assert actual_terms == expected_terms, f"{label}: the postings differ"
    expected_vectors, actual_vectors = _vectors(expected), _vectors(actual)
    assert sorted(actual_vectors) == sorted(expected_vectors), f"{label}: the field vectors differ in refs"
    for ref, vector in expected_vectors.items():
        assert actual_vectors[ref].keys() == vector.keys(), f"{label}: {ref} has other terms"
        for term_index, score in vector.items():
            assert actual_vectors[ref][term_index] == pytest.approx(score, abs=0.0011), f"{label}: {ref}"


@pytest.mark.parametrize("language", ["nl", "en"])
def test_sitegen_index_equals_lunr_js_index(tmp_path: Path, language: str) -> None:
    _need_node()
    result = _run_node(tmp_path, _documents(language), language)
    _assert_same_index(result["lunr"], result["python"], "search.expand")
    expected_pipeline = ["trimmer-nl", "stemmer-nl"] if language == "nl" else ["stemmer"]
    assert result["lunr"]["pipeline"] == expected_pipeline


def test_demo_directory_index_equals_lunr_js_index(tmp_path: Path) -> None:
    _need_node()
    result = _run_node(tmp_path, indexed_documents(REPO, BUILD_DATE), "nl")
    _assert_same_index(result["lunr"], result["python"], "search.expand")


@pytest.mark.parametrize(
    ("text", "term"),
    [
        ("privacy", "privacy"),
        ("yoga", "yoga"),
        ("2019", "2019"),
        ("Zoë", "zoe"),
        ("financiën", "financien"),
        ("coöperatie", "cooperatie"),
        ("gemeenten", "gemeent"),
        ("gemeente", "gemeent"),
    ],
)
def test_dutch_words_stay_findable(text: str, term: str) -> None:
    assert search.pipeline("nl").terms(text) == [term]


def test_dutch_stop_words_are_lunr_languages_list() -> None:
    source = (REPO / "themes" / "default" / "static" / "vendor" / "lunr.nl.min.js").read_text(encoding="utf-8")
    start = source.index('generateStopWordFilter("') + len('generateStopWordFilter("')
    words = source[start : source.index('"', start)].split(" ")
    assert frozenset(words) == search.NL_STOP_WORDS
