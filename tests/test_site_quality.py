"""The built demo site, judged by real tools.

- axe-core 4.14 (WCAG 2.0/2.1 A and AA, and axe's best practices) in Debian's Chromium, on every
  kind of page, in Dutch and English, at 1280 and 320 px wide; colour contrast again in the dark
  colour scheme; the internal build's banner and badges. On every page visited: no sideways
  scrolling, a skip link that shows on focus and moves focus to <main>, and a browser that logs
  no error, no CSP violation (the pages keep their policy) and no failed or foreign request.
- The Nu HTML Checker, once (one JVM) over every page of the Dutch, English and internal builds.
- A link checker (tests/quality/links.py) on the builds at the root and below a sub-path.
- Page rules (tests/quality/rules.py): CSP meta first in <head>, no inline script or style, no
  event attributes, one h1 and no skipped heading level, the right lang, legible SVG initials.

The demo is built once per session into temporary folders and served on 127.0.0.1 only. Without
Chromium, the playwright package, Java or node_modules the tool tests skip, unless CI is set:
then they fail. The link checker and the page rules need nothing but Python.
"""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from conftest import BUILD_DATE, REPO
from quality import browser, demo, links, rules, server, tools, vnu
from quality.demo import KINDS, Built

from sitegen import build, render, scaffold

if TYPE_CHECKING:
    from playwright.sync_api import Browser

SUB_PATH_URL = "https://example.org/netwerk/"
VIEWPORTS = {"1280": (1280, 900), "320": (320, 720)}
# (build, viewport) pairs the browser visits; "dark" is 1280 px in the dark scheme, contrast rules only.
BROWSER_RUNS = [(language, width) for language in ("nl", "en") for width in VIEWPORTS]
AXE_RUNS = [*BROWSER_RUNS, ("nl", "dark")]


def _options(**changes: object) -> build.Options:
    return build.Options(BUILD_DATE, jobs=2, **changes)  # type: ignore[arg-type]


# ---------------------------------------------------------------------------------------------
# Builds, once per session


@pytest.fixture(scope="session")
def demo_nl(tmp_path_factory: pytest.TempPathFactory) -> Built:
    return demo.build_demo(REPO, tmp_path_factory.mktemp("nl") / "output", _options())


@pytest.fixture(scope="session")
def demo_en(tmp_path_factory: pytest.TempPathFactory) -> Built:
    site = demo.copy_in_language(REPO, tmp_path_factory.mktemp("en-site"), "en")
    built = demo.build_demo(site, tmp_path_factory.mktemp("en") / "output", _options())
    assert built.language == "en"
    return built


@pytest.fixture(scope="session")
def demo_sub_path(tmp_path_factory: pytest.TempPathFactory) -> Built:
    return demo.build_demo(REPO, tmp_path_factory.mktemp("netwerk") / "output", _options(base_url=SUB_PATH_URL))


@pytest.fixture(scope="session")
def demo_internal(tmp_path_factory: pytest.TempPathFactory) -> Built:
    return demo.build_demo(REPO, tmp_path_factory.mktemp("internal") / "output", _options(audience="internal"))


BUILDS = ("demo_nl", "demo_en", "demo_sub_path", "demo_internal")


# ---------------------------------------------------------------------------------------------
# The browser: one Chromium for this module, one page per language and viewport. Not for the
# session: a Playwright that stays open would make every later browser test in the same worker
# fail ("Sync API inside the asyncio loop").


@pytest.fixture(scope="module")
def chromium() -> Iterator[Browser]:
    with browser.launch() as launched:
        yield launched


Audits = dict[str, list[browser.PageAudit]]
VIEWPORT_BUILDS = {"nl": "demo_nl", "en": "demo_en", "internal": "demo_internal"}


@pytest.fixture(scope="module")
def audit(chromium: Browser, request: pytest.FixtureRequest) -> Iterator[Callable[[str, str], Audits]]:
    """audit(build, viewport) -> the audits of its target pages by kind; each run once, then kept."""
    auditor = browser.Auditor(chromium)
    done: dict[tuple[str, str], Audits] = {}
    origins: dict[str, str] = {}
    with contextlib.ExitStack() as servers:

        def run(name: str, viewport_name: str) -> Audits:
            if (name, viewport_name) not in done:
                built: Built = request.getfixturevalue(VIEWPORT_BUILDS[name])
                if name not in origins:
                    origins[name] = servers.enter_context(server.serve(built.out))
                if viewport_name == "dark":
                    viewport = browser.Viewport("dark", 1280, 900, "dark", browser.CONTRAST_RULES)
                else:
                    viewport = browser.Viewport(viewport_name, *VIEWPORTS[viewport_name])
                if name == "internal":
                    targets = demo.internal_targets(built)
                else:
                    by_kind = demo.targets(built)
                    targets = [target for kind in KINDS for target in by_kind[kind]]
                audits = auditor.audit(origins[name], targets, viewport)
                done[name, viewport_name] = {kind: [a for a in audits if a.target.kind == kind] for kind in KINDS}
            return done[name, viewport_name]

        yield run


