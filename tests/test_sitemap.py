"""sitemap.xml against the sitemaps.org XSD (vendored in tests/schemas/), `lastmod` from the
content's own dates, and robots.txt at a host root, below a sub-path and in the internal build."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from conftest import BUILD_DATE, REPO, VALID_ASSIGNMENT, VALID_PROFILE, SiteFactory
from lxml import etree
from outputs import ADDRESS, build_into, built, snapshot

from sitegen import audience, build, models
from sitegen.taxonomy import group_key, term_slug

SCHEMA = Path(__file__).parent / "schemas" / "sitemap.xsd"
NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def entries(sitemap: bytes) -> dict[str, str | None]:
    """loc -> lastmod, after validating the sitemap against the XSD."""
    schema = etree.XMLSchema(etree.parse(str(SCHEMA)))
    document = etree.fromstring(sitemap)
    schema.assertValid(document)
    found: dict[str, str | None] = {}
    for url in document.findall("s:url", NS):
        lastmod = url.find("s:lastmod", NS)
        found[url.findtext("s:loc", namespaces=NS) or ""] = None if lastmod is None else lastmod.text
    return found


@pytest.fixture(scope="module")
def selection(demo_check: build.CheckResult) -> audience.Selection:
    assert demo_check.directory is not None
    return audience.select(demo_check.directory, "public")


def test_the_schema_rejects_what_it_should() -> None:
    """Guards the test: the vendored schema is the real one, which refuses a bad lastmod."""
    bad = (
        b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>https://example.org/</loc>'
        b"<lastmod>1 december 2026</lastmod></url></urlset>"
    )
    with pytest.raises(etree.DocumentInvalid):
        entries(bad)


def test_the_demo_sitemap_is_valid_and_dated(demo_files: dict[str, bytes], selection: audience.Selection) -> None:
    found = entries(demo_files["sitemap.xml"])
    absolute = ADDRESS.absolute
    for profile in selection.profiles:
        assert found[absolute(ADDRESS.profile(profile.slug))] == profile.modified.isoformat()
    for assignment in selection.open_assignments:
        assert found[absolute(ADDRESS.assignment(assignment.slug))] == assignment.modified.isoformat()
    for assignment in selection.closed_assignments:
        assert absolute(ADDRESS.assignment(assignment.slug)) not in found
    everything: list[models.Dated] = [*selection.profiles, *selection.open_assignments]
    assert found[absolute(ADDRESS.home())] == models.newest(everything).isoformat()  # type: ignore[union-attr]
    first_page = selection.profiles[:24]
    assert found[absolute(ADDRESS.listing("profiles"))] == models.newest(first_page).isoformat()  # type: ignore[union-attr]
    assert (
        found[absolute(ADDRESS.listing("profiles", 2))]
        == models.newest(  # type: ignore[union-attr]
            selection.profiles[24:48]
        ).isoformat()
    )
    records: tuple[models.Profile | models.Assignment, ...] = (*selection.profiles, *selection.open_assignments)
    omgevingswet: list[models.Dated] = [
        r for r in records if "omgevingswet" in {term_slug(group_key(f)) for f in r.fields}
    ]
    assert found[absolute(ADDRESS.term("fields", "omgevingswet"))] == models.newest(omgevingswet).isoformat()  # type: ignore[union-attr]
    assert found[absolute(ADDRESS.page("over"))] is None  # a free page has no date of its own
    assert found[absolute(ADDRESS.search())] is None
    assert absolute(ADDRESS.not_found()) not in found


def test_lastmod_is_the_contents_not_the_build_date(tmp_path: Path) -> None:
    """A build a week later dates every unchanged page the same."""
    early = entries(built(REPO, tmp_path / "early", BUILD_DATE)["sitemap.xml"])
    late = entries(built(REPO, tmp_path / "late", BUILD_DATE + dt.timedelta(days=1))["sitemap.xml"])
    profiles = {loc: lastmod for loc, lastmod in early.items() if "/profielen/" in loc}
    assert profiles and all(late[loc] == lastmod for loc, lastmod in profiles.items())
    assert all(lastmod is None or lastmod < BUILD_DATE.isoformat() for lastmod in early.values())


def test_robots_at_a_host_root_names_the_sitemap(demo_files: dict[str, bytes]) -> None:
    assert demo_files["robots.txt"] == b"User-agent: *\nAllow: /\nSitemap: https://example.org/sitemap.xml\n"


def test_robots_below_a_sub_path_says_what_to_do(make_site: SiteFactory, tmp_path: Path) -> None:
    site = make_site(
        {
            "sitegen.yaml": "title: T\nbase_url: https://example.github.io/netwerk/\n",
            "content/profiles/anna-de-vries.md": VALID_PROFILE,
            "content/assignments/klus.md": VALID_ASSIGNMENT,
        }
    )
    files = built(site, tmp_path / "out", BUILD_DATE)
    robots = files["robots.txt"].decode()
    assert not re.search(r"^Sitemap:", robots, re.MULTILINE)  # a crawler never reads this file
    assert "# Sitemap: https://example.github.io/netwerk/sitemap.xml\n" in robots
    assert robots.endswith("User-agent: *\nAllow: /\n")
    assert "https://example.github.io/netwerk/profielen/anna-de-vries/" in entries(files["sitemap.xml"])


def test_the_internal_build_disallows_everything(make_site: SiteFactory, tmp_path: Path) -> None:
    site = make_site({"content/profiles/anna-de-vries.md": VALID_PROFILE})
    result = build_into(site, tmp_path / "out", BUILD_DATE, audience="internal")
    assert result.published is not None
    files = snapshot(tmp_path / "out")
    assert files["robots.txt"] == b"User-agent: *\nDisallow: /\n"
    assert "sitemap.xml" not in files


HOSTILE_ASSIGNMENT = """\
---
title: Klus
organisation: gemeente-tilburg
fields: ["R&D <velden>", "中文"]
skills: ["a&b", "'quoted'"]
posted: 2026-11-01
deadline: 2026-12-20
region: "Noord & Zuid"
---

Tekst.
"""


def test_term_pages_of_hostile_values_stay_valid(make_site: SiteFactory, tmp_path: Path) -> None:
    site = make_site({"content/assignments/klus.md": HOSTILE_ASSIGNMENT})
    found = entries(built(site, tmp_path / "out", BUILD_DATE)["sitemap.xml"])
    terms = {loc.removeprefix(ADDRESS.base_url) for loc in found if loc.count("/") == 5}
    assert {"werkvelden/r-d-velden/", "kwaliteiten/a-b/", "kwaliteiten/quoted/", "regio/noord-zuid/"} <= terms
    assert any(t.startswith("werkvelden/term-") for t in terms)  # no Latin letter: a hashed slug
    assert {lastmod for lastmod in found.values() if lastmod} == {"2026-11-01"}  # none is the build date
