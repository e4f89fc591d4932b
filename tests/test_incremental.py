"""Incremental builds (carry.py): a build with a cache carries over from the previous output every
file whose inputs are unchanged, and its output is always byte for byte that of a cold build."""

from __future__ import annotations

import hashlib
import io
import json
import os
import random
import re
import shutil
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from conftest import BUILD_DATE, REPO

from sitegen import build as build_module
from sitegen import carry, cli, preview, render, serve, write


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """The demo directory: profiles with photos, assignments with contacts, pages."""
    target = tmp_path / "site"
    shutil.copytree(REPO / "content", target / "content")
    shutil.copy(REPO / "sitegen.yaml", target / "sitegen.yaml")
    return target


def build(site: Path, out: Path, *options: str) -> str:
    report, err = io.StringIO(), io.StringIO()
    status = cli.main(
        ["build", str(site), "--out", str(out), "--date", BUILD_DATE.isoformat(), "--jobs", "2", *options],
        stdout=report,
        stderr=err,
    )
    assert status == 0, report.getvalue() + err.getvalue()
    return err.getvalue()


def tree(folder: Path) -> dict[str, bytes]:
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and path.name != ".sitegen-build"
    }


def assert_same_as_cold(site: Path, out: Path, tmp_path: Path) -> None:
    cold = tmp_path / "cold"
    shutil.rmtree(cold, ignore_errors=True)
    build(site, cold, "--no-cache")
    incremental, expected = tree(out), tree(cold)
    assert sorted(incremental) == sorted(expected)
    assert [path for path in expected if incremental[path] != expected[path]] == []


def carried(err: str) -> tuple[int, int] | None:
    found = re.search(r"sitegen: (\d+) van de (\d+) bestanden ongewijzigd overgenomen uit de vorige uitvoer\n", err)
    return None if found is None else (int(found[1]), int(found[2]))


def test_a_rebuild_of_the_same_content_links_every_file_of_the_previous_output(site: Path, tmp_path: Path) -> None:
    out, cache = tmp_path / "out", tmp_path / "cache"
    first = build(site, out, "--cache", str(cache))
    assert carried(first) is None  # the first build has nothing to carry over
    inodes = {path: os.stat(out / path).st_ino for path in tree(out)}
    again = build(site, out, "--cache", str(cache))
    files = len(inodes)
    assert carried(again) == (files, files)
    assert {path: os.stat(out / path).st_ino for path in tree(out)} == inodes  # the same files, linked
    assert_same_as_cold(site, out, tmp_path)


