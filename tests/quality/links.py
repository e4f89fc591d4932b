"""A link checker for a built site that never touches the network.

Every HTML file of the output is read with `html.parser`; every URL in it (href and src of a,
area, link, img, source, script, iframe, form action, and the files the search page loads from
its data attributes) is resolved like a browser would, against the page's own address below the
site's base URL. Site-internal URLs must name a file of the output (a folder URL serves its
index.html) and their `#fragment` an id or anchor name in that page; they must be written from
the root, base path included, as `Urls.href` writes them, because the 404 page is served at any
address. External http(s) links are only collected, never fetched; a resource the browser would
load from another host (link, script, img, form, ...) is reported apart. The sitemap's addresses
are checked the same way.
"""

from __future__ import annotations

import posixpath
import xml.etree.ElementTree as ElementTree
from collections import defaultdict
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

# (tag, attribute) pairs that hold one URL, and the ones that hold several.
URL_ATTRIBUTES = {
    "a": ("href",),
    "area": ("href",),
    "link": ("href",),
    "img": ("src",),
    "source": ("src",),
    "script": ("src",),
    "iframe": ("src",),
    "embed": ("src",),
    "object": ("data",),
    "video": ("src", "poster"),
    "audio": ("src",),
    "track": ("src",),
    "form": ("action", "data-index", "data-documents"),
    "base": ("href",),
}
URL_LIST_ATTRIBUTES = {"img": ("srcset",), "source": ("srcset",), "form": ("data-scripts",)}
# Tags whose URLs the browser loads by itself: these must never name another host.
RESOURCE_TAGS = frozenset(
    {"link", "img", "source", "script", "iframe", "embed", "object", "video", "audio", "track", "form", "base"}
)
HARMLESS_SCHEMES = frozenset({"mailto", "tel"})


@dataclass(frozen=True, slots=True)
class Reference:
    page: str  # the file it is in, relative to the output folder
    line: int
    tag: str
    attribute: str
    url: str

    def where(self) -> str:
        line = f":{self.line}" if self.line else ""
        return f'{self.page}{line}: <{self.tag} {self.attribute}="{self.url}">'


@dataclass(frozen=True, slots=True)
class Problem:
    reference: Reference
    message: str

    def __str__(self) -> str:
        return f"{self.reference.where()}: {self.message}"


@dataclass(slots=True)
class Report:
    pages: int = 0
    internal: list[Reference] = field(default_factory=list)  # checked against the output
    third_party: list[Reference] = field(default_factory=list)  # resources loaded from another host
    problems: list[Problem] = field(default_factory=list)
    external: dict[str, list[Reference]] = field(default_factory=lambda: defaultdict(list))  # URL -> where
    other: list[Reference] = field(default_factory=list)  # mailto:, tel:

    def describe(self, limit: int = 60) -> str:
        lines = [str(problem) for problem in self.problems[:limit]]
        if len(self.problems) > limit:
            lines.append(f"... and {len(self.problems) - limit} more")
        return "\n".join(lines)


class _PageParser(HTMLParser):
    def __init__(self, page: str) -> None:
        super().__init__(convert_charrefs=True)
        self.page = page
        self.ids: set[str] = set()
        self.references: list[Reference] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value for name, value in attrs if value is not None}
        if "id" in values:
            self.ids.add(values["id"])
        if tag == "a" and "name" in values:
            self.ids.add(values["name"])
        line = self.getpos()[0]
        for attribute in URL_ATTRIBUTES.get(tag, ()):
            if attribute in values:
                self.references.append(Reference(self.page, line, tag, attribute, values[attribute].strip()))
        for attribute in URL_LIST_ATTRIBUTES.get(tag, ()):
            for url in _url_list(values.get(attribute, ""), srcset=attribute.endswith("srcset")):
                self.references.append(Reference(self.page, line, tag, attribute, url))

    handle_startendtag = handle_starttag


