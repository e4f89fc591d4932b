"""Cost of the machine-readable output on the standard synthetic corpus: the JSON-LD blocks, the
Atom feeds, the vCards and the sitemap with lastmod.

    .venv/bin/python bench/machine.py                      # 10,000 profiles, 5 runs
    .venv/bin/python bench/machine.py --sizes 1000,10000 --runs 3

The corpus comes from bench/corpus.py and is cached in bench/.corpus/ (see
bench/check.py). It is checked once, in this process, as of 2026-06-01; then each producer runs
`--runs` times over the whole public site in this one process, as the build runs it:

- JSON-LD: every block the pages carry (a ProfilePage per profile, a JobPosting per open
  assignment, an organisation per organisation page, the WebSite), built and serialized. The
  build does this inside the page workers, on every core; the figure is one core's.
- feeds: `feeds.feed_files` (the site feed and one per field); vCards: `vcards.vcard_files`;
  sitemap: `sitemap.machine_files` with the page plan's lastmod dates. These run in the parent.
- writing: the feeds and vCards written into a staging folder (`write.Staging`), then discarded.

The table gives the median wall and CPU seconds of each (CPU time is this process's: on a shared
machine it is the steadier figure) and the files and bytes it makes. A benchmark, not a test: it
asserts nothing.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from check import BUILD_DATE, DEFAULT_GENERATOR, ensure_corpus

from sitegen import audience, build, feeds, jsonld, render, sitemap, vcards
from sitegen.taxonomy import build_taxonomies
from sitegen.urls import Urls
from sitegen.write import OutputFile, Staging

Row = tuple[str, float, float, int, int]  # output, median wall s, median CPU s, files, bytes


def median_seconds(runs: int, work: Callable[[], object]) -> tuple[float, float, object]:
    """Median wall and CPU seconds of `work` (CPU: this process's, steadier on a shared machine)."""
    walls, cpus, result = [], [], None
    for _ in range(runs):
        started, cpu = time.perf_counter(), time.process_time()
        result = work()
        walls.append(time.perf_counter() - started)
        cpus.append(time.process_time() - cpu)
    return statistics.median(walls), statistics.median(cpus), result


def measure(corpus: Path, runs: int) -> list[Row]:
    checked = build.check_site(corpus, build.Options(dt.date.fromisoformat(BUILD_DATE)), keep_html=True)
    assert checked.directory is not None, "the corpus did not check"
    directory = checked.directory
    selection = audience.select(directory, "public")
    urls = Urls(directory.config.base_url, directory.config.language)
    photos = {p.slug: f"{urls.profile(p.slug)}foto-0123456789.jpg" for p in selection.profiles if p.photo}
    site = render.SiteContext(
        config=directory.config,
        audience="public",
        build_date=directory.build_date,
        selection=selection,
        taxonomies=build_taxonomies(selection, directory.organisations),
        organisations=directory.organisations,
        assets={},
        photos=photos,
    )
    jobs = list(render.plan(site))
    data = jsonld.StructuredData(site.config, site.organisations, site.photos)

    def all_json_ld() -> list[str]:
        blocks: list[str] = [jsonld.script(data.website())]
        blocks += [jsonld.script(data.profile_page(p)) for p in selection.profiles]
        blocks += [jsonld.script(data.job_posting(a)) for a in selection.open_assignments]
        blocks += [jsonld.script(data.organisation(o)) for o in site.organisations.values()]
        return blocks

    rows: list[Row] = []
    wall, cpu, blocks = median_seconds(runs, all_json_ld)
    assert isinstance(blocks, list)
    rows.append(("JSON-LD (in the pages)", wall, cpu, len(blocks), sum(len(b.encode()) for b in blocks)))
    produced: list[OutputFile] = []
    for name, producer in (
        ("feeds", lambda: feeds.feed_files(site)),
        ("vCards", lambda: [OutputFile(urls.vcard(p.slug), vcards.vcard(p, site, urls)) for p in selection.profiles]),
        ("sitemap and robots", lambda: sitemap.machine_files(site, jobs)),
    ):
        wall, cpu, files = median_seconds(runs, producer)
        assert isinstance(files, list)
        rows.append((name, wall, cpu, len(files), sum(len(f.content) for f in files)))
        if name != "sitemap and robots":
            produced += files

    def write_all() -> int:
        with tempfile.TemporaryDirectory(prefix="sitegen-bench-") as scratch:
            staging = Staging(Path(scratch) / "out")
            size = sum(staging.write(file) for file in produced)
            staging.discard()
            return size

    wall, cpu, _ = median_seconds(runs, write_all)
    rows.append(("writing the feeds and vCards", wall, cpu, len(produced), sum(len(f.content) for f in produced)))
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="10000", help="profile counts, comma-separated")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--generator", type=Path, default=DEFAULT_GENERATOR)
    args = parser.parse_args()
    print(
        f"machine: {os.cpu_count()} cores, {platform.machine()}, Python {platform.python_version()}, "
        f"load average {os.getloadavg()[0]:.1f}"
    )
    print()
    print("| profiles | output | median wall s | median CPU s | files | bytes |")
    print("|---:|---|---:|---:|---:|---:|")
    for size in (int(s) for s in args.sizes.split(",")):
        corpus = ensure_corpus(size, args.generator, sys.executable)
        for name, wall, cpu, files, size_bytes in measure(corpus, args.runs):
            print(f"| {size:,} | {name} | {wall:.2f} | {cpu:.2f} | {files:,} | {size_bytes:,} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
