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
from .terms import SLUG, did_you_mean, fold, is_slug, slugify
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

    def error(self, node: Node | tuple[int, int], code: str, message: str, hint: str = "") -> _Invalid:
        line, column = (node.line, node.column) if not isinstance(node, tuple) else node
        self.diagnostics.append(error(self.path, line, column, code, message, hint))
        return INVALID

    def diagnostics_have_errors(self) -> bool:
        return any(d.is_error for d in self.diagnostics)

    def warn(self, node: Node | tuple[int, int], code: str, message: str, hint: str = "") -> None:
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


def _text_of(node: Node, key: str, ctx: Context, expected: str = "a text") -> str | _Invalid:
    if not isinstance(node, Scalar) or node.value is None:
        return ctx.error(node, "wrong-type", f"{key}: expected {expected}, got {describe(node)}")
    # A number where text is wanted ("role: 2019") is kept exactly as it was written.
    return node.value if isinstance(node.value, str) else node.source


Parsed = TypeVar("Parsed")


def on_text(
    expected: str = "a text",
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
                f"{key}: contains the invisible direction-control character U+{ord(char):04X}",
                "retype the value without copying it from another document",
            )
            return False
        if unicodedata.category(char) == "Cc" and not (multiline and char == "\n"):
            ctx.error(
                node,
                "control-character",
                f"{key}: contains the control character U+{ord(char):04X}",
                "retype the value without copying it from another document",
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
            return ctx.error(node, "too-short", f"{key}: must be at least {min_length} characters, got {len(value)}")
        if len(value) > max_length:
            return ctx.error(
                node,
                "too-long",
                f"{key}: must be at most {max_length} characters, got {len(value)}",
                "shorten it; the full story belongs in the text below the front matter",
            )
        return value

    return Validator(Rule("text", min_length, max_length, pattern=_TEXT_PATTERN), validate)


def choice(allowed: Iterable[str]) -> Validator:
    options = tuple(allowed)

    @on_text("one of " + ", ".join(options))
    def validate(value: str, node: Node, key: str, ctx: Context) -> str | _Invalid:
        if value in options:
            return value
        suggestion = did_you_mean(value, options)
        allowed_text = "allowed values: " + ", ".join(options)
        return ctx.error(
            node,
            "invalid-value",
            f"{key}: unknown value '{value}'",
            f"{suggestion} {allowed_text}" if suggestion else allowed_text,
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
            hint = ""
            if isinstance(node, Scalar) and isinstance(node.value, str) and re.fullmatch(r"\d+,\d+", node.value):
                hint = f"write a decimal point instead of a comma: {node.value.replace(',', '.')}"
            return ctx.error(node, "wrong-type", f"{key}: expected a number, got {describe(node)}", hint)
        if whole and not isinstance(node.value, int):
            return ctx.error(node, "wrong-type", f"{key}: expected a whole number, got {node.source}")
        if not minimum <= node.value <= maximum:
            return ctx.error(
                node, "out-of-range", f"{key}: must be between {minimum:g} and {maximum:g}, got {node.source}"
            )
        return node.value

    # The pattern is the text a number field also takes: decimal digits (a whole number: no fraction).
    pattern = r"^-?(?:0|[1-9][0-9]*)$" if whole else "^" + _DECIMAL_TEXT.pattern + "$"
    return Validator(Rule("number", minimum, maximum, whole=whole, pattern=pattern), validate)


_DATE_SHAPE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")  # not \d: that takes any script's digits


@rule(Rule("date", pattern="^" + _DATE_SHAPE.pattern + "$"))
@on_text("a date (YYYY-MM-DD)")
def date(value: str, node: Node, key: str, ctx: Context) -> dt.date | _Invalid:
    hint = "write the date as YYYY-MM-DD, for example 2026-03-31"
    if not _DATE_SHAPE.fullmatch(value):
        return ctx.error(node, "invalid-date", f"{key}: '{value}' is not a date in the form YYYY-MM-DD", hint)
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return ctx.error(node, "invalid-date", f"{key}: '{value}' is not a date that exists", hint)


_YEAR_MONTH = re.compile(r"([0-9]{4})(?:-([0-9]{2}))?")


_YEARS = (1940, 2100)


@rule(Rule("year-month", *_YEARS, whole=True, pattern=r"^(?:19[4-9][0-9]|20[0-9][0-9]|2100)(?:-(?:0[1-9]|1[0-2]))?$"))
@on_text("a year (2021) or a month (2021-03)")
def year_month(value: str, node: Node, key: str, ctx: Context) -> models.YearMonth | _Invalid:
    match = _YEAR_MONTH.fullmatch(value)
    hint = "write a year such as 2021 or a month such as 2021-03"
    if not match:
        return ctx.error(node, "invalid-date", f"{key}: '{value}' is not a year or a month", hint)
    year, month = int(match[1]), int(match[2]) if match[2] else None
    if not _YEARS[0] <= year <= _YEARS[1] or (month is not None and not 1 <= month <= 12):
        return ctx.error(node, "invalid-date", f"{key}: '{value}' is not a year or a month", hint)
    return models.YearMonth(year, month)


@rule(Rule("https-url", pattern=_url_pattern("https")))
@on_text("an https URL")
def https_url(value: str, node: Node, key: str, ctx: Context) -> str | _Invalid:
    if not _check_characters(value, node, key, ctx):
        return INVALID
    hint = "write the full address starting with https://, for example https://www.example.nl/"
    if "\\" in value or any(c.isspace() for c in value):
        return ctx.error(
            node, "invalid-url", f"{key}: '{value}' is not a valid URL (it contains a space or a backslash)", hint
        )
    try:
        parts = urlsplit(value)
        hostname = parts.hostname
    except ValueError:
        return ctx.error(node, "invalid-url", f"{key}: '{value}' is not a valid URL", hint)
    if parts.scheme.lower() != "https":
        return ctx.error(node, "invalid-url", f"{key}: only https URLs are allowed, got '{value}'", hint)
    if parts.username is not None or parts.password is not None:
        return ctx.error(
            node, "invalid-url", f"{key}: a URL must not contain a user name or password", "remove the part before '@'"
        )
    if not hostname or "." not in hostname or not valid_host(hostname):
        return ctx.error(node, "invalid-url", f"{key}: '{value}' has no valid host name", hint)
    if not valid_port(parts):
        return ctx.error(
            node,
            "invalid-url",
            f"{key}: '{value}' has a port number outside 1 to 65535",
            "leave out the ':' and the number after the host name",
        )
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
@on_text("an e-mail address")
def email(value: str, node: Node, key: str, ctx: Context) -> str | _Invalid:
    value = value.strip()
    if value.lower().startswith("mailto:"):
        return ctx.error(node, "invalid-email", f"{key}: write the address without 'mailto:'")
    if not _EMAIL.fullmatch(value) or len(value) > 254 or len(value.split("@")[0]) > 64:
        odd = next((char for char in value if not _EMAIL_CHARACTER.fullmatch(char)), None)
        hint = (
            f"remove the '{odd}': an address holds letters, digits, one '@' and . - _ + ' only"
            if odd and odd.isprintable() and not odd.isspace()
            else "write it as name@organisation.nl"
        )
        return ctx.error(node, "invalid-email", f"{key}: '{value}' is not an e-mail address", hint)
    return value


_PHONE = re.compile(r"\+?[0-9][0-9 ()-]{5,22}[0-9]")


@rule(Rule("phone", pattern=f"^{_SPACES}(?:{_PHONE.pattern}){_SPACES}$"))
@on_text("a phone number")
def phone(value: str, node: Node, key: str, ctx: Context) -> str | _Invalid:
    if isinstance(node, Scalar) and isinstance(node.value, (int, float)):
        return ctx.error(
            node,
            "wrong-type",
            f"{key}: a phone number must be text",
            f'put it in quotes: {key.rsplit(".", 1)[-1]}: "{node.source}"',
        )
    value = value.strip()
    if not _PHONE.fullmatch(value):
        return ctx.error(
            node,
            "invalid-phone",
            f"{key}: '{value}' is not a phone number",
            "use digits, spaces, hyphens and a leading +, for example 06-12345678 or +31 70 123 4567",
        )
    return value


_USERNAME = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9._-]{0,38})")


