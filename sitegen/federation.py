"""Importing other networks (docs/federation.md): their exports, validated, as records of ours.

For each network of `networks:` and each kind it gives (profiles, assignments): a fresh copy
(fetch.py), else the cache's last good copy with a warning, else an error. A copy is used only
when its envelope passes sitegen's own export schema (exports.py); then it becomes the cache's
copy. Each item is validated against the item schema on its own: a bad item is a warning that
names the network and the item, and the rest still imports (another network's mistake must not
stop our build). Valid items become `Profile` and `Assignment` records with a `home`: they get
no page of ours, are never exported or listed in our sitemap, and link to their page there.

The same person published by two networks, or by us and a network, is shown once (`_merge`).
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator, FormatChecker
from jsonschema.exceptions import ValidationError, best_match

from . import exports, fetch, models, schemacheck
from .audience import assignment_state
from .config import CONFIG_FILE, Network, SiteConfig, network_key
from .diagnostics import Diagnostic, error, warning
from .fetch import Cache, Failed, Settings
from .messages import Message, msg
from .terms import fold

DEFAULT_CACHE = ".sitegen/networks"  # under the site folder
MESSAGE_LIMIT = 300  # characters of a schema's complaint about one item
ITEM_WARNINGS = 20  # of one network's items, listed one by one; the rest is one line


@dataclass(frozen=True, slots=True)
class Imported:
    profiles: tuple[models.Profile, ...] = ()  # by folded name, then slug
    assignments: tuple[models.Assignment, ...] = ()  # by deadline, then slug
    also_in: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # our profile slug -> other networks


NOTHING = Imported()


def import_networks(
    site: Path,
    config: SiteConfig,
    organisations: Mapping[str, models.Organisation],
    local: Iterable[models.Profile],
    build_date: dt.date,
    settings: Settings,
) -> tuple[Imported, list[Diagnostic]]:
    """Every network's public profiles and open assignments, with every diagnostic."""
    if not config.networks:
        return NOTHING, []
    cache = Cache(settings.cache or site / DEFAULT_CACHE)
    diagnostics: list[Diagnostic] = []
    profiles: list[tuple[Network, list[models.Profile]]] = []
    assignments: list[models.Assignment] = []
    for network in config.networks:
        left_out: list[Diagnostic] = []  # its items' warnings, capped below
        for kind in network.kinds:
            copy = _items(site, network, kind, cache, settings, diagnostics)
            if copy is None:
                continue
            if kind == "profiles":
                made = [_profile(network, item, organisations) for item in _own(copy, kind, config, network, left_out)]
                profiles.append((network, made))
            else:
                for item in _own(copy, kind, config, network, left_out):
                    assignment = _assignment(network, item, organisations)
                    if assignment_state(assignment, build_date) == "open":
                        assignments.append(assignment)
        diagnostics += _capped(network, left_out)
    merged, also_in = _merge(profiles, list(local), organisations)
    merged.sort(key=lambda p: (fold(p.name), p.slug))
    assignments.sort(key=lambda a: (a.deadline, a.slug))
    return Imported(tuple(merged), tuple(assignments), also_in), diagnostics


# ---------------------------------------------------------------------------------------------
# A copy of one export, and its items


@dataclass(frozen=True, slots=True)
class _Copy:
    """A valid export: the base URL of the site that published it, and its items (unchecked)."""

    site_url: str
    items: list[Any]


