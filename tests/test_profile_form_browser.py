"""The profile form in a real browser: Debian's Chromium driven by Playwright, under the page's CSP.

Every file the form makes is judged by the real `sitegen check` (the command, in a subprocess,
with --format json) on a site with the demo's settings, organisations and vocabulary:

- a valid profile typed in (with values YAML would misread unquoted: `no`, `null`, `2026`,
  `: `, ` #`, a leading `-`, `[`, quotes, accents, a phone number) passes with no error, and
  check reads back exactly the values typed;
- for each typical mistake, the messages in the form's error summary are exactly the errors
  check reports for the file the form made;
- every public profile of the demo, loaded from its page and saved unchanged, gives the same
  record as its own file;
- the code host's new-file link carries the file name and content; the edit link names the file;
- download and copy give the same text; axe finds nothing at 1280 and 320 px with the error
  summary and with the result shown; no console error, no request to another host; without
  JavaScript, the page explains the file route.

The build, the server and the tool checks are tests/quality's; without Chromium, the playwright
package or node_modules these tests skip, unless CI is set: then they fail.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs, urlsplit

import pytest
from conftest import BUILD_DATE, REPO, VALID_PROFILE, write_site
from quality import browser, demo, server, tools
from quality.browser import EXTRA_TAGS, WCAG_TAGS

from sitegen import audience, build, config, images, models
from sitegen.profile_form import form_messages
from sitegen.terms import slugify
from sitegen.urls import Urls

MESSAGES = form_messages("nl")  # the demo site is Dutch, and so are its form and check messages

if TYPE_CHECKING:
    from playwright.sync_api import Browser, ConsoleMessage, Page

TIMEOUT_MS = 10_000
URLS = Urls("https://example.org/")
FORM = URLS.href(URLS.profile_form())


@pytest.fixture(scope="module", autouse=True)
def _tools() -> None:
    tools.require(*tools.BROWSER_TOOLS)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> demo.Built:
    return demo.build_demo(REPO, tmp_path_factory.mktemp("form-demo") / "output", build.Options(BUILD_DATE, jobs=2))


@pytest.fixture(scope="module")
def origin(built: demo.Built) -> Iterator[str]:
    with server.serve(built.out) as address:
        yield address


ENGLISH_SITE = "title: Test network\nlanguage: en\nbase_url: https://example.org/\n"


@pytest.fixture(scope="module")
def english(tmp_path_factory: pytest.TempPathFactory) -> demo.Built:
    """An English site without a vocabulary (fields and skills are free text) and without a repository."""
    site = write_site(
        tmp_path_factory.mktemp("english-site"),
        {"sitegen.yaml": ENGLISH_SITE, "content/profiles/anna-de-vries.md": VALID_PROFILE},
    )
    return demo.build_demo(site, tmp_path_factory.mktemp("english") / "output", build.Options(BUILD_DATE, jobs=2))


@pytest.fixture(scope="module")
def chromium(built: demo.Built, english: demo.Built) -> Iterator[Browser]:
    """Started after the build, whose worker processes fork before Playwright runs."""
    with browser.launch() as launched:
        yield launched


@dataclass(slots=True)
class Visit:
    page: Page
    origin: str
    errors: list[str] = field(default_factory=list)
    console: list[str] = field(default_factory=list)
    foreign: list[str] = field(default_factory=list)

    def open(self, query: str = "") -> None:
        self.page.goto(self.origin + FORM + query)
        self.page.wait_for_selector("#profile-form[data-ready]", state="attached")


def _visit(chromium: Browser, origin: str, **options: Any) -> Iterator[Visit]:
    context = chromium.new_context(service_workers="block", **options)
    context.set_default_timeout(TIMEOUT_MS)
    if options.get("java_script_enabled", True):
        context.add_init_script(path=tools.AXE)  # an init script: the page keeps its CSP
    page = context.new_page()
    # The form dates consent 'today'; check runs on the same day, so the browser's day is the build date.
    page.clock.set_fixed_time(dt.datetime(BUILD_DATE.year, BUILD_DATE.month, BUILD_DATE.day, 12))
    visit = Visit(page, origin)

    def console(message: ConsoleMessage) -> None:
        if message.type == "error" or "Content Security Policy" in message.text:
            visit.console.append(message.text)

    browser.keep_to(context, origin, visit.foreign)
    page.on("pageerror", lambda error: visit.errors.append(str(error)))
    page.on("console", console)
    try:
        yield visit
    finally:
        context.close()
    assert not visit.errors, f"the page threw: {visit.errors}"
    assert not visit.foreign, f"requests for other hosts: {visit.foreign}"
    assert not visit.console, f"console errors: {visit.console}"


@pytest.fixture
def visit(chromium: Browser, origin: str) -> Iterator[Visit]:
    yield from _visit(chromium, origin, viewport={"width": 1280, "height": 900})


# ---------------------------------------------------------------------------------------------
# The real check on the files the form makes


DEMO_SETTINGS = ("sitegen.yaml", "content/organisations.yaml", "content/vocabulary.yaml")
CheckFiles = Callable[..., list[dict[str, Any]]]


@pytest.fixture(scope="module")
def check_files(tmp_path_factory: pytest.TempPathFactory) -> CheckFiles:
    """check_files({file name: text}) -> `sitegen check --format json`'s diagnostics, on a site with
    the demo's settings, organisations and vocabulary and only these profiles."""
    counter = iter(range(1_000_000))

    def run(files: dict[str, str], settings: dict[str, str | bytes] | None = None) -> list[dict[str, Any]]:
        if settings is None:
            settings = {name: (REPO / name).read_text(encoding="utf-8") for name in DEMO_SETTINGS}
        site = write_site(
            tmp_path_factory.mktemp(f"checked-{next(counter)}"),
            {**settings, **{f"content/profiles/{name}": text for name, text in files.items()}},
        )
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "sitegen",
                "check",
                str(site),
                "--format",
                "json",
                "--date",
                BUILD_DATE.isoformat(),
                "--jobs",
                "1",
            ],
            capture_output=True,
            text=True,
            check=False,
        )
        assert done.returncode in (0, 1), done.stderr
        return json.loads(done.stdout)  # type: ignore[no-any-return]

    return run


