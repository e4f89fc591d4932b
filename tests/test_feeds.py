"""Atom feeds: read back with feedparser (no bozo), ids and dates stable across builds, an entry
gone when its assignment closes, every value escaped, and the feeds linked from the pages."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import feedparser
import pytest
from conftest import BUILD_DATE, REPO, VALID_ASSIGNMENT, VALID_PROFILE, SiteFactory
from outputs import ADDRESS, built, html_pages, page_of, parse

from sitegen import audience, build, models
from sitegen.taxonomy import group_key, term_slug

ATOM_LINK = {"rel": "alternate", "type": "application/atom+xml"}


def read(data: bytes) -> Any:
    feed = feedparser.parse(data)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    return feed


@pytest.fixture(scope="module")
def selection(demo_check: build.CheckResult) -> audience.Selection:
    assert demo_check.directory is not None
    return audience.select(demo_check.directory, "public")


def test_the_site_feed_holds_every_open_assignment(demo_files: dict[str, bytes], selection: audience.Selection) -> None:
    feed = read(demo_files[ADDRESS.feed()])
    assert feed.feed.id == "https://example.org/klussen/klussen.atom"
    assert feed.feed.title == "Open klussen - Netwerk Ondernemende Ambtenaren Brabant"
    assert feed.feed.language == "nl"
    assert {(link.rel, link.href) for link in feed.feed.links} == {
        ("self", "https://example.org/klussen/klussen.atom"),
        ("alternate", "https://example.org/klussen/"),
    }
    expected = sorted(selection.open_assignments, key=lambda a: (-a.modified.toordinal(), a.slug))
    assert [entry.id for entry in feed.entries] == [ADDRESS.absolute(ADDRESS.assignment(a.slug)) for a in expected]
    for entry, assignment in zip(feed.entries, expected, strict=True):
        assert entry.title == assignment.title
        assert entry.link == entry.id
        assert entry.published == f"{assignment.posted.isoformat()}T00:00:00Z"
        assert entry.updated == f"{(assignment.updated or assignment.posted).isoformat()}T00:00:00Z"
        assert entry.get("summary") == (assignment.summary or entry.get("summary"))
        assert [tag.label for tag in entry.tags] == list(assignment.fields)
        assert assignment.body_html.split("\n", 1)[0] in entry.content[0].value
    assert feed.feed.updated == feed.entries[0].updated  # the newest entry's, never the build date
    assert BUILD_DATE.isoformat() not in demo_files[ADDRESS.feed()].decode()


def test_one_feed_per_field(demo_files: dict[str, bytes], selection: audience.Selection) -> None:
    records: tuple[models.Profile | models.Assignment, ...] = (*selection.profiles, *selection.open_assignments)
    fields = {term_slug(group_key(field)) for record in records for field in record.fields}
    feeds = {path for path in demo_files if path.startswith("werkvelden/") and path.endswith(".atom")}
    assert feeds == {ADDRESS.field_feed(slug) for slug in fields}
    empty = 0
    for slug in sorted(fields):
        feed = read(demo_files[ADDRESS.field_feed(slug)])
        wanted = {
            ADDRESS.absolute(ADDRESS.assignment(a.slug))
            for a in selection.open_assignments
            if slug in {term_slug(group_key(f)) for f in a.fields}
        }
        assert {entry.id for entry in feed.entries} == wanted, slug
        assert feed.feed.id == ADDRESS.absolute(ADDRESS.field_feed(slug))
        assert feed.feed.link == ADDRESS.absolute(ADDRESS.term("fields", slug))
        empty += not wanted
    assert empty > 0  # a field of profiles only has a feed too, to subscribe to before its first assignment


def test_an_empty_feed_takes_the_newest_content_date(make_site: SiteFactory, tmp_path: Path) -> None:
    site = make_site({"content/profiles/anna-de-vries.md": VALID_PROFILE})
    files = built(site, tmp_path / "out", BUILD_DATE)
    feed = read(files[ADDRESS.feed()])
    assert feed.entries == []
    assert feed.feed.updated == "2026-03-01T00:00:00Z"  # Anna's consent: the only date of the site


def test_ids_and_dates_stay_the_same_across_builds_and_closed_assignments_leave(
    demo_files: dict[str, bytes], tmp_path: Path
) -> None:
    first = demo_files
    again = built(REPO, tmp_path / "again", BUILD_DATE)
    later_date = dt.date(2026, 12, 19)
    later = built(REPO, tmp_path / "later", later_date)
    feeds = sorted(path for path in first if path.endswith(".atom"))
    assert feeds and all(first[path] == again[path] for path in feeds)  # byte for byte
    before = {e.id: (e.updated, e.title) for e in read(first[ADDRESS.feed()]).entries}
    after = {e.id: (e.updated, e.title) for e in read(later[ADDRESS.feed()]).entries}
    common = set(before) & set(after)
    assert len(common) >= 5
    assert {entry_id: before[entry_id] for entry_id in common} == {entry_id: after[entry_id] for entry_id in common}
    assert later_date.isoformat() not in later[ADDRESS.feed()].decode()
    closed = set(before) - set(after)
    assert "https://example.org/klussen/procesbegeleider-participatie-spoorzone/" in closed  # deadline 18 December
    # posted on 10 December: scheduled on the 1st, so in no feed yet
    assert set(after) - set(before) == {"https://example.org/klussen/ux-onderzoek-digitale-balie/"}
    for path in feeds:
        if path in later:
            assert not closed & {e.id for e in read(later[path]).entries}, path


HOSTILE_ASSIGNMENT = """\
---
title: "Klus <script>alert(1)</script> & ]]> \\"quoted\\" 'single'"
organisation: gemeente-tilburg
fields: ["R&D <velden>"]
skills: [procesbegeleiding]
posted: 2026-11-01
deadline: 2026-12-20
summary: "Samen </summary></entry><entry> & meer"
---

