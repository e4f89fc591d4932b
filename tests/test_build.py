"""The build as a whole: rebuilding into the same folder, failed builds, and reproducibility.

Cases 32 and 33 of docs/hostile-inputs.md: a profile deleted between two builds leaves no trace in
the second, and two builds of the demo in different environments (hash seed, time zone,
locale, worker count, the order in which the files were created) are byte-identical.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import BUILD_DATE, REPO, VALID_ASSIGNMENT, VALID_PROFILE, write_site
from outputs import ADDRESS, build_into, built, digests, html_pages, links, local_target, page_of, snapshot

from sitegen import build, cli
from sitegen.failures import ThemeProblem

BERT = """\
---
name: Bert Jansen
role: Projectleider
organisation: waterschap-de-dommel
fields: [Waterbeheer]
skills: [verbindend, dijkversterking]
consent: 2026-04-01
---

Ik werk aan de dijken.
"""
BERT_PATH = "content/profiles/bert-jansen.md"
ANNA_PATH = "content/profiles/anna-de-vries.md"
KLUS_PATH = "content/assignments/klus.md"
KLUS_WITH_BERT = VALID_ASSIGNMENT.replace("deadline: 2026-12-20\n", "deadline: 2026-12-20\ncontact: bert-jansen\n")
BROKEN_PROFILE = VALID_PROFILE.replace("consent: 2026-03-01", "consent: 2026-02-30")


def site_files() -> dict[str, str | bytes]:
    return {ANNA_PATH: VALID_PROFILE, BERT_PATH: BERT, KLUS_PATH: KLUS_WITH_BERT}


def leftovers(folder: Path) -> list[str]:
    """Staging folders a build left beside its output."""
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("."))


# ---------------------------------------------------------------------------------------------
# Case 32: a deleted profile


def test_a_deleted_profile_leaves_no_trace(tmp_path: Path) -> None:
    site = write_site(tmp_path / "site", site_files())
    out = tmp_path / "out"
    bert = page_of(ADDRESS.profile("bert-jansen"))
    bert_href = ADDRESS.href(ADDRESS.profile("bert-jansen"))

    before = built(site, out, BUILD_DATE)
    assert bert in before
    assert f"<loc>{ADDRESS.absolute(ADDRESS.profile('bert-jansen'))}</loc>" in before["sitemap.xml"].decode()
    linking = {path for path, text in html_pages(before).items() if bert_href in set(links(text))}
    assert {
        page_of(ADDRESS.listing("profiles")),
        page_of(ADDRESS.assignment("klus")),
        "index.html",
        page_of(ADDRESS.term("skills", "dijkversterking")),
    } <= linking

    (site / BERT_PATH).unlink()
    (site / KLUS_PATH).write_text(VALID_ASSIGNMENT, encoding="utf-8")  # the contact goes with the profile
    after = built(site, out, BUILD_DATE)

    assert bert not in after
    assert [path for path in after if "bert-jansen" in path] == []
    assert [path for path, data in after.items() if b"bert-jansen" in data or b"Bert Jansen" in data] == []
    assert "bert-jansen" not in after["sitemap.xml"].decode()
    [documents] = [data for path, data in after.items() if path.startswith("zoeken/documents.")]
    assert "Bert Jansen" not in {document["t"] for document in json.loads(documents)}
    assert page_of(ADDRESS.term("skills", "dijkversterking")) not in after  # his own skill went with him
    assert page_of(ADDRESS.term("fields", "waterbeheer")) not in after
    assert [path for path, text in html_pages(after).items() if bert in map(local_target, links(text))] == []
    dead = {
        (path, href)
        for path, text in html_pages(after).items()
        for href in links(text)
        if (target := local_target(href)) is not None and target not in after
    }
    assert dead == set()
    assert after == snapshot(out)
    assert leftovers(tmp_path) == []


def test_rebuilding_an_unchanged_site_changes_nothing(tmp_path: Path) -> None:
    site = write_site(tmp_path / "site", site_files())
    first = built(site, tmp_path / "out", BUILD_DATE)
    assert built(site, tmp_path / "out", BUILD_DATE) == first
    assert leftovers(tmp_path) == []


# ---------------------------------------------------------------------------------------------
# A failed build keeps the previous output; --keep-going publishes the rest


def test_a_failed_build_leaves_the_previous_output_byte_identical(tmp_path: Path) -> None:
    site = write_site(tmp_path / "site", site_files())
    out = tmp_path / "out"
    before = built(site, out, BUILD_DATE)
    stamps = {p: p.stat().st_mtime_ns for p in out.rglob("*")}

    (site / BERT_PATH).write_text(BERT.replace("Bert Jansen", "Bert Pietersen"), encoding="utf-8")
    (site / ANNA_PATH).write_text(BROKEN_PROFILE, encoding="utf-8")
    result = build_into(site, out, BUILD_DATE)

    assert result.published is None
    assert result.check.broken_files == [ANNA_PATH]
    assert snapshot(out) == before
    assert {p: p.stat().st_mtime_ns for p in out.rglob("*")} == stamps
    assert leftovers(tmp_path) == []


def test_a_crash_while_rendering_leaves_the_previous_output(tmp_path: Path) -> None:
    """A broken theme template fails the build in a worker; the staging folder is removed."""
    site = write_site(tmp_path / "site", site_files())
    out = tmp_path / "out"
    before = built(site, out, BUILD_DATE)
    write_site(
        site,
        {
            "sitegen.yaml": "title: Testnetwerk\nbase_url: https://example.org/\ntheme: eigen\n",
            "themes/eigen/templates/profile.html": "{{ no_such_value.attribute }}\n",
        },
        defaults=False,
    )
    with pytest.raises(ThemeProblem) as raised:
        build_into(site, out, BUILD_DATE)
    template = site / "themes" / "eigen" / "templates" / "profile.html"
    assert str(raised.value) == (
        f"{template}:1: UndefinedError: 'no_such_value' is undefined (while rendering /profielen/anna-de-vries/)"
    )
    assert snapshot(out) == before
    assert leftovers(tmp_path) == []


def test_a_git_worktree_as_output_keeps_its_repository(tmp_path: Path) -> None:
    """A gh-pages checkout as the output folder: the build replaces the site, not the repository."""
    site = write_site(tmp_path / "site", site_files())
    out = tmp_path / "out"
    built(site, out, BUILD_DATE)
    (out / ".git").mkdir()
    (out / ".git" / "HEAD").write_text("ref: refs/heads/gh-pages\n", encoding="utf-8")
    (out / "stale.html").write_text("old", encoding="utf-8")
    built(site, out, BUILD_DATE)
    assert (out / ".git" / "HEAD").read_text(encoding="utf-8") == "ref: refs/heads/gh-pages\n"
    assert not (out / "stale.html").exists()
    assert leftovers(tmp_path) == []


def test_keep_going_publishes_the_rest(tmp_path: Path) -> None:
    """The broken profile is left out, and the assignment that names it as contact shows no contact."""
    files = {
        **site_files(),
        "content/profiles/carla.md": BROKEN_PROFILE,
        "content/assignments/kapot.md": "---\ntitle: Kapot\n---\n",
        "content/assignments/klus-drie.md": VALID_ASSIGNMENT.replace("posted:", "contact: carla\nposted:"),
    }
    site = write_site(tmp_path / "site", files)
    out = tmp_path / "out"
    refused = build_into(site, out, BUILD_DATE)
    assert refused.published is None
    assert not out.exists()

    result = build_into(site, out, BUILD_DATE, keep_going=True)
    assert result.published is not None
    assert result.check.broken_files == ["content/assignments/kapot.md", "content/profiles/carla.md"]
    output = snapshot(out)
    for present in (
        ADDRESS.profile("anna-de-vries"),
        ADDRESS.profile("bert-jansen"),
        ADDRESS.assignment("klus"),
        ADDRESS.assignment("klus-drie"),
    ):
        assert page_of(present) in output
    assert [
        path
        for path, data in output.items()
        if b"carla" in data or b"kapot" in data.lower() or "carla" in path or "kapot" in path
    ] == []
    assert 'id="contact"' not in output[page_of(ADDRESS.assignment("klus-drie"))].decode()
    assert leftovers(tmp_path) == []


# ---------------------------------------------------------------------------------------------
# Case 33: reproducible output


def copy_reversed(source: Path, target: Path) -> None:
    """Copy the demo's site files into a fresh folder, creating them in reverse order."""
    files = [source / "sitegen.yaml", *sorted(p for p in (source / "content").rglob("*") if p.is_file())]
    for path in reversed(files):
        destination = target / path.relative_to(source)
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, destination)


