"""vCards: RFC 6350's rules checked by hand (CRLF, folding at 75 octets, escaping, VERSION:4.0
right after BEGIN, one FN and one N), then read back with vobject."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import vobject
from conftest import BUILD_DATE, ORGANISATIONS_YAML, REPO, SiteFactory
from outputs import ADDRESS, built, page_of, parse

from sitegen import audience, build, images, models, vcards


def content_lines(data: bytes) -> list[str]:
    """The card's content lines, unfolded, after checking the octet-level rules."""
    assert data.endswith(b"\r\n")
    physical = data[:-2].split(b"\r\n")
    assert all(b"\n" not in line and b"\r" not in line for line in physical)  # CRLF only, never a bare LF
    assert all(len(line) <= vcards.LINE_OCTETS for line in physical)
    for line in physical:
        line.decode("utf-8")  # folding never splits a character
    lines: list[str] = []
    for line in physical:
        text = line.decode("utf-8")
        if text.startswith(" "):
            lines[-1] += text[1:]
        else:
            lines.append(text)
    return lines


def read(data: bytes) -> Any:
    lines = content_lines(data)
    assert lines[0] == "BEGIN:VCARD" and lines[1] == "VERSION:4.0" and lines[-1] == "END:VCARD"
    names = [line.split(":", 1)[0].split(";", 1)[0] for line in lines]
    assert names.count("FN") == 1 and names.count("N") == 1  # vobject alone accepts a card without FN
    return vobject.readOne(data.decode("utf-8"))


@pytest.fixture(scope="module")
def selection(demo_check: build.CheckResult) -> audience.Selection:
    assert demo_check.directory is not None
    return audience.select(demo_check.directory, "public")


def test_every_profile_has_a_card(
    demo_files: dict[str, bytes], selection: audience.Selection, demo_check: build.CheckResult
) -> None:
    assert demo_check.directory is not None
    organisations = demo_check.directory.organisations
    cards = sorted(path for path in demo_files if path.endswith(".vcf"))
    assert cards == sorted(ADDRESS.vcard(p.slug) for p in selection.profiles)
    for profile in selection.profiles:
        data = demo_files[ADDRESS.vcard(profile.slug)]
        card = read(data)
        given, family, _ = vcards.split_name(profile.name)
        assert card.fn.value == profile.name
        assert (card.n.value.family, card.n.value.given) == (family, given)
        assert card.title.value == profile.role
        assert card.org.value == [organisations[profile.organisation].name]
        contact = profile.contact or models.Contact()
        assert [e.value for e in card.contents.get("email", [])] == [e for e in (contact.email,) if e]
        assert len(card.contents.get("tel", [])) == (1 if contact.phone else 0)
        urls = [u.value for u in card.url_list]
        assert urls[0] == ADDRESS.absolute(ADDRESS.profile(profile.slug))
        assert urls[1:] == [u for u in (contact.website,) if u]
        assert card.source.value == ADDRESS.absolute(ADDRESS.vcard(profile.slug))
        assert ("photo" in card.contents) == bool(profile.photo)
        assert card.rev.value == (profile.updated or profile.consent).strftime("%Y%m%dT000000Z")


def test_a_card_in_full(demo_files: dict[str, bytes]) -> None:
    photo = images.photo_hash((REPO / "content/profiles/bram-jansen.jpg").read_bytes())
    assert demo_files[ADDRESS.vcard("bram-jansen")].decode("utf-8").split("\r\n") == [
        "BEGIN:VCARD",
        "VERSION:4.0",
        "PRODID:-//sitegen//NONSGML sitegen//EN",
        "UID:urn:uuid:136420a2-18a8-5c46-a9d3-9f8c45f6c186",
        "KIND:individual",
        "FN:Bram Jansen",
        'N;SORT-AS="Jansen":Jansen;Bram;;;',
        "TITLE:Hydroloog",
        "ORG:Waterschap De Dommel",
        "EMAIL;TYPE=work:b.jansen@dommel.nl",
        "URL:https://example.org/profielen/bram-jansen/",
        "URL;TYPE=work:https://www.dommel.nl/beekherstel",
        f"PHOTO;MEDIATYPE=image/jpeg:https://example.org/profielen/bram-jansen/foto-{photo[0]}",
        f" {photo[1:]}.jpg",
        "LANG;PREF=1:nl",
        "LANG;PREF=2:en",
        "NOTE:Hydroloog die modellen bouwt voor beekherstel en droogte\\, en die uitl",
        " egt aan wie geen model wil lezen.",
        "CATEGORIES:Waterbeheer,Klimaatadaptatie",
        "SOURCE:https://example.org/profielen/bram-jansen/bram-jansen.vcf",
        "REV:20260811T000000Z",
        "END:VCARD",
        "",
    ]