Tekst met <b>vet</b>, &amp; een ]]> en een [link](https://example.org/?a=1&b=2).
"""


def test_hostile_values_are_escaped(make_site: SiteFactory, tmp_path: Path) -> None:
    site = make_site({"content/assignments/klus.md": HOSTILE_ASSIGNMENT})
    files = built(site, tmp_path / "out", BUILD_DATE)
    for path in (ADDRESS.feed(), ADDRESS.field_feed(term_slug(group_key("R&D <velden>")))):
        feed = read(files[path])
        [entry] = feed.entries
        assert entry.title == "Klus <script>alert(1)</script> & ]]> \"quoted\" 'single'"
        assert entry.summary == "Samen </summary></entry><entry> & meer"
        assert [tag.label for tag in entry.tags] == ["R&D <velden>"]
        content = entry.content[0]
        assert content.type == "text/html"
        assert "<b>vet</b>, &amp; een ]]&gt; en een" in content.value
        assert "<script" not in content.value


def test_every_page_links_the_site_feed(demo_files: dict[str, bytes]) -> None:
    for path, text in html_pages(demo_files).items():
        links = [e.attributes for e in parse(text.split("</head>", 1)[0]).find("link", **ATOM_LINK)]
        hrefs = [link["href"] for link in links]
        assert hrefs[0] == "/klussen/klussen.atom", path
        if path.startswith("werkvelden/") and path != "werkvelden/index.html":
            slug = path.split("/")[1]
            assert hrefs == ["/klussen/klussen.atom", f"/werkvelden/{slug}/klussen.atom"], path
        else:
            assert hrefs == ["/klussen/klussen.atom"], path
        assert all(link["title"] for link in links)


def test_visible_feed_links(demo_files: dict[str, bytes]) -> None:
    listing = parse(demo_files[page_of(ADDRESS.listing("assignments"))].decode())
    [link] = [e for e in listing.find("a", type="application/atom+xml")]
    assert link.attributes["href"] == "/klussen/klussen.atom"
    assert link.text == "Nieuwe klussen volgen met een feedlezer (Atom)"
    term = parse(demo_files[page_of(ADDRESS.term("fields", "omgevingswet"))].decode())
    [link] = [e for e in term.find("a", type="application/atom+xml")]
    assert link.attributes["href"] == "/werkvelden/omgevingswet/klussen.atom"
    assert link.text == "Nieuwe klussen in dit werkveld volgen met een feedlezer (Atom)"


def test_an_english_site_has_english_paths_and_titles(make_site: SiteFactory, tmp_path: Path) -> None:
    site = make_site(
        {
            "sitegen.yaml": "title: Network\nlanguage: en\nbase_url: https://example.org/\n",
            "content/profiles/anna-de-vries.md": VALID_PROFILE,
            "content/assignments/klus.md": VALID_ASSIGNMENT,
        }
    )
    files = built(site, tmp_path / "out", BUILD_DATE)
    feed = read(files["assignments/assignments.atom"])
    assert feed.feed.title == "Open assignments - Network"
    assert feed.feed.language == "en"
    assert [e.id for e in feed.entries] == ["https://example.org/assignments/klus/"]
    field = read(files["fields/omgevingswet/assignments.atom"])
    assert field.feed.title == "Open assignments in Omgevingswet - Network"
    assert "Apply by 20 December 2026" in field.entries[0].content[0].value
    page = parse(files["profiles/anna-de-vries/index.html"].decode())
    [link] = page.find("a", type="text/vcard")
    assert (link.attributes["href"], link.text) == ("/profiles/anna-de-vries/anna-de-vries.vcf", "Add to contacts")
    assert "profiles/anna-de-vries/anna-de-vries.vcf" in files
