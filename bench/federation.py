"""The cost of importing a 10,000-profile network into the standard 1,000-profile site.

    .venv/bin/python bench/federation.py                 # 3 runs of each step
    .venv/bin/python bench/federation.py --runs 5 --network 10000
    mkdir /tmp/base && git archive main sitegen | tar -x -C /tmp/base
    .venv/bin/python bench/federation.py --against /tmp/base   # the import, before and after

The site is the standard corpus of 1,000 profiles (bench/.corpus/1000). The network is a corpus
of its own (another seed, so that its people are not the site's; another base URL), checked
once and exported as `sitegen build` would (`exports.export_files`) into a folder, which the
site imports as a `path` network: the fetch is a file read with the size cap, so what is timed
is validating, converting and merging, not a network. Then, with and without the import: the
matching stage and the search files (their bytes: what a visitor may download), and one whole
`build_site` each, with the wall time per stage.

`--against DIR` also times the import alone with DIR's sitegen/ package and with this tree's,
each in a fresh process, alternating, so that a before and after share one run and its load.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import gzip
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from check import BUILD_DATE, CORPUS_DIR, DEFAULT_GENERATOR, PROJECT_DIR, ensure_corpus, sitegen_environment
from exports import site_context

from sitegen import audience, build, config, exports, federation, fetch, matching
from sitegen.urls import Urls

NETWORK_SEED = 7
NETWORK_URL = "https://buren.example.org/"


def network_export(size: int, generator: Path) -> Path:
    """A folder holding api/v1/ of a network of `size` profiles, made once."""
    folder = CORPUS_DIR / f"network-{size}-export"
    if (folder / "api/v1/profiles.json").is_file():
        return folder
    corpus = CORPUS_DIR / f"network-{size}"
    shutil.rmtree(corpus, ignore_errors=True)
    arguments = ["--profiles", str(size), "--assignments", str(size // 5), "--seed", str(NETWORK_SEED)]
    subprocess.run([sys.executable, str(generator), *arguments, "--out", str(corpus)], check=True, stdout=sys.stderr)
    settings = corpus / "sitegen.yaml"
    lines = [
        f"base_url: {NETWORK_URL}" if line.startswith("base_url:") else line
        for line in settings.read_text(encoding="utf-8").splitlines()
    ]
    settings.write_text("\n".join(lines) + "\n", encoding="utf-8")
    for file in exports.export_files(site_context(corpus)):
        target = folder / file.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(file.content)
    return folder


# The import step in a process of its own, with the sitegen/ package found first on the path.
IMPORT_ONLY = """
import datetime as dt, dataclasses, sys, tempfile, time
from pathlib import Path
from sitegen import audience, build, config, fetch, federation
site, folder = Path(sys.argv[1]), sys.argv[2]
date = dt.date.fromisoformat(sys.argv[3])
assembled = build.check_site(site, build.Options(date), keep_html=False).directory
network = config.Network("Buren", path=folder, kinds=("profiles", "assignments"))
networked = dataclasses.replace(assembled.config, networks=(network,))
local = audience.select(assembled, "public").profiles
with tempfile.TemporaryDirectory() as cache:
    started = time.perf_counter()
    imported, found = federation.import_networks(
        site, networked, assembled.organisations, local, date, fetch.Settings(cache=Path(cache))
    )
    seconds = time.perf_counter() - started
