"""Markdown bodies to safe HTML: Python-Markdown, then the nh3 (ammonia) allow-list.

Contributed text is untrusted. Raw HTML, scripts, styles, event attributes and every URL
scheme but http, https and mailto are removed by the sanitizer, whatever Markdown made of
them. Headings shift one level down, because the page template owns the only `h1`.
Images are dropped: a picture from another host would break the no-third-party rule.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

import markdown
import nh3

_EXTENSIONS = ["tables", "fenced_code", "sane_lists", "attr_list"]

ALLOWED_TAGS = frozenset(
    {
        "a",
        "abbr",
        "b",
        "blockquote",
        "br",
        "code",
        "del",
        "em",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "hr",
        "i",
        "li",
        "ol",
        "p",
        "pre",
        "strong",
        "sub",
        "sup",
        "table",
        "tbody",
        "td",
        "th",
        "thead",
        "tr",
        "ul",
    }
)
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "ol": {"start"}}
_CLEANER = nh3.Cleaner(
    tags=set(ALLOWED_TAGS),
    clean_content_tags={
        "script",
        "style",
        "iframe",
        "object",
        "embed",
        "template",
        "svg",
        "math",
        "noscript",
        "textarea",
        "select",
    },
    attributes={tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()},
    url_schemes={"http", "https", "mailto"},
    link_rel="noopener",
    strip_comments=True,
)
_HEADING = re.compile(r"<(/?)h([1-6])(?=[\s>])")
_EMPTY_PARAGRAPH = re.compile(r"<p>\s*</p>\n?")


def _shift_headings(html: str) -> str:
    return _HEADING.sub(lambda m: f"<{m[1]}h{min(int(m[2]) + 1, 6)}", html)


# A reference link repeats its whole address at every use: 76 KB of them made 160 MB of HTML.
MAX_HTML = 1024 * 1024
_IMAGE = re.compile(r"<img[\s/>]", re.IGNORECASE)


class BodyTooLarge(ValueError):
    def __init__(self, size: int) -> None:
        super().__init__(f"the body makes {size} characters of HTML")
        self.size = size


@dataclass(frozen=True, slots=True)
class Body:
    html: str
    images: int  # dropped by the sanitizer


class Renderer:
    """One Python-Markdown instance, reset between bodies: building one costs as much as a short body."""

    def __init__(self) -> None:
        self._markdown = markdown.Markdown(extensions=_EXTENSIONS, output_format="html")

    def render(self, body: str) -> str:
        """Safe HTML for a Markdown body. Slow on some inputs: run it where it can be stopped."""
        return self.render_body(body).html

    def render_body(self, body: str) -> Body:
        """The safe HTML and what it left out; raises BodyTooLarge past MAX_HTML characters."""
        html = self._markdown.reset().convert(body)
        if len(html) > MAX_HTML:  # before the sanitizer, which takes twice as long as Markdown
            raise BodyTooLarge(len(html))
        cleaned = _EMPTY_PARAGRAPH.sub("", _CLEANER.clean(_shift_headings(html))).strip()
        return Body(cleaned, len(_IMAGE.findall(html)))


@functools.cache
def _renderer() -> Renderer:
    return Renderer()


def render(body: str) -> str:
    """`Renderer.render` with one renderer per process, made on first use."""
    return _renderer().render(body)


def render_body(body: str) -> Body:
    return _renderer().render_body(body)
