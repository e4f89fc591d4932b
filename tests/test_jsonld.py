"""schema.org JSON-LD: every block of the demo parsed and checked against what Google's guides
require, and the serializer against values that try to break out of the <script> element."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from conftest import BUILD_DATE, SiteFactory
from outputs import ADDRESS, built, html_pages, json_ld, page_of, parse

from sitegen import audience, build, config, jsonld, models

JsonObject = dict[str, object]


@pytest.fixture(scope="module")
def selection(demo_check: build.CheckResult) -> audience.Selection:
    assert demo_check.directory is not None
    return audience.select(demo_check.directory, "public")


@pytest.fixture(scope="module")
def organisations(demo_check: build.CheckResult) -> dict[str, models.Organisation]:
    assert demo_check.directory is not None
    return demo_check.directory.organisations


def blocks(files: dict[str, bytes], site_path: str) -> list[JsonObject]:
    return json_ld(files[page_of(site_path)].decode())


def only_block(files: dict[str, bytes], site_path: str, kind: str) -> JsonObject:
    found = blocks(files, site_path)
    assert [block["@type"] for block in found] == [kind], site_path
    assert found[0]["@context"] == "https://schema.org"
    return found[0]


# ---------------------------------------------------------------------------------------------
# The serializer


HOSTILE = [
    "</script><script>alert(1)</script>",
    "</SCRIPT >",
    "<!-- <script>",
    "a\u2028b\u2029c",
    "&lt;/script&gt; & <b>",
    'quote " backslash \\ slash /',
    "]]> --> <![CDATA[",
]


@pytest.mark.parametrize("value", HOSTILE)
def test_the_serializer_keeps_every_value_inside_the_block(value: str) -> None:
    data = {"name": value, "list": [value], "nested": {value: value}}
    text = jsonld.serialize(data)
    for raw in ("<", ">", "&", "\u2028", "\u2029"):
        assert raw not in text
    assert json.loads(text) == data
    page = parse(f"<head>{jsonld.script(data)}</head>")
    [element] = page.find("script")
    assert element.attributes == {"type": "application/ld+json"}
    assert json.loads(element.text) == data


def test_the_escapes_are_json_unicode_escapes() -> None:
    assert jsonld.serialize({"a": "</script>&\u2028\u2029"}) == '{"a":"\\u003c/script\\u003e\\u0026\\u2028\\u2029"}'
    assert jsonld.serialize({"a": "Zoë €"}) == '{"a":"Zoë €"}'  # the page is UTF-8: no need to escape the rest


def test_no_data_no_block() -> None:
    assert jsonld.script(None) == ""


HOSTILE_PROFILE = """\
---
name: "Anna </script><script>alert(1)</script> de Vries"
role: "Beleidsadviseur <!-- & -->"
organisation: gemeente-tilburg
fields: ["Omgevingswet</script>"]
skills: ["verbindend\\u2028procesbegeleiding", "a\\u2029b"]
consent: 2026-03-01
summary: "Ik verbind </script> mensen\\u2028& plannen\\u2029"
contact:
  email: anna@example.org
---

Ik werk aan de Omgevingswet.
"""


def test_hostile_front_matter_stays_data(make_site: SiteFactory, tmp_path: Path) -> None:
    site = make_site({"content/profiles/anna-de-vries.md": HOSTILE_PROFILE})
    files = built(site, tmp_path / "out", BUILD_DATE)
    text = files[page_of(ADDRESS.profile("anna-de-vries"))].decode()
    head = text.split("</head>", 1)[0]
    assert head.count("<script") == 1 and head.count("</script>") == 1
    [page] = json_ld(text)
    person = page["mainEntity"]
    assert isinstance(person, dict)
    assert person["name"] == "Anna </script><script>alert(1)</script> de Vries"
    assert person["jobTitle"] == "Beleidsadviseur <!-- & -->"
    assert person["knowsAbout"] == ["Omgevingswet</script>", "verbindend procesbegeleiding", "a b"]
    assert person["description"] == "Ik verbind </script> mensen & plannen"  # the schema made the separators spaces


HOSTILE_ASSIGNMENT = """\
---
title: "Klus </script><!--"
organisation: gemeente-tilburg
fields: [Omgevingswet]
skills: [procesbegeleiding]
posted: 2026-11-01
deadline: 2026-12-20
summary: "Samen </script> & <b>"
location: "Stadhuis </script>"
---

