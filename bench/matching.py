"""Benchmark of matching (sitegen/matching.py) on the standard synthetic corpus.

    .venv/bin/python bench/matching.py                      # 1,000 and 10,000 profiles
    .venv/bin/python bench/matching.py --sizes 1000 --runs 7 --builds 0

The corpus comes from bench/corpus.py and is cached in bench/.corpus/ (see
bench/check.py). For each size the directory is checked once in this process (as of
2026-06-01, the public audience); then `matching.match` runs `--runs` times on that selection
and the table gives the median, minimum and maximum wall time and the median CPU time of this
process. `--builds` full builds (`python -m sitegen build`, in a subprocess, as bench/build.py
runs them) give the `match` stage as sitegen reports it, and its share of the build's wall time
(medians). Candidate pairs are the (open assignment, available profile) pairs that share a
wanted skill: the pairs matching scores at all. Run it on a quiet machine; quote medians side
by side.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from build import run_once
from check import BUILD_DATE, DEFAULT_GENERATOR, ensure_corpus

from sitegen import audience, build, matching
from sitegen.config import Matching


def candidate_pairs(selection: audience.Selection, day: dt.date) -> tuple[int, int]:
    """Available profiles, and pairs that share a wanted skill (what the inverted index yields)."""
    people = matching._People(
        [p for p in selection.profiles if matching.is_available(p, day)], Matching().weights, "nl"
    )
    pairs = 0
    for assignment in selection.open_assignments:
        wanted = matching._Wanted.of(assignment, people, day)
        pairs += len(people.candidates(wanted)[0])
    return len(people.records), pairs


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1000,10000", help="profile counts, comma-separated")
    parser.add_argument("--runs", type=int, default=5, help="timed runs of matching per size")
    parser.add_argument("--builds", type=int, default=3, help="full builds per size for the share (0: none)")
    parser.add_argument("--generator", type=Path, default=DEFAULT_GENERATOR)
    args = parser.parse_args()
    day = dt.date.fromisoformat(BUILD_DATE)
    print(
        f"machine: {os.cpu_count()} cores, {platform.machine()}, Python {platform.python_version()}, "
        f"load average {os.getloadavg()[0]:.2f}"
    )
    print()
    print(
        "| profiles | open assignments | available profiles | candidate pairs | suggestions "
        "| match median s | min s | max s | CPU s | build wall s | match stage s | share of build |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for size in (int(s) for s in args.sizes.split(",")):
        corpus = ensure_corpus(size, args.generator, sys.executable)
        checked = build.check_site(corpus, build.Options(day), keep_html=False)
        assert checked.directory is not None, "the corpus has errors"
        selection = audience.select(checked.directory, "public")
        settings, language = checked.directory.config.matching, checked.directory.config.language
        available, pairs = candidate_pairs(selection, day)
        walls, cpus = [], []
        found = matching.NO_MATCHES
        for _ in range(args.runs):
            wall, cpu = time.perf_counter(), time.process_time()
            found = matching.match(selection, settings, day, language)
            walls.append(time.perf_counter() - wall)
            cpus.append(time.process_time() - cpu)
        suggestions = sum(map(len, found.by_assignment.values())) + sum(map(len, found.by_profile.values()))
        builds = [run_once(sys.executable, corpus, None) for _ in range(args.builds)]
        if builds:
            build_wall = statistics.median(b[0] for b in builds)
            stage = statistics.median(b[3]["match"] for b in builds)
            share = f"{build_wall:.2f} | {stage:.2f} | {100 * stage / build_wall:.1f} %"
        else:
            share = "| |"
        print(
            f"| {size:,} | {len(selection.open_assignments):,} | {available:,} | {pairs:,} | {suggestions:,} "
            f"| {statistics.median(walls):.2f} | {min(walls):.2f} | {max(walls):.2f} "
            f"| {statistics.median(cpus):.2f} | {share} |"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
