"""`sitegen init` and `sitegen new`: a new site that checks and builds at once, files never replaced."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from conftest import REPO, SiteFactory, write_site
from hypothesis import given
from hypothesis import strategies as st

from sitegen import cli, config, scaffold, yamlstrict
from sitegen.urls import SECTIONS


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """The new site is dated as of today, and checked as of today: no build date may leak in."""
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)


# What check says of an empty required key, in the site's language.
NO_VALUE = {"nl": "de verplichte sleutel '{key}' heeft geen waarde", "en": "the required key '{key}' has no value"}
NOTHING_WRONG = {
    "nl": "{} bestanden gecontroleerd: 0 fouten in 0 bestanden, 0 waarschuwingen",
    "en": "{} files checked: 0 errors in 0 files, 0 warnings",
}


def run(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    status = cli.main(list(args), stdout=out, stderr=err)
    return status, out.getvalue(), err.getvalue()


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


EXPECTED_FILES = {
    "nl": [
        ".github/dependabot.yml",
        ".github/workflows/check.yml",
        ".github/workflows/pages.yml",
        ".gitignore",
        ".gitlab-ci.yml",
        "CONTRIBUTING.md",
        "README.md",
        "content/assignments/voorbeeldklus-procesbegeleider-omgevingsvisie.md",
        "content/organisations.yaml",
        "content/pages/over.md",
        "content/pages/privacy.md",
        "content/pages/toegankelijkheid.md",
        "content/profiles/sanne-voorbeeld.md",
        "content/vocabulary.yaml",
        "requirements.txt",
        "sitegen.yaml",
    ],
    "en": [
        ".github/dependabot.yml",
        ".github/workflows/check.yml",
        ".github/workflows/pages.yml",
        ".gitignore",
        ".gitlab-ci.yml",
        "CONTRIBUTING.md",
        "README.md",
        "content/assignments/example-facilitator-environmental-vision.md",
        "content/organisations.yaml",
        "content/pages/about.md",
        "content/pages/accessibility.md",
        "content/pages/privacy.md",
        "content/profiles/alex-example.md",
        "content/vocabulary.yaml",
        "requirements.txt",
        "sitegen.yaml",
    ],
}

FILLED_IN = {
    "nl": {
        "role:": "role: Adviseur participatie",
        "organisation:": "organisation: gemeente-voorbeeldstad",
        "fields:": "fields: [Participatie]",
        "skills:": "skills: [verbinden]",
        "consent:": "consent: {today}",
    },
    "en": {
        "role:": "role: Participation adviser",
        "organisation:": "organisation: city-of-example",
        "fields:": "fields: [participation]",
        "skills:": "skills: [Networking]",
        "consent:": "consent: {today}",
    },
}


def fill_in(path: Path, values: dict[str, str], today: str) -> None:
    """Replace each empty required key's line (its comment included), as a member would."""
    lines = path.read_text(encoding="utf-8").splitlines()
    for number, line in enumerate(lines):
        key = line.split("  #", 1)[0].strip()
        if key in values:
            lines[number] = values[key].format(today=today)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


# ---------------------------------------------------------------------------------------------
# The end-to-end route: init, new profile, fill in, check, build


