"""Audiences (case 31 of docs/hostile-inputs.md): the public build holds nothing internal.

One test site puts a canary string in every internal field: every key an `internal:` block
allows, of a profile and of an assignment, and every field of a whole `visibility: internal`
profile and assignment. The public build must not contain any canary in any file or file name,
in any encoding a page, a URL, a JSON file or the search index could give it. Values that
cannot be text (rates, hours, dates, languages, forms of engagement) are unusual numbers and
choices that only the internal fields use. The internal build shows every canary, marks
internal records and asks robots to stay out.
"""

from __future__ import annotations

import html
import io
import json
import re
from pathlib import Path
from urllib.parse import quote, quote_plus

import pytest
from conftest import BUILD_DATE, ORGANISATIONS_YAML, write_site
from markupsafe import escape
from outputs import ADDRESS, built, html_pages, links, local_target, page_of, parse
from PIL import Image

from sitegen.terms import fold

PREFIX = "zqxcanary"  # every canary starts with it, so every token and stem of one does too


def canary(tag: str) -> str:
    return f"Zqxcanary{tag}"


# Text canaries, by the field that holds them. Some carry characters that HTML, URLs and JSON encode.
PUBLIC_PROFILE_INTERNAL = {
    "summary": f"{canary('PSummary')} & <b>'{canary('Quoted')}'</b> \"{canary('Ünïcode')}\"",
    "region": canary("PRegion"),
    "experience.role": canary("PExperienceRole"),
    "experience.organisation": f"{canary('PExperienceOrg')} & Zonen",
    "contact.email": "zqxcanary-p-email@example.org",
    "contact.website": "https://zqxcanary-p-website.example.org/pad?a=1&b=2",
    "contact.linkedin": "https://www.linkedin.com/in/zqxcanary-p-linkedin",
}
PUBLIC_ASSIGNMENT_INTERNAL = {
    "summary": f"{canary('ASummary')} <script>alert('{canary('AScript')}')</script>",
    "region": canary("ARegion"),
    "location": f"{canary('ALocation')}straat 1, Tilburg",
    "contact.name": canary("AContactName"),
    "contact.email": "zqxcanary-a-email@example.org",
}
INTERNAL_PROFILE = {
    "slug": "zqxcanary-profiel",
    "name": f"{canary('IPName')} O'Brien-Čapek",
    "role": canary("IPRole"),
    "summary": canary("IPSummary"),
    "field": canary("IPField"),
    "skill": f"{canary('IPSkill')} (ß)",
    "region": canary("IPRegion"),
    "body": canary("IPBody"),
    "contact.email": "zqxcanary-ip-email@example.org",
    "experience.role": canary("IPExperienceRole"),
}
INTERNAL_ASSIGNMENT = {
    "slug": "zqxcanary-klus",
    "title": f"{canary('IATitle')} <i>&amp;</i>",
    "summary": canary("IASummary"),
    "field": canary("IAField"),
    "skill": canary("IASkill"),
    "region": canary("IARegion"),
    "location": canary("IALocation"),
    "body": canary("IABody"),
    "contact.name": canary("IAContactName"),
}
CLOSED_INTERNAL_ASSIGNMENT = {
    "slug": "zqxcanary-gesloten",
    "title": canary("ClosedTitle"),
    "body": canary("ClosedBody"),
}
CANARIES = sorted(
    {
        value
        for fields in (
            PUBLIC_PROFILE_INTERNAL,
            PUBLIC_ASSIGNMENT_INTERNAL,
            INTERNAL_PROFILE,
            INTERNAL_ASSIGNMENT,
            CLOSED_INTERNAL_ASSIGNMENT,
        )
        for value in fields.values()
    }
)

# Values that cannot be text, as the pages and the search documents would write them.
HIDDEN_VALUES = {
    "profile rate 987.65": ["987,65", "987.65"],
    "profile availability 13.25 hours": ["13,25", "13.25"],
    "profile available from 2031-04-17": ["17 april 2031", "2031-04-17"],
    "profile available until 2032-09-23": ["23 september 2032", "2032-09-23"],
    "profile phone": ["1357 9086", "13579086"],
    "profile engagement belangeloos": ["Belangeloos", "belangeloos"],
    "profile availability limited": ["Beperkt beschikbaar"],
    "profile language bs": ["Bosnisch"],
    "assignment rate 876.54": ["876,54", "876.54"],
    "assignment hours 37.5": ["37,50", "37.5"],
    "assignment start 2031-05-11": ["11 mei 2031", "2031-05-11"],
    "assignment end 2032-08-29": ["29 augustus 2032", "2032-08-29"],
    "assignment engagement zelfstandig": ["Zelfstandig", "zelfstandig"],
    "assignment phone": ["2468 0975", "24680975"],
}

