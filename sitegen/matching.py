"""Explainable matching of open assignments and available profiles, computed at build time.

Every suggestion is a score out of 100 and the reasons that earned it (docs/matching.md):

    score = 100 x (sum of weight x share) / (sum of weights), rounded half up

where each criterion's share lies between 0 and 1: the part of the wanted skills and fields the
profile has, the same region, being available (and in time), the hours, the form of engagement
and the site's language. A criterion that one side does not state earns nothing.

It scales by never looking at a pair that shares no wanted skill: an inverted index from
folded skill to profiles yields the candidates of an assignment, an index by field counts
their fields, and every other criterion is a column over the profiles computed once per
distinct value (per region, per number of hours, per form of engagement), so scoring a
candidate is a handful of list look-ups. The per-profile top lists are bounded heaps.

The records come from the audience's `Selection`: a public build matches on public data only,
an internal build on the merged internal data, without this module knowing which it is.
"""

from __future__ import annotations

import datetime as dt
import heapq
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from itertools import chain, compress, repeat
from operator import ge, itemgetter

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
    assignment_rank = {n: rank for rank, n in enumerate(by_title)}
    limit, minimum = settings.suggestions, settings.minimum_score

    top_profiles: list[list[tuple[int, int, int]]] = []  # per assignment: (score, -profile rank, profile)
    heaps: list[list[tuple[int, int, int]]] = [[] for _ in people.records]  # per profile, its worst first
    # Per profile, the lowest upper bound that may still enter its list: once the list is full,
    # most candidates fall below it and are never scored one by one.
    floors = [minimum - _HALF_UP] * len(people.records)
    for n, assignment in enumerate(wanted):
        candidates, bounds = people.candidates(assignment)
        top_profiles.append(people.best(assignment, candidates, bounds, limit, minimum))
        entry_rank = -assignment_rank[n]
        may_enter = compress(zip(candidates, bounds, strict=True), map(ge, bounds, map(floors.__getitem__, candidates)))
        for score, _, person in people.scores(assignment, may_enter, minimum):
            heap = heaps[person]
            entry = (score, entry_rank, n)
            if len(heap) < limit:
                heapq.heappush(heap, entry)
            elif entry > heap[0]:
                heapq.heapreplace(heap, entry)
            else:
                continue
            if len(heap) == limit:
                floors[person] = heap[0][0] - _HALF_UP

    made: dict[tuple[int, int], Suggestion] = {}

    def suggestion(n: int, person: int, score: int) -> Suggestion:
        if (n, person) not in made:
            made[n, person] = people.explain(wanted[n], person, score, build_date)
        return made[n, person]

    by_assignment = {w.record.slug: tuple(suggestion(n, person, score) for score, _, person in top)
                     for n, (w, top) in enumerate(zip(wanted, top_profiles, strict=True)) if top}
    by_profile = {people.records[person].slug: tuple(suggestion(n, person, score)
                                                     for score, _, n in sorted(heap, reverse=True))
                  for person, heap in enumerate(heaps) if heap}
    return Matches(by_assignment, by_profile)


@dataclass(frozen=True, slots=True)
class _Wanted:
    """An open assignment as the scorer reads it, with the columns of its region, hours and engagement."""

    record: models.Assignment
    skills: tuple[tuple[str, str], ...]  # (spelling, group key) of each wanted skill
    fields: tuple[tuple[str, str], ...]
    starts: int  # ordinal of the start (the deadline when none is given; never before the build date)
    ends: int  # ordinal of the end, or never
    excluded: frozenset[int]  # profiles never suggested for it: its contact, its own staff for a secondment
    region: list[float]  # points per profile
    hours: list[float]
    engagement: list[float]

    @classmethod
    def of(cls, assignment: models.Assignment, people: _People, build_date: dt.date) -> _Wanted:
        excluded: set[int] = set()
        if isinstance(assignment.contact, str) and assignment.contact in people.by_slug:
            excluded.add(people.by_slug[assignment.contact])
        if assignment.engagement == "detachering":  # a secondment is to another organisation
            excluded.update(people.by_organisation.get(assignment.organisation, ()))
        return cls(
            assignment,
            tuple((s, people.key(s)) for s in assignment.skills),  # the schema allows no two that fold alike
            tuple((f, people.key(f)) for f in assignment.fields),
            max(assignment.start or assignment.deadline, build_date).toordinal(),
            assignment.end.toordinal() if assignment.end else _NEVER,
            frozenset(excluded),
            people.region_points(people.key(assignment.region) if assignment.region else None),
            people.hours_points(assignment.hours_per_week),
            people.engagement_points(assignment.engagement),
        )


