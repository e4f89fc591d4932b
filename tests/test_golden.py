"""Golden output: examples/small/ built as of 2026-12-01 must equal tests/golden/small/.

A change that is meant to change the output is accepted with `make golden`, which rebuilds
tests/golden/small/; the diff of that folder is then part of the change and its review.
Text files are compared line by line, binary files (the photo) by their SHA-256. Content hashes
in file names are compared as `xxxxxxxxxx` (see golden/regenerate.py), so that a change of one
asset changes one golden file; the real names are checked here too: each is the hash of what
it names.
"""

from __future__ import annotations

import difflib
import hashlib
from pathlib import Path

import pytest
from golden import regenerate
from golden.regenerate import EXAMPLE, GOLDEN, HASHED, PLACEHOLDER, TEXT_SUFFIXES, files, hashed_paths, normalise

from sitegen import hashes, images

ACCEPT = "run `make golden` to accept the new output"
MAX_DIFF_LINES = 400


def difference(path: str, expected: bytes, actual: bytes) -> str:
    if Path(path).suffix not in TEXT_SUFFIXES:
        return (
            f"{path}: binary files differ (expected sha256 {hashlib.sha256(expected).hexdigest()}, "
            f"got {hashlib.sha256(actual).hexdigest()})\n"
        )
    lines = list(
        difflib.unified_diff(
            expected.decode("utf-8").splitlines(keepends=True),
            actual.decode("utf-8").splitlines(keepends=True),
            fromfile=f"golden/{path}",
            tofile=f"built/{path}",
        )
    )
    if len(lines) > MAX_DIFF_LINES:
        lines = [*lines[:MAX_DIFF_LINES], f"... {len(lines) - MAX_DIFF_LINES} more lines of diff\n"]
    return "".join(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in lines)


@pytest.fixture(scope="module")
def output(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """The files as built, with their real names."""
    out = tmp_path_factory.mktemp("golden") / "small"
    regenerate.build_example(out)
    return files(out)


@pytest.fixture(scope="module")
def built(output: dict[str, bytes]) -> dict[str, bytes]:
    return normalise(output)


@pytest.fixture(scope="module")
def golden() -> dict[str, bytes]:
    assert GOLDEN.is_dir(), f"{GOLDEN} is missing: {ACCEPT}"
    return files(GOLDEN)


def test_the_example_is_small_and_complete() -> None:
    assert sorted(p.name for p in (EXAMPLE / "content/profiles").iterdir()) == [
        "joris-akkermans.md",
        "lotte-van-damme.md",
        "lotte-van-damme.png",
        "sanne-de-graaf.md",
    ]
    assert len(list((EXAMPLE / "content/assignments").glob("*.md"))) == 3
    assert len(list((EXAMPLE / "content/pages").glob("*.md"))) == 1
    assert not (EXAMPLE / "content/vocabulary.yaml").exists()


def test_the_same_files(built: dict[str, bytes], golden: dict[str, bytes]) -> None:
    missing, extra = sorted(set(golden) - set(built)), sorted(set(built) - set(golden))
    assert (missing, extra) == ([], []), f"the build no longer writes {missing} and now also writes {extra}; {ACCEPT}"


def test_the_same_content(built: dict[str, bytes], golden: dict[str, bytes]) -> None:
    changed = sorted(path for path in set(golden) & set(built) if golden[path] != built[path])
    report = "".join(difference(path, golden[path], built[path]) for path in changed)
    assert not changed, f"{len(changed)} files differ from tests/golden/small/; {ACCEPT}\n\n{report}"


def test_every_hashed_name_is_the_hash_of_what_it_names(output: dict[str, bytes]) -> None:
    named = hashed_paths(output)
    photo = images.photo_hash((EXAMPLE / "content/profiles/lotte-van-damme.png").read_bytes())
    assert named == {
        path: photo if Path(path).name.startswith("foto-") else hashes.content_hash(output[path]) for path in named
    }
    assert sorted(HASHED.sub(PLACEHOLDER, path) for path in named) == [
        "assets/js/lunr-compact.xxxxxxxxxx.js",
        "assets/js/profile-form.xxxxxxxxxx.js",
        "assets/js/search.xxxxxxxxxx.js",
        "assets/style.xxxxxxxxxx.css",
        "assets/vendor/VENDOR.xxxxxxxxxx.json",
        "assets/vendor/lunr.min.xxxxxxxxxx.js",
        "assets/vendor/lunr.nl.min.xxxxxxxxxx.js",
        "assets/vendor/lunr.stemmer.support.min.xxxxxxxxxx.js",
        "profielen/lotte-van-damme/foto-xxxxxxxxxx.jpg",
        "zoeken/facets.xxxxxxxxxx.json",
        "zoeken/index.xxxxxxxxxx.json",
    ]


def test_every_hash_a_file_names_is_a_file_of_the_build(output: dict[str, bytes]) -> None:
    # The golden comparison cannot see a page that names an old hash: this can.
    named = set(hashed_paths(output).values())
    mentioned = {
        path: set(HASHED.findall(data.decode("utf-8").replace("\r\n ", "")))  # vCards unfolded
        for path, data in output.items()
        if Path(path).suffix in TEXT_SUFFIXES
    }
    assert {path: found - named for path, found in mentioned.items() if found - named} == {}
    assert sum(len(found) for found in mentioned.values()) > 50


def test_a_hash_split_by_a_vcard_fold_is_replaced_and_the_fold_kept() -> None:
    card = "PHOTO:https://example.org/p/foto-1a\r\n 12fe3c33.jpg\r\nEND:VCARD\r\n"
    assert (
        regenerate.normalise_text(card, ".vcf")
        == "PHOTO:https://example.org/p/foto-xx\r\n xxxxxxxx.jpg\r\nEND:VCARD\r\n"
    )
    assert (
        regenerate.normalise_text('<link href="/assets/style.2ccdf65d59.css">', ".html")
        == '<link href="/assets/style.xxxxxxxxxx.css">'
    )