@pytest.mark.parametrize("language", ["nl", "en"])
def test_init_new_profile_check_build(tmp_path: Path, language: str) -> None:
    site = tmp_path / "netwerk"
    status, out, err = run(
        "init", str(site), "--language", language, "--title", "Netwerk: West", "--base-url", "https://example.org/west"
    )
    assert status == 0, err
    assert out.splitlines() == [f"{site.as_posix()}/{name}" for name in EXPECTED_FILES[language]]
    assert f"sitegen: created the site in {site.as_posix()}: 16 files\n" in err
    # The members' guide, where GitHub links it when a member opens a pull request.
    assert (site / "CONTRIBUTING.md").read_bytes() == (REPO / "docs/leden.md").read_bytes()
    settings, problems = config.load_config(site)
    assert problems == [] and settings is not None
    assert (settings.title, settings.language, settings.base_url) == (
        "Netwerk: West",
        language,
        "https://example.org/west/",
    )

    # The new site passes the strict check at once, as of today.
    assert run("check", str(site), "--strict") == (0, "", f"sitegen: {NOTHING_WRONG[language].format(8)}\n")

    status, out, err = run("new", "profile", "José Álvarez", "--site", str(site))
    assert status == 0, err
    assert out == f"{site.as_posix()}/content/profiles/jose-alvarez.md\n"
    assert "then run 'sitegen check " in err
    profile = site / "content/profiles/jose-alvarez.md"
    assert "name: José Álvarez  #" in profile.read_text(encoding="utf-8")

    status, out, _ = run("check", str(site), "--format", "json")
    assert status == 1
    assert [(d["path"], d["severity"], d["message"]) for d in json.loads(out)] == [
        ("content/profiles/jose-alvarez.md", "error", NO_VALUE[language].format(key=key))
        for key in ("role", "organisation", "fields", "skills", "consent")
    ]

    today = (
        (
            site / "content/profiles/sanne-voorbeeld.md"
            if language == "nl"
            else site / "content/profiles/alex-example.md"
        )
        .read_text(encoding="utf-8")
        .split("consent: ")[1][:10]
    )
    fill_in(profile, FILLED_IN[language], today)
    assert run("check", str(site), "--strict") == (0, "", f"sitegen: {NOTHING_WRONG[language].format(9)}\n")

    status, _, err = run("build", str(site), "--strict")
    assert status == 0, err
    page = site / "output" / SECTIONS[language]["profiles"] / "jose-alvarez" / "index.html"
    html = page.read_text(encoding="utf-8")
    assert "José Álvarez" in html
    assert ("Adviseur participatie" if language == "nl" else "Participation adviser") in html
    # The example assignment is open today: it is on the listing, not closed.
    listing = (site / "output" / SECTIONS[language]["assignments"] / "index.html").read_text(encoding="utf-8")
    assert "voorbeeldklus-procesbegeleider-omgevingsvisie" in listing or "example-facilitator" in listing


def test_the_free_pages_are_built_without_their_explanations(tmp_path: Path) -> None:
    site = tmp_path / "site"
    assert run("init", str(site))[0] == 0
    assert run("build", str(site))[0] == 0
    for slug in ("over", "toegankelijkheid", "privacy"):
        html = (site / "output" / slug / "index.html").read_text(encoding="utf-8")
        assert "[INVULLEN" in html  # visible on the site until the coordinator completes them
        assert "<!--" not in html and "verwijder daarna deze uitleg" not in html
    statement = " ".join((site / "content/pages/toegankelijkheid.md").read_text(encoding="utf-8").split())
    for point in (
        "(WCAG) 2.1, niveau AA",
        "## Nalevingsstatus",
        "## Onderzoek",
        "## Loopt u tegen een probleem aan?",
        "ondertekend door [INVULLEN",
    ):
        assert point in statement
    privacy = " ".join((site / "content/pages/privacy.md").read_text(encoding="utf-8").split())
    for point in (
        "Verwerkingsverantwoordelijke is [INVULLEN",
        "## Waarvoor wij de gegevens gebruiken",
        "artikel 6, lid 1, onder a, AVG",
        "## Welke gegevens",
        "## Hoe lang wij de gegevens bewaren",
        "## Wie de gegevens ontvangen",
        "## Uw rechten",
        "## Toestemming intrekken en verwijderen",
        "eerstvolgende keer dat de site wordt gebouwd",
        "Autoriteit Persoonsgegevens",
    ):
        assert point in privacy


def test_init_fills_in_the_repository(tmp_path: Path) -> None:
    site = tmp_path / "site"
    assert (
        run(
            "init",
            str(site),
            "--repository",
            "https://github.com/netwerk/site",
            "--requirement",
            "sitegen @ git+https://example.org/sitegen.git@v0.1.0",
        )[0]
        == 0
    )
    settings, problems = config.load_config(site)
    assert problems == [] and settings is not None and settings.repository is not None
    assert settings.repository.url == "https://github.com/netwerk/site"
    assert (site / "requirements.txt").read_text(encoding="utf-8").splitlines()[-1] == (
        "sitegen @ git+https://example.org/sitegen.git@v0.1.0"
    )


def test_every_setting_is_in_the_commented_sitegen_yaml() -> None:
    """A key added to config.CONFIG must be explained in the starter's sitegen.yaml too."""
    for language in ("nl", "en"):
        text = scaffold._load_template(f"site-{language}/sitegen.yaml.j2")
        keys = {line.lstrip("# ").split(":", 1)[0] for line in text.splitlines() if ":" in line}
        missing = [key.name for key in config.CONFIG if key.name not in keys]
        assert missing == [], f"site-{language}/sitegen.yaml.j2 does not explain {missing}"


# ---------------------------------------------------------------------------------------------
# init refuses to mix with what is there


