"""Builds of the demo site for the quality tests, and which of its pages stand for each kind."""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from sitegen import audience, build
from sitegen.diagnostics import format_text
from sitegen.directory import Directory
from sitegen.taxonomy import build_taxonomies
from sitegen.urls import TAXONOMIES, Urls

from .browser import Target

# Kinds of page, in the order of the site: every kind is audited in every language and viewport.
KINDS = ("home", "listing", "profile", "assignment", "taxonomy", "term", "page", "not-found", "search", "profile-form")

# The search page shows its results once the index has loaded and the query has run.
SEARCH_READY = "document.querySelector('#search-results > li') !== null"
# The profile form is shown once its script has run (and loaded the profile to edit, if any).
FORM_READY = "document.querySelector('#profile-form[data-ready]') !== null"


@dataclass(frozen=True, slots=True)
class Built:
    out: Path
    directory: Directory
    base_url: str
    language: str

    @property
    def urls(self) -> Urls:
        return Urls(self.base_url, self.language)

    def html_files(self) -> list[Path]:
        return sorted(self.out.rglob("*.html"))


def build_demo(site: Path, out: Path, options: build.Options) -> Built:
    result = build.build_site(site, out, options)
    problems = format_text([d for d in result.check.diagnostics if d.is_error])
    assert result.published is not None and result.check.directory is not None, f"the demo does not build:\n{problems}"
    config = result.check.directory.config
    return Built(out, result.check.directory, config.base_url, config.language)


def copy_in_language(site: Path, target: Path, language: str) -> Path:
    """The demo site (config and content) in a fresh folder, with `language:` changed."""
    target.mkdir(parents=True, exist_ok=True)
    shutil.copytree(site / "content", target / "content")
    themes = site / "themes"
    if themes.is_dir():  # a site's own theme overrides; the default theme comes from the package
        shutil.copytree(themes, target / "themes")
    config = (site / "sitegen.yaml").read_text(encoding="utf-8")
    changed, count = re.subn(r"(?m)^language:.*$", f"language: {language}", config)
    if count == 0:
        changed = config.rstrip("\n") + f"\nlanguage: {language}\n"
    (target / "sitegen.yaml").write_text(changed, encoding="utf-8")
    return target


def targets(built: Built) -> dict[str, list[Target]]:
    """Pages that stand for each kind: every listing, taxonomy and free page, one of each other shape."""
    urls = built.urls
    selection = audience.select(built.directory, "public")
    taxonomies = build_taxonomies(selection, built.directory.organisations)

    def at(kind: str, site_path: str, query: str = "", ready: str = "") -> Target:
        path = urls.href(site_path) + query
        assert (built.out / urls.output_file(site_path)).is_file(), f"{kind}: the build has no {site_path!r}"
        return Target(kind, path, ready)

    with_photo = [p for p in selection.profiles if p.photo]
    without_photo = [p for p in selection.profiles if not p.photo]
    assert with_photo and without_photo, "the demo needs profiles with and without a photo"
    assert selection.open_assignments and selection.closed_assignments, "the demo needs open and closed assignments"
    assert len(selection.profiles) > built.directory.config.page_size, "the demo needs a second page of profiles"
    found: dict[str, list[Target]] = {
        "home": [at("home", urls.home())],
        "listing": [
            at("listing", urls.listing("profiles")),
            at("listing", urls.listing("profiles", 2)),
            at("listing", urls.listing("assignments")),
        ],
        "profile": [
            at("profile", urls.profile(with_photo[0].slug)),
            at("profile", urls.profile(without_photo[0].slug)),
        ],
        "assignment": [
            at("assignment", urls.assignment(selection.open_assignments[0].slug)),
            at("assignment", urls.assignment(selection.closed_assignments[0].slug)),
        ],
        "taxonomy": [at("taxonomy", urls.taxonomy(kind)) for kind in TAXONOMIES],
        # the fullest term of each kind: for organisations, that is an organisation's page
        "term": [
            at("term", urls.term(kind, max(taxonomies[kind], key=lambda g: (g.count, g.slug)).slug))
            for kind in TAXONOMIES
        ],
        "page": [at("page", urls.page(page.slug)) for page in selection.pages],
        "not-found": [at("not-found", urls.not_found())],
    }
    skills = max(taxonomies["skills"], key=lambda g: (g.count, g.slug))
    found["search"] = [
        at("search", urls.search()),
        at("search", urls.search(), "?q=" + quote(skills.label.split()[0]), ready=SEARCH_READY),
    ]
    found["profile-form"] = [
        at("profile-form", urls.profile_form(), ready=FORM_READY),
        at(
            "profile-form",
            urls.profile_form(),
            urls.profile_form_for(with_photo[0].slug).removeprefix(urls.profile_form()),
            ready=FORM_READY,
        ),
    ]
    assert set(found) == set(KINDS)
    return found


def internal_targets(built: Built) -> list[Target]:
    """The internal build's own look: the banner, and the badges on cards and on pages."""
    urls = built.urls
    selection = audience.select(built.directory, "internal")
    profile = next(p for p in selection.profiles if p.visibility == "internal")
    assignment = next(a for a in selection.open_assignments if a.visibility == "internal")
    return [
        Target("home", urls.href(urls.home())),
        Target("listing", urls.href(urls.listing("profiles"))),
        Target("profile", urls.href(urls.profile(profile.slug))),
        Target("assignment", urls.href(urls.assignment(assignment.slug))),
    ]
