"""`sitegen serve`: the live preview, run as a member runs it (a subprocess on a free loopback port).

Each test starts `python -m sitegen serve SITE --port 0` on a small site of its own, talks to it
over HTTP and edits the site's files while it runs; the server is always stopped with SIGINT (as
Ctrl-C does) and, failing that, killed. Waiting is polling against a generous deadline: a rebuild
takes well under a second, so the deadline only matters when something is broken.

The browser tests drive Debian's Chromium with Playwright: the overlay of a failed build (text,
heading, focus, dismissal, axe-core), its recovery, and the served pages keeping their strict
Content-Security-Policy with no console errors.
"""

from __future__ import annotations

import http.client
import json
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import pytest
from conftest import REPO, VALID_PROFILE, SiteFactory, check
from quality import browser, tools
from watchfiles import Change

from sitegen import i18n, preview, watch
from sitegen.diagnostics import format_text, summary_line

if TYPE_CHECKING:
    from playwright.sync_api import Browser, ConsoleMessage, Page

DEADLINE = 30.0  # seconds for anything to happen; it takes well under one
PROFILE = "content/profiles/anna-de-vries.md"
PROFILE_PAGE = "/profielen/anna-de-vries/"
BROKEN_PROFILE = VALID_PROFILE.replace("skills: [verbindend, procesbegeleiding]", "skills: 3")
SERVING = re.compile(r"^sitegen: het voorbeeld staat op (http://127\.0\.0\.1:(\d+))/ ")  # the site is Dutch
BUILDING = re.compile(r"^sitegen: een voorbeeld van .* bouwen, met als datum .*, in (\S+)$")
T = TypeVar("T")


def poll(what: str, attempt: Callable[[], T | None], deadline: float = DEADLINE) -> T:
    """The first value that is not None, trying every 50 ms until the deadline."""
    give_up = time.monotonic() + deadline
    while True:
        value = attempt()
        if value is not None:
            return value
        if time.monotonic() > give_up:
            pytest.fail(f"not within {deadline:g} s: {what}")
        time.sleep(0.05)


@dataclass
class Response:
    status: int
    headers: dict[str, str]
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8")


@dataclass
class Preview:
    process: subprocess.Popen[str]
    site: Path
    stdout: list[str] = field(default_factory=list)
    stderr: list[str] = field(default_factory=list)
    origin: str = ""
    port: int = 0
    scratch: Path | None = None

    def request(self, path: str, method: str = "GET") -> Response:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        try:
            connection.request(method, path)  # the path goes out as written, '..' included
            answer = connection.getresponse()
            return Response(answer.status, {k.lower(): v for k, v in answer.getheaders()}, answer.read())
        finally:
            connection.close()

    def status(self) -> dict[str, Any]:
        return json.loads(self.request("/__sitegen/status").body)  # type: ignore[no-any-return]

    def wait_for_status(self, event: str, after_build: int = -1, report: str | None = None) -> dict[str, Any]:
        """The status once it is `event`: for 'rebuilt', a build after `after_build`; for 'failed', with `report`."""

        def attempt() -> dict[str, Any] | None:
            status = self.status()
            if status["event"] != event:
                return None
            if event == "rebuilt" and status["build"] <= after_build:
                return None
            return status if report is None or status["report"] == report else None

        return poll(f"a '{event}' status after build {after_build}; the server said:\n{self.log()}", attempt)

    def write(self, rel: str, text: str) -> None:
        """As most editors save: a temporary file beside it (which is no change), renamed over it."""
        target = self.site / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        temporary = target.with_name(f".{target.name}.tmp")
        temporary.write_text(text, encoding="utf-8")
        os.replace(temporary, target)

    def log(self) -> str:
        return "".join(self.stderr[-30:])


def _read(stream: Any, into: list[str]) -> None:
    for line in stream:
        into.append(line)


@contextmanager
def serving(site: Path, *options: str, ready: bool = True) -> Iterator[Preview]:
    command = [
        sys.executable,
        "-m",
        "sitegen",
        "serve",
        str(site),
        "--port",
        "0",
        "--date",
        "2026-12-01",
        "--jobs",
        "2",
        *options,
    ]
    environment = {**os.environ, "PYTHONUNBUFFERED": "1"}
    environment.pop("SOURCE_DATE_EPOCH", None)
    process = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=environment, cwd=REPO
    )
    served = Preview(process, site)
    readers = [
        threading.Thread(target=_read, args=(process.stdout, served.stdout), daemon=True),
        threading.Thread(target=_read, args=(process.stderr, served.stderr), daemon=True),
    ]
    for reader in readers:
        reader.start()
    try:
        if ready:

            def started() -> re.Match[str] | None:
                if process.poll() is not None:
                    pytest.fail(f"sitegen serve ended with {process.returncode}:\n{''.join(served.stderr)}")
                return next((m for m in map(SERVING.match, served.stderr) if m), None)

            found = poll("the line that says where the preview is served", started)
            served.origin, served.port = found[1], int(found[2])
            building = next(m for m in map(BUILDING.match, served.stderr) if m)
            served.scratch = Path(building[1])
        yield served
    finally:
        stop(process)
        for reader in readers:
            reader.join(timeout=5)


