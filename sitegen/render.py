"""Pages from templates: Jinja2 with autoescape on and undefined names as errors.

Templates and themes are trusted; content is not, and reaches templates only as values
(autoescaped) or as HTML that `markup.py` sanitized. Content is never rendered as a template.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from . import i18n
from .directory import Directory
from .urls import Urls
from .write import OutputFile

PACKAGE = Path(__file__).resolve().parent


def default_theme() -> Path:
    """The default theme: inside the installed wheel, or at the top of a source checkout."""
    for candidate in (PACKAGE / "themes" / "default", PACKAGE.parent / "themes" / "default"):
        if (candidate / "templates").is_dir():
            return candidate
    raise FileNotFoundError("the default theme of sitegen is missing from this installation")


def theme_folders(site: Path, theme: str) -> tuple[Path, ...]:
    """The lookup chain: the site's own theme first (template by template), then the default."""
    own = site / "themes" / theme
    chain = [own] if theme != "default" or own.is_dir() else []
    return (*[p for p in chain if p.is_dir()], default_theme())


def environment(theme_dirs: tuple[Path, ...], directory: Directory, urls: Urls) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader([str(folder / "templates") for folder in theme_dirs]),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    language = directory.config.language
    env.globals.update(
        site=directory.config,
        directory=directory,
        urls=urls,
        url=urls.href,
        t=lambda key: i18n.text(language, key),
        language=language,
    )
    env.filters["long_date"] = lambda day: i18n.long_date(day, language) if isinstance(day, dt.date) else ""
    env.filters["safe_html"] = Markup  # only for HTML that markup.py sanitized
    return env


def render_site(directory: Directory, theme_dirs: tuple[Path, ...]) -> Iterator[OutputFile]:
    urls = Urls(directory.config.base_url, directory.config.language)
    env = environment(theme_dirs, directory, urls)

    def page(site_path: str, template: str, **context: Any) -> OutputFile:
        html = env.get_template(template).render(canonical=urls.absolute(site_path), **context)
        return OutputFile(urls.output_file(site_path), html.encode("utf-8"))

    yield page(urls.home(), "home.html")
    for profile in directory.profiles:
        yield page(urls.profile(profile.slug), "profile.html", profile=profile,
                   organisation=directory.organisations.get(profile.organisation))
    for assignment in directory.assignments:
        yield page(urls.assignment(assignment.slug), "assignment.html", assignment=assignment,
                   organisation=directory.organisations.get(assignment.organisation))
    for content_page in directory.pages:
        yield page(urls.page(content_page.slug), "page.html", page=content_page)
    for static in sorted((theme_dirs[-1] / "static").rglob("*")):
        if static.is_file():
            relative = static.relative_to(theme_dirs[-1] / "static").as_posix()
            yield OutputFile(urls.asset(relative), static.read_bytes())
