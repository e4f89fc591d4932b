"""Benchmark of `sitegen check` on the standard synthetic corpus.

Usage (from the project root):

    .venv/bin/python bench/check.py                      # 1,000 and 10,000 profiles, 5 runs each
    .venv/bin/python bench/check.py --sizes 1000 --runs 3
    .venv/bin/python bench/check.py --jobs 1             # passed through to `sitegen check --jobs`
    .venv/bin/python bench/check.py --generator /path/to/another/corpus.py
    mkdir /tmp/base && git archive HEAD sitegen | tar -x -C /tmp/base && .venv/bin/python bench/check.py --src /tmp/base
    .venv/bin/python bench/check.py --cache              # also: a pull request's check, cold and warm cache

For each size N it generates N profiles and N/5 assignments with the project's generator
(`bench/corpus.py`, seed 42) into
`bench/.corpus/<N>/`. The corpus is reused while its stamp file (the generator's arguments and
its sha256) matches; otherwise it is generated again.

Each measurement runs `python -m sitegen check <corpus> --date 2026-06-01 --no-cache` (without
`--no-cache` for a sitegen that has no cache) as a subprocess, so
interpreter start-up, imports, the worker pool and printing count, as they do for a member
waiting for CI. One warm-up run (with `--format json`, to break the diagnostics down by code)
fills the page cache; then `--runs` timed runs in the default text format. The Markdown table
gives the median, minimum and maximum wall time, the median per file, the median CPU time
(user + system of sitegen and its workers: steadier than wall time on a shared machine), and
the exit status and diagnostic counts of the first timed run. Errors are not expected on this corpus: any error
code listed below the table is a bug signal.

With `--cache`, a second table compares, per size, `check --no-cache` (every file read) with
the check of a pull request that changes one file, with a warm cache (`--cache DIR`, DIR beside
the corpus): before each warm run one profile gets a new last line, so each run reads exactly
one file again and finds the others in the cache (the profile is put back at the end). The
`fill` column is the one run that fills the cache from empty (a cold check that also writes it);
then cold and warm runs take turns, so that a shared machine's load weighs on both alike, and
the load average after them is printed under the table.

This is a benchmark, not a test: it asserts nothing and always exits 0 unless it cannot run.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import re
import resource
import shutil
import statistics
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BENCH_DIR.parent
DEFAULT_GENERATOR = BENCH_DIR / "corpus.py"
CORPUS_DIR = BENCH_DIR / ".corpus"
STAMP_NAME = "bench-stamp.json"
BUILD_DATE = "2026-06-01"  # the date bench/corpus.py dates its content around by default
SEED = 42
ASSIGNMENTS_PER_PROFILE = 0.2

_QUOTED = re.compile(r"'[^']*'")
_SUMMARY = re.compile(r"(\d+) files? checked: (\d+) errors? in \d+ files?, (\d+) warnings?")


@dataclass(frozen=True, slots=True)
class Run:
    seconds: float
    cpu_seconds: float  # user + system time of sitegen and its worker processes
    returncode: int
    stdout: str
    stderr: str


@dataclass(slots=True)
class Measurement:
    size: int
    corpus: Path
    files: int
    runs: list[Run]
    errors: int | None
    warnings: int | None
    codes: Counter[tuple[str, str]] = field(default_factory=Counter)  # (severity, code) -> count
    error_messages: Counter[str] = field(default_factory=Counter)


# ---------------------------------------------------------------------------------------------
# The corpus


def sha256_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def generator_arguments(size: int) -> list[str]:
    assignments = int(size * ASSIGNMENTS_PER_PROFILE)
    return ["--profiles", str(size), "--assignments", str(assignments), "--seed", str(SEED)]


def ensure_corpus(size: int, generator: Path, python: str) -> Path:
    """`bench/.corpus/<size>/`, generated unless a stamp says it is already there as asked."""
    target = CORPUS_DIR / str(size)
    arguments = generator_arguments(size)
    stamp = {"generator_sha256": sha256_of(generator), "arguments": arguments}
    stamp_file = target / STAMP_NAME
    try:
        if json.loads(stamp_file.read_text(encoding="utf-8")) == stamp:
            return target
    except (OSError, ValueError):
        pass
    # Generate into a fresh folder beside it, then swap, so an interrupted run never leaves a
    # half-written corpus with a valid stamp.
    scratch = CORPUS_DIR / f".{size}.tmp"
    shutil.rmtree(scratch, ignore_errors=True)
    scratch.mkdir(parents=True)
    print(f"generating the corpus of {size} profiles in {target.relative_to(PROJECT_DIR)}/ ...", file=sys.stderr)
    started = time.perf_counter()
    subprocess.run([python, str(generator), *arguments, "--out", str(scratch)], check=True, stdout=sys.stderr)
    (scratch / STAMP_NAME).write_text(json.dumps(stamp, indent=2) + "\n", encoding="utf-8")
    shutil.rmtree(target, ignore_errors=True)
    scratch.rename(target)
    print(f"  generated in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    return target


def count_content_files(corpus: Path) -> int:
    """Files `check` reads: the content files and photos, plus sitegen.yaml and organisations.yaml."""
    count = sum(
        1 for f in ("sitegen.yaml", "content/organisations.yaml", "content/vocabulary.yaml") if (corpus / f).is_file()
    )
    for folder in ("profiles", "assignments", "pages"):
        directory = corpus / "content" / folder
        if directory.is_dir():
            count += sum(1 for entry in os.scandir(directory) if entry.is_file() and not entry.name.startswith("."))
    return count


# ---------------------------------------------------------------------------------------------
# Running sitegen


def sitegen_command(python: str, corpus: Path, jobs: int | None, extra: Sequence[str] = ()) -> list[str]:
    command = [python, "-m", "sitegen", "check", str(corpus), "--date", BUILD_DATE, *extra]
    if jobs is not None:
        command += ["--jobs", str(jobs)]
    return command


def sitegen_environment(src: Path | None) -> dict[str, str]:
    """The environment for sitegen: with `src`, its package comes first on the import path."""
    environment = dict(os.environ)
    environment.pop("SOURCE_DATE_EPOCH", None)  # --date decides
    if src is not None:
        environment["PYTHONPATH"] = os.pathsep.join(p for p in (str(src), environment.get("PYTHONPATH")) if p)
    return environment


def timed(command: Sequence[str], environment: dict[str, str]) -> Run:
    # Not in the project folder: `python -m` puts the working folder first on the import path,
    # which would shadow `--src`.
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, cwd=CORPUS_DIR, env=environment, check=False)
    seconds = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return Run(seconds, cpu, done.returncode, done.stdout, done.stderr)


def parse_summary(stderr: str) -> tuple[int, int, int] | None:
    """(files, errors, warnings) from sitegen's last summary line on stderr."""
    found = _SUMMARY.findall(stderr)
    if not found:
        return None
    files, errors, warnings = found[-1]
    return int(files), int(errors), int(warnings)