def _all(audits: Audits) -> list[browser.PageAudit]:
    return [a for kind in KINDS for a in audits[kind]]


@pytest.mark.slow
@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize(("language", "viewport"), AXE_RUNS, ids=[f"{lang}-{vp}" for lang, vp in AXE_RUNS])
def test_axe_finds_no_violations(audit: Callable[[str, str], Audits], language: str, viewport: str, kind: str) -> None:
    failing = [a for a in audit(language, viewport)[kind] if a.violations]
    assert not failing, "axe-core found violations:\n" + "\n".join(a.describe_violations() for a in failing)


@pytest.mark.slow
@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_axe_finds_no_violations_in_the_internal_build(audit: Callable[[str, str], Audits], viewport: str) -> None:
    audits = _all(audit("internal", viewport))
    failing = [a for a in audits if a.violations]
    assert not failing, "axe-core found violations:\n" + "\n".join(a.describe_violations() for a in failing)
    problems = [f"{a.target.path}: {line}" for a in audits for line in [*a.skip_link, *a.console]]
    problems += [f"{a.target.path}: {a.scroll_width} px wide" for a in audits if a.scroll_width > a.inner_width]
    assert not problems, "\n".join(problems)


@pytest.mark.slow
@pytest.mark.parametrize(("language", "viewport"), BROWSER_RUNS, ids=[f"{lang}-{vp}" for lang, vp in BROWSER_RUNS])
def test_no_page_scrolls_sideways(audit: Callable[[str, str], Audits], language: str, viewport: str) -> None:
    wide = [
        f"{a.target.path}: {a.scroll_width} px wide in a {a.inner_width} px window"
        for a in _all(audit(language, viewport))
        if a.scroll_width > a.inner_width
    ]
    assert not wide, "pages that scroll horizontally (WCAG 1.4.10 reflow):\n" + "\n".join(wide)


@pytest.mark.slow
def test_no_page_of_the_site_scrolls_sideways_at_320_px(chromium: Browser, demo_nl: Built) -> None:
    """Every page, not only one of each kind: a long word or address in content can widen a page."""
    urls = demo_nl.urls
    paths = [urls.href(links.site_path_of(path.relative_to(demo_nl.out).as_posix())) for path in demo_nl.html_files()]
    with server.serve(demo_nl.out) as origin:
        measured = browser.Auditor(chromium).widths(origin, paths, browser.Viewport("320", *VIEWPORTS["320"]))
    wide = [f"{path}: {width} px wide in a {window} px window" for path, width, window in measured if width > window]
    assert len(measured) == len(paths) > 100
    assert not wide, "pages that scroll horizontally (WCAG 1.4.10 reflow):\n" + "\n".join(wide)


@pytest.mark.slow
@pytest.mark.parametrize(("language", "viewport"), BROWSER_RUNS, ids=[f"{lang}-{vp}" for lang, vp in BROWSER_RUNS])
def test_skip_link_shows_on_focus_and_moves_focus_to_main(
    audit: Callable[[str, str], Audits], language: str, viewport: str
) -> None:
    broken = [f"{a.target.path}: {problem}" for a in _all(audit(language, viewport)) for problem in a.skip_link]
    assert not broken, "\n".join(broken)


@pytest.mark.slow
@pytest.mark.parametrize(("language", "viewport"), AXE_RUNS, ids=[f"{lang}-{vp}" for lang, vp in AXE_RUNS])
def test_browser_logs_no_errors_and_loads_nothing_from_elsewhere(
    audit: Callable[[str, str], Audits], language: str, viewport: str
) -> None:
    logged = [f"{a.target.path}: {line}" for a in _all(audit(language, viewport)) for line in a.console]
    assert not logged, "the browser reported CSP violations, errors, failed or foreign requests:\n" + "\n".join(logged)


# ---------------------------------------------------------------------------------------------
# The Nu HTML Checker: one JVM start for every page of three builds


@pytest.fixture(scope="session")
def java_and_vnu() -> None:
    tools.require(*tools.VNU_TOOLS)


