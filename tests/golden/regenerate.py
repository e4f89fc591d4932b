"""Rebuild tests/golden/small/, the expected output of examples/small/ (`make golden`).

Run it after a change that is meant to change the output, read `git diff tests/golden/`,
and commit the new output with the change.

The golden copy has the content hashes in file names (`assets/style.2ccdf65d59.css`,
`foto-77a8b97a22.jpg`, `zoeken/index.<hash>.json`) replaced by `xxxxxxxxxx`, in the names of
its files and in every text that names them: a one-line change of the style sheet then changes
the golden style sheet, not every page that links to it. tests/test_golden.py checks the real
names apart: each is the hash of what it names.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import sys
import tempfile
from pathlib import Path

from sitegen import build, hashes

REPO = Path(__file__).resolve().parents[2]
EXAMPLE = REPO / "examples" / "small"
GOLDEN = REPO / "tests" / "golden" / "small"
DATE = dt.date(2026, 12, 1)

# A content hash as sitegen puts it in a file name: after a '.' (assets, search files) or after
# 'foto-' (photos), before the extension.
HASHED = re.compile(rf"(?:(?<=\.)|(?<=/foto-))[0-9a-f]{{{hashes.LENGTH}}}(?=\.(?:css|js|json|jpg)\b)")
# As long as a hash, so that a vCard's lines fold at the same places.
PLACEHOLDER = "x" * hashes.LENGTH
TEXT_SUFFIXES = {".html", ".xml", ".txt", ".json", ".css", ".js", ".svg", ".atom", ".vcf"}
_FOLD = "\r\n "  # a vCard line continues after CRLF and a space (RFC 6350 3.2)


def files(folder: Path) -> dict[str, bytes]:
    """Every file under `folder`, by its path relative to it."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def hashed_paths(built: dict[str, bytes]) -> dict[str, str]:
    """The built files whose names hold a content hash: path -> the hash."""
    found: dict[str, str] = {}
    for path in built:
        match = HASHED.search(path)
        if match:
            found[path] = match[0]
    return found


def normalise_text(text: str, suffix: str) -> str:
    if suffix != ".vcf":
        return HASHED.sub(PLACEHOLDER, text)
    # A hash may be split by a fold: replace it in the unfolded text, then fold at the same places.
    pieces = text.split(_FOLD)
    whole = HASHED.sub(PLACEHOLDER, "".join(pieces))
    folded, start = [], 0
    for piece in pieces:
        folded.append(whole[start : start + len(piece)])
        start += len(piece)
    return _FOLD.join(folded)


def normalise(built: dict[str, bytes]) -> dict[str, bytes]:
    """The files as the golden copy keeps them: content hashes replaced in names and texts."""
    normalised: dict[str, bytes] = {}
    for path, data in built.items():
        name = HASHED.sub(PLACEHOLDER, path)
        if name in normalised:
            raise ValueError(f"{path}: two files would be kept as {name}")
        suffix = Path(path).suffix
        normalised[name] = (
            normalise_text(data.decode("utf-8"), suffix).encode("utf-8") if suffix in TEXT_SUFFIXES else data
        )
    return normalised


def build_example(out: Path) -> None:
    """Build the example as of DATE into `out`; the example must build without any diagnostic."""
    result = build.build_site(EXAMPLE, out, build.Options(DATE, jobs=2))
    if result.check.diagnostics or result.published is None:
        problems = "\n".join(str(d) for d in result.check.diagnostics)
        raise SystemExit(f"examples/small does not build cleanly:\n{problems}")


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="golden-") as folder:
        out = Path(folder) / "small"
        build_example(out)
        golden = normalise(files(out))
    shutil.rmtree(GOLDEN, ignore_errors=True)
    for path, data in golden.items():
        target = GOLDEN / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    sys.stderr.write(
        f"regenerate: wrote {len(golden)} files to {GOLDEN.relative_to(REPO)}; review them with "
        "`git diff tests/golden/`\n"
    )


if __name__ == "__main__":
    main()
