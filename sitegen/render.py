"""Pages from templates: Jinja2 with autoescape on and undefined names as errors.

Templates and themes are trusted; content is not, and reaches templates only as values
(autoescaped) or as HTML that `markup.py` sanitized. Content is never rendered as a template.

`plan` lists every page of the site as a `PageJob` (path, template, values);
`Renderer.render` turns one into an `OutputFile`. Jobs are independent, so the build can spread them over cores.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2
import jinja2.defaults
import jinja2.meta
import jinja2.nodes
from markupsafe import Markup

from . import carry, editlinks, i18n, images, jsonld, matching, models, profile_form
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

TRACED = object()  # a global whose calls a page's key lists (`Renderer._declared`)
_JINJA_GLOBALS = frozenset(jinja2.defaults.DEFAULT_NAMESPACE)  # range, dict, namespace...: pure


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
        self.digests = carry.Digests()
        self.tracer = carry.Tracer(self.digests)
        self.theme_dirs = theme_dirs
        self.env = self._environment(theme_dirs, compiled)
        self._names_read: dict[str, frozenset[str] | None] = {}
        self._global_digests: dict[str, bytes | None] = {}
        self.salt: bytes | None = None  # set by prepare_keys: pages get keys (carry.py)

    def prepare_keys(self) -> None:
        """Hash what every page key needs once, here, before the workers fork: the records and
        term groups that stand for themselves inside larger values, the theme, and the globals."""
        selection = self.site.selection
        self.digests.register(
            [
                *selection.profiles,
                *selection.open_assignments,
                *selection.closed_assignments,
                *selection.pages,
                *selection.imported_profiles,
                *selection.imported_assignments,
            ]
        )
        self.digests.register(group for groups in self.site.taxonomies.values() for group in groups)
        self.salt = carry.key_of(carry.code_salt(), _theme_digest(self.theme_dirs))
        for name in self.env.list_templates(extensions=("html", "xml")):
            for read in self._template_names(name) or ():
                self._global_digest(read)

    def page_key(self, job: PageJob) -> bytes | None:
        """What the page's bytes are a function of, besides its traced calls; None: made again
        every build (a template whose names cannot be listed, a value with no digest)."""
        assert self.salt is not None, "prepare_keys first"
        names = self._template_names(job.template)
        values = self.digests.of({name: _keyed(value) for name, value in job.values.items()})
        if names is None or values is None:
            return None
        parts: list[bytes | str | int | bool | None] = [self.salt, job.kind, job.path, job.template, job.indexable]
        parts += [self.site.audience, self.site.config.base_url, values]
        for name in sorted(names):
            declared = self.declared.get(name)
            if name in job.values or (declared is None and name in _JINJA_GLOBALS):
                continue  # the page's own values, in the key above; Jinja's range, dict...
            if declared is None:
                if name in self.env.globals:
                    return None  # a global nobody declared: what it depends on is unknown
                continue  # a name a template sets for the one it includes, or undefined (an error)
            if declared[1] is TRACED:
                continue
            digest = self._global_digest(name)
            if digest is None:
                return None
            parts += [name, digest]
        return carry.key_of(*parts)

    def _global_digest(self, name: str) -> bytes | None:
        if name not in self._global_digests:
            declared = self.declared.get(name)
            self._global_digests[name] = (
                None if declared is None or declared[1] is TRACED else self.digests.of(declared[1])
            )
        return self._global_digests[name]

    def _template_names(self, name: str) -> frozenset[str] | None:
        """The names a template and every template it extends, includes or imports read;
        None when one of them is named by an expression (then any template could be read)."""
        if name not in self._names_read:
            self._names_read[name] = None  # a cycle of includes reads what is found so far
            loader = self.env.loader
            assert loader is not None
            try:
                source, filename, _ = loader.get_source(self.env, name)
                tree = self.env.parse(source, name, filename)
            except jinja2.TemplateError:
                return None  # rendering reports it
            # Every name loaded anywhere, locals too: more than the free names, never fewer.
            names = {node.name for node in tree.find_all(jinja2.nodes.Name) if node.ctx == "load"}
            for referenced in jinja2.meta.find_referenced_templates(tree):
                more = None if referenced is None else self._template_names(referenced)
                if more is None:
                    return None
                names |= more
            self._names_read[name] = frozenset(names)
        return self._names_read[name]

    def render_traced(self, job: PageJob) -> tuple[OutputFile, dict[carry.Call, bytes] | None]:
        """The page, and the traced calls it made (None: untraceable)."""
        with self.tracer.page() as calls:
            page = self.render(job)
        return page, calls()

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
        self.declared = self._declared()
        env.globals.update({name: exposed for name, (exposed, _) in self.declared.items()})
        language = self.site.config.language
        env.filters.update(
            long_date=lambda day: i18n.long_date(day, language) if isinstance(day, dt.date) else "",
            number=lambda value: i18n.number(value, language),
            safe_html=Markup,  # only for HTML that markup.py sanitized
            tel=_tel_uri,
            host=lambda url: re.sub(r"^https?://(www\.)?", "", url).rstrip("/"),
            outline=_outline,
        )
        return env

    def _declared(self) -> dict[str, tuple[Any, Any]]:
        """Every global of the templates, and what its answers are a function of: a value that a
        page's key covers (hashed once per build, `carry.Digests`), or TRACED for a global that
        is the whole directory read one slice a page, whose calls the page's key lists instead.
        Each global must be declared here: a page reading an undeclared one is never carried over
        (`page_key`), so a forgotten dependency costs time, never a stale page."""
        site, urls, language, tracer = self.site, self.urls, self.site.config.language, self.tracer
        address = (site.config.base_url, language)  # what every URL is a function of
        # A value only closed assignments carry has no page: its links become plain text.
        term_pages = {(kind, group.slug) for kind, groups in site.taxonomies.items() for group in groups}
        photos = tracer.traced_mapping("photos", site.photos)
        profiles = {p.slug: p for p in site.selection.profiles}
        pure = None  # a function of its arguments alone: the code's salt covers it
        search_facets = [
            (facet, FACET_PARAMETERS[language][facet])
            for facet in ((*FACETS, NETWORK_FACET) if site.config.networks else FACETS)
        ]
        selection = site.selection
        newest_assignments = sorted(selection.open_assignments, key=lambda a: (a.posted, a.slug), reverse=True)[:5]
        newest_profiles = sorted(selection.profiles, key=lambda p: (p.consent, p.slug), reverse=True)[:6]
        menu_pages = sorted((p for p in selection.pages if p.menu is not None), key=lambda p: (p.menu, p.slug))
        counts = {"profiles": len(selection.profiles), "assignments": len(selection.open_assignments)}
        counts.update((kind, len(groups)) for kind, groups in site.taxonomies.items())
        declared: dict[str, tuple[Any, Any]] = {
            "site": (site.config, site.config),
            "audience": (site.audience, site.audience),
            "internal": (site.audience == "internal", site.audience),
            "build_date": (site.build_date, site.build_date),
            # Whole: a template reading these depends on every record (themes.md says to prefer `counts`).
            "selection": (site.selection, site.selection),
            "taxonomies": (site.taxonomies, site.taxonomies),
            # How many profiles, open assignments and terms of each kind there are: what a
            # listing says of the whole directory, without reading all of it.
            "counts": (counts, counts),
            "taxonomy_kinds": (TAXONOMIES, TAXONOMIES),
            "organisations": (site.organisations, site.organisations),
            "urls": (urls, address),
            "language": (language, language),
            "url": (urls.href, address),
            "asset": (lambda name: urls.href(urls.asset(site.assets[name])), (address, site.assets)),
            "t": (lambda key, **values: i18n.text(language, key, **values), language),
            "language_name": (lambda code: i18n.language_name(code, language), language),
            "count": (lambda key, number: i18n.count(language, key, number), language),
            "profile_form_url": (lambda slug: urls.href(urls.profile_form_for(slug)), address),
            "term_url": (
                tracer.traced(
                    "term_url",
                    lambda kind, value: (
                        urls.href(urls.term(kind, term_slug(group_key(value))))
                        if (kind, term_slug(group_key(value))) in term_pages
                        else ""
                    ),
                ),
                TRACED,
            ),
            "photo_url": (
                tracer.traced("photo_url", lambda slug: urls.href(photos[slug]) if slug in photos else ""),
                TRACED,
            ),
            "matches": (tracer.traced_object("matches", site.matches, ("profiles_for", "assignments_for")), TRACED),
            "match_reasons": (lambda suggestion: matching.explain(suggestion.reasons, language), language),
            "selection_profile": (tracer.traced("selection_profile", profiles.get), TRACED),
            "initials": (images.initials, pure),
            "search_facets": (search_facets, search_facets),
            "placeholder_colour": (images.placeholder_colour, pure),
            "days_until": (lambda day: (day - site.build_date).days, site.build_date),
            "paged": (lambda pagination, number: pagination.path(urls, number), address),
            "newest_assignments": (newest_assignments, newest_assignments),
            "newest_profiles": (newest_profiles, newest_profiles),
            "menu_pages": (menu_pages, menu_pages),
            # Its photos are traced; the rest of what it knows is the settings and organisations.
            "structured_data": (
                jsonld.StructuredData(site.config, site.organisations, photos),
                (site.config, site.organisations),
            ),
            "json_ld": (jsonld.script, pure),
        }
        for name, value in editlinks.template_globals(site.config).items():
            declared[name] = (value, site.config)  # the repository's settings
        return declared

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
            **{name: _shown(value, self.tracer) for name, value in job.values.items()},
        )
        return OutputFile(self.urls.output_file(job.path), html.encode("utf-8"), job.kind)


# A term's page lists a page of its profiles (`items`, in the key) and says how many there are:
# keyed on the whole group, every page of a field with 2,000 profiles would be made again when
# one of them changed. So a group in a page's values is keyed on what it is besides its profiles
# (with their number), and shown as a view whose profiles a template may count; reading them one
# by one makes the page untraceable (made again every build), so a theme that does is still right.


def _keyed(value: Any) -> Any:
    if isinstance(value, TermGroup):
        return ("term-group", value.kind, value.slug, value.label, value.assignments, len(value.profiles))
    if isinstance(value, tuple) and value and all(isinstance(item, TermGroup) for item in value):
        return tuple(_keyed(item) for item in value)
    return value


def _shown(value: Any, tracer: carry.Tracer) -> Any:
    if isinstance(value, TermGroup):
        return _TermView(value, tracer)
    if isinstance(value, tuple) and value and all(isinstance(item, TermGroup) for item in value):
        return tuple(_TermView(item, tracer) for item in value)
    return value


class _TermView:
    """A `TermGroup` as a template sees it: its profiles countable, anything more of them untraced."""

    __slots__ = ("_group", "_tracer")

    def __init__(self, group: TermGroup, tracer: carry.Tracer) -> None:
        self._group, self._tracer = group, tracer

    def __getattr__(self, attribute: str) -> Any:
        if attribute == "profiles":
            return _Counted(self._group.profiles, self._tracer)
        return getattr(self._group, attribute)


class _Counted(Sequence[Any]):
    """A tuple whose length is known to the page's key; reading its items is not."""

    def __init__(self, items: tuple[Any, ...], tracer: carry.Tracer) -> None:
        self._items, self._tracer = items, tracer

    def __len__(self) -> int:
        return len(self._items)

    def __getitem__(self, index: Any) -> Any:
        self._tracer.untraceable()
        return self._items[index]

    def __iter__(self) -> Iterator[Any]:
        self._tracer.untraceable()
        return iter(self._items)


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


def _theme_digest(theme_dirs: tuple[Path, ...]) -> bytes:
    """The templates of the theme folders, in the order the loader searches them."""
    digest = hashlib.blake2b(digest_size=16)
    for number, folder in enumerate(theme_dirs):
        templates = folder / "templates"
        for path in sorted(templates.rglob("*")) if templates.is_dir() else ():
            if path.is_file():
                relative = path.relative_to(templates).as_posix()
                digest.update(f"{number}\0{relative}\0".encode() + path.read_bytes() + b"\0")
    return digest.digest()


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
