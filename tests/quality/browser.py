"""axe-core, reflow and the skip link, page by page in Debian's Chromium driven by Playwright.

The pages keep their strict Content-Security-Policy: axe-core is added as an init script (which
the policy does not govern) rather than by switching the policy off, so a script or style the
policy blocks shows up as a console error here, as it would for a visitor. Every request that
is not for the local test server is aborted and reported.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from . import tools
from .tools import AXE

if TYPE_CHECKING:  # Playwright is imported when a browser runs, so that its absence can skip the tests
    from playwright.sync_api import Browser, BrowserContext, ConsoleMessage, Page, Request, Response, Route

WCAG_TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa")
# axe's best practices catch what the WCAG tags leave to a reviewer: skipped heading levels,
# content outside landmarks, a page without a main heading. They hold on this site, so they are kept.
EXTRA_TAGS = ("best-practice",)
CONTRAST_RULES = ("color-contrast", "link-in-text-block")
READY_TIMEOUT_MS = 30_000


@contextmanager
def launch() -> Iterator[Browser]:
    """Debian's Chromium through Playwright, once the tools are there (else skip, or fail in CI)."""
    tools.require(*tools.BROWSER_TOOLS)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(tools.CHROMIUM), args=tools.CHROMIUM_ARGS)
        try:
            yield launched
        finally:
            launched.close()


@dataclass(frozen=True, slots=True)
class Viewport:
    name: str
    width: int
    height: int
    color_scheme: str = "light"
    rules: tuple[str, ...] = ()  # only these axe rules; none: every rule of WCAG_TAGS and EXTRA_TAGS


@dataclass(frozen=True, slots=True)
class Target:
    kind: str  # home, listing, profile, ...: what the tests are named after
    path: str  # URL path (with query) below the origin
    ready: str = ""  # a JavaScript condition to wait for before auditing


@dataclass(slots=True)
class PageAudit:
    target: Target
    violations: list[dict[str, Any]] = field(default_factory=list)
    scroll_width: int = 0
    inner_width: int = 0
    skip_link: list[str] = field(default_factory=list)  # problems
    console: list[str] = field(default_factory=list)  # errors, CSP reports, failed and foreign requests

    def describe_violations(self, nodes: int = 4) -> str:
        lines = [f"{self.target.path} ({self.target.kind}):"]
        for violation in self.violations:
            lines.append(f"  {violation['id']} ({violation.get('impact')}): {violation['help']}")
            lines.append(f"    {violation['helpUrl']}")
            for node in violation["nodes"][:nodes]:
                summary = " ".join(str(node.get("failureSummary", "")).split())
                lines.append(f"    {' '.join(map(str, node['target']))}: {node['html'][:160]}\n      {summary[:400]}")
            if len(violation["nodes"]) > nodes:
                lines.append(f"    ... and {len(violation['nodes']) - nodes} more elements")
        return "\n".join(lines)


_AXE_RUN = """options => axe.run(document, options)"""

_SKIP_LINK_BEFORE = """() => {
  const link = document.querySelector('body a[href^="#"]');
  if (!link) return null;
  const r = link.getBoundingClientRect();
  return {onScreen: r.bottom > 0 && r.right > 0 && r.top < innerHeight && r.left < innerWidth && r.width > 1};
}"""

_FOCUSED = """() => {
  const el = document.activeElement;
  const r = el.getBoundingClientRect();
  const style = getComputedStyle(el);
  const href = el.getAttribute('href') || '';
  const target = href.startsWith('#') ? document.getElementById(decodeURIComponent(href.slice(1))) : null;
  return {
    tag: el.tagName.toLowerCase(), text: el.textContent.trim(), href,
    visible: r.width > 1 && r.height > 1 && r.top >= 0 && r.left >= 0 && r.bottom <= innerHeight
             && r.right <= innerWidth && style.visibility !== 'hidden' && Number(style.opacity) > 0.5,
    targetIsMain: target !== null && target === document.querySelector('main'),
  };
}"""

_MAIN_FOCUSED = """() => {
  const main = document.querySelector('main');
  return {focused: main !== null && document.activeElement === main,
          inView: main !== null && main.getBoundingClientRect().top < innerHeight};
}"""


def keep_to(context: BrowserContext, origin: str, foreign: list[str]) -> None:
    """Abort every request of `context` that is not for `origin`, and note its URL in `foreign`."""

    def guard(route: Route, request: Request) -> None:
        if request.url.startswith(origin + "/"):
            route.continue_()
        else:
            foreign.append(request.url)
            route.abort("blockedbyclient")

    context.route("**/*", guard)


