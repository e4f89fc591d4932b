"""The only module that writes the output.

The whole site is written into a fresh folder beside the output folder, then swapped in: a
failed or interrupted build leaves the previous output as it was, and files of removed
content disappear with the old folder.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, slots=True)
class OutputFile:
    path: str  # relative to the output folder, '/'-separated
    content: bytes


@dataclass(frozen=True, slots=True)
class WriteSummary:
    files: int
    bytes: int


def write_site(out: Path, files: Iterable[OutputFile]) -> WriteSummary:
    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.new-", dir=out.parent))
    count = size = 0
    try:
        for file in files:
            target = staging / file.path
            if target.resolve().parent != staging and staging not in target.resolve().parents:
                raise ValueError(f"refusing to write outside the output folder: {file.path}")
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(file.content)
            count += 1
            size += len(file.content)
        os.chmod(staging, 0o755)
        _swap(staging, out)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return WriteSummary(count, size)


def _swap(staging: Path, out: Path) -> None:
    if not out.exists():
        os.rename(staging, out)
        return
    retired = Path(tempfile.mkdtemp(prefix=f".{out.name}.old-", dir=out.parent))
    os.rename(out, retired / out.name)
    os.rename(staging, out)
    shutil.rmtree(retired, ignore_errors=True)
