"""Golden output: examples/small/ built as of 2026-12-01 must equal tests/golden/small/.

A change that is meant to change the output is accepted with `make golden`, which rebuilds
tests/golden/small/; the diff of that folder is then part of the change and its review.
Text files are compared line by line, binary files (the photo) by their SHA-256.
"""

from __future__ import annotations

import difflib
import hashlib
from pathlib import Path

import pytest
from golden.regenerate import EXAMPLE, GOLDEN, build_example

ACCEPT = "run `make golden` to accept the new output"
TEXT_SUFFIXES = {".html", ".xml", ".txt", ".json", ".css", ".js", ".svg"}
MAX_DIFF_LINES = 400


def files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def difference(path: str, expected: bytes, actual: bytes) -> str:
    if Path(path).suffix not in TEXT_SUFFIXES:
        return (f"{path}: binary files differ (expected sha256 {hashlib.sha256(expected).hexdigest()}, "
                f"got {hashlib.sha256(actual).hexdigest()})\n")
    lines = list(difflib.unified_diff(expected.decode("utf-8").splitlines(keepends=True),
                                      actual.decode("utf-8").splitlines(keepends=True),
                                      fromfile=f"golden/{path}", tofile=f"built/{path}"))
    if len(lines) > MAX_DIFF_LINES:
        lines = [*lines[:MAX_DIFF_LINES], f"... {len(lines) - MAX_DIFF_LINES} more lines of diff\n"]
    return "".join(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in lines)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    out = tmp_path_factory.mktemp("golden") / "small"
    build_example(out)
    return files(out)


@pytest.fixture(scope="module")
def golden() -> dict[str, bytes]:
    assert GOLDEN.is_dir(), f"{GOLDEN} is missing: {ACCEPT}"
    return files(GOLDEN)


def test_the_example_is_small_and_complete() -> None:
    assert sorted(p.name for p in (EXAMPLE / "content/profiles").iterdir()) == [
        "joris-akkermans.md", "lotte-van-damme.md", "lotte-van-damme.png", "sanne-de-graaf.md"]
    assert len(list((EXAMPLE / "content/assignments").glob("*.md"))) == 3
    assert len(list((EXAMPLE / "content/pages").glob("*.md"))) == 1
    assert not (EXAMPLE / "content/vocabulary.yaml").exists()


def test_the_same_files(built: dict[str, bytes], golden: dict[str, bytes]) -> None:
    missing, extra = sorted(set(golden) - set(built)), sorted(set(built) - set(golden))
    assert (missing, extra) == ([], []), (
        f"the build no longer writes {missing} and now also writes {extra}; {ACCEPT}")


def test_the_same_content(built: dict[str, bytes], golden: dict[str, bytes]) -> None:
    changed = sorted(path for path in set(golden) & set(built) if golden[path] != built[path])
    report = "".join(difference(path, golden[path], built[path]) for path in changed)
    assert not changed, f"{len(changed)} files differ from tests/golden/small/; {ACCEPT}\n\n{report}"