def is_username(text: str) -> bool:
    return _USERNAME.fullmatch(text) is not None


@rule(Rule("username", pattern=f"^(?:{_USERNAME.pattern})$"))
@on_text("a user name")
def username(value: str, node: Node, key: str, ctx: Context) -> str | _Invalid:
    if value.startswith("@") and _USERNAME.fullmatch(value[1:]):
        return ctx.error(node, "invalid-username", f"{key}: write the user name without '@'", f"write {value[1:]}")
    if not _USERNAME.fullmatch(value):
        return ctx.error(node, "invalid-username", f"{key}: '{value}' is not a code-host user name")
    return value


def slug_reference(what: str) -> Validator:
    @on_text(f"{what} id")
    def validate(value: str, node: Node, key: str, ctx: Context) -> str | _Invalid:
        if not is_slug(value):
            suggestion = slugify(value)
            hint = f"ids are written in lower case with hyphens, for example '{suggestion or 'gemeente-tilburg'}'"
            return ctx.error(node, "invalid-reference", f"{key}: '{value}' is not a valid {what} id", hint)
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
@on_text("a language code")
def language_code(value: str, node: Node, key: str, ctx: Context) -> str | _Invalid:
    if value not in LANGUAGE_CODES:
        hint = (
            f"write '{value.lower()}'"
            if value.lower() in LANGUAGE_CODES
            else "use two-letter ISO 639-1 codes such as nl, en, de, fy"
        )
        return ctx.error(node, "invalid-value", f"{key}: '{value}' is not a language code", hint)
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
            suggestion = did_you_mean(value, ctx.vocabulary.terms(kind))
            listing = f"the {kind} are listed in content/vocabulary.yaml"
            return ctx.error(
                node,
                "unknown-term",
                f"{key}: unknown {singular} '{value}'",
                f"{suggestion} {listing}" if suggestion else listing,
            )
        return canonical

    return Validator(Rule("term", 1, 80, what=kind, pattern=_TEXT_PATTERN), validate)


