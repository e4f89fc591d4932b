"""The field rules: the single place that says what a valid file holds.

A spec is a tuple of `Key`s; each key has a validator, a function that takes a YAML node and
returns the typed value or INVALID after reporting what is wrong. Validators never raise for
content: every mistake becomes a diagnostic with the node's line and a hint.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import unicodedata
from collections.abc import Callable, Iterable
from collections.abc import Mapping as AbcMapping
from dataclasses import dataclass, field
from typing import Any, Final, TypeVar
from urllib.parse import SplitResult, urlsplit

from . import models
from .diagnostics import Diagnostic, error, warning
from .messages import Message, msg
from .terms import SLUG, closest, fold, is_slug, slugify
from .yamlstrict import Mapping, Node, Scalar, Sequence, describe


class _Invalid:
    def __repr__(self) -> str:
        return "INVALID"


INVALID: Final = _Invalid()
SLUG_PATTERN: Final = f"^(?:{SLUG.pattern})$"

# Characters that change how text is shown without being seen: a right-to-left override can
# make "gpj.exe" look like "exe.jpg". Never acceptable in a name or a URL.
_BIDI_CONTROLS = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


@dataclass
class Context:
    """Where diagnostics go while one file is validated."""

    path: str
    vocabulary: TermIndex | None = None
    diagnostics: list[Diagnostic] = field(default_factory=list)
    lines: dict[str, tuple[int, int]] = field(default_factory=dict)

    def error(self, node: Node | tuple[int, int], code: str, message: Message, hint: Message | None = None) -> _Invalid:
        line, column = (node.line, node.column) if not isinstance(node, tuple) else node
        self.diagnostics.append(error(self.path, line, column, code, message, hint))
        return INVALID

    def diagnostics_have_errors(self) -> bool:
        return any(d.is_error for d in self.diagnostics)

    def warn(self, node: Node | tuple[int, int], code: str, message: Message, hint: Message | None = None) -> None:
        line, column = (node.line, node.column) if not isinstance(node, tuple) else node
        self.diagnostics.append(warning(self.path, line, column, code, message, hint))


Check = Callable[[Node, str, Context], Any]


@dataclass(frozen=True, slots=True)
class Rule:
    """What a validator accepts, as data: the one source of the JSON Schema and the profile form.

    `kind` names the validator (text, choice, number, date, year-month, https-url, email, phone,
    username, reference, language-code, term, list, mapping, contact); the other fields are the
    limits it was made with. A test proves every validator in a spec carries its rule.
    """

    kind: str
    minimum: float | None = None  # length of a text, value of a number, items of a list, a year-month's year
    maximum: float | None = None
    whole: bool = False
    options: tuple[str, ...] = ()  # a choice's allowed values
    what: str = ""  # a reference's target, a term's kind, a list's noun
    unique: bool = False
    item: Rule | None = None  # a list's items
    spec: tuple[Key, ...] = ()  # a mapping's keys
    alternatives: tuple[Rule, ...] = ()  # one of these shapes (an assignment's contact)
    # A regular expression that every text the validator accepts matches, anchored with ^ and $,
    # in the subset that ECMA-262 (JSON Schema, browsers) and Python's re read alike: no \d, \s
    # or \w (their meanings differ), character escapes as \xHH and \uHHHH.
    pattern: str = ""


@dataclass(frozen=True, slots=True)
class Validator:
    """A validator and the rule it enforces."""

    rule: Rule
    check: Check

    def __call__(self, node: Node, key: str, ctx: Context) -> Any:
        return self.check(node, key, ctx)


def rule(described: Rule) -> Callable[[Check], Validator]:
    """Decorate a validator function with the rule it enforces."""
    return lambda check: Validator(described, check)


@dataclass(frozen=True, slots=True)
class Key:
    name: str
    validate: Validator
    required: bool = False
    attr: str = ""  # the record's attribute, when it differs from the key

    @property
    def attribute(self) -> str:
        return self.attr or self.name


Spec = tuple[Key, ...]


# ---------------------------------------------------------------------------------------------
# Terms (fields and skills) and their vocabulary


@dataclass(frozen=True)
class TermIndex:
    """Folded term or alias -> canonical term, per kind ('fields', 'skills')."""

    canonical: AbcMapping[str, AbcMapping[str, str]]

    @classmethod
    def from_vocabulary(cls, vocabulary: models.Vocabulary) -> TermIndex:
        index: dict[str, dict[str, str]] = {}
        for kind, terms in (("fields", vocabulary.fields), ("skills", vocabulary.skills)):
            table: dict[str, str] = {}
            for term in terms:
                table[fold(term.term)] = term.term
                for alias in term.aliases:
                    table.setdefault(fold(alias), term.term)
            index[kind] = table
        return cls(index)

    def terms(self, kind: str) -> list[str]:
        return sorted(set(self.canonical[kind].values()), key=fold)


# ---------------------------------------------------------------------------------------------
# Scalar validators


def _text_of(node: Node, key: str, ctx: Context, expected: Message | None = None) -> str | _Invalid:
    if not isinstance(node, Scalar) or node.value is None:
        return ctx.error(
            node, "wrong-type", msg("wrong-type", key=key, expected=expected or _A_TEXT, got=describe(node))
        )
    # A number where text is wanted ("role: 2019") is kept exactly as it was written.
    return node.value if isinstance(node.value, str) else node.source


Parsed = TypeVar("Parsed")
_A_TEXT: Final = msg("expected.text")


def did_you_mean(word: str, candidates: Iterable[str]) -> Message | None:
    """A hint like "did you mean 'visibility'?" for the closest candidate, or None when nothing is close."""
    matches = closest(word, candidates, limit=1)
    return msg("did-you-mean", word=matches[0]) if matches else None


def with_suggestion(suggestion: Message | None, rest: Message) -> Message:
    return rest if suggestion is None else msg("with-suggestion", suggestion=suggestion, rest=rest)


def on_text(
    expected: Message | None = None,
) -> Callable[[Callable[[str, Node, str, Context], Parsed]], Callable[[Node, str, Context], Parsed | _Invalid]]:
    """A validator of a value written as text: `check(value, node, key, ctx)` runs only on a
    scalar, and gets its text; anything else is a wrong-type error saying what was `expected`."""

    def wrap(check: Callable[[str, Node, str, Context], Parsed]) -> Callable[[Node, str, Context], Parsed | _Invalid]:
        @functools.wraps(check)
        def validate(node: Node, key: str, ctx: Context) -> Parsed | _Invalid:
            value = _text_of(node, key, ctx, expected)
            return value if isinstance(value, _Invalid) else check(value, node, key, ctx)

        return validate

    return wrap


# Control characters (Unicode category Cc) and the direction controls: one scan finds the first.
_SUSPECT = re.compile("[\x00-\x1f\x7f-\x9f" + "".join(sorted(_BIDI_CONTROLS)) + "]")

# What str.isspace() calls white space (tests/test_schema_rules.py proves the list complete),
# for patterns that allow the spaces a validator strips.
WHITESPACE = frozenset(
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006"
    "\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)
_CONTROLS = frozenset(map(chr, [*range(0x20), *range(0x7F, 0xA0)]))


def char_ranges(chars: Iterable[str]) -> str:
    """The inside of a regular-expression class of `chars`, in ranges, escaped alike for ECMA-262 and Python."""
    codes = sorted({ord(c) for c in chars})
    parts: list[str] = []
    start = 0
    for position, code in enumerate(codes):
        if position + 1 < len(codes) and codes[position + 1] == code + 1:
            continue
        first, last = codes[start], code
        parts.append(_escape(first) if first == last else f"{_escape(first)}-{_escape(last)}")
        start = position + 1
    return "".join(parts)


def _escape(code: int) -> str:
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def _no_case(word: str) -> str:
    return "".join(f"[{c.upper()}{c.lower()}]" if c.isalpha() else re.escape(c) for c in word)


_SPACES = f"[{char_ranges(WHITESPACE)}]*"
# After runs of white space become one space, no control character or direction control may be left.
_TEXT_PATTERN = f"^[^{char_ranges((_CONTROLS - WHITESPACE) | _BIDI_CONTROLS)}]*$"
# What a URL may not contain anywhere: controls, direction controls, white space, a backslash.
NOT_IN_URL: Final = _CONTROLS | _BIDI_CONTROLS | WHITESPACE | {"\\"}
_NOT_IN_URL = char_ranges(NOT_IN_URL)


def _url_pattern(scheme: str) -> str:
    """scheme://host-with-a-dot[:port][/path][?query][#fragment], with no user name or password."""
    authority = f"[^/?#@{_NOT_IN_URL}]*"
    return f"^{_no_case(scheme)}://{authority}\\.{authority}(?:[/?#][^{_NOT_IN_URL}]*)?$"