class _People:
    """The available profiles as columns, with their skill and field indexes.

    Points are out of 100: each weight is scaled by 100 / (sum of weights) once, here. The
    column of a criterion that depends on the assignment (region, hours, engagement) is built
    the first time its value is asked for and shared by every assignment with that value.
    """

    def __init__(self, records: list[models.Profile], weights: MatchWeights, language: str) -> None:
        self.records = records
        self.language = language
        scale = 100 / weights.total
        self.weights = {name: getattr(weights, name) * scale for name in CRITERIA}
        self._keys: dict[str, str] = {}
        self.by_slug = {p.slug: i for i, p in enumerate(records)}
        self.by_organisation: dict[str, list[int]] = defaultdict(list)
        self.skill_index: dict[str, list[int]] = defaultdict(list)
        self.field_index: dict[str, list[int]] = defaultdict(list)
        self.skill_keys = [frozenset(map(self.key, p.skills)) for p in records]
        self.field_keys = [frozenset(map(self.key, p.fields)) for p in records]
        for i, profile in enumerate(records):
            self.by_organisation[profile.organisation].append(i)
            for skill in self.skill_keys[i]:
                self.skill_index[skill].append(i)
            for field_key in self.field_keys[i]:
                self.field_index[field_key].append(i)
        by_name = sorted(range(len(records)), key=lambda i: (fold(records[i].name), records[i].slug))
        self.rank = [0] * len(records)
        for rank, i in enumerate(by_name):
            self.rank[i] = rank
        availability = [p.availability for p in records]
        self.available_from = [a.available_from.toordinal() if a and a.available_from else 0 for a in availability]
        self.available_until = [a.available_until.toordinal() if a and a.available_until else _NEVER
                                for a in availability]
        self.on_time = [self.weights["availability"] * STATUS_SHARE[a.status] if a else 0.0 for a in availability]
        self.late = [points * LATE_SHARE for points in self.on_time]
        self.hours = [a.hours_per_week if a and a.hours_per_week else 0.0 for a in availability]
        speaks = self.weights["languages"]
        self.languages = [speaks if language in p.languages else 0.0 for p in records]
        # What a profile earns whatever the assignment, if available in time; and what it loses when late.
        self.own_points = [a + b for a, b in zip(self.languages, self.on_time, strict=True)]
        self.late_loss = [a - b for a, b in zip(self.on_time, self.late, strict=True)]
        self.regions = [self.key(p.region) if p.region else None for p in records]
        self.engagements = [p.engagement for p in records]
        self._columns: dict[tuple[str, object], list[float]] = {}

    def key(self, term: str) -> str:
        """The group key of a term, cached: a directory repeats a few hundred terms many thousand times."""
        known = self._keys.get(term)
        if known is None:
            known = self._keys[term] = group_key(term)
        return known

    def _column(self, criterion: str, value: object, shares: Callable[[], Iterable[float]]) -> list[float]:
        column = self._columns.get((criterion, value))
        if column is None:
            weight = self.weights[criterion]
            column = self._columns[criterion, value] = [weight * share for share in shares()]
        return column

    def region_points(self, region: str | None) -> list[float]:
        return self._column("region", region, lambda: (float(region is not None and own == region)
                                                       for own in self.regions))

    def hours_points(self, wanted: float | None) -> list[float]:
        return self._column("hours", wanted, lambda: (min(1.0, hours / wanted) if wanted else 0.0
                                                      for hours in self.hours))

    def engagement_points(self, engagement: models.Engagement | None) -> list[float]:
        return self._column("engagement", engagement, lambda: (float(engagement in forms)
                                                               for forms in self.engagements))

    def candidates(self, wanted: _Wanted) -> tuple[list[int], list[float]]:
        """The profiles that share a wanted skill, and the total each would earn if available in
        time: an upper bound of its score (a late start only lowers it; exclusions are not applied).

        The hot loop of matching: about a million candidates at 10,000 profiles. The totals are
        summed in C (`itemgetter`, `map`, `sum`), never pair by pair in Python.
        """
        skills = Counter(chain.from_iterable(self.skill_index.get(key, ()) for _, key in wanted.skills))
        if not skills:
            return [], []
        fields = Counter(chain.from_iterable(self.field_index.get(key, ()) for _, key in wanted.fields))
        candidates = list(skills)
        per_skill = self.weights["skills"] / len(wanted.skills)
        per_field = self.weights["fields"] / len(wanted.fields)
        skill_points = [count * per_skill for count in range(len(wanted.skills) + 1)]
        field_points = [count * per_field for count in range(len(wanted.fields) + 1)]
        # itemgetter picks every candidate's value of a column in one call; sum adds floats without
        # a float object per step.
        pick = itemgetter(*candidates) if len(candidates) > 1 else lambda column: (column[candidates[0]],)
        return candidates, list(map(sum, zip(
            map(skill_points.__getitem__, skills.values()),
            map(field_points.__getitem__, map(fields.get, candidates, repeat(0))),
            pick(wanted.region), pick(wanted.hours), pick(wanted.engagement), pick(self.own_points), strict=True)))

    def scores(self, wanted: _Wanted, pairs: Iterable[tuple[int, float]], minimum: int) -> list[tuple[int, int, int]]:
        """(score, -rank, profile) of each (profile, upper bound) pair that may be suggested for
        the assignment and reaches the minimum score."""
        bound = minimum - _HALF_UP  # int(total + _HALF_UP) >= minimum
        until, since, late_loss, rank = self.available_until, self.available_from, self.late_loss, self.rank
        starts, ends, excluded = wanted.starts, wanted.ends, wanted.excluded
        scored = []
        for i, total in pairs:
            if total < bound or until[i] < starts or since[i] > ends or i in excluded:
                continue
            if since[i] > starts:
                total -= late_loss[i]
                if total < bound:
                    continue
            scored.append((int(total + _HALF_UP), -rank[i], i))
        return scored

    def best(self, wanted: _Wanted, candidates: list[int], bounds: list[float], limit: int,
             minimum: int) -> list[tuple[int, int, int]]:
        """The assignment's own top `limit`, scoring exactly only the candidates whose upper bound
        reaches the limit-th best upper bound: nobody below it can beat or tie the result."""
        def top(threshold: int) -> list[tuple[int, int, int]]:
            pool = compress(zip(candidates, bounds, strict=True), map(ge, bounds, repeat(threshold - _HALF_UP)))
            return heapq.nlargest(limit, self.scores(wanted, pool, minimum))

        threshold = minimum
        if len(bounds) > limit:
            threshold = max(minimum, int(heapq.nlargest(limit, bounds)[-1] + _HALF_UP))
        found = top(threshold)
        if threshold > minimum and (len(found) < limit or found[-1][0] < threshold):
            found = top(minimum)  # exclusions or late starts among the best: look at everyone
        return found

    def points(self, wanted: _Wanted, i: int, skill_count: int, field_count: int) -> dict[str, float]:
        """Points per criterion of one pair, read from the same columns as `score`."""
        return {
            "skills": skill_count * self.weights["skills"] / len(wanted.skills),
            "fields": field_count * self.weights["fields"] / len(wanted.fields),
            "region": wanted.region[i],
            "availability": (self.on_time if self.available_from[i] <= wanted.starts else self.late)[i],
            "hours": wanted.hours[i],
            "engagement": wanted.engagement[i],
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


def explain(reasons: Reasons, language: str) -> str:
    """The reasons as one line of plain text in the site's language, parts separated by '; '."""
    def t(key: str, **values: object) -> str:
        return i18n.text(language, key, **values)

    parts = [t("match_skills", count=len(reasons.skills), wanted=reasons.skills_wanted,
               terms=", ".join(reasons.skills))]
    if reasons.fields:
        parts.append(t("match_fields", count=len(reasons.fields), wanted=reasons.fields_wanted,
                       terms=", ".join(reasons.fields)))
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
