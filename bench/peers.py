"""sitegen beside its peers: Hugo builds the same directory, Pagefind searches Hugo's output.

    .venv/bin/python bench/peers.py                          # 1,000 and 10,000 profiles, 3 runs each
    .venv/bin/python bench/peers.py --sizes 1000 --runs 5 --no-pagefind

Not part of CI. Needs Debian's `hugo` on PATH (`apt install hugo`) and, for the search figures,
the `pagefind` PyPI package (`.venv/bin/pip install 'pagefind[bin]'`) and Chromium at
/usr/bin/chromium.

What is compared, run by run, interleaved (sitegen, Hugo, sitegen, Hugo, ...) so that both see the
same load:
- `sitegen build <corpus> --date 2026-06-01` against `hugo` on the same corpus converted to a Hugo
  site (`convert`): a page per public profile and per assignment, the same five taxonomies with
  paginated term pages, the home page and the listings, the photos resized as sitegen resizes
  them. Hugo's theme is this file's minimal one: Hugo renders less per page than sitegen's
  theme (no schema.org, no search index, no feeds, exports or vCards) and validates nothing.
- the wall time (median), the ratio sitegen / Hugo, the peak resident memory of the largest
  process of each run, and the pages each writes;
- Pagefind over Hugo's output (`python -m pagefind --site`), then in Chromium the bytes that a
  one-word query fetches (`await pagefind.search(...)` and the data of the first 10 results, as
  Pagefind's UI shows them), gzip-encoded as served, beside what bench/search.py measures for
  sitegen's own search.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from browser import CHROMIUM, CHROMIUM_ARGS, served
from check import BUILD_DATE, DEFAULT_GENERATOR, ensure_corpus

TAXONOMIES = {"field": "fields", "skill": "skills", "organisation": "organisations", "region": "regions"}
PAGE_SIZE = 24  # the corpus's `page_size`
PHOTO_WIDTH = 400

HUGO_CONFIG = f"""\
baseURL = "https://example.org/"
languageCode = "nl"
title = "Benchmarknetwerk"
paginate = {PAGE_SIZE}
disableKinds = ["RSS"]
[taxonomies]
{chr(10).join(f'{singular} = "{plural}"' for singular, plural in TAXONOMIES.items())}
engagement = "engagement"
"""

LAYOUTS = {
    "_default/baseof.html": """<!doctype html>
