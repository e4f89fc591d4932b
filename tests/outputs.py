"""Helpers for tests that look at a built site: build it, read every file, parse the HTML."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

from sitegen import build, i18n, search
from sitegen.audience import Audience, select
from sitegen.urls import Urls

ADDRESS = Urls("https://example.org/")


def build_into(
    site: Path, out: Path, date: dt.date, audience: Audience = "public", keep_going: bool = False
) -> build.BuildResult:
    options = build.Options(date, jobs=2, audience=audience)
    return build.build_site(site, out, options, keep_going=keep_going)


def built(site: Path, out: Path, date: dt.date, audience: Audience = "public") -> dict[str, bytes]:
    """Build `site` into `out` (no errors allowed) and return every output file by its path."""
    result = build_into(site, out, date, audience)
    errors = [d for d in result.check.diagnostics if d.is_error]
    assert not errors, errors
    assert result.published is not None
    return snapshot(out)


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file below `folder` by its '/'-separated relative path."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def digests(folder: Path) -> dict[str, str]:
    return {path: hashlib.sha256(data).hexdigest() for path, data in snapshot(folder).items()}


def html_pages(files: dict[str, bytes]) -> dict[str, str]:
    return {path: data.decode("utf-8") for path, data in files.items() if path.endswith(".html")}


def page_of(site_path: str) -> str:
    """The output file of a site path ('profielen/anna/' -> 'profielen/anna/index.html')."""
    return ADDRESS.output_file(site_path)


@dataclass
class Element:
    tag: str
    attributes: dict[str, str | None]
    text: str = ""


class ParsedPage(HTMLParser):
    """The elements of a page (with the text inside each), enough for structural assertions."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[Element] = []
        self._open: list[Element] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, dict(attrs))
        self.elements.append(element)
        if tag not in {"meta", "link", "img", "input", "br", "hr", "rect"}:
            self._open.append(element)

    def handle_endtag(self, tag: str) -> None:
        for position in range(len(self._open) - 1, -1, -1):
            if self._open[position].tag == tag:
                del self._open[position:]
                break

    def handle_data(self, data: str) -> None:
        for element in self._open:
            element.text += data

    def find(self, tag: str, **wanted: str) -> list[Element]:
        return [e for e in self.elements if e.tag == tag and all(e.attributes.get(k) == v for k, v in wanted.items())]


def parse(text: str) -> ParsedPage:
    page = ParsedPage()
    page.feed(text)
    page.close()
    return page


def links(text: str) -> Iterator[str]:
    """Every href and src of a page."""
    for element in parse(text).elements:
        for name in ("href", "src"):
            value = element.attributes.get(name)
            if value is not None:
                yield value


def local_target(href: str, base: Urls = ADDRESS) -> str | None:
    """The output file a link to this site points at; None for fragments, other hosts and schemes."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc:
        if not href.startswith(base.base_url):
            return None
        path = urlsplit(href[len(base.base_url) :]).path
    elif parts.path.startswith(base.base_path):
        path = parts.path[len(base.base_path) :]
    else:
        return None
    return base.output_file(path)


def json_ld(text: str) -> list[dict[str, object]]:
    """The parsed JSON-LD data blocks of a page, in page order."""
    import json

    page = parse(text)
    return [json.loads(e.text) for e in page.find("script", type="application/ld+json")]


def indexed_documents(site: Path, date: dt.date) -> list[search.SearchDocument]:
    """The search documents of a site's public build (as `build` indexes them), without rendering it."""
    checked = build.check_site(site, build.Options(date))
    assert checked.directory is not None
    selection = select(checked.directory, "public")
    urls = Urls(checked.directory.config.base_url)
    return search.site_documents(
        selection.profiles,
        selection.open_assignments,
        checked.directory.organisations,
        href=lambda kind, slug: urls.href(urls.profile(slug)),
        label=lambda key: i18n.text("nl", key),
        long_date=lambda day: i18n.long_date(day, "nl"),
    )
