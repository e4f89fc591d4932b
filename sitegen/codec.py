"""Readings and photo results as JSON text and back, for the cache (`cache.py`).

JSON, never pickle: the cache folder is kept between CI runs, and unpickling what someone else
could have written runs their code. Each class the cache holds has a table here, one converter
per field in the dataclass's order; a record is the JSON array of its fields. Decoding checks
every value's kind against its table (text, number, date, tuple of texts, ...) and builds only
these classes, so text that is not what `encode_*` writes raises `Undecodable`, and the caller
reads the file again. The tables are the list of what may cross the cache: a field added to a
record without its converter fails `tests/test_cache.py`.

A record's body is not in its entry (`cache.py` keeps bodies apart, by their hash): the entry
says the body's SHA-256 instead, so that `check`, which needs no HTML, reads none. Nor does
`check` decode a record: a reading is a head (what the check needs: the facts, the diagnostics)
and the record's text after it, decoded only by a caller that wants records (`decode_record`).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
from collections.abc import Callable
from typing import Any

from . import models
from .diagnostics import Diagnostic, Severity
from .documents import Facts, PhotoResult, Reading, gives_record
from .messages import CATALOG, Message, Param
from .sources import PhotoFile, SourceFile


class Undecodable(ValueError):
    """Text that is not a reading or photo result as `encode_*` writes them."""


Encode = Callable[[Any], Any]
Decode = Callable[[Any], Any]


@dataclasses.dataclass(frozen=True, slots=True)
class Converter:
    encode: Encode
    decode: Decode
    # A value that JSON gives as it is: the kinds it may have, checked inline by `instance`
    # without a call (most fields are text; a call per field was most of a warm check's time).
    plain: frozenset[type] | None = None


def _same(value: Any) -> Any:
    return value


def _plain(*kinds: type) -> Converter:
    allowed = frozenset(kinds)

    def decode(value: Any) -> Any:
        if type(value) not in allowed:
            raise Undecodable(f"expected {' or '.join(k.__name__ for k in kinds)}, got {type(value).__name__}")
        return value

    return Converter(_same, decode, allowed)


TEXT = _plain(str)
NUMBER = _plain(int, float)
BOOL = _plain(bool)
WHOLE = _plain(int)


def optional(inner: Converter) -> Converter:
    if inner.plain is not None:
        return _plain(*inner.plain, type(None))
    return Converter(
        lambda v: None if v is None else inner.encode(v),
        lambda v: None if v is None else inner.decode(v),
    )


def _decode_date(value: Any) -> dt.date:
    if not isinstance(value, str):
        raise Undecodable("expected a date")
    return dt.date.fromisoformat(value)


DATE = Converter(lambda v: v.isoformat(), _decode_date)


def tuple_of(inner: Converter) -> Converter:
    def decode(value: Any) -> tuple[Any, ...]:
        if not isinstance(value, list):
            raise Undecodable("expected a list")
        return tuple(inner.decode(v) for v in value)

    return Converter(lambda v: [inner.encode(x) for x in v], decode)


def _texts(value: Any) -> tuple[str, ...]:
    if not isinstance(value, list) or set(map(type, value)) - {str}:
        raise Undecodable("expected a list of texts")
    return tuple(value)


TEXTS = Converter(list, _texts)  # the common case, without a call per item


def instance(cls: type[Any], table: dict[str, Converter]) -> Converter:
    """A dataclass as the array of its fields, in the dataclass's order."""
    names = [f.name for f in dataclasses.fields(cls)]
    if names != list(table):
        raise AssertionError(f"the cache's table of {cls.__name__} does not list its fields in order")
    converters = list(table.values())
    size = len(converters)
    plain = [(i, c.plain) for i, c in enumerate(converters) if c.plain is not None]
    other = [(i, c.decode) for i, c in enumerate(converters) if c.plain is None]

    def encode(value: Any) -> Any:
        if type(value) is not cls:
            raise TypeError(f"expected a {cls.__name__}")
        return [c.encode(getattr(value, n)) for c, n in zip(converters, names, strict=True)]

    def decode(value: Any) -> Any:
        if type(value) is not list or len(value) != size:
            raise Undecodable(f"expected the {size} fields of a {cls.__name__}")
        for i, kinds in plain:
            if type(value[i]) not in kinds:
                raise Undecodable(f"{cls.__name__}.{names[i]}: unexpected {type(value[i]).__name__}")
        for i, convert in other:
            value[i] = convert(value[i])
        return cls(*value)

    return Converter(encode, decode)


