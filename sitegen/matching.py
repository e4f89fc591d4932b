"""Explainable matching of open assignments and available profiles, computed at build time.

Every suggestion is a score out of 100 and the reasons that earned it (docs/matching.md):

    score = 100 x (sum of weight x share) / (sum of weights), rounded half up

where each criterion's share lies between 0 and 1: the part of the wanted skills and fields the
profile has, the same region, being available (and in time), the hours, the form of engagement
and the site's language. A criterion that one side does not state earns nothing.

It scales by never looking at a pair that shares no wanted skill: an inverted index from
folded skill to profiles yields the candidates of an assignment, an index by field counts
their fields, and every other criterion is a column over the profiles (a NumPy array), so
scoring all of an assignment's candidates is a dozen array operations rather than a Python
loop over them. The per-profile top lists come from one sort of every suggestible pair, and
only the suggestions shown are explained.

The records come from the audience's `Selection`: a public build matches on public data only,
an internal build on the merged internal data, without this module knowing which it is.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from itertools import groupby
from operator import itemgetter

import numpy as np
import numpy.typing as npt

from . import i18n, models
from .audience import Selection
from .config import Matching, MatchWeights
from .taxonomy import group_key
from .terms import fold

CRITERIA: tuple[str, ...] = ("skills", "fields", "region", "availability", "hours", "engagement", "languages")
STATUS_SHARE: Mapping[str, float] = {"available": 1.0, "limited": 0.5}  # "unavailable" is never suggested
LATE_SHARE = 0.5  # availability share of someone who becomes available only after the work starts
_HALF_UP = 0.5 + 1e-9  # rounds x.5 up even when the sum of floats lands a hair below it
_NEVER = dt.date.max.toordinal()


@dataclass(frozen=True, slots=True)
class Reasons:
    """Why a profile fits an assignment: what each criterion found, in the records' own spelling."""

    skills: tuple[str, ...]  # the wanted skills the profile has, in the assignment's order
    skills_wanted: int
    fields: tuple[str, ...]  # the assignment's fields the profile works in
    fields_wanted: int
    region: str | None = None  # the shared region
    status: models.AvailabilityStatus | None = None  # None: availability and hours earned nothing
    hours: float | None = None  # the profile's hours per week
    hours_wanted: float | None = None  # the assignment's, when both are stated
    available_from: dt.date | None = None  # only when it lies after the build date
    engagement: models.Engagement | None = None  # the assignment's form, when the profile offers it
    language: str | None = None  # the site's language, when the profile lists it


@dataclass(frozen=True, slots=True)
class Suggestion:
    assignment: models.Assignment
    profile: models.Profile
    score: int  # 0-100
    reasons: Reasons
    points: tuple[tuple[str, float], ...]  # (criterion, points out of 100) for every criterion that earned some


@dataclass(frozen=True, slots=True)
class Matches:
    """The suggestions of a build, best first: profiles per open assignment, assignments per profile."""

    by_assignment: Mapping[str, tuple[Suggestion, ...]]
    by_profile: Mapping[str, tuple[Suggestion, ...]]

    def profiles_for(self, assignment_slug: str) -> tuple[Suggestion, ...]:
        return self.by_assignment.get(assignment_slug, ())

    def assignments_for(self, profile_slug: str) -> tuple[Suggestion, ...]:
        return self.by_profile.get(profile_slug, ())


NO_MATCHES = Matches({}, {})


def is_available(profile: models.Profile, build_date: dt.date) -> bool:
    """Whether a profile may be suggested at all. Saying nothing about availability is not saying no."""
    availability = profile.availability
    if availability is None:
        return True
    if availability.status == "unavailable" or availability.hours_per_week == 0:
        return False
    return availability.available_until is None or availability.available_until >= build_date