def errors_of(diagnostics: list[dict[str, Any]]) -> list[str]:
    return sorted(d["message"] for d in diagnostics if d["severity"] == "error")


def records(site: Path) -> dict[str, models.Profile]:
    checked = build.check_site(site, build.Options(BUILD_DATE, jobs=1))
    assert checked.directory is not None
    return {p.slug: p for p in checked.directory.profiles}


# ---------------------------------------------------------------------------------------------
# Filling in the form


@dataclass(frozen=True, slots=True)
class Typed:
    """A profile as a member types it, with the values YAML would misread if written plainly."""

    name: str = 'José "Pepe" Álvarez-Núñez'
    role: str = "Adviseur: wonen #1"
    organisation: str = "gemeente-tilburg"
    summary: str = "yes"
    region: str = "null"
    fields: tuple[str, ...] = ("Wonen", "Participatie")
    skills: tuple[str, ...] = ("procesbegeleiding", "privacy en AVG")
    status: str = "limited"
    hours: str = "8"
    available_from: str = "2027-01-04"
    available_until: str = "2027-06-30"
    engagement: tuple[str, ...] = ("detachering", "belangeloos")
    rate: str = "87.50"
    languages: tuple[str, ...] = ("nl", "en")
    other_languages: str = "sw"
    experience: tuple[dict[str, str], ...] = (
        {"role": "- Projectleider [tijdelijk]", "organisation": "2026", "from": "2021-03"},
        {"role": "no", "organisation": "Gemeente 's-Hertogenbosch", "from": "2015", "to": "2021-02"},
    )
    email: str = "jose@example.nl"
    phone: str = "+31 6 1234 5678"
    website: str = "https://www.example.nl/jose?taal=nl#werk"
    linkedin: str = "https://www.linkedin.com/in/jose-alvarez"
    maintainers: str = "jose-a"
    body: str = 'Ik werk aan "wonen" & zorg: één aanpak.\n\n## Aanpak\n\n- luisteren\n- doen\n'
    consent: bool = True


