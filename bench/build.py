"""Benchmark of `sitegen build` on the standard synthetic corpus.

    .venv/bin/python bench/build.py                       # 1,000 and 10,000 profiles, 3 runs each
    .venv/bin/python bench/build.py --sizes 1000 --runs 5

The corpus comes from bench/corpus.py and is cached in bench/.corpus/ (see
bench/check.py). Each run is `python -m sitegen build <corpus> --out <tmp> --date 2026-06-01`
in a subprocess; the table gives the median wall time, pages per second, the peak resident
memory of the largest process (the parent or one of its workers), and the median time of each
stage as sitegen reports it. Run it on a quiet machine; quote medians side by side.
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from check import BUILD_DATE, DEFAULT_GENERATOR, ensure_corpus

_BUILT = re.compile(r"built the \w+ site in .*?: (\d+) files \(([\d.]+) MiB\).*?\((.*)\)$", re.MULTILINE)
_STAGES = re.compile(r"time per stage: (.*)$", re.MULTILINE)
PAGE_KINDS = ("home", "listing", "profile", "assignment", "taxonomy", "term", "page", "search", "404")


def run_once(python: str, corpus: Path, jobs: int | None) -> tuple[float, int, float, dict[str, float], float]:
    """Wall seconds, pages, MiB written, stage seconds, peak RSS in MiB of any child so far."""
    with tempfile.TemporaryDirectory(prefix="sitegen-bench-") as scratch:
        command = [
            python,
            "-m",
            "sitegen",
            "build",
            str(corpus),
            "--out",
            str(Path(scratch) / "out"),
            "--date",
            BUILD_DATE,
            "--no-cache",  # a cold build: every file read, checked and rendered
        ]
        if jobs:
            command += ["--jobs", str(jobs)]
        started = time.perf_counter()
        completed = subprocess.run(command, capture_output=True, text=True, check=False)
        seconds = time.perf_counter() - started
    if completed.returncode not in (0, 1):
        raise SystemExit(f"sitegen build failed ({completed.returncode}):\n{completed.stderr[-2000:]}")
    built = _BUILT.search(completed.stderr)
    stages_line = _STAGES.search(completed.stderr)
    if built is None or stages_line is None:
        raise SystemExit(f"no build summary in:\n{completed.stderr[-2000:]}")
    kinds = dict((kind, int(count)) for count, kind in (part.split(" ", 1) for part in built[3].split(", ")))
    pages = sum(count for kind, count in kinds.items() if kind in PAGE_KINDS)
    stages = {
        name: float(value.removesuffix(" s"))
        for name, value in (part.split(" ", 1) for part in stages_line[1].split(", "))
    }
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return seconds, pages, float(built[2]), stages, peak


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1000,10000", help="profile counts, comma-separated")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--jobs", type=int, default=None)
    parser.add_argument("--generator", type=Path, default=DEFAULT_GENERATOR)
    args = parser.parse_args()
    python = sys.executable
    print(
        f"machine: {os.cpu_count()} cores, {platform.machine()}, Python {platform.python_version()}, "
        f"{platform.platform()}"
    )
    print()
    print(
        "| profiles | pages | output MiB | median wall s | min s | max s | pages/s | peak RSS MiB | stages (median s) |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---|")
    for size in (int(s) for s in args.sizes.split(",")):
        corpus = ensure_corpus(size, args.generator, python)
        run_once(python, corpus, args.jobs)  # warm-up: page cache, bytecode
        runs = [run_once(python, corpus, args.jobs) for _ in range(args.runs)]
        walls = [r[0] for r in runs]
        median = statistics.median(walls)
        pages = runs[0][1]
        stage_names = list(runs[0][3])
        stages = ", ".join(f"{name} {statistics.median(r[3][name] for r in runs):.2f}" for name in stage_names)
        print(
            f"| {size:,} | {pages:,} | {runs[0][2]:.1f} | {median:.2f} | {min(walls):.2f} | {max(walls):.2f} "
            f"| {pages / median:,.0f} | {max(r[4] for r in runs):.0f} | {stages} |"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