def _check_characters(text: str, node: Node, key: str, ctx: Context, multiline: bool = False) -> bool:
    if _SUSPECT.search(text) is None:  # the common case, without a loop in Python
        return True
    for char in text:
        if char in _BIDI_CONTROLS:
            ctx.error(
                node,
                "invisible-character",
                msg("text.direction", key=key, code=f"{ord(char):04X}"),
                msg("retype"),
            )
            return False
        if unicodedata.category(char) == "Cc" and not (multiline and char == "\n"):
            ctx.error(
                node,
                "control-character",
                msg("text.control", key=key, code=f"{ord(char):04X}"),
                msg("retype"),
            )
            return False
    return True


def text(min_length: int = 1, max_length: int = 200) -> Validator:
    @on_text()
    def validate(value: str, node: Node, key: str, ctx: Context) -> str | _Invalid:
        value = " ".join(value.split())
        if not _check_characters(value, node, key, ctx):
            return INVALID
        if len(value) < min_length:
            return ctx.error(node, "too-short", msg("text.too-short", key=key, minimum=min_length, count=len(value)))
        if len(value) > max_length:
            return ctx.error(
                node,
                "too-long",
                msg("text.too-long", key=key, maximum=max_length, count=len(value)),
                msg("text.too-long.hint"),
            )
        return value

    return Validator(Rule("text", min_length, max_length, pattern=_TEXT_PATTERN), validate)