Een regel\u2028met scheidingstekens\u2029 en </script><script>alert(1)</script> in de tekst.
"""


def test_a_hostile_body_stays_data(make_site: SiteFactory, tmp_path: Path) -> None:
    site = make_site(
        {"content/assignments/klus.md": HOSTILE_ASSIGNMENT.replace("\\u2028", "\u2028").replace("\\u2029", "\u2029")}
    )
    files = built(site, tmp_path / "out", BUILD_DATE)
    text = files[page_of(ADDRESS.assignment("klus"))].decode()
    head = text.split("</head>", 1)[0]
    assert head.count("<script") == 1 and head.count("</script>") == 1
    assert "\u2028" not in head and "\u2029" not in head
    [posting] = json_ld(text)
    assert posting["title"] == "Klus </script><!--"
    assert posting["jobLocation"]["name"] == "Stadhuis </script>"  # type: ignore[index]
    description = str(posting["description"])
    assert description.startswith("<p>Samen &lt;/script&gt; &amp; &lt;b&gt;</p>\n<p>Een regel\u2028met")
    assert description.endswith("scheidingstekens\u2029 en  in de tekst.</p>")  # nh3 dropped the script
    assert "alert" not in description


# ---------------------------------------------------------------------------------------------
# The demo


def test_every_block_of_the_demo_parses(demo_files: dict[str, bytes]) -> None:
    counts: dict[str, int] = {}
    for path, text in html_pages(demo_files).items():
        for block in json_ld(text):  # json.loads raises on a block that does not parse
            assert block["@context"] == "https://schema.org", path
            kind = str(block["@type"])
            counts[kind] = counts.get(kind, 0) + 1
    assert set(counts) == {"WebSite", "ProfilePage", "JobPosting", "GovernmentOrganization", "Organization"}


def test_the_home_page_is_a_website_with_a_search_action(demo_files: dict[str, bytes]) -> None:
    site = only_block(demo_files, ADDRESS.home(), "WebSite")
    assert site["url"] == "https://example.org/"
    assert site["name"] == "Netwerk Ondernemende Ambtenaren Brabant"
    assert site["inLanguage"] == "nl"
    assert site["potentialAction"] == {
        "@type": "SearchAction",
        "target": {"@type": "EntryPoint", "urlTemplate": "https://example.org/zoeken/?q={search_term_string}"},
        "query-input": "required name=search_term_string",
    }


def test_every_profile_page_is_a_profile_page_of_a_person(
    demo_files: dict[str, bytes], selection: audience.Selection, organisations: dict[str, models.Organisation]
) -> None:
    photos = 0
    for profile in selection.profiles:
        url = ADDRESS.absolute(ADDRESS.profile(profile.slug))
        page = only_block(demo_files, ADDRESS.profile(profile.slug), "ProfilePage")
        assert page["url"] == url
        assert page["dateModified"] == (profile.updated or profile.consent).isoformat()
        person = page["mainEntity"]
        assert isinstance(person, dict)
        assert person["@type"] == "Person"
        assert person["name"] == profile.name
        assert person["jobTitle"] == profile.role
        assert person["url"] == url
        organisation = organisations[profile.organisation]
        assert person["worksFor"]["name"] == organisation.name
        assert person["worksFor"]["@type"] == (
            "Organization" if organisation.type == "overig" else "GovernmentOrganization"
        )
        assert person["knowsAbout"] == list(dict.fromkeys((*profile.fields, *profile.skills)))
        assert person.get("knowsLanguage", []) == list(profile.languages)
        if profile.photo:
            photos += 1
            image = str(person["image"])
            assert image.startswith(url + "foto-") and image.endswith(".jpg")
            assert image.removeprefix(ADDRESS.base_url) in demo_files
        else:
            assert "image" not in person
        contact = profile.contact or models.Contact()
        assert person.get("email") == contact.email
        assert person.get("telephone") == contact.phone
        assert person.get("sameAs", []) == [u for u in (contact.website, contact.linkedin) if u]
    assert photos == 5


def test_a_profile_page_in_full(demo_files: dict[str, bytes]) -> None:
    page = only_block(demo_files, ADDRESS.profile("bram-jansen"), "ProfilePage")
    assert page == {
        "@context": "https://schema.org",
        "@type": "ProfilePage",
        "url": "https://example.org/profielen/bram-jansen/",
        "name": "Bram Jansen",
        "inLanguage": "nl",
        "isPartOf": {"@id": "https://example.org/#website"},
        "dateModified": "2026-08-11",
        "mainEntity": {
            "@type": "Person",
            "@id": "https://example.org/profielen/bram-jansen/#person",
            "name": "Bram Jansen",
            "jobTitle": "Hydroloog",
            "url": "https://example.org/profielen/bram-jansen/",
            "description": (
                "Hydroloog die modellen bouwt voor beekherstel en droogte, en die uitlegt aan wie geen model wil lezen."
            ),
            "worksFor": {
                "@type": "GovernmentOrganization",
                "@id": "https://example.org/organisaties/waterschap-de-dommel/#organisation",
                "name": "Waterschap De Dommel",
                "url": "https://www.dommel.nl",
                "areaServed": "Zuidoost-Brabant",
            },
            "knowsAbout": ["Waterbeheer", "Klimaatadaptatie", "GIS", "data-analyse", "Python", "analytisch"],
            "knowsLanguage": ["nl", "en"],
            "image": page["mainEntity"]["image"],  # type: ignore[index]
            "email": "b.jansen@dommel.nl",
            "sameAs": ["https://www.dommel.nl/beekherstel"],
        },
    }


def test_every_open_assignment_is_a_job_posting_google_accepts(
    demo_files: dict[str, bytes], selection: audience.Selection, organisations: dict[str, models.Organisation]
) -> None:
    """The required properties of Google's job-posting guide, and the recommended ones."""
    assert len(selection.open_assignments) >= 10
    for assignment in selection.open_assignments:
        posting = only_block(demo_files, ADDRESS.assignment(assignment.slug), "JobPosting")
        organisation = organisations[assignment.organisation]
        assert posting["title"] == assignment.title
        assert isinstance(posting["description"], str) and assignment.body_html in posting["description"]
        assert posting["datePosted"] == assignment.posted.isoformat()
        assert str(posting["validThrough"]).startswith(assignment.deadline.isoformat() + "T23:59:59+0")
        hiring = posting["hiringOrganization"]
        assert isinstance(hiring, dict)
        assert hiring["name"] == organisation.name
        assert hiring.get("sameAs") == organisation.website
        location = posting["jobLocation"]
        assert isinstance(location, dict) and location["@type"] == "Place"
        address = location["address"]
        assert address["@type"] == "PostalAddress" and address["addressCountry"] == "NL"
        assert address.get("addressLocality") or address.get("addressRegion"), assignment.slug
        employment = posting["employmentType"]
        assert isinstance(employment, list)
        assert (
            employment[0]
            == {
                "detachering": "TEMPORARY",
                "publiek-tarief": "CONTRACTOR",
                "zelfstandig": "CONTRACTOR",
                "belangeloos": "VOLUNTEER",
                None: "TEMPORARY",
            }[assignment.engagement]
        )
        assert posting["identifier"] == {"@type": "PropertyValue", "name": organisation.name, "value": assignment.slug}
        assert posting["directApply"] is False
        if assignment.rate is None:
            assert "baseSalary" not in posting
        else:
            assert posting["baseSalary"] == {
                "@type": "MonetaryAmount",
                "currency": "EUR",
                "value": {"@type": "QuantitativeValue", "value": assignment.rate, "unitText": "HOUR"},
            }
    assert any(
        "baseSalary" in only_block(demo_files, ADDRESS.assignment(a.slug), "JobPosting")
        for a in selection.open_assignments
    )