def _encode_lines(lines: dict[str, tuple[int, int]]) -> list[list[Any]]:
    return [list(lines), [p[0] for p in lines.values()], [p[1] for p in lines.values()]]


def _decode_lines(value: Any) -> dict[str, tuple[int, int]]:
    """Three lists (keys, lines, columns): one call per record, not one per key."""
    if not (type(value) is list and len(value) == 3 and all(type(part) is list for part in value)):
        raise Undecodable("expected the lines")
    keys, lines, columns = value
    try:  # checked at C speed: a join fails on anything but text, a sum of whole numbers is one
        "".join(keys)
        total = sum(lines) + sum(columns)
    except TypeError:
        raise Undecodable("expected keys with a line and a column") from None
    if type(total) is not int or not (len(keys) == len(lines) == len(columns)):
        raise Undecodable("expected keys with a line and a column")
    return dict(zip(keys, zip(lines, columns)))  # noqa: B905 - the lengths are checked above


LINES = Converter(_encode_lines, _decode_lines)

YEAR_MONTH = instance(models.YearMonth, {"year": WHOLE, "month": optional(WHOLE)})
EXPERIENCE = instance(
    models.Experience,
    {"role": TEXT, "organisation": TEXT, "start": YEAR_MONTH, "end": optional(YEAR_MONTH)},
)
AVAILABILITY = instance(
    models.Availability,
    {
        "status": TEXT,
        "hours_per_week": optional(NUMBER),
        "available_from": optional(DATE),
        "available_until": optional(DATE),
    },
)
CONTACT = instance(
    models.Contact,
    {"email": optional(TEXT), "phone": optional(TEXT), "website": optional(TEXT), "linkedin": optional(TEXT)},
)
PERSON = instance(models.PersonContact, {"name": TEXT, "email": optional(TEXT), "phone": optional(TEXT)})


def _encode_assignment_contact(value: Any) -> Any:
    return value if value is None or isinstance(value, str) else PERSON.encode(value)


def _decode_assignment_contact(value: Any) -> Any:
    return value if value is None or isinstance(value, str) else PERSON.decode(value)


ASSIGNMENT_CONTACT = Converter(_encode_assignment_contact, _decode_assignment_contact)


def internal(fields: dict[str, Converter]) -> Converter:
    """The `internal:` block: attribute -> value, each converted as the record's own field
    (`fields` is the record's whole table, complete by the time anything is converted)."""

    def encode(value: Any) -> Any:
        return {k: fields[k].encode(v) for k, v in value.items()}

    def decode(value: Any) -> Any:
        if not isinstance(value, dict) or not all(k in fields for k in value):
            raise Undecodable("expected an internal block")
        return {k: fields[k].decode(v) for k, v in value.items()}

    return Converter(encode, decode)


def _local(value: Any) -> Any:
    """`home` of a record read from this site's own files: imports (federation.py) are never cached."""
    if value is not None:
        raise Undecodable("expected a record of this site")
    return None


LOCAL = Converter(_local, _local)