def fill(page: Page, typed: Typed) -> None:
    page.fill("#f-name", typed.name)
    page.fill("#f-role", typed.role)
    page.select_option("#f-organisation", typed.organisation)
    page.fill("#f-summary", typed.summary)
    page.fill("#f-region", typed.region)
    for kind, terms in (("fields", typed.fields), ("skills", typed.skills)):
        for term in terms:
            page.fill(f"#f-{kind}-filter", term)  # the filter shows the term: the member ticks it
            page.locator(f'#f-{kind}-group input[value="{term}"]').check()
        page.fill(f"#f-{kind}-filter", "")
    page.select_option("#f-availability-status", typed.status)
    page.fill("#f-availability-hours", typed.hours)
    page.fill("#f-availability-from", typed.available_from)
    page.fill("#f-availability-until", typed.available_until)
    for option in typed.engagement:
        page.locator(f'#f-engagement-group input[value="{option}"]').check()
    page.fill("#f-rate", typed.rate)
    for code in typed.languages:
        page.check(f"#f-languages-{code}")
    page.fill("#f-languages-other", typed.other_languages)
    for number, item in enumerate(typed.experience, start=1):
        page.click("#f-experience-add")
        for part, value in item.items():
            page.fill(f"#f-experience-{number}-{part}", value)
    page.fill("#f-contact-email", typed.email)
    page.fill("#f-contact-phone", typed.phone)
    page.fill("#f-contact-website", typed.website)
    page.fill("#f-contact-linkedin", typed.linkedin)
    page.fill("#f-maintainers", typed.maintainers)
    page.fill("#f-body", typed.body)
    if typed.consent:
        page.check("#f-consent")


def submit(page: Page) -> None:
    page.click("#form-submit")


def summary_messages(page: Page) -> list[str]:
    page.wait_for_selector("#error-summary:not([hidden])")
    return sorted(page.locator("#error-summary li a").all_text_contents())


def produced(page: Page) -> str:
    """The file as the form has it now (shown under the preview, and as the result)."""
    return page.locator("#file-preview-text").text_content() or ""


def result_file(page: Page) -> str:
    page.wait_for_selector("#form-result:not([hidden])")
    return page.locator("#result-file").input_value()


# ---------------------------------------------------------------------------------------------
# A valid profile


def test_a_valid_profile_typed_in_passes_check_with_exactly_the_values_typed(
    visit: Visit, check_files: CheckFiles, tmp_path: Path
) -> None:
    typed = Typed()
    visit.open()
    fill(visit.page, typed)
    submit(visit.page)
    text = result_file(visit.page)
    assert text == produced(visit.page)
    name = visit.page.input_value("#f-file")
    assert name == "jose-pepe-alvarez-nunez"
    assert errors_of(check_files({f"{name}.md": text})) == []

    site = write_site(
        tmp_path,
        {
            "content/organisations.yaml": (REPO / "content/organisations.yaml").read_text(),
            "content/vocabulary.yaml": (REPO / "content/vocabulary.yaml").read_text(),
            f"content/profiles/{name}.md": text,
        },
    )
    profile = records(site)[name]
    today = visit.page.evaluate(
        "() => { const d = new Date(); return [d.getFullYear(), d.getMonth() + 1, "
        "d.getDate()].map((n, i) => String(n).padStart(i ? 2 : 4, '0')).join('-'); }"
    )
    assert (profile.name, profile.role, profile.organisation, profile.summary, profile.region) == (
        typed.name,
        typed.role,
        typed.organisation,
        typed.summary,
        typed.region,
    )
    assert (profile.fields, profile.skills, profile.engagement) == (typed.fields, typed.skills, typed.engagement)
    assert profile.languages == (*typed.languages, typed.other_languages)
    assert profile.availability == models.Availability(
        "limited", 8, dt_date(typed.available_from), dt_date(typed.available_until)
    )
    assert profile.rate == 87.5
    assert [(e.role, e.organisation, str(e.start), str(e.end) if e.end else None) for e in profile.experience] == [
        (item["role"], item["organisation"], item["from"], item.get("to")) for item in typed.experience
    ]
    assert profile.contact == models.Contact(typed.email, typed.phone, typed.website, typed.linkedin)
    assert profile.maintainers == (typed.maintainers,)
    assert profile.consent.isoformat() == today
    assert "<h3>Aanpak</h3>" in profile.body_html
    assert "één aanpak" in profile.body_html


