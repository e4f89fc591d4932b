"""The assembled directory: records that passed their own checks, linked across files.

`assemble` checks what needs the other files' records, not just their names: the photo beside
each profile, a public assignment whose contact is an internal profile, a page whose name a
section takes; it fills in default regions and returns the Directory with every diagnostic.
(References by name, organisations and contact profiles that exist, and the date warnings are
checked per file in `documents.py`, which knows every file's name.) Records with errors are
left out, so `build --keep-going` publishes the rest.
"""

from __future__ import annotations

import datetime as dt
import os
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace

from . import models
from .config import SiteConfig
from .diagnostics import Diagnostic, error
from .documents import DocumentResult, PhotoResult
from .messages import msg
from .terms import closest, fold, slugify
from .urls import SECTIONS


@dataclass(frozen=True, slots=True)
class Directory:
    config: SiteConfig
    organisations: dict[str, models.Organisation]
    profiles: tuple[models.Profile, ...]  # by folded name, then slug
    assignments: tuple[models.Assignment, ...]  # by deadline, then slug
    pages: tuple[models.Page, ...]  # by slug
    build_date: dt.date


@dataclass(frozen=True, slots=True)
class Checked:
    """What the checks across files found: their diagnostics (with every file's own), the photo
    of each profile, and the records that those checks refuse (by path)."""

    diagnostics: list[Diagnostic]
    photo_of: dict[str, str]
    refused: frozenset[str]


def check_across(config: SiteConfig, documents: list[DocumentResult], photos: Iterable[PhotoResult]) -> Checked:
    """The checks that need the other files, from each file's `Facts` alone: `sitegen check`
    asks for no records, and finds the same."""
    diagnostics: list[Diagnostic] = []
    profile_files = {d.source.slug: d for d in documents if d.source.kind == "profile"}
    photo_of = _attach_photos(profile_files, photos, diagnostics)
    refused: set[str] = set()
    reserved = reserved_paths(config.language)
    for result in documents:
        diagnostics.extend(result.diagnostics)
        if not result.valid:
            continue
        kind, path = result.source.kind, result.source.path
        if kind == "assignment":
            found = _check_assignment(result, profile_files)
            diagnostics.extend(found)
            if found:
                refused.add(path)
        elif kind == "page" and result.source.slug in reserved:
            slug = result.source.slug
            diagnostics.append(
                error(
                    path,
                    0,
                    0,
                    "reserved-page-name",
                    msg("page.reserved", name=slug),
                    msg("page.reserved.hint", name=slug),
                )
            )
            refused.add(path)
    return Checked(diagnostics, photo_of, frozenset(refused))


def assemble(
    config: SiteConfig,
    organisations: dict[str, models.Organisation],
    documents: Iterable[DocumentResult],
    photos: Iterable[PhotoResult],
    build_date: dt.date,
) -> tuple[Directory, list[Diagnostic]]:
    documents = list(documents)
    checked = check_across(config, documents, photos)
    profiles: list[models.Profile] = []
    assignments: list[models.Assignment] = []
    pages: list[models.Page] = []
    for result in documents:
        record = result.record
        if record is None or record.source in checked.refused:
            continue
        if isinstance(record, models.Profile):
            profiles.append(
                replace(
                    record,
                    photo=checked.photo_of.get(record.slug),
                    region=record.region or _region_of(record.organisation, organisations),
                )
            )
        elif isinstance(record, models.Assignment):
            assignments.append(replace(record, region=record.region or _region_of(record.organisation, organisations)))
        else:
            pages.append(record)

    profiles.sort(key=lambda p: (fold(p.name), p.slug))
    assignments.sort(key=lambda a: (a.deadline, a.slug))
    pages.sort(key=lambda p: p.slug)
    directory = Directory(config, organisations, tuple(profiles), tuple(assignments), tuple(pages), build_date)
    return directory, checked.diagnostics


def reserved_paths(language: str) -> frozenset[str]:
    """First path segments the site itself uses: a free page by that name would replace a section."""
    return frozenset(SECTIONS[language].values()) | {"assets", "404", "sitemap", "robots"}


def _region_of(organisation: str, organisations: dict[str, models.Organisation]) -> str | None:
    known = organisations.get(organisation)
    return known.region if known else None


def _attach_photos(
    profile_files: dict[str, DocumentResult], photos: Iterable[PhotoResult], diagnostics: list[Diagnostic]
) -> dict[str, str]:
    by_slug: dict[str, list[PhotoResult]] = defaultdict(list)
    for result in photos:
        by_slug[result.photo.slug].append(result)
    photo_of: dict[str, str] = {}
    for slug, results in sorted(by_slug.items()):
        results.sort(key=lambda r: r.photo.path)
        if slug not in profile_files:
            for result in results:
                diagnostics.append(_photo_without_profile(result.photo.path, profile_files))
                diagnostics.extend(result.diagnostics)
            continue
        if len(results) > 1:
            names = ", ".join(f"'{os.path.basename(r.photo.path)}'" for r in results)
            for result in results:
                diagnostics.append(
                    error(
                        result.photo.path,
                        0,
                        0,
                        "photo-duplicate",
                        msg("photo.duplicate", name=slug, names=names),
                        msg("photo.duplicate.hint"),
                    )
                )
            continue
        diagnostics.extend(results[0].diagnostics)
        if not results[0].diagnostics:
            photo_of[slug] = results[0].photo.path
    return photo_of


def _photo_without_profile(path: str, profile_files: dict[str, DocumentResult]) -> Diagnostic:
    """An error, not a warning: the member meant a photo for their profile, and would not get it."""
    name = os.path.basename(path)
    stem, extension = os.path.splitext(name)
    slugs = [slug for slug in profile_files if slug]
    wanted = slugify(stem)
    owner = wanted if wanted in profile_files else next(iter(closest(stem, slugs, limit=1)), None)
    hint = (
        msg("photo.without-profile.rename.hint", owner=owner, extension=extension.lower())
        if owner
        else msg("photo.without-profile.hint")
    )
    return error(path, 0, 0, "photo-without-profile", msg("photo.without-profile", name=name), hint)


def _check_assignment(assignment: DocumentResult, profile_files: dict[str, DocumentResult]) -> list[Diagnostic]:
    """A public assignment must not point visitors at an internal profile."""
    facts = assignment.facts
    assert facts is not None  # a valid result has facts
    contact = dict(facts.contacts).get("contact")
    if contact is None or facts.visibility != "public":
        return []
    target = profile_files.get(contact)
    if target is None or not target.valid or target.facts is None or target.facts.visibility != "internal":
        return []
    line, column = dict(facts.lines).get("contact", (1, 1))
    return [
        error(
            assignment.source.path,
            line,
            column,
            "internal-contact",
            msg("contact.internal", value=contact),
            msg("contact.internal.hint"),
        )
    ]
