"""The Nu HTML Checker (npm vnu-jar) over many files in one JVM start."""

from __future__ import annotations

import json
import subprocess
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from .tools import VNU


@dataclass(frozen=True, slots=True)
class Message:
    file: str
    line: int
    column: int
    kind: str  # error, info (warnings are info with subType warning), non-document-error
    text: str
    extract: str

    def __str__(self) -> str:
        extract = " ".join(self.extract.split())
        return f"  {self.line}:{self.column} {self.kind}: {self.text}" + (f"\n      near: {extract}" if extract else "")


def check(files: list[Path], errors_only: bool = True, timeout: float = 300) -> list[Message]:
    """Run vnu.jar once over `files`; its messages (errors only by default)."""
    # TieredStopAtLevel=1: the quick compiler only, which halves the time of one run over a few hundred pages.
    command = [
        "java",
        "-XX:TieredStopAtLevel=1",
        "-Xss4m",
        "-jar",
        str(VNU),
        "--format",
        "json",
        *(["--errors-only"] if errors_only else []),
        *map(str, files),
    ]
    done = subprocess.run(command, capture_output=True, text=True, timeout=timeout, check=False)
    output = done.stderr.strip() or done.stdout.strip()  # vnu writes its report to stderr
    try:
        report = json.loads(output)
    except json.JSONDecodeError as problem:
        raise RuntimeError(f"vnu.jar exited with {done.returncode} and no JSON report: {output[:2000]}") from problem
    return [_message(item) for item in report.get("messages", [])]


def _message(item: dict[str, object]) -> Message:
    url = str(item.get("url", ""))
    file = unquote(urlsplit(url).path) if url.startswith("file:") else url
    kind = str(item.get("subType") or item.get("type", "error"))
    line = int(str(item.get("lastLine", 0)))
    column = int(str(item.get("firstColumn", item.get("lastColumn", 0))))
    return Message(file, line, column, kind, str(item.get("message", "")), str(item.get("extract", "")))


def describe(messages: list[Message], root: Path) -> str:
    """Messages grouped by file, paths relative to `root`."""
    by_file: dict[str, list[Message]] = defaultdict(list)
    for message in messages:
        by_file[message.file].append(message)
    lines = [f"{len(messages)} messages from the Nu HTML Checker in {len(by_file)} files:"]
    for file in sorted(by_file):
        try:
            name = Path(file).relative_to(root).as_posix()
        except ValueError:
            name = file
        lines.append(name)
        lines += [str(message) for message in by_file[file]]
    return "\n".join(lines)