def dt_date(text: str) -> Any:
    import datetime as dt

    return dt.date.fromisoformat(text)


def test_the_file_keeps_the_demo_files_style(visit: Visit) -> None:
    visit.open()
    fill(visit.page, Typed())
    text = produced(visit.page)
    assert text.startswith(
        '---\nname: José "Pepe" Álvarez-Núñez\nrole: "Adviseur: wonen #1"\n'
        "organisation: gemeente-tilburg\nfields:\n  - Wonen\n  - Participatie\n"
    )
    for line in (
        'summary: "yes"',
        'region: "null"',
        '  - role: "- Projectleider [tijdelijk]"',
        '    organisation: "2026"',
        "    from: 2021-03",
        '  - role: "no"',
        "    from: 2015",
        "languages: [nl, en, sw]",
        "  hours_per_week: 8",
        "rate: 87.50",
        '  phone: "+31 6 1234 5678"',
        "  website: https://www.example.nl/jose?taal=nl#werk",
        "availability:\n  status: limited",
    ):
        assert line in text.split("\n---\n")[0].replace("---\n", "", 1), line
    assert text.endswith("---\n" + Typed().body)


# ---------------------------------------------------------------------------------------------
# Mistakes: the form says what check says


def _set(selector: str, value: str) -> Callable[[Page], None]:
    return lambda page: page.fill(selector, value)


def _tick_skills(count: int) -> Callable[[Page], None]:
    def tick(page: Page) -> None:
        boxes = page.locator("#f-skills-group .options input[type=checkbox]")
        for index in range(count):
            boxes.nth(index).check()

    return tick


def _experience(values: dict[str, str]) -> Callable[[Page], None]:
    def add(page: Page) -> None:
        page.click("#f-experience-add")
        number = page.locator("#f-experience-list > li").count()
        for part, value in values.items():
            page.fill(f"#f-experience-{number}-{part}", value)

    return add


def _uncheck(selector: str) -> Callable[[Page], None]:
    return lambda page: page.uncheck(selector)


MISTAKES: dict[str, tuple[Typed, Callable[[Page], None] | None, str]] = {
    "name of one letter": (Typed(name="A"), None, MESSAGES["text.too-short"].format(key="name", minimum=2, count=1)),
    "no job title": (Typed(role=""), None, MESSAGES["missing"].format(prefix="", name="role")),
    "13 skills": (
        Typed(skills=()),
        _tick_skills(13),
        MESSAGES["list.too-many"].format(key="skills", maximum=12, count=13),
    ),
    "summary of 301 characters": (
        Typed(summary="x" * 301),
        None,
        MESSAGES["text.too-long"].format(key="summary", maximum=300, count=301),
    ),
    "rate with a comma": (Typed(rate="87,50"), None, MESSAGES["number.type"].format(key="rate")),
    "41 hours a week": (
        Typed(hours="41"),
        None,
        MESSAGES["number.range"].format(key="availability.hours_per_week", minimum=0, maximum=40, value="41"),
    ),
    "http website": (
        Typed(website="http://www.example.nl/"),
        None,
        MESSAGES["https-url.scheme"].format(key="contact.website", value="http://www.example.nl/"),
    ),
    "e-mail with mailto": (
        Typed(email="mailto:jose@example.nl"),
        None,
        MESSAGES["email.mailto"].format(key="contact.email"),
    ),
    "phone in words": (
        Typed(phone="bel me maar"),
        None,
        MESSAGES["phone.invalid"].format(key="contact.phone", value="bel me maar"),
    ),
    "user name with @": (Typed(maintainers="@jose-a"), None, MESSAGES["username.at"].format(key="maintainers[1]")),
    "language code in capitals": (
        Typed(other_languages="NL"),
        None,
        MESSAGES["language-code.invalid"].format(key="languages[3]", value="NL"),
    ),
    "month 13": (
        Typed(experience=({"role": "Adviseur", "organisation": "Breda", "from": "2021-13"},)),
        None,
        MESSAGES["year-month.invalid"].format(key="experience[1].from", value="2021-13"),
    ),
    "unavailable with hours": (
        Typed(status="unavailable"),
        None,
        MESSAGES["availability.hours"].format(key="availability"),
    ),
    "ends before it starts": (
        Typed(),
        _experience({"role": "Adviseur", "organisation": "Breda", "from": "2020", "to": "2019-05"}),
        MESSAGES["period"].format(key="experience[3].to", end="2019-05", start="2020"),
    ),
    "no consent": (Typed(consent=False), None, MESSAGES["missing"].format(prefix="", name="consent")),
    "hours without a status": (
        Typed(status=""),
        None,
        MESSAGES["missing"].format(prefix="availability: ", name="status"),
    ),
    "experience without a role": (
        Typed(experience=({"organisation": "Breda", "from": "2020"},)),
        None,
        MESSAGES["missing"].format(prefix="experience[1]: ", name="role"),
    ),
}