ORGANISATIONS = (
    ORGANISATIONS_YAML
    + """\
provincie-noord-brabant:
  name: Provincie Noord-Brabant
  type: provincie
"""
)

ANNA = f"""\
---
name: Anna de Vries
role: Beleidsadviseur
organisation: gemeente-tilburg
fields: [Omgevingswet]
skills: [verbindend, procesbegeleiding]
consent: 2026-03-01
summary: Ik verbind mensen en plannen.
contact:
  email: anna@example.org
internal:
  summary: {json.dumps(PUBLIC_PROFILE_INTERNAL["summary"])}
  region: {PUBLIC_PROFILE_INTERNAL["region"]}
  experience:
    - role: {PUBLIC_PROFILE_INTERNAL["experience.role"]}
      organisation: {PUBLIC_PROFILE_INTERNAL["experience.organisation"]}
      from: 2019
      to: 2021-06
  availability:
    status: limited
    hours_per_week: 13.25
    from: 2031-04-17
    until: 2032-09-23
  engagement: [belangeloos]
  rate: 987.65
  languages: [bs]
  contact:
    email: {PUBLIC_PROFILE_INTERNAL["contact.email"]}
    phone: "+31 6 1357 9086"
    website: {PUBLIC_PROFILE_INTERNAL["contact.website"]}
    linkedin: {PUBLIC_PROFILE_INTERNAL["contact.linkedin"]}
---

Ik werk aan de Omgevingswet.
"""

KLUS = f"""\
---
title: Projectleider omgevingsvisie
organisation: gemeente-tilburg
fields: [Omgevingswet]
skills: [procesbegeleiding]
posted: 2026-11-01
deadline: 2026-12-20
internal:
  summary: {json.dumps(PUBLIC_ASSIGNMENT_INTERNAL["summary"])}
  region: {PUBLIC_ASSIGNMENT_INTERNAL["region"]}
  location: {PUBLIC_ASSIGNMENT_INTERNAL["location"]}
  hours_per_week: 37.5
  start: 2031-05-11
  end: 2032-08-29
  engagement: zelfstandig
  rate: 876.54
  contact:
    name: {PUBLIC_ASSIGNMENT_INTERNAL["contact.name"]}
    email: {PUBLIC_ASSIGNMENT_INTERNAL["contact.email"]}
    phone: "+31 6 2468 0975"
---

Help ons met de omgevingsvisie.
"""

# A public assignment whose contact, internally, is the internal profile.
KLUS_TWEE = f"""\
---
title: Procesbegeleider participatie
organisation: waterschap-de-dommel
fields: [Participatie]
skills: [verbindend]
posted: 2026-11-15
deadline: 2027-01-10
internal:
  contact: {INTERNAL_PROFILE["slug"]}
---

Begeleid het gesprek met de omgeving.
"""

INTERNAL_PROFILE_FILE = f"""\
---
name: {json.dumps(INTERNAL_PROFILE["name"])}
role: {INTERNAL_PROFILE["role"]}
organisation: provincie-noord-brabant
fields: [{INTERNAL_PROFILE["field"]}, Omgevingswet]
skills: [{json.dumps(INTERNAL_PROFILE["skill"])}, verbindend]
consent: 2026-05-01
summary: {INTERNAL_PROFILE["summary"]}
region: {INTERNAL_PROFILE["region"]}
engagement: [belangeloos]
experience:
  - role: {INTERNAL_PROFILE["experience.role"]}
    organisation: Gemeente Tilburg
    from: 2020
contact:
  email: {INTERNAL_PROFILE["contact.email"]}
visibility: internal
---

## Over mij

{INTERNAL_PROFILE["body"]} werkt bij de provincie.
"""

INTERNAL_ASSIGNMENT_FILE = f"""\
---
title: {json.dumps(INTERNAL_ASSIGNMENT["title"])}
organisation: provincie-noord-brabant
fields: [{INTERNAL_ASSIGNMENT["field"]}, Omgevingswet]
skills: [{INTERNAL_ASSIGNMENT["skill"]}]
posted: 2026-11-20
deadline: 2026-12-31
summary: {INTERNAL_ASSIGNMENT["summary"]}
region: {INTERNAL_ASSIGNMENT["region"]}
location: {INTERNAL_ASSIGNMENT["location"]}
engagement: zelfstandig
contact:
  name: {INTERNAL_ASSIGNMENT["contact.name"]}
visibility: internal
---

{INTERNAL_ASSIGNMENT["body"]}: een klus die alleen collega's zien.
"""

