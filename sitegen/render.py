"""Pages from templates: Jinja2 with autoescape on and undefined names as errors.

Templates and themes are trusted; content is not, and reaches templates only as values
(autoescaped) or as HTML that `markup.py` sanitized. Content is never rendered as a template.

`plan` lists every page of the site as a `PageJob` (path, template, values);
`Renderer.render` turns one into an `OutputFile`. Jobs are independent, so the build can spread them over cores.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from . import editlinks, i18n, images, jsonld, matching, models, profile_form
from .audience import Audience, Selection
from .config import SiteConfig
from .hashes import content_hash
from .search import FACET_PARAMETERS, FACETS, NETWORK_FACET
from .taxonomy import Taxonomies, TermGroup, group_key, term_slug
from .urls import TAXONOMIES, Urls
from .write import OutputFile


@dataclass(frozen=True, slots=True)
class SiteContext:
    """Everything the templates may know about the whole site."""

    config: SiteConfig
    audience: Audience
    build_date: dt.date
    selection: Selection
    taxonomies: Taxonomies
    organisations: dict[str, models.Organisation]
    assets: dict[str, str]  # asset name -> hashed file name
    photos: dict[str, str]  # profile slug -> site path of the published photo
    matches: matching.Matches = matching.NO_MATCHES
    vocabulary: models.Vocabulary | None = None  # the profile form offers its terms


@dataclass(frozen=True, slots=True)
class PageJob:
    kind: str  # for the build summary: home, profile, assignment, listing, taxonomy, term, page, 404
    path: str  # site path
    template: str
    values: dict[str, Any] = field(default_factory=dict)
    indexable: bool = True
    # The newest date among the page's sources, for the sitemap; never the build date, which
    # would change every page's entry on every build. None: the page has no dated source.
    lastmod: dt.date | None = None


# ---------------------------------------------------------------------------------------------
# The plan: which pages exist


@dataclass(frozen=True, slots=True)
class Pagination:
    number: int
    count: int
    first_path: str  # site path of page 1; later pages are below it

    def path(self, urls: Urls, number: int) -> str:
        return urls.paginated(self.first_path, number)


def _paginate(items: Sequence[Any], size: int) -> list[Sequence[Any]]:
    return [items[i : i + size] for i in range(0, len(items), size)] or [items]


def plan(site: SiteContext) -> Iterator[PageJob]:
    urls = Urls(site.config.base_url, site.config.language)
    selection = site.selection
    yield PageJob(
        "home", urls.home(), "home.html", lastmod=models.newest((*selection.profiles, *selection.open_assignments))
    )
    for kind, items in (("profiles", selection.profiles), ("assignments", selection.open_assignments)):
        chunks = _paginate(items, site.config.page_size)
        for number, chunk in enumerate(chunks, start=1):
            pagination = Pagination(number, len(chunks), urls.listing(kind))
            yield PageJob(
                "listing",
                urls.listing(kind, number),
                f"{kind}.html",
                {"items": chunk, "pagination": pagination},
                lastmod=models.newest(chunk),
            )
    for profile in selection.profiles:
        yield PageJob(
            "profile", urls.profile(profile.slug), "profile.html", {"profile": profile}, lastmod=profile.modified
        )
    for assignment in selection.open_assignments:
        yield PageJob(
            "assignment",
            urls.assignment(assignment.slug),
            "assignment.html",
            {"assignment": assignment, "closed": False},
            lastmod=assignment.modified,
        )
    for assignment in selection.closed_assignments:
        yield PageJob(
            "assignment",
            urls.assignment(assignment.slug),
            "assignment.html",
            {"assignment": assignment, "closed": True},
            indexable=False,
            lastmod=assignment.modified,
        )
    for kind in TAXONOMIES:
        groups = site.taxonomies[kind]
        listed: list[models.Dated] = [p for g in groups for p in g.profiles]
        listed += [a for g in groups for a in g.assignments]
        yield PageJob(
            "taxonomy",
            urls.taxonomy(kind),
            "taxonomy.html",
            {"kind": kind, "groups": groups},
            lastmod=models.newest(listed),
        )
        for group in groups:
            chunks = _paginate(group.profiles, site.config.page_size)
            for number, chunk in enumerate(chunks, start=1):
                pagination = Pagination(number, len(chunks), urls.term(kind, group.slug))
                shown = (*chunk, *group.assignments) if number == 1 else chunk  # page 1 lists the assignments
                yield PageJob(
                    "term",
                    urls.term(kind, group.slug, number),
                    "term.html",
                    {"group": group, "items": chunk, "pagination": pagination},
                    lastmod=models.newest(shown),
                )
    for page in selection.pages:
        yield PageJob("page", urls.page(page.slug), "page.html", {"page": page})
    regions = (group.label for group in site.taxonomies["regions"])
    form = profile_form.page_data(site.config, site.organisations, site.vocabulary, regions, urls)
    yield PageJob(
        "profile-form",
        urls.profile_form(),
        "profile-form.html",
        {"form": form, "form_json": profile_form.script_json(form)},
    )
    yield PageJob("404", urls.not_found(), "404.html", indexable=False)


def search_job(urls: Urls, search_files: dict[str, str]) -> PageJob:
    """The search page, rendered last: it names the search files, whose names hash their content."""
    return PageJob("search", urls.search(), "search.html", {"search_files": search_files})


# ---------------------------------------------------------------------------------------------
# Rendering one page


class CompiledTemplates(jinja2.BytecodeCache):
    """Compiled templates, kept in memory from one build to the next in the same process (the preview's).

    Compiling the default theme takes longer than rendering the demo's pages with it. Jinja keys
    each entry by the template's name and file and drops it when a checksum of the source no
    longer matches, so an edited template is always compiled again. Only trusted theme code is
    kept: every page is still rendered from the current content, every build.
    """

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = self._code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()


class Renderer:
    def __init__(
        self, site: SiteContext, theme_dirs: tuple[Path, ...], compiled: CompiledTemplates | None = None
    ) -> None:
        self.site = site
        self.urls = Urls(site.config.base_url, site.config.language)
        self.env = self._environment(theme_dirs, compiled)

    def precompile(self) -> None:
        """Compile the theme's templates here, once, rather than in every worker that forks from here.

        A template that does not compile is skipped: a page that uses it reports it, as before.
        """
        for name in self.env.list_templates(extensions=("html", "xml")):
            with contextlib.suppress(jinja2.TemplateError):
                self.env.get_template(name)

    def _environment(self, theme_dirs: tuple[Path, ...], compiled: CompiledTemplates | None) -> jinja2.Environment:
        env = jinja2.Environment(
            loader=jinja2.FileSystemLoader([str(folder / "templates") for folder in theme_dirs]),
            autoescape=True,
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            bytecode_cache=compiled,
        )
        site, urls, language = self.site, self.urls, self.site.config.language
        # A value only closed assignments carry has no page: its links become plain text.
        term_pages = {(kind, group.slug) for kind, groups in site.taxonomies.items() for group in groups}
        env.globals.update(
            site=site.config,
            audience=site.audience,
            internal=site.audience == "internal",
            build_date=site.build_date,
            selection=site.selection,
            taxonomies=site.taxonomies,
            taxonomy_kinds=TAXONOMIES,
            organisations=site.organisations,
            urls=urls,
            language=language,
            url=urls.href,
            asset=lambda name: urls.href(urls.asset(site.assets[name])),
            t=lambda key, **values: i18n.text(language, key, **values),
            language_name=lambda code: i18n.language_name(code, language),
            count=lambda key, number: i18n.count(language, key, number),
            profile_form_url=lambda slug: urls.href(urls.profile_form_for(slug)),
            term_url=lambda kind, value: (
                urls.href(urls.term(kind, term_slug(group_key(value))))
                if (kind, term_slug(group_key(value))) in term_pages
                else ""
            ),
            photo_url=lambda slug: urls.href(site.photos[slug]) if slug in site.photos else "",
            matches=site.matches,
            match_reasons=lambda suggestion: matching.explain(suggestion.reasons, language),
            selection_profile={p.slug: p for p in site.selection.profiles}.get,
            initials=images.initials,
            search_facets=[
                (facet, FACET_PARAMETERS[language][facet])
                for facet in ((*FACETS, NETWORK_FACET) if site.config.networks else FACETS)
            ],
            placeholder_colour=images.placeholder_colour,
            days_until=lambda day: (day - site.build_date).days,
            paged=lambda pagination, number: pagination.path(urls, number),
            newest_assignments=sorted(site.selection.open_assignments, key=lambda a: (a.posted, a.slug), reverse=True)[
                :5
            ],
            newest_profiles=sorted(site.selection.profiles, key=lambda p: (p.consent, p.slug), reverse=True)[:6],
            menu_pages=sorted((p for p in site.selection.pages if p.menu is not None), key=lambda p: (p.menu, p.slug)),
            **editlinks.template_globals(site.config),
            structured_data=jsonld.StructuredData(site.config, site.organisations, site.photos),
            json_ld=jsonld.script,
        )
        env.filters.update(
            long_date=lambda day: i18n.long_date(day, language) if isinstance(day, dt.date) else "",
            number=lambda value: i18n.number(value, language),
            safe_html=Markup,  # only for HTML that markup.py sanitized
            tel=_tel_uri,
            host=lambda url: re.sub(r"^https?://(www\.)?", "", url).rstrip("/"),
            outline=_outline,
        )
        return env

    def render(self, job: PageJob) -> OutputFile:
        """The page. What a template raises propagates, noted with the page it was rendering;
        `build._failure` says whose fault it was (`workers.Crashed.of`)."""
        try:
            return self._render(job)
        except Exception as exc:
            exc.add_note(f"while rendering /{job.path}")
            raise

    def _render(self, job: PageJob) -> OutputFile:
        template = self.env.get_template(job.template)
        html = template.render(
            canonical=self.urls.absolute(job.path),
            page_path=job.path,
            indexable=job.indexable and self.site.audience == "public",
            **job.values,
        )
        return OutputFile(self.urls.output_file(job.path), html.encode("utf-8"), job.kind)


# A whole tag of sanitized HTML: the serializer double-quotes every attribute value and escapes
# '<' in text, so a '<' outside quotes always starts a tag and a heading inside a value is no tag.
_TAG = re.compile(r'<(/?)([a-zA-Z][a-zA-Z0-9]*)((?:[^>"]|"[^"]*")*)>')


def _outline(html: str, top: int) -> str:
    """Renumber the headings of a sanitized body so they start at `top` and never skip a level.

    Only the template knows where a body sits in the page (right below the h1, or in a section
    with its own h2); the author's levels only say which heading belongs under which. WCAG
    1.3.1 (and the Nu checker) want no skipped levels, so `##` then `####` becomes h2, h3.
    """
    enclosing: list[tuple[int, int]] = []  # (author's level, new level) of the open outline
    level = top

    def renumber(match: re.Match[str]) -> str:
        nonlocal level
        closing, name, rest = match.groups()
        if len(name) != 2 or name[0] not in "hH" or name[1] not in "123456":
            return match[0]
        if not closing:
            authored = int(name[1])
            while enclosing and enclosing[-1][0] >= authored:
                enclosing.pop()
            level = min(enclosing[-1][1] + 1 if enclosing else top, 6)
            enclosing.append((authored, level))
        return f"<{closing}h{level}{rest}>"

    return _TAG.sub(renumber, html)


def _tel_uri(phone: str) -> str:
    digits = re.sub(r"[^0-9+]", "", phone)
    return "tel:" + digits


# ---------------------------------------------------------------------------------------------
# Assets: the theme's static files under content-hashed names


def hashed_assets(files: dict[str, bytes]) -> tuple[dict[str, str], list[OutputFile]]:
    """'style.css' -> 'style.3f2a9c1b.css' and the files to write."""
    names: dict[str, str] = {}
    outputs: list[OutputFile] = []
    for name in sorted(files):
        digest = content_hash(files[name])
        stem, dot, extension = name.rpartition(".")
        hashed = f"{stem}.{digest}.{extension}" if dot else f"{name}.{digest}"
        names[name] = hashed
        outputs.append(OutputFile(f"assets/{hashed}", files[name], "asset"))
    return names, outputs


__all__ = ["PageJob", "Renderer", "SiteContext", "TermGroup", "hashed_assets", "plan"]