def choice(allowed: Iterable[str]) -> Validator:
    options = tuple(allowed)

    @on_text(msg("expected.choice", options=", ".join(options)))
    def validate(value: str, node: Node, key: str, ctx: Context) -> str | _Invalid:
        if value in options:
            return value
        allowed = msg("choice.allowed", options=", ".join(options))
        return ctx.error(
            node,
            "invalid-value",
            msg("choice.unknown", key=key, value=value),
            with_suggestion(did_you_mean(value, options), allowed),
        )

    return Validator(Rule("choice", options=options), validate)


_DECIMAL_TEXT = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?")


def number(minimum: float, maximum: float, whole: bool = False) -> Validator:
    def validate(node: Node, key: str, ctx: Context) -> float | int | _Invalid:
        # The loader keeps `87.50` and quoted numbers as text; a field that wants a number parses them.
        if isinstance(node, Scalar) and isinstance(node.value, str) and _DECIMAL_TEXT.fullmatch(node.value):
            value = node.value
            node = Scalar(float(value) if "." in value else int(value), value, node.line, node.column)
        if not isinstance(node, Scalar) or not isinstance(node.value, (int, float)):
            hint = None
            if isinstance(node, Scalar) and isinstance(node.value, str) and re.fullmatch(r"\d+,\d+", node.value):
                hint = msg("number.comma", value=node.value.replace(",", "."))
            expected = msg("got.number")
            return ctx.error(
                node, "wrong-type", msg("wrong-type", key=key, expected=expected, got=describe(node)), hint
            )
        if whole and not isinstance(node.value, int):
            return ctx.error(node, "wrong-type", msg("number.whole", key=key, value=node.source))
        if not minimum <= node.value <= maximum:
            return ctx.error(
                node,
                "out-of-range",
                msg("number.range", key=key, minimum=f"{minimum:g}", maximum=f"{maximum:g}", value=node.source),
            )
        return node.value

    # The pattern is the text a number field also takes: decimal digits (a whole number: no fraction).
    pattern = r"^-?(?:0|[1-9][0-9]*)$" if whole else "^" + _DECIMAL_TEXT.pattern + "$"
    return Validator(Rule("number", minimum, maximum, whole=whole, pattern=pattern), validate)