CLOSED_INTERNAL_ASSIGNMENT_FILE = f"""\
---
title: {CLOSED_INTERNAL_ASSIGNMENT["title"]}
organisation: provincie-noord-brabant
fields: [Omgevingswet]
skills: [verbindend]
posted: 2026-10-01
deadline: 2026-12-31
status: filled
visibility: internal
---

{CLOSED_INTERNAL_ASSIGNMENT["body"]}
"""


def _photo() -> bytes:
    image = Image.new("RGB", (32, 32), (200, 40, 90))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


FILES: dict[str, str | bytes] = {
    "content/organisations.yaml": ORGANISATIONS,
    "content/profiles/anna-de-vries.md": ANNA,
    f"content/profiles/{INTERNAL_PROFILE['slug']}.md": INTERNAL_PROFILE_FILE,
    f"content/profiles/{INTERNAL_PROFILE['slug']}.png": _photo(),
    "content/assignments/klus.md": KLUS,
    "content/assignments/klus-twee.md": KLUS_TWEE,
    f"content/assignments/{INTERNAL_ASSIGNMENT['slug']}.md": INTERNAL_ASSIGNMENT_FILE,
    f"content/assignments/{CLOSED_INTERNAL_ASSIGNMENT['slug']}.md": CLOSED_INTERNAL_ASSIGNMENT_FILE,
    "content/pages/over.md": "---\ntitle: Over ons\nmenu: 1\n---\n\nHet netwerk.\n",
}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_site(tmp_path_factory.mktemp("canaries") / "site", FILES)


@pytest.fixture(scope="module")
def public(site: Path) -> dict[str, bytes]:
    return built(site, site.parent / "public", BUILD_DATE)


@pytest.fixture(scope="module")
def internal(site: Path) -> dict[str, bytes]:
    return built(site, site.parent / "internal", BUILD_DATE, audience="internal")


def encodings(text: str) -> dict[str, str]:
    """The forms in which `text` could reach an output file."""
    forms = {
        "as written": text,
        "lower case": text.lower(),
        "upper case": text.upper(),
        "HTML-escaped": html.escape(text),
        "HTML-escaped, quotes kept": html.escape(text, quote=False),
        "Jinja-escaped": str(escape(text)),
        "hex character references": "".join(f"&#x{ord(c):x};" for c in text),
        "decimal character references": "".join(f"&#{ord(c)};" for c in text),
        "URL-encoded": quote(text),
        "URL-encoded, no safe characters": quote(text, safe=""),
        "form-encoded": quote_plus(text),
        "JSON": json.dumps(text)[1:-1],
        "JSON, non-ASCII kept": json.dumps(text, ensure_ascii=False)[1:-1],
        "folded slug": fold(text),
    }
    return {how: form for how, form in forms.items() if form}


def occurrences(files: dict[str, bytes], needle: str) -> list[str]:
    """The files whose name or content holds `needle` (case-sensitive, as bytes)."""
    wanted = needle.encode("utf-8")
    return [path for path, data in files.items() if wanted in data or wanted in path.encode("utf-8")]


# ---------------------------------------------------------------------------------------------
# The public build


def test_the_site_uses_every_internal_key(site: Path) -> None:
    """Guards the test itself: each allowed key of an `internal:` block is set."""
    from sitegen.schema import ASSIGNMENT_OPTIONAL, PROFILE_OPTIONAL

    anna = (site / "content/profiles/anna-de-vries.md").read_text(encoding="utf-8").split("internal:\n", 1)[1]
    klus = (site / "content/assignments/klus.md").read_text(encoding="utf-8").split("internal:\n", 1)[1]
    assert {key.name for key in PROFILE_OPTIONAL} <= set(re.findall(r"^  (\w+):", anna, re.MULTILINE))
    assert {key.name for key in ASSIGNMENT_OPTIONAL} <= set(re.findall(r"^  (\w+):", klus, re.MULTILINE))


def test_the_public_build_publishes_the_public_records(public: dict[str, bytes]) -> None:
    assert page_of(ADDRESS.profile("anna-de-vries")) in public
    assert page_of(ADDRESS.assignment("klus")) in public
    assert page_of(ADDRESS.assignment("klus-twee")) in public
    assert "Anna de Vries" in public[page_of(ADDRESS.profile("anna-de-vries"))].decode()
    assert "sitemap.xml" in public and "robots.txt" in public and "404.html" in public