<html lang="nl"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ .Title }} | {{ .Site.Title }}</title></head>
<body><header><a href="{{ "/" | relURL }}">{{ .Site.Title }}</a>
<nav><a href="{{ "/profielen/" | relURL }}">Profielen</a>
<a href="{{ "/klussen/" | relURL }}">Klussen</a></nav></header>
<main data-pagefind-body>{{ block "main" . }}{{ end }}</main></body></html>
""",
    "_default/single.html": """{{ define "main" }}<article><h1>{{ .Title }}</h1>
{{ with .Params.role }}<p>{{ . }}</p>{{ end }}{{ with .Params.summary }}<p>{{ . }}</p>{{ end }}
{{ with .Resources.GetMatch "photo.*" }}{{ $small := .Resize "400x" }}
<img src="{{ $small.RelPermalink }}" width="{{ $small.Width }}" height="{{ $small.Height }}" alt="">{{ end }}
<dl>{{ range $taxonomy, $terms := .Site.Taxonomies }}{{ with $.GetTerms $taxonomy }}
<dt>{{ $taxonomy }}</dt>{{ range . }}<dd><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></dd>{{ end }}
{{ end }}{{ end }}</dl>
{{ .Content }}</article>{{ end }}
""",
    "_default/list.html": """{{ define "main" }}<h1>{{ .Title }}</h1><ul>
{{ range (.Paginate .Pages.ByTitle).Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a>
{{ with .Params.summary }}<p>{{ . }}</p>{{ end }}</li>{{ end }}</ul>
{{ template "_internal/pagination.html" . }}{{ end }}
""",
    "_default/terms.html": """{{ define "main" }}<h1>{{ .Title }}</h1><ul>
{{ range .Data.Terms.ByCount }}<li><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a> ({{ .Count }})</li>{{ end }}
</ul>{{ end }}
""",
    "index.html": """{{ define "main" }}<h1>{{ .Site.Title }}</h1>
<p>{{ len (where .Site.RegularPages "Section" "profielen") }} profielen,
{{ len (where .Site.RegularPages "Section" "klussen") }} klussen.</p>{{ end }}
""",
}


def _split(text: str) -> tuple[dict[str, Any], str]:
    """Front matter and body of a corpus file (the corpus is well-formed: no checking here)."""
    _, front, body = text.split("---\n", 2)
    return yaml.safe_load(front), body


def _hugo_front(front: dict[str, Any], title_key: str) -> dict[str, Any]:
    engagement = front.get("engagement", [])
    return {
        "title": front[title_key],
        "role": front.get("role"),
        "summary": front.get("summary"),
        "fields": front.get("fields", []),
        "skills": front.get("skills", []),
        "organisations": [front["organisation"]],
        "regions": [front["region"]] if front.get("region") else [],
        "engagement": engagement if isinstance(engagement, list) else [engagement],
    }


def convert(corpus: Path, target: Path) -> int:
    """The corpus as a Hugo site in `target`; returns the number of content pages written."""
    if target.exists():
        shutil.rmtree(target)
    (target / "content").mkdir(parents=True)
    (target / "hugo.toml").write_text(HUGO_CONFIG, encoding="utf-8")
    for name, layout in LAYOUTS.items():
        (target / "layouts" / name).parent.mkdir(parents=True, exist_ok=True)
        (target / "layouts" / name).write_text(layout, encoding="utf-8")
    written = 0
    for folder, section, title_key in (("profiles", "profielen", "name"), ("assignments", "klussen", "title")):
        for source in sorted((corpus / "content" / folder).glob("*.md")):
            front, body = _split(source.read_text(encoding="utf-8"))
            if front.get("visibility") == "internal":
                continue  # the public build, as sitegen's
            bundle = target / "content" / section / source.stem
            bundle.mkdir(parents=True)
            header = yaml.safe_dump(_hugo_front(front, title_key), allow_unicode=True, sort_keys=False)
            (bundle / "index.md").write_text(f"---\n{header}---\n{body}", encoding="utf-8")
            photo = source.with_suffix(".png")
            if photo.exists():
                shutil.copyfile(photo, bundle / "photo.png")
            written += 1
    return written


@dataclass(frozen=True, slots=True)
class Run:
    seconds: float
    peak_mib: float
    files: int


_MEASURED = """
import resource, subprocess, sys, time
started = time.perf_counter()
completed = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
seconds = time.perf_counter() - started
if completed.returncode not in (0, 1):
    sys.stderr.buffer.write(completed.stderr[-3000:])
    sys.exit(completed.returncode)
# Linux carries the largest waited-for descendant up the tree: the largest process of the run.
print(seconds, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024)
"""


def measured(command: Sequence[str], output: Path, fresh: bool = True) -> Run:
    """One run in a fresh wrapper process, so that its peak memory is its own; `fresh`: into an
    empty folder (a cold build), else over the previous output."""
    if fresh and output.exists():
        shutil.rmtree(output)
    completed = subprocess.run([sys.executable, "-c", _MEASURED, *command], capture_output=True, text=True, check=False)
    if completed.returncode != 0:
        raise SystemExit(f"{command[0]} failed ({completed.returncode}):\n{completed.stderr}")
    seconds, peak = (float(value) for value in completed.stdout.split())
    return Run(seconds, peak, sum(1 for path in output.rglob("*") if path.is_file()))


async def _pagefind_bytes(base: str, query: str, shown: int) -> tuple[int, int, float]:
    """Encoded bytes and requests for Pagefind's search of `query` with its first `shown` results,
    and the milliseconds from the call to the last result's data, in Chromium."""
    from playwright.async_api import async_playwright

    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = await browser.new_page()
            await page.goto(base, wait_until="load")
            requests: list[Any] = []
            page.on("requestfinished", lambda request: requests.append(request))
            milliseconds = await page.evaluate(
                """async ([query, shown]) => {
                    const pagefind = await import("/pagefind/pagefind.js");
                    const started = performance.now();
                    const search = await pagefind.search(query);
                    await Promise.all(search.results.slice(0, shown).map((result) => result.data()));
                    return performance.now() - started;
                }""",
                [query, shown],
            )
            total = 0
            for request in requests:
                total += (await request.sizes())["responseBodySize"]
            return total, len(requests), float(milliseconds)
        finally:
            await browser.close()


def pagefind_figures(hugo_output: Path, queries: Sequence[str]) -> list[tuple[str, int, int, float]]:
    subprocess.run(
        [sys.executable, "-m", "pagefind", "--site", str(hugo_output), "--force-language", "nl"],
        check=True,
        capture_output=True,
    )
    rows = []
    with served(hugo_output) as base:
        for query in queries:
            size, requests, milliseconds = asyncio.run(_pagefind_bytes(base, query, 10))
            rows.append((query, size, requests, milliseconds))
    return rows


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1000,10000", help="profile counts, comma-separated")
    parser.add_argument("--runs", type=int, default=3, help="timed runs of each tool per size")
    parser.add_argument("--queries", default="beleid,omgevingswet", help="one-word queries for Pagefind")
    parser.add_argument("--no-pagefind", action="store_true", help="builds only")
    arguments = parser.parse_args(argv)
    if shutil.which("hugo") is None:
        raise SystemExit("bench/peers.py needs Hugo on PATH (Debian: apt install hugo)")
    hugo_version = subprocess.run(["hugo", "version"], capture_output=True, text=True, check=True).stdout.split()[1]
    print(f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, Hugo {hugo_version}")
    print(f"load average at the start: {os.getloadavg()[0]:.2f}")
    print()
    print("| profiles | tool | pages and files | median wall s | min s | max s | peak RSS MiB | sitegen / Hugo |")
    print("|---:|---|---:|---:|---:|---:|---:|---:|")
    searches: list[tuple[int, list[tuple[str, int, int, float]]]] = []
    for size in (int(value) for value in arguments.sizes.split(",")):
        corpus = ensure_corpus(size, DEFAULT_GENERATOR, sys.executable)
        with tempfile.TemporaryDirectory(prefix="sitegen-peers-") as scratch:
            hugo_site = Path(scratch) / "hugo"
            convert(corpus, hugo_site)
            sitegen_out, hugo_out = Path(scratch) / "sitegen-out", Path(scratch) / "hugo-out"
            sitegen = [sys.executable, "-m", "sitegen", "build", str(corpus), "--out", str(sitegen_out)]
            sitegen += ["--date", BUILD_DATE, "--no-cache"]  # cold, as Hugo's: no check cache
            hugo = ["hugo", "--source", str(hugo_site), "--destination", str(hugo_out), "--quiet"]
            hugo += ["--cacheDir", str(Path(scratch) / "hugo-cache")]
            measured(hugo, hugo_out)  # a warm-up of each: the file cache, Python's bytecode
            measured(sitegen, sitegen_out)
            runs: dict[str, list[Run]] = {"sitegen": [], "Hugo": []}
            for _ in range(arguments.runs):
                runs["sitegen"].append(measured(sitegen, sitegen_out))
                shutil.rmtree(Path(scratch) / "hugo-cache", ignore_errors=True)  # a cold build: no resized photos
                runs["Hugo"].append(measured(hugo, hugo_out))
            medians = {tool: statistics.median(run.seconds for run in tool_runs) for tool, tool_runs in runs.items()}
            for tool, tool_runs in runs.items():
                seconds = [run.seconds for run in tool_runs]
                ratio = f"{medians['sitegen'] / medians['Hugo']:.2f}" if tool == "sitegen" else ""
                print(
                    f"| {size:,} | {tool} | {tool_runs[-1].files:,} | {medians[tool]:.2f} | {min(seconds):.2f} "
                    f"| {max(seconds):.2f} | {max(run.peak_mib for run in tool_runs):.0f} | {ratio} |"
                )
            if not arguments.no_pagefind:
                searches.append((size, pagefind_figures(hugo_out, arguments.queries.split(","))))
    if searches:
        print()
        print("| profiles | Pagefind query | bytes fetched (encoded) | requests | ms to the 10th result's data |")
        print("|---:|---|---:|---:|---:|")
        for size, rows in searches:
            for query, size_bytes, requests, milliseconds in rows:
                print(f"| {size:,} | {query} | {size_bytes / 1024:.1f} KB | {requests} | {milliseconds:.0f} |")
    print(f"\nload average at the end: {os.getloadavg()[0]:.2f}; {time.strftime('%Y-%m-%d %H:%M %Z')}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