class Auditor:
    """One browser context and one page per viewport; the pages of a site are visited in turn."""

    def __init__(self, browser: Browser) -> None:
        self.browser = browser

    def audit(self, origin: str, targets: list[Target], viewport: Viewport) -> list[PageAudit]:
        context = self.browser.new_context(
            viewport={"width": viewport.width, "height": viewport.height},
            color_scheme=viewport.color_scheme,  # type: ignore[arg-type]
            service_workers="block",
        )
        context.add_init_script(path=AXE)
        log: list[str] = []

        def block(route: Route, request: Request) -> None:
            log.append(f"request to another host, aborted: {request.url}")
            route.abort("blockedbyclient")

        # Only requests that are not for the test server come to Python (the browser matches the pattern).
        context.route(re.compile("^(?!" + re.escape(origin) + "/)"), block)
        page = context.new_page()
        page.on("console", lambda message: _console(message, log))
        page.on("pageerror", lambda error: log.append(f"uncaught error: {error}"))
        page.on("response", lambda response: _response(response, log))
        options: dict[str, Any] = {"resultTypes": ["violations"]}
        if viewport.rules:
            options["runOnly"] = {"type": "rule", "values": list(viewport.rules)}
        else:
            options["runOnly"] = {"type": "tag", "values": [*WCAG_TAGS, *EXTRA_TAGS]}
        audits = []
        try:
            for target in targets:
                log.clear()
                audit = self._audit_page(page, origin, target, options, full=not viewport.rules)
                audit.console[:0] = log
                audits.append(audit)
        finally:
            context.close()
        return audits

    def widths(self, origin: str, paths: list[str], viewport: Viewport) -> list[tuple[str, int, int]]:
        """(path, document width, window width) of each page: a quick pass for reflow, without axe."""
        context = self.browser.new_context(
            viewport={"width": viewport.width, "height": viewport.height}, service_workers="block"
        )
        context.route(re.compile("^(?!" + re.escape(origin) + "/)"), lambda route: route.abort("blockedbyclient"))
        page = context.new_page()
        found = []
        try:
            for path in paths:
                page.goto(origin + path, wait_until="load")
                found.append((path, *page.evaluate("() => [document.scrollingElement.scrollWidth, innerWidth]")))
        finally:
            context.close()
        return found

    def _audit_page(self, page: Page, origin: str, target: Target, options: dict[str, Any], full: bool) -> PageAudit:
        audit = PageAudit(target)
        page.goto(origin + target.path, wait_until="load")
        if target.ready:
            from playwright.sync_api import Error as PlaywrightError

            try:
                # A wait, not a speed check (speed is bench/'s): under the whole suite on two cores
                # the form's fetch of a profile once took longer than 10 s to be answered.
                # As a function, not an expression: Playwright evaluates an expression with eval,
                # which the page's CSP (no 'unsafe-eval') refuses once the page's own scripts run.
                page.wait_for_function(f"() => ({target.ready})", timeout=READY_TIMEOUT_MS)
            except PlaywrightError:
                audit.console.append(f"never became ready: {target.ready}")
        result = page.evaluate(_AXE_RUN, options)
        audit.violations = result["violations"]
        if full:
            audit.scroll_width, audit.inner_width = page.evaluate(
                "() => [document.scrollingElement.scrollWidth, window.innerWidth]"
            )
            audit.skip_link = _check_skip_link(page)
        return audit


def _response(response: Response, log: list[str]) -> None:
    if response.status >= 400:
        log.append(f"HTTP {response.status}: {response.url}")


def _console(message: ConsoleMessage, log: list[str]) -> None:
    if message.type == "error" or "Content Security Policy" in message.text:
        log.append(f"console {message.type}: {message.text}")


def _check_skip_link(page: Page) -> list[str]:
    """The first Tab stop is a link to <main> that is hidden until it has focus; Enter moves focus to main."""
    before = page.evaluate(_SKIP_LINK_BEFORE)
    if before is None:
        return ["no in-page link (skip link) in the body"]
    problems = []
    if before["onScreen"]:
        problems.append("the skip link is on screen before it has focus")
    page.keyboard.press("Tab")
    focused = page.evaluate(_FOCUSED)
    if focused["tag"] != "a" or not focused["href"].startswith("#"):
        return [*problems, f"the first Tab stop is <{focused['tag']}> {focused['text'][:60]!r}, not the skip link"]
    if not focused["visible"]:
        problems.append(f"the skip link {focused['text']!r} is not fully visible when it has focus")
    if not focused["targetIsMain"]:
        problems.append(f"the skip link points to {focused['href']}, which is not <main>")
    page.keyboard.press("Enter")
    main = page.evaluate(_MAIN_FOCUSED)
    if not main["focused"]:
        problems.append("after Enter on the skip link, focus is not on <main>")
    if not main["inView"]:
        problems.append("after Enter on the skip link, <main> is not in view")
    return problems