_DATE_SHAPE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")  # not \d: that takes any script's digits


@rule(Rule("date", pattern="^" + _DATE_SHAPE.pattern + "$"))
@on_text(msg("expected.date"))
def date(value: str, node: Node, key: str, ctx: Context) -> dt.date | _Invalid:
    hint = msg("date.hint")
    if not _DATE_SHAPE.fullmatch(value):
        return ctx.error(node, "invalid-date", msg("date.shape", key=key, value=value), hint)
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return ctx.error(node, "invalid-date", msg("date.exists", key=key, value=value), hint)


_YEAR_MONTH = re.compile(r"([0-9]{4})(?:-([0-9]{2}))?")


_YEARS = (1940, 2100)


@rule(Rule("year-month", *_YEARS, whole=True, pattern=r"^(?:19[4-9][0-9]|20[0-9][0-9]|2100)(?:-(?:0[1-9]|1[0-2]))?$"))
@on_text(msg("expected.year-month"))
def year_month(value: str, node: Node, key: str, ctx: Context) -> models.YearMonth | _Invalid:
    match = _YEAR_MONTH.fullmatch(value)
    hint = msg("year-month.hint")
    if not match:
        return ctx.error(node, "invalid-date", msg("year-month.invalid", key=key, value=value), hint)
    year, month = int(match[1]), int(match[2]) if match[2] else None
    if not _YEARS[0] <= year <= _YEARS[1] or (month is not None and not 1 <= month <= 12):
        return ctx.error(node, "invalid-date", msg("year-month.invalid", key=key, value=value), hint)
    return models.YearMonth(year, month)


@rule(Rule("https-url", pattern=_url_pattern("https")))
@on_text(msg("expected.https-url"))
def https_url(value: str, node: Node, key: str, ctx: Context) -> str | _Invalid:
    if not _check_characters(value, node, key, ctx):
        return INVALID
    hint = msg("https-url.hint")
    if "\\" in value or any(c.isspace() for c in value):
        return ctx.error(node, "invalid-url", msg("https-url.space", key=key, value=value), hint)
    try:
        parts = urlsplit(value)
        hostname = parts.hostname
    except ValueError:
        return ctx.error(node, "invalid-url", msg("https-url.invalid", key=key, value=value), hint)
    if parts.scheme.lower() != "https":
        return ctx.error(node, "invalid-url", msg("https-url.scheme", key=key, value=value), hint)
    if parts.username is not None or parts.password is not None:
        return ctx.error(node, "invalid-url", msg("https-url.credentials", key=key), msg("https-url.credentials.hint"))
    if not hostname or "." not in hostname or not valid_host(hostname):
        return ctx.error(node, "invalid-url", msg("https-url.host", key=key, value=value), hint)
    if not valid_port(parts):
        return ctx.error(node, "invalid-url", msg("https-url.port", key=key, value=value), msg("https-url.port.hint"))
    return value