@pytest.mark.parametrize("mistake", MISTAKES)
def test_each_mistake_shows_the_message_check_gives_for_the_file(
    visit: Visit, check_files: CheckFiles, mistake: str
) -> None:
    typed, then, expected = MISTAKES[mistake]
    visit.open()
    fill(visit.page, typed)
    if then is not None:
        then(visit.page)
    submit(visit.page)
    shown = summary_messages(visit.page)
    assert expected in shown
    assert shown == errors_of(check_files({"profiel.md": produced(visit.page)}))
    assert visit.page.locator("#form-result").is_hidden()
    assert visit.page.evaluate("() => document.activeElement.id") == "error-summary"


def test_a_mistake_is_shown_at_its_field_as_the_member_leaves_it_and_goes_when_fixed(visit: Visit) -> None:
    page = visit.page
    visit.open()
    page.fill("#f-name", "A")
    assert page.locator(".field-error").count() == 0  # nothing is said while the member is still typing
    page.press("#f-name", "Tab")
    message = MESSAGES["text.too-short"].format(key="name", minimum=2, count=1)
    assert page.get_attribute("#f-name", "aria-invalid") == "true"
    described = (page.get_attribute("#f-name", "aria-describedby") or "").split()
    assert "f-name-hint" in described
    assert [page.locator(f"#{i}").text_content() for i in described if i != "f-name-hint"] == [message]
    assert page.locator(".field-error").count() == 1  # role, not yet visited, says nothing
    page.fill("#f-name", "An")
    assert page.get_attribute("#f-name", "aria-invalid") is None
    assert page.get_attribute("#f-name", "aria-describedby") == "f-name-hint"
    assert page.locator(".field-error").count() == 0


def test_the_error_summary_links_to_each_field(visit: Visit) -> None:
    page = visit.page
    visit.open()
    fill(page, Typed(role="", rate="87,50"))
    submit(page)
    summary_messages(page)
    assert page.locator("#error-summary li a").all_text_contents() == [
        MESSAGES["number.type"].format(key="rate"),
        MESSAGES["missing"].format(prefix="", name="role"),
    ]
    page.keyboard.press("Tab")  # from the summary (focused) to its first link
    page.keyboard.press("Enter")
    first = page.evaluate("() => document.activeElement.id")
    assert first in ("f-role", "f-rate")
    target = {"f-role": "f-rate", "f-rate": "f-role"}[first]
    page.locator(f'#error-summary a[href="#{target}"]').click()
    assert page.evaluate("() => document.activeElement.id") == target


# ---------------------------------------------------------------------------------------------
# Loading a profile from its page, and saving it unchanged


def test_every_public_profile_loaded_and_saved_unchanged_gives_the_same_record(
    visit: Visit, built: demo.Built, tmp_path: Path
) -> None:
    profiles = audience.select(built.directory, "public").profiles
    saved: dict[str, str] = {}
    for profile in profiles:
        visit.page.goto(visit.origin + URLS.href(URLS.profile(profile.slug)))
        visit.page.get_by_role("link", name="Wijzig dit profiel in het formulier").click()
        visit.page.wait_for_selector("#profile-form[data-ready]", state="attached")
        assert visit.page.locator("#form-loaded").is_visible()
        assert visit.page.input_value("#f-file") == profile.slug
        submit(visit.page)
        saved[profile.slug] = result_file(visit.page)

    files: dict[str, str | bytes] = {f"content/profiles/{slug}.md": text for slug, text in saved.items()}
    for name in DEMO_SETTINGS:
        files[name] = (REPO / name).read_text(encoding="utf-8")
    again = records(write_site(tmp_path, files))
    original = records(REPO)

    def comparable(profile: models.Profile) -> models.Profile:
        # What the file says: its `internal:` block is not in the public form, nor is the photo beside it.
        return dataclasses.replace(profile, internal={}, photo=None)

    assert len(again) == len(profiles) > 30
    for slug, profile in again.items():
        assert comparable(profile) == comparable(original[slug]), slug


