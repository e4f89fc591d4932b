"""What one audience may see, and what the build date makes of each assignment.

The public build holds nothing internal: internal profiles and assignments are left out and
every `internal:` block is dropped here, before anything is rendered or indexed, so no later
stage can leak them. The internal build merges the `internal:` blocks into the records.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from typing import Any, Literal, TypeVar

from . import models
from .directory import Directory

Audience = Literal["public", "internal"]
AUDIENCES: tuple[Audience, ...] = ("public", "internal")
AssignmentState = Literal["scheduled", "open", "closed"]
Shown = TypeVar("Shown", models.Profile, models.Assignment)  # a record with an `internal:` block


def assignment_state(assignment: models.Assignment, build_date: dt.date) -> AssignmentState:
    if build_date < assignment.posted:
        return "scheduled"
    if assignment.status == "open" and build_date <= assignment.deadline:
        return "open"
    return "closed"


@dataclass(frozen=True, slots=True)
class Selection:
    """The records one audience sees, as of the build date."""

    audience: Audience
    profiles: tuple[models.Profile, ...]
    open_assignments: tuple[models.Assignment, ...]  # by deadline, then slug
    closed_assignments: tuple[models.Assignment, ...]  # still served at their URL, never listed
    pages: tuple[models.Page, ...]
    # From other networks (federation.py): searched and matched, never given pages or exported.
    imported_profiles: tuple[models.Profile, ...] = ()
    imported_assignments: tuple[models.Assignment, ...] = ()


def select(directory: Directory, audience: Audience) -> Selection:
    show = _merge_internal if audience == "internal" else _drop_internal
    visible = (lambda visibility: True) if audience == "internal" else (lambda visibility: visibility == "public")
    profiles = tuple(show(p) for p in directory.profiles if visible(p.visibility))
    profile_slugs = {p.slug for p in profiles}
    open_assignments: list[models.Assignment] = []
    closed: list[models.Assignment] = []
    for assignment in directory.assignments:
        if not visible(assignment.visibility):
            continue
        state = assignment_state(assignment, directory.build_date)
        if state == "scheduled":
            continue
        shown = show(assignment)
        if isinstance(shown.contact, str) and shown.contact not in profile_slugs:
            shown = dataclasses.replace(shown, contact=None)  # never link to a page this build does not have
        (open_assignments if state == "open" else closed).append(shown)
    return Selection(audience, profiles, tuple(open_assignments), tuple(closed), directory.pages)


def _drop_internal(record: Shown) -> Shown:
    return dataclasses.replace(record, internal={}) if record.internal else record


def _merge_internal(record: Shown) -> Shown:
    if not record.internal:
        return record
    # The values of one field each (an `internal:` block holds the validated values of its keys).
    changes: dict[str, Any] = {key: _merge(getattr(record, key), value) for key, value in record.internal.items()}
    return dataclasses.replace(record, **changes)


def _merge(public: object, internal: object) -> object:
    """Internal values win; within a contact or availability block, field by field."""
    if dataclasses.is_dataclass(public) and type(public) is type(internal):
        extra = {
            f.name: getattr(internal, f.name)
            for f in dataclasses.fields(internal)
            if getattr(internal, f.name) is not None
        }
        return dataclasses.replace(public, **extra)  # type: ignore[type-var]
    return internal
