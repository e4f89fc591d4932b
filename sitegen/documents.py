"""One content file in, one typed record (or its diagnostics) out.

`process` runs in a worker process (see `workers.py`) and must never raise: every problem,
even an unexpected exception, becomes a diagnostic for its own file.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from . import models, schema, sources, yamlstrict
from .dates import one_year_before
from .diagnostics import ContentProblem, Diagnostic, error
from .messages import msg
from .sources import PhotoFile, SourceFile
from .terms import closest


@dataclass(frozen=True, slots=True)
class DocumentResult:
    """A file's result: its record (unless the caller asked for none, see `build.check_site`),
    its diagnostics, and the `Facts` that the checks across files read (`directory.check_across`)."""

    source: SourceFile
    record: models.Record | None
    diagnostics: tuple[Diagnostic, ...]
    facts: Facts | None = None

    @property
    def valid(self) -> bool:
        """Whether the file gives a record, asked for or not."""
        return gives_record(self.source, self.facts, self.diagnostics)


@dataclass(frozen=True, slots=True)
class PhotoResult:
    photo: PhotoFile
    diagnostics: tuple[Diagnostic, ...]


@dataclass(frozen=True, slots=True)
class ParseContext:
    """What one file's checks may know of the others."""

    build_date: dt.date
    vocabulary: schema.TermIndex | None = None
    organisations: frozenset[str] = frozenset()
    profiles: frozenset[str] = frozenset()  # slugs of every profile file, valid or not
    keep_html: bool = True  # `check` renders bodies for their time limit, but needs no HTML back


@dataclass(frozen=True, slots=True)
class Facts:
    """What the checks against the other files and the build date need of one file's values:
    kept apart so that a file's reading can be reused while those checks run again (`cache.py`)."""

    kind: str
    organisation: str | None = None
    contacts: tuple[tuple[str, str], ...] = ()  # (key, profile slug): contact, internal.contact
    consent: dt.date | None = None
    updated: dt.date | None = None
    deadline: dt.date | None = None
    open: bool = False  # an assignment whose status is open
    visibility: str = "public"  # of a profile or assignment
    lines: tuple[tuple[str, tuple[int, int]], ...] = ()  # of the keys above that the file has


@dataclass(frozen=True, slots=True)
class Reading:
    """One file read by itself: what follows from its bytes, its path, the vocabulary and sitegen's
    code alone, and so may be cached. `record` is there when the file has no error so far; `facts`
    when its front matter was a mapping. `finish` adds the checks that know the other files and
    the build date."""

    source: SourceFile
    record: models.Record | None
    facts: Facts | None
    diagnostics: tuple[Diagnostic, ...]


def gives_record(source: SourceFile, facts: Facts | None, diagnostics: tuple[Diagnostic, ...]) -> bool:
    """Whether a reading, or a result, has a record: `read_alone` makes one exactly when the front
    matter is a mapping (it has facts), the file has a valid name and nothing is an error; `finish`
    drops it when its own checks find one. So the checks across files need no record to know."""
    return facts is not None and bool(source.slug) and not any(d.is_error for d in diagnostics)


SPECS: dict[str, schema.Spec] = {"profile": schema.PROFILE, "assignment": schema.ASSIGNMENT, "page": schema.PAGE}


def prepare_workers(tasks: Iterable[SourceFile | PhotoFile] = ()) -> None:
    """Set up, once and in the parent, what each worker would otherwise set up for itself: for the
    kinds of file among `tasks`, the Markdown renderer (documents) and Pillow's plugins (photos).

    Building the Markdown renderer and loading Pillow's plugins cost more than checking the demo's
    photos and bodies. Workers that fork inherit them ready; a parent that lives on (the preview)
    pays once for all its builds instead of in every worker of every build. A pull request's
    check with a warm cache that reads one profile again loads no Pillow.
    """
    kinds = {type(task) for task in tasks}
    if SourceFile in kinds:
        from . import markup  # Python-Markdown: only where files are read

        markup.render("")
    if PhotoFile in kinds:
        from . import photos  # Pillow: only where photos are checked

        photos.load_plugins()


def process(task: SourceFile | PhotoFile, context: ParseContext) -> Reading | PhotoResult:
    """The work of a worker: a file read by itself, or a photo checked; `finish` completes a reading."""
    if isinstance(task, PhotoFile):
        return check_photo(task)
    return read_alone(task, context.vocabulary, context.keep_html)


def read_document(source: SourceFile, context: ParseContext) -> DocumentResult:
    return finish(read_alone(source, context.vocabulary, context.keep_html), context)


def finish(reading: Reading, context: ParseContext) -> DocumentResult:
    """A reading with the checks that know the other files (organisations, contact profiles) and
    the build date: cheap, so they run on every check, whether the reading was cached or not."""
    if reading.facts is None:
        return DocumentResult(reading.source, reading.record, reading.diagnostics)
    ctx = schema.Context(reading.source.path, context.vocabulary, lines=dict(reading.facts.lines))
    _check_references(reading.facts, context, ctx)
    _check_dates(reading.facts, context.build_date, ctx)
    record = None if ctx.diagnostics_have_errors() else reading.record
    if record is not None and not context.keep_html and record.body_html:
        record = dataclasses.replace(record, body_html="")
    return DocumentResult(reading.source, record, (*reading.diagnostics, *ctx.diagnostics), reading.facts)