def test_the_profile_page_links_its_card(demo_files: dict[str, bytes]) -> None:
    page = parse(demo_files[page_of(ADDRESS.profile("bram-jansen"))].decode())
    [link] = page.find("a", type="text/vcard")
    assert link.attributes["href"] == "/profielen/bram-jansen/bram-jansen.vcf"
    assert link.text == "Toevoegen aan contacten"


HOSTILE = """\
---
name: "Jan-Willem van 't Hof, jr.; \\\\ O'Brien"
role: "Adviseur; data, privacy \\\\ recht"
organisation: komma
fields: ["R&D, innovatie; beleid"]
skills: [procesbegeleiding]
consent: 2026-03-01
summary: "Eén lange regel met komma's, puntkomma's; backslashes \\\\ en tekens als é, ü, 中文 en 🙂 \\
  die samen ruim over de vijfenzeventig octetten gaan."
contact:
  email: jan@example.org
  phone: "+31 (0)6 1234 5678"
  linkedin: https://www.linkedin.com/in/jan-willem
---

Tekst.
"""


def test_hostile_values_are_escaped_and_folded(make_site: SiteFactory, tmp_path: Path) -> None:
    organisations = ORGANISATIONS_YAML + 'komma:\n  name: "Gemeente A, B; C"\n  type: gemeente\n'
    site = make_site({"content/organisations.yaml": organisations, "content/profiles/jan.md": HOSTILE})
    files = built(site, tmp_path / "out", BUILD_DATE)
    data = files[ADDRESS.vcard("jan")]
    card = read(data)
    assert card.fn.value == "Jan-Willem van 't Hof, jr.; \\ O'Brien"
    assert card.title.value == "Adviseur; data, privacy \\ recht"
    assert card.org.value == ["Gemeente A, B; C"]
    assert card.categories.value == ["R&D, innovatie; beleid"]
    assert card.note.value.startswith("Eén lange regel met komma's, puntkomma's; backslashes \\ en tekens als é")
    assert card.tel.value == "tel:+31612345678"
    lines = content_lines(data)
    assert "TITLE:Adviseur\\; data\\, privacy \\\\ recht" in lines
    assert "ORG:Gemeente A\\, B\\; C" in lines
    assert "CATEGORIES:R&D\\, innovatie\\; beleid" in lines
    assert 'SOCIALPROFILE;SERVICE-TYPE="LinkedIn":https://www.linkedin.com/in/jan-willem' in lines
    assert any(line.startswith(b" ") for line in data.split(b"\r\n"))  # the note was folded


@pytest.mark.parametrize(
    ("value", "escaped"),
    [
        ("a,b;c\\d", "a\\,b\\;c\\\\d"),
        ("twee\nregels\r\nen\rnog", "twee\\nregels\\nen\\nnog"),
        ("tab\tbel\x07", "tabbel"),
    ],
)
def test_text_values(value: str, escaped: str) -> None:
    assert vcards.text(value) == escaped


@pytest.mark.parametrize(
    "line",
    [
        "NOTE:" + "a" * 200,
        "NOTE:" + "é" * 100,
        "NOTE:" + "🙂" * 40,
        "NOTE:" + "x" * 69 + "中文字符" * 10,
        "NOTE:" + "a" * 70,
    ],
)
def test_folding_keeps_characters_whole(line: str) -> None:
    folded = vcards.fold(line)
    physical = folded[:-2].split(b"\r\n")
    assert all(len(part) <= 75 for part in physical)
    assert all(part.startswith(b" ") for part in physical[1:])
    assert b"".join([physical[0], *(part[1:] for part in physical[1:])]).decode("utf-8") == line
    assert len(physical) == 1 or len(physical[0]) >= 72  # a fold is never earlier than a character needs


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Anna de Vries", ("Anna", "de Vries", "Vries")),
        ("Zoë van der Berg", ("Zoë", "van der Berg", "Berg")),
        ("Jan Willem van 't Hof", ("Jan Willem", "van 't Hof", "Hof")),
        ("Pieter-Jan de Vries", ("Pieter-Jan", "de Vries", "Vries")),
        ("Fatima El Amrani", ("Fatima", "El Amrani", "Amrani")),
        ("Thijs van den Heuvel", ("Thijs", "van den Heuvel", "Heuvel")),
        ("Mehmet Kaya", ("Mehmet", "Kaya", "Kaya")),
        ("Maria Garcia Lopez", ("Maria Garcia", "Lopez", "Lopez")),
        ("Madonna", ("", "Madonna", "Madonna")),
        ("Jan de", ("Jan", "de", "de")),  # a particle as the last word is the name itself
    ],
)
def test_split_name(name: str, expected: tuple[str, str, str]) -> None:
    assert vcards.split_name(name) == expected
