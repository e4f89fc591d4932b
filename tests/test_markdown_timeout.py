"""Case 29: a body that makes Python-Markdown quadratic is stopped at the time limit.

8,000 brackets then 8,000 closing ones take Python-Markdown many seconds. The worker process
reading that file is killed after `--time-limit`, the file gets a diagnostic, the other files
are still checked, and `build --keep-going` publishes them.
"""

from __future__ import annotations

import io
import json
import os
import time
from pathlib import Path

import pytest
from conftest import ENGLISH, VALID_ASSIGNMENT, VALID_PROFILE, SiteFactory

from sitegen import cli, urls
from sitegen.workers import Crashed, TimedOut, run_timed

SLOW = "content/profiles/traag.md"
SLOW_BODY = "[" * 8000 + "]" * 8000 + "\n"
TIME_LIMIT = {
    "path": SLOW,
    "line": 1,
    "column": 1,
    "severity": "error",
    "code": "time-limit",
    "language": "en",
    "message": "reading this file took longer than 1 second and was stopped",
    "hint": "the text probably holds a long run of brackets or other Markdown syntax: simplify it",
}


@pytest.fixture(autouse=True)
def no_step_summary(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)


def test_slow_body_is_stopped_and_the_rest_is_published(make_site: SiteFactory, tmp_path: Path) -> None:
    slow = VALID_PROFILE.replace("Anna de Vries", "Trage Tim").replace("Ik werk aan de Omgevingswet.", SLOW_BODY)
    site = make_site(
        {
            **ENGLISH,
            "content/profiles/anna-de-vries.md": VALID_PROFILE,
            SLOW: slow,
            "content/profiles/bert.md": VALID_PROFILE.replace("consent: 2026-03-01", "consent: 2026-02-30"),
            "content/assignments/klus.md": VALID_ASSIGNMENT,
        }
    )
    out = tmp_path / "out"
    stdout, stderr = io.StringIO(), io.StringIO()
    started = time.monotonic()
    status = cli.main(
        [
            "build",
            str(site),
            "--out",
            str(out),
            "--date",
            "2026-12-01",
            "--keep-going",
            "--time-limit",
            "1",
            "--jobs",
            "2",
            "--format",
            "json",
        ],
        stdout=stdout,
        stderr=stderr,
    )
    seconds = time.monotonic() - started
    assert status == 1
    found = json.loads(stdout.getvalue())
    assert found == [
        {
            "path": "content/profiles/bert.md",
            "line": 7,
            "column": 10,
            "severity": "error",
            "code": "invalid-date",
            "language": "en",
            "message": "consent: '2026-02-30' is not a date that exists",
            "hint": "write the date as YYYY-MM-DD, for example 2026-03-31",
        },
        TIME_LIMIT,
    ]
    assert stderr.getvalue().splitlines()[-1] == (
        "sitegen: published without 2 broken files: content/profiles/bert.md, content/profiles/traag.md"
    )
    address = urls.Urls("https://example.org/", "en")
    assert (out / address.output_file(address.profile("anna-de-vries"))).is_file()
    assert (out / address.output_file(address.assignment("klus"))).is_file()
    assert not (out / address.output_file(address.profile("traag"))).exists()
    assert b"Trage Tim" not in b"".join(p.read_bytes() for p in out.rglob("*") if p.is_file())
    assert seconds < 8, "the worker must be killed at the limit, not left to finish (that takes ~20 s)"


def _sleep_or_die(seconds: float, factor: float) -> float:
    """A task for the pool: sleeps, or (for a negative number) ends its process without a word."""
    if seconds < 0:
        os._exit(3)
    time.sleep(seconds * factor)
    return seconds * factor


def test_pool_kills_slow_tasks_and_replaces_dead_workers() -> None:
    started = time.monotonic()
    results = run_timed(_sleep_or_die, [0.0, 30.0, -1.0, 0.01, 30.0, 0.0], 1.0, time_limit=0.5, jobs=2)
    assert results == [
        0.0,
        TimedOut(0.5),
        Crashed.lost("the worker process ended unexpectedly"),
        0.01,
        TimedOut(0.5),
        0.0,
    ]
    assert time.monotonic() - started < 10  # the two slow tasks alone would take 60 s


def test_pool_without_tasks() -> None:
    assert run_timed(_sleep_or_die, [], 1.0, time_limit=0.5, jobs=2) == []
