#!/usr/bin/env python3
"""Refresh the vendored browser files of the default theme from the npm registry.

    python scripts/vendor_js.py            # fetch the pinned versions with `npm pack`, copy, record checksums
    python scripts/vendor_js.py --verify   # check the vendored files against VENDOR.json (no network)

The versions are pinned here; the theme records them, with each file's sha256 and licence,
in themes/default/static/vendor/VENDOR.json. A built site never loads anything from a CDN.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENDOR = ROOT / "themes" / "default" / "static" / "vendor"
LICENCES = {"lunr": "MIT", "lunr-languages": "MPL-1.1"}
PACKAGES = {
    "lunr": ("2.3.9", {"lunr.min.js": "lunr.min.js", "LICENSE": "LICENSE-lunr.txt"}),
    "lunr-languages": ("1.22.0", {
        "min/lunr.stemmer.support.min.js": "lunr.stemmer.support.min.js",
        "min/lunr.nl.min.js": "lunr.nl.min.js",
        "LICENSE": "LICENSE-lunr-languages.txt",
    }),
}


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def fetch() -> None:
    record: dict[str, dict[str, object]] = {}
    VENDOR.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as scratch:
        for package, (version, files) in PACKAGES.items():
            output = subprocess.run(["npm", "pack", f"{package}@{version}", "--silent"], cwd=scratch, check=True,
                                    capture_output=True, text=True).stdout.strip().splitlines()[-1]
            with tarfile.open(Path(scratch) / output) as archive:
                for source, target in files.items():
                    member = archive.extractfile(f"package/{source}")
                    if member is None:
                        raise SystemExit(f"{package}@{version} has no {source}")
                    (VENDOR / target).write_bytes(member.read())
            record[package] = {
                "version": version,
                "licence": LICENCES[package],
                "source": f"npm registry, {package}@{version}",
                "files": {target: {"from": source, "sha256": sha256(VENDOR / target)} for source, target in files.items()},
            }
    (VENDOR / "VENDOR.json").write_text(json.dumps(record, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    print(f"vendored {', '.join(f'{p}@{v}' for p, (v, _) in PACKAGES.items())} into {VENDOR.relative_to(ROOT)}")


def verify() -> int:
    record = json.loads((VENDOR / "VENDOR.json").read_text(encoding="utf-8"))
    bad = [name for package in record.values() for name, info in package["files"].items()
           if sha256(VENDOR / name) != info["sha256"]]
    for name in bad:
        print(f"{VENDOR / name}: checksum differs from VENDOR.json", file=sys.stderr)
    return 1 if bad else 0


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--verify", action="store_true")
    sys.exit(verify() if parser.parse_args().verify else fetch())
