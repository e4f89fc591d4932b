"""The code host: `repository` in sitegen.yaml, the web editor's URLs, and the edit links on the pages."""

from __future__ import annotations

import html
import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from conftest import BUILD_DATE, SITEGEN_YAML, VALID_PROFILE, SiteFactory, check, words

from sitegen import build, codehost, diagnostics
from sitegen.codehost import Repository

GITHUB = Repository("https://github.com/netwerk/site", "main", "github")
GITLAB = Repository("https://gitlab.example.org/overheid/netwerken/site", "feature/nieuw profiel", "gitlab")


# ---------------------------------------------------------------------------------------------
# URL forms


def test_the_github_editor_of_an_existing_file() -> None:
    assert (
        codehost.edit_url(GITHUB, "content/profiles/anna-de-vries.md")
        == "https://github.com/netwerk/site/edit/main/content/profiles/anna-de-vries.md"
    )


def test_the_gitlab_editor_encodes_the_branch_and_the_path() -> None:
    """'/' in a branch stays (both hosts resolve it); a space, '#', '?' and 'é' are percent-encoded."""
    assert codehost.edit_url(GITLAB, "content/pages/wat is #1? café.md") == (
        "https://gitlab.example.org/overheid/netwerken/site/-/edit/feature/nieuw%20profiel/"
        "content/pages/wat%20is%20%231%3F%20caf%C3%A9.md"
    )


def test_the_github_new_file_page_with_name_and_text() -> None:
    text = "---\nname: José & Anna\nrate: 95%\n---\n"
    url = codehost.new_file_url(GITHUB, "content/profiles", "jose-alvarez.md", text)
    assert url == (
        "https://github.com/netwerk/site/new/main/content/profiles?filename=jose-alvarez.md"
        "&value=---%0Aname%3A%20Jos%C3%A9%20%26%20Anna%0Arate%3A%2095%25%0A---%0A"
    )
    assert parse_qs(urlsplit(url).query) == {"filename": ["jose-alvarez.md"], "value": [text]}


def test_the_gitlab_new_file_page_names_its_parameters_file_name_and_content() -> None:
    url = codehost.new_file_url(GITLAB, "content/profiles/", "a.md", "x = y\n")
    assert url == (
        "https://gitlab.example.org/overheid/netwerken/site/-/new/feature/nieuw%20profiel/"
        "content/profiles?file_name=a.md&content=x%20%3D%20y%0A"
    )


def test_the_new_file_page_without_a_query() -> None:
    assert (
        codehost.new_file_url(GITHUB, "content/profiles") == "https://github.com/netwerk/site/new/main/content/profiles"
    )


# ---------------------------------------------------------------------------------------------
# repository: in sitegen.yaml


def config_with(make_site: SiteFactory, repository: str) -> build.CheckResult:
    return check(make_site({"sitegen.yaml": SITEGEN_YAML + repository}))


@pytest.mark.parametrize(
    ("repository", "expected"),
    [
        (
            "repository:\n  url: https://github.com/netwerk/site/\n",
            Repository("https://github.com/netwerk/site", "main", "github"),
        ),
        (
            "repository:\n  url: https://gitlab.com/groep/sub/site.git\n  branch: productie\n",
            Repository("https://gitlab.com/groep/sub/site", "productie", "gitlab"),
        ),
        (
            "repository:\n  url: https://code.overheid.nl/netwerk/site\n  host: gitlab\n",
            Repository("https://code.overheid.nl/netwerk/site", "main", "gitlab"),
        ),
    ],
)
def test_the_host_comes_from_the_host_name_or_the_host_key(
    make_site: SiteFactory, repository: str, expected: Repository
) -> None:
    checked = config_with(make_site, repository)
    assert checked.diagnostics == []
    assert checked.directory is not None and checked.directory.config.repository == expected


@pytest.mark.parametrize(
    ("repository", "message", "hint"),
    [
        (
            "repository:\n  url: https://code.overheid.nl/netwerk/site\n",
            "repository.url: sitegen cannot tell whether 'https://code.overheid.nl/netwerk/site' "
            "is on GitHub or on GitLab",
            "add a line 'host: gitlab' (or 'host: github') under 'repository:'",
        ),
        (
            "repository:\n  url: https://github.com/netwerk\n",
            "repository.url: 'https://github.com/netwerk' is not the address of a repository: a GitHub repository "
            "address has two parts after the host: the owner and the repository",
            "copy the address of the repository's front page, for example https://github.com/netwerk/site or "
            "https://gitlab.com/netwerk/site",
        ),
        (
            "repository:\n  url: https://gitlab.com/netwerk/site/-/tree/main\n",
            "repository.url: 'https://gitlab.com/netwerk/site/-/tree/main' is not the address of a repository: "
            "it is the address of a page inside the project",
            "copy the address of the repository's front page, for example https://github.com/netwerk/site or "
            "https://gitlab.com/netwerk/site",
        ),
    ],
)
def test_a_repository_address_that_cannot_work(
    make_site: SiteFactory, repository: str, message: str, hint: str
) -> None:
    checked = config_with(make_site, repository)
    assert checked.diagnostics == [
        diagnostics.error("sitegen.yaml", 4, 3, checked.diagnostics[0].code, words(message), words(hint))
    ]


def test_an_unknown_host_kind(make_site: SiteFactory) -> None:
    checked = config_with(make_site, "repository:\n  url: https://github.com/a/b\n  host: bitbucket\n")
    assert [(d.line, d.message, d.hint) for d in checked.diagnostics] == [
        (5, "repository.host: unknown value 'bitbucket'", "allowed values: github, gitlab")
    ]


