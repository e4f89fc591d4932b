"""Canaries in the machine-readable output: the JSON-LD blocks, the Atom feeds, the vCards, the
sitemap and robots.txt of the public build hold no internal value (the site and its canaries
are test_audience's); the internal build's own copies do carry them, as its pages do."""

from __future__ import annotations

import json

import feedparser
import pytest
import test_audience
import vobject
from outputs import ADDRESS, html_pages, json_ld, page_of
from test_audience import (
    CANARIES,
    HIDDEN_VALUES,
    INTERNAL_ASSIGNMENT,
    INTERNAL_PROFILE,
    PREFIX,
    PUBLIC_ASSIGNMENT_INTERNAL,
    PUBLIC_PROFILE_INTERNAL,
    encodings,
)

from sitegen import jsonld, vcards

# test_audience's canary site and its public and internal builds, as this module's fixtures too
site, public, internal = test_audience.site, test_audience.public, test_audience.internal


def machine_outputs(files: dict[str, bytes]) -> dict[str, str]:
    """Every machine-readable output by name: each page's JSON-LD as its serializer wrote it,
    both as parsed and re-encoded, then the feeds, the vCards (unfolded too), sitemap and robots."""
    outputs: dict[str, str] = {}
    for path, text in html_pages(files).items():
        for number, block in enumerate(json_ld(text)):
            outputs[f"{path} JSON-LD {number}"] = jsonld.serialize(block)
            outputs[f"{path} JSON-LD {number}, parsed"] = json.dumps(block, ensure_ascii=False)
    for path, data in files.items():
        if path.endswith((".atom", ".vcf")) or path in ("sitemap.xml", "robots.txt"):
            outputs[path] = data.decode("utf-8")
        if path.endswith(".vcf"):
            outputs[f"{path}, unfolded"] = data.decode("utf-8").replace("\r\n ", "")
        if path.endswith(".atom"):
            outputs[f"{path}, parsed"] = json.dumps(feedparser.parse(data), ensure_ascii=False, default=str)
    return outputs


def test_the_public_build_has_every_kind_of_machine_output(public: dict[str, bytes]) -> None:
    outputs = machine_outputs(public)
    kinds = {name.split(" ", 1)[0]: name for name in outputs}
    assert page_of(ADDRESS.profile("anna-de-vries")) in kinds  # ProfilePage
    assert page_of(ADDRESS.assignment("klus")) in kinds  # JobPosting
    assert page_of(ADDRESS.term("organisations", "gemeente-tilburg")) in kinds
    assert "index.html" in kinds
    assert {
        ADDRESS.feed(),
        ADDRESS.field_feed("omgevingswet"),
        ADDRESS.field_feed("participatie"),
        ADDRESS.vcard("anna-de-vries"),
        "sitemap.xml",
        "robots.txt",
    } <= set(outputs)
    assert [p for p in public if p.endswith(".vcf")] == [ADDRESS.vcard("anna-de-vries")]
    assert {e.id for e in feedparser.parse(public[ADDRESS.feed()]).entries} == {
        ADDRESS.absolute(ADDRESS.assignment("klus")),
        ADDRESS.absolute(ADDRESS.assignment("klus-twee")),
    }


def test_no_canary_in_the_machine_output(public: dict[str, bytes]) -> None:
    leaks = {name for name, text in machine_outputs(public).items() if PREFIX in text.lower()}
    assert leaks == set()


@pytest.mark.parametrize("text", CANARIES)
def test_no_canary_in_any_encoding(public: dict[str, bytes], text: str) -> None:
    forms = {**encodings(text), "vCard text": vcards.text(text), "JSON-LD": jsonld.serialize({"": text})[5:-2]}
    outputs = machine_outputs(public)
    leaks = {how: [name for name, output in outputs.items() if form in output] for how, form in forms.items()}
    assert {how: names for how, names in leaks.items() if names} == {}


@pytest.mark.parametrize("what", sorted(HIDDEN_VALUES))
def test_no_internal_value_that_is_not_text(public: dict[str, bytes], what: str) -> None:
    outputs = machine_outputs(public)
    leaks = {form: [name for name, output in outputs.items() if form in output] for form in HIDDEN_VALUES[what]}
    assert {form: names for form, names in leaks.items() if names} == {}


def test_public_values_stand_where_internal_ones_would(public: dict[str, bytes]) -> None:
    """What the internal values would have changed, seen from the public side."""
    [posting] = json_ld(public[page_of(ADDRESS.assignment("klus"))].decode())
    assert posting["employmentType"] == ["TEMPORARY"]  # internally: zelfstandig, 37.5 hours
    assert "baseSalary" not in posting and "applicationContact" not in posting
    [page] = json_ld(public[page_of(ADDRESS.profile("anna-de-vries"))].decode())
    person = page["mainEntity"]
    assert isinstance(person, dict)
    assert person["email"] == "anna@example.org"
    assert "telephone" not in person and "sameAs" not in person and "knowsLanguage" not in person
    card = vobject.readOne(public[ADDRESS.vcard("anna-de-vries")].decode())
    assert [e.value for e in card.email_list] == ["anna@example.org"]
    assert "tel" not in card.contents
    assert card.note.value == "Ik verbind mensen en plannen."


def test_the_internal_build_carries_internal_data_in_its_own_output(internal: dict[str, bytes]) -> None:
    outputs = machine_outputs(internal)
    everything = "\n".join(outputs.values())
    for value in (
        PUBLIC_PROFILE_INTERNAL["contact.email"],
        PUBLIC_ASSIGNMENT_INTERNAL["contact.email"],
        INTERNAL_PROFILE["role"],
        INTERNAL_ASSIGNMENT["summary"],
    ):
        assert value in everything, value
    [posting] = json_ld(internal[page_of(ADDRESS.assignment("klus"))].decode())
    assert posting["employmentType"] == ["CONTRACTOR", "FULL_TIME"]
    assert posting["baseSalary"]["value"]["value"] == 876.54  # type: ignore[index]
    card = vobject.readOne(internal[ADDRESS.vcard(INTERNAL_PROFILE["slug"])].decode())
    assert card.fn.value == INTERNAL_PROFILE["name"]
    assert ADDRESS.absolute(ADDRESS.assignment(INTERNAL_ASSIGNMENT["slug"])) in {
        e.id for e in feedparser.parse(internal[ADDRESS.feed()]).entries
    }
    assert "sitemap.xml" not in internal


def test_the_checks_find_leaks_where_there_are_some(internal: dict[str, bytes]) -> None:
    """Guards the tests above: run on the internal build, they see its internal values everywhere."""
    leaks = {
        name.split(" ", 1)[0].removesuffix(",")
        for name, text in machine_outputs(internal).items()
        if PREFIX in text.lower()
    }
    assert {
        page_of(ADDRESS.profile("anna-de-vries")),
        page_of(ADDRESS.assignment("klus")),
        ADDRESS.feed(),
        ADDRESS.vcard("anna-de-vries"),
        ADDRESS.vcard(INTERNAL_PROFILE["slug"]),
    } <= leaks
    phone = HIDDEN_VALUES["profile phone"][1]
    assert phone in machine_outputs(internal)[ADDRESS.vcard("anna-de-vries")]
