"""The check's cache (sitegen/cache.py): a warm run says and builds exactly what a cold one does,
reads again only what changed, and never trusts an entry that is not what it wrote."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import io
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import BUILD_DATE, REPO, VALID_PROFILE
from outputs import snapshot

from sitegen import build, cache, cli, codec, documents, models, sources

DATE = BUILD_DATE.isoformat()

VOCABULARY = """\
fields:
  - term: Energietransitie
  - term: Omgevingswet
  - term: Waterbeheer
  - term: Participatie
skills:
  - term: procesbegeleiding
  - term: onderhandelen
"""

# Beside the example: a file with errors, a warning, a contact reference and an internal block.
EXTRA = {
    "content/profiles/kapot.md": "---\nname: Kapot\nrole: [lijst]\norganisatie: x\n---\n",
    "content/profiles/intern.md": VALID_PROFILE.replace(
        "consent: 2026-03-01", "consent: 2026-03-01\nvisibility: internal"
    )
    .replace("organisation: gemeente-tilburg", "organisation: provincie-noord-brabant")
    .replace("[verbindend, procesbegeleiding]", "[onderhandelen]")
    .replace("[Omgevingswet]", "[Energietransitie]\ninternal:\n  rate: 95\n  languages: [nl, en]"),
    "content/assignments/met-contact.md": (
        "---\ntitle: Met contact\norganisation: provincie-noord-brabant\nfields: [Energietransitie]\n"
        "skills: [onderhandelen]\nposted: 2026-11-01\ndeadline: 2026-11-20\ncontact: sanne-de-graaf\n"
        "internal:\n  contact: intern\n---\n\nTekst met [een link](https://example.org/).\n"
    ),
}


@pytest.fixture
def site(tmp_path: Path) -> Path:
    target = tmp_path / "site"
    shutil.copytree(REPO / "examples" / "small", target)
    for path, text in EXTRA.items():
        (target / path).write_text(text, encoding="utf-8")
    return target


def run(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    status = cli.main([*args, "--jobs", "2"], stdout=out, stderr=err)
    return status, out.getvalue(), err.getvalue()


def checked(site: Path, folder: Path | None, date: dt.date = BUILD_DATE, keep_html: bool = False) -> build.CheckResult:
    return build.check_site(site, build.Options(date, jobs=2, cache=folder), keep_html=keep_html)


def counts(result: build.CheckResult) -> tuple[int, int]:
    assert result.cache is not None
    return result.cache.hits, result.cache.misses


def test_warm_check_says_what_a_cold_one_says(site: Path, tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    cold = run("check", str(site), "--date", DATE, "--no-cache")
    first = run("check", str(site), "--date", DATE, "--cache", str(folder))
    warm = run("check", str(site), "--date", DATE, "--cache", str(folder), "--format", "text")
    assert cold[0] == first[0] == warm[0] == 1  # kapot.md has errors
    assert cold[1] == first[1] == warm[1]
    assert "content/profiles/kapot.md:3:7: error" in cold[1]
    assert cold[2] == first[2]
    assert warm[2] == cold[2]  # the cache says nothing while all is well
    assert counts(checked(site, folder)) == (11, 0)
    for form in ("json", "github"):
        assert (
            run("check", str(site), "--date", DATE, "--no-cache", "--format", form)[1]
            == (run("check", str(site), "--date", DATE, "--cache", str(folder), "--format", form)[1])
        )


def test_warm_records_equal_cold_ones(site: Path, tmp_path: Path) -> None:
    cold = checked(site, None, keep_html=True)
    checked(site, tmp_path / "cache", keep_html=True)
    for keep_html in (True, False):
        warm = checked(site, tmp_path / "cache", keep_html=keep_html)
        assert counts(warm) == (11, 0)
        reference = cold if keep_html else checked(site, None)
        assert warm.diagnostics == reference.diagnostics
        assert warm.directory == reference.directory
        assert warm.directory is not None and reference.directory is not None
        for mine, theirs in zip(warm.directory.profiles, reference.directory.profiles, strict=True):
            assert mine.lines == theirs.lines  # not part of ==
    assert cold.directory is not None
    assert any(p.internal for p in cold.directory.profiles)
    assert all(p.body_html for p in cold.directory.profiles)


def test_the_checks_across_files_need_no_records(site: Path, tmp_path: Path) -> None:
    """`sitegen check` asks for no records (the cache decodes none): the checks across files read
    the facts, and say what they say over the records, cold and warm."""
    (site / "content/pages/zoeken.md").write_text("---\ntitle: Zoeken\n---\n\nTekst.\n", encoding="utf-8")
    assignment = site / "content/assignments/met-contact.md"
    assignment.write_text(assignment.read_text(encoding="utf-8").replace("sanne-de-graaf", "intern"), "utf-8")
    shutil.copy(site / "content/profiles/lotte-van-damme.png", site / "content/profiles/niemand.png")
    options = build.Options(BUILD_DATE, jobs=2, cache=tmp_path / "cache")
    reference = build.check_site(site, build.Options(BUILD_DATE, jobs=2), keep_html=False)
    codes = {(d.path, d.code) for d in reference.diagnostics}
    assert codes >= {
        ("content/assignments/met-contact.md", "internal-contact"),
        ("content/pages/zoeken.md", "reserved-page-name"),
        ("content/profiles/niemand.png", "photo-without-profile"),
    }
    assert reference.directory is not None
    assert "content/assignments/met-contact.md" not in [a.source for a in reference.directory.assignments]
    assert "zoeken" not in [p.slug for p in reference.directory.pages]
    for _ in ("cold", "warm"):
        alone = build.check_site(site, options, keep_html=False, records=False)
        assert alone.directory is None
        assert alone.diagnostics == reference.diagnostics
    assert counts(alone) == (13, 0)


def test_a_warm_build_is_byte_identical_to_a_cold_one(site: Path, tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    (site / "content/profiles/kapot.md").unlink()
    cold = run("build", str(site), "--date", DATE, "--no-cache", "--out", str(tmp_path / "cold"))
    assert cold[0] == 0, cold
    first = run("build", str(site), "--date", DATE, "--cache", str(folder), "--out", str(tmp_path / "first"))
    assert first[:2] == cold[:2]
    warm = run("build", str(site), "--date", DATE, "--cache", str(folder), "--out", str(tmp_path / "warm"))
    assert warm[2].split("\n")[0] == cold[2].split("\n")[0]
    assert counts(checked(site, folder)) == (10, 0)
    reference = snapshot(tmp_path / "cold")
    assert snapshot(tmp_path / "first") == reference
    assert snapshot(tmp_path / "warm") == reference
    assert cold[1] == warm[1]


def test_a_check_fills_the_cache_for_the_build(site: Path, tmp_path: Path) -> None:
    """`check` keeps the bodies it rendered, though it needs no HTML: the build after it reads none."""
    folder = tmp_path / "cache"
    (site / "content/profiles/kapot.md").unlink()
    run("check", str(site), "--date", DATE, "--cache", str(folder))
    warm = run("build", str(site), "--date", DATE, "--cache", str(folder), "--out", str(tmp_path / "warm"))
    run("build", str(site), "--date", DATE, "--no-cache", "--out", str(tmp_path / "cold"))
    assert warm[0] == 0
    assert snapshot(tmp_path / "warm") == snapshot(tmp_path / "cold")


def test_an_edit_reads_that_file_again_and_no_other(site: Path, tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    assert counts(checked(site, folder)) == (0, 11)
    profile = site / "content/profiles/sanne-de-graaf.md"
    profile.write_text(profile.read_text(encoding="utf-8").replace("onderhandelen", "onderhandellen"), "utf-8")
    warm = checked(site, folder)
    assert counts(warm) == (10, 1)
    assert warm.diagnostics == checked(site, None).diagnostics
    assert counts(checked(site, folder)) == (11, 0)
    (site / "content/assignments/beekherstel-model.md").unlink()
    assert counts(checked(site, folder)) == (10, 0)
    entries = (folder / cache.FILE_NAME).read_text(encoding="utf-8").splitlines()
    assert len(entries) == 1 + 10  # the header and the files there are: the deleted file's entry is gone


def test_the_cache_holds_only_what_the_last_run_used(site: Path, tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    checked(site, folder)
    bodies = sorted(p.name for p in (folder / cache.BODIES).iterdir())
    page = site / "content/pages/over.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nNog een zin.\n", encoding="utf-8")
    checked(site, folder)
    after = sorted(p.name for p in (folder / cache.BODIES).iterdir())
    assert len(after) == len(bodies) and after != bodies  # the old body left with its entry
    assert not [p for p in folder.rglob(".new-*")]


def test_the_other_files_and_the_build_date_are_checked_again_every_time(site: Path, tmp_path: Path) -> None:
    """Organisations, the profiles there are and the build date are not in the key: the checks
    that use them run on every check, on cached readings too."""
    folder = tmp_path / "cache"
    checked(site, folder)
    later = dt.date(2027, 12, 1)
    warm = checked(site, folder, later)
    assert counts(warm) == (11, 0)
    assert warm.diagnostics == checked(site, None, later).diagnostics
    assert {d.code for d in warm.diagnostics} >= {"stale-profile", "deadline-passed"}

    (site / "content/profiles/sanne-de-graaf.md").unlink()  # the assignment's contact is gone
    organisations = site / "content/organisations.yaml"
    organisations.write_text(
        organisations.read_text(encoding="utf-8").replace("provincie-noord-brabant:", "provincie-brabant:"), "utf-8"
    )
    warm = checked(site, folder)
    assert counts(warm) == (10, 0)
    assert warm.diagnostics == checked(site, None).diagnostics
    codes = {(d.path, d.code) for d in warm.diagnostics}
    assert ("content/assignments/met-contact.md", "unknown-profile") in codes
    assert ("content/profiles/intern.md", "unknown-organisation") in codes


def test_the_vocabulary_settings_sitegen_and_its_libraries_are_in_the_key(
    site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "cache"
    checked(site, folder)
    (site / "content/vocabulary.yaml").write_text(VOCABULARY, encoding="utf-8")
    warm = checked(site, folder)
    assert counts(warm) == (1, 10)  # only the photo does not depend on the vocabulary
    assert warm.diagnostics == checked(site, None).diagnostics
    assert counts(checked(site, folder)) == (11, 0)

    settings = site / "sitegen.yaml"
    settings.write_text(
        settings.read_text(encoding="utf-8").replace("page_size: 2", "page_size: 3\nlanguage: en"), "utf-8"
    )
    warm = checked(site, folder)  # no setting changes what one file says by itself
    assert warm.diagnostics == checked(site, None).diagnostics

    monkeypatch.setattr(cache, "code_hash", lambda: "another sitegen")
    assert counts(checked(site, folder)) == (0, 11)
    monkeypatch.setattr(cache, "__version__", "0.0.0")
    assert counts(checked(site, folder)) == (0, 11)
    monkeypatch.setattr(cache, "library_versions", lambda: "markdown=9.9")  # a new Python-Markdown
    assert counts(checked(site, folder)) == (0, 11)


def damage(folder: Path, path: str, change: str) -> None:
    """Change the entry of the file at `path` (found by the path inside its record)."""
    readings = folder / cache.FILE_NAME
    lines = readings.read_text(encoding="utf-8").split("\n")
    for number, line in enumerate(lines):
        if f'"{path}"' in line:
            key, digest, payload = line.split(" ", 2)
            if change == "payload":
                line = f"{key} {digest} {payload.replace('Sanne de Graaf', 'Sanne de Kwaad')}"
            elif change == "rehashed":  # a forger who also computes the digest; the types still count
                payload = payload.replace('"provincie-noord-brabant"', "12")  # in the facts and the record
                line = f"{key} {cache._digest(key, payload)} {payload}"
            elif change == "record-dropped":  # the head says there is a record, and there is none
                head, _, _ = payload.partition("\t")
                line = f"{key} {cache._digest(key, head + chr(9) + 'null')} {head}\tnull"
            elif change == "record-forged":  # a wrong kind in the record alone, which `check` does not read
                head, _, record = payload.partition("\t")
                payload = head + "\t" + record.replace('"Sanne de Graaf"', "12")
                line = f"{key} {cache._digest(key, payload)} {payload}"
            elif change == "moved":  # another file's entry under this key
                other = next(x for x in lines if '"content/profiles/joris-akkermans.md"' in x)
                _, _, foreign = other.split(" ", 2)
                line = f"{key} {cache._digest(key, foreign)} {foreign}"
            lines[number] = line
            break
    else:
        raise AssertionError(f"no entry for {path}")
    readings.write_text("\n".join(lines), encoding="utf-8")


WARNING_ONE = (  # the site is Dutch, so are the warnings (the report's own default is English)
    "sitegen: warning: de cache '{folder}/readings' wordt deels genegeerd: 1 beschadigd of gewijzigd gegeven; "
    "opnieuw gelezen: content/profiles/sanne-de-graaf.md\n"
)


@pytest.mark.parametrize("change", ["payload", "rehashed", "moved", "record-dropped"])
def test_an_altered_entry_is_detected_and_not_used(site: Path, tmp_path: Path, change: str) -> None:
    folder = tmp_path / "cache"
    run("check", str(site), "--date", DATE, "--cache", str(folder))
    damage(folder, "content/profiles/sanne-de-graaf.md", change)
    cold = run("check", str(site), "--date", DATE, "--no-cache")
    warm = run("check", str(site), "--date", DATE, "--cache", str(folder))
    assert warm[:2] == cold[:2]
    assert warm[2] == WARNING_ONE.format(folder=folder) + cold[2]
    result = checked(site, folder, keep_html=True)  # the entry was written again, as it should be
    assert counts(result) == (11, 0)
    assert result.directory is not None
    assert "Sanne de Graaf" in [p.name for p in result.directory.profiles]


def test_a_forged_record_is_detected_where_it_is_read(site: Path, tmp_path: Path) -> None:
    """`check` decodes no record, as it reads no body: a forged one changes nothing it says, and
    the build, which decodes it, finds it and reads the file again."""
    folder = tmp_path / "cache"
    (site / "content/profiles/kapot.md").unlink()
    run("check", str(site), "--date", DATE, "--cache", str(folder))
    damage(folder, "content/profiles/sanne-de-graaf.md", "record-forged")
    assert run("check", str(site), "--date", DATE, "--cache", str(folder)) == run(
        "check", str(site), "--date", DATE, "--no-cache"
    )
    cold = run("build", str(site), "--date", DATE, "--no-cache", "--out", str(tmp_path / "cold"))
    warm = run("build", str(site), "--date", DATE, "--cache", str(folder), "--out", str(tmp_path / "warm"))
    assert warm[:2] == cold[:2]
    warning = WARNING_ONE.format(folder=folder)
    assert warm[2].startswith(warning)
    assert warm[2].removeprefix(warning).split("\n")[0] == cold[2].split("\n")[0]  # then timings
    assert snapshot(tmp_path / "warm") == snapshot(tmp_path / "cold")
    assert counts(checked(site, folder, keep_html=True)) == (10, 0)


def test_an_altered_body_is_detected_and_not_used(site: Path, tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    checked(site, folder, keep_html=True)
    for body in (folder / cache.BODIES).iterdir():
        text = body.read_text(encoding="utf-8")
        if "regionale energiestrategie" in text:
            body.write_text(text.replace("<p>", '<p><script src="https://evil.example/x.js"></script>'), "utf-8")
    warm = checked(site, folder, keep_html=True)
    assert counts(warm) == (10, 1)
    assert warm.cache is not None and warm.cache.damaged == ("content/profiles/sanne-de-graaf.md",)
    assert warm.directory is not None
    assert not any("<script" in p.body_html for p in warm.directory.profiles)
    assert counts(checked(site, folder)) == (11, 0)  # check reads no body: it trusts none it does not read


def test_a_body_cut_short_is_removed_and_written_whole_again(site: Path, tmp_path: Path) -> None:
    """A body cut short (a disk that filled, a hand that edited it) fails its hash when read; its
    file is read again and the body written whole, so the next run finds it."""
    folder = tmp_path / "cache"
    checked(site, folder, keep_html=True)
    body = next(b for b in (folder / cache.BODIES).iterdir() if "regionale energiestrategie" in b.read_text("utf-8"))
    whole = body.read_bytes()
    body.write_bytes(whole[: len(whole) // 2])
    warm = checked(site, folder, keep_html=True)
    assert counts(warm) == (10, 1)
    assert warm.cache is not None and warm.cache.damaged == ("content/profiles/sanne-de-graaf.md",)
    assert body.read_bytes() == whole and hashlib.sha256(whole).hexdigest() == body.name
    assert counts(checked(site, folder, keep_html=True)) == (11, 0)


def test_a_truncated_cache_loses_only_the_cut_entries(site: Path, tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    checked(site, folder)
    readings = folder / cache.FILE_NAME
    data = readings.read_bytes()
    last = data.rstrip(b"\n").rfind(b"\n")
    readings.write_bytes(data[: last + 40])  # the last entry's key, then nothing
    warm = checked(site, folder)
    assert counts(warm) == (10, 1)
    assert warm.cache is not None
    assert warm.cache.warnings() == [f"the cache '{readings}' has 1 damaged or altered entry, ignored"]
    assert warm.cache.warnings("nl") == [
        f"de cache '{readings}' wordt deels genegeerd: 1 beschadigd of gewijzigd gegeven"
    ]
    readings.write_bytes(data[:-2])  # the last entry's payload without its last character
    warm = checked(site, folder)
    assert counts(warm) == (10, 1)
    assert warm.cache is not None and len(warm.cache.damaged) == 1
    assert checked(site, folder).cache == cache.Report(folder, hits=11)


@pytest.mark.parametrize(
    ("data", "why"),
    [
        (b'{"cache":"sitegen","format":0}\nxyz\n', "de eerste regel is niet de kop van deze vorm"),
        (b"\x80\x81 not text", "het is geen UTF-8-tekst"),
        (b"", "de eerste regel is niet de kop van deze vorm"),
    ],
)
def test_a_foreign_cache_is_ignored_with_a_warning(site: Path, tmp_path: Path, data: bytes, why: str) -> None:
    folder = tmp_path / "cache"
    folder.mkdir()
    (folder / cache.FILE_NAME).write_bytes(data)
    cold = run("check", str(site), "--date", DATE, "--no-cache")
    warm = run("check", str(site), "--date", DATE, "--cache", str(folder))
    assert warm[:2] == cold[:2]
    assert warm[2] == (
        f"sitegen: warning: de cache '{folder}/readings' is geen cache van sitegen in deze vorm ({why}): "
        "hij wordt genegeerd\n" + cold[2]
    )
    assert (folder / cache.FILE_NAME).read_bytes().startswith(cache.HEADER.encode() + b"\n")  # replaced
    assert counts(checked(site, folder)) == (11, 0)


def test_no_cache_reads_and_writes_no_cache(site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "home-cache"))
    run("check", str(site), "--date", DATE, "--no-cache")
    assert not (tmp_path / "home-cache").exists()
    run("check", str(site), "--date", DATE)
    (made,) = (tmp_path / "home-cache" / "sitegen").iterdir()
    assert made == cache.default_folder(site)
    assert (made / cache.FILE_NAME).is_file()


def test_a_cache_inside_the_site_folder_is_refused(site: Path) -> None:
    """A member's change could put entries there, and an entry whose digest matches is trusted."""
    status, out, err = run("check", str(site), "--date", DATE, "--cache", str(site / ".sitegen-cache"))
    assert (status, out) == (2, "")
    assert err == (
        f"sitegen: error: --cache: de cachemap '{site / '.sitegen-cache'}' ligt in de map van de site, "
        "waar een wijziging gegevens kan neerzetten die sitegen zou vertrouwen: kies een map buiten de site "
        "(of, in een git-checkout, een map waarvan git niets bijhoudt)\n"
    )
    assert not (site / ".sitegen-cache").exists()
    assert run("build", str(site), "--date", DATE, "--cache", str(site))[0] == 2