def test_no_canary_prefix_anywhere(public: dict[str, bytes]) -> None:
    """Every canary starts with the prefix: no file name or content holds it in any letter case."""
    leaks = [path for path, data in public.items() if PREFIX.encode() in data.lower() or PREFIX in path.lower()]
    assert leaks == []


@pytest.mark.parametrize("text", CANARIES)
def test_no_canary_in_any_encoding(public: dict[str, bytes], text: str) -> None:
    leaks = {how: occurrences(public, form) for how, form in encodings(text).items()}
    assert {how: paths for how, paths in leaks.items() if paths} == {}


@pytest.mark.parametrize("what", sorted(HIDDEN_VALUES))
def test_no_internal_value_that_is_not_text(public: dict[str, bytes], what: str) -> None:
    # The export schemas list every allowed value (an enum of the forms of engagement); they are the
    # same bytes on every site, so nothing of this one can be in them (tests/test_exports.py).
    # The profile form offers every choice (each form of engagement, status and language) by design.
    form = page_of(ADDRESS.profile_form())
    pages = {
        path: data
        for path, data in public.items()
        if path.endswith((".html", ".json", ".xml", ".txt")) and not path.startswith("api/v1/schema/") and path != form
    }
    leaks = {form: occurrences(pages, form) for form in HIDDEN_VALUES[what]}
    assert {form: paths for form, paths in leaks.items() if paths} == {}


def test_no_internal_page_and_no_photo(public: dict[str, bytes]) -> None:
    for slug in (INTERNAL_PROFILE["slug"], INTERNAL_ASSIGNMENT["slug"], CLOSED_INTERNAL_ASSIGNMENT["slug"]):
        assert not [path for path in public if slug in path]
    assert [path for path in public if "/foto-" in path] == []


def test_internal_contact_falls_back_to_nothing(public: dict[str, bytes]) -> None:
    """The public assignment whose contact is internal shows no contact at all."""
    page = public[page_of(ADDRESS.assignment("klus-twee"))].decode()
    assert 'id="contact"' not in page
    assert 'id="contact"' not in public[page_of(ADDRESS.assignment("klus"))].decode()


def test_no_link_to_a_missing_page(public: dict[str, bytes]) -> None:
    missing = {
        (path, href)
        for path, text in html_pages(public).items()
        for href in links(text)
        if (target := local_target(href)) is not None and target not in public
    }
    assert missing == set()


def taxonomy_entries(files: dict[str, bytes], kind: str) -> dict[str, str]:
    """label -> counts text of one taxonomy index page."""
    page = files[page_of(ADDRESS.taxonomy(kind))].decode()
    return {m[1]: m[2] for m in re.finditer(r'<li><a href="[^"]*">([^<]*)</a> <span class="count">\(([^)]*)\)', page)}


def test_taxonomy_counts_leave_internal_records_out(public: dict[str, bytes]) -> None:
    assert taxonomy_entries(public, "fields") == {
        "Omgevingswet": "1 profiel, 1 open klus",
        "Participatie": "0 profielen, 1 open klus",
    }
    assert taxonomy_entries(public, "skills") == {
        "procesbegeleiding": "1 profiel, 1 open klus",
        "verbindend": "1 profiel, 1 open klus",
    }
    assert taxonomy_entries(public, "regions") == {
        "Midden-Brabant": "1 profiel, 1 open klus",
        "Zuidoost-Brabant": "0 profielen, 1 open klus",
    }
    assert taxonomy_entries(public, "engagement") == {}


def test_an_organisation_of_internal_records_only_is_listed_empty(public: dict[str, bytes]) -> None:
    assert taxonomy_entries(public, "organisations") == {
        "Gemeente Tilburg": "1 profiel, 1 open klus",
        "Provincie Noord-Brabant": "0 profielen, 0 open klussen",
        "Waterschap De Dommel": "0 profielen, 1 open klus",
    }
    page = public[page_of(ADDRESS.term("organisations", "provincie-noord-brabant"))].decode()
    assert "0 profielen en 0 open klussen" in page
    assert 'class="cards"' not in page


def test_terms_of_internal_records_have_no_page(public: dict[str, bytes]) -> None:
    for kind, value in (
        ("fields", INTERNAL_PROFILE["field"]),
        ("skills", INTERNAL_PROFILE["skill"]),
        ("fields", INTERNAL_ASSIGNMENT["field"]),
        ("skills", INTERNAL_ASSIGNMENT["skill"]),
        ("regions", INTERNAL_PROFILE["region"]),
        ("regions", PUBLIC_PROFILE_INTERNAL["region"]),
        ("engagement", "belangeloos"),
        ("engagement", "zelfstandig"),
    ):
        assert page_of(ADDRESS.term(kind, fold(value))) not in public