def test_a_job_posting_in_full(demo_files: dict[str, bytes]) -> None:
    posting = only_block(demo_files, ADDRESS.assignment("procesbegeleider-participatie-spoorzone"), "JobPosting")
    description = posting.pop("description")
    assert isinstance(description, str)
    assert description.startswith(
        "<p>Begeleid de participatie voor het nieuwe omgevingsplan van de Spoorzone-Noord"
        ", samen met bewoners en ondernemers.</p>\n<h3>Opdracht</h3>"
    )
    assert posting == {
        "@context": "https://schema.org",
        "@type": "JobPosting",
        "url": "https://example.org/klussen/procesbegeleider-participatie-spoorzone/",
        "title": "Procesbegeleider participatie Spoorzone-Noord",
        "datePosted": "2026-11-03",
        "validThrough": "2026-12-18T23:59:59+01:00",
        "employmentType": ["TEMPORARY", "PART_TIME"],
        "hiringOrganization": {
            "@type": "GovernmentOrganization",
            "@id": "https://example.org/organisaties/gemeente-tilburg/#organisation",
            "name": "Gemeente Tilburg",
            "url": "https://www.tilburg.nl",
            "sameAs": "https://www.tilburg.nl",
            "areaServed": "Midden-Brabant",
        },
        "jobLocation": {
            "@type": "Place",
            "name": "Stadskantoor Tilburg en op locatie in de wijk",
            "address": {
                "@type": "PostalAddress",
                "addressLocality": "Tilburg",
                "addressRegion": "Midden-Brabant",
                "addressCountry": "NL",
            },
        },
        "identifier": {
            "@type": "PropertyValue",
            "name": "Gemeente Tilburg",
            "value": "procesbegeleider-participatie-spoorzone",
        },
        "directApply": False,
        "jobStartDate": "2027-01-11",
        "skills": "procesbegeleiding, facilitatie, participatietrajecten ontwerpen, verbindend",
        "applicationContact": {"@type": "ContactPoint", "url": "https://example.org/profielen/zoe-van-der-berg/"},
    }


