"""The performance issue's table in one run: every target figure at one size, side by side.

    .venv/bin/python bench/targets.py                     # 10,000 profiles, 3 rounds
    .venv/bin/python bench/targets.py --size 1000 --rounds 1 --browser-runs 1

Not part of CI. Needs what bench/peers.py needs (Debian's `hugo`, Chromium at /usr/bin/chromium).
The corpus is the standard one (bench/corpus.py via bench/check.py's stamp, `--date 2026-06-01`).
Each round runs, one after another, so that the machine's load falls on all of them alike:

1. `sitegen build --no-cache` into an empty folder (a cold build) and Hugo on the same corpus
   converted as bench/peers.py converts it (a cold build: its resource cache removed), each in a
   fresh wrapper process that reads the peak resident memory of the largest process of the run;
2. `sitegen check --no-cache` (every file read, validated and rendered);
3. one profile's body gets a new last sentence, then `sitegen check --cache DIR` with the cache
   filled before the first round: a pull request that changes one file;
4. another new sentence, then `sitegen build --cache DIR` over the previous output: the rebuild
   after one edited profile body (without an incremental build, the cache spares only the check).

After the rounds, in Chromium over the last cold build (bench/search.py's measurement, each run
in a fresh context): the bytes fetched, gzipped as served, from the search page until the count of
a one-word query, and the time from the first keydown to the first result and from the end of
the 200 ms debounce to the first result.

The table gives each figure's median (min-max), the target, and whether the median meets it.
A benchmark, not a test: it asserts nothing and exits 0 unless it cannot run.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from browser import browser_problem
from check import (
    BUILD_DATE,
    DEFAULT_GENERATOR,
    count_content_files,
    ensure_corpus,
    sitegen_command,
    sitegen_environment,
    sitegen_revision,
    timed,
)
from peers import Run, convert, measured
from search import search_page_path, time_queries

GB_IN_MIB = 1000**3 / 1024**2  # the target's 1 GB, as the MiB that peak memory is measured in


@dataclass(slots=True)
class Rounds:
    sitegen_build: list[Run] = field(default_factory=list)
    hugo_build: list[Run] = field(default_factory=list)
    cold_check: list[float] = field(default_factory=list)
    warm_check: list[float] = field(default_factory=list)
    rebuild: list[Run] = field(default_factory=list)
    files: int = 0
    search_bytes: list[int] = field(default_factory=list)
    first_result_ms: list[float] = field(default_factory=list)  # from the first keydown
    settled_ms: list[float] = field(default_factory=list)  # from the end of the debounce
    search_problem: str = ""


class _EditedProfile:
    """One profile whose body gets a new last sentence per edit; restored on exit."""

    def __init__(self, corpus: Path) -> None:
        profiles = sorted((corpus / "content" / "profiles").glob("*.md"))
        self.path = profiles[len(profiles) // 2]
        self.original = self.path.read_bytes()
        self.edits = 0

    def edit(self) -> None:
        self.edits += 1
        self.path.write_bytes(self.original + f"\nEen nieuwe zin, versie {self.edits}.\n".encode())

    def __enter__(self) -> _EditedProfile:
        return self

    def __exit__(self, *_: object) -> None:
        self.path.write_bytes(self.original)


def _checked(command: Sequence[str], environment: dict[str, str]) -> float:
    run = timed(command, environment)
    if run.returncode not in (0, 1):  # 1 is a check's exit with errors; 2 and more: it could not run
        raise SystemExit(f"{' '.join(command)} failed ({run.returncode}):\n{run.stderr[-3000:]}")
    return run.seconds


def measure(size: int, rounds: int, browser_runs: int, query: str) -> Rounds:
    corpus = ensure_corpus(size, DEFAULT_GENERATOR, sys.executable)
    environment = sitegen_environment(None)
    result = Rounds(files=count_content_files(corpus))
    with tempfile.TemporaryDirectory(prefix="sitegen-targets-") as scratch_name, _EditedProfile(corpus) as profile:
        scratch = Path(scratch_name)
        hugo_site, cache = scratch / "hugo", scratch / "cache"
        convert(corpus, hugo_site)
        cold_out, warm_out, hugo_out = scratch / "cold", scratch / "warm", scratch / "hugo-out"
        build = [sys.executable, "-m", "sitegen", "build", str(corpus), "--date", BUILD_DATE]
        hugo = ["hugo", "--source", str(hugo_site), "--destination", str(hugo_out), "--quiet"]
        hugo += ["--cacheDir", str(scratch / "hugo-cache")]
        # Warm-ups: the file cache, Python's bytecode; and the check cache and the output that the
        # warm runs start from.
        measured(hugo, hugo_out)
        measured([*build, "--out", str(warm_out), "--cache", str(cache)], warm_out)
        for _ in range(rounds):
            result.sitegen_build.append(measured([*build, "--out", str(cold_out), "--no-cache"], cold_out))
            shutil.rmtree(scratch / "hugo-cache", ignore_errors=True)
            result.hugo_build.append(measured(hugo, hugo_out))
            result.cold_check.append(
                _checked(sitegen_command(sys.executable, corpus, None, ["--no-cache"]), environment)
            )
            profile.edit()
            check_warm = sitegen_command(sys.executable, corpus, None, ["--cache", str(cache)])
            result.warm_check.append(_checked(check_warm, environment))
            profile.edit()
            result.rebuild.append(
                measured([*build, "--out", str(warm_out), "--cache", str(cache)], warm_out, fresh=False)
            )
        problem = browser_problem()
        if problem:
            result.search_problem = problem
        else:
            _, search_path = search_page_path(cold_out)
            (runs,) = time_queries(cold_out, search_path, [query], "", browser_runs)
            result.search_bytes, result.first_result_ms, result.settled_ms = runs.bytes, runs.first, runs.settled
    return result


def _spread(values: Sequence[float], unit: str, digits: int = 2) -> str:
    if not values:
        return "n/a"
    suffix = f" {unit}" if unit else ""
    return f"{statistics.median(values):,.{digits}f}{suffix} ({min(values):,.{digits}f}-{max(values):,.{digits}f})"


def table(size: int, r: Rounds, query: str) -> str:
    sitegen_s = [run.seconds for run in r.sitegen_build]
    hugo_s = [run.seconds for run in r.hugo_build]
    ratios = [s / h for s, h in zip(sitegen_s, hugo_s, strict=True)]  # round by round: the same load
    per_file = [seconds * 1000 / r.files for seconds in r.cold_check]
    peak = max(run.peak_mib for run in [*r.sitegen_build, *r.rebuild])
    kb = [size / 1000 for size in r.search_bytes]
    budget_kb = 150 if size <= 1000 else 250
    rows = [
        (
            f"search: bytes before the first result of '{query}', gz",
            _spread(kb, "kB", 1),
            f"<= {budget_kb} kB",
            kb and statistics.median(kb) <= budget_kb,
        ),
        ("search: first keystroke to first result (loopback)", _spread(r.first_result_ms, "ms", 0), "-", None),
        (
            "search: end of the 200 ms debounce to first result",
            _spread(r.settled_ms, "ms", 0),
            "< 300 ms",
            r.settled_ms and statistics.median(r.settled_ms) < 300,
        ),
        ("cold build wall, sitegen", _spread(sitegen_s, "s"), "-", None),
        ("cold build wall, Hugo", _spread(hugo_s, "s"), "-", None),
        (
            "cold build wall, ratio sitegen / Hugo (per round)",
            _spread(ratios, ""),
            "<= 1.0",
            statistics.median(ratios) <= 1.0,
        ),
        (
            "rebuild after one edited profile body, warm cache",
            _spread([run.seconds for run in r.rebuild], "s"),
            "<= 1 s",
            statistics.median(run.seconds for run in r.rebuild) <= 1.0,
        ),
        (
            "`sitegen check`, one file changed, warm cache",
            _spread(r.warm_check, "s"),
            "<= 1 s",
            statistics.median(r.warm_check) <= 1.0,
        ),
        (
            f"`sitegen check`, cold, per file ({r.files:,} files)",
            _spread(per_file, "ms", 3),
            "<= 0.5 ms",
            statistics.median(per_file) <= 0.5,
        ),
        ("peak memory, largest process (sitegen builds)", f"{peak:,.0f} MiB", "<= 1 GB", peak <= GB_IN_MIB),
        ("peak memory, largest process (Hugo)", f"{max(run.peak_mib for run in r.hugo_build):,.0f} MiB", "-", None),
    ]
    lines = [
        f"| figure at {size:,} profiles + {size // 5:,} assignments | median (min-max) | target | met |",
        "|---|---:|---:|---|",
    ]
    for name, value, target, met in rows:
        verdict = "" if met is None else ("yes" if met else "no")
        lines.append(f"| {name} | {value} | {target} | {verdict} |")
    pages = f"pages and files written: sitegen {r.sitegen_build[-1].files:,}, Hugo {r.hugo_build[-1].files:,}"
    lines += ["", pages]
    if r.search_problem:
        lines.append(f"no browser figures: {r.search_problem}")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", type=int, default=10000, help="profiles (and a fifth as many assignments)")
    parser.add_argument("--rounds", type=int, default=3, help="rounds of the builds and checks")
    parser.add_argument("--browser-runs", type=int, default=3, help="runs of the query in Chromium")
    parser.add_argument("--query", default="gemeente", help="the one-word query")
    arguments = parser.parse_args(argv)
    if shutil.which("hugo") is None:
        raise SystemExit("bench/targets.py needs Hugo on PATH (Debian: apt install hugo)")
    hugo_version = subprocess.run(["hugo", "version"], capture_output=True, text=True, check=True).stdout.split()[1]
    revision = sitegen_revision(sys.executable, sitegen_environment(None))
    print(f"{os.cpu_count()} cores; {revision}; Hugo {hugo_version}; --date {BUILD_DATE}")
    print(f"load average at the start: {os.getloadavg()[0]:.2f}")
    result = measure(arguments.size, arguments.rounds, arguments.browser_runs, arguments.query)
    print()
    print(table(arguments.size, result, arguments.query))
    print(f"\nload average at the end: {os.getloadavg()[0]:.2f}; {time.strftime('%Y-%m-%d %H:%M %Z')}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
