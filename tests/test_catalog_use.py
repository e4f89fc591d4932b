"""Every string of the interface catalogs (`sitegen/i18n.py`) is used somewhere.

A key that no template, module or script names is text that translators keep up for nothing
and that a reader takes for a feature. A key is used when its name appears in quotes in a
template, a module of `sitegen/` or the theme's scripts, or when the code makes it from parts
(listed in `MADE`, each with where it is made).
"""

from __future__ import annotations

import re
from pathlib import Path

from sitegen import i18n, models

REPO = Path(__file__).resolve().parents[1]
SOURCE_FILES = sorted(
    {
        *(REPO / "sitegen").rglob("*.py"),
        *(REPO / "sitegen").rglob("*.j2"),
        *(REPO / "themes").rglob("*.html"),
        *(REPO / "themes").rglob("*.js"),
    }
    - {REPO / "sitegen" / "i18n.py"}
)
KEYS = sorted(set(i18n.CATALOG["nl"]) | set(i18n.CATALOG["en"]))

# Keys the code puts together rather than names.
MADE: dict[str, str] = {
    **{f"match_{status}": "matching.explain: t(f'match_{reasons.status}')" for status in ("available", "limited")},
    **{f"preview_{part}": "preview.py: f'preview_{key}'" for part in ("title", "intro", "dismiss")},
    **{f"form_{kind}_hint": "profile-form.html: t('form_' ~ kind ~ '_hint')" for kind in ("fields", "skills")},
    **{f"{key}_one": "i18n.count: the form for exactly one" for key in ("profiles_count", "assignments_count")},
}


def sources() -> str:
    return "\n".join(path.read_text(encoding="utf-8") for path in SOURCE_FILES)


def test_every_catalog_key_is_named_or_made_by_the_code() -> None:
    text = sources()
    named = {key for key in KEYS if re.search(rf"""['"]{re.escape(key)}['"]""", text)}
    assert [key for key in KEYS if key not in named and key not in MADE] == []


def test_the_keys_made_by_the_code_exist_and_are_not_also_named() -> None:
    # A key listed as made that the code now names in full, or that left the catalog, leaves MADE.
    text = sources()
    assert [key for key in MADE if key not in KEYS] == []
    assert [key for key in MADE if re.search(rf"""['"]{re.escape(key)}['"]""", text)] == []


def test_the_made_match_statuses_are_those_a_suggestion_can_name() -> None:
    # matching.explain words every status it can give; `unavailable` profiles are never suggested.
    assert {key.removeprefix("match_") for key in MADE if key.startswith("match_")} == set(
        models.AVAILABILITY_STATUSES
    ) - {"unavailable"}