def test_init_refuses_a_folder_that_is_not_empty(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "notes.txt").write_text("mine\n", encoding="utf-8")
    assert run("init", str(site)) == (
        2,
        "",
        (
            f"sitegen: error: the folder '{site}' is not empty\n"
            "  hint: choose a new folder, or add --force to add the missing files (existing files are never replaced)\n"
        ),
    )
    assert snapshot(site) == {"notes.txt": b"mine\n"}


def test_init_with_force_keeps_every_existing_file(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "content").mkdir(parents=True)
    (site / "README.md").write_text("# Our own readme\n", encoding="utf-8")
    (site / "content/organisations.yaml").write_text(
        "gemeente-x:\n  name: Gemeente X\n  type: gemeente\n", encoding="utf-8"
    )
    status, out, err = run("init", str(site), "--force")
    assert status == 0
    assert f"{site.as_posix()}/README.md" not in out.splitlines()
    assert f"sitegen: kept the existing {site.as_posix()}/README.md\n" in err
    assert f"sitegen: kept the existing {site.as_posix()}/content/organisations.yaml\n" in err
    assert f"created the site in {site.as_posix()}: 14 files, 2 existing files kept\n" in err
    assert (site / "README.md").read_text(encoding="utf-8") == "# Our own readme\n"
    assert (site / "sitegen.yaml").is_file()


def test_init_with_force_names_a_file_in_the_way_of_a_folder(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "content").write_text("", encoding="utf-8")
    status, _, err = run("init", str(site), "--force")
    assert status == 2
    assert err == (
        f"sitegen: error: cannot create {site.as_posix()}/content/assignments/"
        "voorbeeldklus-procesbegeleider-omgevingsvisie.md: Not a directory\n"
    )
    assert (site / "content").read_text(encoding="utf-8") == ""


def test_init_accepts_a_fresh_clone(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / ".git").mkdir(parents=True)
    assert run("init", str(site))[0] == 0
    assert (site / "sitegen.yaml").is_file()


@pytest.mark.parametrize(
    ("option", "value", "message"),
    [
        (
            "--base-url",
            "http://example.org/",
            "--base-url: 'http://example.org/' is not an https URL (or http://localhost)",
        ),
        ("--title", "", "--title: '' is not a title of 1 to 120 printable characters"),
        ("--repository", "github.com/x/y", "--repository: 'github.com/x/y' is not an https URL"),
    ],
)
def test_init_refuses_values_the_site_would_refuse(tmp_path: Path, option: str, value: str, message: str) -> None:
    status, _, err = run("init", str(tmp_path / "site"), option, value)
    assert status == 2
    assert err.splitlines()[0] == f"sitegen: error: {message}"
    assert not (tmp_path / "site").exists()


# ---------------------------------------------------------------------------------------------
# new


def test_new_never_overwrites(make_site: SiteFactory) -> None:
    site = make_site({"content/profiles/jose-alvarez.md": "mine\n"})
    assert run("new", "profile", "José Álvarez", "--site", str(site)) == (
        2,
        "",
        (
            "sitegen: error: content/profiles/jose-alvarez.md already exists; it was left unchanged\n"
            "  hint: edit that file, or give another name if this is someone else\n"
        ),
    )
    assert (site / "content/profiles/jose-alvarez.md").read_text(encoding="utf-8") == "mine\n"


def test_new_assignment_names_each_required_value(make_site: SiteFactory) -> None:
    site = make_site({})
    status, out, _ = run("new", "assignment", "Kwartiermaker: woningbouw Oss", "--site", str(site))
    assert (status, out) == (0, f"{site.as_posix()}/content/assignments/kwartiermaker-woningbouw-oss.md\n")
    text = (site / "content/assignments/kwartiermaker-woningbouw-oss.md").read_text(encoding="utf-8")
    assert 'title: "Kwartiermaker: woningbouw Oss"  #' in text
    assert "gemeente-tilburg, waterschap-de-dommel" in text  # the site's organisations, to choose from
    status, out, _ = run("check", str(site), "--format", "json")
    assert [d["message"] for d in json.loads(out)] == [
        NO_VALUE["nl"].format(key=key) for key in ("organisation", "fields", "skills", "posted", "deadline")
    ]