def test_closed_assignments_carry_no_job_posting(demo_files: dict[str, bytes], selection: audience.Selection) -> None:
    assert selection.closed_assignments
    for assignment in selection.closed_assignments:
        assert blocks(demo_files, ADDRESS.assignment(assignment.slug)) == []


def test_organisation_pages(demo_files: dict[str, bytes], organisations: dict[str, models.Organisation]) -> None:
    for organisation in organisations.values():
        kind = "Organization" if organisation.type == "overig" else "GovernmentOrganization"
        node = only_block(demo_files, ADDRESS.term("organisations", organisation.id), kind)
        assert node["name"] == organisation.name
        assert node.get("url") == organisation.website
        assert node["mainEntityOfPage"] == ADDRESS.absolute(ADDRESS.term("organisations", organisation.id))
    assert any(o.type == "overig" for o in organisations.values())


def test_other_pages_carry_no_block(demo_files: dict[str, bytes]) -> None:
    for site_path in (
        ADDRESS.listing("profiles"),
        ADDRESS.listing("assignments"),
        ADDRESS.taxonomy("fields"),
        ADDRESS.term("fields", "omgevingswet"),
        ADDRESS.search(),
        ADDRESS.page("over"),
    ):
        assert blocks(demo_files, site_path) == [], site_path
    assert json_ld(demo_files["404.html"].decode()) == []


# ---------------------------------------------------------------------------------------------
# The parts


def assignment(**changes: object) -> models.Assignment:
    values: dict[str, object] = {
        "slug": "klus",
        "source": "content/assignments/klus.md",
        "title": "Klus",
        "organisation": "x",
        "fields": ("a",),
        "skills": ("b",),
        "posted": dt.date(2026, 11, 1),
        "deadline": dt.date(2026, 12, 1),
    }
    values.update(changes)
    return models.Assignment(**values)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("engagement", "hours", "expected"),
    [
        ("detachering", None, ["TEMPORARY"]),
        ("publiek-tarief", 16, ["CONTRACTOR", "PART_TIME"]),
        ("zelfstandig", 36, ["CONTRACTOR", "FULL_TIME"]),
        ("belangeloos", 4, ["VOLUNTEER", "PART_TIME"]),
        (None, None, ["TEMPORARY"]),
    ],
)
def test_employment_types(engagement: str | None, hours: float | None, expected: list[str]) -> None:
    assert jsonld.employment_types(assignment(engagement=engagement, hours_per_week=hours)) == expected


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        ("2026-03-28", "2026-03-28T23:59:59+01:00"),  # the Saturday before summer time
        ("2026-03-29", "2026-03-29T23:59:59+02:00"),  # the last Sunday of March: summer time from 02:00
        ("2026-10-24", "2026-10-24T23:59:59+02:00"),
        ("2026-10-25", "2026-10-25T23:59:59+01:00"),  # the last Sunday of October: winter time from 03:00
        ("2027-03-28", "2027-03-28T23:59:59+02:00"),
        ("2026-12-18", "2026-12-18T23:59:59+01:00"),
    ],
)
def test_a_deadline_ends_at_midnight_dutch_time(day: str, expected: str) -> None:
    assert jsonld.end_of_day_in_the_netherlands(dt.date.fromisoformat(day)) == expected


def test_a_place_from_the_organisation_when_the_assignment_names_none() -> None:
    data = jsonld.StructuredData(
        config.SiteConfig(title="T", base_url="https://example.org/"),
        {"x": models.Organisation("x", "Provincie Noord-Brabant", "provincie")},
        {},
    )
    assert data.job_posting(assignment())["jobLocation"] == {
        "@type": "Place",
        "address": {"@type": "PostalAddress", "addressRegion": "Noord-Brabant", "addressCountry": "NL"},
    }
    unknown = jsonld.StructuredData(config.SiteConfig(title="T", base_url="https://example.org/"), {}, {})
    posting = unknown.job_posting(assignment(region="West-Brabant"))
    assert posting["jobLocation"]["address"] == {
        "@type": "PostalAddress",
        "addressRegion": "West-Brabant",
        "addressCountry": "NL",
    }
    assert "hiringOrganization" not in posting