def cache_options(python: str, environment: dict[str, str]) -> list[str]:
    """`--no-cache` where the measured sitegen has a cache: the first table is every file read."""
    done = timed([python, "-m", "sitegen", "check", "--help"], environment)
    return ["--no-cache"] if "--no-cache" in done.stdout else []


def measure(
    size: int, corpus: Path, python: str, runs: int, jobs: int | None, environment: dict[str, str]
) -> Measurement:
    cold = cache_options(python, environment)
    warm_up = timed(sitegen_command(python, corpus, jobs, ["--format", "json", *cold]), environment)
    codes: Counter[tuple[str, str]] = Counter()
    error_messages: Counter[str] = Counter()
    try:
        for item in json.loads(warm_up.stdout or "[]"):
            codes[(item["severity"], item["code"])] += 1
            if item["severity"] == "error":
                # The message without the quoted, file-specific parts, so that equal causes group.
                generic = _QUOTED.sub("'…'", item["message"])
                error_messages[f"{item['code']}: {generic}"] += 1
    except (ValueError, KeyError, TypeError):
        print(
            f"warning: could not read the JSON diagnostics of the warm-up run of {size}:\n{warm_up.stderr}",
            file=sys.stderr,
        )
    measured = [timed(sitegen_command(python, corpus, jobs, cold), environment) for _ in range(runs)]
    summary = parse_summary(measured[0].stderr)
    files = summary[0] if summary else count_content_files(corpus)
    return Measurement(
        size,
        corpus,
        files,
        measured,
        summary[1] if summary else None,
        summary[2] if summary else None,
        codes,
        error_messages,
    )


@dataclass(frozen=True, slots=True)
class CacheMeasurement:
    size: int
    files: int
    cold: list[Run]  # --no-cache
    fill: Run  # an empty cache filled
    warm: list[Run]  # one profile changed before each run