def match(selection: Selection, settings: Matching, build_date: dt.date, language: str) -> Matches:
    """Up to `settings.suggestions` suggestions per open assignment and per profile, best first.

    Ties go to the folded name (of the profile) or title (of the assignment), then the slug.
    """
    if settings.suggestions == 0 or not selection.open_assignments:
        return NO_MATCHES
    people = _People([p for p in selection.profiles if is_available(p, build_date)], settings.weights, language)
    wanted = [_Wanted.of(a, people, build_date) for a in selection.open_assignments]
    by_title = sorted(range(len(wanted)), key=lambda n: (fold(wanted[n].record.title), wanted[n].record.slug))
    limit, minimum = settings.suggestions, settings.minimum_score

    top_profiles: list[list[tuple[int, int]]] = []  # per assignment: (profile, score), best first
    found: list[tuple[_Ints, _Ints]] = []  # per assignment: its suggestible profiles and their scores
    for assignment in wanted:
        persons, scores = people.scores(assignment, minimum)
        best = np.lexsort((people.rank[persons], -scores))[:limit]
        top_profiles.append(list(zip(persons[best].tolist(), scores[best].tolist(), strict=True)))
        found.append((persons, scores))

    made: dict[tuple[int, int], Suggestion] = {}

    def suggestion(n: int, person: int, score: int) -> Suggestion:
        if (n, person) not in made:
            made[n, person] = people.explain(wanted[n], person, score, build_date)
        return made[n, person]

    by_assignment = {
        w.record.slug: tuple(suggestion(n, person, score) for person, score in top)
        for n, (w, top) in enumerate(zip(wanted, top_profiles, strict=True))
        if top
    }
    by_profile = {
        people.records[person].slug: tuple(suggestion(n, person, score) for n, score in best)
        for person, best in _best_per_profile(found, by_title, limit)
    }
    return Matches(by_assignment, by_profile)


_Ints = npt.NDArray[np.int64]
_Floats = npt.NDArray[np.float64]
_NONE = np.empty(0, dtype=np.int64)


