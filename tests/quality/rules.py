"""Rules every built page keeps, read with `html.parser`.

- The Content-Security-Policy meta tag is the first element in <head> (a policy only covers
  what comes after it), with default-src 'self', no 'unsafe-inline' or 'unsafe-eval', and no
  host or scheme sources: the site loads nothing from anywhere else.
- No script runs inline: a <script> without src is only a data block (JSON-LD, or the JSON a
  page's script reads, such as the profile form's rules), which the browser never executes.
- No style attribute, no <style> element and no on* event attribute anywhere.
- Exactly one <h1>, no skipped heading level, and <html lang> is the site language.
- Text drawn in inline SVG (the initials of a profile without a photo) has a contrast of at
  least 4.5:1 with the shapes it is drawn on: axe cannot tell what is behind SVG text and
  leaves it for review.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

DATA_SCRIPT_TYPES = frozenset({"application/ld+json", "application/json"})
KEYWORD_SOURCES = frozenset({"'self'", "'none'"})
HEADINGS = {f"h{level}": level for level in range(1, 7)}
SVG_SHAPES = frozenset({"rect", "circle", "ellipse", "path", "polygon"})
MINIMUM_CONTRAST = 4.5
FORBIDDEN_KEYWORDS = ("'unsafe-inline'", "'unsafe-eval'", "'unsafe-hashes'", "'wasm-unsafe-eval'")


@dataclass(slots=True)
class PageFacts:
    lang: str | None = None
    first_in_head: tuple[str, dict[str, str]] | None = None
    csp: list[str] = field(default_factory=list)
    h1: int = 0
    heading: int = 0  # the level of the last heading
    problems: list[str] = field(default_factory=list)


class _RuleParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.facts = PageFacts()
        self.in_head = False
        self.script: tuple[int, dict[str, str]] | None = None  # an open inline script
        self.script_text: list[str] = []
        self.svg_shapes: list[str] | None = None  # fills of the shapes of an open <svg>
        self.svg_texts: list[str] = []

    def problem(self, message: str) -> None:
        self.facts.problems.append(f"line {self.getpos()[0]}: {message}")

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        facts = self.facts
        if tag == "html":
            facts.lang = values.get("lang")
        elif tag == "head":
            self.in_head = True
        elif self.in_head and facts.first_in_head is None:
            facts.first_in_head = (tag, values)
        if tag == "meta" and values.get("http-equiv", "").lower() == "content-security-policy":
            facts.csp.append(values.get("content", ""))
        if tag in HEADINGS:
            level = HEADINGS[tag]
            facts.h1 += level == 1
            if level > facts.heading + 1:
                self.problem(
                    f"<{tag}> after {f'<h{facts.heading}>' if facts.heading else 'no heading'}: "
                    "a heading level is skipped"
                )
            facts.heading = level
        if tag == "svg":
            self.svg_shapes, self.svg_texts = [], []
        elif self.svg_shapes is not None and "fill" in values:
            if tag in SVG_SHAPES:
                self.svg_shapes.append(values["fill"])
            elif tag == "text":
                self.svg_texts.append(values["fill"])
        if tag == "style":
            self.problem("a <style> element (inline styles break the CSP: use the theme's style.css)")
        if tag == "script" and "src" not in values:
            kind = values.get("type", "").strip().lower()
            if kind not in DATA_SCRIPT_TYPES:
                self.problem(
                    f"an inline <script{f' type={kind!r}' if kind else ''}> (only JSON data blocks may be inline)"
                )
            self.script = (self.getpos()[0], values)
            self.script_text = []
        for name in values:
            if name == "style":
                self.problem(f"a style attribute on <{tag}>")
            elif name.startswith("on"):
                self.problem(f"an event attribute {name} on <{tag}>")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag == "script":
            self.script = None

    def handle_endtag(self, tag: str) -> None:
        if tag == "head":
            self.in_head = False
        elif tag == "svg" and self.svg_shapes is not None:
            for text in self.svg_texts:
                for shape in self.svg_shapes:
                    ratio = contrast(text, shape)
                    if ratio is not None and ratio < MINIMUM_CONTRAST:
                        self.problem(f"SVG text {text} on {shape}: contrast {ratio:.2f}, under {MINIMUM_CONTRAST}")
            self.svg_shapes = None
        elif tag == "script" and self.script is not None:
            text = "".join(self.script_text)
            if "</" in text.replace("<\\/", ""):
                self.problem("a data block that contains '</' (escape it as '<\\/')")
            self.script = None

    def handle_data(self, data: str) -> None:
        if self.script is not None:
            self.script_text.append(data)


def _luminance(colour: str) -> float | None:
    digits = colour.strip().lstrip("#")
    if len(digits) == 3:
        digits = "".join(2 * digit for digit in digits)
    if len(digits) != 6 or not colour.strip().startswith("#"):
        return None  # a named colour or a paint server: not judged here
    try:
        channels = [int(digits[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    except ValueError:
        return None
    red, green, blue = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast(first: str, second: str) -> float | None:
    """The WCAG contrast ratio of two #rgb or #rrggbb colours."""
    a, b = _luminance(first), _luminance(second)
    if a is None or b is None:
        return None
    return (max(a, b) + 0.05) / (min(a, b) + 0.05)


def check_csp(policy: str) -> list[str]:
    problems = []
    directives: dict[str, list[str]] = {}
    for part in policy.split(";"):
        words = part.split()
        if words:
            directives[words[0].lower()] = words[1:]
    if directives.get("default-src") != ["'self'"]:
        problems.append(f"default-src is {directives.get('default-src')}, not ['self']")
    for name, sources in directives.items():
        for source in sources:
            if source.lower() in FORBIDDEN_KEYWORDS:
                problems.append(f"{name} allows {source}")
            elif source.lower() not in KEYWORD_SOURCES:
                problems.append(f"{name} allows {source}: only 'self' and 'none' keep every host but ours out")
    return problems


def check_page(html: str, language: str) -> list[str]:
    parser = _RuleParser()
    parser.feed(html)
    parser.close()
    facts = parser.facts
    problems = list(facts.problems)
    if facts.lang != language:
        problems.append(f'<html lang="{facts.lang}">, expected "{language}"')
    first = facts.first_in_head
    if first is None or first[0] != "meta" or first[1].get("http-equiv", "").lower() != "content-security-policy":
        problems.append(f"the first element in <head> is {first and '<' + first[0] + '>'}, not the CSP meta tag")
    if len(facts.csp) != 1:
        problems.append(f"{len(facts.csp)} CSP meta tags, expected 1")
    for policy in facts.csp:
        problems += [f"CSP: {problem}" for problem in check_csp(policy)]
    if facts.h1 != 1:
        problems.append(f"{facts.h1} <h1> elements, expected exactly 1")
    return problems


def check_site(out: Path, language: str) -> dict[str, list[str]]:
    """Problems by page (relative to `out`), for every HTML file of the output."""
    found = {}
    for path in sorted(out.rglob("*.html")):
        problems = check_page(path.read_text(encoding="utf-8"), language)
        if problems:
            found[path.relative_to(out).as_posix()] = problems
    return found