_PROFILE_FIELDS: dict[str, Converter] = {
    "slug": TEXT,
    "source": TEXT,
    "name": TEXT,
    "role": TEXT,
    "organisation": TEXT,
    "fields": TEXTS,
    "skills": TEXTS,
    "consent": DATE,
    "summary": optional(TEXT),
    "region": optional(TEXT),
    "experience": tuple_of(EXPERIENCE),
    "availability": optional(AVAILABILITY),
    "engagement": TEXTS,
    "rate": optional(NUMBER),
    "languages": TEXTS,
    "contact": optional(CONTACT),
    "maintainers": TEXTS,
    "visibility": TEXT,
}
_PROFILE_FIELDS["internal"] = internal(_PROFILE_FIELDS)
_PROFILE_FIELDS.update(
    {
        "updated": optional(DATE),
        "body_html": TEXT,
        "photo": optional(TEXT),
        "home": LOCAL,
        "also_in": TEXTS,
        "lines": LINES,
    }
)
PROFILE = instance(models.Profile, _PROFILE_FIELDS)
_ASSIGNMENT_FIELDS: dict[str, Converter] = {
    "slug": TEXT,
    "source": TEXT,
    "title": TEXT,
    "organisation": TEXT,
    "fields": TEXTS,
    "skills": TEXTS,
    "posted": DATE,
    "deadline": DATE,
    "summary": optional(TEXT),
    "region": optional(TEXT),
    "location": optional(TEXT),
    "hours_per_week": optional(NUMBER),
    "start": optional(DATE),
    "end": optional(DATE),
    "engagement": optional(TEXT),
    "rate": optional(NUMBER),
    "contact": ASSIGNMENT_CONTACT,
    "status": TEXT,
    "visibility": TEXT,
}
_ASSIGNMENT_FIELDS["internal"] = internal(_ASSIGNMENT_FIELDS)
_ASSIGNMENT_FIELDS.update({"updated": optional(DATE), "body_html": TEXT, "home": LOCAL, "lines": LINES})
ASSIGNMENT = instance(models.Assignment, _ASSIGNMENT_FIELDS)
PAGE = instance(
    models.Page,
    {
        "slug": TEXT,
        "source": TEXT,
        "title": TEXT,
        "description": optional(TEXT),
        "menu": optional(NUMBER),
        "body_html": TEXT,
        "lines": LINES,
    },
)
FACTS = instance(
    Facts,
    {
        "kind": TEXT,
        "organisation": optional(TEXT),
        "contacts": tuple_of(Converter(list, _texts)),
        "consent": optional(DATE),
        "updated": optional(DATE),
        "deadline": optional(DATE),
        "open": BOOL,
        "visibility": TEXT,
        "lines": Converter(lambda v: _encode_lines(dict(v)), lambda v: tuple(_decode_lines(v).items())),
    },
)
RECORDS: dict[str, tuple[type[Any], Converter]] = {
    "profile": (models.Profile, PROFILE),
    "assignment": (models.Assignment, ASSIGNMENT),
    "page": (models.Page, PAGE),
}


def _encode_message(message: Message | None) -> Any:
    """A catalog message as [key, [[name, value], ...]]; a parameter that is a message nests as
    a list, so that the reporters can still render it in the site's language."""
    if message is None:
        return None
    return [
        message.key,
        [[name, _encode_message(value) if isinstance(value, Message) else value] for name, value in message.params],
    ]


def _decode_message(value: Any) -> Message | None:
    if value is None:
        return None
    if not (isinstance(value, list) and len(value) == 2 and isinstance(value[0], str) and isinstance(value[1], list)):
        raise Undecodable("expected a message")
    key, encoded = value
    if key not in CATALOG:
        raise Undecodable(f"no message {key!r}")
    params: list[tuple[str, Param]] = []
    for item in encoded:
        if not (isinstance(item, list) and len(item) == 2 and isinstance(item[0], str)):
            raise Undecodable("expected a message parameter")
        name, param = item
        if isinstance(param, list):
            nested = _decode_message(param)
            assert nested is not None
            params.append((name, nested))
        elif isinstance(param, (str, int, float)) and not isinstance(param, bool):
            params.append((name, param))
        else:
            raise Undecodable("expected a message parameter")
    return Message(key, tuple(params))


def _encode_diagnostic(d: Diagnostic) -> list[Any]:
    return [
        d.line,
        d.column,
        d.severity.value,
        d.code,
        d.message,
        d.hint,
        _encode_message(d.text),
        _encode_message(d.hint_text),
    ]