def _best_per_profile(
    found: list[tuple[_Ints, _Ints]], by_title: list[int], limit: int
) -> Iterator[tuple[int, list[tuple[int, int]]]]:
    """Each profile with its best `limit` (assignment, score), best first, ties in title order.

    One sort of every suggestible pair: each pair becomes the integer (profile, 100 - score,
    title rank), so that sorting the integers orders the pairs by profile and within a profile
    best first.
    """
    count = len(by_title)
    title_rank = np.empty(count, dtype=np.int64)
    title_rank[by_title] = np.arange(count)
    persons = np.concatenate([persons for persons, _ in found])
    if not persons.size:
        return
    scores = np.concatenate([scores for _, scores in found])
    ranks = np.repeat(title_rank, [len(p) for p, _ in found])
    keys = np.sort((persons * 101 + (100 - scores)) * count + ranks)
    persons, rest = np.divmod(keys, 101 * count)
    shown = np.arange(len(keys)) - np.searchsorted(persons, persons) < limit  # place within its profile
    assignments = np.asarray(by_title, dtype=np.int64)[rest[shown] % count].tolist()
    pairs = zip(persons[shown].tolist(), assignments, (100 - rest[shown] // count).tolist(), strict=True)
    for person, group in groupby(pairs, key=itemgetter(0)):
        yield person, [(n, score) for _, n, score in group]


@dataclass(frozen=True, slots=True)
class _Wanted:
    """An open assignment as the scorer reads it: its terms' group keys and the columns' values."""

    record: models.Assignment
    skills: tuple[tuple[str, str], ...]  # (spelling, group key) of each wanted skill
    fields: tuple[tuple[str, str], ...]
    starts: int  # ordinal of the start (the deadline when none is given; never before the build date)
    ends: int  # ordinal of the end, or never
    contact: int  # the profile of its contact person, never suggested for it; -1: none among them
    excluded_organisation: int  # whose staff is never suggested (a secondment is elsewhere); -1: none
    region: int  # the region's number among the profiles' regions; -1: none stated, -2: nobody's
    hours: float  # hours a week wanted; 0: not stated
    engagement: int  # the form of engagement's bit; 0: not stated

    @classmethod
    def of(cls, assignment: models.Assignment, people: _People, build_date: dt.date) -> _Wanted:
        region = -1
        if assignment.region:
            region = people.region_numbers.get(people.key(assignment.region), -2)
        return cls(
            assignment,
            tuple((s, people.key(s)) for s in assignment.skills),  # the schema allows no two that fold alike
            tuple((f, people.key(f)) for f in assignment.fields),
            max(assignment.start or assignment.deadline, build_date).toordinal(),
            assignment.end.toordinal() if assignment.end else _NEVER,
            people.by_slug.get(assignment.contact, -1) if isinstance(assignment.contact, str) else -1,
            people.organisation_numbers.get(assignment.organisation, -1)
            if assignment.engagement == "detachering"
            else -1,
            region,
            float(assignment.hours_per_week or 0),
            ENGAGEMENT_BITS[assignment.engagement] if assignment.engagement else 0,
        )


ENGAGEMENT_BITS: Mapping[models.Engagement, int] = {form: 1 << n for n, form in enumerate(models.ENGAGEMENTS)}


class _People:
    """The available profiles as columns (NumPy arrays), with their skill and field indexes.

    Points are out of 100: each weight is scaled by 100 / (sum of weights) once, here. Every
    criterion is a column over the profiles, so scoring an assignment's candidates is a dozen
    array operations, whatever their number. The explanation of one pair reads the same values
    from plain lists (a NumPy element is slow to read one at a time) and does the same
    arithmetic, so that its points are those its score was made of.
    """

    def __init__(self, records: list[models.Profile], weights: MatchWeights, language: str) -> None:
        self.records = records
        self.language = language
        scale = 100 / weights.total
        self.weights = {name: getattr(weights, name) * scale for name in CRITERIA}
        self._keys: dict[str, str] = {}
        self.by_slug = {p.slug: i for i, p in enumerate(records)}
        self.organisation_numbers: dict[str, int] = {}
        self.region_numbers: dict[str, int] = {}
        skill_index: dict[str, list[int]] = defaultdict(list)
        field_index: dict[str, list[int]] = defaultdict(list)
        self.skill_keys = [frozenset(map(self.key, p.skills)) for p in records]
        self.field_keys = [frozenset(map(self.key, p.fields)) for p in records]
        for i, (skill_keys, field_keys) in enumerate(zip(self.skill_keys, self.field_keys, strict=True)):
            for skill in skill_keys:
                skill_index[skill].append(i)
            for field_key in field_keys:
                field_index[field_key].append(i)
        # The postings lists are ascending, as NumPy's set operations want them.
        self.skill_index = {key: np.array(found, dtype=np.int64) for key, found in skill_index.items()}
        self.field_index = {key: np.array(found, dtype=np.int64) for key, found in field_index.items()}
        by_name = sorted(range(len(records)), key=lambda i: (fold(records[i].name), records[i].slug))
        self.rank = np.empty(len(records), dtype=np.int64)
        self.rank[by_name] = np.arange(len(records))
        availability = [p.availability for p in records]
        self.available_from = [a.available_from.toordinal() if a and a.available_from else 0 for a in availability]
        self.available_until = [
            a.available_until.toordinal() if a and a.available_until else _NEVER for a in availability
        ]
        self.on_time = [self.weights["availability"] * STATUS_SHARE[a.status] if a else 0.0 for a in availability]
        self.late = [points * LATE_SHARE for points in self.on_time]
        self.hours = [a.hours_per_week if a and a.hours_per_week else 0.0 for a in availability]
        speaks = self.weights["languages"]
        self.languages = [speaks if language in p.languages else 0.0 for p in records]
        self.regions = [
            self.region_numbers.setdefault(self.key(p.region), len(self.region_numbers)) if p.region else -1
            for p in records
        ]
        self.organisations = [
            self.organisation_numbers.setdefault(p.organisation, len(self.organisation_numbers)) for p in records
        ]
        self.engagements = [sum(ENGAGEMENT_BITS[form] for form in set(p.engagement)) for p in records]
        # What a profile earns whatever the assignment, if available in time; and what it loses when late.
        own_points = [a + b for a, b in zip(self.languages, self.on_time, strict=True)]
        late_loss = [a - b for a, b in zip(self.on_time, self.late, strict=True)]
        self.columns = _Columns(
            np.array(self.available_from, dtype=np.int64),
            np.array(self.available_until, dtype=np.int64),
            np.array(self.hours, dtype=np.float64),
            np.array(own_points, dtype=np.float64),
            np.array(late_loss, dtype=np.float64),
            np.array(self.regions, dtype=np.int64),
            np.array(self.organisations, dtype=np.int64),
            np.array(self.engagements, dtype=np.int64),
        )

    def key(self, term: str) -> str:
        """The group key of a term, cached: a directory repeats a few hundred terms many thousand times."""
        known = self._keys.get(term)
        if known is None:
            known = self._keys[term] = group_key(term)
        return known

    def candidates(self, wanted: _Wanted) -> tuple[_Ints, _Ints]:
        """The profiles that share a wanted skill (ascending), and how many of the wanted skills each has."""
        postings = [self.skill_index[key] for _, key in wanted.skills if key in self.skill_index]
        if not postings:
            return _NONE, _NONE
        return np.unique(np.concatenate(postings), return_counts=True)

    def _field_counts(self, wanted: _Wanted, candidates: _Ints) -> _Ints:
        postings = [self.field_index[key] for _, key in wanted.fields if key in self.field_index]
        if not postings:
            return np.zeros(len(candidates), dtype=np.int64)
        working, counts = np.unique(np.concatenate(postings), return_counts=True)
        at = np.minimum(np.searchsorted(working, candidates), len(working) - 1)
        return np.where(working[at] == candidates, counts[at], 0)

    def scores(self, wanted: _Wanted, minimum: int) -> tuple[_Ints, _Ints]:
        """The profiles that may be suggested for the assignment with a score of at least
        `minimum`, ascending, and their scores.

        The hot loop of matching: about a million candidates at 10,000 profiles. Each criterion's
        points are the same floats `points` computes for one pair.
        """
        candidates, skill_counts = self.candidates(wanted)
        if not candidates.size:
            return _NONE, _NONE
        weights, column = self.weights, self.columns
        per_skill = weights["skills"] / len(wanted.skills)
        per_field = weights["fields"] / len(wanted.fields)
        skill_points = np.array([count * per_skill for count in range(len(wanted.skills) + 1)])
        field_points = np.array([count * per_field for count in range(len(wanted.fields) + 1)])
        total = skill_points[skill_counts] + field_points[self._field_counts(wanted, candidates)]
        if wanted.region >= 0:  # adding 0.0 changes no total, so the criteria that cannot earn are skipped
            total += np.where(column.regions[candidates] == wanted.region, weights["region"], 0.0)
        if wanted.hours:
            total += weights["hours"] * np.minimum(1.0, column.hours[candidates] / wanted.hours)
        if wanted.engagement:
            total += np.where(column.engagements[candidates] & wanted.engagement, weights["engagement"], 0.0)
        total += column.own_points[candidates]
        since = column.available_from[candidates]
        total -= np.where(since > wanted.starts, column.late_loss[candidates], 0.0)
        scores = (total + _HALF_UP).astype(np.int64)
        keep = (scores >= minimum) & (column.available_until[candidates] >= wanted.starts) & (since <= wanted.ends)
        if wanted.contact >= 0:
            keep &= candidates != wanted.contact
        if wanted.excluded_organisation >= 0:
            keep &= column.organisations[candidates] != wanted.excluded_organisation
        return candidates[keep], scores[keep]

    def points(self, wanted: _Wanted, i: int, skill_count: int, field_count: int) -> dict[str, float]:
        """Points per criterion of one pair: the arithmetic of `scores`, one value at a time."""
        weights = self.weights
        return {
            "skills": skill_count * (weights["skills"] / len(wanted.skills)),
            "fields": field_count * (weights["fields"] / len(wanted.fields)),
            "region": weights["region"] if wanted.region >= 0 and self.regions[i] == wanted.region else 0.0,
            "availability": (self.on_time if self.available_from[i] <= wanted.starts else self.late)[i],
            "hours": weights["hours"] * min(1.0, self.hours[i] / wanted.hours) if wanted.hours else 0.0,
            "engagement": weights["engagement"] if self.engagements[i] & wanted.engagement else 0.0,
            "languages": self.languages[i],
        }

    def explain(self, wanted: _Wanted, i: int, score: int, build_date: dt.date) -> Suggestion:
        assignment, profile = wanted.record, self.records[i]
        own_skills, own_fields = self.skill_keys[i], self.field_keys[i]
        skills = tuple(spelling for spelling, key in wanted.skills if key in own_skills)
        fields = tuple(spelling for spelling, key in wanted.fields if key in own_fields)
        points = self.points(wanted, i, len(skills), len(fields))
        availability = profile.availability
        available_from = availability.available_from if availability else None
        reasons = Reasons(
            skills=skills,
            skills_wanted=len(wanted.skills),
            fields=fields,
            fields_wanted=len(wanted.fields),
            region=assignment.region if points["region"] else None,
            status=availability.status if availability and (points["availability"] or points["hours"]) else None,
            hours=self.hours[i] or None,
            hours_wanted=assignment.hours_per_week if self.hours[i] else None,
            available_from=available_from if available_from and available_from > build_date else None,
            engagement=assignment.engagement if points["engagement"] else None,
            language=self.language if points["languages"] else None,
        )
        earned = tuple((name, value) for name, value in points.items() if value)
        return Suggestion(assignment, profile, score, reasons, earned)


@dataclass(frozen=True, slots=True)
class _Columns:
    """Per profile, the values `_People.scores` reads, as arrays indexed like `_People.records`."""

    available_from: _Ints  # ordinals; 0: no start stated
    available_until: _Ints  # ordinals; never: no end stated
    hours: _Floats  # hours a week; 0: not stated
    own_points: _Floats  # languages and availability in time: points that do not depend on the assignment
    late_loss: _Floats  # the availability points lost when the profile is available only after the start
    regions: _Ints  # number of the region; -1: none
    organisations: _Ints
    engagements: _Ints  # bits of the forms of engagement the profile takes


def explain(reasons: Reasons, language: str) -> str:
    """The reasons as one line of plain text in the site's language, parts separated by '; '."""

    def t(key: str, **values: object) -> str:
        return i18n.text(language, key, **values)

    parts = [
        t("match_skills", count=len(reasons.skills), wanted=reasons.skills_wanted, terms=", ".join(reasons.skills))
    ]
    if reasons.fields:
        parts.append(
            t("match_fields", count=len(reasons.fields), wanted=reasons.fields_wanted, terms=", ".join(reasons.fields))
        )
    if reasons.region:
        parts.append(t("match_region", region=reasons.region))
    if reasons.status:
        words = [t(f"match_{reasons.status}")]
        if reasons.hours:
            hours = i18n.number(reasons.hours, language)
            if reasons.hours_wanted and reasons.hours < reasons.hours_wanted:
                words.append(t("match_hours_of", hours=hours, wanted=i18n.number(reasons.hours_wanted, language)))
            else:
                words.append(t("hours", hours=hours))
        if reasons.available_from:
            words.append(t("from_date", start=i18n.long_date(reasons.available_from, language)))
        parts.append(" ".join(words))
    if reasons.engagement:
        label = t(reasons.engagement)
        parts.append(t("match_engagement", engagement=label[:1].lower() + label[1:]))
    if reasons.language:
        parts.append(t("match_language", name=i18n.language_name(reasons.language, language)))
    return "; ".join(parts)


__all__ = ["CRITERIA", "NO_MATCHES", "Matches", "Reasons", "Suggestion", "explain", "is_available", "match"]