def test_a_profile_that_cannot_be_loaded_leaves_an_empty_form(visit: Visit) -> None:
    visit.open("?profiel=bestaat-niet")
    assert visit.page.locator("#form-loaded").text_content() == (
        "Dit profiel kon niet worden geladen. Je kunt het formulier wel leeg invullen."
    )
    assert visit.page.input_value("#f-name") == ""
    visit.console.clear()  # the 404 for the missing file is the point of this test


# ---------------------------------------------------------------------------------------------
# Handing in the file


def test_the_code_host_link_carries_the_file(visit: Visit) -> None:
    repository = config.load_config(REPO)[0]
    assert repository is not None and repository.repository is not None
    base = repository.repository.url.rstrip("/")
    visit.open()
    fill(visit.page, Typed())
    submit(visit.page)
    text = result_file(visit.page)
    href = visit.page.get_attribute("#result-host", "href") or ""
    parts = urlsplit(href)
    assert f"{parts.scheme}://{parts.netloc}{parts.path}" == f"{base}/new/main/content/profiles"
    assert parse_qs(parts.query) == {"filename": ["jose-pepe-alvarez-nunez.md"], "value": [text]}
    assert "Create pull request" in (visit.page.locator("#result-steps").text_content() or "")


def test_an_existing_profile_links_to_its_edit_page(visit: Visit, built: demo.Built) -> None:
    slug = audience.select(built.directory, "public").profiles[0].slug
    visit.open(URLS.profile_form_for(slug).removeprefix(URLS.profile_form()))
    submit(visit.page)
    result_file(visit.page)
    href = visit.page.get_attribute("#result-host", "href")
    assert href == f"https://github.com/example/netwerk-ambtenaren/edit/main/content/profiles/{slug}.md"
    steps = visit.page.locator("#result-steps").text_content() or ""
    assert "kan een bestaand bestand niet vooraf invullen" in steps and "internal:" in steps


def test_download_and_copy_give_the_file(chromium: Browser, origin: str) -> None:
    for visit in _visit(chromium, origin, accept_downloads=True):
        visit.page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=origin)
        visit.open()
        fill(visit.page, Typed())
        submit(visit.page)
        text = result_file(visit.page)
        with visit.page.expect_download() as download:
            visit.page.click("#result-download")
        assert download.value.suggested_filename == "jose-pepe-alvarez-nunez.md"
        assert Path(download.value.path()).read_text(encoding="utf-8") == text
        visit.page.click("#result-copy")
        visit.page.wait_for_function("() => document.getElementById('result-copied').textContent !== ''")
        assert visit.page.locator("#result-copied").text_content() == "De tekst is gekopieerd."
        assert visit.page.evaluate("() => navigator.clipboard.readText()") == text


def test_the_preview_shows_the_card_as_typed(visit: Visit) -> None:
    page = visit.page
    visit.open()
    fill(page, Typed(summary="<b>geen opmaak</b>"))
    assert page.locator("#preview-name").text_content() == Typed().name
    assert page.locator("#preview-meta").text_content() == "Adviseur: wonen #1, Gemeente Tilburg"
    assert page.locator("#preview-summary").text_content() == "<b>geen opmaak</b>"  # text, not markup
    assert page.locator("#preview-summary b").count() == 0
    assert page.locator("#preview-status").text_content() == "Beperkt beschikbaar"
    assert page.locator("#preview-initials").text_content() == images.initials(Typed().name) == "JN"
    page.wait_for_function("() => document.getElementById('preview-live').textContent !== ''")
    assert page.locator("#preview-live").text_content() == (
        f"Voorbeeld: {Typed().name}, Adviseur: wonen #1, Gemeente Tilburg, Beperkt beschikbaar"
    )