def stop(process: subprocess.Popen[str]) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def expected_report(site: Path) -> str:
    """What `sitegen check` prints for the site as it is now: diagnostics, then the summary line."""
    checked = check(site)
    return (
        format_text(checked.diagnostics, checked.language)
        + f"sitegen: {summary_line(checked.diagnostics, checked.files_checked, checked.language)}\n"
    )


@pytest.fixture
def site(make_site: SiteFactory) -> Path:
    return make_site({PROFILE: VALID_PROFILE})


# ---------------------------------------------------------------------------------------------
# Serving


def test_the_preview_serves_the_site_with_the_local_base_url_and_its_own_folder(site: Path) -> None:
    with serving(site) as served:
        home = served.request("/")
        assert home.status == 200
        assert home.headers["content-type"] == "text/html; charset=utf-8"
        assert home.headers["cache-control"] == "no-store"
        assert f'<link rel="canonical" href="{served.origin}/">' in home.text
        assert "script-src 'self'" in home.text  # the theme's policy, unchanged
        script = f'<script src="/__sitegen/preview.js" data-build="{served.status()["session"]}-1" defer></script>'
        assert script + "\n</head>" in home.text
        assert served.request("/__sitegen/preview.js").headers["content-type"] == "text/javascript; charset=utf-8"
        # The built files are the real build's, in the preview's own folder: the script is not in them.
        assert served.scratch is not None
        built = (served.scratch / "build-1" / "index.html").read_text(encoding="utf-8")
        assert "__sitegen" not in built and f"{served.origin}/" in built
        assert not (site / "output").exists()
        profile = served.request(PROFILE_PAGE)
        assert profile.status == 200 and "Anna de Vries" in profile.text
    assert served.process.returncode == 0
    assert not served.scratch.exists()  # nothing left behind


def test_missing_paths_folders_and_types_are_answered_as_a_static_host_would(site: Path) -> None:
    with serving(site) as served:
        missing = served.request("/profielen/niemand/")
        assert missing.status == 404
        assert i18n.text("nl", "not_found_title") in missing.text and "/__sitegen/preview.js" in missing.text
        redirect = served.request("/profielen?pagina=1")
        assert (redirect.status, redirect.headers["location"]) == (301, "/profielen/?pagina=1")
        assert served.request("/assets/").status == 404  # no directory listings
        assert served.request("/sitemap.xml").headers["content-type"] == "application/xml"
        assert served.request("/robots.txt").headers["content-type"] == "text/plain; charset=utf-8"
        home = served.request("/").text
        stylesheet = re.search(r'href="(/assets/style\.[0-9a-f]+\.css)"', home)
        assert stylesheet and served.request(stylesheet[1]).headers["content-type"] == "text/css; charset=utf-8"
        search_page = served.request("/zoeken/").text
        index = re.search(r'"(/zoeken/index\.[0-9a-f]+\.json)"', search_page)
        assert index and served.request(index[1]).headers["content-type"] == "application/json"
        for outside in (
            "/../sitegen.yaml",
            "/%2e%2e/sitegen.yaml",
            "/assets/..%2f..%2fsitegen.yaml",
            "/..%5csitegen.yaml",
            "//etc/passwd",
            "/%00",
            "/.new/",
            "/%ff",
        ):
            answer = served.request(outside)
            assert answer.status == 404, outside
            assert b"base_url" not in answer.body and b"root:" not in answer.body, outside
        assert served.request("/", method="POST").status == 501
        head = served.request(PROFILE_PAGE, method="HEAD")
        assert head.status == 200 and head.body == b"" and int(head.headers["content-length"]) > 0


def test_content_types_of_the_files_other_stages_write() -> None:
    types = {name: preview.content_type(Path(name)) for name in ("a.vcf", "feed.atom", "a.json", "b.xml", "c.JPG")}
    assert types == {
        "a.vcf": "text/vcard; charset=utf-8",
        "feed.atom": "application/atom+xml",
        "a.json": "application/json",
        "b.xml": "application/xml",
        "c.JPG": "image/jpeg",
    }


