"""Two networks that import each other, end to end (docs/federation.md).

The demo (examples/small) and a second small network are built, served on 127.0.0.1 and rebuilt
with each importing the other over HTTP. Then, in Debian's Chromium: each network's people are
findable in the other's search, with links to their pages at home; the demo's matching suggests
the other network's person for its own assignment; nothing is imported twice, and the second
round of builds exports exactly what the first did (nothing loops back).
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from conftest import BUILD_DATE, REPO, write_site
from quality import browser, server, tools
from test_search_browser import Indexed, facet_values, result_urls, search_for, type_query

from sitegen import build
from sitegen.fetch import Settings

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page, Request, Route

FENNA = """\
---
name: Fenna Bakker
role: Procesbegeleider
organisation: gemeente-tilburg
fields: [Participatie]
skills: [procesbegeleiding, verbindend]
region: West-Brabant
availability:
  status: available
  hours_per_week: 16
consent: 2026-03-01
---
"""


@dataclass(frozen=True, slots=True)
class Network:
    site: Path
    out: Path
    origin: str  # http://127.0.0.1:PORT

    def build(self, cache: Path) -> build.BuildResult:
        options = build.Options(BUILD_DATE, jobs=1, base_url=self.origin + "/", networks=Settings(cache=cache))
        return build.build_site(self.site, self.out, options)

    def export(self, kind: str) -> bytes:
        return (self.out / "api/v1" / f"{kind}.json").read_bytes()


@pytest.fixture(scope="module")
def networks(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Network, Network]]:
    tools.require(*tools.BROWSER_TOOLS)
    root = tmp_path_factory.mktemp("federation")
    demo = root / "klein"
    shutil.copytree(REPO / "examples/small", demo)
    zuid = write_site(
        root / "zuid",
        {
            "sitegen.yaml": "title: Netwerk Zuid\nbase_url: https://zuid.example.org/\n",
            "content/profiles/fenna.md": FENNA,
        },
    )
    (root / "klein-out").mkdir()
    (root / "zuid-out").mkdir()
    with server.serve(root / "klein-out") as klein_origin, server.serve(root / "zuid-out") as zuid_origin:
        klein = Network(demo, root / "klein-out", klein_origin)
        south = Network(zuid, root / "zuid-out", zuid_origin)
        # first round: each on its own, so that each has an export for the other to import
        for network in (klein, south):
            result = network.build(root / f"cache-{network.site.name}")
            assert result.published is not None, result.check.diagnostics
        first = {n.site.name: (n.export("profiles"), n.export("assignments")) for n in (klein, south)}
        # second round: each imports the other
        with (demo / "sitegen.yaml").open("a", encoding="utf-8") as file:
            file.write(f"networks:\n  - name: Netwerk Zuid\n    url: {zuid_origin}/\n")
        with (zuid / "sitegen.yaml").open("a", encoding="utf-8") as file:
            file.write(f"networks:\n  - name: Klein Netwerk\n    url: {klein_origin}/\n")
        for _ in range(2):  # twice: the second sees exports made by sites that import
            for network in (klein, south):
                result = network.build(root / f"cache-{network.site.name}")
                assert result.check.diagnostics == [] and result.published is not None
        again = {n.site.name: (n.export("profiles"), n.export("assignments")) for n in (klein, south)}
        assert again == first, "an import was exported again"
        yield klein, south


@pytest.fixture(scope="module")
def chromium(networks: tuple[Network, Network]) -> Iterator[Browser]:
    with browser.launch() as launched:
        yield launched


@pytest.fixture
def page(chromium: Browser, networks: tuple[Network, Network]) -> Iterator[Page]:
    origins = tuple(network.origin + "/" for network in networks)
    context = chromium.new_context()
    foreign: list[str] = []

    def guard(route: Route, request: Request) -> None:
        if request.url.startswith(origins):
            route.continue_()
        else:
            foreign.append(request.url)
            route.abort("blockedbyclient")

    context.route("**/*", guard)
    try:
        yield context.new_page()
    finally:
        context.close()
    assert foreign == []


def _search(page: Page, network: Network, query: str) -> list[str]:
    page.goto(network.origin + "/zoeken/")
    type_query(page, query)
    return result_urls(page)


def test_each_network_finds_the_others_people_in_its_browser_search(
    page: Page, networks: tuple[Network, Network]
) -> None:
    klein, south = networks
    assert _search(page, south, "Lotte") == [f"{klein.origin}/profielen/lotte-van-damme/"]
    assert _search(page, klein, "Fenna") == [f"{south.origin}/profielen/fenna/"]
    result = page.locator("#search-results > li").first.text_content() or ""
    assert "Uit Netwerk Zuid" in result
    # the network filter is there, with both networks
    page.wait_for_selector('fieldset[data-facet="network"]:not([hidden])')
    values = page.eval_on_selector_all(
        'fieldset[data-facet="network"] input[type="checkbox"]', "boxes => boxes.map(b => b.value)"
    )
    assert "Netwerk Zuid" in values


def test_the_network_facet_counts_each_networks_results(page: Page, networks: tuple[Network, Network]) -> None:
    """The facet table keeps the network facet as runs of documents; search.js reads them back."""
    klein = networks[0]
    indexed = Indexed.read(klein.out)
    page.goto(klein.origin + "/zoeken/")
    found = search_for(page, "procesbegeleiding")
    page.wait_for_selector('fieldset[data-facet="network"]:not([hidden])')
    counts = facet_values(page, "netwerk")
    assert counts == {
        network: len(found & indexed.pages_where("network", network))
        for network in ("Klein Netwerk", "Netwerk Zuid")
        if found & indexed.pages_where("network", network)
    }
    assert counts["Netwerk Zuid"] == 1 and counts.get("Klein Netwerk", 0) >= 1, counts


def test_matching_suggests_the_other_networks_person_for_a_local_assignment(
    page: Page, networks: tuple[Network, Network]
) -> None:
    klein, south = networks
    page.goto(klein.origin + "/klussen/dorpsgesprekken-zundert/")
    card = page.locator(".matches .card", has_text="Fenna Bakker")
    assert card.locator("a").first.get_attribute("href") == f"{south.origin}/profielen/fenna/"
    assert "Uit Netwerk Zuid" in (card.text_content() or "")


def test_nothing_is_imported_twice(networks: tuple[Network, Network]) -> None:
    for network in networks:
        urls = [document["u"] for document in Indexed.read(network.out).documents]
        assert len(urls) == len(set(urls)), urls
