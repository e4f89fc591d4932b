"""Where a cold `sitegen build` spends its CPU: per stage and per library, sampled with py-spy.

    .venv/bin/pip install py-spy                      # once; not a dependency of sitegen
    .venv/bin/python bench/build_profile.py           # 1,000 profiles
    .venv/bin/python bench/build_profile.py --size 10000 --top 25

The real build (`python -m sitegen build <corpus> --date 2026-06-01`, its worker processes too)
runs under `py-spy record --subprocesses`, which samples every process's Python stack at a fixed
rate without slowing it much (cProfile's per-call cost would inflate the many small calls of
Jinja2 and markupsafe several times). A sample counts for CPU time: py-spy leaves out idle
threads. The tables give the CPU seconds (samples / rate) and shares:
- per stage: start-up (imports), check (reading, validating, rendering each body), match, the
  planning between the stages in the parent, and render (pages, search index, photos, writing);
- per library, by the innermost frame of each sample (its own time): a function of the standard
  library is named as such (pathlib, json: mostly writing), a C function counts for the Python
  line that calls it (nh3 and Pillow show as the sitegen lines that call them);
- the innermost functions that take the most.
"""

from __future__ import annotations

import argparse
import importlib.metadata
import re
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from check import BUILD_DATE, DEFAULT_GENERATOR, ensure_corpus

RATE = 250  # samples a second, per process
_FRAME = re.compile(r"^(?P<function>.*) \((?P<file>.*):(?P<line>\d+)\)$")
_NAMES = {"markdown": "Python-Markdown", "jinja2": "Jinja2", "yaml": "PyYAML", "PIL": "Pillow", "lunr": "lunr.py"}
_THIRD_PARTY = {name for name in importlib.metadata.packages_distributions() if name != "sitegen"}


def library_of(file: str) -> str:
    top = file.split("/")[0].removesuffix(".py")
    if top == "sitegen":
        return f"sitegen/{file.split('/', 1)[1]}"
    if file.endswith(".html"):
        return "Jinja2 templates (their compiled code)"
    if top in _THIRD_PARTY:
        return _NAMES.get(top, top)
    if top.startswith("<frozen "):
        top = top.removeprefix("<frozen ").removesuffix(">")
    return f"stdlib {top.split('.')[0]}"


def stage_of(functions: Sequence[str]) -> str:
    if "build_site" not in functions:
        return "start-up (imports)" if "_find_and_load" in functions else "other"
    if "check_site" in functions:
        return "check"
    below = functions[functions.index("build_site") + 1] if functions[-1] != "build_site" else ""
    if below == "match":
        return "match"
    if below in ("_render_stage", "run_timed", "Staging.commit"):  # run_timed: a worker's stack
        return "render"
    return "plan (in the parent, between match and render)"


def record(corpus: Path, rate: int) -> list[tuple[list[tuple[str, str, int]], int]]:
    """The samples of one build: (frames outermost first as (function, file, line), count)."""
    py_spy = shutil.which("py-spy", path=str(Path(sys.executable).parent)) or shutil.which("py-spy")
    if py_spy is None:
        raise SystemExit("bench/build_profile.py needs py-spy: .venv/bin/pip install py-spy")
    with tempfile.TemporaryDirectory(prefix="sitegen-profile-") as scratch:
        samples = Path(scratch) / "samples.txt"
        build = [sys.executable, "-m", "sitegen", "build", str(corpus), "--out", f"{scratch}/out", "--date", BUILD_DATE]
        build.append("--no-cache")  # a cold build: the check's cache would hide the check stage
        spy = [py_spy, "record", "--format", "raw", "--subprocesses", "--rate", str(rate), "-o", str(samples)]
        completed = subprocess.run([*spy, "--", *build], capture_output=True, text=True, check=False)
        if not samples.exists():
            raise SystemExit(f"py-spy recorded nothing:\n{completed.stderr[-2000:]}")
        lines = samples.read_text(encoding="utf-8").splitlines()
    stacks = []
    for line in lines:
        stack, _, count = line.rpartition(" ")
        frames = []
        for frame in stack.split(";"):
            parsed = _FRAME.match(frame)
            if parsed:  # the first element of a worker's stack is "process N:<command>"
                frames.append((parsed["function"], parsed["file"], int(parsed["line"])))
        if frames:
            stacks.append((frames, int(count)))
    return stacks


def _table(title: str, counts: Counter[str], rate: int, total: int, floor: float = 0.005) -> None:
    print(f"\n| {title} | CPU s | share |\n|---|---:|---:|")
    rest = 0
    for name, count in counts.most_common():
        if count / total < floor:
            rest += count
        else:
            print(f"| {name} | {count / rate:.2f} | {100 * count / total:.1f} % |")
    if rest:
        print(f"| (each below {100 * floor:.1f} %) | {rest / rate:.2f} | {100 * rest / total:.1f} % |")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", type=int, default=1000, help="profiles in the corpus (default: %(default)s)")
    parser.add_argument("--top", type=int, default=15, help="functions to list (default: %(default)s)")
    parser.add_argument("--rate", type=int, default=RATE, help="samples a second (default: %(default)s)")
    arguments = parser.parse_args(argv)
    stacks = record(ensure_corpus(arguments.size, DEFAULT_GENERATOR, sys.executable), arguments.rate)
    stages: Counter[str] = Counter()
    libraries: Counter[str] = Counter()
    functions: Counter[str] = Counter()
    for frames, count in stacks:
        stages[stage_of([function for function, _, _ in frames])] += count
        function, file, line = frames[-1]
        libraries[library_of(file)] += count
        functions[f"`{function}` ({file}:{line})"] += count
    total = sum(stages.values())
    print(f"{arguments.size:,} profiles: {total / arguments.rate:.2f} CPU s sampled at {arguments.rate} a second")
    _table("stage", stages, arguments.rate, total, floor=0)
    _table("library or module (own time)", libraries, arguments.rate, total)
    print("\n| innermost function (line) | CPU s | share |\n|---|---:|---:|")
    for name, count in functions.most_common(arguments.top):
        print(f"| {name} | {count / arguments.rate:.2f} | {100 * count / total:.1f} % |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
