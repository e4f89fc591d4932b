"""Folding and matching of terms, slugs and near-miss suggestions.

Fields, skills and regions are equal when their folded forms are equal (docs/content-format.md),
so "Financiën", "financien" and "FINANCIËN" are one term. Listings sort by the folded form,
then by slug, so the order never depends on the machine's locale.
"""

from __future__ import annotations

import difflib
import functools
import re
import unicodedata
from collections.abc import Iterable

SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_NOT_ALNUM = re.compile(r"[^a-z0-9]+")
# Letters that NFKD does not decompose into a base letter and a mark.
_SPECIAL_LETTERS = str.maketrans(
    {
        "\u0131": "i",
        "ß": "ss",
        "ø": "o",
        "Ø": "O",
        "ł": "l",
        "Ł": "L",
        "đ": "d",
        "Đ": "D",
        "æ": "ae",
        "Æ": "AE",
        "œ": "oe",
        "Œ": "OE",
        "þ": "th",
        "Þ": "TH",
    }
)


@functools.lru_cache(maxsize=1 << 16)  # a directory's terms repeat: 114,000 folds of a few thousand texts
def fold(text: str) -> str:
    """The comparison form of a term: no marks, lower case, other characters as '-'."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_SPECIAL_LETTERS))
    without_marks = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _NOT_ALNUM.sub("-", without_marks.lower()).strip("-")


def slugify(text: str) -> str:
    """A valid slug for `text`, or '' when nothing of it is left."""
    return fold(text)


def is_slug(text: str) -> bool:
    return SLUG.fullmatch(text) is not None


def closest(word: str, candidates: Iterable[str], limit: int = 3) -> list[str]:
    """The candidates closest to `word`, compared by folded form; best first."""
    by_fold: dict[str, str] = {}
    for candidate in candidates:
        by_fold.setdefault(fold(candidate), candidate)
    matches = difflib.get_close_matches(fold(word), list(by_fold), n=limit, cutoff=0.6)
    return [by_fold[m] for m in matches]