# ext4 lists a folder in the order of its name hashes, whatever the order of creation, so the
# second build also runs with os.scandir and os.listdir answering in reverse name order.
REVERSED_LISTINGS = """
import os, sys
_scandir, _listdir = os.scandir, os.listdir
class Listing:  # an iterator, as os.scandir's is: os.walk (Jinja's template listing) calls next() on it
    def __init__(self, entries): self.entries = iter(entries)
    def __iter__(self): return self
    def __next__(self): return next(self.entries)
    def __enter__(self): return self
    def __exit__(self, *problem): return None
    def close(self): pass
def scandir(path="."):
    with _scandir(path) as entries:
        return Listing(sorted(entries, key=lambda entry: entry.name, reverse=True))
os.scandir = scandir
os.listdir = lambda path=".": sorted(_listdir(path), reverse=True)
from sitegen.cli import main
sys.exit(main(sys.argv[1:]))
"""


def locales() -> tuple[str, str]:
    """Two locales of this machine: C.UTF-8, and another one if any is installed, else C."""
    found = subprocess.run(["locale", "-a"], capture_output=True, text=True, check=False).stdout.split()
    others = [name for name in found if name.lower().replace("-", "") not in {"c", "posix", "c.utf8"}]
    return "C.UTF-8", (others[0] if others else "C")


