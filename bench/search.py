"""Benchmark of the search: index build time, download size, and time to the first result.

Usage (from the project root):

    .venv/bin/python bench/search.py                         # 1,000 and 10,000 profiles
    .venv/bin/python bench/search.py --sizes 1000 --runs 3 --browser-runs 3
    .venv/bin/python bench/search.py --no-browser --no-lunr  # Python only
    .venv/bin/python bench/search.py --word waterschap

For each size N the standard corpus (N profiles, N/5 assignments, seed 42) comes from
bench/corpus.py into `bench/.corpus/<N>/`, with bench/check.py's stamp and cache, and is built
in-process with `--date 2026-06-01` into a temporary folder. Then, per size:

- documents: what the search indexes (public profiles and open assignments);
- index build: the median wall time of `--runs` calls of `sitegen.search.build_index` on the
  site's search documents, each with a cold stem cache, as a build's search worker starts;
- the compact index and the documents store, raw and gzipped (-9), as the build wrote them;
- before first result: the bytes a browser downloads, gzipped (-9), before it can show a
  result: the search page, its stylesheet, the scripts in `data-scripts`, search.js, the index
  and the documents store (the favicon is left out);
- first result: in headless Chromium (Debian's, via Playwright; never `playwright install`),
  from the keydown of the first letter of `--word` to the moment #search-status shows a count,
  served from 127.0.0.1 without compression; the median of `--browser-runs` runs, each in a fresh
  browser context (cold cache). It includes search.js's 200 ms debounce after the last letter.

Last, for scale: plain lunr.py (`lunr(ref=..., fields=..., documents=...)`, its default English
pipeline) building the full lunr index of the 1,000-profile corpus, and its JSON size.

This is a benchmark, not a test: it asserts nothing and exits 0 unless it cannot run.
"""

from __future__ import annotations

import argparse
import functools
import gc
import gzip
import http.server
import importlib.util
import json
import os
import platform
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent))
from check import BUILD_DATE, DEFAULT_GENERATOR, ensure_corpus, sitegen_environment, sitegen_revision

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
LUNR_PY_SIZE = 1000
# The budgets of the search issue, at 1,000 profiles.
BUDGET_BUILD_SECONDS = 3.0
BUDGET_FIRST_RESULT_BYTES = 600_000


# ---------------------------------------------------------------------------------------------
# Building and measuring in Python


@dataclass(slots=True)
class Measurement:
    size: int
    documents: int = 0
    site_seconds: float = 0.0
    build_seconds: list[float] | None = None
    build_cpu_seconds: list[float] | None = None
    index_raw: int = 0
    index_gz: int = 0
    store_raw: int = 0
    store_gz: int = 0
    first_result_gz: int = 0
    first_result_files: int = 0
    first_result: FirstResults | None = None
    browser_problem: str = ""
    problem: str = ""  # why this size could not be measured


def gz_size(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=9, mtime=0))


def build_site(corpus: Path, out: Path) -> tuple[Any, float]:
    """Build the corpus into `out`; the assembled directory and the wall time of the build."""
    import datetime as dt

    from sitegen import build

    started = time.perf_counter()
    result = build.build_site(corpus, out, build.Options(dt.date.fromisoformat(BUILD_DATE)))
    seconds = time.perf_counter() - started
    if result.published is None or result.check.directory is None:
        errors = [d for d in result.check.diagnostics if d.is_error][:10]
        raise RuntimeError(f"the corpus {corpus} does not build: {errors}")
    return result.check.directory, seconds


def search_documents(directory: Any) -> tuple[list[Any], str]:
    """The documents the build indexes, made as sitegen.build does."""
    from sitegen import audience, i18n, search
    from sitegen.urls import Urls

    language = directory.config.language
    selection = audience.select(directory, "public")
    urls = Urls(directory.config.base_url, language)
    links = {"profile": urls.profile, "assignment": urls.assignment}
    documents = search.site_documents(
        selection.profiles,
        selection.open_assignments,
        directory.organisations,
        href=lambda kind, slug: urls.href(links[kind](slug)),
        label=lambda key: i18n.text(language, key),
        long_date=lambda day: i18n.long_date(day, language),
    )
    return documents, language


def time_index_builds(documents: Sequence[Any], language: str, runs: int) -> tuple[list[float], list[float]]:
    """Wall and CPU seconds of each run of build_index."""
    from sitegen import search

    wall, cpu = [], []
    for _ in range(runs):
        search.pipeline.cache_clear()  # fresh token and stem caches, as in a build's search worker
        gc.collect()
        started, started_cpu = time.perf_counter(), time.process_time()
        search.build_index(documents, language)
        wall.append(time.perf_counter() - started)
        cpu.append(time.process_time() - started_cpu)
    return wall, cpu