def _url_list(value: str, srcset: bool) -> list[str]:
    if srcset:  # "a.jpg 1x, b.jpg 2x"
        return [candidate.split()[0] for candidate in value.split(",") if candidate.strip()]
    return value.split()


def site_path_of(page: str) -> str:
    """The site path a file answers to: 'x/index.html' -> 'x/', '404.html' -> '404.html'."""
    if page == "index.html":
        return ""
    return page[: -len("index.html")] if page.endswith("/index.html") else page


def file_for(site_path: str) -> str:
    return site_path + "index.html" if site_path == "" or site_path.endswith("/") else site_path


def parse_pages(out: Path) -> dict[str, _PageParser]:
    parsed: dict[str, _PageParser] = {}
    for path in sorted(out.rglob("*.html")):
        page = path.relative_to(out).as_posix()
        parser = _PageParser(page)
        parser.feed(path.read_text(encoding="utf-8"))
        parser.close()
        parsed[page] = parser
    return parsed


def check_links(out: Path, base_url: str) -> Report:
    """Check every page of the output folder `out` of a site built for `base_url`."""
    base = urlsplit(base_url)
    base_path = base.path if base.path.endswith("/") else base.path + "/"
    pages = parse_pages(out)
    report = Report(pages=len(pages))

    def check(reference: Reference, page_url: str) -> None:
        url = reference.url
        if not url:
            report.problems.append(Problem(reference, "empty URL"))
            return
        target = urlsplit(urljoin(page_url, url))
        if target.scheme in HARMLESS_SCHEMES:
            report.other.append(reference)
            return
        if target.scheme not in ("http", "https"):
            report.problems.append(Problem(reference, f"URL scheme '{target.scheme}:' is not allowed"))
            return
        if target.netloc != base.netloc:
            if reference.tag in RESOURCE_TAGS:
                report.third_party.append(reference)
            else:
                report.external[url].append(reference)
            return
        report.internal.append(reference)
        raw = urlsplit(url)
        if not raw.scheme and not raw.netloc and raw.path and not raw.path.startswith("/"):
            report.problems.append(
                Problem(
                    reference,
                    "relative path: links must start with the base path "
                    f"'{base_path}' (the 404 page is served at any address)",
                )
            )
        path = unquote(target.path)
        if not (path + "/").startswith(base_path):
            report.problems.append(Problem(reference, f"outside the site's base path '{base_path}'"))
            return
        site_path = path[len(base_path) :]
        normal = posixpath.normpath("/" + site_path)[1:] + ("/" if site_path.endswith("/") and site_path else "")
        if normal != site_path:
            report.problems.append(Problem(reference, f"not a normalised path: '{path}'"))
            return
        target_file = file_for(site_path)
        if not (out / target_file).is_file():
            if (out / site_path).is_dir():
                report.problems.append(Problem(reference, "a folder without its trailing '/'"))
            else:
                report.problems.append(Problem(reference, f"no such file in the output: {target_file}"))
            return
        if target.fragment:
            fragment = unquote(target.fragment)
            target_page = pages.get(target_file)
            if target_page is None:
                report.problems.append(Problem(reference, f"#{fragment} points into a file that is not HTML"))
            elif fragment not in target_page.ids:
                report.problems.append(Problem(reference, f"no id '{fragment}' in {target_file}"))
        elif url.endswith("#"):
            report.problems.append(Problem(reference, "empty fragment '#'"))

    for page, parsed in pages.items():
        page_url = base.scheme + "://" + base.netloc + base_path + site_path_of(page)
        for reference in parsed.references:
            check(reference, page_url)
    sitemap = out / "sitemap.xml"
    if sitemap.is_file():
        for line, location in _sitemap_locations(sitemap):
            check(Reference("sitemap.xml", line, "loc", "text", location), base_url)
    return report


def _sitemap_locations(sitemap: Path) -> list[tuple[int, str]]:
    namespace = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
    root = ElementTree.parse(sitemap).getroot()
    return [(0, (loc.text or "").strip()) for loc in root.iter(f"{namespace}loc")]