def test_counts_on_the_home_and_listing_pages(public: dict[str, bytes]) -> None:
    assert "1 profiel en 2 open klussen" in public["index.html"].decode()
    assert "1 profiel" in public[page_of(ADDRESS.listing("profiles"))].decode()
    assert "2 open klussen" in public[page_of(ADDRESS.listing("assignments"))].decode()
    sitemap = public["sitemap.xml"].decode()
    assert sitemap.count("<url>") == len(re.findall("<loc>", sitemap))
    assert f"<loc>{ADDRESS.absolute(ADDRESS.profile('anna-de-vries'))}</loc>" in sitemap


def test_search_documents_hold_the_public_records_only(public: dict[str, bytes]) -> None:
    [documents] = [data for path, data in public.items() if path.startswith("zoeken/documents.")]
    titles = sorted(document["t"] for document in json.loads(documents))
    assert titles == ["Anna de Vries", "Procesbegeleider participatie", "Projectleider omgevingsvisie"]


def test_no_internal_marks_in_the_public_build(public: dict[str, bytes]) -> None:
    for path, text in html_pages(public).items():
        assert "badge-internal" not in text, path
        assert "internal-banner" not in text, path
    assert '<meta name="robots" content="noindex">' not in public["index.html"].decode()


# ---------------------------------------------------------------------------------------------
# The internal build


@pytest.mark.parametrize("text", CANARIES)
def test_internal_build_shows_every_canary(internal: dict[str, bytes], text: str) -> None:
    shown = str(escape(text)).encode("utf-8")
    assert any(shown in data for path, data in internal.items() if path.endswith(".html")), text


@pytest.mark.parametrize("what", sorted(HIDDEN_VALUES))
def test_internal_build_shows_every_value(internal: dict[str, bytes], what: str) -> None:
    pages = {path: data for path, data in internal.items() if path.endswith(".html")}
    assert any(occurrences(pages, form) for form in HIDDEN_VALUES[what]), what


def test_internal_build_merges_the_internal_blocks(internal: dict[str, bytes]) -> None:
    anna = internal[page_of(ADDRESS.profile("anna-de-vries"))].decode()
    assert str(escape(PUBLIC_PROFILE_INTERNAL["summary"])) in anna
    assert "Ik verbind mensen en plannen." not in anna  # the internal summary wins
    assert 'href="mailto:zqxcanary-p-email@example.org"' in anna
    klus_twee = internal[page_of(ADDRESS.assignment("klus-twee"))].decode()
    assert f'href="{ADDRESS.href(ADDRESS.profile(INTERNAL_PROFILE["slug"]))}"' in klus_twee


def test_internal_records_are_marked(internal: dict[str, bytes]) -> None:
    for site_path in (
        ADDRESS.profile(INTERNAL_PROFILE["slug"]),
        ADDRESS.assignment(INTERNAL_ASSIGNMENT["slug"]),
        ADDRESS.assignment(CLOSED_INTERNAL_ASSIGNMENT["slug"]),
    ):
        [h1] = parse(internal[page_of(site_path)].decode()).find("h1")
        assert "Intern" in h1.text
    for site_path in (ADDRESS.profile("anna-de-vries"), ADDRESS.assignment("klus")):
        [h1] = parse(internal[page_of(site_path)].decode()).find("h1")
        assert "Intern" not in h1.text
    listing = internal[page_of(ADDRESS.listing("profiles"))].decode()
    assert listing.count('class="badge badge-internal">Intern</span>') == 1


def test_every_internal_page_has_noindex(internal: dict[str, bytes]) -> None:
    pages = html_pages(internal)
    assert len(pages) > 20
    for path, text in pages.items():
        assert parse(text).find("meta", name="robots") and '<meta name="robots" content="noindex">' in text, path
        assert "internal-banner" in text, path
    assert internal["robots.txt"] == b"User-agent: *\nDisallow: /\n"
    assert "sitemap.xml" not in internal


def test_internal_taxonomies_count_everything(internal: dict[str, bytes]) -> None:
    assert taxonomy_entries(internal, "organisations")["Provincie Noord-Brabant"] == "1 profiel, 1 open klus"
    assert taxonomy_entries(internal, "fields")["Omgevingswet"] == "2 profielen, 2 open klussen"
    assert page_of(ADDRESS.term("skills", fold(INTERNAL_PROFILE["skill"]))) in internal