def read_alone(source: SourceFile, vocabulary: schema.TermIndex | None, keep_html: bool = True) -> Reading:
    from . import markup  # Python-Markdown: a check that finds every file in the cache needs none

    ctx = schema.Context(source.path, vocabulary)
    record: models.Record | None = None
    facts: Facts | None = None
    try:
        text = sources.read_text(source.location)
        document = sources.split_front_matter(text)
        node = yamlstrict.load(document.front_matter, document.front_matter_line)
        values = schema.validate_mapping(node, SPECS[source.kind], "", ctx, missing_at=(1, 1))
        body = markup.render_body(document.body)
        if body.images:
            _warn_images(document, ctx)
        body_html = body.html
        if isinstance(values, dict):
            _check_rules(source.kind, values, ctx)
            facts = _facts(source.kind, values, ctx.lines)
        # A file without a valid name (reported by sources.list_content) is checked, never published.
        if isinstance(values, dict) and not ctx.diagnostics_have_errors() and source.slug:
            record = _build(source, values, body_html if keep_html else "", ctx.lines)
    except ContentProblem as problem:
        ctx.diagnostics.append(problem.to_diagnostic(source.path))
    except markup.BodyTooLarge as problem:
        ctx.diagnostics.append(
            error(
                source.path,
                _first_line(document, _REFERENCE_DEFINITION),
                1,
                "body-too-large",
                msg(
                    "document.body-too-large",
                    size=problem.size / 1024 / 1024,
                    limit=markup.MAX_HTML // 1024 // 1024,
                ),
                msg("document.body-too-large.hint"),
            )
        )
    except RecursionError:
        ctx.diagnostics.append(error(source.path, 1, 1, "too-deep", msg("document.too-deep")))
    except Exception as exc:  # noqa: BLE001 - contributed files must never crash the tool
        ctx.diagnostics.append(
            error(
                source.path,
                1,
                1,
                "internal-error",
                msg("document.crash", reason=f"{type(exc).__name__}: {exc}"),
                msg("document.crash.hint"),
            )
        )
    if ctx.diagnostics_have_errors():  # an exception after the record was made
        record = None
    return Reading(source, record, facts, tuple(ctx.diagnostics))


def _facts(kind: str, values: dict[str, Any], lines: models.Lines) -> Facts:
    internal = values.get("internal", {})
    contacts = tuple(
        (key, contact)
        for key, contact in (("contact", values.get("contact")), ("internal.contact", internal.get("contact")))
        if isinstance(contact, str)
    )
    organisation, visibility = values.get("organisation"), values.get("visibility")
    dates = {key: values[key] for key in ("consent", "updated", "deadline") if isinstance(values.get(key), dt.date)}
    wanted = ("organisation", *(key for key, _ in contacts), *dates)
    return Facts(
        kind=kind,
        organisation=organisation if isinstance(organisation, str) else None,
        contacts=contacts,
        consent=dates.get("consent") if kind == "profile" else None,
        updated=dates.get("updated") if kind == "profile" else None,
        deadline=dates.get("deadline") if kind == "assignment" else None,
        open=kind == "assignment" and values.get("status", "open") == "open",
        visibility=visibility if isinstance(visibility, str) else "public",
        lines=tuple((key, lines[key]) for key in wanted if key in lines),
    )


_IMAGE_SYNTAX = re.compile(r"!\[|<img[\s/>]", re.IGNORECASE)
_REFERENCE_DEFINITION = re.compile(r"^ {0,3}\[[^\]]+\]:")
_TEXT = re.compile(r"\S")


def _first_line(document: sources.Document, pattern: re.Pattern[str]) -> int:
    """The file line of the body's first line that `pattern` finds, else of its first text."""
    lines = document.body.split("\n")
    for wanted in (pattern, _TEXT):
        for index, line in enumerate(lines):
            if wanted.search(line):
                return document.body_line + index
    return document.body_line


def _warn_images(document: sources.Document, ctx: schema.Context) -> None:
    line = _first_line(document, _IMAGE_SYNTAX)
    match = _IMAGE_SYNTAX.search(document.body.split("\n")[line - document.body_line])
    ctx.warn(
        (line, match.start() + 1 if match else 1),
        "image-dropped",
        msg("document.image-dropped"),
        msg("document.image-dropped.hint"),
    )


def check_photo(photo: PhotoFile) -> PhotoResult:
    from . import images  # Pillow: only where photos are checked

    try:
        images.publish(sources.read_photo(photo.location))  # what the build does, so that it cannot fail there
    except ContentProblem as problem:  # a file that cannot be read concerns the whole photo too: line 0
        return PhotoResult(photo, (dataclasses.replace(problem.to_diagnostic(photo.path), line=0, column=0),))
    return PhotoResult(photo, ())