assert not found and imported.profiles
print(seconds, federation.__file__)
"""


def import_side_by_side(runs: int, against: Path, site: Path, folder: Path) -> dict[Path, list[float]]:
    """The import's seconds with each tree's sitegen, alternating: `against` first, then ours."""
    seconds: dict[Path, list[float]] = {against: [], PROJECT_DIR: []}
    for _ in range(runs):
        for tree in seconds:
            done = subprocess.run(
                [sys.executable, "-c", IMPORT_ONLY, str(site), str(folder), BUILD_DATE],
                capture_output=True,
                text=True,
                cwd=CORPUS_DIR,
                env=sitegen_environment(tree),
                check=True,
            )
            taken, module = done.stdout.split()
            assert Path(module).is_relative_to(tree), (module, tree)
            seconds[tree].append(float(taken))
    return seconds


def validate_side_by_side(runs: int, folder: Path) -> tuple[float, ...]:
    """Medians of validating the export's profiles three ways, interleaved in this process."""
    from jsonschema.exceptions import best_match

    copy = federation._parse((folder / "api/v1/profiles.json").read_bytes(), "profiles")
    assert isinstance(copy, federation._Copy)
    validator, check = federation._validator("profiles", "item"), federation._item_check("profiles")
    ways: tuple[Callable[[], list[object]], ...] = (
        lambda: [best_match(validator.iter_errors(item)) for item in copy.items],
        lambda: [validator.is_valid(item) for item in copy.items],
        lambda: [check(item) for item in copy.items],
    )
    seconds: list[list[float]] = [[] for _ in ways]
    for _ in range(runs):
        for way, taken in zip(ways, seconds, strict=True):
            started = time.perf_counter()
            way()
            taken.append(time.perf_counter() - started)
    return tuple(statistics.median(taken) for taken in seconds)