def _items(
    site: Path, network: Network, kind: str, cache: Cache, settings: Settings, diagnostics: list[Diagnostic]
) -> _Copy | None:
    """A valid copy of the export, fresh or from the cache; None: there is none."""
    where = fetch.location(network, kind, site)
    unreachable = invalid = None
    if not settings.offline:
        fresh = fetch.ask(network, kind, site, settings)
        if isinstance(fresh.result, Failed):
            unreachable = msg("network.unreachable", where=where, reason=fresh.result.reason)
        else:
            parsed = _parse(fresh.result, kind)
            if isinstance(parsed, _Copy):
                if fresh.new:
                    cache.keep(network, kind, fresh.result, fresh.fetched)
                else:  # the session's copy, from an earlier build of this preview
                    _old_copy(network, kind, fresh.fetched, diagnostics)
                return parsed
            invalid = msg("network.invalid", where=where, reason=parsed.reason)
    kept = cache.read(network, kind, settings.limits.max_bytes)
    cached = None if kept is None else _parse(kept, kind)
    copy = cached if isinstance(cached, _Copy) else None
    line = network.line
    if settings.offline and copy is None:
        diagnostics.append(
            error(
                CONFIG_FILE,
                line,
                0,
                "network-not-cached",
                msg("network.not-cached", network=network.name, kind=msg(f"noun.{kind}")),
                msg("network.not-cached.hint"),
            )
        )
    if copy is not None:
        hint = msg("network.cached.hint")
        if unreachable:
            used = msg("network.cached", network=network.name, problem=unreachable)
            diagnostics.append(warning(CONFIG_FILE, line, 0, "network-unreachable", used, hint))
        if invalid:
            used = msg("network.cached", network=network.name, problem=invalid)
            diagnostics.append(warning(CONFIG_FILE, line, 0, "network-invalid-export", used, hint))
        _old_copy(network, kind, cache.fetched(network, kind), diagnostics)
        return copy
    hint = msg("network.no-copy.hint")
    if unreachable:
        missing = msg("network.no-copy", network=network.name, problem=unreachable)
        diagnostics.append(error(CONFIG_FILE, line, 0, "network-unreachable", missing, hint))
    if invalid:
        missing = msg("network.no-copy", network=network.name, problem=invalid)
        diagnostics.append(error(CONFIG_FILE, line, 0, "network-invalid-export", missing, hint))
    return None


DAY = 86400.0


def _old_copy(network: Network, kind: str, fetched: float | None, diagnostics: list[Diagnostic]) -> None:
    """A warning when the copy used (not fetched by this build) is older than the network's max_age."""
    if fetched is None:
        return
    age = time.time() - fetched
    if age <= network.max_age * DAY:
        return
    diagnostics.append(
        warning(
            CONFIG_FILE,
            network.line,
            0,
            "network-old-copy",
            msg(
                "network.old-copy",
                network=network.name,
                kind=msg(f"noun.{kind}"),
                age=_days(age / DAY),
                max_age=_days(network.max_age),
            ),
            msg("network.old-copy.hint"),
        )
    )


def _days(count: float) -> Message:
    """9.5 days, 8 days, 1 day: to a tenth of a day (a decimal comma in Dutch)."""
    tenths = round(count, 1)
    shown: int | float = int(tenths) if tenths == int(tenths) else tenths
    return msg("count.day.one" if shown == 1 else "count.day", count=shown)


def _parse(data: bytes, kind: str) -> _Copy | Failed:
    """A copy whose envelope is valid; its items are checked one by one later."""
    try:
        document = json.loads(data.decode("utf-8"))
    except UnicodeDecodeError:
        return Failed(msg("export.not-utf8"))
    except json.JSONDecodeError as exc:
        return Failed(msg("export.not-json", line=exc.lineno, column=exc.colno, problem=exc.msg))
    except RecursionError:
        return Failed(msg("export.too-deep"))
    problem = best_match(_envelope_validator(kind).iter_errors(document))
    if problem is not None:
        return Failed(_complaint(problem))
    return _Copy(document["site"]["url"], document[kind])


_VALIDATORS: dict[tuple[str, str], Draft202012Validator] = {}


def _validator(kind: str, part: str) -> Draft202012Validator:
    """sitegen's own export schema, as the envelope (items unchecked) or as one item."""
    if (kind, part) not in _VALIDATORS:
        whole = exports.export_schema(kind)
        if part == "item":
            checked = whole["properties"][kind]["items"]
        else:
            checked = whole | {"properties": whole["properties"] | {kind: {"type": "array"}}}
        _VALIDATORS[kind, part] = Draft202012Validator(checked, format_checker=FormatChecker())
    return _VALIDATORS[kind, part]


_CHECKS: dict[str, schemacheck.Check] = {}


def _item_check(kind: str) -> schemacheck.Check:
    """The item schema compiled to plain checks: True only for an item jsonschema accepts too."""
    if kind not in _CHECKS:
        validator = _validator(kind, "item")
        assert validator.format_checker is not None
        _CHECKS[kind] = schemacheck.compile_check(validator.schema, validator.format_checker)
    return _CHECKS[kind]


def _envelope_validator(kind: str) -> Draft202012Validator:
    return _validator(kind, "envelope")