# ---------------------------------------------------------------------------------------------
# The links on the pages


def build_with(
    tmp_path: Path, make_site: SiteFactory, repository: str, files: dict[str, str | bytes] | None = None
) -> Path:
    site = make_site(
        {"sitegen.yaml": SITEGEN_YAML + repository, "content/profiles/anna-de-vries.md": VALID_PROFILE, **(files or {})}
    )
    out = tmp_path / "out"
    result = build.build_site(site, out, build.Options(BUILD_DATE, jobs=2))
    assert result.published is not None, result.check.diagnostics
    return out


def links(page: Path) -> list[tuple[str, str]]:
    found = re.findall(r'<a href="([^"]*)"[^>]*>([^<]*)</a>', page.read_text(encoding="utf-8"))
    return [(html.unescape(href), text) for href, text in found if "edit" in href or "/new/" in href]


def test_edit_links_to_github(tmp_path: Path, make_site: SiteFactory) -> None:
    out = build_with(tmp_path, make_site, "repository:\n  url: https://github.com/netwerk/site\n  branch: live\n")
    assert links(out / "profielen/anna-de-vries/index.html") == [
        ("https://github.com/netwerk/site/edit/live/content/profiles/anna-de-vries.md", "Wijzig dit profiel op GitHub")
    ]
    listing = out / "profielen/index.html"
    [(href, text)] = links(listing)
    assert text == "Voeg je profiel toe op GitHub"
    assert href.startswith(
        "https://github.com/netwerk/site/new/live/content/profiles?filename=voornaam-achternaam.md&value="
    )
    skeleton = parse_qs(urlsplit(href).query)["value"][0]
    assert skeleton == (
        "---\n# Vul de waarden in en zet je gebruikersnaam onder maintainers; de controle noemt wat "
        "nog ontbreekt.\nname:\nrole:\norganisation:\nfields:\nskills:\nconsent:\nmaintainers:\n---\n"
    )
    assert (
        'data-new-url="https://github.com/netwerk/site/new/live/content/profiles" '
        'data-new-file-parameter="filename" data-new-content-parameter="value"'
    ) in listing.read_text()


def test_edit_links_to_gitlab_in_english(tmp_path: Path, make_site: SiteFactory) -> None:
    out = build_with(tmp_path, make_site, "language: en\nrepository:\n  url: https://gitlab.com/netwerk/site\n")
    assert links(out / "profiles/anna-de-vries/index.html") == [
        ("https://gitlab.com/netwerk/site/-/edit/main/content/profiles/anna-de-vries.md", "Edit this profile on GitLab")
    ]
    [(href, text)] = links(out / "profiles/index.html")
    assert text == "Add your profile on GitLab"
    assert href.startswith(
        "https://gitlab.com/netwerk/site/-/new/main/content/profiles?file_name=first-last.md&content="
    )


def test_no_edit_links_without_a_repository(tmp_path: Path, make_site: SiteFactory) -> None:
    out = build_with(tmp_path, make_site, "")
    for page in (out / "profielen/anna-de-vries/index.html", out / "profielen/index.html"):
        text = page.read_text(encoding="utf-8")
        # Only the profile form's own link remains: nothing points at a code host.
        assert "data-edit-url" not in text and "data-new-url" not in text and "github" not in text.lower()


CALLER = (
    '{% import "macros.html" as m %}'
    '{% call m.edit_links(profile) %}<li><a href="/formulier/">Wijzig in het formulier</a></li>{% endcall %}'
)


@pytest.mark.parametrize(
    ("repository", "expected"),
    [
        (
            "repository:\n  url: https://github.com/netwerk/site\n",
            '<ul class="edit-links">\n<li><a href="https://github.com/netwerk/site/edit/main/content/profiles/'
            'anna-de-vries.md" data-edit-url="https://github.com/netwerk/site/edit/main/content/profiles/'
            'anna-de-vries.md" '
            'rel="nofollow">Wijzig dit profiel op GitHub</a></li>\n'
            '<li><a href="/formulier/">Wijzig in het formulier</a></li>\n</ul>\n',
        ),
        ("", '<ul class="edit-links">\n<li><a href="/formulier/">Wijzig in het formulier</a></li>\n</ul>\n'),
    ],
)
def test_another_route_adds_its_link_to_the_same_list(
    tmp_path: Path, make_site: SiteFactory, repository: str, expected: str
) -> None:
    """The profile form's link goes beside the editor's, also on a site without a repository."""
    out = build_with(
        tmp_path, make_site, repository + "theme: eigen\n", {"themes/eigen/templates/profile.html": CALLER}
    )
    assert (out / "profielen/anna-de-vries/index.html").read_text(encoding="utf-8") == expected


def test_the_internal_build_has_the_same_edit_links(tmp_path: Path, make_site: SiteFactory) -> None:
    """It is built from the same repository; an internal profile's file is in it too."""
    site = make_site(
        {
            "sitegen.yaml": SITEGEN_YAML + "repository:\n  url: https://github.com/netwerk/site\n",
            "content/profiles/anna-de-vries.md": VALID_PROFILE.replace("consent:", "visibility: internal\nconsent:"),
        }
    )
    out = tmp_path / "intern"
    assert build.build_site(site, out, build.Options(BUILD_DATE, jobs=2, audience="internal")).published
    assert links(out / "profielen/anna-de-vries/index.html") == [
        ("https://github.com/netwerk/site/edit/main/content/profiles/anna-de-vries.md", "Wijzig dit profiel op GitHub")
    ]