@pytest.mark.slow
def test_nu_html_checker_finds_no_errors(
    java_and_vnu: None, demo_nl: Built, demo_en: Built, demo_internal: Built, tmp_path_factory: pytest.TempPathFactory
) -> None:
    files = [*demo_nl.html_files(), *demo_en.html_files(), *demo_internal.html_files()]
    assert len(files) > 100
    messages = vnu.check(files)
    root = tmp_path_factory.getbasetemp()
    assert not messages, vnu.describe(messages, root)


# ---------------------------------------------------------------------------------------------
# Links, resolved in the output folder without the network


@functools.cache
def _link_report(out: Path, base_url: str) -> links.Report:
    return links.check_links(out, base_url)


@pytest.mark.parametrize("name", BUILDS)
def test_every_internal_link_and_fragment_resolves(request: pytest.FixtureRequest, name: str) -> None:
    built: Built = request.getfixturevalue(name)
    report = _link_report(built.out, built.base_url)
    assert report.pages > 100 and len(report.internal) > 1000
    assert not report.problems, f"{len(report.problems)} broken links in {name}:\n{report.describe()}"


@pytest.mark.parametrize("name", BUILDS)
def test_no_resource_from_a_third_party_host(request: pytest.FixtureRequest, name: str) -> None:
    built: Built = request.getfixturevalue(name)
    report = _link_report(built.out, built.base_url)
    assert not report.third_party, "\n".join(r.where() for r in report.third_party)
    assert report.external, "the demo links to organisations' own sites: the checker should have seen them"


def test_below_a_sub_path_every_internal_link_starts_with_it(demo_sub_path: Built) -> None:
    report = _link_report(demo_sub_path.out, SUB_PATH_URL)
    outside = [r.where() for r in report.internal if not r.url.startswith(("/netwerk/", SUB_PATH_URL, "#"))]
    assert not outside, "\n".join(outside[:50])
    assert not report.problems, report.describe()


# ---------------------------------------------------------------------------------------------
# Page rules


@pytest.mark.parametrize("name", BUILDS)
def test_every_page_keeps_the_page_rules(request: pytest.FixtureRequest, name: str) -> None:
    built: Built = request.getfixturevalue(name)
    found = rules.check_site(built.out, built.language)
    assert len(built.html_files()) > 100
    assert not found, "\n".join(f"{page}:\n  " + "\n  ".join(problems) for page, problems in found.items())


# ---------------------------------------------------------------------------------------------
# The checkers themselves: each finds what it is for


def test_link_checker_reports_each_kind_of_broken_link(tmp_path: Path) -> None:
    pages = {
        "index.html": '<a href="/a/">ok</a><a href="/a/#top">ok</a><a href="#nowhere">1</a><a href="/missing/">2</a>'
        '<a href="/a">3</a><a href="a/">4</a><a href="javascript:alert(1)">5</a><a href="/a/#gone">6</a>'
        '<a href="https://elsewhere.example/">ext</a><a href="mailto:x@example.org">mail</a>'
        '<script src="https://cdn.example/x.js"></script><img src="//cdn.example/x.png" alt="">',
        "a/index.html": '<h1 id="top">A</h1><form action="/netwerk/">x</form>',
    }
    for name, html in pages.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(html, encoding="utf-8")
    report = links.check_links(tmp_path, "https://example.org/")
    messages = sorted(f"{p.reference.url} {p.message}" for p in report.problems)
    assert messages == [
        "#nowhere no id 'nowhere' in index.html",
        "/a a folder without its trailing '/'",
        "/a/#gone no id 'gone' in a/index.html",
        "/missing/ no such file in the output: missing/index.html",
        "/netwerk/ no such file in the output: netwerk/index.html",
        "a/ relative path: links must start with the base path '/' (the 404 page is served at any address)",
        "javascript:alert(1) URL scheme 'javascript:' is not allowed",
    ]
    assert sorted(r.url for r in report.third_party) == ["//cdn.example/x.png", "https://cdn.example/x.js"]
    assert list(report.external) == ["https://elsewhere.example/"]
    below = links.check_links(tmp_path, "https://example.org/netwerk/")
    assert any("outside the site's base path '/netwerk/'" in p.message for p in below.problems)


