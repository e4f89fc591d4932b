"""Benchmark of `sitegen serve`: how long the preview of the demo takes to follow one edited profile.

    .venv/bin/python bench/serve.py               # 9 edits per variant
    .venv/bin/python bench/serve.py --runs 15

Two tables, on a copy of the demo (the repository root) in a temporary folder, as of 2026-12-01:

1. **Rebuild**: `build.build_site` in one process, as the preview calls it, after each edit of
   one profile, for `--jobs 1` and `--jobs 2`, with the compiled templates kept between builds
   (what the preview does) and compiled afresh each build (what `sitegen build` does). The
   variants take turns edit by edit, so that a change of load on a shared machine hits them alike.
   The first build of each variant (imports, cold caches) is left out.
2. **Edit to page**: the real `sitegen serve --port 0` in a subprocess; the time from writing the
   file to the status endpoint naming the new build: the watcher's debounce, the rebuild and
   the switch. This is what a member sees, minus the browser's reload.

Medians, with the minimum and maximum; run it on a quiet machine, and quote medians side by side.
CPU time (of the process and its workers) is steadier than wall time on a shared machine.
`--src DIR` takes the `sitegen/` package of DIR for the first table, to compare with an
earlier commit (`git archive REV sitegen | tar -x -C DIR`); a package without
`render.CompiledTemplates` is measured compiling each build only.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import functools
import json
import os
import platform
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
BUILD_DATE = dt.date(2026, 12, 1)
PROFILE = "content/profiles/aicha-ouali.md"  # any one profile of the demo


def _same(options: Any) -> Any:
    return options


def copy_demo(target: Path) -> Path:
    """The demo's settings and content (its theme is the default one, from the package)."""
    shutil.copytree(REPO / "content", target / "content")
    shutil.copy(REPO / "sitegen.yaml", target / "sitegen.yaml")
    return target


def edit(site: Path, number: int) -> None:
    """A new sentence at the end of one profile: a change every page that shows it must follow."""
    path = site / PROFILE
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"\n\nBewerking \d+\.\n$", "\n", text) + f"\nBewerking {number}.\n", encoding="utf-8")


def median_row(name: str, samples: list[float], extra: str = "") -> str:
    return f"| {name} | {statistics.median(samples):.3f} | {min(samples):.3f} | {max(samples):.3f} | {extra} |"


def cpu_seconds() -> float:
    """User and system time of this process and of its reaped children (the build's workers)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def rebuilds(site: Path, scratch: Path, runs: int) -> None:
    from sitegen import build, render

    variants: dict[str, Callable[[], Any]] = {}
    for jobs in (1, 2):
        base = build.Options(BUILD_DATE, jobs=jobs, base_url="http://127.0.0.1:8000/")
        if hasattr(render, "CompiledTemplates"):
            kept = render.CompiledTemplates()
            variants[f"--jobs {jobs}, templates kept"] = functools.partial(
                dataclasses.replace, base, compiled_templates=kept
            )
        variants[f"--jobs {jobs}, templates compiled each build"] = functools.partial(_same, base)
    walls: dict[str, list[float]] = {name: [] for name in variants}
    cpu: dict[str, list[float]] = {name: [] for name in variants}
    stages: dict[str, list[dict[str, float]]] = {name: [] for name in variants}
    for number in range(runs + 1):
        for name, options in variants.items():
            edit(site, number)
            out = scratch / f"build-{len(walls[name])}-{abs(hash(name))}"
            started, started_cpu = time.perf_counter(), cpu_seconds()
            result = build.build_site(site, out, options())
            seconds, used = time.perf_counter() - started, cpu_seconds() - started_cpu
            assert result.published is not None, "the demo does not build"
            shutil.rmtree(out)
            if number:  # the first round warms imports and caches up
                walls[name].append(seconds)
                cpu[name].append(used)
                stages[name].append(result.published.stages)
    print("| rebuild after one edited profile | median s | min s | max s | CPU s (median) | stages (median s) |")
    print("|---|---:|---:|---:|---:|---|")
    for name in variants:
        stage_text = ", ".join(
            f"{key} {statistics.median(s[key] for s in stages[name]):.3f}" for key in stages[name][0]
        )
        print(median_row(name, walls[name], f"{statistics.median(cpu[name]):.3f} | {stage_text}"))


def edit_to_page(site: Path, runs: int, jobs: int | None) -> None:
    command = [sys.executable, "-m", "sitegen", "serve", str(site), "--port", "0", "--date", BUILD_DATE.isoformat()]
    if jobs:
        command += ["--jobs", str(jobs)]
    process = subprocess.Popen(
        command,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    assert process.stderr is not None
    try:
        origin = ""
        built: list[float] = []
        for line in process.stderr:
            found = re.match(r"sitegen: serving the preview at (http://127\.0\.0\.1:\d+/)", line)
            if found:
                origin = found[1]
                break
        if not origin:
            raise SystemExit("sitegen serve did not start")

        def build_number() -> int:
            with urllib.request.urlopen(origin + "__sitegen/status", timeout=10) as answer:
                return int(json.load(answer)["build"])

        latencies = []
        for number in range(runs):
            before = build_number()
            started = time.perf_counter()
            edit(site, 1000 + number)
            while build_number() == before:
                time.sleep(0.005)
            latencies.append(time.perf_counter() - started)
            time.sleep(0.2)  # let the previous build's folder go before the next edit
        process.send_signal(2)
        rest = process.communicate(timeout=30)[1]
        built = [float(m) for m in re.findall(r"^sitegen: built in ([\d.]+) s", rest, re.MULTILINE)]
    finally:
        if process.poll() is None:
            process.kill()
    print("| sitegen serve | median s | min s | max s | |")
    print("|---|---:|---:|---:|---|")
    print(median_row("edit to new build in the status endpoint", latencies))
    if built:
        print(median_row("the rebuild, as the server reports it", built[1:] or built))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--jobs", type=int, default=None, help="for the edit-to-page table (default: one per core)")
    parser.add_argument("--src", type=Path, default=REPO, metavar="DIR", help="the sitegen/ package to measure")
    parser.add_argument("--rebuilds-only", action="store_true", help="only the first table")
    args = parser.parse_args()
    sys.path.insert(0, str(args.src.resolve()))
    load = os.getloadavg()
    print(
        f"machine: {os.cpu_count()} cores, {platform.machine()}, Python {platform.python_version()}, "
        f"load average {load[0]:.2f} before measuring"
    )
    print()
    with tempfile.TemporaryDirectory(prefix="sitegen-bench-serve-") as scratch:
        site = copy_demo(Path(scratch) / "site")
        rebuilds(site, Path(scratch), args.runs)
        if not args.rebuilds_only:
            print()
            edit_to_page(site, args.runs, args.jobs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