_HOST_LABEL = re.compile(r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?")


def valid_host(hostname: str) -> bool:
    """A DNS host name (an international one in its xn-- form): labels of letters, digits and
    inner hyphens. Not '...', not '-x.nl'."""
    try:
        ascii_name = hostname.encode("idna").decode("ascii")
    except UnicodeError:  # an empty or overlong label
        return False
    return all(_HOST_LABEL.fullmatch(label) for label in ascii_name.lower().split("."))


def valid_port(parts: SplitResult) -> bool:
    try:
        port = parts.port
    except ValueError:  # out of range, or not a number
        return False
    return port is None or port > 0


# Stricter than RFC 5322: an address becomes a mailto: link, where '%', '?' and '&' would
# change it ('a%40b@x.nl' mails a@b, 'a@x.nl?bcc=...' adds a recipient).
_EMAIL = re.compile(
    r"[A-Za-z0-9_'+-]+(?:\.[A-Za-z0-9_'+-]+)*@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+"
    r"[A-Za-z](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])"
)
_EMAIL_CHARACTER = re.compile(r"[A-Za-z0-9_'+.@-]")


@rule(Rule("email", pattern=f"^{_SPACES}(?:{_EMAIL.pattern}){_SPACES}$"))
@on_text(msg("expected.email"))
def email(value: str, node: Node, key: str, ctx: Context) -> str | _Invalid:
    value = value.strip()
    if value.lower().startswith("mailto:"):
        return ctx.error(node, "invalid-email", msg("email.mailto", key=key))
    if not _EMAIL.fullmatch(value) or len(value) > 254 or len(value.split("@")[0]) > 64:
        odd = next((char for char in value if not _EMAIL_CHARACTER.fullmatch(char)), None)
        hint = (
            msg("email.character.hint", character=odd)
            if odd and odd.isprintable() and not odd.isspace()
            else msg("email.hint")
        )
        return ctx.error(node, "invalid-email", msg("email.invalid", key=key, value=value), hint)
    return value


_PHONE = re.compile(r"\+?[0-9][0-9 ()-]{5,22}[0-9]")


@rule(Rule("phone", pattern=f"^{_SPACES}(?:{_PHONE.pattern}){_SPACES}$"))
@on_text(msg("expected.phone"))
def phone(value: str, node: Node, key: str, ctx: Context) -> str | _Invalid:
    if isinstance(node, Scalar) and isinstance(node.value, (int, float)):
        return ctx.error(
            node,
            "wrong-type",
            msg("phone.number", key=key),
            msg("phone.number.hint", name=key.rsplit(".", 1)[-1], value=node.source),
        )
    value = value.strip()
    if not _PHONE.fullmatch(value):
        return ctx.error(node, "invalid-phone", msg("phone.invalid", key=key, value=value), msg("phone.hint"))
    return value


_USERNAME = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9._-]{0,38})")


def is_username(text: str) -> bool:
    return _USERNAME.fullmatch(text) is not None


@rule(Rule("username", pattern=f"^(?:{_USERNAME.pattern})$"))
@on_text(msg("expected.username"))
def username(value: str, node: Node, key: str, ctx: Context) -> str | _Invalid:
    if value.startswith("@") and _USERNAME.fullmatch(value[1:]):
        return ctx.error(
            node, "invalid-username", msg("username.at", key=key), msg("username.at.hint", value=value[1:])
        )
    if not _USERNAME.fullmatch(value):
        return ctx.error(node, "invalid-username", msg("username.invalid", key=key, value=value))
    return value


def slug_reference(what: str) -> Validator:
    noun = msg(f"noun.{what}")

    @on_text(msg("expected.reference", what=noun))
    def validate(value: str, node: Node, key: str, ctx: Context) -> str | _Invalid:
        if not is_slug(value):
            hint = msg("reference.hint", example=slugify(value) or "gemeente-tilburg")
            return ctx.error(node, "invalid-reference", msg("reference.invalid", key=key, value=value, what=noun), hint)
        return value

    return Validator(Rule("reference", what=what, pattern=SLUG_PATTERN), validate)