def test_page_rules_report_each_broken_rule() -> None:
    html = (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        '<meta http-equiv="Content-Security-Policy" content="default-src \'self\'; '
        "script-src 'self' 'unsafe-inline' https://cdn.example\"><style>p{}</style></head>"
        '<body onload="go()"><h1>A</h1><h3 style="color:red">B</h3><h1>C</h1>'
        '<script>go()</script><script type="application/ld+json">{}</script>'
        '<svg><rect fill="#cccccc"/><text fill="#ffffff">AB</text></svg></body></html>'
    )
    found = rules.check_page(html, "nl")
    expected = [
        "a <style> element",
        "event attribute onload",
        "<h3> after <h1>",
        "style attribute on <h3>",
        "an inline <script>",
        "SVG text #ffffff on #cccccc",
        '<html lang="en">, expected "nl"',
        "the first element in <head> is <meta>",
        "script-src allows 'unsafe-inline'",
        "script-src allows https://cdn.example",
        "2 <h1> elements",
    ]
    for text in expected:
        assert any(text in problem for problem in found), f"{text!r} not in {found}"
    assert len(found) == len(expected)


def test_bodies_get_headings_below_the_template_heading_without_gaps() -> None:
    """What the tools found: `##` in a body came out as h3 right after the page's h1."""
    outline = render._outline
    authored = '<h3>A</h3><p>x</p><h5>B</h5><h4 >C</h4><p><a title="<h2>">t</a></p><h3>D</h3>'
    assert outline(authored, 2) == '<h2>A</h2><p>x</p><h3>B</h3><h3 >C</h3><p><a title="<h2>">t</a></p><h2>D</h2>'
    assert outline("<h2>A</h2><h2>B</h2>", 3) == "<h3>A</h3><h3>B</h3>"
    assert outline("<h6>A</h6><h6>B</h6><h6>C</h6>", 5) == "<h5>A</h5><h5>B</h5><h5>C</h5>"
    assert outline("<h2>A</h2><h3>B</h3><h4>C</h4><h5>D</h5>", 4) == "<h4>A</h4><h5>B</h5><h6>C</h6><h6>D</h6>"
    assert outline("", 2) == ""


# ---------------------------------------------------------------------------------------------
# The site `sitegen init` makes: its free pages (accessibility and privacy statements) are long
# texts of their own, so they are judged by the same tools as the demo, in both languages.


def _starter(tmp_path_factory: pytest.TempPathFactory, language: str) -> Built:
    site = tmp_path_factory.mktemp(f"starter-{language}") / "site"
    scaffold.init_site(site, scaffold.InitSettings(language=language), BUILD_DATE)  # type: ignore[arg-type]
    return demo.build_demo(site, site / "output", _options())


@pytest.fixture(scope="session")
def starters(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Built]:
    return {language: _starter(tmp_path_factory, language) for language in ("nl", "en")}


def test_the_starter_sites_keep_the_page_rules_and_links(starters: dict[str, Built]) -> None:
    for language, built in starters.items():
        assert rules.check_site(built.out, language) == {}
        report = links.check_links(built.out, built.base_url)
        assert report.pages > 20
        assert not report.problems, report.describe()
        assert not report.third_party


@pytest.mark.slow
def test_nu_html_checker_finds_no_errors_in_the_starter_sites(
    java_and_vnu: None, starters: dict[str, Built], tmp_path_factory: pytest.TempPathFactory
) -> None:
    files = [path for built in starters.values() for path in built.html_files()]
    messages = vnu.check(files)
    assert not messages, vnu.describe(messages, tmp_path_factory.getbasetemp())


# The starter's own content; its listings and taxonomy pages are the demo's templates, audited above.
STARTER_PAGES = {
    "nl": [
        "",
        "over/",
        "toegankelijkheid/",
        "privacy/",
        "profielen/sanne-voorbeeld/",
        "klussen/voorbeeldklus-procesbegeleider-omgevingsvisie/",
    ],
    "en": [
        "",
        "about/",
        "accessibility/",
        "privacy/",
        "profiles/alex-example/",
        "assignments/example-facilitator-environmental-vision/",
    ],
}


@pytest.mark.slow
@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_axe_finds_no_violations_on_the_starter_sites_own_pages(
    chromium: Browser, starters: dict[str, Built], viewport: str
) -> None:
    problems: list[str] = []
    for language, built in starters.items():
        targets = [browser.Target("page", built.urls.href(path)) for path in STARTER_PAGES[language]]
        with server.serve(built.out) as origin:
            audits = browser.Auditor(chromium).audit(origin, targets, browser.Viewport(viewport, *VIEWPORTS[viewport]))
        problems += [a.describe_violations() for a in audits if a.violations]
        problems += [f"{a.target.path}: {line}" for a in audits for line in [*a.skip_link, *a.console]]
        problems += [f"{a.target.path}: {a.scroll_width} px wide" for a in audits if a.scroll_width > a.inner_width]
    assert not problems, "\n".join(problems)