def git(folder: Path, *arguments: str) -> None:
    subprocess.run(["git", "-C", str(folder), *arguments], check=True, capture_output=True)


def test_in_a_git_checkout_a_folder_that_git_tracks_nothing_of_may_hold_the_cache(site: Path) -> None:
    """GitLab CI caches only folders inside the project: `.cache/sitegen` of the starter file,
    which the starter's .gitignore leaves out. A folder with a file that git tracks (a change
    could have committed entries) is refused, and so is the site folder itself."""
    (site / ".gitignore").write_text(".cache/\n", encoding="utf-8")
    git(site, "init", "-q", "-b", "main")
    git(site, "add", "-A")
    git(site, "-c", "user.email=t@example.org", "-c", "user.name=T", "commit", "-q", "-m", "site")
    folder = site / ".cache" / "sitegen"
    cold = run("check", str(site), "--date", DATE, "--no-cache")
    assert run("check", str(site), "--date", DATE, "--cache", str(folder)) == cold
    assert (folder / cache.FILE_NAME).is_file()
    assert counts(checked(site, folder)) == (11, 0)

    git(site, "add", "--force", str(folder / cache.FILE_NAME))  # a commit that brings entries along
    status, out, err = run("check", str(site), "--date", DATE, "--cache", str(folder))
    assert (status, out) == (2, "")
    assert err == (
        f"sitegen: error: --cache: de cachemap '{folder}' ligt in de map van de site en git houdt er bestanden "
        "in bij, die een wijziging daar kan hebben neergezet om vertrouwd te worden: haal ze uit de repository "
        "(git rm -r --cached) en zet de map in .gitignore, of kies een map buiten de site\n"
    )
    assert run("check", str(site), "--date", DATE, "--cache", str(site))[0] == 2


