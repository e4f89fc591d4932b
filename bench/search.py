"""Benchmark of the search: index build time, the files, and what a query costs in the browser.

Usage (from the project root):

    .venv/bin/python bench/search.py                          # 1,000 and 10,000 profiles
    .venv/bin/python bench/search.py --sizes 1000 --runs 3 --browser-runs 3
    .venv/bin/python bench/search.py --no-browser --no-lunr   # Python only
    .venv/bin/python bench/search.py --queries waterschap,beleid* --then gemeente

For each size N the standard corpus (N profiles, N/5 assignments, seed 42) comes from
bench/corpus.py into `bench/.corpus/<N>/`, with bench/check.py's stamp and cache, and is built
in-process with `--date 2026-06-01` into a temporary folder. Then, per size:

- documents: what the search indexes (public profiles and open assignments);
- index build: the median wall time of `--runs` calls of `sitegen.search.build_index` on the
  site's search documents, each with a cold stem cache, as a build's search worker starts;
- the files as written: the manifest, the index shards, the facet table and the documents
  store, each raw and gzipped (-9);
- per query of `--queries`, in headless Chromium (Debian's, via Playwright; never `playwright
  install`), in a fresh browser context each run (cold cache), served gzipped from 127.0.0.1
  as a static host serves them (bench/browser.py): every body the browser fetched, encoded,
  from the search page itself until the status shows the count (the results and the count are
  written together), the number of requests, and the time from the first keydown to the count
  and from the end of search.js's 200 ms debounce after the last keydown to the count;
- `--then`: a second query typed after the first of `--queries` in the same page: what it adds.

Last, for scale: plain lunr.py (`lunr(ref=..., fields=..., documents=...)`, its default English
pipeline) building the full lunr index of the 1,000-profile corpus, and its JSON size.

This is a benchmark, not a test: it asserts nothing and exits 0 unless it cannot run.
"""

from __future__ import annotations

import argparse
import gc
import gzip
import json
import os
import platform
import re
import statistics
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent))
from browser import CHROMIUM, CHROMIUM_ARGS, browser_problem, served
from check import BUILD_DATE, DEFAULT_GENERATOR, ensure_corpus, sitegen_environment, sitegen_revision

LUNR_PY_SIZE = 1000
DEBOUNCE_MS = 200  # search.js waits this long after the last keystroke
# The budgets of the performance issue: every byte before the first result of a one-word query, gzipped.
BUDGET_BYTES = {1000: 150_000, 10000: 250_000}
BUDGET_FIRST_RESULT_MS = 300  # at 10,000 profiles, from loopback


# ---------------------------------------------------------------------------------------------
# Building and measuring in Python


@dataclass(slots=True)
class Measurement:
    size: int
    documents: int = 0
    site_seconds: float = 0.0
    build_seconds: list[float] | None = None
    build_cpu_seconds: list[float] | None = None
    files: dict[str, Files] = field(default_factory=dict)
    queries: list[QueryRuns] = field(default_factory=list)
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


def search_page_path(out: Path) -> tuple[Path, str]:
    """The search page's file and its URL path below the origin."""
    for section in ("zoeken", "search"):
        page = out / section / "index.html"
        if page.is_file():
            return page, f"/{section}/"
    raise RuntimeError(f"no search page in {out}")


@dataclass(frozen=True, slots=True)
class Files:
    count: int
    raw: int
    gz: int


def _files(paths: Sequence[Path]) -> Files:
    contents = [path.read_bytes() for path in paths]
    return Files(len(contents), sum(map(len, contents)), sum(map(gz_size, contents)))


def measure_files(out: Path, base_path: str, m: Measurement) -> None:
    """The search's files as the build wrote them: the manifest, the index shards, the facet table
    and the documents store, each raw and gzipped."""
    page_file, _ = search_page_path(out)
    found = re.search(r'data-index="([^"]+)"', page_file.read_text(encoding="utf-8"))
    if found is None:
        raise RuntimeError(f"{page_file} names no search index (data-index)")
    path = urlsplit(found.group(1)).path
    if not path.startswith(base_path):
        raise RuntimeError(f"{path} is not below the site's base path {base_path}")
    manifest_file = out / path[len(base_path) :]
    manifest = json.loads(manifest_file.read_bytes())
    folder = manifest_file.parent
    m.files = {
        "manifest": _files([manifest_file]),
        "index shards": _files(sorted((folder / manifest["shards"]).glob("*.json"))),
        "facet table": _files([folder / manifest["facets"]]),
        "documents store": _files(sorted((folder / manifest["store"]).glob("*.json"))),
    }


# ---------------------------------------------------------------------------------------------
# The browser