def median(runs: int, work: object) -> tuple[float, object]:
    assert callable(work)
    seconds = []
    result = None
    for _ in range(runs):
        started = time.perf_counter()
        result = work()
        seconds.append(time.perf_counter() - started)
    return statistics.median(seconds), result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--site", type=int, default=1000, help="profiles of the importing site")
    parser.add_argument("--network", type=int, default=10000, help="profiles of the imported network")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--generator", type=Path, default=DEFAULT_GENERATOR)
    parser.add_argument("--against", type=Path, help="a folder with another sitegen/ package: its import beside ours")
    args = parser.parse_args()
    print(f"machine: {os.cpu_count()} cores, {platform.machine()}, Python {platform.python_version()}")
    print(f"load average before: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    site = ensure_corpus(args.site, args.generator, sys.executable)
    folder = network_export(args.network, args.generator)
    date = dt.date.fromisoformat(BUILD_DATE)
    checked = build.check_site(site, build.Options(date), keep_html=False)
    assert checked.directory is not None
    assembled = checked.directory
    network = config.Network("Buren", path=str(folder), kinds=("profiles", "assignments"))
    networked = dataclasses.replace(assembled.config, networks=(network,))
    selection = audience.select(assembled, "public")
    with tempfile.TemporaryDirectory() as cache:
        settings = fetch.Settings(cache=Path(cache))

        def run_import() -> tuple[federation.Imported, list[object]]:
            imported, found = federation.import_networks(
                site, networked, assembled.organisations, selection.profiles, date, settings
            )
            return imported, list(found)

        import_seconds, outcome = median(args.runs, run_import)
    assert isinstance(outcome, tuple)
    imported, found = outcome
    assert found == [], found
    if args.against is not None:
        against = args.against.resolve()
        timed = import_side_by_side(args.runs, against, site, folder)
        print(f"import alone, {args.runs} runs alternating, median (runs):")
        for tree, runs in timed.items():
            print(f"  {tree}: {statistics.median(runs):.2f} s ({', '.join(f'{s:.2f}' for s in runs)})")
    export_bytes = sum((folder / f"api/v1/{kind}.json").stat().st_size for kind in ("profiles", "assignments"))
    validation = validate_side_by_side(args.runs, folder)
    print()
    print(f"| step | {args.site:,} profiles alone | with {args.network:,} imported |")
    print("|---|---:|---:|")
    print(
        f"| import: read {export_bytes / 1e6:.1f} MB, validate, convert, merge (s) | - | {import_seconds:.2f} "
        f"({len(imported.profiles):,} profiles, {len(imported.assignments):,} open assignments) |"
    )
    print(
        "| validating the 10,000 profiles alone, jsonschema (`iter_errors`, `best_match`) / "
        "`is_valid` / the compiled check (s) | - | " + " / ".join(f"{v:.2f}" for v in validation) + " |"
    )
    together = dataclasses.replace(
        selection,
        profiles=selection.profiles + imported.profiles,
        open_assignments=selection.open_assignments + imported.assignments,
    )
    weights, language = assembled.config.matching, assembled.config.language
    alone_match, _ = median(args.runs, lambda: matching.match(selection, weights, date, language))
    with_match, _ = median(args.runs, lambda: matching.match(together, weights, date, language))
    print(f"| matching (s) | {alone_match:.2f} | {with_match:.2f} |")
    urls = Urls(assembled.config.base_url, language)
    with_imported = dataclasses.replace(
        selection, imported_profiles=imported.profiles, imported_assignments=imported.assignments
    )
    networked_directory = dataclasses.replace(assembled, config=networked)
    alone_search, alone_files = median(args.runs, lambda: build._search_files(selection, assembled, urls))
    with_search, with_files = median(args.runs, lambda: build._search_files(with_imported, networked_directory, urls))
    print(f"| search files (s) | {alone_search:.2f} | {with_search:.2f} |")
    sizes = []
    facet_sizes = []
    for made in (alone_files, with_files):
        assert isinstance(made, tuple)
        files = made[1]
        manifest = next(f for f in files if f.path.rsplit("/", 1)[-1].startswith("index."))
        facets = next(f for f in files if f.path.rsplit("/", 1)[-1].startswith("facets."))
        shards = [f for f in files if "/shards." in f.path]
        sizes.append((len(manifest.content), len(facets.content), len(shards), sum(len(f.content) for f in files)))
        network_facet = json.loads(facets.content).get("network")
        network_bytes = b"" if network_facet is None else json.dumps(network_facet, separators=(",", ":")).encode()
        shard_gz = sorted(len(gzip.compress(f.content, 9)) for f in shards)
        facet_sizes.append(
            (
                len(gzip.compress(manifest.content, 9)),
                len(gzip.compress(facets.content, 9)),
                len(network_bytes),
                len(gzip.compress(network_bytes, 9)) if network_bytes else 0,
                statistics.median(shard_gz),
                shard_gz[-1],
            )
        )
    print(
        "| search: manifest / facet table / shards / all search files | "
        + " | ".join(f"{m / 1e3:.1f} kB / {f / 1e3:.0f} kB / {s} / {t / 1e6:.1f} MB" for m, f, s, t in sizes)
        + " |"
    )
    print(
        "| search, gz: manifest / facet table / its network facet (raw, gz) / a shard, median-max | "
        + " | ".join(
            f"{m / 1e3:.1f} kB / {t / 1e3:.1f} kB / {n:,} B, {g:,} B / {a / 1e3:.1f}-{b / 1e3:.1f} kB"
            for m, t, n, g, a, b in facet_sizes
        )
        + " |"
    )
    with tempfile.TemporaryDirectory() as scratch:
        walls = []
        for networks in ((), (network,)):
            copy = Path(scratch) / f"site-{len(networks)}"
            shutil.copytree(site, copy)
            if networks:
                with (copy / "sitegen.yaml").open("a", encoding="utf-8") as file:
                    file.write(f"networks:\n  - name: Buren\n    path: {folder}\n")
            options = build.Options(date, networks=fetch.Settings(cache=Path(scratch) / "cache"))
            result = build.build_site(copy, Path(scratch) / f"out-{len(networks)}", options)
            assert result.published is not None
            walls.append(result.published)
        print(
            "| whole build, wall (s) | "
            + " | ".join(f"{s.seconds:.1f} ({', '.join(f'{k} {v:.1f}' for k, v in s.stages.items())})" for s in walls)
            + " |"
        )
    print(f"load average after: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
