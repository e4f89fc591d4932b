"""Rebuild tests/golden/small/, the expected output of examples/small/ (`make golden`).

Run it after a change that is meant to change the output, read `git diff tests/golden/`,
and commit the new output with the change.
"""

from __future__ import annotations

import datetime as dt
import shutil
import sys
import tempfile
from pathlib import Path

from sitegen import build

REPO = Path(__file__).resolve().parents[2]
EXAMPLE = REPO / "examples" / "small"
GOLDEN = REPO / "tests" / "golden" / "small"
DATE = dt.date(2026, 12, 1)


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
        shutil.rmtree(GOLDEN, ignore_errors=True)
        shutil.copytree(out, GOLDEN)
    files = sum(1 for p in GOLDEN.rglob("*") if p.is_file())
    sys.stderr.write(f"regenerate: wrote {files} files to {GOLDEN.relative_to(REPO)}; review them with "
                     "`git diff tests/golden/`\n")


if __name__ == "__main__":
    main()