# Marks the first and last keydown, the first result in the list, and the moment the status shows
# the count (search.js writes it when the page of results is complete). The resource-timing buffer holds 250 entries by
# default: a search that fetches more would go uncounted.
_WATCH = r"""() => {
  performance.setResourceTimingBufferSize(100000);
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
  const results = document.getElementById('search-results');
  const bench = window.__bench = {start: null, last: null, shown: null, end: null, status: '', since: 0};
  new MutationObserver(() => {
    if (bench.start !== null && bench.shown === null && results.children.length > 0) bench.shown = performance.now();
  }).observe(results, {childList: true});
  input.addEventListener('keydown', () => {
    bench.last = performance.now();
    if (bench.start === null) bench.start = bench.last;
  }, {capture: true});
  new MutationObserver(() => {
    if (bench.start !== null && bench.end === null && isCount(status.textContent)) {
      bench.end = performance.now();
      bench.status = status.textContent;
    }
  }).observe(status, {childList: true, characterData: true, subtree: true});
}"""

_NEXT_QUERY = """() => {
  const bench = window.__bench;
  Object.assign(bench, {start: null, last: null, shown: null, end: null, status: '', since: performance.now()});
}"""

# Every body fetched from `since` until the count showed, as encoded on the wire (gzip), with the
# page itself when counting from its start. The favicon is not a resource-timing entry.
_FETCHED = """() => {
  const bench = window.__bench;
  const entries = performance.getEntriesByType('resource')
    .filter(e => e.startTime >= bench.since && e.responseEnd <= bench.end);
  if (bench.since === 0) entries.push(...performance.getEntriesByType('navigation'));
  return {
    bytes: entries.reduce((sum, e) => sum + e.encodedBodySize, 0),
    requests: entries.length,
    lastResponse: Math.max(...entries.map(e => e.responseEnd)),
    start: bench.start, last: bench.last, shown: bench.shown, end: bench.end, status: bench.status,
  };
}"""


@dataclass(slots=True)
class QueryRuns:
    """One query's runs, each in a fresh browser context (or, for a second query, after `after`)."""

    query: str
    after: str = ""
    first: list[float] = field(default_factory=list)  # ms from the first keydown to the first result
    settled: list[float] = field(default_factory=list)  # ms from the end of the 200 ms debounce to the first result
    complete: list[float] = field(default_factory=list)  # ms from the end of the debounce to the count
    fetched_until: list[float] = field(default_factory=list)  # ms from the first keydown to the last response
    bytes: list[int] = field(default_factory=list)
    requests: list[int] = field(default_factory=list)
    status: str = ""


def _type_and_wait(page: Any, query: str, runs: QueryRuns) -> None:
    page.keyboard.type(query)
    page.wait_for_function("() => window.__bench.end !== null", timeout=300_000, polling=10)
    seen = page.evaluate(_FETCHED)
    shown = seen["shown"] if seen["shown"] is not None else seen["end"]  # no results: the count is the answer
    runs.first.append(shown - seen["start"])
    runs.settled.append(shown - seen["last"] - DEBOUNCE_MS)
    runs.complete.append(seen["end"] - seen["last"] - DEBOUNCE_MS)
    runs.fetched_until.append(seen["lastResponse"] - seen["start"])
    runs.bytes.append(int(seen["bytes"]))
    runs.requests.append(int(seen["requests"]))
    runs.status = seen["status"]


def time_queries(out: Path, search_path: str, queries: Sequence[str], then: str, runs: int) -> list[QueryRuns]:
    """Each query typed into a fresh context (cold cache), then `then` typed after the first query
    in the same page: what a second query adds."""
    from playwright.sync_api import sync_playwright

    measured = [QueryRuns(query) for query in queries] + ([QueryRuns(then, after=queries[0])] if then else [])
    with served(out) as origin, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            for _ in range(runs):  # the queries take turns, run by run, so that load hits them alike
                for query_runs in measured:
                    context = browser.new_context(service_workers="block")
                    try:
                        page = context.new_page()
                        page.goto(origin.rstrip("/") + search_path, wait_until="load")
                        page.evaluate(_WATCH)
                        page.focus("#search-query")
                        if query_runs.after:
                            _type_and_wait(page, query_runs.after, QueryRuns(query_runs.after))
                            page.fill("#search-query", "")
                            page.wait_for_timeout(DEBOUNCE_MS + 100)
                            page.evaluate(_NEXT_QUERY)
                        _type_and_wait(page, query_runs.query, query_runs)
                    finally:
                        context.close()
        finally:
            browser.close()
    return measured


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