class _SearchPage(HTMLParser):
    """The URLs the search page makes the browser load before the first result."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stylesheets: list[str] = []
        self.scripts: list[str] = []
        self.form: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {name: value or "" for name, value in attrs}
        if tag == "link" and attributes.get("rel") == "stylesheet":
            self.stylesheets.append(attributes["href"])
        elif tag == "script" and attributes.get("src"):
            self.scripts.append(attributes["src"])
        elif tag == "form" and attributes.get("id") == "search-form":
            self.form = attributes


def search_page_path(out: Path) -> tuple[Path, str]:
    """The search page's file and its URL path below the origin."""
    for section in ("zoeken", "search"):
        page = out / section / "index.html"
        if page.is_file():
            return page, f"/{section}/"
    raise RuntimeError(f"no search page in {out}")


def measure_files(out: Path, base_path: str, measurement: Measurement) -> None:
    page_file, _ = search_page_path(out)
    html = page_file.read_bytes()
    parser = _SearchPage()
    parser.feed(html.decode("utf-8"))
    form = parser.form
    if not form:
        raise RuntimeError(f"{page_file} has no form#search-form")

    def local(url: str) -> Path:
        path = urlsplit(url).path
        if not path.startswith(base_path):
            raise RuntimeError(f"{url} is not below the site's base path {base_path}")
        return out / path[len(base_path) :]

    index, store = local(form["data-index"]).read_bytes(), local(form["data-documents"]).read_bytes()
    measurement.index_raw, measurement.index_gz = len(index), gz_size(index)
    measurement.store_raw, measurement.store_gz = len(store), gz_size(store)
    loaded = [*parser.stylesheets, *form["data-scripts"].split(), *parser.scripts]
    total = gz_size(html) + measurement.index_gz + measurement.store_gz
    total += sum(gz_size(local(url).read_bytes()) for url in loaded)
    measurement.first_result_gz = total
    measurement.first_result_files = 3 + len(loaded)


# ---------------------------------------------------------------------------------------------
# The browser


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextmanager
def serve(folder: Path) -> Iterator[str]:
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


_WATCH = r"""() => {
  const input = document.getElementById('search-query');
  const status = document.getElementById('search-status');
  const data = document.getElementById('search-form').dataset;
  const counts = [data.msgMany, data.msgOne, data.msgNone].filter(Boolean);
  const isCount = text => counts.some(message => {
    if (!message.includes('{count}')) return text === message;
    const [before, after] = message.split('{count}');
    return text.length > before.length + after.length && text.startsWith(before) && text.endsWith(after)
      && /^\d+$/.test(text.slice(before.length, text.length - after.length));
  });
  const bench = window.__bench = {start: null, last: null, end: null, status: ''};
  input.addEventListener('keydown', () => {
    bench.last = performance.now();
    if (bench.start === null) bench.start = bench.last;
  }, {capture: true});
  new MutationObserver(() => {
    if (bench.end === null && isCount(status.textContent)) {
      bench.end = performance.now();
      bench.status = status.textContent;
    }
  }).observe(status, {childList: true, characterData: true, subtree: true});
}"""

_LOADED = """() => {
  const data = document.getElementById('search-form').dataset;
  const wanted = [data.index, data.documents, ...data.scripts.split(' ')].map(u => new URL(u, location.href).href);
  const ends = performance.getEntriesByType('resource').filter(e => wanted.includes(e.name)).map(e => e.responseEnd);
  return ends.length === wanted.length ? Math.max(...ends) : null;
}"""


@dataclass(slots=True)
class FirstResults:
    first: list[float]  # ms from the first keydown to a result count
    last: list[float]  # ms from the last keydown to a result count
    loaded: list[float]  # ms from the first keydown until the index, documents and scripts are in
    status: str = ""


def time_first_results(out: Path, search_path: str, word: str, runs: int) -> FirstResults:
    from playwright.sync_api import sync_playwright

    timings = FirstResults([], [], [])
    with serve(out) as origin, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            for _ in range(runs):
                context = browser.new_context(service_workers="block")
                try:
                    page = context.new_page()
                    page.goto(origin + search_path, wait_until="load")
                    page.evaluate(_WATCH)
                    page.focus("#search-query")
                    page.keyboard.type(word)
                    page.wait_for_function("() => window.__bench.end !== null", timeout=300_000, polling=50)
                    bench = page.evaluate("() => window.__bench")
                    timings.first.append(bench["end"] - bench["start"])
                    timings.last.append(bench["end"] - bench["last"])
                    done = page.evaluate(_LOADED)
                    if done is not None:
                        timings.loaded.append(done - bench["start"])
                    timings.status = bench["status"]
                finally:
                    context.close()
        finally:
            browser.close()
    return timings