# ---------------------------------------------------------------------------------------------
# Rebuilding


def test_a_change_is_rebuilt_and_served_without_a_restart(site: Path) -> None:
    with serving(site) as served:
        assert served.status()["build"] == 1
        served.write(PROFILE, VALID_PROFILE.replace("role: Beleidsadviseur", "role: Programmamanager"))
        poll(
            "the new role on the profile page",
            lambda: True if "Programmamanager" in served.request(PROFILE_PAGE).text else None,
        )
        assert served.status()["build"] == 2
        assert f"sitegen: gewijzigd: {PROFILE}; opnieuw bouwen\n" in served.stderr
        # An editor's swap file is no change; the settings are one.
        (site / "content/profiles/.anna-de-vries.md.swp").write_text("swap", encoding="utf-8")
        served.write("sitegen.yaml", "title: Ander netwerk\nbase_url: https://example.org/\n")
        served.wait_for_status("rebuilt", after_build=2)
        assert "Ander netwerk" in served.request("/").text
        assert "sitegen: gewijzigd: sitegen.yaml; opnieuw bouwen\n" in served.stderr
        assert not any(".swp" in line or ".tmp" in line for line in served.stderr)


def test_a_broken_file_is_reported_as_check_reports_it_and_a_fix_recovers(site: Path) -> None:
    with serving(site) as served:
        served.write(PROFILE, BROKEN_PROFILE.replace("role: Beleidsadviseur", "role: Kapot"))
        report = expected_report(site)
        failed = served.wait_for_status("failed", report=report)
        assert "anna-de-vries.md:6:9: error: skills: hier hoort een lijst" in report  # check's, in the site's language
        assert failed["report"] == report
        assert failed["title"] == i18n.text("nl", "preview_title")
        assert failed["build"] == 1  # still serving the last good build
        assert [d["code"] for d in failed["diagnostics"]] == [d.code for d in check(site).diagnostics]
        assert [d["message"] for d in failed["diagnostics"]] == [d.message_in("nl") for d in check(site).diagnostics]
        checked = check(site)
        assert format_text(checked.diagnostics, "nl") in "".join(served.stdout)  # in the terminal, as check prints it
        summary = summary_line(checked.diagnostics, checked.files_checked, checked.language)
        assert f"sitegen: {summary}\n" in served.stderr
        assert (
            "sitegen: niet opnieuw gebouwd: los de fouten hierboven op (het voorbeeld laat de laatste goede "
            "versie zien); wachten op je volgende wijziging\n" in served.stderr
        )
        page = served.request(PROFILE_PAGE)
        assert page.status == 200 and "Beleidsadviseur" in page.text and "Kapot" not in page.text

        served.write(PROFILE, VALID_PROFILE.replace("role: Beleidsadviseur", "role: Hersteld"))
        recovered = served.wait_for_status("rebuilt", after_build=1)
        assert recovered["build"] >= 3  # the failed attempt was build 2; the server counts every attempt
        assert "Hersteld" in served.request(PROFILE_PAGE).text


def test_a_theme_error_is_reported_and_a_fix_recovers(make_site: SiteFactory) -> None:
    template = '{% extends "base.html" %}\n{% block main %}\n<h1>{{ page.title }}</h1>\n{% endblock %}\n'
    site = make_site(
        {
            PROFILE: VALID_PROFILE,
            "sitegen.yaml": "title: Testnetwerk\nbase_url: https://example.org/\ntheme: eigen\n",
            "content/pages/over.md": "---\ntitle: Over ons\n---\n\nTekst.\n",
            "themes/eigen/templates/page.html": template,
        }
    )
    with serving(site) as served:
        assert "<h1>Over ons</h1>" in served.request("/over/").text
        served.write("themes/eigen/templates/page.html", template.replace("page.title", "page.title | nonsense"))
        failed = served.wait_for_status("failed")
        assert failed["report"].startswith("sitegen: error in the theme: ")
        assert "themes/eigen/templates/page.html:3: " in failed["report"]
        assert "No filter named 'nonsense'" in failed["report"]
        assert failed["report"] in served.stderr
        served.write("themes/eigen/templates/page.html", template.replace("<h1>", '<h1 class="fixed">'))
        served.wait_for_status("rebuilt", after_build=1)
        assert '<h1 class="fixed">Over ons</h1>' in served.request("/over/").text