def _median(values: Sequence[float]) -> str:
    return f"{statistics.median(values):,.0f}" if values else "n/a"


def table(measurements: Sequence[Measurement], runs: int, browser_runs: int) -> str:
    lines = [
        f"| corpus | documents | site build s | index build s (CPU s), median of {runs} "
        "| manifest gz | index shards: files, raw, gz | facet table gz | documents store: files, raw, gz |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for m in measurements:
        if m.problem:
            lines.append(f"| {m.size:,} profiles + {m.size // 5:,} assignments | failed: {m.problem} |")
            continue
        build = statistics.median(m.build_seconds) if m.build_seconds else float("nan")
        cpu = statistics.median(m.build_cpu_seconds) if m.build_cpu_seconds else float("nan")
        shards, store = m.files["index shards"], m.files["documents store"]
        lines.append(
            f"| {m.size:,} profiles + {m.size // 5:,} assignments | {m.documents:,} | {m.site_seconds:.1f} "
            f"| {build:.2f} ({cpu:.2f}) | {kb(m.files['manifest'].gz)} "
            f"| {shards.count:,}, {kb(shards.raw)}, {kb(shards.gz)} | {kb(m.files['facet table'].gz)} "
            f"| {store.count:,}, {kb(store.raw)}, {kb(store.gz)} |"
        )
    lines += [
        "",
        f"| corpus | query | fetched until the count, gz (median of {browser_runs}) | requests "
        "| first keydown to first result ms | debounce end to first result ms | debounce end to count ms "
        "| first keydown to last response ms |",
        "|---|---|---:|---:|---:|---:|---:|---:|",
    ]
    notes = []
    for m in measurements:
        for q in m.queries:
            name = f"then {q.query} (after {q.after}): new" if q.after else q.query
            fetched = f"{kb(int(statistics.median(q.bytes)))}" if q.bytes else "n/a"
            lines.append(
                f"| {m.size:,} | {name} | {fetched} | {_median(q.requests)} | {_median(q.first)} "
                f"| {_median(q.settled)} | {_median(q.complete)} | {_median(q.fetched_until)} |"
            )
            if q.status:
                notes.append(f"{m.size:,}, {q.query}: the status read {q.status!r}")
        if m.browser_problem:
            notes.append(f"{m.size:,}: no browser timing: {m.browser_problem}")
    return "\n".join(lines) + "\n\n" + "\n".join(notes) + "\n"


def budget_lines(measurements: Sequence[Measurement]) -> list[str]:
    """The performance issue's budgets against the first of `--queries` (a one-word query)."""
    lines = []
    for m in measurements:
        if not m.queries or not m.queries[0].bytes or m.queries[0].after:
            continue
        first = m.queries[0]
        fetched = statistics.median(first.bytes)
        if m.size in BUDGET_BYTES:
            budget = BUDGET_BYTES[m.size]
            verdict = "met" if fetched <= budget else "MISSED"
            lines.append(
                f"budget at {m.size:,} profiles: {kb(int(fetched))} before the first result of {first.query!r} "
                f"(aim <= {budget // 1000} kB: {verdict})"
            )
        if m.size >= 10000:
            settled = statistics.median(first.settled)
            verdict = "met" if settled < BUDGET_FIRST_RESULT_MS else "MISSED"
            lines.append(
                f"budget at {m.size:,} profiles: first result {settled:,.0f} ms after the debounce "
                f"({statistics.median(first.first):,.0f} ms from the first keydown; aim < {BUDGET_FIRST_RESULT_MS} ms "
                f"after the debounce: {verdict})"
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
        help="runs of each query per size, each in a fresh browser context (default: %(default)s)",
    )
    parser.add_argument(
        "--queries",
        default="gemeente,beleid*,omgevingswet",
        help="what the browser types, each as a first query, comma-separated (default: %(default)s)",
    )
    parser.add_argument(
        "--then", default="water", help="a second query after the first of --queries (default: %(default)s)"
    )
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
    args.queries = [query for query in args.queries.split(",") if query.strip()]
    if not args.queries:
        parser.error("--queries: give at least one query")
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
            print(f"{size:,}: {args.browser_runs} runs of each query in Chromium ...", file=sys.stderr)
            _, search_path = search_page_path(out)
            m.queries = time_queries(out, search_path, args.queries, args.then, args.browser_runs)
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
    print(table(measurements, args.runs, args.browser_runs), end="")
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
            f"(sitegen's index shards: {kb(ours.files['index shards'].raw)}, {kb(ours.files['index shards'].gz)})"
        )
    elif not args.no_lunr:
        print(f"lunr.py comparison: only for --sizes including {LUNR_PY_SIZE}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