def browser_problem() -> str:
    if not (CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK)):
        return f"no Chromium at {CHROMIUM} (apt-get install chromium)"
    if importlib.util.find_spec("playwright") is None:
        return "the Python package playwright is not installed (pip install -e '.[test]'; never `playwright install`)"
    return ""


# ---------------------------------------------------------------------------------------------
# lunr.py, for scale


@dataclass(frozen=True, slots=True)
class LunrPy:
    documents: int
    seconds: float
    raw: int
    gz: int
    version: str


def lunr_py(documents: Sequence[Any]) -> LunrPy:
    from importlib.metadata import version

    from lunr import lunr

    from sitegen import search

    fields = [{"field_name": name, "boost": boost} for name, boost in search.FIELDS]
    records = [{"ref": search.ref(position), **document.texts} for position, document in enumerate(documents)]
    started = time.perf_counter()
    index = lunr(ref="ref", fields=fields, documents=records)
    seconds = time.perf_counter() - started
    data = json.dumps(index.serialize(), separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    return LunrPy(len(records), seconds, len(data), gz_size(data), version("lunr"))


# ---------------------------------------------------------------------------------------------
# Reporting


def machine_info(browser_version: str) -> str:
    try:
        usable = len(os.sched_getaffinity(0))
    except AttributeError:
        usable = os.cpu_count() or 1
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as handle:
            cpu = next((line.split(":", 1)[1].strip() for line in handle if line.startswith("model name")), cpu)
    except OSError:
        pass
    load = f", load average {os.getloadavg()[0]:.2f}" if hasattr(os, "getloadavg") else ""
    revision = sitegen_revision(sys.executable, sitegen_environment(None))
    return (
        f"machine: nproc {usable} ({cpu}{load}), Python {platform.python_version()}, "
        f"{platform.system()} {platform.release()}; {browser_version}; {revision}; --date {BUILD_DATE}"
    )


def kb(size: int) -> str:
    return f"{size / 1000:,.1f} kB" if size < 10_000_000 else f"{size / 1_000_000:,.1f} MB"


def table(measurements: Sequence[Measurement], runs: int, browser_runs: int, word: str) -> str:
    lines = [
        f"| corpus | documents | site build s | index build s (CPU s), median of {runs} | index raw | index gz "
        f"| documents raw | documents gz | before first result, gz | first keystroke to first result ms "
        f"(median of {browser_runs}) |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for m in measurements:
        if m.problem:
            lines.append(f"| {m.size:,} profiles + {m.size // 5:,} assignments | failed: {m.problem} |")
            continue
        build = statistics.median(m.build_seconds) if m.build_seconds else float("nan")
        cpu = statistics.median(m.build_cpu_seconds) if m.build_cpu_seconds else float("nan")
        timings = m.first_result
        if timings and timings.first:
            files_in = f"; files in: {statistics.median(timings.loaded):,.0f}" if timings.loaded else ""
            last = statistics.median(timings.last)
            first = f"{statistics.median(timings.first):,.0f} (last key: {last:,.0f}{files_in})"
        else:
            first = "n/a"
        lines.append(
            f"| {m.size:,} profiles + {m.size // 5:,} assignments | {m.documents:,} | {m.site_seconds:.1f} "
            f"| {build:.2f} ({cpu:.2f}) | {kb(m.index_raw)} | {kb(m.index_gz)} | {kb(m.store_raw)} | {kb(m.store_gz)} "
            f"| {kb(m.first_result_gz)} ({m.first_result_files} files) | {first} |"
        )
    notes = [
        f"first result: Playwright types {word!r}, one key at a time; the time runs from the first key's "
        "keydown, 'last key' from the last one's (search.js waits 200 ms after it), 'files in' until the "
        "index, documents and scripts had all arrived (from 127.0.0.1, uncompressed); a fresh context each run."
    ]
    for m in measurements:
        if m.first_result and m.first_result.status:
            notes.append(f"{m.size:,}: the status read {m.first_result.status!r}")
        if m.browser_problem:
            notes.append(f"{m.size:,}: no browser timing: {m.browser_problem}")
    return "\n".join(lines) + "\n\n" + "\n".join(notes) + "\n"


def budget_lines(measurements: Sequence[Measurement]) -> list[str]:
    lines = []
    for m in measurements:
        if m.size != 1000 or not m.build_seconds:
            continue
        build = statistics.median(m.build_seconds)
        build_met = "met" if build < BUDGET_BUILD_SECONDS else "MISSED"
        bytes_met = "met" if m.first_result_gz <= BUDGET_FIRST_RESULT_BYTES else "MISSED"
        lines.append(
            f"budget at 1,000 profiles: index build {build:.2f} s (aim < {BUDGET_BUILD_SECONDS:.0f} s: "
            f"{build_met}), {kb(m.first_result_gz)} before the first result "
            f"(aim <= {BUDGET_FIRST_RESULT_BYTES // 1000} kB: {bytes_met})"
        )
    return lines


# ---------------------------------------------------------------------------------------------


def parse_arguments(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument(
        "--sizes",
        default="1000,10000",
        metavar="N,N",
        help="numbers of profiles, comma-separated; assignments are a fifth (default: %(default)s)",
    )
    parser.add_argument("--runs", type=int, default=5, metavar="N", help="index builds per size (default: %(default)s)")
    parser.add_argument(
        "--browser-runs",
        type=int,
        default=3,
        metavar="N",
        help="first-result timings per size, each in a fresh browser context (default: %(default)s)",
    )
    parser.add_argument("--word", default="gemeente", help="what the browser types (default: %(default)s)")
    parser.add_argument("--no-browser", action="store_true", help="skip the Chromium timing")
    parser.add_argument("--no-lunr", action="store_true", help="skip the lunr.py comparison")
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
    if args.runs < 1 or args.browser_runs < 1:
        parser.error("--runs and --browser-runs: at least 1")
    if not args.generator.is_file():
        parser.error(f"--generator: '{args.generator}' does not exist")
    return args


def chromium_version() -> str:
    if browser_problem():
        return "no Chromium"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            return f"Chromium {browser.version}"
        finally:
            browser.close()


def measure_size(m: Measurement, corpus: Path, args: argparse.Namespace, problem: str) -> LunrPy | None:
    """Fill `m` for one corpus; the lunr.py comparison when this is its size."""
    size = m.size
    comparison = None
    with tempfile.TemporaryDirectory(prefix=f"sitegen-bench-search-{size}-") as scratch:
        out = Path(scratch) / "output"
        print(f"{size:,}: building the site ...", file=sys.stderr)
        directory, m.site_seconds = build_site(corpus, out)
        documents, language = search_documents(directory)
        m.documents = len(documents)
        print(f"{size:,}: {args.runs} index builds of {m.documents:,} documents ...", file=sys.stderr)
        m.build_seconds, m.build_cpu_seconds = time_index_builds(documents, language, args.runs)
        measure_files(out, urlsplit(directory.config.base_url).path or "/", m)
        if problem:
            m.browser_problem = problem
        else:
            print(f"{size:,}: {args.browser_runs} runs in Chromium ...", file=sys.stderr)
            _, search_path = search_page_path(out)
            m.first_result = time_first_results(out, search_path, args.word, args.browser_runs)
        if size == LUNR_PY_SIZE and not args.no_lunr:
            print(f"{size:,}: lunr.py ...", file=sys.stderr)
            comparison = lunr_py(documents)
    return comparison


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_arguments(argv)
    generator = args.generator.resolve()
    corpora = [(size, ensure_corpus(size, generator, sys.executable)) for size in args.sizes]
    problem = "--no-browser" if args.no_browser else browser_problem()
    measurements: list[Measurement] = []
    comparison: LunrPy | None = None
    for size, corpus in corpora:
        m = Measurement(size)
        measurements.append(m)
        try:
            comparison = measure_size(m, corpus, args, problem) or comparison
        except Exception as error:  # noqa: BLE001 - a benchmark reports what broke and goes on with the next size
            m.problem = f"{type(error).__name__}: {error}"
            print(f"{size:,}: failed: {m.problem}", file=sys.stderr)

    print(machine_info("no browser" if problem else chromium_version()))
    print()
    print(table(measurements, args.runs, args.browser_runs, args.word), end="")
    for line in budget_lines(measurements):
        print(line)
    if comparison is not None:
        ours = next(m for m in measurements if m.size == LUNR_PY_SIZE)
        build = statistics.median(ours.build_seconds or [float("nan")])
        rate = comparison.documents / comparison.seconds
        print(
            f"lunr.py {comparison.version} (default English pipeline), the full lunr index of the same "
            f"{comparison.documents:,} documents: {comparison.seconds:.1f} s ({rate:,.0f} documents/s; "
            f"sitegen's build_index: {build:.2f} s, {comparison.seconds / build:,.0f} times faster); "
            f"its JSON {kb(comparison.raw)} raw, {kb(comparison.gz)} gzipped "
            f"(sitegen's compact index: {kb(ours.index_raw)}, {kb(ours.index_gz)})"
        )
    elif not args.no_lunr:
        print(f"lunr.py comparison: only for --sizes including {LUNR_PY_SIZE}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