def build_demo(site: Path, out: Path, jobs: int, program: list[str], **environment: str) -> None:
    env = {key: value for key, value in os.environ.items() if key not in {"SOURCE_DATE_EPOCH", "LANGUAGE"}}
    env.update(environment)
    result = subprocess.run(
        [*program, "build", str(site), "--out", str(out), "--date", "2026-12-01", "--jobs", str(jobs)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.slow
def test_two_builds_of_the_demo_are_byte_identical(tmp_path: Path) -> None:
    copy = tmp_path / "demo"
    copy_reversed(REPO, copy)
    first_locale, second_locale = locales()
    build_demo(
        REPO,
        tmp_path / "one",
        2,
        [sys.executable, "-m", "sitegen"],
        PYTHONHASHSEED="1",
        TZ="UTC",
        LC_ALL=first_locale,
        LANG=first_locale,
    )
    build_demo(
        copy,
        tmp_path / "two",
        1,
        [sys.executable, "-c", REVERSED_LISTINGS],
        PYTHONHASHSEED="4242",
        TZ="Pacific/Auckland",
        LC_ALL=second_locale,
        LANG="nl_NL.UTF-8",
    )

    one, two = digests(tmp_path / "one"), digests(tmp_path / "two")
    assert len(one) > 100
    assert sorted(one) == sorted(two)
    assert [path for path in one if one[path] != two[path]] == []


# ---------------------------------------------------------------------------------------------
# An output folder a build must not replace (a build replaces the whole folder)


def run_cli(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    status = cli.main([*args, "--date", BUILD_DATE.isoformat(), "--jobs", "2"], stdout=out, stderr=err)
    return status, out.getvalue(), err.getvalue()


OWN_FOLDER = "; write to a folder of its own, such as '{output}'"


@pytest.mark.parametrize(
    ("where", "problem"),
    [
        ("site", "holds the site itself, which the build would delete" + OWN_FOLDER),
        (".", "holds the site itself, which the build would delete" + OWN_FOLDER),
        ("site/content", "lies in the site's content/ folder" + OWN_FOLDER),
        ("site/content/profiles", "lies in the site's content/ folder" + OWN_FOLDER),
        ("site/themes/eigen", "lies in the site's themes/ folder" + OWN_FOLDER),
        ("site/sitegen.yaml", "is a file, not a folder"),
        (
            "documenten",
            "is not empty and holds no earlier build (it has no .sitegen-build file); a build replaces "
            "the whole folder, so choose a new or empty folder, or move the files elsewhere first",
        ),
    ],
)
def test_an_output_folder_that_holds_other_files_is_refused(tmp_path: Path, where: str, problem: str) -> None:
    """`--out .` in the repository would have deleted it, .git and all."""
    site = write_site(tmp_path / "site", {**site_files(), "themes/eigen/templates/.keep": ""})
    write_site(tmp_path / "documenten", {"brief.txt": "niet weggooien"}, defaults=False)
    before = snapshot(tmp_path)
    out = tmp_path / where
    status, stdout, err = run_cli("build", str(site), "--out", str(out))
    message = problem.format(output=site / "output")
    assert (status, stdout, err) == (2, "", f"sitegen: error: --out: '{out}' {message}\n")
    assert snapshot(tmp_path) == before


def test_an_empty_folder_and_an_earlier_build_may_be_replaced(tmp_path: Path) -> None:
    site = write_site(tmp_path / "site", site_files())
    (tmp_path / "leeg").mkdir()
    assert run_cli("build", str(site), "--out", str(tmp_path / "leeg"))[0] == 0
    assert run_cli("build", str(site), "--out", str(tmp_path / "leeg"))[0] == 0
    assert run_cli("build", str(site))[0] == 0  # the default, SITE/output
    assert snapshot(tmp_path / "leeg") == snapshot(site / "output")


def test_without_fork_the_pages_render_in_process_with_the_same_output(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Where workers are spawned (macOS, Windows), rendering stays in the parent: same files."""
    site = write_site(tmp_path / "site", site_files())
    forked = built(site, tmp_path / "forked", BUILD_DATE)
    monkeypatch.setattr("sitegen.build.workers_share_memory", lambda: False)
    assert built(site, tmp_path / "in-process", BUILD_DATE) == forked


def test_the_summary_times_each_stage_in_order(tmp_path: Path) -> None:
    """`time per stage` on the command line: the stages as they ran, together within the whole."""
    site = write_site(tmp_path / "site", site_files())
    result = build.build_site(site, tmp_path / "out", build.Options(BUILD_DATE))
    assert result.published is not None
    stages = result.published.stages
    assert list(stages) == ["check", "import", "match", "plan", "render", "swap"]
    assert all(seconds >= 0 for seconds in stages.values())
    assert sum(stages.values()) <= result.published.seconds
    cached = build.build_site(site, tmp_path / "out", build.Options(BUILD_DATE, cache=tmp_path / "cache"))
    assert cached.published is not None
    assert list(cached.published.stages) == ["check", "import", "match", "plan", "render", "swap", "manifest"]
