"""The build date and what it makes of each assignment (docs/content-format.md, "Assignments").

Scheduled (before `posted`): no page anywhere. Open (from `posted` through the deadline day,
status open): listed, searchable, in the sitemap and on its term pages. Closed (after the
deadline, or status filled or withdrawn): left out of every listing, the search documents,
the sitemap and the taxonomies, but its page stays at the same URL with a closed notice and
noindex. The build date is `--date`, else SOURCE_DATE_EPOCH (a UTC day, whatever TZ says).
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import BUILD_DATE, VALID_PROFILE, write_site
from outputs import ADDRESS, build_into, built, digests, html_pages, links, local_target, page_of, parse, snapshot

from sitegen import cli
from sitegen.terms import fold

CLOSED_NOTICE = "Deze klus is gesloten: reageren is niet meer mogelijk."
NOINDEX = '<meta name="robots" content="noindex">'
EPOCH_2026_12_01 = "1796083200"  # 2026-12-01 00:00:00 UTC
EPOCH_2026_11_30_LATE = "1796083199"  # 2026-11-30 23:59:59 UTC, already 1 December in Auckland
FULL_WIDTH = "".join(chr(0xFF10 + int(digit)) for digit in EPOCH_2026_12_01)  # digits of another script


def assignment(title: str, posted: str, deadline: str, field: str, extra: str = "") -> str:
    return (
        f"---\ntitle: {title}\norganisation: gemeente-tilburg\nfields: [{field}]\n"
        f"skills: [procesbegeleiding]\nposted: {posted}\ndeadline: {deadline}\n{extra}---\n\n"
        f"Het werk van {title}.\n"
    )


# slug -> (title, its own field, state on 2026-12-01)
ASSIGNMENTS = {
    "laatste-dag": ("Klus op de laatste dag", "2026-11-01", "2026-12-01", "Laatstedagveld", "", "open"),
    "vandaag-geplaatst": ("Klus van vandaag", "2026-12-01", "2026-12-31", "Vandaagveld", "", "open"),
    "gepland": ("Geplande klus", "2026-12-02", "2026-12-31", "Geplandveld", "", "scheduled"),
    "verlopen-klus": (
        "Verlopen klus",
        "2026-10-01",
        "2026-11-30",
        "Verlopenveld",
        "contact: {name: Carla Contact, email: carla@example.org}\n",
        "closed",
    ),
    "vervuld": ("Vervulde klus", "2026-11-01", "2027-01-31", "Vervuldveld", "status: filled\n", "closed"),
    "ingetrokken": ("Ingetrokken klus", "2026-11-01", "2027-01-31", "Ingetrokkenveld", "status: withdrawn\n", "closed"),
}
OPEN = sorted(slug for slug, spec in ASSIGNMENTS.items() if spec[-1] == "open")
CLOSED = sorted(slug for slug, spec in ASSIGNMENTS.items() if spec[-1] == "closed")


def files() -> dict[str, str | bytes]:
    content: dict[str, str | bytes] = {"content/profiles/anna-de-vries.md": VALID_PROFILE}
    for slug, (title, posted, deadline, field, extra, _) in ASSIGNMENTS.items():
        content[f"content/assignments/{slug}.md"] = assignment(title, posted, deadline, field, extra)
    return content


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_site(tmp_path_factory.mktemp("dates") / "site", files())


@pytest.fixture(scope="module")
def output(site: Path) -> dict[str, bytes]:
    return built(site, site.parent / "out", BUILD_DATE)


def text(output: dict[str, bytes], path: str) -> str:
    return output[path].decode("utf-8")


def holding(output: dict[str, bytes], needle: str) -> list[str]:
    return sorted(path for path, data in output.items() if needle.encode() in data or needle in path)


def search_titles(output: dict[str, bytes]) -> list[str]:
    [documents] = [data for path, data in output.items() if path.startswith("zoeken/documents.")]
    return sorted(document["t"] for document in json.loads(documents))


def test_states_on_the_build_date(site: Path) -> None:
    result = build_into(site, site.parent / "states", BUILD_DATE)
    assert result.published is not None
    # An open status past the deadline is a warning for the coordinators, and the only one here.
    assert [(d.path, d.code) for d in result.check.diagnostics] == [
        ("content/assignments/verlopen-klus.md", "deadline-passed")
    ]


def test_scheduled_assignment_is_nowhere(output: dict[str, bytes]) -> None:
    assert holding(output, "gepland") == []
    assert holding(output, "Geplande klus") == []
    assert holding(output, fold("Geplandveld")) == []
    assert holding(output, "Geplandveld") == []


@pytest.mark.parametrize("slug", OPEN)
def test_open_assignment_is_listed_everywhere(output: dict[str, bytes], slug: str) -> None:
    title, field = ASSIGNMENTS[slug][0], ASSIGNMENTS[slug][3]
    page = text(output, page_of(ADDRESS.assignment(slug)))
    assert NOINDEX not in page
    assert CLOSED_NOTICE not in page
    href = f'href="{ADDRESS.href(ADDRESS.assignment(slug))}"'
    assert href in text(output, page_of(ADDRESS.listing("assignments")))
    assert href in text(output, "index.html")
    assert href in text(output, page_of(ADDRESS.term("fields", fold(field))))
    assert f"<loc>{ADDRESS.absolute(ADDRESS.assignment(slug))}</loc>" in text(output, "sitemap.xml")
    assert title in search_titles(output)


@pytest.mark.parametrize("slug", CLOSED)
def test_closed_assignment_keeps_its_page_with_a_notice(output: dict[str, bytes], slug: str) -> None:
    page = text(output, page_of(ADDRESS.assignment(slug)))
    assert CLOSED_NOTICE in page
    assert NOINDEX in page
    assert [h1.text for h1 in parse(page).find("h1")] == [ASSIGNMENTS[slug][0]]
    assert f'<link rel="canonical" href="{ADDRESS.absolute(ADDRESS.assignment(slug))}">' in page
    assert 'id="contact"' not in page  # nobody to write to any more
    assert "carla@example.org" not in page


@pytest.mark.parametrize("slug", CLOSED)
def test_closed_assignment_is_listed_nowhere(output: dict[str, bytes], slug: str) -> None:
    title, field = ASSIGNMENTS[slug][0], ASSIGNMENTS[slug][3]
    own_page = page_of(ADDRESS.assignment(slug))
    assert holding(output, slug) == [own_page]
    assert holding(output, title) == [own_page]
    assert title not in search_titles(output)
    assert page_of(ADDRESS.term("fields", fold(field))) not in output
    assert field not in text(output, page_of(ADDRESS.taxonomy("fields")))


def dead_links(output: dict[str, bytes], path: str) -> list[str]:
    return [
        href
        for href in links(text(output, path))
        if (target := local_target(href)) is not None and target not in output
    ]


@pytest.mark.parametrize("slug", CLOSED)
def test_closed_page_links_only_to_pages_that_exist(output: dict[str, bytes], slug: str) -> None:
    """Its own field has no page any more: the field is shown as text."""
    page = text(output, page_of(ADDRESS.assignment(slug)))
    assert dead_links(output, page_of(ADDRESS.assignment(slug))) == []
    assert f"<li>{ASSIGNMENTS[slug][3]}</li>" in page


def test_no_page_links_to_a_missing_page(output: dict[str, bytes]) -> None:
    """Also the organisation without records here, whose region has no page (Waterschap De Dommel)."""
    assert {(path, href) for path in html_pages(output) for href in dead_links(output, path)} == set()
    dommel = text(output, page_of(ADDRESS.term("organisations", "waterschap-de-dommel")))
    assert "Zuidoost-Brabant" in dommel


def test_counts_leave_closed_and_scheduled_out(output: dict[str, bytes]) -> None:
    assert "1 profiel en 2 open klussen" in text(output, "index.html")
    assert "2 open klussen" in text(output, page_of(ADDRESS.listing("assignments")))
    organisation = text(output, page_of(ADDRESS.term("organisations", "gemeente-tilburg")))
    assert "1 profiel en 2 open klussen" in organisation
    assert search_titles(output) == sorted(["Anna de Vries", *(ASSIGNMENTS[slug][0] for slug in OPEN)])


# ---------------------------------------------------------------------------------------------
# Where the build date comes from


def run_build(site: Path, out: Path, *args: str, **environment: str) -> subprocess.CompletedProcess[str]:
    env = {key: value for key, value in os.environ.items() if key != "SOURCE_DATE_EPOCH"}
    env.update(environment)
    return subprocess.run(
        [sys.executable, "-m", "sitegen", "build", str(site), "--out", str(out), *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )


def test_source_date_epoch_gives_the_same_site_as_date(site: Path, output: dict[str, bytes], tmp_path: Path) -> None:
    assert built(site, tmp_path / "date", BUILD_DATE) == output
    result = run_build(site, tmp_path / "epoch", SOURCE_DATE_EPOCH=EPOCH_2026_12_01)
    assert result.returncode == 0, result.stderr
    assert digests(tmp_path / "epoch") == digests(tmp_path / "date")
    assert "Bijgewerkt op 1 december 2026" in text(output, "index.html")


def test_source_date_epoch_is_a_utc_day(site: Path, tmp_path: Path) -> None:
    """23:59:59 UTC on 30 November is 1 December in Auckland; the build date is 30 November."""
    out = tmp_path / "out"
    result = run_build(site, out, SOURCE_DATE_EPOCH=EPOCH_2026_11_30_LATE, TZ="Pacific/Auckland")
    assert result.returncode == 0, result.stderr
    output = snapshot(out)
    assert "Bijgewerkt op 30 november 2026" in text(output, "index.html")
    assert CLOSED_NOTICE not in text(output, page_of(ADDRESS.assignment("verlopen-klus")))  # its last day
    assert page_of(ADDRESS.assignment("vandaag-geplaatst")) not in output  # posted tomorrow
    assert "Verlopen klus" in search_titles(output)


def test_date_option_wins_over_source_date_epoch(site: Path, output: dict[str, bytes], tmp_path: Path) -> None:
    result = run_build(
        site, tmp_path / "out", "--date", BUILD_DATE.isoformat(), SOURCE_DATE_EPOCH=EPOCH_2026_11_30_LATE
    )
    assert result.returncode == 0, result.stderr
    assert snapshot(tmp_path / "out") == output


@pytest.mark.parametrize(
    ("epoch", "message"),
    [
        ("99999999999999999999", "'99999999999999999999' seconds is not a date sitegen can use"),  # beyond time_t
        ("253402300800", "'253402300800' seconds is not a date sitegen can use"),  # 10000-01-01
        ("²", "'²' is not a number of seconds"),  # str.isdigit says yes, int() says no
        (FULL_WIDTH, f"'{FULL_WIDTH}' is not a number of seconds"),
        ("-1", "'-1' is not a number of seconds"),
    ],
)
def test_unusable_source_date_epoch_is_a_usage_error(
    site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, epoch: str, message: str
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    out, err = io.StringIO(), io.StringIO()
    status = cli.main(["build", str(site), "--out", str(tmp_path / "out")], stdout=out, stderr=err)
    assert (status, out.getvalue(), err.getvalue()) == (2, "", f"sitegen: error: SOURCE_DATE_EPOCH: {message}\n")
    assert not (tmp_path / "out").exists()