# ISO 639-1, the two-letter language codes.
LANGUAGE_CODES = frozenset(
    {
        "aa",
        "ab",
        "ae",
        "af",
        "ak",
        "am",
        "an",
        "ar",
        "as",
        "av",
        "ay",
        "az",
        "ba",
        "be",
        "bg",
        "bi",
        "bm",
        "bn",
        "bo",
        "br",
        "bs",
        "ca",
        "ce",
        "ch",
        "co",
        "cr",
        "cs",
        "cu",
        "cv",
        "cy",
        "da",
        "de",
        "dv",
        "dz",
        "ee",
        "el",
        "en",
        "eo",
        "es",
        "et",
        "eu",
        "fa",
        "ff",
        "fi",
        "fj",
        "fo",
        "fr",
        "fy",
        "ga",
        "gd",
        "gl",
        "gn",
        "gu",
        "gv",
        "ha",
        "he",
        "hi",
        "ho",
        "hr",
        "ht",
        "hu",
        "hy",
        "hz",
        "ia",
        "id",
        "ie",
        "ig",
        "ii",
        "ik",
        "io",
        "is",
        "it",
        "iu",
        "ja",
        "jv",
        "ka",
        "kg",
        "ki",
        "kj",
        "kk",
        "kl",
        "km",
        "kn",
        "ko",
        "kr",
        "ks",
        "ku",
        "kv",
        "kw",
        "ky",
        "la",
        "lb",
        "lg",
        "li",
        "ln",
        "lo",
        "lt",
        "lu",
        "lv",
        "mg",
        "mh",
        "mi",
        "mk",
        "ml",
        "mn",
        "mr",
        "ms",
        "mt",
        "my",
        "na",
        "nb",
        "nd",
        "ne",
        "ng",
        "nl",
        "nn",
        "no",
        "nr",
        "nv",
        "ny",
        "oc",
        "oj",
        "om",
        "or",
        "os",
        "pa",
        "pi",
        "pl",
        "ps",
        "pt",
        "qu",
        "rm",
        "rn",
        "ro",
        "ru",
        "rw",
        "sa",
        "sc",
        "sd",
        "se",
        "sg",
        "si",
        "sk",
        "sl",
        "sm",
        "sn",
        "so",
        "sq",
        "sr",
        "ss",
        "st",
        "su",
        "sv",
        "sw",
        "ta",
        "te",
        "tg",
        "th",
        "ti",
        "tk",
        "tl",
        "tn",
        "to",
        "tr",
        "ts",
        "tt",
        "tw",
        "ty",
        "ug",
        "uk",
        "ur",
        "uz",
        "ve",
        "vi",
        "vo",
        "wa",
        "wo",
        "xh",
        "yi",
        "yo",
        "za",
        "zh",
        "zu",
    }
)


@rule(Rule("language-code"))
@on_text(msg("expected.language-code"))
def language_code(value: str, node: Node, key: str, ctx: Context) -> str | _Invalid:
    if value not in LANGUAGE_CODES:
        hint = (
            msg("language-code.case.hint", value=value.lower())
            if value.lower() in LANGUAGE_CODES
            else msg("language-code.hint")
        )
        return ctx.error(node, "invalid-value", msg("language-code.invalid", key=key, value=value), hint)
    return value


def term(kind: str) -> Validator:
    """A field or skill: free text, or with a vocabulary, one of its terms (aliases normalized)."""
    singular = kind[:-1]

    def validate(node: Node, key: str, ctx: Context) -> str | _Invalid:
        value = text(1, 80)(node, key, ctx)
        if not isinstance(value, str) or ctx.vocabulary is None:
            return value  # type: ignore[no-any-return]
        table = ctx.vocabulary.canonical[kind]
        if not table:
            return value  # the vocabulary lists no terms of this kind: free text
        canonical = table.get(fold(value))
        if canonical is None:
            listing = msg("term.listing", kind=msg(f"noun.{kind}"))
            return ctx.error(
                node,
                "unknown-term",
                msg("term.unknown", key=key, singular=msg(f"noun.{singular}"), value=value),
                with_suggestion(did_you_mean(value, ctx.vocabulary.terms(kind)), listing),
            )
        return canonical

    return Validator(Rule("term", 1, 80, what=kind, pattern=_TEXT_PATTERN), validate)


# ---------------------------------------------------------------------------------------------
# Structure


def list_of(item: Validator, what: str, minimum: int = 0, maximum: int = 100, unique: bool = False) -> Validator:
    def validate(node: Node, key: str, ctx: Context) -> tuple[Any, ...] | _Invalid:
        if not isinstance(node, Sequence):
            hint = msg("list.hint", name=key.rsplit(".", 1)[-1])
            if isinstance(node, Scalar) and re.match(r"-[^\s-]", node.source):  # '-nl' on each line
                hint = msg("list.dash.hint", item=node.source[1:].split()[0])
            expected = msg("expected.list", what=msg(f"noun.{what}"))
            return ctx.error(
                node, "wrong-type", msg("wrong-type", key=key, expected=expected, got=describe(node)), hint
            )
        if len(node.items) < minimum:
            too_few = (
                msg("list.too-few-one", key=key) if minimum == 1 else msg("list.too-few", key=key, minimum=minimum)
            )
            return ctx.error(node, "too-few", too_few)
        if len(node.items) > maximum:
            return ctx.error(
                node,
                "too-many",
                msg("list.too-many", key=key, maximum=maximum, count=len(node.items)),
                msg("list.too-many.hint"),
            )
        values: list[Any] = []
        seen: dict[str, int] = {}
        ok = True
        for position, child in enumerate(node.items, start=1):
            value = item(child, f"{key}[{position}]", ctx)
            if value is INVALID:
                ok = False
                continue
            if unique and isinstance(value, str):
                folded = fold(value)
                if folded in seen:
                    ctx.warn(
                        child,
                        "duplicate-item",
                        msg("list.duplicate", key=key, value=value, line=seen[folded]),
                        msg("list.duplicate.hint"),
                    )
                    continue
                seen[folded] = child.line
            values.append(value)
        return tuple(values) if ok else INVALID

    return Validator(Rule("list", minimum, maximum, what=what, unique=unique, item=item.rule), validate)