def _decode_diagnostics(value: Any, path: str) -> tuple[Diagnostic, ...]:
    if not isinstance(value, list):
        raise Undecodable("expected the diagnostics")
    found = []
    for item in value:
        if not isinstance(item, list) or len(item) != 8:
            raise Undecodable("expected a diagnostic")
        line, column, severity, code, message, hint, text, hint_text = item
        if not (type(line) is int and type(column) is int and all(isinstance(t, str) for t in (code, message, hint))):
            raise Undecodable("expected a diagnostic")
        found.append(
            Diagnostic(
                path,
                line,
                column,
                Severity(severity),
                code,
                message,
                hint,
                _decode_message(text),
                _decode_message(hint_text),
            )
        )
    return tuple(found)


def encode_reading(reading: Reading, body_hash: str) -> str:
    """Two JSON texts split by a tab (JSON writes none but as an escape): the head, all that
    `check` needs ([path, body's hash, facts, diagnostics without their path]), then the record
    without its body, which only a caller that wants records decodes (`decode_record`)."""
    record = reading.record
    encoded = None
    if record is not None:
        encoded = RECORDS[reading.source.kind][1].encode(dataclasses.replace(record, body_html=""))
    facts = FACTS.encode(reading.facts) if reading.facts is not None else None
    head = [reading.source.path, body_hash, facts, [_encode_diagnostic(d) for d in reading.diagnostics]]
    return _dumps(head) + "\t" + _dumps(encoded)


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)


def decode_head(text: bytes, source: SourceFile) -> tuple[Reading, str, bytes]:
    """The reading without its record, its body's hash, and the record's text, undecoded.

    The head must be this file's, and agree with the record's text: there is a record (and only
    then a body) exactly when the head's facts and diagnostics say that the file gives one.
    """
    head, tab, record = text.partition(b"\t")
    value = _loads(head)
    if not tab or type(value) is not list or len(value) != 4:
        raise Undecodable("expected a reading")
    path, body_hash, facts, diagnostics = value
    if path != source.path:
        raise Undecodable("the reading is another file's")
    try:
        decoded_facts = None if facts is None else FACTS.decode(facts)
        diagnostics_found = _decode_diagnostics(diagnostics, source.path)
    except (TypeError, ValueError, KeyError) as exc:  # a constructor's refusal, a bad date or severity
        raise Undecodable(str(exc)) from None
    has_record = gives_record(source, decoded_facts, diagnostics_found)
    if has_record == (record == b"null"):
        raise Undecodable("the record does not agree with the diagnostics")
    if not (body_hash == "" or (has_record and type(body_hash) is str and _HASH.fullmatch(body_hash))):
        raise Undecodable("expected the body's hash")
    return Reading(source, None, decoded_facts, diagnostics_found), body_hash, record


def decode_record(text: bytes, source: SourceFile) -> models.Record | None:
    """The record (its body empty) of `decode_head`'s text."""
    value = _loads(text)
    if value is None:
        return None
    try:
        record: models.Record = RECORDS[source.kind][1].decode(value)
    except (TypeError, ValueError, KeyError) as exc:
        raise Undecodable(str(exc)) from None
    if record.source != source.path or record.slug != source.slug:
        raise Undecodable("the record is another file's")
    return record


def decode_reading(text: str, source: SourceFile) -> tuple[Reading, str]:
    """The reading, with its record (its body empty), and its body's hash."""
    reading, body_hash, record = decode_head(text.encode(), source)
    return dataclasses.replace(reading, record=decode_record(record, source)), body_hash


_HASH = re.compile(r"[0-9a-f]{64}")


def encode_photo(result: PhotoResult) -> str:
    return json.dumps([_encode_diagnostic(d) for d in result.diagnostics], ensure_ascii=False, separators=(",", ":"))


def decode_photo(text: bytes, photo: PhotoFile) -> PhotoResult:
    try:
        return PhotoResult(photo, _decode_diagnostics(_loads(text), photo.path))
    except ValueError as exc:  # a severity that is none
        raise Undecodable(str(exc)) from None


def _loads(text: str | bytes) -> Any:
    try:
        return json.loads(text)
    except (ValueError, RecursionError) as exc:
        raise Undecodable(str(exc)) from None
