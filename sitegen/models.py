"""The typed records of a directory. Every record is frozen: stages pass them on, never change them.

Field rules (types, ranges, allowed values) live in `schema.py`; these classes only say what a
valid record holds. `source` is the file a record came from, relative to the site folder, and
`lines` maps a dotted key ("organisation", "contact.email") to its (line, column) in that file,
so that checks across files can still point at the right line.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Literal, Protocol

Visibility = Literal["public", "internal"]
AvailabilityStatus = Literal["available", "limited", "unavailable"]
Engagement = Literal["detachering", "publiek-tarief", "belangeloos", "zelfstandig"]
AssignmentStatus = Literal["open", "filled", "withdrawn"]
OrganisationType = Literal["gemeente", "provincie", "waterschap", "rijk", "overig"]

ENGAGEMENTS: tuple[Engagement, ...] = ("detachering", "publiek-tarief", "belangeloos", "zelfstandig")
VISIBILITIES: tuple[Visibility, ...] = ("public", "internal")
AVAILABILITY_STATUSES: tuple[AvailabilityStatus, ...] = ("available", "limited", "unavailable")
ASSIGNMENT_STATUSES: tuple[AssignmentStatus, ...] = ("open", "filled", "withdrawn")
ORGANISATION_TYPES: tuple[OrganisationType, ...] = ("gemeente", "provincie", "waterschap", "rijk", "overig")

Lines = dict[str, tuple[int, int]]


@dataclass(frozen=True, slots=True)
class YearMonth:
    """A point in a career: a year, or a year and a month."""

    year: int
    month: int | None = None

    def __str__(self) -> str:
        return f"{self.year}" if self.month is None else f"{self.year}-{self.month:02d}"

    def sort_key(self) -> tuple[int, int]:
        return (self.year, self.month or 0)


@dataclass(frozen=True, slots=True)
class Experience:
    role: str
    organisation: str
    start: YearMonth
    end: YearMonth | None = None  # None: up to now


@dataclass(frozen=True, slots=True)
class Availability:
    status: AvailabilityStatus
    hours_per_week: float | None = None
    available_from: dt.date | None = None
    available_until: dt.date | None = None


@dataclass(frozen=True, slots=True)
class Contact:
    email: str | None = None
    phone: str | None = None
    website: str | None = None
    linkedin: str | None = None


@dataclass(frozen=True, slots=True)
class PersonContact:
    """An assignment's contact who has no profile."""

    name: str
    email: str | None = None
    phone: str | None = None


@dataclass(frozen=True, slots=True)
class Organisation:
    id: str
    name: str
    type: OrganisationType
    region: str | None = None
    website: str | None = None
    line: int = 0


@dataclass(frozen=True, slots=True)
class Term:
    """A canonical field or skill with the aliases that mean it."""

    term: str
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Vocabulary:
    fields: tuple[Term, ...]
    skills: tuple[Term, ...]


@dataclass(frozen=True, slots=True)
class Home:
    """Where an imported record lives (docs/federation.md): the networks that publish it, the first
    the one whose page `url` is, and its organisation's name there."""

    networks: tuple[str, ...]
    url: str
    organisation: str


@dataclass(frozen=True, slots=True)
class Profile:
    slug: str
    source: str
    name: str
    role: str
    organisation: str
    fields: tuple[str, ...]
    skills: tuple[str, ...]
    consent: dt.date
    summary: str | None = None
    region: str | None = None
    experience: tuple[Experience, ...] = ()
    availability: Availability | None = None
    engagement: tuple[Engagement, ...] = ()
    rate: float | None = None
    languages: tuple[str, ...] = ()
    contact: Contact | None = None
    maintainers: tuple[str, ...] = ()
    visibility: Visibility = "public"
    internal: dict[str, Any] = field(default_factory=dict)  # validated values shown only internally
    updated: dt.date | None = None
    body_html: str = ""
    photo: str | None = None  # path of the photo file beside the profile, relative to the site
    home: Home | None = None  # set for a profile imported from another network
    also_in: tuple[str, ...] = ()  # other networks that publish the same person
    lines: Lines = field(default_factory=dict, compare=False, repr=False)

    @property
    def modified(self) -> dt.date:
        """The day the profile last changed, by its own dates: `updated`, else the consent."""
        return self.updated or self.consent


@dataclass(frozen=True, slots=True)
class Assignment:
    slug: str
    source: str
    title: str
    organisation: str
    fields: tuple[str, ...]
    skills: tuple[str, ...]
    posted: dt.date
    deadline: dt.date
    summary: str | None = None
    region: str | None = None
    location: str | None = None
    hours_per_week: float | None = None
    start: dt.date | None = None
    end: dt.date | None = None
    engagement: Engagement | None = None
    rate: float | None = None
    contact: str | PersonContact | None = None  # a profile slug, or a person without a profile
    status: AssignmentStatus = "open"
    visibility: Visibility = "public"
    internal: dict[str, Any] = field(default_factory=dict)
    updated: dt.date | None = None
    body_html: str = ""
    home: Home | None = None  # set for an assignment imported from another network
    lines: Lines = field(default_factory=dict, compare=False, repr=False)

    @property
    def modified(self) -> dt.date:
        """The day the assignment last changed, by its own dates: `updated`, else `posted`."""
        return self.updated or self.posted


@dataclass(frozen=True, slots=True)
class Page:
    slug: str
    source: str
    title: str
    description: str | None = None
    menu: float | None = None
    body_html: str = ""
    lines: Lines = field(default_factory=dict, compare=False, repr=False)


Record = Profile | Assignment | Page


class Dated(Protocol):
    """A record that knows the day it last changed (a profile or an assignment)."""

    @property
    def modified(self) -> dt.date: ...


def newest(records: Iterable[Dated]) -> dt.date | None:
    """The day the newest of `records` changed; None for none."""
    return max((record.modified for record in records), default=None)
