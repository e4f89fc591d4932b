"""Atom feeds (RFC 4287) of the open assignments: one for the whole site, one per field of work.

A feed holds the open assignments of its build and nothing else: an assignment leaves every feed
the day it closes (its deadline passed, or its status is no longer open), and a scheduled one is
not in it yet. Feeds are reproducible: an entry's id is its page's URL, which stays the same
from build to build; its `updated` is the assignment's own `updated`, else `posted`; a feed's
`updated` is its newest entry's. The build date never appears, so the same content gives the
same bytes. A feed without entries takes the newest date of the site's content instead.

Every text goes through `_text`, which escapes XML and drops the characters XML 1.0 forbids.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from html import escape

from . import i18n, models
from .render import SiteContext
from .taxonomy import group_key, term_slug
from .urls import Urls
from .write import OutputFile

ATOM = "http://www.w3.org/2005/Atom"
MEDIA_TYPE = "application/atom+xml"
_NOT_IN_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_EPOCH = dt.date(1970, 1, 1)  # only for a site with no dated content at all


def feed_files(site: SiteContext) -> list[OutputFile]:
    """The site's feed and one feed per field (every field with a term page, so a reader can
    subscribe to a field before its next assignment appears)."""
    urls = Urls(site.config.base_url, site.config.language)
    language = site.config.language
    fallback = _newest_content_date(site)
    files = [
        OutputFile(
            urls.feed(),
            _feed(
                site,
                urls,
                site.selection.open_assignments,
                urls.feed(),
                urls.listing("assignments"),
                i18n.text(language, "feed_site_title", site=site.config.title),
                fallback,
            ),
            "feed",
        )
    ]
    for group in site.taxonomies["fields"]:
        title = i18n.text(language, "feed_field_title", field=group.label, site=site.config.title)
        files.append(
            OutputFile(
                urls.field_feed(group.slug),
                _feed(
                    site,
                    urls,
                    group.assignments,
                    urls.field_feed(group.slug),
                    urls.term("fields", group.slug),
                    title,
                    fallback,
                ),
                "feed",
            )
        )
    return files


def _feed(
    site: SiteContext,
    urls: Urls,
    assignments: Sequence[models.Assignment],
    path: str,
    page: str,
    title: str,
    fallback: dt.date,
) -> bytes:
    entries = sorted(assignments, key=lambda a: (-a.modified.toordinal(), a.slug))
    updated = entries[0].modified if entries else fallback
    head = (
        f'<?xml version="1.0" encoding="utf-8"?>\n'
        f'<feed xmlns="{ATOM}" xml:lang="{site.config.language}">\n'
        f"<id>{_text(urls.absolute(path))}</id>\n"
        f"<title>{_text(title)}</title>\n"
        f'<link rel="self" type="{MEDIA_TYPE}" href="{_text(urls.absolute(path))}"/>\n'
        f'<link rel="alternate" type="text/html" href="{_text(urls.absolute(page))}"/>\n'
        f"<updated>{_timestamp(updated)}</updated>\n"
        f"<author><name>{_text(site.config.title)}</name><uri>{_text(urls.absolute(urls.home()))}</uri></author>\n"
        f"<generator>sitegen</generator>\n"
    )
    return (head + "".join(_entry(site, urls, a) for a in entries) + "</feed>\n").encode("utf-8")


def _entry(site: SiteContext, urls: Urls, assignment: models.Assignment) -> str:
    page = urls.absolute(urls.assignment(assignment.slug))
    organisation = site.organisations.get(assignment.organisation)
    author = organisation.name if organisation else site.config.title
    categories = "".join(
        f'<category term="{_text(term_slug(group_key(field)))}" label="{_text(field)}" '
        f'scheme="{_text(urls.absolute(urls.taxonomy("fields")))}"/>\n'
        for field in assignment.fields
    )
    summary = f'<summary type="text">{_text(assignment.summary)}</summary>\n' if assignment.summary else ""
    return (
        f"<entry>\n"
        f"<id>{_text(page)}</id>\n"
        f'<title type="text">{_text(assignment.title)}</title>\n'
        f'<link rel="alternate" type="text/html" href="{_text(page)}"/>\n'
        f"<published>{_timestamp(assignment.posted)}</published>\n"
        f"<updated>{_timestamp(assignment.modified)}</updated>\n"
        f"<author><name>{_text(author)}</name></author>\n"
        f"{categories}{summary}"
        f'<content type="html">{_text(_content_html(site, assignment, author))}</content>\n'
        f"</entry>\n"
    )


def _content_html(site: SiteContext, assignment: models.Assignment, organisation: str) -> str:
    """What a feed reader shows: who asks, until when, how many hours, then the sanitized body."""
    language = site.config.language
    facts = [organisation, f"{i18n.text(language, 'deadline')} {i18n.long_date(assignment.deadline, language)}"]
    if assignment.hours_per_week:
        facts.append(i18n.text(language, "hours", hours=i18n.number(assignment.hours_per_week, language)))
    if assignment.region:
        facts.append(assignment.region)
    lead = f"<p>{escape(assignment.summary, quote=False)}</p>\n" if assignment.summary else ""
    return f"<p>{escape(' · '.join(facts), quote=False)}</p>\n{lead}{assignment.body_html}"


def _newest_content_date(site: SiteContext) -> dt.date:
    selection = site.selection
    records: tuple[models.Dated, ...] = (
        *selection.profiles,
        *selection.open_assignments,
        *selection.closed_assignments,
    )
    return models.newest(records) or _EPOCH


def _timestamp(day: dt.date) -> str:
    """An RFC 3339 date-time, as Atom requires: the content's dates are days, so midnight UTC."""
    return f"{day.isoformat()}T00:00:00Z"


def _text(value: str) -> str:
    return escape(_NOT_IN_XML.sub("", value), quote=True)


__all__ = ["MEDIA_TYPE", "feed_files"]