def _complaint(problem: ValidationError) -> Message:
    """Where the schema found the problem, and its words (jsonschema's, in English)."""
    where = ".".join(str(part) for part in problem.absolute_path)
    message = problem.message
    if len(message) > MESSAGE_LIMIT:
        message = message[:MESSAGE_LIMIT] + "..."
    return msg("export.complaint", where=where or msg("export.top-level"), problem=message)


def _own(
    copy: _Copy,
    kind: str,
    config: SiteConfig,
    network: Network,
    diagnostics: list[Diagnostic],
) -> list[dict[str, Any]]:
    """The valid items, by id, that are the network's own: each id once, each page on its site,
    none on ours (a network that re-exported what it imported from us would send ours back)."""
    kept: dict[str, dict[str, Any]] = {}
    checker = _validator(kind, "item")
    passes = _item_check(kind)
    for index, item in enumerate(copy.items):
        # the compiled check passes nearly every item at a fraction of jsonschema's cost; whatever
        # it does not pass, jsonschema judges and words, so the diagnostics are jsonschema's own
        problem = None if passes(item) else best_match(checker.iter_errors(item))
        ident = item.get("id") if isinstance(item, dict) else None
        item_name = f"{kind}[{index}]" + (f" ('{ident[:80]}')" if isinstance(ident, str) else "")
        if problem is not None:
            diagnostics.append(_item_warning(network, item_name, _complaint(problem)))
            continue
        ident = item["id"]  # valid: a slug
        url: str = item["url"]
        if url.startswith(config.base_url):
            continue  # ours, sent back
        if not url.startswith(copy.site_url):
            off_site = msg("network.item.off-site", url=url[:200], site=copy.site_url)
            diagnostics.append(_item_warning(network, item_name, off_site))
            continue
        if ident in kept:
            diagnostics.append(_item_warning(network, item_name, msg("network.item.twice")))
            continue
        kept[ident] = item
    return [kept[ident] for ident in sorted(kept)]


def _capped(network: Network, left_out: list[Diagnostic]) -> list[Diagnostic]:
    """The first ITEM_WARNINGS of a network's item warnings, then one line for the rest: a broken
    network must not bury a member's own messages (in a pull request's checks, say)."""
    if len(left_out) <= ITEM_WARNINGS:
        return left_out
    rest = len(left_out) - ITEM_WARNINGS
    summary = warning(
        CONFIG_FILE,
        network.line,
        0,
        "network-invalid-item",
        msg("network.rest.one" if rest == 1 else "network.rest", network=network.name, rest=rest, total=len(left_out)),
        msg("network.item.hint"),
    )
    return [*left_out[:ITEM_WARNINGS], summary]


def _item_warning(network: Network, item: str, problem: Message) -> Diagnostic:
    return warning(
        CONFIG_FILE,
        network.line,
        0,
        "network-invalid-item",
        msg("network.item", network=network.name, item=item, problem=problem),
        msg("network.item.hint"),
    )


# ---------------------------------------------------------------------------------------------
# Items as records


def _organisation(network: Network, given: dict[str, str], organisations: Mapping[str, models.Organisation]) -> str:
    """Our organisation's id when both its id and its name match ours; otherwise an id of the
    network's own, which no organisation of ours has, so the two are never mixed up."""
    ours = organisations.get(given["id"])
    if ours is not None and _fold_name(ours.name) == _fold_name(given["name"]):
        return given["id"]
    return f"{network_key(network.name)}:{given['id']}"


def _date(value: str | None) -> dt.date | None:
    return None if value is None else dt.date.fromisoformat(value)


# Pure functions of a text, asked again and again for the same few values (organisation names,
# the months of careers): remembered, which halves the cost of turning 10,000 items into records.
_fold_name = functools.lru_cache(maxsize=4096)(fold)


@functools.lru_cache(maxsize=4096)
def _year_month(value: str) -> models.YearMonth:
    year, _, month = value.partition("-")
    return models.YearMonth(int(year), int(month) if month else None)


def _month(value: str | None) -> models.YearMonth | None:
    return None if value is None else _year_month(value)


def _home(network: Network, item: dict[str, Any]) -> models.Home:
    return models.Home((network.name,), item["url"], item["organisation"]["name"])


def _slug(network: Network, item: dict[str, Any]) -> str:
    """Apart from every slug of ours (which has no ':') and of every other network."""
    return f"{network_key(network.name)}:{item['id']}"