def test_without_a_cache_every_file_is_made_again(site: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    build(site, out, "--no-cache")
    inodes = {path: os.stat(out / path).st_ino for path in tree(out)}
    err = build(site, out, "--no-cache")
    assert carried(err) is None
    assert not any(os.stat(out / path).st_ino == inode for path, inode in inodes.items())


# ---------------------------------------------------------------------------------------------
# Random edits


def _profiles(site: Path) -> list[Path]:
    return sorted((site / "content" / "profiles").glob("*.md"))


def _assignments(site: Path) -> list[Path]:
    return sorted((site / "content" / "assignments").glob("*.md"))


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{path.name} has no {old!r}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def change_a_body(site: Path, pick: random.Random) -> None:
    path = pick.choice(_profiles(site) + _assignments(site))
    with path.open("a", encoding="utf-8") as file:
        file.write(f"\nNog een zin, nummer {pick.randrange(1000)}.\n")


def change_a_skill(site: Path, pick: random.Random) -> None:
    """Another skill of the vocabulary first: its term pages, the matches and the search change."""
    vocabulary = (site / "content" / "vocabulary.yaml").read_text("utf-8").partition("\nskills:\n")[2]
    path = pick.choice(_profiles(site))
    text = path.read_text("utf-8")
    skill = pick.choice([t for t in re.findall(r"^  - term: (.*)$", vocabulary, re.MULTILINE) if t not in text])
    path.write_text(re.sub(r"^skills:\n  - .*$", f"skills:\n  - {skill}", text, count=1, flags=re.MULTILINE), "utf-8")


def change_a_date(site: Path, pick: random.Random) -> None:
    path = pick.choice(_profiles(site))
    text = path.read_text(encoding="utf-8")
    day = f"2026-11-{pick.randrange(1, 29):02d}"
    if re.search(r"^updated: .*$", text, re.MULTILINE):
        text = re.sub(r"^updated: .*$", f"updated: {day}", text, count=1, flags=re.MULTILINE)
    else:
        text = text.replace("\n---\n", f"\nupdated: {day}\n---\n", 1)
    path.write_text(text, encoding="utf-8")


def rename(site: Path, pick: random.Random) -> None:
    """A profile moves to another file name (its slug), its photo with it; no assignment names it."""
    named = {m for a in _assignments(site) for m in re.findall(r"^contact: (\S+)$", a.read_text("utf-8"), re.MULTILINE)}
    path = pick.choice([p for p in _profiles(site) if p.stem not in named])
    slug = f"{path.stem}-{pick.randrange(100, 1000)}"
    photo = path.with_suffix(".jpg")
    if photo.exists():
        photo.rename(photo.with_name(f"{slug}.jpg"))
    path.rename(path.with_name(f"{slug}.md"))


def delete(site: Path, pick: random.Random) -> None:
    named = {m for a in _assignments(site) for m in re.findall(r"^contact: (\S+)$", a.read_text("utf-8"), re.MULTILINE)}
    path = pick.choice([p for p in _profiles(site) if p.stem not in named])
    path.with_suffix(".jpg").unlink(missing_ok=True)
    path.unlink()


def add(site: Path, pick: random.Random) -> None:
    source = pick.choice(_profiles(site))
    number = pick.randrange(100, 1000)
    text = re.sub(r"^name: .*$", f"name: Nieuw Lid {number}", source.read_text("utf-8"), count=1, flags=re.MULTILINE)
    (source.parent / f"nieuw-lid-{number}.md").write_text(text, encoding="utf-8")


def make_internal(site: Path, pick: random.Random) -> None:
    named = {m for a in _assignments(site) for m in re.findall(r"^contact: (\S+)$", a.read_text("utf-8"), re.MULTILINE)}
    path = pick.choice([p for p in _profiles(site) if p.stem not in named and "visibility:" not in p.read_text()])
    _replace(path, "\n---\n", "\nvisibility: internal\n---\n")


def close_an_assignment(site: Path, pick: random.Random) -> None:
    path = pick.choice([a for a in _assignments(site) if "\nstatus: open\n" in a.read_text("utf-8")])
    _replace(path, "\nstatus: open\n", "\nstatus: filled\n")


def rename_an_organisation(site: Path, pick: random.Random) -> None:
    path = site / "content" / "organisations.yaml"
    names = re.findall(r"^  name: (.*)$", path.read_text("utf-8"), re.MULTILINE)
    name = pick.choice(names)
    _replace(path, f"  name: {name}\n", f"  name: {name} (nieuw)\n")


def change_the_title(site: Path, pick: random.Random) -> None:
    _replace(site / "sitegen.yaml", "title: ", f"title: {pick.choice('ABC')} ")


EDITS: list[Callable[[Path, random.Random], None]] = [
    change_a_body,
    change_a_skill,
    change_a_date,
    rename,
    delete,
    add,
    make_internal,
    close_an_assignment,
    rename_an_organisation,
    change_the_title,
]


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_after_random_edits_the_output_is_a_cold_builds(site: Path, tmp_path: Path, seed: int) -> None:
    pick = random.Random(seed)
    out, cache = tmp_path / "out", tmp_path / "cache"
    build(site, out, "--cache", str(cache))
    done = []
    for _ in range(8):
        edit = pick.choice(EDITS)
        edit(site, pick)
        done.append(edit.__name__)
        err = build(site, out, "--cache", str(cache))
        assert carried(err) is not None, (done, err)  # the assets at least
        assert_same_as_cold(site, out, tmp_path)


@pytest.mark.parametrize("edit", EDITS, ids=lambda edit: edit.__name__)
def test_each_kind_of_edit_gives_the_output_of_a_cold_build(
    site: Path, tmp_path: Path, edit: Callable[[Path, random.Random], None]
) -> None:
    out, cache = tmp_path / "out", tmp_path / "cache"
    build(site, out, "--cache", str(cache))
    edit(site, random.Random(7))
    count = carried(build(site, out, "--cache", str(cache)))
    assert count is not None and count[0] < count[1]  # the edit changed something
    assert_same_as_cold(site, out, tmp_path)


def test_an_internal_build_beside_a_public_one_keeps_its_own_manifest(site: Path, tmp_path: Path) -> None:
    public, internal, cache = tmp_path / "public", tmp_path / "internal", tmp_path / "cache"
    build(site, public, "--cache", str(cache))
    build(site, internal, "--cache", str(cache), "--audience", "internal")
    make_internal(site, random.Random(3))
    build(site, internal, "--cache", str(cache), "--audience", "internal")
    build(site, public, "--cache", str(cache))
    cold = tmp_path / "cold-internal"
    build(site, cold, "--no-cache", "--audience", "internal")
    assert tree(internal) == tree(cold)
    assert_same_as_cold(site, public, tmp_path)


# ---------------------------------------------------------------------------------------------
# What the next build must not trust


def test_a_file_of_the_output_changed_by_hand_is_made_again(site: Path, tmp_path: Path) -> None:
    out, cache = tmp_path / "out", tmp_path / "cache"
    build(site, out, "--cache", str(cache))
    page = out / "index.html"
    original = page.read_bytes()
    page.write_bytes(original.replace(b"<h1", b"<h1 data-changed", 1))  # in place: the same inode
    err = build(site, out, "--cache", str(cache))
    assert page.read_bytes() == original
    count = carried(err)
    assert count is not None and count[0] == count[1] - 1


def test_a_damaged_manifest_is_ignored_with_a_warning(site: Path, tmp_path: Path) -> None:
    out, cache = tmp_path / "out", tmp_path / "cache"
    build(site, out, "--cache", str(cache))
    manifest = carry.manifest_path(cache, out)
    data = bytearray(manifest.read_bytes())
    data[-10] ^= 0x01
    manifest.write_bytes(bytes(data))
    err = build(site, out, "--cache", str(cache))
    assert (
        f"sitegen: warning: het overzicht van de vorige uitvoer '{manifest}' is niet te vertrouwen "
        "(its digest does not match its content): het wordt genegeerd en elk bestand wordt opnieuw gemaakt\n"
    ) in err
    assert carried(err) is None
    assert_same_as_cold(site, out, tmp_path)
    assert carried(build(site, out, "--cache", str(cache))) is not None  # the next build trusts its own


def test_the_manifest_of_another_output_folder_is_not_taken(site: Path, tmp_path: Path) -> None:
    out, other, cache = tmp_path / "out", tmp_path / "other", tmp_path / "cache"
    build(site, other, "--cache", str(cache))
    shutil.copytree(other, out)  # the same files, other inodes: and the manifest names `other`
    carry.manifest_path(cache, out).write_bytes(carry.manifest_path(cache, other).read_bytes())
    err = build(site, out, "--cache", str(cache))
    assert f"(it describes another output folder ({other})): het wordt genegeerd" in err
    assert carried(err) is None


def test_a_manifest_entry_for_a_file_that_was_replaced_carries_nothing_over(site: Path, tmp_path: Path) -> None:
    """The manifest says which file it wrote (inode, size, time): a new file at the path is not it."""
    out, cache = tmp_path / "out", tmp_path / "cache"
    build(site, out, "--cache", str(cache))
    page = out / "index.html"
    original = page.read_bytes()
    page.unlink()
    page.write_bytes(original.replace(b"</h1>", b" (vervalst)</h1>", 1))
    build(site, out, "--cache", str(cache))
    assert page.read_bytes() == original


# ---------------------------------------------------------------------------------------------
# Themes: what a template reads decides what its pages depend on


def theme_file(site: Path, name: str, text: str) -> None:
    path = site / "themes" / "default" / "templates" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def test_a_term_page_that_lists_all_its_profiles_is_made_again_when_one_changes(site: Path, tmp_path: Path) -> None:
    """The default term page counts its group's profiles; this one names them all, on every page."""
    default = (REPO / "themes/default/templates/term.html").read_text(encoding="utf-8")
    theme_file(
        site,
        "term.html",
        default.replace(
            "{% block main %}",
            "{% block main %}<p>{% for p in group.profiles %}{{ p.name }} {% endfor %}</p>",
            1,
        ),
    )
    out, cache = tmp_path / "out", tmp_path / "cache"
    build(site, out, "--cache", str(cache))
    profile = site / "content" / "profiles" / "aicha-ouali.md"
    _replace(profile, "name: Aïcha Ouali", "name: Aïcha Ouali-Bakker")
    build(site, out, "--cache", str(cache))
    assert "Aïcha Ouali-Bakker" in (out / "werkvelden" / "wonen" / "index.html").read_text(encoding="utf-8")
    assert_same_as_cold(site, out, tmp_path)


def test_a_theme_that_reads_the_whole_selection_is_right_after_every_edit(site: Path, tmp_path: Path) -> None:
    default = (REPO / "themes/default/templates/base.html").read_text(encoding="utf-8")
    footer = "<p>{% for p in selection.profiles %}{{ p.name }}; {% endfor %}</p></body>"
    theme_file(site, "base.html", default.replace("</body>", footer, 1))
    out, cache = tmp_path / "out", tmp_path / "cache"
    build(site, out, "--cache", str(cache))
    add(site, random.Random(5))
    err = build(site, out, "--cache", str(cache))
    assert carried(err) is not None  # the assets, photos, vCards...: not the pages
    assert_same_as_cold(site, out, tmp_path)


def test_an_edited_theme_template_makes_its_pages_again(site: Path, tmp_path: Path) -> None:
    out, cache = tmp_path / "out", tmp_path / "cache"
    build(site, out, "--cache", str(cache))
    default = (REPO / "themes/default/templates/profile.html").read_text(encoding="utf-8")
    theme_file(site, "profile.html", default.replace("{% block main %}", "{% block main %}<p>Nieuw</p>", 1))
    build(site, out, "--cache", str(cache))
    assert "<p>Nieuw</p>" in (out / "profielen" / "aicha-ouali" / "index.html").read_text(encoding="utf-8")
    assert_same_as_cold(site, out, tmp_path)


def test_a_page_whose_template_reads_an_undeclared_global_is_made_again_every_build(
    site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A global added without saying what it depends on (`Renderer._declared`) could be anything:
    the pages that read it are never carried over, the others still are."""
    environment = render.Renderer._environment

    def with_an_extra_global(self: render.Renderer, *args: Any) -> Any:
        env = environment(self, *args)
        env.globals["extra"] = "iets"
        return env

    monkeypatch.setattr(render.Renderer, "_environment", with_an_extra_global)
    default = (REPO / "themes/default/templates/page.html").read_text(encoding="utf-8")
    theme_file(site, "page.html", default.replace("{% block main %}", "{% block main %}<p>{{ extra }}</p>", 1))
    out, cache = tmp_path / "out", tmp_path / "cache"
    build(site, out, "--cache", str(cache))
    pages = sorted(path for path in tree(out) if "<p>iets</p>" in tree(out)[path].decode("utf-8", "replace"))
    assert len(pages) == 3
    inodes = {path: os.stat(out / path).st_ino for path in tree(out)}
    err = build(site, out, "--cache", str(cache))
    assert carried(err) == (len(inodes) - 3, len(inodes))
    assert sorted(path for path in inodes if os.stat(out / path).st_ino != inodes[path]) == pages


def test_a_large_replaced_output_is_removed_by_a_process_of_its_own(
    site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The build returns once the new output is in place; the next build, started at once, leaves
    the folder being removed alone, and nothing of either is left once the removal is done."""
    monkeypatch.setattr(write, "BACKGROUND_REMOVAL", 0)
    out, cache = tmp_path / "out", tmp_path / "cache"
    build(site, out, "--cache", str(cache))
    change_a_body(site, random.Random(1))
    build(site, out, "--cache", str(cache))
    change_a_body(site, random.Random(2))
    build(site, out, "--cache", str(cache))
    deadline = time.monotonic() + 30
    while sorted(p.name for p in tmp_path.iterdir()) != ["cache", "out", "site"] and time.monotonic() < deadline:
        time.sleep(0.05)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cache", "out", "site"]
    assert_same_as_cold(site, out, tmp_path)


def test_the_preview_carries_each_build_over_from_the_one_it_served(site: Path, tmp_path: Path) -> None:
    """`sitegen serve` builds into a new folder each time: it carries over from the one before,
    and the manifest of a folder it removes goes with it."""
    scratch, cache = tmp_path / "scratch", tmp_path / "scratch" / "cache"
    scratch.mkdir()
    options = build_module.Options(BUILD_DATE, jobs=2, cache=cache)
    shown = serve.Preview(site, scratch, options, preview.PreviewState(), io.StringIO(), io.StringIO(), "nl")
    assert shown.build().build == 1
    first = tree(scratch / "build-1")
    change_a_body(site, random.Random(4))
    assert shown.build().build == 2
    second = tree(scratch / "build-2")
    both = [p for p in first if p in second]
    shared = [p for p in both if os.stat(scratch / "build-1" / p).st_ino == os.stat(scratch / "build-2" / p).st_ino]
    assert len(both) - 30 < len(shared) < len(both)  # the page, its listing, term pages, search: made again
    change_a_body(site, random.Random(5))
    shown.build()
    assert not (scratch / "build-1").exists()
    assert not carry.manifest_path(cache, scratch / "build-1").exists()
    assert carry.manifest_path(cache, scratch / "build-3").exists()
    build(site, tmp_path / "cold", "--no-cache")
    assert tree(scratch / "build-3") == tree(tmp_path / "cold")


def test_a_manifest_whose_entry_names_a_call_it_does_not_have_is_ignored(site: Path, tmp_path: Path) -> None:
    """Its digest matches (it was written so): the manifest's own checks catch it."""
    out, cache = tmp_path / "out", tmp_path / "cache"
    build(site, out, "--cache", str(cache))
    manifest = carry.manifest_path(cache, out)
    document = json.loads(manifest.read_bytes().partition(b"\n")[2])
    entry = next(entry for entry in document["files"] if entry[5])
    entry[5] = [len(document["calls"])]
    body = json.dumps(document).encode()
    manifest.write_bytes(hashlib.sha256(body).hexdigest().encode() + b"\n" + body)
    err = build(site, out, "--cache", str(cache))
    assert "(a file's entry names a call the manifest does not have): het wordt genegeerd" in err
    assert carried(err) is None
    assert_same_as_cold(site, out, tmp_path)
