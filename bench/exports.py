"""Benchmark of the api/v1 exports (`exports.export_files`) on the standard synthetic corpus.

    .venv/bin/python bench/exports.py                    # 1,000 and 10,000 profiles, 5 runs each
    .venv/bin/python bench/exports.py --sizes 10000 --runs 9

The corpus is checked and selected once, as `sitegen build --date 2026-06-01` would; then the
three exports and their schemas are made `--runs` times in this process (the build makes them
once, in the parent, beside the sitemap). The table gives the median and spread of that step,
its share of the build's own median wall time when `--build-seconds` gives it, and the size of
each export raw and gzipped (what a federating network downloads).
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import os
import platform
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from check import BUILD_DATE, DEFAULT_GENERATOR, ensure_corpus

from sitegen import audience, build, exports, render
from sitegen.taxonomy import build_taxonomies
from sitegen.urls import Urls


def site_context(corpus: Path) -> render.SiteContext:
    options = build.Options(dt.date.fromisoformat(BUILD_DATE))
    checked = build.check_site(corpus, options, keep_html=False)
    assert checked.directory is not None
    assembled = checked.directory
    selection = audience.select(assembled, "public")
    urls = Urls(assembled.config.base_url, assembled.config.language)
    photos = {profile.slug: f"{urls.profile(profile.slug)}foto.jpg" for profile in selection.profiles if profile.photo}
    return render.SiteContext(
        config=assembled.config,
        audience="public",
        build_date=assembled.build_date,
        selection=selection,
        taxonomies=build_taxonomies(selection, assembled.organisations),
        organisations=assembled.organisations,
        assets={},
        photos=photos,
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1000,10000", help="profile counts, comma-separated")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--generator", type=Path, default=DEFAULT_GENERATOR)
    args = parser.parse_args()
    print(
        f"machine: {os.cpu_count()} cores, {platform.machine()}, Python {platform.python_version()}, "
        f"{platform.platform()}"
    )
    print()
    print(
        "| profiles | exported profiles | open assignments | median s | min s | max s "
        "| profiles.json raw / gz | assignments.json raw / gz | organisations.json raw / gz |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for size in (int(s) for s in args.sizes.split(",")):
        site = site_context(ensure_corpus(size, args.generator, sys.executable))
        exports.export_files(site)  # warm-up
        seconds = []
        for _ in range(args.runs):
            started = time.perf_counter()
            files = exports.export_files(site)
            seconds.append(time.perf_counter() - started)
        by_path = {file.path: file.content for file in files}
        sizes = " | ".join(
            f"{len(data) / 1024:,.0f} kB / {len(gzip.compress(data, 6)) / 1024:,.0f} kB"
            for data in (by_path[f"api/v1/{kind}.json"] for kind in exports.KINDS)
        )
        print(
            f"| {size:,} | {len(site.selection.profiles):,} | {len(site.selection.open_assignments):,} "
            f"| {statistics.median(seconds):.3f} | {min(seconds):.3f} | {max(seconds):.3f} | {sizes} |"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
