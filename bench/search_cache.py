"""The search files cold against a warm search cache, after one edited profile body.

Usage (from the project root):

    .venv/bin/python bench/search_cache.py                       # 10,000 profiles, 5 rounds
    .venv/bin/python bench/search_cache.py --size 1000 --runs 3
    .venv/bin/python bench/search_cache.py --corpus bench/.corpus/10000 --check-cache /tmp/check

The standard corpus (bench/corpus.py, seed 42, a fifth as many assignments) is checked once in
this process as of 2026-06-01 (`--check-cache` makes that quick on a second run). Then each
measurement is one call (wall and CPU time) of `build._search_files`, what a build's search task runs, in a process
forked for it, as the build's workers are: its stem memo and the cached code hash start as a
worker's do (NumPy loaded, as a build's parent loads it for matching; the search module not). Per
round, side by side:

- cold, no cache: `cache_folder=None`, the build without a cache (and sitegen before the cache);
- cold, empty cache: the first build with a cache folder, which analyses everything and writes it;
- one body edited: a profile in the middle of the list gets a paragraph with a word no other
  document has (so lunr's term numbering shifts), over the cache the previous run wrote;
- nothing changed: the same selection again, over the cache the edited run wrote.

Every run's files are hashed: the table says whether the cold and warm files of the same input
are the same bytes. With a sitegen whose `_search_files` takes no cache folder (before the
cache), only the first row is measured. A benchmark, not a test: it asserts nothing.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import functools
import hashlib
import inspect
import multiprocessing
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from check import BUILD_DATE, DEFAULT_GENERATOR, ensure_corpus, machine_line, markdown_table

from sitegen import audience, build, matching  # noqa: F401  (a build's parent has NumPy loaded, for matching)
from sitegen.urls import Urls

EDIT = "<p>Sinds kort ook kwartiermaker-xyzzy voor de omgevingswet, met veel ervaring in participatie.</p>"

Run = tuple[float, float, str]  # wall seconds, CPU seconds, SHA-256 of the files


def _in_child(work: Callable[[], Any]) -> Run:
    """`work()` timed in a forked process, as a build's worker runs the search task."""
    context = multiprocessing.get_context("fork")
    receiving, sending = context.Pipe(duplex=False)

    def child() -> None:
        started, cpu = time.perf_counter(), time.process_time()
        _, outputs = work()
        seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
        digest = hashlib.sha256()
        for file in sorted(outputs, key=lambda f: f.path):
            digest.update(file.path.encode() + b"\0" + hashlib.sha256(file.content).digest())
        sending.send((seconds, cpu, digest.hexdigest()))

    process = context.Process(target=child)
    process.start()
    run: Run = receiving.recv()
    process.join()
    return run


def edited(selection: audience.Selection) -> audience.Selection:
    profiles = list(selection.profiles)
    middle = len(profiles) // 2
    profiles[middle] = dataclasses.replace(profiles[middle], body_html=profiles[middle].body_html + EDIT)
    return dataclasses.replace(selection, profiles=tuple(profiles))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=10_000, help="profiles in the corpus (default 10,000)")
    parser.add_argument("--runs", type=int, default=5, help="rounds (default 5)")
    parser.add_argument("--corpus", type=Path, help="a site folder instead of bench/.corpus/<size>")
    parser.add_argument("--check-cache", type=Path, help="the check's cache for the one check (default: none)")
    args = parser.parse_args()

    corpus = args.corpus or ensure_corpus(args.size, DEFAULT_GENERATOR, sys.executable)
    checked = build.check_site(corpus, build.Options(dt.date.fromisoformat(BUILD_DATE), cache=args.check_cache))
    if checked.directory is None:
        print(f"{corpus} does not check", file=sys.stderr)
        return 1
    assembled = checked.directory
    selection = audience.select(assembled, "public")
    changed = edited(selection)
    urls = Urls(assembled.config.base_url, assembled.config.language)
    search_files: Any = build._search_files
    cached = "cache_folder" in inspect.signature(search_files).parameters
    load = os.getloadavg()[0]

    rows: dict[str, list[Run]] = {"cold, no cache": []}
    if cached:
        rows.update({"cold, empty cache (writes it)": [], "one body edited, warm cache": [], "nothing changed": []})
    for round_number in range(args.runs):
        rows["cold, no cache"].append(_in_child(lambda: search_files(selection, assembled, urls)))
        if cached:
            with tempfile.TemporaryDirectory(prefix="search-cache-") as folder:
                for name, chosen in (
                    ("cold, empty cache (writes it)", selection),
                    ("one body edited, warm cache", changed),
                    ("nothing changed", changed),
                ):
                    rows[name].append(_in_child(functools.partial(search_files, chosen, assembled, urls, Path(folder))))
        print(f"round {round_number + 1} of {args.runs} done", file=sys.stderr)
    reference = _in_child(lambda: search_files(changed, assembled, urls))[2] if cached else ""

    documents = len(selection.profiles) + len(selection.open_assignments)
    print(machine_line(None, f"sitegen from {Path(build.__file__).parent}", load))
    print(f"load average after: {os.getloadavg()[0]:.2f}; {documents:,} search documents; {args.runs} rounds\n")
    table = []
    first = statistics.median(wall for wall, _, _ in rows["cold, no cache"])
    for name, runs in rows.items():
        walls, cpus = [wall for wall, _, _ in runs], [cpu for _, cpu, _ in runs]
        want = rows["cold, no cache"][0][2] if name.startswith("cold") else reference
        same = "yes" if {digest for _, _, digest in runs} == {want} else "NO"
        median = statistics.median(walls)
        spread = f"{min(walls):.3f}-{max(walls):.3f}"
        table.append([name, f"{median:.3f}", spread, f"{statistics.median(cpus):.3f}", f"{first / median:.1f}", same])
    columns = "search files | median wall s: | min-max s: | median CPU s: | cold / this: | same bytes as cold"
    print(markdown_table(columns, table))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
