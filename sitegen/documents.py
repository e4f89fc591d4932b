"""One content file in, one typed record (or its diagnostics) out.

`process` runs in a worker process (see `workers.py`) and must never raise: every problem,
even an unexpected exception, becomes a diagnostic for its own file.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from . import images, markup, models, photos, schema, sources, yamlstrict
from .dates import one_year_before
from .diagnostics import ContentProblem, Diagnostic, error
from .messages import msg
from .sources import PhotoFile, SourceFile
from .terms import closest


@dataclass(frozen=True, slots=True)
class DocumentResult:
    source: SourceFile
    record: models.Record | None
    diagnostics: tuple[Diagnostic, ...]


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


SPECS: dict[str, schema.Spec] = {"profile": schema.PROFILE, "assignment": schema.ASSIGNMENT, "page": schema.PAGE}


def prepare_workers() -> None:
    """Set up, once and in the parent, what each worker would otherwise set up for itself.

    Building the Markdown renderer and loading Pillow's plugins cost more than checking the demo's
    photos and bodies. Workers that fork inherit them ready; a parent that lives on (the preview)
    pays once for all its builds instead of in every worker of every build.
    """
    markup.render("")
    photos.load_plugins()


def process(task: SourceFile | PhotoFile, context: ParseContext) -> DocumentResult | PhotoResult:
    if isinstance(task, PhotoFile):
        return check_photo(task)
    return read_document(task, context)


def read_document(source: SourceFile, context: ParseContext) -> DocumentResult:
    ctx = schema.Context(source.path, context.vocabulary)
    record: models.Record | None = None
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
            _check_references(values, context, ctx)
            _check_dates(source.kind, values, context.build_date, ctx)
        # A file without a valid name (reported by sources.list_content) is checked, never published.
        if isinstance(values, dict) and not ctx.diagnostics_have_errors() and source.slug:
            record = _build(source, values, body_html if context.keep_html else "", ctx.lines)
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
                    size=f"{problem.size / 1024 / 1024:.1f}",
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
    return DocumentResult(source, record, tuple(ctx.diagnostics))


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


def _check_references(values: dict[str, Any], context: ParseContext, ctx: schema.Context) -> None:
    organisation = values.get("organisation")
    if isinstance(organisation, str) and organisation not in context.organisations:
        near = closest(organisation, context.organisations)
        hint = msg("organisation.closest", ids=", ".join(near)) if near else msg("organisation.listing")
        ctx.error(
            ctx.lines["organisation"],
            "unknown-organisation",
            msg("organisation.unknown", value=organisation),
            hint,
        )
    internal_contact = values.get("internal", {}).get("contact")
    for key, contact in (("contact", values.get("contact")), ("internal.contact", internal_contact)):
        if isinstance(contact, str) and contact not in context.profiles:
            near = closest(contact, context.profiles)
            hint = msg("profile.closest", ids=", ".join(near)) if near else msg("profile.listing")
            ctx.error(ctx.lines[key], "unknown-profile", msg("profile.unknown", key=key, value=contact), hint)


def _check_dates(kind: str, values: dict[str, Any], build_date: dt.date, ctx: schema.Context) -> None:
    """Errors and warnings that depend on the build date."""
    for key in ("consent", "updated") if kind == "profile" else ():
        if isinstance(values.get(key), dt.date) and values[key] > build_date:  # a typo, or consent not given yet
            ctx.error(
                ctx.lines[key],
                "date-in-future",
                msg("date.future", key=key, value=str(values[key]), date=str(build_date)),
                msg(f"date.future.{key}.hint"),
            )
    if kind == "profile" and isinstance(values.get("consent"), dt.date):
        key = "updated" if "updated" in values else "consent"
        last_seen = values[key]
        if last_seen < one_year_before(build_date):
            ctx.warn(
                ctx.lines[key],
                "stale-profile",
                msg("profile.stale", key=key, value=str(last_seen), date=str(build_date)),
                msg("profile.stale.hint", date=str(build_date)),
            )
    elif (
        kind == "assignment"
        and isinstance(values.get("deadline"), dt.date)
        and values.get("status", "open") == "open"
        and values["deadline"] < build_date
    ):
        ctx.warn(
            ctx.lines["deadline"],
            "deadline-passed",
            msg("deadline.passed", value=str(values["deadline"])),
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
        msg("document.time-limit.one" if seconds == 1 else "document.time-limit", seconds=f"{seconds:g}"),
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
