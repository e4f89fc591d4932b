"""The command line: exit status, the three formats, --strict, and what `build` publishes.

Most tests call `sitegen.cli.main` in-process; a few run the installed command in a real
subprocess, as CI does.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ENGLISH, VALID_ASSIGNMENT, VALID_PROFILE, SiteFactory

from sitegen import cli, urls

DATE = "2026-12-01"
PROFILE = "content/profiles/anna-de-vries.md"
ADDRESS = urls.Urls("https://example.org/")
VALID = {PROFILE: VALID_PROFILE, "content/assignments/klus.md": VALID_ASSIGNMENT}
BROKEN = "content/profiles/bert-jansen.md"
BROKEN_PROFILE = VALID_PROFILE.replace("consent: 2026-03-01", "consent: 2026-02-30\nvisibilty: internal")
STALE_PROFILE = VALID_PROFILE.replace("consent: 2026-03-01", "consent: 2025-11-30")
LATE_ASSIGNMENT = VALID_ASSIGNMENT.replace("deadline: 2026-12-20", "deadline: 2026-11-30")


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """A CI runner's own step summary and build date must not leak into these tests."""
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)


def run(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    status = cli.main([*args, "--jobs", "2"], stdout=out, stderr=err)
    return status, out.getvalue(), err.getvalue()


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def page(out: Path, kind: str, slug: str) -> Path:
    site_path = ADDRESS.profile(slug) if kind == "profile" else ADDRESS.assignment(slug)
    return out / ADDRESS.output_file(site_path)


# ---------------------------------------------------------------------------------------------
# check: exit status and formats


def test_check_valid_site(make_site: SiteFactory) -> None:
    site = make_site(VALID)
    assert run("check", str(site), "--date", DATE) == (
        0,
        "",
        "sitegen: 4 bestanden gecontroleerd: 0 fouten in 0 bestanden, 0 waarschuwingen\n",
    )


def test_check_with_errors_text(make_site: SiteFactory) -> None:
    """A site's default language is nl: so are its messages; codes and `error:`/`hint:` stay."""
    site = make_site({**VALID, BROKEN: BROKEN_PROFILE})
    assert run("check", str(site), "--date", DATE) == (
        1,
        "content/profiles/bert-jansen.md:7:10: error: consent: de datum '2026-02-30' bestaat niet\n"
        "  hint: schrijf de datum als JJJJ-MM-DD, bijvoorbeeld 2026-03-31\n"
        "content/profiles/bert-jansen.md:8:1: error: onbekende sleutel 'visibilty'\n"
        "  hint: bedoel je 'visibility'?\n",
        "sitegen: 5 bestanden gecontroleerd: 2 fouten in 1 bestand, 0 waarschuwingen\n",
    )


def test_check_with_errors_text_in_english(make_site: SiteFactory) -> None:
    """`language: en` keeps check's English output byte for byte."""
    site = make_site({**ENGLISH, **VALID, BROKEN: BROKEN_PROFILE})
    assert run("check", str(site), "--date", DATE) == (
        1,
        "content/profiles/bert-jansen.md:7:10: error: consent: '2026-02-30' is not a date that exists\n"
        "  hint: write the date as YYYY-MM-DD, for example 2026-03-31\n"
        "content/profiles/bert-jansen.md:8:1: error: unknown key 'visibilty'\n"
        "  hint: did you mean 'visibility'?\n",
        "sitegen: 5 files checked: 2 errors in 1 file, 0 warnings\n",
    )


def test_check_sorts_by_file_and_line(make_site: SiteFactory) -> None:
    lines = [f"summary{i}: x" for i in range(3, 12)]
    late = VALID_PROFILE.replace("consent: 2026-03-01\n", "consent: 2026-03-01\n" + "\n".join(lines) + "\n")
    site = make_site(
        {
            **VALID,
            "content/profiles/zz.md": "---\nname: Z\n",
            "content/profiles/bb.md": late,
            "content/assignments/aa.md": VALID_ASSIGNMENT.replace("title: Projectleider", "titel: Projectleider"),
            "content/profiles/Aa.md": VALID_PROFILE,
        }
    )
    status, out, _ = run("check", str(site), "--date", DATE)
    assert status == 1
    locations = [line.split(": ")[0] for line in out.splitlines() if not line.startswith("  hint:")]
    assert locations == [
        "content/assignments/aa.md:1:1",
        "content/assignments/aa.md:2:1",
        "content/profiles/Aa.md",
        *[f"content/profiles/bb.md:{line}:1" for line in range(8, 17)],
        "content/profiles/zz.md:1:1",
    ]


def test_check_json(make_site: SiteFactory) -> None:
    site = make_site({**VALID, BROKEN: BROKEN_PROFILE, "content/profiles/niemand.png": b"x"})
    status, out, err = run("check", str(site), "--date", DATE, "--format", "json")
    assert status == 1
    assert err == "sitegen: 6 bestanden gecontroleerd: 4 fouten in 2 bestanden, 0 waarschuwingen\n"
    found = json.loads(out)
    keys = ["path", "line", "column", "severity", "code", "language", "message", "hint"]
    assert all(list(item) == keys for item in found)
    assert found[:2] == [
        {
            "path": BROKEN,
            "line": 7,
            "column": 10,
            "severity": "error",
            "code": "invalid-date",
            "language": "nl",
            "message": "consent: de datum '2026-02-30' bestaat niet",
            "hint": "schrijf de datum als JJJJ-MM-DD, bijvoorbeeld 2026-03-31",
        },
        {
            "path": BROKEN,
            "line": 8,
            "column": 1,
            "severity": "error",
            "code": "unknown-key",
            "language": "nl",
            "message": "onbekende sleutel 'visibilty'",
            "hint": "bedoel je 'visibility'?",
        },
    ]
    assert [(item["path"], item["severity"], item["code"]) for item in found[2:]] == [
        ("content/profiles/niemand.png", "error", "photo-invalid"),
        ("content/profiles/niemand.png", "error", "photo-without-profile"),
    ]


def test_check_json_of_a_valid_site(make_site: SiteFactory) -> None:
    status, out, _ = run("check", str(make_site(VALID)), "--date", DATE, "--format", "json")
    assert (status, json.loads(out)) == (0, [])


def test_check_github(make_site: SiteFactory) -> None:
    site = make_site({**VALID, BROKEN: BROKEN_PROFILE})
    status, out, err = run("check", str(site), "--date", DATE, "--format", "github")
    assert status == 1
    assert out == (
        "::error file=content/profiles/bert-jansen.md,line=7,col=10,title=sitegen invalid-date::"
        "consent: de datum '2026-02-30' bestaat niet%0Ahint: schrijf de datum als JJJJ-MM-DD, bijvoorbeeld 2026-03-31\n"
        "::error file=content/profiles/bert-jansen.md,line=8,col=1,title=sitegen unknown-key::"
        "onbekende sleutel 'visibilty'%0Ahint: bedoel je 'visibility'?\n"
    )
    assert err == "sitegen: 5 bestanden gecontroleerd: 2 fouten in 1 bestand, 0 waarschuwingen\n"


def test_check_github_escapes_contributor_text(make_site: SiteFactory) -> None:
    """Case 34: a value with a newline, '%' and '::', and a file name with ':' and ','."""
    nasty = VALID_PROFILE.replace(
        "consent: 2026-03-01", 'consent: 2026-03-01\nvisibility: "100% x\\n::error file=evil.md::pwned, a:b"'
    )
    site = make_site({**ENGLISH, **VALID, BROKEN: nasty, "content/profiles/a:b,c.md": VALID_PROFILE})
    status, out, _ = run("check", str(site), "--date", DATE, "--format", "github")
    assert status == 1
    assert out.splitlines() == [
        "::error file=content/profiles/a%3Ab%2Cc.md,title=sitegen invalid-file-name::"
        "the file name 'a:b,c.md' is not valid: use lower-case letters, digits and hyphens%0A"
        "hint: rename it to 'a-b-c.md'",
        "::error file=content/profiles/bert-jansen.md,line=8,col=13,title=sitegen invalid-value::"
        "visibility: unknown value '100%25 x\\n::error file=evil.md::pwned, a:b'%0A"
        "hint: allowed values: public, internal",
    ]


def test_github_step_summary_is_appended(
    make_site: SiteFactory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    summary = tmp_path / "summary.md"
    summary.write_text("## earlier step\n", encoding="utf-8")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    site = make_site({**ENGLISH, **VALID, BROKEN: BROKEN_PROFILE.replace("Anna de Vries", "Anna | de Vries")})
    assert run("check", str(site), "--date", DATE, "--format", "github")[0] == 1
    table = (
        "## sitegen check\n\n5 files checked: 2 errors in 1 file, 0 warnings\n\n"
        "| file | line | severity | message | hint |\n|---|---:|---|---|---|\n"
        "| content/profiles/bert-jansen.md | 7 | error | consent: '2026-02-30' is not a date that exists "
        "| write the date as YYYY-MM-DD, for example 2026-03-31 |\n"
        "| content/profiles/bert-jansen.md | 8 | error | unknown key 'visibilty' | did you mean 'visibility'? |\n"
    )
    assert summary.read_text(encoding="utf-8") == "## earlier step\n" + table
    assert run("check", str(site), "--date", DATE, "--format", "github")[0] == 1
    assert summary.read_text(encoding="utf-8") == "## earlier step\n" + table + table


def test_step_summary_only_in_github_format(
    make_site: SiteFactory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    run("check", str(make_site(VALID)), "--date", DATE)
    assert not summary.exists()


# ---------------------------------------------------------------------------------------------
# Warnings fail only with --strict


@pytest.mark.parametrize(
    ("files", "line"),
    [
        (
            {PROFILE: STALE_PROFILE},
            "content/profiles/anna-de-vries.md:7:1: warning: consent: this profile was last confirmed on 2025-11-30, "
            "more than a year before 2026-12-01: is it still current?",
        ),
        (
            {PROFILE: STALE_PROFILE.replace("consent: 2025-11-30", "consent: 2020-01-01\nupdated: 2025-11-30")},
            "content/profiles/anna-de-vries.md:8:1: warning: updated: this profile was last confirmed on 2025-11-30, "
            "more than a year before 2026-12-01: is it still current?",
        ),
        (
            {"content/assignments/klus.md": LATE_ASSIGNMENT},
            "content/assignments/klus.md:7:1: warning: deadline: 2026-11-30 has passed, but the status is still 'open'",
        ),
    ],
)
def test_warnings_fail_only_with_strict(make_site: SiteFactory, files: dict[str, str], line: str) -> None:
    site = make_site({**ENGLISH, **VALID, **files})
    status, out, err = run("check", str(site), "--date", DATE)
    assert status == 0
    assert out.splitlines()[0] == line
    assert err.endswith("0 errors in 0 files, 1 warning\n")
    assert run("check", str(site), "--date", DATE, "--strict")[:2] == (1, out)


@pytest.mark.parametrize(
    "files",
    [
        {PROFILE: STALE_PROFILE.replace("consent: 2025-11-30", "consent: 2025-12-01")},
        {PROFILE: STALE_PROFILE.replace("consent: 2025-11-30", "consent: 2020-01-01\nupdated: 2026-01-01")},
        {"content/assignments/klus.md": LATE_ASSIGNMENT.replace("deadline: 2026-11-30", "deadline: 2026-12-01")},
        {"content/assignments/klus.md": LATE_ASSIGNMENT.replace("---\n\n", "status: filled\n---\n\n")},
    ],
)
def test_no_warning_inside_the_limits(make_site: SiteFactory, files: dict[str, str]) -> None:
    assert run("check", str(make_site({**VALID, **files})), "--date", DATE, "--strict") == (
        0,
        "",
        "sitegen: 4 bestanden gecontroleerd: 0 fouten in 0 bestanden, 0 waarschuwingen\n",
    )


def test_build_with_warnings_publishes(make_site: SiteFactory, tmp_path: Path) -> None:
    site = make_site({**VALID, PROFILE: STALE_PROFILE})
    out = tmp_path / "out"
    assert run("build", str(site), "--date", DATE, "--out", str(out))[0] == 0
    assert page(out, "profile", "anna-de-vries").is_file()
    assert run("build", str(site), "--date", DATE, "--out", str(tmp_path / "strict"), "--strict")[0] == 1


def test_build_strict_does_not_publish_with_warnings(make_site: SiteFactory, tmp_path: Path) -> None:
    site = make_site({**VALID, PROFILE: STALE_PROFILE})
    out = tmp_path / "out"
    status, _, err = run("build", str(site), "--date", DATE, "--out", str(out), "--strict")
    assert status == 1
    assert not out.exists()
    assert err.endswith(
        f"sitegen: niet gepubliceerd: los eerst de waarschuwingen (--strict) hierboven op; {out} is niet veranderd\n"
    )


def test_a_page_may_not_take_a_section_name(make_site: SiteFactory, tmp_path: Path) -> None:
    site = make_site({**VALID, "content/pages/profielen.md": "---\ntitle: Profielen\n---\nKaping.\n"})
    status, out, _ = run("check", str(site), "--date", DATE)
    assert status == 1
    assert out == (
        "content/pages/profielen.md: error: de paginanaam 'profielen' is al in gebruik voor een onderdeel van de site\n"
        "  hint: geef het bestand een andere naam, bijvoorbeeld 'over-profielen.md'\n"
    )


# ---------------------------------------------------------------------------------------------
# build: refuses with errors, or publishes the rest with --keep-going


def test_build_valid_site(make_site: SiteFactory, tmp_path: Path) -> None:
    out = tmp_path / "out"
    status, stdout, err = run("build", str(make_site(VALID)), "--date", DATE, "--out", str(out))
    assert (status, stdout) == (0, "")
    assert "Traceback" not in err
    assert page(out, "profile", "anna-de-vries").is_file()
    assert page(out, "assignment", "klus").is_file()


def test_build_with_errors_leaves_the_output_unchanged(make_site: SiteFactory, tmp_path: Path) -> None:
    site = make_site(VALID)
    out = tmp_path / "out"
    assert run("build", str(site), "--date", DATE, "--out", str(out))[0] == 0
    (out / "extra.txt").write_text("from before", encoding="utf-8")
    before = snapshot(out)
    (site / BROKEN).write_text(BROKEN_PROFILE, encoding="utf-8")
    (site / "content/profiles/carla.md").write_text(VALID_PROFILE, encoding="utf-8")
    status, stdout, err = run("build", str(site), "--date", DATE, "--out", str(out))
    assert status == 1
    assert "content/profiles/bert-jansen.md:7:10: error:" in stdout
    assert (
        err.splitlines()[-1] == f"sitegen: niet gepubliceerd: los eerst de fouten hierboven op; {out} is niet veranderd"
    )
    assert snapshot(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out", "site"]  # no staging folder left behind


def test_build_keep_going_publishes_the_valid_files(make_site: SiteFactory, tmp_path: Path) -> None:
    site = make_site({**VALID, BROKEN: BROKEN_PROFILE, "content/assignments/kapot.md": "---\ntitle: x\n"})
    out = tmp_path / "out"
    status, stdout, err = run("build", str(site), "--date", DATE, "--out", str(out), "--keep-going")
    assert status == 1
    assert stdout.count(": error: ") == 3
    assert err.splitlines()[-1] == (
        "sitegen: gepubliceerd zonder 2 kapotte bestanden: "
        "content/assignments/kapot.md, content/profiles/bert-jansen.md"
    )
    assert page(out, "profile", "anna-de-vries").is_file()
    assert page(out, "assignment", "klus").is_file()
    assert not page(out, "profile", "bert-jansen").exists()
    assert not page(out, "assignment", "kapot").exists()


def test_build_keep_going_names_one_broken_file(make_site: SiteFactory, tmp_path: Path) -> None:
    site = make_site({**VALID, BROKEN: BROKEN_PROFILE})
    status, _, err = run("build", str(site), "--date", DATE, "--out", str(tmp_path / "out"), "--keep-going")
    assert status == 1
    assert err.splitlines()[-1] == "sitegen: gepubliceerd zonder 1 kapot bestand: content/profiles/bert-jansen.md"


def test_build_default_output_folder(make_site: SiteFactory) -> None:
    site = make_site(VALID)
    assert run("build", str(site), "--date", DATE)[0] == 0
    assert page(site / "output", "profile", "anna-de-vries").is_file()


# ---------------------------------------------------------------------------------------------
# Wrong usage: exit status 2


def test_a_broken_theme_template_is_reported_without_a_traceback(make_site: SiteFactory, tmp_path: Path) -> None:
    site = make_site(
        {
            **VALID,
            "sitegen.yaml": "title: T\nbase_url: https://example.org/\ntheme: eigen\n",
            "themes/eigen/templates/profile.html": "{% extends 'base.html' %}\n{% block main %}{{ 1 / 0 }}"
            "{% endblock %}\n",
        }
    )
    out = tmp_path / "out"
    status, _, err = run("build", str(site), "--date", DATE, "--out", str(out))
    template = site / "themes" / "eigen" / "templates" / "profile.html"
    assert status == 1
    assert err.endswith(
        f"sitegen: error in the theme: {template}:2: ZeroDivisionError: division by zero "
        f"(while rendering /profielen/anna-de-vries/)\nsitegen: not published; {out} is unchanged\n"
    )
    assert "Traceback" not in err
    assert not out.exists()


def test_missing_site_folder(tmp_path: Path) -> None:
    assert run("check", str(tmp_path / "nergens"), "--date", DATE) == (
        2,
        "",
        f"sitegen: error: de map van de site '{tmp_path / 'nergens'}' bestaat niet\n",
    )


@pytest.mark.parametrize("date", ["2026-02-30", "morgen", "01-12-2026", "20261201", "2026-W48-7"])
def test_bad_date_option(make_site: SiteFactory, date: str) -> None:
    assert run("check", str(make_site(VALID)), "--date", date) == (
        2,
        "",
        f"sitegen: error: --date: '{date}' is not a date in the form YYYY-MM-DD\n",
    )


def test_bad_source_date_epoch(make_site: SiteFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "gisteren")
    assert run("check", str(make_site(VALID))) == (
        2,
        "",
        "sitegen: error: SOURCE_DATE_EPOCH: 'gisteren' is not a number of seconds\n",
    )


def test_source_date_epoch_sets_the_build_date(make_site: SiteFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    site = make_site({**VALID, PROFILE: STALE_PROFILE})
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1796083200")  # 2026-12-01 00:00 UTC
    assert run("check", str(site), "--strict")[0] == 1
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764547200")  # 2025-12-01
    assert run("check", str(site), "--strict")[0] == 0


@pytest.mark.parametrize(
    "args",
    [
        ["frobnicate"],
        ["check", "--format", "xml"],
        [],
        ["check", "--jobs", "two"],
        ["check", "--time-limit", "0"],
        ["check", "--time-limit", "-1"],
        ["check", "--time-limit", "nan"],
        ["check", "--time-limit", "inf"],
        ["build", "--time-limit", "tien"],
    ],
)
def test_argument_errors_exit_2(args: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    out, err = io.StringIO(), io.StringIO()
    assert cli.main(args, stdout=out, stderr=err) == 2
    assert out.getvalue() == ""
    assert err.getvalue().startswith("usage: sitegen")
    assert capsys.readouterr() == ("", "")


def test_time_limit_message() -> None:
    status, out, err = run("check", "--time-limit", "0")
    assert (status, out) == (2, "")
    assert err.endswith("sitegen check: error: argument --time-limit: '0' is not a positive number of seconds\n")


def test_help_and_version() -> None:
    status, out, err = run("--version")
    assert (status, err) == (0, "")
    assert out.startswith("sitegen ")
    status, out, err = run("check", "--help")
    assert (status, err) == (0, "")
    assert out.startswith("usage: sitegen check")


# ---------------------------------------------------------------------------------------------
# The real command, in a subprocess


def sitegen_command() -> list[str]:
    script = Path(sys.executable).parent / "sitegen"
    return [str(script)] if script.is_file() else [sys.executable, "-m", "sitegen"]


def run_command(*args: str, module: bool = False) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if k not in ("GITHUB_STEP_SUMMARY", "SOURCE_DATE_EPOCH")}
    command = [sys.executable, "-m", "sitegen"] if module else sitegen_command()
    return subprocess.run([*command, *args], capture_output=True, text=True, env=environment, timeout=60, check=False)


def test_subprocess_exit_statuses(make_site: SiteFactory, tmp_path: Path) -> None:
    site = make_site(VALID)
    ok = run_command("check", str(site), "--date", DATE)
    assert (ok.returncode, ok.stdout) == (0, "")
    assert ok.stderr == "sitegen: 4 bestanden gecontroleerd: 0 fouten in 0 bestanden, 0 waarschuwingen\n"
    usage = run_command("check", str(site), "--date", DATE, "--format", "yaml", module=True)
    assert usage.returncode == 2
    assert "invalid choice: 'yaml'" in usage.stderr
    missing = run_command("build", str(tmp_path / "nergens"), module=True)
    assert missing.returncode == 2
    for result in (ok, usage, missing):
        assert "Traceback" not in result.stdout + result.stderr


def test_subprocess_hostile_site_has_no_traceback(make_site: SiteFactory, tmp_path: Path) -> None:
    site = make_site(
        {
            **VALID,
            "content/profiles/unclosed.md": "---\nname: X\n",
            "content/profiles/tag.md": "---\nname: !!python/object/apply:os.system ['true']\n---\n",
            "content/profiles/deep.md": "---\nname: " + "[" * 600 + "]" * 600 + "\n---\n",
            "content/profiles/bytes.md": b"\xff\xfe\x00\x00garbage",
            "content/profiles/nul.md": b"---\nname: a\x00\n---\n",
            "content/profiles/anna-de-vries.jpg": b"not a photo",
            "content/profiles/Bad Name.md": VALID_PROFILE,
            "content/assignments/kapot.md": "+++\n",
            "content/pages/over.md": "---\ntitle: Over\nmenu: yes\n---\n",
        }
    )
    (site / "content/profiles/link.md").symlink_to("/etc/passwd")
    checked = run_command("check", str(site), "--date", DATE, "--format", "github")
    assert checked.returncode == 1
    assert "Traceback" not in checked.stdout + checked.stderr
    assert len(checked.stdout.splitlines()) == 10
    assert all(line.startswith("::error file=") for line in checked.stdout.splitlines())
    out = tmp_path / "out"
    built = run_command("build", str(site), "--date", DATE, "--out", str(out), "--keep-going")
    assert built.returncode == 1
    assert "Traceback" not in built.stdout + built.stderr
    assert built.stderr.splitlines()[-1].startswith("sitegen: gepubliceerd zonder 10 kapotte bestanden: ")
    assert page(out, "profile", "anna-de-vries").is_file()


def test_a_public_assignment_may_not_name_an_internal_contact(make_site: SiteFactory) -> None:
    internal = VALID_PROFILE.replace("consent: 2026-03-01", "consent: 2026-03-01\nvisibility: internal")
    assignment = VALID_ASSIGNMENT.replace("posted:", "contact: anna-de-vries\nposted:")
    site = make_site({PROFILE: internal, "content/assignments/klus.md": assignment})
    status, out, _ = run("check", str(site), "--date", DATE)
    assert status == 1
    assert out == (
        "content/assignments/klus.md:6:1: error: contact: het profiel 'anna-de-vries' is intern, "
        "maar deze klus is openbaar\n"
        "  hint: noem een openbaar profiel, of zet de contactpersoon in het blok 'internal:'\n"
    )


def test_unexpected_files_and_folders_are_warnings(make_site: SiteFactory) -> None:
    site = make_site({**VALID, "content/profiles/notities.txt": "x", "content/pages/oud/over.md": "x"})
    status, out, _ = run("check", str(site), "--date", DATE)
    assert status == 0
    assert out == (
        "content/pages/oud: warning: de map 'oud' wordt overgeslagen\n"
        "  hint: inhoudsbestanden horen direct in content/pages/\n"
        "content/profiles/notities.txt: warning: het bestand 'notities.txt' wordt overgeslagen\n"
        "  hint: in content/profiles/ horen alleen .md-bestanden (en profielfoto's: .jpg, .jpeg, .png, .webp)\n"
    )


def test_the_help_names_the_defaults_of_the_modules_it_does_not_import() -> None:
    """cli.py repeats three defaults so that `check` need not import serve.py and scaffold.py."""
    from sitegen import scaffold, serve

    assert (cli.LOCAL, cli.DEFAULT_PORT, cli.DEFAULT_BASE_URL) == (
        serve.LOCAL,
        serve.DEFAULT_PORT,
        scaffold.DEFAULT_BASE_URL,
    )


# ---------------------------------------------------------------------------------------------
# Dutch end to end: what a member of a Dutch site reads, byte for byte


def test_a_dutch_site_reports_sizes_with_a_decimal_comma(make_site: SiteFactory) -> None:
    photo = b"\xff\xd8" + b"\0" * (6 * 1024 * 1024 - 2)
    site = make_site({**VALID, "content/profiles/anna-de-vries.jpg": photo})
    assert run("check", str(site), "--date", DATE) == (
        1,
        "content/profiles/anna-de-vries.jpg: error: het bestand is 6,0 MiB; de grens is 5,0 MiB\n"
        "  hint: maak de foto kleiner, bijvoorbeeld 1000 pixels breed\n",
        "sitegen: 5 bestanden gecontroleerd: 1 fout in 1 bestand, 0 waarschuwingen\n",
    )
    english = make_site({**ENGLISH, **VALID, "content/profiles/anna-de-vries.jpg": photo})
    assert run("check", str(english), "--date", DATE)[1:] == (
        "content/profiles/anna-de-vries.jpg: error: the file is 6.0 MiB; the limit is 5.0 MiB\n"
        "  hint: make the photo smaller, for example 1000 pixels wide\n",
        "sitegen: 5 files checked: 1 error in 1 file, 0 warnings\n",
    )


def test_a_dutch_site_reports_its_networks_in_dutch(make_site: SiteFactory, tmp_path: Path) -> None:
    networks = "networks:\n  - name: Noord\n    url: https://noord.example.nl/\n    path: ../noord\n"
    site = make_site({**VALID, "sitegen.yaml": "title: Testnetwerk\nbase_url: https://example.org/\n" + networks})
    assert run("check", str(site), "--date", DATE)[1] == (
        "sitegen.yaml:4:5: error: networks[1]: heeft zowel 'url' als 'path'\n"
        "  hint: houd er één over: 'url' voor een site, 'path' voor een map\n"
    )
    offline = make_site(
        {
            **VALID,
            "sitegen.yaml": "title: Testnetwerk\nbase_url: https://example.org/\n"
            + networks.replace("    path: ../noord\n", ""),
        }
    )
    status, out, err = run("build", str(offline), "--date", DATE, "--out", str(tmp_path / "out"), "--offline")
    assert status == 1
    hint = "  hint: bouw de site één keer zonder --offline, zodat de cache een kopie krijgt\n"
    assert out == "".join(
        f"sitegen.yaml:4: error: networks: 'Noord': de cache heeft geen kopie van de {kind} van dit netwerk, "
        f"en met --offline wordt er niets opgehaald\n{hint}"
        for kind in ("klussen", "profielen")
    )
    assert err.endswith(
        f"sitegen: niet gepubliceerd: los eerst de fouten hierboven op; {tmp_path / 'out'} is niet veranderd\n"
    )