def measure_cache(
    size: int, corpus: Path, python: str, runs: int, jobs: int | None, environment: dict[str, str]
) -> CacheMeasurement:
    folder = CORPUS_DIR / f".cache-{size}"
    shutil.rmtree(folder, ignore_errors=True)
    edited = sorted((corpus / "content" / "profiles").glob("*.md"))[size // 2]
    original = edited.read_bytes()
    try:
        fill = timed(sitegen_command(python, corpus, jobs, ["--cache", str(folder)]), environment)
        cold, warm = [], []
        for run in range(runs):  # side by side, so that the machine's load weighs on both alike
            cold.append(timed(sitegen_command(python, corpus, jobs, ["--no-cache"]), environment))
            edited.write_bytes(original + f"\nEen nieuwe zin, versie {run}.\n".encode())
            warm.append(timed(sitegen_command(python, corpus, jobs, ["--cache", str(folder)]), environment))
    finally:
        edited.write_bytes(original)
        shutil.rmtree(folder, ignore_errors=True)
    summary = parse_summary(cold[0].stderr)
    return CacheMeasurement(size, summary[0] if summary else count_content_files(corpus), cold, fill, warm)


# The tables' columns; a title that ends in ':' is a column aligned right.
CACHE_COLUMNS = (
    "corpus | files: | cold (--no-cache) median s: | fill s: | warm, one file changed: median s: | min s: | max s: "
    "| cold CPU s: | warm CPU s: | cold / warm: | same output"
)
CHECK_COLUMNS = (
    "corpus | files: | median wall s: | min s: | max s: | ms per file: | CPU s: | CPU ms per file: | exit: | errors: "
    "| warnings:"
)


def cache_table(measurements: Sequence[CacheMeasurement]) -> str:
    return markdown_table(CACHE_COLUMNS, [_cache_row(m) for m in measurements])


def _cache_row(m: CacheMeasurement) -> list[str]:
    cold = statistics.median(r.seconds for r in m.cold)
    warm = [r.seconds for r in m.warm]
    same = all(
        (r.returncode, r.stdout, r.stderr) == (m.cold[0].returncode, m.cold[0].stdout, m.cold[0].stderr)
        for r in [m.fill, *m.warm]
    )
    return [
        _corpus(m.size),
        f"{m.files:,}",
        f"{cold:.2f}",
        f"{m.fill.seconds:.2f}",
        f"{statistics.median(warm):.2f}",
        f"{min(warm):.2f}",
        f"{max(warm):.2f}",
        f"{statistics.median(r.cpu_seconds for r in m.cold):.2f}",
        f"{statistics.median(r.cpu_seconds for r in m.warm):.2f}",
        f"{cold / max(statistics.median(warm), 1e-9):.1f}",
        "yes" if same else "NO",
    ]


def markdown_table(columns: str, rows: Sequence[Sequence[str]]) -> str:
    """A Markdown table of `columns` (titles between ' | '; one that ends in ':' is aligned right)."""
    names = columns.split(" | ")
    titles = [c.removesuffix(":") for c in names]
    rules = ["---:" if c.endswith(":") else "---" for c in names]
    return "".join(f"| {' | '.join(cells)} |\n" for cells in [titles, rules, *rows])


def _corpus(size: int) -> str:
    return f"{size:,} profiles + {int(size * ASSIGNMENTS_PER_PROFILE):,} assignments"


def startup_seconds(python: str, runs: int, environment: dict[str, str]) -> float:
    """Median wall time of `python -m sitegen check --help`: imports, the fixed cost before any file."""
    command = [python, "-m", "sitegen", "check", "--help"]
    return statistics.median(timed(command, environment).seconds for _ in range(max(3, runs)))


def sitegen_revision(python: str, environment: dict[str, str]) -> str:
    """Where the measured sitegen comes from: its folder, git commit and whether it has local changes."""
    done = subprocess.run(
        [python, "-c", "import os, sitegen; print(os.path.dirname(sitegen.__file__))"],
        capture_output=True,
        text=True,
        cwd=CORPUS_DIR,
        env=environment,
        check=False,
    )
    package = done.stdout.strip()
    if not package:
        return "sitegen: not importable"
    git = ["git", "-C", package]
    commit = subprocess.run([*git, "rev-parse", "--short", "HEAD"], capture_output=True, text=True, check=False)
    if commit.returncode != 0:
        return f"sitegen from {package}"
    dirty = subprocess.run([*git, "status", "--porcelain", "--", "."], capture_output=True, text=True, check=False)
    state = " with uncommitted changes" if dirty.stdout.strip() else ""
    return f"sitegen from {package} at {commit.stdout.strip()}{state}"


# ---------------------------------------------------------------------------------------------
# Reporting


def machine_line(jobs: int | None, revision: str, load: float | None) -> str:
    try:
        usable = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        usable = os.cpu_count() or 1
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as handle:
            for line in handle:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    busy = f", load average {load:.2f} before measuring" if load is not None else ""
    return (
        f"machine: nproc {usable} ({cpu}{busy}), Python {platform.python_version()} "
        f"({platform.python_implementation()}), {platform.system()} {platform.release()}; "
        f"{revision}; --jobs {jobs if jobs is not None else 'default'}; --date {BUILD_DATE}"
    )


def table(measurements: Sequence[Measurement]) -> str:
    return markdown_table(CHECK_COLUMNS, [_check_row(m) for m in measurements])


def _check_row(m: Measurement) -> list[str]:
    seconds = [r.seconds for r in m.runs]
    median = statistics.median(seconds)
    cpu = statistics.median(r.cpu_seconds for r in m.runs)
    return [
        _corpus(m.size),
        f"{m.files:,}",
        f"{median:.2f}",
        f"{min(seconds):.2f}",
        f"{max(seconds):.2f}",
        f"{1000 * median / max(1, m.files):.3f}",
        f"{cpu:.2f}",
        f"{1000 * cpu / max(1, m.files):.3f}",
        str(m.runs[0].returncode),
        _count(m.errors),
        _count(m.warnings),
    ]


def _count(value: int | None) -> str:
    return "?" if value is None else f"{value:,}"


def diagnostics_report(measurements: Sequence[Measurement]) -> str:
    lines: list[str] = []
    for m in measurements:
        if not m.codes:
            continue
        by_code = ", ".join(f"{severity} {code}: {count:,}" for (severity, code), count in sorted(m.codes.items()))
        lines.append(f"- {m.size:,}: {by_code}")
        for message, count in m.error_messages.most_common(20):
            lines.append(f"  - {count:,} x {message}")
    return ("diagnostics by code (warm-up run):\n" + "\n".join(lines) + "\n") if lines else ""


# ---------------------------------------------------------------------------------------------


def parse_arguments(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument(
        "--sizes",
        default="1000,10000",
        metavar="N,N",
        help="numbers of profiles, comma-separated; assignments are a fifth (default: %(default)s)",
    )
    parser.add_argument("--runs", type=int, default=5, metavar="N", help="timed runs per size (default: %(default)s)")
    parser.add_argument(
        "--jobs",
        type=int,
        default=None,
        metavar="N",
        help="passed to `sitegen check --jobs` (default: sitegen's own, one per core)",
    )
    parser.add_argument(
        "--cache",
        action="store_true",
        help="also measure the check of a pull request that changes one file, with a warm cache",
    )
    parser.add_argument(
        "--src",
        type=Path,
        default=None,
        metavar="DIR",
        help="measure the sitegen package in DIR (a checkout or `git archive` holding sitegen/) "
        "instead of the installed one",
    )
    parser.add_argument(
        "--generator",
        type=Path,
        default=DEFAULT_GENERATOR,
        metavar="PATH",
        help="the corpus generator (default: %(default)s)",
    )
    args = parser.parse_args(argv)
    try:
        args.sizes = [int(size) for size in args.sizes.split(",") if size.strip()]
    except ValueError:
        parser.error(f"--sizes: expected numbers separated by commas, got '{args.sizes}'")
    if not args.sizes or any(size < 1 for size in args.sizes):
        parser.error("--sizes: give at least one positive number")
    if args.runs < 1:
        parser.error("--runs: at least 1")
    if args.src is not None:
        args.src = args.src.resolve()
        if not (args.src / "sitegen" / "__init__.py").is_file():
            parser.error(f"--src: '{args.src}' holds no sitegen/ package")
    if not args.generator.is_file():
        parser.error(f"--generator: '{args.generator}' does not exist")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_arguments(argv)
    python = sys.executable
    generator = args.generator.resolve()
    environment = sitegen_environment(args.src)
    corpora = [(size, ensure_corpus(size, generator, python)) for size in args.sizes]
    revision = sitegen_revision(python, environment)
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else None
    measurements: list[Measurement] = []
    for size, corpus in corpora:
        print(f"measuring {size:,} profiles: 1 warm-up + {args.runs} runs ...", file=sys.stderr)
        measurements.append(measure(size, corpus, python, args.runs, args.jobs, environment))
    cached: list[CacheMeasurement] = []
    if args.cache:
        for size, corpus in corpora:
            print(
                f"measuring {size:,} profiles with the cache: {args.runs} cold, 1 fill, {args.runs} warm ...",
                file=sys.stderr,
            )
            cached.append(measure_cache(size, corpus, python, args.runs, args.jobs, environment))
    startup = startup_seconds(python, args.runs, environment)

    print(machine_line(args.jobs, revision, load))
    print()
    print(table(measurements), end="")
    print()
    print(f"start-up alone (`python -m sitegen check --help`): {startup:.3f} s median")
    if cached:
        print()
        print(cache_table(cached), end="")
        if hasattr(os, "getloadavg"):
            print(f"load average after the cache's runs: {os.getloadavg()[0]:.2f}")
    report = diagnostics_report(measurements)
    if report:
        print()
        print(report, end="")
    for m in measurements:
        if m.runs[0].returncode not in (0, 1) or m.errors is None:
            print(f"\nsitegen failed on {m.size:,} (exit {m.runs[0].returncode}):\n{m.runs[0].stderr[-2000:]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