def test_an_unwritable_cache_does_not_fail_the_check(site: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    status, out, err = run("check", str(site), "--date", DATE, "--cache", str(blocker / "cache"))
    cold = run("check", str(site), "--date", DATE, "--no-cache")
    assert (status, out) == cold[:2]
    assert err == (
        f"sitegen: warning: de cache '{blocker}/cache/readings' kon niet worden geschreven (Not a directory); "
        "de controle is daardoor niet anders\n" + cold[2]
    )


# Fields no cache entry holds a value of: the body is a file of its own, and imported records
# (with a `home`) are never cached.
NOT_IN_AN_ENTRY = {"body_html", "home"}


def left_at_default(record: models.Record) -> list[str]:
    """The fields of `record` that still have their default value."""
    left = []
    for f in dataclasses.fields(record):
        if f.default is not dataclasses.MISSING:
            default = f.default
        elif f.default_factory is not dataclasses.MISSING:
            default = f.default_factory()
        else:
            continue
        if f.name not in NOT_IN_AN_ENTRY and getattr(record, f.name) == default:
            left.append(f.name)
    return left


def test_every_field_of_every_record_crosses_the_cache(site: Path) -> None:
    """The codec's tables list every field, each with its converter: a record with every field
    set comes back equal. A field a record gains fails here until it is given a value below."""
    result = checked(site, None, keep_html=True)
    assert result.directory is not None
    records: list[models.Record] = [*result.directory.profiles, *result.directory.assignments]
    records += result.directory.pages
    full_profile = dataclasses.replace(
        result.directory.profiles[0],
        summary="s",
        region="r",
        experience=(models.Experience("r", "o", models.YearMonth(2020, 3), models.YearMonth(2021)),),
        availability=models.Availability("limited", 12.5, dt.date(2026, 1, 1), dt.date(2027, 1, 1)),
        engagement=("detachering", "belangeloos"),
        rate=80.0,
        languages=("nl", "fy"),
        contact=models.Contact("a@b.nl", "06", "https://x.nl", "https://linkedin.com/in/x"),
        maintainers=("anna",),
        visibility="internal",
        internal={"rate": 95, "availability": models.Availability("available"), "languages": ("nl",)},
        updated=dt.date(2026, 5, 1),
        photo="content/profiles/x.png",
        also_in=("Netwerk Noord",),
        lines={"name": (2, 7)},
    )
    full_assignment = dataclasses.replace(
        result.directory.assignments[0],
        summary="s",
        region="r",
        location="l",
        hours_per_week=16.5,
        start=dt.date(2026, 2, 1),
        end=dt.date(2027, 1, 1),
        engagement="zelfstandig",
        rate=80.0,
        contact=models.PersonContact("P", "p@x.nl", "06"),
        status="filled",
        visibility="internal",
        internal={"contact": "anna", "start": dt.date(2026, 3, 1)},
        updated=dt.date(2026, 5, 1),
        lines={"title": (2, 8)},
    )
    full_page = dataclasses.replace(result.directory.pages[0], description="d", menu=2.5, lines={"title": (2, 8)})
    assert [left_at_default(r) for r in (full_profile, full_assignment, full_page)] == [[], [], []]
    records += [full_profile, full_assignment, full_page]
    for record in records:
        kind = {models.Profile: "profile", models.Assignment: "assignment", models.Page: "page"}[type(record)]
        source = sources.SourceFile(kind, record.slug, record.source, "")  # type: ignore[arg-type]
        facts = documents.Facts(
            kind, "o", (("contact", "x"),), dt.date(2026, 1, 1), None, None, True, "internal", (("o", (1, 2)),)
        )
        reading = documents.Reading(source, record, facts, ())
        text = codec.encode_reading(reading, "")
        back, body_hash = codec.decode_reading(text, source)
        assert back == dataclasses.replace(reading, record=dataclasses.replace(record, body_html=""))
        assert back.record is not None and back.record.lines == record.lines
        assert body_hash == ""


def test_a_warm_check_imports_nothing_of_the_build(site: Path, tmp_path: Path) -> None:
    """Start-up is most of a check that finds every file in the cache: it imports no Jinja2,
    NumPy, Python-Markdown or Pillow (they would cost a fifth of a second)."""
    folder = tmp_path / "cache"
    run("check", str(site), "--date", DATE, "--cache", str(folder))
    code = (
        "import io, sys\nfrom sitegen import cli\n"
        f"arguments = ['check', {str(site)!r}, '--date', {DATE!r}, '--cache', {str(folder)!r}]\n"
        "cli.main(arguments, io.StringIO(), io.StringIO())\n"
        "print(sorted(m for m in ('jinja2', 'numpy', 'markdown', 'PIL') if m in sys.modules))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60)
    assert done.stdout == "[]\n"