# ---------------------------------------------------------------------------------------------
# Accessibility, phones and no JavaScript


@pytest.mark.parametrize("width", [1280, 320])
def test_axe_finds_nothing_with_errors_and_with_the_result(chromium: Browser, origin: str, width: int) -> None:
    for visit in _visit(chromium, origin, viewport={"width": width, "height": 800}):
        page = visit.page
        visit.open()
        fill(page, Typed(name="A", rate="87,50"))
        page.click("#f-experience-add")
        submit(page)
        summary_messages(page)
        options = {"runOnly": {"type": "tag", "values": [*WCAG_TAGS, *EXTRA_TAGS]}, "resultTypes": ["violations"]}
        with_errors = page.evaluate("options => axe.run(document, options)", options)["violations"]
        assert page.evaluate("() => document.scrollingElement.scrollWidth <= innerWidth")
        page.fill("#f-name", "Anna de Vries")
        page.fill("#f-rate", "87.50")
        page.click("#f-experience-list [data-remove]")
        submit(page)
        result_file(page)
        page.locator(".file-preview summary").click()
        with_result = page.evaluate("options => axe.run(document, options)", options)["violations"]
        assert page.evaluate("() => document.scrollingElement.scrollWidth <= innerWidth")
        assert [v["id"] for v in with_errors] == [] and [v["id"] for v in with_result] == [], (with_errors, with_result)


def test_without_javascript_the_page_explains_the_file_route(chromium: Browser, origin: str) -> None:
    for visit in _visit(chromium, origin, java_script_enabled=False):
        visit.page.goto(visit.origin + FORM)
        assert visit.page.locator("#profile-form-app").is_hidden()
        assert visit.page.get_by_role("heading", name="Zonder JavaScript: maak het bestand zelf").is_visible()
        assert visit.page.get_by_role("link", name="Lees de handleiding voor leden").get_attribute("href") == (
            "https://github.com/example/netwerk-ambtenaren/blob/main/docs/leden.md"
        )


def test_an_english_site_without_vocabulary_or_repository(
    chromium: Browser, english: demo.Built, check_files: CheckFiles
) -> None:
    urls = english.urls
    with server.serve(english.out) as address:
        for visit in _visit(chromium, address):
            page = visit.page
            page.goto(address + urls.href(urls.profile("anna-de-vries")))
            page.get_by_role("link", name="Edit this profile in the form").click()
            page.wait_for_selector("#profile-form[data-ready]", state="attached")
            assert page.url == address + urls.href(urls.profile_form_for("anna-de-vries"))
            assert page.get_by_role("heading", level=1).text_content() == "Create or edit your profile"
            assert page.input_value("#f-skills") == "verbindend\nprocesbegeleiding"  # free text, one a line
            page.fill("#f-skills", "verbindend\n  procesbegeleiding  \n\nschaken")
            page.fill("#f-fields", "")
            submit(page)
            assert summary_messages(page) == [form_messages("en")["missing"].format(prefix="", name="fields")]
            page.fill("#f-fields", "Omgevingswet")
            submit(page)
            text = result_file(page)
            assert "skills:\n  - verbindend\n  - procesbegeleiding\n  - schaken\n" in text
            assert page.locator("#result-host").count() == 0  # no repository, no code host
            assert page.locator("#result-steps").text_content() == (
                "Send the file to a coordinator of the network, or add it yourself to the folder content/profiles "
                "of the repository.Does your file have an internal: part? It is not in this form: copy it over "
                "from your old file."
            )
    assert errors_of(check_files({"anna-de-vries.md": text}, {"sitegen.yaml": ENGLISH_SITE})) == []


def test_the_file_name_is_the_slug_of_the_name(visit: Visit) -> None:
    visit.open()
    names = ("José Álvarez", "Ørjan Łukasz-Þórsson", "Ay\u015fe Y\u0131lmaz", "Straße Ærø", "Œuvre d'Đorđe", "  Anna ")
    for name in names:
        visit.page.fill("#f-name", name)
        assert visit.page.input_value("#f-file") == slugify(name), name
