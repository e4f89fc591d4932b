"""Taxonomies: the fields, skills, organisations, regions and forms of engagement, each value
with the profiles and open assignments that carry it.

Values are grouped by folded form, so "Financiën" and "financien" are one page; the label
shown is the spelling used most often (ties: the first in folded, then code-point order).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from . import models
from .audience import Selection
from .hashes import content_hash
from .terms import fold


@dataclass(frozen=True, slots=True)
class TermGroup:
    kind: str
    slug: str
    label: str
    profiles: tuple[models.Profile, ...]
    assignments: tuple[models.Assignment, ...]  # open ones only

    @property
    def count(self) -> int:
        return len(self.profiles) + len(self.assignments)


Taxonomies = dict[str, tuple[TermGroup, ...]]


def group_key(value: str) -> str:
    """Values with equal keys are one term; a value with no Latin letters or digits keeps its own."""
    return fold(value) or "~" + value.casefold()


MAX_SLUG = 80  # a folder name; file systems allow 255 bytes


def term_slug(key: str) -> str:
    """The slug of a term page: its folded key, capped in length.

    A key without Latin letters or digits gets a hash, and a key longer than MAX_SLUG keeps its
    start and gets a hash of the whole. Both contain '--', which no folded key does (`fold`
    collapses runs of '-'), so a hashed slug never equals another term's slug.
    """
    digest = content_hash(key.encode(), 12)
    if key.startswith("~"):
        return "term--" + digest
    if len(key) > MAX_SLUG:
        return key[: MAX_SLUG - 14].rstrip("-") + "--" + digest
    return key


def _values(record: models.Profile | models.Assignment, kind: str) -> Iterable[str]:
    if kind == "fields":
        return record.fields
    if kind == "skills":
        return record.skills
    if kind == "regions":
        return (record.region,) if record.region else ()
    if kind == "engagement":
        if isinstance(record, models.Profile):
            return record.engagement
        return (record.engagement,) if record.engagement else ()
    return (record.organisation,)


def build_taxonomies(selection: Selection, organisations: dict[str, models.Organisation]) -> Taxonomies:
    taxonomies: Taxonomies = {}
    for kind in ("fields", "skills", "regions", "engagement"):
        taxonomies[kind] = _group(kind, selection)
    taxonomies["organisations"] = _organisation_groups(selection, organisations)
    return taxonomies


def _group(kind: str, selection: Selection) -> tuple[TermGroup, ...]:
    spellings: dict[str, Counter[str]] = defaultdict(Counter)
    profiles: dict[str, list[models.Profile]] = defaultdict(list)
    assignments: dict[str, list[models.Assignment]] = defaultdict(list)
    for profile in selection.profiles:
        for value in _values(profile, kind):
            key = group_key(value)
            spellings[key][value] += 1
            profiles[key].append(profile)
    for assignment in selection.open_assignments:
        for value in _values(assignment, kind):
            key = group_key(value)
            spellings[key][value] += 1
            assignments[key].append(assignment)
    groups = []
    for key in sorted(spellings):
        label = min(spellings[key].items(), key=lambda item: (-item[1], fold(item[0]), item[0]))[0]
        groups.append(TermGroup(kind, term_slug(key), label, tuple(profiles[key]), tuple(assignments[key])))
    return tuple(groups)


def _organisation_groups(selection: Selection, organisations: dict[str, models.Organisation]) -> tuple[TermGroup, ...]:
    members: dict[str, list[models.Profile]] = defaultdict(list)
    wanted: dict[str, list[models.Assignment]] = defaultdict(list)
    for profile in selection.profiles:
        members[profile.organisation].append(profile)
    for assignment in selection.open_assignments:
        wanted[assignment.organisation].append(assignment)
    return tuple(
        TermGroup("organisations", o.id, o.name, tuple(members[o.id]), tuple(wanted[o.id]))
        for o in sorted(organisations.values(), key=lambda o: (fold(o.name), o.id))
    )