def test_a_site_that_does_not_build_yet_shows_a_page_that_waits_for_the_fix(make_site: SiteFactory) -> None:
    site = make_site({PROFILE: BROKEN_PROFILE})
    with serving(site) as served:
        waiting = served.request(PROFILE_PAGE)
        assert waiting.status == 503
        assert f"<h1>{i18n.text('nl', 'preview_none_title')}</h1>" in waiting.text
        assert "/__sitegen/preview.js" in waiting.text
        assert "script-src 'self'" in waiting.headers["content-security-policy"]
        assert served.status()["event"] == "failed" and served.status()["build"] == 0
        assert "(er is nog niets te zien)" in served.log()
        served.write(PROFILE, VALID_PROFILE)
        served.wait_for_status("rebuilt", after_build=0)
        assert served.request(PROFILE_PAGE).status == 200


def test_the_event_stream_tells_each_build(site: Path) -> None:
    with serving(site) as served:
        connection = http.client.HTTPConnection("127.0.0.1", served.port, timeout=DEADLINE)
        connection.request("GET", "/__sitegen/events")
        stream = connection.getresponse()
        assert stream.headers["content-type"] == "text/event-stream; charset=utf-8"

        def next_event() -> tuple[str, dict[str, Any]]:
            name = ""
            while True:
                line = stream.readline().decode("utf-8").rstrip("\n")
                if line.startswith("event: "):
                    name = line.removeprefix("event: ")
                elif line.startswith("data: ") and name:
                    return name, json.loads(line.removeprefix("data: "))

        try:
            assert next_event() == ("rebuilt", {"build": 1, "session": served.status()["session"]})
            served.write(PROFILE, BROKEN_PROFILE)
            name, data = next_event()
            assert (name, data["build"], data["report"]) == ("failed", 1, expected_report(site))
            served.write(PROFILE, VALID_PROFILE)
            assert next_event()[0] == "rebuilt"
        finally:
            connection.close()


# ---------------------------------------------------------------------------------------------
# Starting and stopping


def test_ctrl_c_stops_the_preview_cleanly(site: Path) -> None:
    with serving(site) as served:
        served.process.send_signal(signal.SIGINT)
        assert served.process.wait(timeout=20) == 0
    assert served.stderr[-1] == "sitegen: voorbeeld gestopt\n"
    assert not any("Traceback" in line for line in served.stderr)
    assert served.scratch is not None and not served.scratch.exists()