# ---------------------------------------------------------------------------------------------
# Structure


def list_of(item: Validator, what: str, minimum: int = 0, maximum: int = 100, unique: bool = False) -> Validator:
    def validate(node: Node, key: str, ctx: Context) -> tuple[Any, ...] | _Invalid:
        if not isinstance(node, Sequence):
            hint = f"write one '- item' per line under '{key.rsplit('.', 1)[-1]}:', or [first, second]"
            if isinstance(node, Scalar) and re.match(r"-[^\s-]", node.source):  # '-nl' on each line
                hint = f"a list item needs a space after the '-': write '- {node.source[1:].split()[0]}'"
            return ctx.error(node, "wrong-type", f"{key}: expected a list of {what}, got {describe(node)}", hint)
        if len(node.items) < minimum:
            return ctx.error(node, "too-few", f"{key}: needs at least {minimum} {'item' if minimum == 1 else 'items'}")
        if len(node.items) > maximum:
            return ctx.error(
                node,
                "too-many",
                f"{key}: at most {maximum} items are allowed, got {len(node.items)}",
                "keep the most important ones",
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
                        f"{key}: '{value}' is listed twice (also on line {seen[folded]})",
                        "remove one of them",
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
            f"{prefix}expected a mapping of keys, got {describe(node)}",
            "write one 'key: value' per line, indented under this key",
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
                f"{prefix}unknown key '{entry.key}'",
                suggestion or "allowed keys: " + ", ".join(by_name),
            )
            continue
        ctx.lines[dotted] = (entry.key_line, entry.key_column)
        if is_missing(entry.value):
            if rule.required:
                ok = False
                ctx.error(
                    (entry.key_line, entry.key_column),
                    "missing-key",
                    f"{prefix}the required key '{entry.key}' has no value",
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
                where, "missing-key", f"{prefix}missing required key '{rule.name}'", f"add a line '{rule.name}: ...'"
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
    return ctx.error(
        node,
        "wrong-type",
        f"{key}: expected a profile id or a mapping with name, email and phone, got {describe(node)}",
    )


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