def _check_rules(kind: str, values: dict[str, Any], ctx: schema.Context) -> None:
    """Rules between fields of one file."""
    if kind == "profile":
        for prefix, scope in (("", values), ("internal.", values.get("internal", {}))):
            if scope.get("availability") is not None:
                _check_availability(scope["availability"], prefix + "availability", ctx)
        for position, item in enumerate(values.get("experience", ()), start=1):
            if item.end is not None and _ends_before(item.end, item.start):
                ctx.error(
                    ctx.lines.get(f"experience[{position}].to", (1, 1)),
                    "invalid-period",
                    msg(
                        "period",
                        key=f"experience[{position}].to",
                        end=str(item.end),
                        other="from",
                        start=str(item.start),
                    ),
                )
    elif kind == "assignment":
        posted, deadline = values.get("posted"), values.get("deadline")
        if posted and deadline and deadline < posted:
            period = msg("period", key="deadline", end=str(deadline), other="posted", start=str(posted))
            ctx.error(ctx.lines["deadline"], "invalid-period", period)
        start, end = values.get("start"), values.get("end")
        if start and end and end < start:
            period = msg("period", key="end", end=str(end), other="start", start=str(start))
            ctx.error(ctx.lines["end"], "invalid-period", period)


def _ends_before(end: models.YearMonth, start: models.YearMonth) -> bool:
    """A year without a month covers the whole year: `from: 2021-06` with `to: 2021` is fine."""
    return (end.year, end.month or 12) < (start.year, start.month or 1)


def _check_references(facts: Facts, context: ParseContext, ctx: schema.Context) -> None:
    organisation = facts.organisation
    if organisation is not None and organisation not in context.organisations:
        near = closest(organisation, context.organisations)
        hint = msg("organisation.closest", ids=", ".join(near)) if near else msg("organisation.listing")
        ctx.error(
            ctx.lines["organisation"],
            "unknown-organisation",
            msg("organisation.unknown", value=organisation),
            hint,
        )
    for key, contact in facts.contacts:
        if contact not in context.profiles:
            near = closest(contact, context.profiles)
            hint = msg("profile.closest", ids=", ".join(near)) if near else msg("profile.listing")
            ctx.error(ctx.lines[key], "unknown-profile", msg("profile.unknown", key=key, value=contact), hint)


def _check_dates(facts: Facts, build_date: dt.date, ctx: schema.Context) -> None:
    """Errors and warnings that depend on the build date."""
    for key in ("consent", "updated"):
        day = facts.consent if key == "consent" else facts.updated
        if day is not None and day > build_date:  # a typo, or consent not given yet
            ctx.error(
                ctx.lines[key],
                "date-in-future",
                msg("date.future", key=key, value=str(day), date=str(build_date)),
                msg(f"date.future.{key}.hint"),
            )
    if facts.consent is not None:
        key, last_seen = ("updated", facts.updated) if facts.updated is not None else ("consent", facts.consent)
        if last_seen < one_year_before(build_date):
            ctx.warn(
                ctx.lines[key],
                "stale-profile",
                msg("profile.stale", key=key, value=str(last_seen), date=str(build_date)),
                msg("profile.stale.hint", date=str(build_date)),
            )
    elif facts.deadline is not None and facts.open and facts.deadline < build_date:
        ctx.warn(
            ctx.lines["deadline"],
            "deadline-passed",
            msg("deadline.passed", value=str(facts.deadline)),
            msg("deadline.passed.hint"),
        )


def _check_availability(availability: models.Availability, key: str, ctx: schema.Context) -> None:
    if availability.status == "unavailable" and availability.hours_per_week:
        ctx.error(
            ctx.lines.get(f"{key}.hours_per_week", (1, 1)),
            "invalid-value",
            msg("availability.hours", key=key),
        )
    start, until = availability.available_from, availability.available_until
    if isinstance(start, dt.date) and isinstance(until, dt.date) and until < start:
        period = msg("period", key=f"{key}.until", end=str(until), other="from", start=str(start))
        ctx.error(ctx.lines.get(f"{key}.until", (1, 1)), "invalid-period", period)


def _build(source: SourceFile, values: dict[str, Any], body_html: str, lines: models.Lines) -> models.Record:
    if source.kind == "profile":
        return models.Profile(slug=source.slug, source=source.path, body_html=body_html, lines=lines, **values)
    if source.kind == "assignment":
        return models.Assignment(slug=source.slug, source=source.path, body_html=body_html, lines=lines, **values)
    return models.Page(slug=source.slug, source=source.path, body_html=body_html, lines=lines, **values)


def timeout_diagnostic(path: str, seconds: float) -> Diagnostic:
    return error(
        path,
        1,
        1,
        "time-limit",
        msg("document.time-limit.one" if seconds == 1 else "document.time-limit", seconds=float(seconds)),
        msg("document.time-limit.hint"),
    )


def crash_diagnostic(path: str, reason: str) -> Diagnostic:
    return error(
        path,
        1,
        1,
        "internal-error",
        msg("document.crash", reason=reason),
        msg("document.crash.hint"),
    )