def test_a_busy_port_is_a_usage_error_that_says_what_to_do(site: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run(
            [sys.executable, "-m", "sitegen", "serve", str(site), "--port", str(port)],
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
    assert result.returncode == 2
    assert result.stderr == (
        f"sitegen: error: --port {port}: deze poort is al in gebruik op 127.0.0.1 (door een ander voorbeeld "
        "misschien); kies een andere met --port N, of --port 0 voor een willekeurige vrije poort\n"
    )


@pytest.mark.parametrize("port", ["65536", "-1", "http"])
def test_a_port_that_is_no_port_is_a_usage_error(site: Path, port: str) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "sitegen", "serve", str(site), f"--port={port}"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 2
    assert f"argument --port: '{port}' is not a port number (0 to 65535; 0: any free port)" in result.stderr


def test_a_host_other_than_loopback_warns_that_others_can_reach_the_preview(site: Path) -> None:
    with serving(site, "--host", "0.0.0.0") as served:
        assert served.stderr[0] == (
            "sitegen: warning: --host 0.0.0.0: anderen op het netwerk kunnen het voorbeeld zien, met "
            "--audience internal ook de interne gegevens; gebruik dit alleen op een netwerk dat je vertrouwt\n"
        )
    with serving(site) as served:
        assert not any("warning: --host" in line for line in served.stderr)


@pytest.mark.parametrize(
    ("name", "ignored"),
    [
        ("anna-de-vries.md", False),
        ("anna-de-vries.jpg", False),
        (".anna-de-vries.md.swp", True),
        ("anna-de-vries.md~", True),
        ("4913", True),
        (".#anna-de-vries.md", True),
        ("#anna-de-vries.md#", True),
        ("anna-de-vries.md.tmp", True),
        (".goutputstream-XYZ123", True),
    ],
)
def test_editor_files_are_not_changes(name: str, ignored: bool) -> None:
    keep = watch.EditorFilter(ignore_paths=["/tmp/preview"])
    assert keep(Change.modified, f"/site/content/profiles/{name}") is not ignored
    assert not keep(Change.modified, "/tmp/preview/build-1/index.html")


# ---------------------------------------------------------------------------------------------
# In the browser


@pytest.fixture(scope="module")
def chromium() -> Iterator[Browser]:
    with browser.launch() as launched:
        yield launched


@contextmanager
def browsing(chromium: Browser, origin: str) -> Iterator[tuple[Page, list[str]]]:
    """A page that may only talk to the preview; console errors and uncaught exceptions are collected."""
    context = chromium.new_context(service_workers="block", viewport={"width": 1280, "height": 800})
    context.set_default_timeout(DEADLINE * 1000)
    context.add_init_script(path=str(tools.AXE))
    context.route(re.compile("^(?!" + re.escape(origin) + "/)"), lambda route: route.abort("blockedbyclient"))
    page = context.new_page()
    problems: list[str] = []

    def console(message: ConsoleMessage) -> None:
        if message.type == "error" or "Content Security Policy" in message.text:
            problems.append(f"console {message.type}: {message.text}")

    page.on("console", console)
    page.on("pageerror", lambda error: problems.append(f"uncaught: {error}"))
    try:
        yield page, problems
    finally:
        context.close()


AXE_RUN = """() => axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa',
  'best-practice']}, resultTypes: ['violations']}).then(r => r.violations.map(v => v.id + ': ' + v.help))"""


def test_the_served_pages_keep_their_policy_and_log_no_errors(chromium: Browser, site: Path) -> None:
    with serving(site) as served, browsing(chromium, served.origin) as (page, problems):
        for path in ("/", PROFILE_PAGE, "/zoeken/?q=omgevingswet", "/profielen/"):
            page.goto(served.origin + path, wait_until="load")
            assert page.evaluate("() => document.querySelector('script[src=\"/__sitegen/preview.js\"]') !== null")
            policy = page.locator('meta[http-equiv="Content-Security-Policy"]').get_attribute("content")
            assert policy is not None and "script-src 'self'" in policy
            if path.startswith("/zoeken/"):
                page.wait_for_function("() => document.querySelector('#search-results > li') !== null")
        assert problems == []


def test_a_failed_build_shows_an_accessible_overlay_and_the_fix_reloads_the_page(chromium: Browser, site: Path) -> None:
    with serving(site) as served, browsing(chromium, served.origin) as (page, problems):
        page.goto(served.origin + PROFILE_PAGE, wait_until="load")
        page.get_by_role("link", name=i18n.text("nl", "profiles"), exact=True).first.focus()

        # Whether the event stream connects before or after the failure, its first event tells it.
        served.write(PROFILE, BROKEN_PROFILE)
        dialog = page.get_by_role("alertdialog", name=i18n.text("nl", "preview_title"))
        dialog.wait_for()
        report = expected_report(site)
        assert page.locator("#sitegen-overlay-report").text_content() == report
        assert page.locator("#sitegen-overlay-title").evaluate("e => e.tagName") == "H2"
        assert page.evaluate("() => document.activeElement.id") == "sitegen-overlay-dismiss"
        assert page.evaluate(
            "() => [...document.body.children].filter(e => e.id !== 'sitegen-overlay').every(e => e.inert)"
        )
        page.keyboard.press("Tab")
        assert page.evaluate("() => document.activeElement.id") == "sitegen-overlay-report"
        page.keyboard.press("Tab")
        assert page.evaluate("() => document.activeElement.id") == "sitegen-overlay-dismiss"
        assert page.evaluate(AXE_RUN) == []
        page.set_viewport_size({"width": 320, "height": 640})
        assert page.evaluate("() => document.scrollingElement.scrollWidth <= innerWidth")
        page.keyboard.press("Escape")
        assert page.locator("#sitegen-overlay").count() == 0
        assert page.evaluate("() => document.activeElement.textContent") == i18n.text("nl", "profiles")
        assert page.evaluate("() => [...document.body.children].every(e => !e.inert)")

        # Another failure shows the overlay again; dismissing it with the button works as Escape does.
        served.write(PROFILE, BROKEN_PROFILE.replace("consent: 2026-03-01", "consent: gisteren"))
        dialog.wait_for()
        assert "consent" in (page.locator("#sitegen-overlay-report").text_content() or "")
        page.get_by_role("button", name=i18n.text("nl", "preview_dismiss")).click()
        assert page.locator("#sitegen-overlay").count() == 0

        served.write(PROFILE, BROKEN_PROFILE.replace("role: Beleidsadviseur", "role: Nog kapot"))
        dialog.wait_for()
        with page.expect_navigation():
            served.write(PROFILE, VALID_PROFILE.replace("role: Beleidsadviseur", "role: Weer heel"))
        page.get_by_text("Weer heel").first.wait_for()
        assert page.locator("#sitegen-overlay").count() == 0
        assert problems == []