def is_missing(node: Node) -> bool:
    return isinstance(node, Scalar) and (node.value is None or node.value == "")


def validate_mapping(
    node: Node, spec: Spec, key: str, ctx: Context, missing_at: tuple[int, int] | None = None
) -> dict[str, Any] | _Invalid:
    """Validate a mapping against `spec`; returns attribute -> value for the keys present.

    Every problem is reported, not just the first: unknown keys, missing keys and bad values.
    """
    prefix = f"{key}: " if key else ""
    if not isinstance(node, Mapping):
        return ctx.error(
            node,
            "wrong-type",
            msg("mapping.wrong-type", prefix=prefix, got=describe(node)),
            msg("mapping.wrong-type.hint"),
        )
    by_name = {k.name: k for k in spec}
    values: dict[str, Any] = {}
    ok = True
    for entry in node.entries:
        rule = by_name.get(entry.key)
        dotted = f"{key}.{entry.key}" if key else entry.key
        if rule is None:
            ok = False
            suggestion = did_you_mean(entry.key, by_name)
            ctx.error(
                (entry.key_line, entry.key_column),
                "unknown-key",
                msg("key.unknown", prefix=prefix, name=entry.key),
                suggestion or msg("key.allowed", names=", ".join(by_name)),
            )
            continue
        ctx.lines[dotted] = (entry.key_line, entry.key_column)
        if is_missing(entry.value):
            if rule.required:
                ok = False
                ctx.error(
                    (entry.key_line, entry.key_column),
                    "missing-key",
                    msg("key.empty", prefix=prefix, name=entry.key),
                )
            continue
        value = rule.validate(entry.value, dotted, ctx)
        if value is INVALID:
            ok = False
        else:
            values[rule.attribute] = value
    where = missing_at or (node.line, node.column)
    for rule in spec:
        if rule.required and node.get(rule.name) is None:
            ok = False
            ctx.error(
                where, "missing-key", msg("missing", prefix=prefix, name=rule.name), msg("missing.hint", name=rule.name)
            )
    return values if ok else INVALID


def mapping(spec: Spec) -> Validator:
    """A nested mapping whose values stay a dict of attribute -> value (the `internal:` block)."""
    return Validator(Rule("mapping", spec=spec), lambda node, key, ctx: validate_mapping(node, spec, key, ctx))


def record(spec: Spec, build: Callable[..., Any]) -> Validator:
    """A nested mapping turned into a record by `build(**values)`."""

    def validate(node: Node, key: str, ctx: Context) -> Any:
        values = validate_mapping(node, spec, key, ctx)
        if isinstance(values, _Invalid):
            return INVALID
        return build(**values)

    return Validator(Rule("mapping", spec=spec), validate)


# ---------------------------------------------------------------------------------------------
# The specs of docs/content-format.md

ENGAGEMENT = choice(models.ENGAGEMENTS)
VISIBILITY = choice(models.VISIBILITIES)

EXPERIENCE: Spec = (
    Key("role", text(1, 100), required=True),
    Key("organisation", text(1, 150), required=True),
    Key("from", year_month, required=True, attr="start"),
    Key("to", year_month, attr="end"),
)