def test_new_profile_lists_its_author_as_maintainer(make_site: SiteFactory) -> None:
    site = make_site({})
    assert run("new", "profile", "Ann Lee", "--site", str(site), "--maintainer", "annlee-tlb")[0] == 0
    text = (site / "content/profiles/ann-lee.md").read_text(encoding="utf-8")
    assert "\n  - annlee-tlb\n" in text
    status, out, _ = run("check", str(site), "--format", "json")
    assert status == 1
    assert [d["message"] for d in json.loads(out)] == [
        NO_VALUE["nl"].format(key=key) for key in ("role", "organisation", "fields", "skills", "consent")
    ]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["profile", "Ann Lee", "--maintainer", "@annlee"],
            "--maintainer: write the user name without '@'\n  hint: write annlee",
        ),
        (["profile", "Ann Lee", "--maintainer", "ann lee"], "--maintainer: 'ann lee' is not a code-host user name"),
        (["assignment", "Een klus", "--maintainer", "annlee"], "--maintainer: only a profile has maintainers"),
    ],
)
def test_new_refuses_a_maintainer_a_profile_would_refuse(make_site: SiteFactory, args: list[str], message: str) -> None:
    site = make_site({})
    assert run("new", *args, "--site", str(site)) == (2, "", f"sitegen: error: {message}\n")
    assert list((site / "content/profiles").iterdir()) == list((site / "content/assignments").iterdir()) == []


def test_new_speaks_the_site_language(tmp_path: Path) -> None:
    site = write_site(tmp_path / "site", {"sitegen.yaml": "title: T\nbase_url: https://example.org/\nlanguage: en\n"})
    assert run("new", "profile", "Ann Lee", "--site", str(site))[0] == 0
    text = (site / "content/profiles/ann-lee.md").read_text(encoding="utf-8")
    assert "role:  # required: your current job title" in text
    assert "verplicht" not in text


def test_new_outside_a_site(tmp_path: Path) -> None:
    assert run("new", "profile", "Ann Lee", "--site", str(tmp_path)) == (
        2,
        "",
        (
            f"sitegen: error: '{tmp_path}' is not a site folder: it has no sitegen.yaml\n"
            "  hint: run this in the site's folder, or give it with --site DIR\n"
        ),
    )


def test_new_needs_a_name_that_makes_a_file_name(make_site: SiteFactory) -> None:
    site = make_site({})
    assert run("new", "profile", "李小龍", "--site", str(site)) == (
        2,
        "",
        (
            "sitegen: error: no file name can be made from '李小龍'\n"
            "  hint: use at least one letter or digit from a to z\n"
        ),
    )


@given(st.text(st.characters(codec="utf-8", exclude_categories=("Cc", "Cs")), min_size=1, max_size=40))
def test_yaml_scalar_reads_back_as_the_same_text(text: str) -> None:
    document = yamlstrict.load(f"key: {scaffold.yaml_scalar(text)}\n", 1, "the file")
    node = document.entries[0].value
    assert isinstance(node, yamlstrict.Scalar)
    assert (node.value if isinstance(node.value, str) else node.source) == text


@pytest.mark.parametrize(
    ("direct_url", "expected"),
    [
        (
            json.dumps({"url": "https://github.com/org/sitegen", "vcs_info": {"vcs": "git", "commit_id": "a" * 40}}),
            f"sitegen @ git+https://github.com/org/sitegen@{'a' * 40}",
        ),
        (json.dumps({"url": "file:///work/sitegen", "dir_info": {"editable": True}}), None),
        (json.dumps({"url": "ssh://git@host/x", "vcs_info": {"vcs": "git", "commit_id": "a" * 40}}), None),
        ("not json", None),
        (None, None),
    ],
)
def test_requirement_from_the_installed_sitegen(direct_url: str | None, expected: str | None) -> None:
    assert scaffold.requirement_from_direct_url(direct_url) == expected


# ---------------------------------------------------------------------------------------------
# The wheel: `init` works wherever sitegen is installed only if the templates travel with it


def test_the_wheel_carries_every_starter_template_and_the_default_theme(tmp_path: Path) -> None:
    import zipfile

    from hatchling.builders.wheel import WheelBuilder

    (wheel,) = WheelBuilder(str(REPO)).build(directory=str(tmp_path), versions=["standard"])
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        guide = archive.read("sitegen/starter/site/CONTRIBUTING.md")
    starter = REPO / "sitegen/starter"
    templates = {
        f"sitegen/{path.relative_to(REPO / 'sitegen').as_posix()}" for path in starter.rglob("*") if path.is_file()
    }
    assert len(templates) > 25 and templates <= names
    assert "sitegen/themes/default/templates/base.html" in names
    # The members' guide is a link in the source tree and the file itself in the wheel.
    assert guide == (REPO / "docs/leden.md").read_bytes()
