"""The search page in a real browser: Debian's Chromium driven by Playwright.

The demo is built once for this module and served from a thread on 127.0.0.1; every request to
another host is aborted. What a query should find is read from the built index itself (its
terms and postings, through sitegen's own Dutch pipeline), so these tests check that the
browser finds exactly what the build meant, without naming demo profiles.

Covered: Dutch stems, accents and digits, lunr's query syntax (prefix, field, +required
-prohibited), a query lunr cannot parse, facets with counts (OR within a facet, AND across),
filters without a query, the URL as the state (round trip, back and forward), the keyboard
alone, the index fetched only once the visitor types with a visible loading state, load failures,
results written as text (a hostile profile name in a small site of its own), the header search
box, the page without JavaScript, and axe-core on a page with results and facets.

The build, the server and the tool checks are tests/quality's (demo.build_demo, server.serve,
tools.require): without Chromium, the Python playwright package or node_modules these tests skip,
unless CI is set: then they fail. The query tests share one page; the others get a fresh context.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs, urlsplit

import pytest
from conftest import BUILD_DATE, REPO, write_site
from quality import browser, demo, server, tools

from sitegen import build, i18n, search

if TYPE_CHECKING:
    from playwright.sync_api import Browser, ConsoleMessage, Dialog, Locator, Page, Request, Route

SEARCH = "/zoeken/"
PAGE_SIZE = 50  # search.js shows this many results, then a "more" button
TIMEOUT_MS = 10_000  # for any one wait: everything here takes well under a second
HOSTILE_NAME = '"><img src=x onerror=alert(1)>'
HOSTILE_SKILL = "<img src=y onerror=alert(2)>"


def _text(key: str) -> str:
    """A UI string of the Dutch site."""
    return i18n.text("nl", key)


# ---------------------------------------------------------------------------------------------
# What the build indexed


def ranges_to_flat(ranges: list[list[int]], count: int) -> list[int]:
    """A facet kept as runs (search.facet_table), as the flat list of the others: what search.js does."""
    own: list[list[int]] = [[] for _ in range(count)]
    for value, runs in enumerate(ranges):
        end = 0
        for gap, length in zip(runs[::2], runs[1::2], strict=True):
            start, end = end + gap, end + gap + length
            for position in range(start, end):
                own[position].append(value)
    return [number for values in own for number in (len(values), *values)]


@dataclass(frozen=True, slots=True)
class Indexed:
    """A built site's search files, read back: which pages each term and facet value has."""

    documents: list[dict[str, Any]]
    postings: dict[str, dict[str, set[str]]]  # term -> field -> page URLs

    @classmethod
    def read(cls, out: Path) -> Indexed:
        folder = out / SEARCH.strip("/")
        [index_file] = folder.glob("index.*.json")
        manifest = json.loads(index_file.read_text(encoding="utf-8"))
        count, chunk = manifest["documents"], manifest["chunk"]
        documents: list[dict[str, Any]] = []
        for number in range((count + chunk - 1) // chunk):
            documents += json.loads((folder / manifest["store"] / f"{number}.json").read_text(encoding="utf-8"))
        facets = json.loads((folder / manifest["facets"]).read_text(encoding="utf-8"))
        for facet, table in facets.items():
            flat, position = (ranges_to_flat(table["ranges"], count) if "ranges" in table else table["documents"]), 0
            for document in documents:
                own = flat[position + 1 : position + 1 + flat[position]]
                document.setdefault("f", {})[facet] = [table["values"][value] for value in own]
                position += flat[position] + 1
        postings: dict[str, dict[str, set[str]]] = {}
        for number in range(len(manifest["firstTerms"])):
            shard = json.loads((folder / manifest["shards"] / f"{number}.json").read_text(encoding="utf-8"))
            for term, encoded in zip(shard["terms"], shard["postings"], strict=True):
                by_field: dict[str, set[str]] = {}
                field, doc_index, position = 0, 0, 0
                while position < len(encoded):
                    if encoded[position] < 0:
                        field, doc_index, position = -1 - encoded[position], 0, position + 1
                        continue
                    doc_index += encoded[position]
                    by_field.setdefault(manifest["fields"][field], set()).add(documents[doc_index]["u"])
                    position += 3
                postings[term] = by_field
        return cls(documents, postings)

    def pages_with(self, word: str, in_field: str | None = None) -> set[str]:
        """The pages lunr finds for one plain word: its stem in any field, or in `in_field`."""
        [term] = search.pipeline("nl").terms(word)
        by_field = self.postings.get(term, {})
        if in_field is not None:
            return set(by_field.get(in_field, set()))
        return set().union(*by_field.values())

    def pages_with_prefix(self, prefix: str) -> set[str]:
        return {
            url
            for term, by_field in self.postings.items()
            if term.startswith(prefix)
            for urls in by_field.values()
            for url in urls
        }

    def pages_where(self, facet: str, value: str) -> set[str]:
        return {d["u"] for d in self.documents if value in d["f"].get(facet, [])}

    def document(self, url: str) -> dict[str, Any]:
        return next(d for d in self.documents if d["u"] == url)


# ---------------------------------------------------------------------------------------------
# Builds, a server and a browser, once for the module


@pytest.fixture(scope="module", autouse=True)
def _tools() -> None:
    tools.require(*tools.BROWSER_TOOLS)


@pytest.fixture(scope="module")
def demo_out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return demo.build_demo(
        REPO, tmp_path_factory.mktemp("search-demo") / "output", build.Options(BUILD_DATE, jobs=2)
    ).out


@pytest.fixture(scope="module")
def indexed(demo_out: Path) -> Indexed:
    return Indexed.read(demo_out)


@pytest.fixture(scope="module")
def origin(demo_out: Path) -> Iterator[str]:
    with server.serve(demo_out) as address:
        yield address


@pytest.fixture(scope="module")
def hostile_out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A site of one profile whose name, role and skill are markup."""
    profile = f"""\
---
name: '{HOSTILE_NAME}'
role: Beleidsadviseur <b>vet</b>
organisation: gemeente-tilburg
fields: [Omgevingswet]
skills: ['{HOSTILE_SKILL}', procesbegeleiding]
consent: 2026-03-01
---

Ik werk aan de Omgevingswet.
"""
    site = write_site(tmp_path_factory.mktemp("hostile-site"), {"content/profiles/markup.md": profile})
    return demo.build_demo(site, tmp_path_factory.mktemp("hostile") / "output", build.Options(BUILD_DATE, jobs=2)).out


@pytest.fixture(scope="module")
def hostile_origin(hostile_out: Path) -> Iterator[str]:
    with server.serve(hostile_out) as address:
        yield address


@pytest.fixture(scope="module")
def chromium(_tools: None, demo_out: Path, hostile_out: Path) -> Iterator[Browser]:
    """Started after both builds: their worker processes fork before Playwright or a server thread runs."""
    with browser.launch() as launched:
        yield launched


@dataclass(slots=True)
class Visit:
    """A fresh browser context (cold cache, empty history) with one page, and what it logged."""

    page: Page
    origin: str
    errors: list[str] = field(default_factory=list)  # uncaught exceptions
    console: list[str] = field(default_factory=list)  # console errors
    requests: list[str] = field(default_factory=list)
    foreign: list[str] = field(default_factory=list)  # requests for another host, aborted
    console_errors_expected: bool = False

    def open(self, path: str) -> None:
        self.page.goto(self.origin + path)


def _visit(chromium: Browser, origin: str, **options: Any) -> Iterator[Visit]:
    context = chromium.new_context(service_workers="block", **options)
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    visit = Visit(page, origin)

    def guard(route: Route, request: Request) -> None:
        if request.url.startswith(origin + "/"):
            route.continue_()
        else:
            visit.foreign.append(request.url)
            route.abort("blockedbyclient")

    def console(message: ConsoleMessage) -> None:
        if message.type == "error":
            visit.console.append(message.text)

    def dialog(opened: Dialog) -> None:
        visit.errors.append(f"dialog: {opened.message}")
        opened.dismiss()

    context.route("**/*", guard)
    page.on("pageerror", lambda error: visit.errors.append(str(error)))
    page.on("console", console)
    page.on("request", lambda request: visit.requests.append(request.url))
    page.on("dialog", dialog)
    try:
        yield visit
    finally:
        context.close()
    assert not visit.errors, f"the page threw: {visit.errors}"
    assert not visit.foreign, f"requests for other hosts: {visit.foreign}"
    if not visit.console_errors_expected:
        assert not visit.console, f"console errors: {visit.console}"


@pytest.fixture
def visit(chromium: Browser, origin: str) -> Iterator[Visit]:
    yield from _visit(chromium, origin)


@pytest.fixture(scope="module")
def _search_page(chromium: Browser, origin: str) -> Iterator[Visit]:
    yield from _visit(chromium, origin)


@pytest.fixture
def searching(_search_page: Visit) -> Iterator[Visit]:
    """One search page for the tests that only type queries: loaded (and its index fetched) once."""
    visit = _search_page
    if not visit.page.url.startswith(visit.origin + SEARCH):
        visit.open(SEARCH)
    yield visit
    assert not visit.errors, f"the page threw: {visit.errors}"
    assert not visit.console, f"console errors: {visit.console}"


@pytest.fixture
def hostile_visit(chromium: Browser, hostile_origin: str) -> Iterator[Visit]:
    yield from _visit(chromium, hostile_origin)


@pytest.fixture
def noscript_visit(chromium: Browser, origin: str) -> Iterator[Visit]:
    yield from _visit(chromium, origin, java_script_enabled=False)


@pytest.fixture
def axe_visit(chromium: Browser, origin: str) -> Iterator[Visit]:
    yield from _visit(chromium, origin, bypass_csp=True)  # lets axe.min.js in as a script tag


# ---------------------------------------------------------------------------------------------
# Driving the search page

# "{count} resultaten", "1 resultaat", "Geen resultaten. ...": any of them, and nothing else.
_COUNT = re.compile(
    "|".join(
        "^" + re.escape(_text(key)).replace(re.escape("{count}"), r"(\d+)") + "$"
        for key in ("search_many", "search_one", "search_none")
    )
)


# Playwright polls a function here: an expression string would need eval, which the page's CSP forbids.
_URL_HAS = """([name, value, present]) => {
  const values = new URLSearchParams(location.search).getAll(name);
  return (value === null ? values.length > 0 : values.includes(value)) === present;
}"""


def wait_for_url(page: Page, name: str, value: str | None = None, present: bool = True) -> None:
    """Until the URL has (or, with present=False, lacks) the parameter `name` (with `value`)."""
    page.wait_for_function(_URL_HAS, arg=[name, value, present])


def wait_for_status(page: Page, pattern: re.Pattern[str]) -> str:
    """The status text once it matches (polled in the page, every frame: quicker than expect's back-off)."""
    page.wait_for_function(
        "source => new RegExp(source).test(document.getElementById('search-status').textContent)", arg=pattern.pattern
    )
    return page.locator("#search-status").text_content() or ""


def _wait_for_count(page: Page) -> int:
    """The number of results once the status shows one (after loading, if the index was loading)."""
    text = wait_for_status(page, _COUNT)
    if text == _text("search_none"):
        return 0
    if text == _text("search_one"):
        return 1
    found = _COUNT.match(text)
    assert found and found.group(1), text
    return int(found.group(1))


def type_query(page: Page, query: str) -> int:
    """Type `query` into the search box (replacing what was there); the number of results."""
    # Blank the status first, so that an unchanged query cannot pass with the count already there.
    page.evaluate("() => { document.getElementById('search-status').textContent = ''; }")
    page.fill("#search-query", query)
    # search.js writes the URL when the debounce fires, in the same task as it runs the search.
    page.wait_for_function("q => new URLSearchParams(location.search).get('q') === q", arg=query)
    return _wait_for_count(page)


def result_urls(page: Page) -> list[str]:
    """Every result's link, pressing "more" until all are shown."""
    more = page.locator("#search-more")
    while more.is_visible():
        shown = page.locator("#search-results > li").count()
        more.click()
        page.wait_for_function("n => document.querySelectorAll('#search-results > li').length > n", arg=shown)
    links: list[str] = page.eval_on_selector_all(
        "#search-results > li a", "links => links.map(a => a.getAttribute('href'))"
    )
    return links


def search_for(page: Page, query: str) -> set[str]:
    count = type_query(page, query)
    urls = result_urls(page)
    assert len(urls) == count, f"{query!r}: the status says {count} results, the list has {len(urls)}"
    assert len(set(urls)) == count, f"{query!r}: a result is listed twice"
    return set(urls)


def facet_checkbox(page: Page, parameter: str, value: str) -> Locator:
    return page.locator(f'.facets input[type="checkbox"][name="{parameter}"][value="{value}"]')


def facet_values(page: Page, parameter: str) -> dict[str, int]:
    """value -> the count its label shows, for the facet with this URL parameter."""
    labels = page.eval_on_selector_all(
        f'.facets fieldset[data-param="{parameter}"] li label',
        "labels => labels.map(l => [l.querySelector('input').value, l.textContent])",
    )
    counts = {}
    for value, text in labels:
        found = re.fullmatch(r"\s*" + re.escape(value) + r" \((\d+)\)", text)
        assert found, f"facet label {text!r} does not read 'value (count)'"
        counts[value] = int(found.group(1))
    return counts


def url_values(page: Page, parameter: str) -> list[str]:
    return parse_qs(urlsplit(page.url).query).get(parameter, [])


def _unhashed(url: str) -> str:
    """A file's name without the content hash the build puts in it."""
    return re.sub(r"\.[0-9a-f]{10}(?=\.\w+$)", "", urlsplit(url).path.rsplit("/", 1)[-1])


def _parameter(facet: str) -> str:
    return search.FACET_PARAMETERS["nl"][facet]


# ---------------------------------------------------------------------------------------------
# Words


def test_dutch_plural_finds_what_the_singular_finds(searching: Visit, indexed: Indexed) -> None:
    singular = search_for(searching.page, "gemeente")
    plural = search_for(searching.page, "gemeenten")
    assert singular, "the demo should have pages about gemeenten"
    assert plural == singular == indexed.pages_with("gemeente")


@pytest.mark.parametrize("word", ["Zoë", "zoe", "financiën", "coöperaties", "2019"])
def test_accented_words_and_years_are_found(searching: Visit, indexed: Indexed, word: str) -> None:
    expected = indexed.pages_with(word)
    assert expected, f"the demo should contain {word!r}"
    assert search_for(searching.page, word) == expected


def test_prefix_query_finds_longer_words(searching: Visit, indexed: Indexed) -> None:
    plain = search_for(searching.page, "beleid")
    prefixed = search_for(searching.page, "beleid*")
    assert prefixed == indexed.pages_with_prefix("beleid")
    assert plain < prefixed, "beleid* should also find beleidsadviseur, beleidsmedewerker, ..."


def test_accented_prefix_query_matches_the_folded_index_terms(searching: Visit, indexed: Indexed) -> None:
    expected = indexed.pages_with_prefix("coop")
    assert expected
    assert search_for(searching.page, "Coöp*") == expected


def test_field_queries_search_one_field(searching: Visit, indexed: Indexed) -> None:
    page = searching.page
    in_fields = search_for(page, "fields:participatie")
    assert in_fields == indexed.pages_with("participatie", in_field="fields")
    for url in in_fields:
        assert "Participatie" in indexed.document(url)["f"]["field"]
    in_skills = search_for(page, "skills:begeleiden")
    assert in_skills == indexed.pages_with("begeleiden", in_field="skills")
    assert in_skills < indexed.pages_with("begeleiden"), "the demo says begeleiden outside the skills too"
    # Each result shows the skills that matched, whole, even when they are several words.
    for item in page.locator("#search-results > li").all():
        matching = item.locator(".result-skills").text_content() or ""
        assert matching.startswith(_text("search_matching")) and "begeleiden" in matching


def test_required_and_prohibited_terms(searching: Visit, indexed: Indexed) -> None:
    juridisch, privacy = indexed.pages_with("juridisch"), indexed.pages_with("privacy")
    assert juridisch & privacy, "the demo should have a page with both words, or the test proves nothing"
    assert search_for(searching.page, "+juridisch -privacy") == juridisch - privacy


@pytest.mark.parametrize("query", ["foo:bar", "title:", "beleid^x", "+", "~2"])
def test_a_query_lunr_cannot_parse_gets_a_friendly_message(searching: Visit, query: str) -> None:
    page = searching.page
    assert type_query(page, "omgevingswet") > 0
    page.fill("#search-query", query)
    wait_for_status(page, re.compile("^" + re.escape(_text("search_syntax")) + "$"))
    assert page.locator("#search-results > li").count() == 0
    assert page.locator(".facets fieldset:not([hidden])").count() == 0
    assert searching.errors == []


def test_a_huge_edit_distance_is_capped(searching: Visit) -> None:
    assert type_query(searching.page, "omgevingswet~9") == type_query(searching.page, "omgevingswet~2")


# ---------------------------------------------------------------------------------------------
# Facets and the URL


def test_facet_counts_match_the_results(visit: Visit, indexed: Indexed) -> None:
    page = visit.page
    visit.open(SEARCH)
    found = search_for(page, "gemeente")
    region, kind = _parameter("region"), _parameter("kind")
    regions = facet_values(page, region)
    assert len(regions) >= 2
    for value, count in regions.items():
        assert count == len(found & indexed.pages_where("region", value)), value
    (first, first_count), (second, second_count) = sorted(regions.items(), key=lambda item: -item[1])[:2]

    facet_checkbox(page, region, first).check()
    wait_for_url(page, region)
    assert url_values(page, region) == [first]
    assert _wait_for_count(page) == first_count
    assert set(result_urls(page)) == found & indexed.pages_where("region", first)
    assert facet_values(page, region)[first] == first_count, "a facet's own choice does not change its counts"

    # OR within a facet
    facet_checkbox(page, region, second).check()
    page.wait_for_function("n => new URLSearchParams(location.search).getAll(n).length === 2", arg=region)
    assert _wait_for_count(page) == first_count + second_count
    assert facet_checkbox(page, region, first).is_checked()

    # AND across facets: each kind's count is what that kind adds to the two regions
    kinds = facet_values(page, kind)
    value, count = max(kinds.items(), key=lambda item: item[1])
    facet_checkbox(page, kind, value).check()
    wait_for_url(page, kind)
    assert _wait_for_count(page) == count
    chosen = indexed.pages_where("region", first) | indexed.pages_where("region", second)
    assert set(result_urls(page)) == found & chosen & indexed.pages_where("kind", value)
    assert urlsplit(page.url).query.startswith("q=gemeente&")


def test_filters_alone_list_everything_that_matches(visit: Visit, indexed: Indexed) -> None:
    page = visit.page
    region = _parameter("region")
    visit.open(f"{SEARCH}?{region}=Midden-Brabant")
    expected = indexed.pages_where("region", "Midden-Brabant")
    assert expected
    assert _wait_for_count(page) == len(expected)
    assert set(result_urls(page)) == expected
    assert page.input_value("#search-query") == ""
    # Emptying the box keeps the filter and lists all it matches again.
    type_query(page, "omgevingswet")
    page.fill("#search-query", "")
    wait_for_url(page, "q", present=False)
    assert _wait_for_count(page) == len(expected)
    assert facet_checkbox(page, region, "Midden-Brabant").is_checked()


def test_a_shared_url_restores_the_search(visit: Visit, indexed: Indexed) -> None:
    page = visit.page
    region = _parameter("region")
    visit.open(f"{SEARCH}?q=omgevingswet&{region}=Midden-Brabant")
    expected = indexed.pages_with("omgevingswet") & indexed.pages_where("region", "Midden-Brabant")
    assert expected
    assert _wait_for_count(page) == len(expected)
    assert page.input_value("#search-query") == "omgevingswet"
    assert facet_checkbox(page, region, "Midden-Brabant").is_checked()
    assert set(result_urls(page)) == expected
    status = page.locator("#search-status")
    assert status.get_attribute("role") == "status" and status.get_attribute("aria-live") == "polite"


def test_back_and_forward_walk_the_searches(visit: Visit, indexed: Indexed) -> None:
    page = visit.page
    region = _parameter("region")
    visit.open(SEARCH)
    first = type_query(page, "omgevingswet")
    page.press("#search-query", "Enter")
    second = type_query(page, "gemeente")
    facet_checkbox(page, region, "Midden-Brabant").check()
    wait_for_url(page, region)
    third = _wait_for_count(page)
    assert third == len(indexed.pages_with("gemeente") & indexed.pages_where("region", "Midden-Brabant"))

    page.go_back()
    wait_for_url(page, region, present=False)
    assert _wait_for_count(page) == second and page.input_value("#search-query") == "gemeente"
    assert not facet_checkbox(page, region, "Midden-Brabant").is_checked()
    page.go_back()
    wait_for_url(page, "q", "omgevingswet")
    assert _wait_for_count(page) == first and page.input_value("#search-query") == "omgevingswet"
    page.go_back()
    page.wait_for_function("() => location.search === ''")
    assert page.input_value("#search-query") == ""
    assert page.locator("#search-results > li").count() == 0
    page.go_forward()
    page.go_forward()
    page.go_forward()
    wait_for_url(page, region)
    assert _wait_for_count(page) == third and page.input_value("#search-query") == "gemeente"
    assert facet_checkbox(page, region, "Midden-Brabant").is_checked()


# ---------------------------------------------------------------------------------------------
# Keyboard, loading, failures, safety


def _focused(page: Page) -> dict[str, Any]:
    focused: dict[str, Any] = page.evaluate("""() => {
      const el = document.activeElement;
      return {tag: el.tagName.toLowerCase(), id: el.id, type: el.type || '', name: el.name || '',
              value: el.value || '', checked: !!el.checked, inFacets: !!el.closest('.facets'),
              skipLink: el.classList.contains('skip-link')};
    }""")
    return focused


def test_keyboard_alone(visit: Visit) -> None:
    page = visit.page
    visit.open(SEARCH)
    page.keyboard.press("Tab")
    assert _focused(page)["skipLink"]
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    assert _focused(page)["id"] == "search-query"
    page.keyboard.type("beleid")
    page.keyboard.press("Enter")
    wait_for_url(page, "q", "beleid")
    count = _wait_for_count(page)
    assert count > 0

    page.keyboard.press("Tab")  # the search button
    page.keyboard.press("Tab")  # the first facet value
    focused = _focused(page)
    assert focused["inFacets"] and focused["type"] == "checkbox" and not focused["checked"], focused
    parameter, value = focused["name"], focused["value"]
    shown = facet_values(page, parameter)[value]
    page.keyboard.press("Space")
    page.wait_for_function("p => new URLSearchParams(location.search).has(p)", arg=parameter)
    assert _wait_for_count(page) == shown
    after = _focused(page)
    assert (after["name"], after["value"], after["checked"]) == (parameter, value, True), (
        "focus must stay on the checkbox the visitor toggled"
    )
    page.keyboard.press("Space")
    page.wait_for_function("p => !new URLSearchParams(location.search).has(p)", arg=parameter)
    assert _wait_for_count(page) == count
    assert _focused(page)["value"] == value

    # Back to the box, a new query, Enter: a new search and a new history entry.
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Shift+Tab")
    assert _focused(page)["id"] == "search-query"
    page.keyboard.press("Control+A")
    page.keyboard.type("omgevingswet")
    page.keyboard.press("Enter")
    wait_for_url(page, "q", "omgevingswet")
    assert _wait_for_count(page) > 0
    assert _focused(page)["id"] == "search-query"


def test_more_results_move_focus_to_the_first_new_one(visit: Visit, indexed: Indexed) -> None:
    page = visit.page
    visit.open(f"{SEARCH}?q=*")  # every page of the demo
    total = _wait_for_count(page)
    assert total > PAGE_SIZE, "the demo should have more pages than one page of results"
    page.focus("#search-more")
    page.keyboard.press("Enter")
    page.wait_for_function("n => document.querySelectorAll('#search-results > li').length > n", arg=PAGE_SIZE)
    assert page.evaluate(
        "n => document.activeElement === document.querySelectorAll('#search-results a')[n]", PAGE_SIZE
    ), "after 'more', focus should be on the first new result"


def test_the_index_is_fetched_only_when_the_visitor_types(visit: Visit) -> None:
    from playwright.sync_api import expect

    page = visit.page
    held: list[Route] = []
    page.route("**/zoeken/index.*.json", lambda route: held.append(route))
    visit.open(SEARCH)
    page.focus("#search-query")
    page.keyboard.press("Tab")
    page.wait_for_timeout(400)  # twice the debounce
    loaded = [url for url in visit.requests if "/zoeken/" in url and url.endswith(".json")]
    assert loaded == [], f"fetched before the visitor typed: {loaded}"
    assert not [url for url in visit.requests if "lunr" in url], "lunr loaded before the visitor typed"

    page.focus("#search-query")
    page.keyboard.type("omgevingswet")
    expect(page.locator("#search-status")).to_have_text(_text("search_loading"))
    assert page.locator("#search-results").get_attribute("aria-busy") == "true"
    page.wait_for_timeout(50)
    assert len(held) == 1, "the index is fetched once"
    held[0].continue_()
    assert _wait_for_count(page) > 0
    assert page.locator("#search-results").get_attribute("aria-busy") == "false"


def test_results_appear_in_order_as_their_documents_arrive(visit: Visit) -> None:
    page = visit.page
    held: list[Route] = []
    page.route("**/zoeken/documents.*/*.json", lambda route: held.append(route))
    visit.open(f"{SEARCH}?q=gemeente")
    for _ in range(200):
        if len(held) >= 2:
            break
        page.wait_for_timeout(20)
    assert len(held) >= 2, "the first page of results should span several chunks of the documents store"
    assert page.locator("#search-results > li").count() == 0, "nothing to show before a document is in"
    held.pop(0).continue_()  # the first result's chunk: asked for first
    page.wait_for_function("() => document.querySelectorAll('#search-results > li').length > 0")
    assert not _COUNT.match(page.locator("#search-status").text_content() or ""), "the count waits for the page"
    assert page.locator("#search-results").get_attribute("aria-busy") == "true"
    early = page.eval_on_selector_all("#search-results > li a", "links => links.map(a => a.href)")
    while held:
        held.pop(0).continue_()
        page.wait_for_timeout(10)
    count = _wait_for_count(page)
    assert page.locator("#search-results").get_attribute("aria-busy") == "false"
    complete = page.eval_on_selector_all("#search-results > li a", "links => links.map(a => a.href)")
    assert early == complete[: len(early)], "only the leading results whose documents are in, in order"
    assert len(complete) == min(count, PAGE_SIZE) > len(early)


def test_clearing_the_box_while_the_index_loads_shows_nothing(visit: Visit) -> None:
    page = visit.page
    held: list[Route] = []
    page.route("**/zoeken/index.*.json", lambda route: held.append(route))
    visit.open(SEARCH)
    page.fill("#search-query", "omgevingswet")
    wait_for_status(page, re.compile("^" + re.escape(_text("search_loading")) + "$"))
    page.fill("#search-query", "")
    wait_for_url(page, "q", present=False)
    with page.expect_response("**/zoeken/index.*.json"):
        held[0].continue_()
    page.wait_for_timeout(200)  # for the index to be read and a stale search to render, if one would
    assert page.locator("#search-results > li").count() == 0
    assert page.locator("#search-status").text_content() == ""
    assert page.locator(".facets fieldset:not([hidden])").count() == 0


@pytest.mark.parametrize(
    "broken", ["index.*.json", "facets.*.json", "shards.*/*.json", "documents.*/*.json", "lunr.min.*.js"]
)
def test_a_load_failure_shows_the_message_and_the_browse_links(visit: Visit, broken: str) -> None:
    from playwright.sync_api import expect

    page = visit.page
    visit.console_errors_expected = True  # the browser logs the 404
    page.route(f"**/{broken}", lambda route: route.fulfill(status=404, body="not found"))
    visit.open(SEARCH)
    page.fill("#search-query", "omgevingswet")
    error = page.locator("#search-error")
    expect(error).to_be_visible()
    assert error.get_attribute("role") == "alert"
    assert (error.text_content() or "").strip() == _text("search_error")
    for href in ("/profielen/", "/klussen/", "/werkvelden/"):
        expect(page.locator(f'.browse-links a[href="{href}"]')).to_be_visible()
    assert page.locator("#search-status").text_content() == ""
    assert page.locator("#search-results").get_attribute("aria-busy") == "false"


def test_the_error_clears_when_a_retry_succeeds(visit: Visit) -> None:
    from playwright.sync_api import expect

    page = visit.page
    visit.console_errors_expected = True
    page.route("**/zoeken/index.*.json", lambda route: route.fulfill(status=503, body="busy"))
    visit.open(SEARCH)
    page.fill("#search-query", "omgevingswet")
    expect(page.locator("#search-error")).to_be_visible()
    page.unroute("**/zoeken/index.*.json")
    assert type_query(page, "gemeente") > 0
    expect(page.locator("#search-error")).to_be_hidden()
    expect(page.locator(".browse-links")).to_be_hidden()
    # Only what failed is fetched again.
    fetched = Counter(url for url in visit.requests if url.endswith((".js", ".json")))
    assert {_unhashed(url): n for url, n in fetched.items() if n > 1} == {"index.json": 2}, fetched
    assert {_unhashed(url) for url in fetched} >= {
        "index.json",
        "facets.json",
        "search.js",
        "lunr.min.js",
        "lunr.stemmer.support.min.js",
        "lunr.nl.min.js",
        "lunr-compact.js",
    }


def test_results_are_text_never_markup(hostile_visit: Visit) -> None:
    source = (REPO / "themes" / "default" / "static" / "js" / "search.js").read_text(encoding="utf-8")
    assert "innerHTML" not in source and "insertAdjacentHTML" not in source and "outerHTML" not in source
    visit = hostile_visit
    page = visit.page
    page.add_init_script("""
      window.__images = 0;
      new MutationObserver(records => records.forEach(r => r.addedNodes.forEach(n => {
        if (n.nodeType === 1 && (n.tagName === 'IMG' || n.querySelector('img'))) window.__images += 1;
      }))).observe(document, {childList: true, subtree: true});
    """)
    visit.open(SEARCH)
    assert type_query(page, "img") == 1
    assert page.locator("#search-results a").text_content() == HOSTILE_NAME
    assert page.locator("#search-results p").nth(1).text_content() == "Beleidsadviseur <b>vet</b>, Gemeente Tilburg"
    assert HOSTILE_SKILL in (page.locator(".result-skills").text_content() or "")
    assert facet_values(page, _parameter("skill"))[HOSTILE_SKILL] == 1
    assert page.locator("img").count() == 0 and page.locator("b").count() == 0
    assert page.evaluate("window.__images") == 0  # and the fixture checks that no alert() opened


def test_the_header_search_box_opens_the_search_page(visit: Visit, indexed: Indexed) -> None:
    page = visit.page
    visit.open("/profielen/")
    page.fill("#header-query", "omgevingswet")
    page.press("#header-query", "Enter")
    page.wait_for_url(re.compile(r"/zoeken/\?q=omgevingswet$"))
    assert page.input_value("#search-query") == "omgevingswet"
    assert _wait_for_count(page) == len(indexed.pages_with("omgevingswet"))
    assert set(result_urls(page)) == indexed.pages_with("omgevingswet")


def test_without_javascript_the_page_says_so_and_links_to_browse(noscript_visit: Visit) -> None:
    visit = noscript_visit
    page = visit.page
    visit.open(SEARCH)
    text = page.inner_text("main")
    assert _text("search_noscript") in text
    assert page.locator("noscript").count() == 1
    for href in ("/profielen/", "/klussen/", "/werkvelden/", "/kwaliteiten/", "/organisaties/"):
        link = page.locator(f'.browse-links a[href="{href}"]')
        assert link.is_visible(), href
    assert not page.locator("#search-error").is_visible()
    assert not [url for url in visit.requests if url.endswith(".json")]


def test_axe_finds_no_violations_with_results_and_facets_on_screen(axe_visit: Visit) -> None:
    visit = axe_visit
    page = visit.page
    region = _parameter("region")
    visit.open(f"{SEARCH}?q=gemeente&{region}=Midden-Brabant")
    assert _wait_for_count(page) > 0
    show_all = page.locator(".facets fieldset:not([hidden]) button:not([hidden])")
    if show_all.count():
        show_all.first.click()  # a facet with all its values, and its button in the other state
    assert page.locator(".facets fieldset:not([hidden])").count() >= 5
    assert facet_checkbox(page, region, "Midden-Brabant").is_checked()
    page.add_script_tag(path=str(tools.AXE))
    result = page.evaluate("""() => axe.run(document, {
      runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}, resultTypes: ['violations']})""")
    violations = [
        f"{v['id']}: {v['help']} at {[' '.join(map(str, n['target'])) for n in v['nodes'][:5]]}"
        for v in result["violations"]
    ]
    assert violations == []