AVAILABILITY: Spec = (
    Key("status", choice(models.AVAILABILITY_STATUSES), required=True),
    Key("hours_per_week", number(0, 40)),
    Key("from", date, attr="available_from"),
    Key("until", date, attr="available_until"),
)

CONTACT: Spec = (
    Key("email", email),
    Key("phone", phone),
    Key("website", https_url),
    Key("linkedin", https_url),
)

PERSON_CONTACT: Spec = (
    Key("name", text(2, 100), required=True),
    Key("email", email),
    Key("phone", phone),
)


PROFILE_OPTIONAL: Spec = (
    Key("summary", text(1, 300)),
    Key("region", text(1, 80)),
    Key("experience", list_of(record(EXPERIENCE, models.Experience), "roles", maximum=30)),
    Key("availability", record(AVAILABILITY, models.Availability)),
    Key("engagement", list_of(ENGAGEMENT, "forms of engagement", minimum=1, maximum=4, unique=True)),
    Key("rate", number(0, 1000)),
    Key("languages", list_of(language_code, "language codes", maximum=20, unique=True)),
    Key("contact", record(CONTACT, models.Contact)),
)

PROFILE: Spec = (
    Key("name", text(2, 100), required=True),
    Key("role", text(1, 100), required=True),
    Key("organisation", slug_reference("organisation"), required=True),
    Key("fields", list_of(term("fields"), "texts", minimum=1, maximum=5, unique=True), required=True),
    Key("skills", list_of(term("skills"), "texts", minimum=1, maximum=12, unique=True), required=True),
    Key("consent", date, required=True),
    *PROFILE_OPTIONAL,
    Key("maintainers", list_of(username, "user names", maximum=10, unique=True)),
    Key("visibility", VISIBILITY),
    Key("internal", mapping(PROFILE_OPTIONAL)),
    Key("updated", date),
)


@rule(Rule("contact", alternatives=(slug_reference("profile").rule, Rule("mapping", spec=PERSON_CONTACT))))
def _assignment_contact(node: Node, key: str, ctx: Context) -> str | models.PersonContact | _Invalid:
    if isinstance(node, Mapping):
        return record(PERSON_CONTACT, models.PersonContact)(node, key, ctx)  # type: ignore[no-any-return]
    if isinstance(node, Scalar) and isinstance(node.value, str):
        return slug_reference("profile")(node, key, ctx)  # type: ignore[no-any-return]
    expected = msg("expected.contact")
    return ctx.error(node, "wrong-type", msg("wrong-type", key=key, expected=expected, got=describe(node)))


ASSIGNMENT_OPTIONAL: Spec = (
    Key("summary", text(1, 300)),
    Key("region", text(1, 80)),
    Key("location", text(1, 150)),
    Key("hours_per_week", number(1, 40)),
    Key("start", date),
    Key("end", date),
    Key("engagement", ENGAGEMENT),
    Key("rate", number(0, 1000)),
    Key("contact", _assignment_contact),
)

ASSIGNMENT: Spec = (
    Key("title", text(3, 150), required=True),
    Key("organisation", slug_reference("organisation"), required=True),
    Key("fields", list_of(term("fields"), "texts", minimum=1, maximum=5, unique=True), required=True),
    Key("skills", list_of(term("skills"), "texts", minimum=1, maximum=12, unique=True), required=True),
    Key("posted", date, required=True),
    Key("deadline", date, required=True),
    *ASSIGNMENT_OPTIONAL,
    Key("status", choice(models.ASSIGNMENT_STATUSES)),
    Key("visibility", VISIBILITY),
    Key("internal", mapping(ASSIGNMENT_OPTIONAL)),
    Key("updated", date),
)

PAGE: Spec = (
    Key("title", text(1, 150), required=True),
    Key("description", text(1, 300)),
    Key("menu", number(-1000, 1000)),
)

ORGANISATION: Spec = (
    Key("name", text(2, 150), required=True),
    Key("type", choice(models.ORGANISATION_TYPES), required=True),
    Key("region", text(1, 80)),
    Key("website", https_url),
)

TERM: Spec = (
    Key("term", text(1, 80), required=True),
    Key("aliases", list_of(text(1, 80), "texts", maximum=30)),
)