def _profile(
    network: Network, item: dict[str, Any], organisations: Mapping[str, models.Organisation]
) -> models.Profile:
    availability = item["availability"]
    contact = item["contact"]
    return models.Profile(
        slug=_slug(network, item),
        source=item["url"],
        name=item["name"],
        role=item["role"],
        organisation=_organisation(network, item["organisation"], organisations),
        fields=tuple(item["fields"]),
        skills=tuple(item["skills"]),
        consent=dt.date.fromisoformat(item["consent"]),
        summary=item["summary"],
        region=item["region"],
        experience=tuple(
            models.Experience(e["role"], e["organisation"], _month(e["from"]) or models.YearMonth(1), _month(e["to"]))
            for e in item["experience"]
        ),
        availability=None
        if availability is None
        else models.Availability(
            availability["status"],
            availability["hours_per_week"],
            _date(availability["from"]),
            _date(availability["until"]),
        ),
        engagement=tuple(item["engagement"]),
        rate=item["rate"],
        languages=tuple(item["languages"]),
        # by name: a later 1.x export may add keys, which a reader of 1.0 ignores
        contact=None
        if contact is None
        else models.Contact(contact["email"], contact["phone"], contact["website"], contact["linkedin"]),
        updated=_date(item["updated"]),
        home=_home(network, item),
    )


def _assignment(
    network: Network, item: dict[str, Any], organisations: Mapping[str, models.Organisation]
) -> models.Assignment:
    contact = item["contact"]
    return models.Assignment(
        slug=_slug(network, item),
        source=item["url"],
        title=item["title"],
        organisation=_organisation(network, item["organisation"], organisations),
        fields=tuple(item["fields"]),
        skills=tuple(item["skills"]),
        posted=dt.date.fromisoformat(item["posted"]),
        deadline=dt.date.fromisoformat(item["deadline"]),
        summary=item["summary"],
        region=item["region"],
        location=item["location"],
        hours_per_week=item["hours_per_week"],
        start=_date(item["start"]),
        end=_date(item["end"]),
        engagement=item["engagement"],
        rate=item["rate"],
        # a person, never a profile slug: the profile is on the other site
        contact=None if contact is None else models.PersonContact(contact["name"], contact["email"], contact["phone"]),
        status=item["status"],
        updated=_date(item["updated"]),
        home=_home(network, item),
    )


# ---------------------------------------------------------------------------------------------
# One person, one card


def identities(profile: models.Profile, organisation_name: str) -> tuple[tuple[str, str], ...]:
    """What makes two profiles the same person: the same e-mail address (letter case aside), or
    the same name and organisation name (folded: case, accents and spacing aside)."""
    found = [("name", f"{fold(profile.name)}\n{_fold_name(organisation_name)}")]
    if profile.contact and profile.contact.email:
        found.insert(0, ("email", profile.contact.email.casefold()))
    return tuple(found)


def _merge(
    imported: list[tuple[Network, list[models.Profile]]],
    local: list[models.Profile],
    organisations: Mapping[str, models.Organisation],
) -> tuple[list[models.Profile], dict[str, tuple[str, ...]]]:
    """Each person once. Ours stays ours and names the networks that publish the same person;
    of two networks' copies, the first network's (in sitegen.yaml's order) is shown and names both."""
    owner: dict[tuple[str, str], tuple[str, int]] = {}  # identity -> ("local", index) or ("imported", index)
    for index, profile in enumerate(local):
        organisation = organisations.get(profile.organisation)
        for identity in identities(profile, organisation.name if organisation else profile.organisation):
            owner.setdefault(identity, ("local", index))
    also_in: dict[str, list[str]] = {}
    shown: list[models.Profile] = []
    for network, profiles in imported:
        for profile in profiles:
            assert profile.home is not None
            keys = identities(profile, profile.home.organisation)
            same = next((owner[key] for key in keys if key in owner), None)
            if same is None:
                for key in keys:
                    owner.setdefault(key, ("imported", len(shown)))
                shown.append(profile)
            elif same[0] == "local":
                names = also_in.setdefault(local[same[1]].slug, [])
                if network.name not in names:
                    names.append(network.name)
            else:
                first = shown[same[1]]
                assert first.home is not None
                if network.name not in first.home.networks:
                    home = replace(first.home, networks=(*first.home.networks, network.name))
                    shown[same[1]] = replace(first, home=home)
    return shown, {slug: tuple(names) for slug, names in also_in.items()}
