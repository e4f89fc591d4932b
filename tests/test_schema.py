"""The field rules: each validator, nested key paths, the vocabulary, and the rules between fields."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from conftest import BUILD_DATE, ORGANISATIONS_YAML, SITEGEN_YAML, VALID_PROFILE, write_site

from sitegen import config, documents, models, schema, sources, yamlstrict
from sitegen.schema import INVALID, Context, TermIndex, Validator

Found = tuple[int, int, str, str, str, str]
PATH = "content/profiles/x.md"
URL_HINT = "write the full address starting with https://, for example https://www.example.nl/"
DATE_HINT = "write the date as YYYY-MM-DD, for example 2026-03-31"
VOCABULARY = models.Vocabulary(
    fields=(
        models.Term("Omgevingswet", ("Ow",)),
        models.Term("Financiën", ("planning en control",)),
        models.Term("Ruimtelijke ordening", ("RO",)),
    ),
    skills=(models.Term("procesbegeleiding", ("procesbegeleider",)), models.Term("verbindend")),
)


def rows(ctx: Context) -> list[Found]:
    return [(d.line, d.column, d.severity.value, d.code, d.message, d.hint) for d in ctx.diagnostics]


def validate(
    validator: Validator, written: str, key: str = "v", vocabulary: TermIndex | None = None
) -> tuple[Any, list[Found]]:
    """Validate the value of `v: <written>` (line 1), as a file's key `key`."""
    entry = yamlstrict.load(f"v: {written}\n").get("v")
    assert entry is not None
    ctx = Context(PATH, vocabulary)
    return validator(entry.value, key, ctx), rows(ctx)


def ok(validator: Validator, written: str, key: str = "v", vocabulary: TermIndex | None = None) -> Any:
    value, found = validate(validator, written, key, vocabulary)
    assert found == []
    return value


def bad(validator: Validator, written: str, key: str = "v", vocabulary: TermIndex | None = None) -> list[Found]:
    value, found = validate(validator, written, key, vocabulary)
    assert value is INVALID
    return found


def err(column: int, code: str, message: str, hint: str = "", line: int = 1) -> Found:
    return (line, column, "error", code, message, hint)


# ---------------------------------------------------------------------------------------------
# Text


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("Anna de Vries", "Anna de Vries"),
        ("'  Anna   de\tVries  '", "Anna de Vries"),
        ("2019", "2019"),
        ("95.50", "95.50"),
        ("1.0", "1.0"),
        ("-0", "-0"),
        ("NO", "NO"),
        ("Null", "Null"),
        ("12:30", "12:30"),
        ("|\n  twee\n  regels", "twee regels"),
        ("'é\u0301'", "é\u0301"),
    ],
)
def test_text_keeps_what_was_written(written: str, expected: str) -> None:
    assert ok(schema.text(1, 100), written) == expected


@pytest.mark.parametrize(
    ("written", "found"),
    [
        ("[a, b]", err(4, "wrong-type", "name: expected a text, got a list")),
        ("{a: b}", err(4, "wrong-type", "name: expected a text, got a mapping of keys")),
        ("A", err(7, "too-short", "name: must be at least 2 characters, got 1")),
        ("'  A  '", err(7, "too-short", "name: must be at least 2 characters, got 1")),
        (
            "x" * 11,
            err(
                7,
                "too-long",
                "name: must be at most 10 characters, got 11",
                "shorten it; the full story belongs in the text below the front matter",
            ),
        ),
        (
            '"Anna\\u202e"',
            err(
                7,
                "invisible-character",
                "name: contains the invisible direction-control character U+202E",
                "retype the value without copying it from another document",
            ),
        ),
        (
            '"An\\u0000na"',
            err(
                7,
                "control-character",
                "name: contains the control character U+0000",
                "retype the value without copying it from another document",
            ),
        ),
    ],
)
def test_text_errors(written: str, found: Found) -> None:
    line, column, *rest = found
    column = 4  # every value starts in column 4 of "v: ..."
    assert bad(schema.text(2, 10), written, "name") == [(line, column, *rest)]


# ---------------------------------------------------------------------------------------------
# Choices and numbers


def test_choice() -> None:
    visibility = schema.choice(models.VISIBILITIES)
    assert ok(visibility, "internal") == "internal"
    assert bad(visibility, "secret", "visibility") == [
        err(4, "invalid-value", "visibility: unknown value 'secret'", "allowed values: public, internal")
    ]
    assert bad(visibility, "publik", "visibility") == [
        err(
            4,
            "invalid-value",
            "visibility: unknown value 'publik'",
            "did you mean 'public'? allowed values: public, internal",
        )
    ]
    assert bad(visibility, "[public]", "visibility") == [
        err(4, "wrong-type", "visibility: expected one of public, internal, got a list")
    ]
    assert bad(schema.choice(models.VISIBILITIES), "1", "visibility")[0][4] == "visibility: unknown value '1'"


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("16", 16),
        ("0", 0),
        ("40", 40),
        ("95.5", 95.5),
        ("87.50", 87.5),
        ("'20'", 20),
        ("1.10", 1.1),
        ("40.00", 40.0),
    ],
)
def test_number(written: str, expected: float) -> None:
    value = ok(schema.number(0, 100), written)
    assert value == expected
    assert type(value) is type(expected)


@pytest.mark.parametrize(
    ("written", "found"),
    [
        ("veel", err(4, "wrong-type", "rate: expected a number, got a text")),
        (
            "95,50",
            err(
                4,
                "wrong-type",
                "rate: expected a number, got a text",
                "write a decimal point instead of a comma: 95.50",
            ),
        ),
        ("'€ 95'", err(4, "wrong-type", "rate: expected a number, got a text")),
        ("[1]", err(4, "wrong-type", "rate: expected a number, got a list")),
        ("101", err(4, "out-of-range", "rate: must be between 0 and 100, got 101")),
        ("-1", err(4, "out-of-range", "rate: must be between 0 and 100, got -1")),
        ("100.50", err(4, "out-of-range", "rate: must be between 0 and 100, got 100.50")),
        ("1e3", err(4, "wrong-type", "rate: expected a number, got a text")),
        ("0x10", err(4, "wrong-type", "rate: expected a number, got a text")),
    ],
)
def test_number_errors(written: str, found: Found) -> None:
    assert bad(schema.number(0, 100), written, "rate") == [found]


def test_whole_number() -> None:
    assert ok(schema.number(1, 500, whole=True), "24") == 24
    assert bad(schema.number(1, 500, whole=True), "24.5", "page_size") == [
        err(4, "wrong-type", "page_size: expected a whole number, got 24.5")
    ]


# ---------------------------------------------------------------------------------------------
# Dates


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("2026-03-01", dt.date(2026, 3, 1)),
        ("'2024-02-29'", dt.date(2024, 2, 29)),
        ("1980-01-02", dt.date(1980, 1, 2)),
    ],
)
def test_date(written: str, expected: dt.date) -> None:
    assert ok(schema.date, written) == expected


@pytest.mark.parametrize(
    ("written", "message"),
    [
        ("2024-02-30", "consent: '2024-02-30' is not a date that exists"),
        ("2026-00-10", "consent: '2026-00-10' is not a date that exists"),
        ("2026-3-1", "consent: '2026-3-1' is not a date in the form YYYY-MM-DD"),
        ("1 maart 2026", "consent: '1 maart 2026' is not a date in the form YYYY-MM-DD"),
        ("20260301", "consent: '20260301' is not a date in the form YYYY-MM-DD"),
        (
            "'\uff12\uff10\uff12\uff16-03-01'",
            "consent: '\uff12\uff10\uff12\uff16-03-01' is not a date in the form YYYY-MM-DD",
        ),
    ],
)
def test_date_errors(written: str, message: str) -> None:
    assert bad(schema.date, written, "consent") == [err(4, "invalid-date", message, DATE_HINT)]


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("2021", models.YearMonth(2021)),
        ("2021-03", models.YearMonth(2021, 3)),
        ("'1999'", models.YearMonth(1999)),
    ],
)
def test_year_month(written: str, expected: models.YearMonth) -> None:
    assert ok(schema.year_month, written) == expected


@pytest.mark.parametrize(
    "written", ["2021-13", "1939", "2101", "21", "2021-3", "maart 2021", "2021-03-01", "\uff12\uff10\uff12\uff11"]
)
def test_year_month_errors(written: str) -> None:
    assert bad(schema.year_month, written, "experience[1].from") == [
        err(
            4,
            "invalid-date",
            f"experience[1].from: '{written}' is not a year or a month",
            "write a year such as 2021 or a month such as 2021-03",
        )
    ]


# ---------------------------------------------------------------------------------------------
# Addresses and names


def test_https_url() -> None:
    assert ok(schema.https_url, "https://www.example.nl/pad?q=1") == "https://www.example.nl/pad?q=1"
    assert ok(schema.https_url, "HTTPS://www.example.nl") == "HTTPS://www.example.nl"
    assert bad(schema.https_url, "ftp://example.nl/", "website") == [
        err(4, "invalid-url", "website: only https URLs are allowed, got 'ftp://example.nl/'", URL_HINT)
    ]
    assert bad(schema.https_url, "'https://www.example.nl/een spatie'", "website") == [
        err(
            4,
            "invalid-url",
            "website: 'https://www.example.nl/een spatie' is not a valid URL (it contains a space or a backslash)",
            URL_HINT,
        )
    ]


@pytest.mark.parametrize(
    ("written", "found"),
    [
        ("mailto:anna@tilburg.nl", err(4, "invalid-email", "email: write the address without 'mailto:'")),
        (
            "anna@",
            err(4, "invalid-email", "email: 'anna@' is not an e-mail address", "write it as name@organisation.nl"),
        ),
        (
            "anna@tilburg",
            err(
                4, "invalid-email", "email: 'anna@tilburg' is not an e-mail address", "write it as name@organisation.nl"
            ),
        ),
        (
            "'a b@tilburg.nl'",
            err(
                4,
                "invalid-email",
                "email: 'a b@tilburg.nl' is not an e-mail address",
                "write it as name@organisation.nl",
            ),
        ),
    ],
)
def test_email_errors(written: str, found: Found) -> None:
    assert bad(schema.email, written, "email") == [found]


def test_email() -> None:
    assert ok(schema.email, "anna.de-vries+netwerk@tilburg.nl") == "anna.de-vries+netwerk@tilburg.nl"


@pytest.mark.parametrize(
    "written", ["0201234567", "+31612345678", "06-12345678", "+31 (0)6 1234 5678", "'013 123 45 67'"]
)
def test_phone(written: str) -> None:
    assert ok(schema.phone, written) == written.strip("'")


@pytest.mark.parametrize(
    ("written", "found"),
    [
        (
            "612345678",
            err(4, "wrong-type", "contact.phone: a phone number must be text", 'put it in quotes: phone: "612345678"'),
        ),
        (
            "bel me",
            err(
                4,
                "invalid-phone",
                "contact.phone: 'bel me' is not a phone number",
                "use digits, spaces, hyphens and a leading +, for example 06-12345678 or +31 70 123 4567",
            ),
        ),
        (
            "'12'",
            err(
                4,
                "invalid-phone",
                "contact.phone: '12' is not a phone number",
                "use digits, spaces, hyphens and a leading +, for example 06-12345678 or +31 70 123 4567",
            ),
        ),
    ],
)
def test_phone_errors(written: str, found: Found) -> None:
    assert bad(schema.phone, written, "contact.phone") == [found]


def test_username() -> None:
    assert ok(schema.username, "mvangils-nab") == "mvangils-nab"
    assert bad(schema.username, "'@mvangils'", "maintainers[1]") == [
        err(4, "invalid-username", "maintainers[1]: write the user name without '@'", "write mvangils")
    ]
    assert bad(schema.username, "'m van gils'", "maintainers[1]") == [
        err(4, "invalid-username", "maintainers[1]: 'm van gils' is not a code-host user name")
    ]


def test_slug_reference() -> None:
    organisation = schema.slug_reference("organisation")
    assert ok(organisation, "gemeente-tilburg") == "gemeente-tilburg"
    assert bad(organisation, "Gemeente Tilburg", "organisation") == [
        err(
            4,
            "invalid-reference",
            "organisation: 'Gemeente Tilburg' is not a valid organisation id",
            "ids are written in lower case with hyphens, for example 'gemeente-tilburg'",
        )
    ]
    assert bad(organisation, "'!!'", "organisation")[0][5] == (
        "ids are written in lower case with hyphens, for example 'gemeente-tilburg'"
    )


def test_language_code() -> None:
    assert ok(schema.language_code, "fy") == "fy"
    assert bad(schema.language_code, "NL", "languages[1]") == [
        err(4, "invalid-value", "languages[1]: 'NL' is not a language code", "write 'nl'")
    ]
    assert bad(schema.language_code, "nederlands", "languages[1]") == [
        err(
            4,
            "invalid-value",
            "languages[1]: 'nederlands' is not a language code",
            "use two-letter ISO 639-1 codes such as nl, en, de, fy",
        )
    ]
    assert ok(schema.language_code, "no") == "no"  # Norwegian, not False


# ---------------------------------------------------------------------------------------------
# Lists


def test_list_of() -> None:
    skills = schema.list_of(schema.text(1, 80), "texts", minimum=1, maximum=3, unique=True)
    assert ok(skills, "[a, b]") == ("a", "b")
    assert ok(skills, "\n  - a\n  - b") == ("a", "b")
    assert bad(skills, "verbindend", "skills") == [
        err(
            4,
            "wrong-type",
            "skills: expected a list of texts, got a text",
            "write one '- item' per line under 'skills:', or [first, second]",
        )
    ]
    assert bad(skills, "[]", "skills") == [err(4, "too-few", "skills: needs at least 1 item")]
    assert bad(skills, "[a, b, c, d]", "skills") == [
        err(4, "too-many", "skills: at most 3 items are allowed, got 4", "keep the most important ones")
    ]
    assert bad(skills, "[a, [b], c]", "skills") == [err(8, "wrong-type", "skills[2]: expected a text, got a list")]


def test_duplicates_in_a_list_are_a_warning() -> None:
    skills = schema.list_of(schema.text(1, 80), "texts", unique=True)
    value, found = validate(skills, "\n  - Financiën\n  - verbindend\n  - FINANCIEN", "skills")
    assert value == ("Financiën", "verbindend")
    assert found == [
        (
            4,
            5,
            "warning",
            "duplicate-item",
            "skills: 'FINANCIEN' is listed twice (also on line 2)",
            "remove one of them",
        )
    ]


def test_list_needs_at_least_two() -> None:
    assert bad(schema.list_of(schema.text(), "texts", minimum=2), "[a]", "x") == [
        err(4, "too-few", "x: needs at least 2 items")
    ]


# ---------------------------------------------------------------------------------------------
# Mappings and nested key paths


def validate_profile(front_matter: str, vocabulary: TermIndex | None = None) -> tuple[Any, list[Found]]:
    node = yamlstrict.load(front_matter, first_line=2)
    ctx = Context(PATH, vocabulary)
    values = schema.validate_mapping(node, schema.PROFILE, "", ctx, missing_at=(1, 1))
    return values, rows(ctx)


BASE = (
    "name: Anna de Vries\nrole: Beleidsadviseur\norganisation: gemeente-tilburg\nfields: [Omgevingswet]\n"
    "skills: [verbindend]\nconsent: 2026-03-01\n"
)  # lines 2 to 7


def test_valid_mapping_gives_attributes() -> None:
    values, found = validate_profile(BASE + "experience:\n  - role: a\n    organisation: b\n    from: 2020\n")
    assert found == []
    assert values["experience"] == (models.Experience("a", "b", models.YearMonth(2020)),)
    assert values["consent"] == dt.date(2026, 3, 1)


def test_nested_key_paths() -> None:
    values, found = validate_profile(
        BASE
        + (
            "availability:\n"  # 8
            "  status: busy\n"  # 9
            "  hours_per_week: 50\n"  # 10
            "experience:\n"  # 11
            "  - role: Adviseur\n"  # 12
            "    organisation: Provincie\n"  # 13
            "    from: 2020\n"  # 14
            "  - role: Beleidsmedewerker\n"  # 15
            "    organisation: Gemeente\n"  # 16
            "    from: 2021-01\n"  # 17
            "    to: 2021-13\n"  # 18
            "  - role: Stagiair\n"  # 19
            "    organisation: Rijk\n"  # 20
            "contact:\n"  # 21
            "  website: http://example.nl\n"  # 22
            "internal:\n"  # 23
            "  availability:\n"  # 24
            "    status: limitted\n"  # 25
        )
    )
    assert values is INVALID
    assert found == [
        err(
            11,
            "invalid-value",
            "availability.status: unknown value 'busy'",
            "allowed values: available, limited, unavailable",
            line=9,
        ),
        err(19, "out-of-range", "availability.hours_per_week: must be between 0 and 40, got 50", line=10),
        err(
            9,
            "invalid-date",
            "experience[2].to: '2021-13' is not a year or a month",
            "write a year such as 2021 or a month such as 2021-03",
            line=18,
        ),
        err(5, "missing-key", "experience[3]: missing required key 'from'", "add a line 'from: ...'", line=19),
        err(
            12,
            "invalid-url",
            "contact.website: only https URLs are allowed, got 'http://example.nl'",
            URL_HINT,
            line=22,
        ),
        err(
            13,
            "invalid-value",
            "internal.availability.status: unknown value 'limitted'",
            "did you mean 'limited'? allowed values: available, limited, unavailable",
            line=25,
        ),
    ]


def test_every_problem_of_a_mapping_is_reported() -> None:
    values, found = validate_profile("name: A\nvisibilty: internal\nconsent: gisteren\n")
    assert values is INVALID
    assert found == [
        err(7, "too-short", "name: must be at least 2 characters, got 1", line=2),
        err(1, "unknown-key", "unknown key 'visibilty'", "did you mean 'visibility'?", line=3),
        err(10, "invalid-date", "consent: 'gisteren' is not a date in the form YYYY-MM-DD", DATE_HINT, line=4),
        *[
            err(1, "missing-key", f"missing required key '{key}'", f"add a line '{key}: ...'")
            for key in ("role", "organisation", "fields", "skills")
        ],
    ]


def test_nested_unknown_key_and_wrong_type() -> None:
    values, found = validate_profile(BASE + "contact: anna@tilburg.nl\navailability:\n  stauts: available\n")
    assert values is INVALID
    assert found == [
        err(
            10,
            "wrong-type",
            "contact: expected a mapping of keys, got a text",
            "write one 'key: value' per line, indented under this key",
            line=8,
        ),
        err(3, "unknown-key", "availability: unknown key 'stauts'", "did you mean 'status'?", line=10),
        err(3, "missing-key", "availability: missing required key 'status'", "add a line 'status: ...'", line=10),
    ]


def test_internal_block_takes_only_optional_keys() -> None:
    values, found = validate_profile(BASE + "internal:\n  visibility: public\n  rate: 95\n")
    assert values is INVALID
    assert found[0][:5] == (9, 3, "error", "unknown-key", "internal: unknown key 'visibility'")


def test_empty_values_count_as_missing() -> None:
    values, found = validate_profile(BASE.replace("role: Beleidsadviseur", "role:") + "summary:\nregion: ''\n")
    assert values is INVALID
    assert found == [err(1, "missing-key", "the required key 'role' has no value", line=3)]
    values, found = validate_profile(BASE + "summary:\nregion: ''\n")
    assert found == []
    assert "summary" not in values
    assert "region" not in values


@pytest.mark.parametrize(
    ("node_text", "missing"),
    [("a: 1", False), ("a:", True), ("a: ''", True), ("a: []", False), ("a: '0'", False), ("a: 0", False)],
)
def test_is_missing(node_text: str, missing: bool) -> None:
    entry = yamlstrict.load(node_text).get("a")
    assert entry is not None
    assert schema.is_missing(entry.value) is missing


# ---------------------------------------------------------------------------------------------
# The vocabulary


INDEX = TermIndex.from_vocabulary(VOCABULARY)


@pytest.mark.parametrize(
    ("written", "canonical"),
    [
        ("Omgevingswet", "Omgevingswet"),
        ("omgevingswet", "Omgevingswet"),
        ("OMGEVINGSWET", "Omgevingswet"),
        ("Ow", "Omgevingswet"),
        ("OW", "Omgevingswet"),
        ("Financiën", "Financiën"),
        ("financien", "Financiën"),
        ("FINANCIËN", "Financiën"),
        ("Planning en Control", "Financiën"),
        ("planning-en-control", "Financiën"),
        ("ruimtelijke  ordening", "Ruimtelijke ordening"),
        ("ro", "Ruimtelijke ordening"),
    ],
)
def test_vocabulary_normalizes_terms_and_aliases(written: str, canonical: str) -> None:
    assert ok(schema.term("fields"), f"'{written}'", "fields[1]", INDEX) == canonical


def test_vocabulary_unknown_term_with_closest_term() -> None:
    assert bad(schema.term("fields"), "Omgevingsrecht", "fields[1]", INDEX) == [
        err(
            4,
            "unknown-term",
            "fields[1]: unknown field 'Omgevingsrecht'",
            "did you mean 'Omgevingswet'? the fields are listed in content/vocabulary.yaml",
        )
    ]
    assert bad(schema.term("skills"), "procesbegeleidster", "skills[2]", INDEX) == [
        err(
            4,
            "unknown-term",
            "skills[2]: unknown skill 'procesbegeleidster'",
            "did you mean 'procesbegeleiding'? the skills are listed in content/vocabulary.yaml",
        )
    ]


def test_vocabulary_unknown_term_without_a_close_one() -> None:
    assert bad(schema.term("skills"), "zwemmen", "skills[1]", INDEX) == [
        err(4, "unknown-term", "skills[1]: unknown skill 'zwemmen'", "the skills are listed in content/vocabulary.yaml")
    ]


def test_without_vocabulary_terms_are_free_text() -> None:
    assert ok(schema.term("skills"), "zwemmen", "skills[1]") == "zwemmen"


def test_a_vocabulary_of_fields_only_leaves_skills_free() -> None:
    fields_only = TermIndex.from_vocabulary(models.Vocabulary(VOCABULARY.fields, ()))
    assert ok(schema.term("skills"), "zwemmen", "skills[1]", fields_only) == "zwemmen"
    assert ok(schema.term("fields"), "Ow", "fields[1]", fields_only) == "Omgevingswet"


def test_vocabulary_terms_in_a_profile() -> None:
    values, found = validate_profile(
        BASE.replace("[Omgevingswet]", "[OW, financien]").replace("[verbindend]", "[Procesbegeleider, VERBINDEND]"),
        INDEX,
    )
    assert found == []
    assert values["fields"] == ("Omgevingswet", "Financiën")
    assert values["skills"] == ("procesbegeleiding", "verbindend")


def test_vocabulary_alias_and_term_twice_is_a_warning() -> None:
    values, found = validate_profile(BASE.replace("[Omgevingswet]", "[Omgevingswet, Ow]"), INDEX)
    assert values["fields"] == ("Omgevingswet",)
    assert found == [
        (
            5,
            24,
            "warning",
            "duplicate-item",
            "fields: 'Omgevingswet' is listed twice (also on line 5)",
            "remove one of them",
        )
    ]


def load_vocabulary(tmp_path: Path, text: str) -> tuple[models.Vocabulary | None, list[Found]]:
    site = write_site(tmp_path / "site", {"content/vocabulary.yaml": text})
    vocabulary, found = config.load_vocabulary(site)
    assert all(d.path == "content/vocabulary.yaml" for d in found)
    return vocabulary, [(d.line, d.column, d.severity.value, d.code, d.message, d.hint) for d in found]


def test_vocabulary_file(tmp_path: Path) -> None:
    vocabulary, found = load_vocabulary(
        tmp_path,
        ("fields:\n  - term: Omgevingswet\n    aliases: [Ow]\n  - term: Wonen\nskills:\n  - term: verbindend\n"),
    )
    assert found == []
    assert vocabulary == models.Vocabulary(
        (models.Term("Omgevingswet", ("Ow",)), models.Term("Wonen")), (models.Term("verbindend"),)
    )


def test_ambiguous_vocabulary_alias(tmp_path: Path) -> None:
    vocabulary, found = load_vocabulary(
        tmp_path,
        (
            "fields:\n"  # 1
            "  - term: Omgevingswet\n"  # 2
            "    aliases: [Ow, ruimte]\n"  # 3
            "  - term: Ruimtelijke ordening\n"  # 4
            "    aliases: [RO, Ruimte]\n"  # 5
            "skills:\n"  # 6
            "  - term: verbindend\n"  # 7
            "  - term: Verbindend\n"  # 8
        ),
    )
    assert vocabulary is None
    assert found == [
        err(
            5,
            "ambiguous-term",
            "fields: 'Ruimte' of 'Ruimtelijke ordening' is also a term or alias of 'Omgevingswet'",
            "a word may belong to one term only",
            line=4,
        ),
        err(
            5,
            "ambiguous-term",
            "skills: 'Verbindend' of 'Verbindend' is also a term or alias of 'verbindend'",
            "a word may belong to one term only",
            line=8,
        ),
    ]


def test_ambiguous_vocabulary_term(tmp_path: Path) -> None:
    vocabulary, found = load_vocabulary(
        tmp_path, ("skills:\n  - term: verbindend\n  - term: samenwerken\n    aliases: [Verbindend]\n")
    )
    assert vocabulary is None
    assert found == [
        err(
            5,
            "ambiguous-term",
            "skills: 'Verbindend' of 'samenwerken' is also a term or alias of 'verbindend'",
            "a word may belong to one term only",
            line=3,
        ),
    ]


def test_vocabulary_with_unknown_key(tmp_path: Path) -> None:
    vocabulary, found = load_vocabulary(tmp_path, "fields:\n  - term: Omgevingswet\n    alias: [Ow]\n")
    assert vocabulary is None
    assert found == [err(5, "unknown-key", "fields[1]: unknown key 'alias'", "did you mean 'aliases'?", line=3)]


# ---------------------------------------------------------------------------------------------
# Rules between the fields of one file (documents.py)


def read(tmp_path: Path, text: str, kind: sources.Kind = "profile") -> tuple[models.Record | None, list[Found]]:
    location = tmp_path / "x.md"
    location.write_text(text, encoding="utf-8")
    context = documents.ParseContext(BUILD_DATE, None, frozenset({"gemeente-tilburg"}), frozenset({"x"}))
    result = documents.read_document(sources.SourceFile(kind, "x", PATH, str(location)), context)
    return result.record, [(d.line, d.column, d.severity.value, d.code, d.message, d.hint) for d in result.diagnostics]


def with_lines(*lines: str) -> str:
    return VALID_PROFILE.replace("consent: 2026-03-01\n", "consent: 2026-03-01\n" + "".join(f"{x}\n" for x in lines))


def test_experience_that_ends_before_it_starts(tmp_path: Path) -> None:
    record, found = read(
        tmp_path,
        with_lines(
            "experience:",
            "  - role: a",
            "    organisation: b",
            "    from: 2020",
            "  - role: c",
            "    organisation: d",
            "    from: 2021-06",
            "    to: 2021-03",
        ),
    )
    assert record is None
    assert found == [err(5, "invalid-period", "experience[2].to: 2021-03 lies before from: 2021-06", line=15)]


def test_experience_in_the_same_year_is_fine(tmp_path: Path) -> None:
    record, found = read(
        tmp_path, with_lines("experience:", "  - role: a", "    organisation: b", "    from: 2021-06", "    to: 2021")
    )
    assert found == []
    assert isinstance(record, models.Profile)


@pytest.mark.parametrize(
    ("lines", "found"),
    [
        (
            ("availability:", "  status: unavailable", "  hours_per_week: 8"),
            err(3, "invalid-value", "availability.hours_per_week: must be 0 when the status is unavailable", line=10),
        ),
        (
            ("availability:", "  status: limited", "  from: 2026-05-01", "  until: 2026-04-01"),
            err(3, "invalid-period", "availability.until: 2026-04-01 lies before from: 2026-05-01", line=11),
        ),
        (
            ("internal:", "  availability:", "    status: unavailable", "    hours_per_week: 8"),
            err(
                5,
                "invalid-value",
                "internal.availability.hours_per_week: must be 0 when the status is unavailable",
                line=11,
            ),
        ),
    ],
)
def test_availability_rules(tmp_path: Path, lines: tuple[str, ...], found: Found) -> None:
    record, diagnostics = read(tmp_path, with_lines(*lines))
    assert record is None
    assert diagnostics == [found]


def test_assignment_periods(tmp_path: Path) -> None:
    text = (
        "---\ntitle: Klus\norganisation: gemeente-tilburg\nfields: [a]\nskills: [b]\nposted: 2027-01-10\n"
        "deadline: 2027-01-01\nstart: 2027-02-01\nend: 2027-01-01\n---\n"
    )
    record, found = read(tmp_path, text, "assignment")
    assert record is None
    assert found == [
        err(1, "invalid-period", "deadline: 2027-01-01 lies before posted: 2027-01-10", line=7),
        err(1, "invalid-period", "end: 2027-01-01 lies before start: 2027-02-01", line=9),
    ]


def test_assignment_contact_forms(tmp_path: Path) -> None:
    base = (
        "---\ntitle: Klus\norganisation: gemeente-tilburg\nfields: [a]\nskills: [b]\nposted: 2026-11-01\n"
        "deadline: 2026-12-20\n"
    )
    record, found = read(tmp_path, base + "contact: x\n---\n", "assignment")
    assert found == []
    assert isinstance(record, models.Assignment)
    assert record.contact == "x"
    record, found = read(
        tmp_path, base + "contact:\n  name: Anna de Vries\n  phone: '013 123 45 67'\n---\n", "assignment"
    )
    assert found == []
    assert isinstance(record, models.Assignment)
    assert record.contact == models.PersonContact("Anna de Vries", phone="013 123 45 67")
    _, found = read(tmp_path, base + "contact: [x]\n---\n", "assignment")
    assert found == [
        err(
            10,
            "wrong-type",
            "contact: expected a profile id or a mapping with name, email and phone, got a list",
            line=8,
        )
    ]


def test_page_spec(tmp_path: Path) -> None:
    record, found = read(tmp_path, "---\ntitle: Over ons\nmenu: 2\n---\n\n# Over\n", "page")
    assert found == []
    assert record == models.Page("x", PATH, "Over ons", menu=2, body_html="<h2>Over</h2>")
    _, found = read(tmp_path, "---\ntitle: Over ons\nmenu: ja\n---\n", "page")
    assert found == [err(7, "wrong-type", "menu: expected a number, got a text", line=3)]


def test_record_keeps_key_lines(tmp_path: Path) -> None:
    record, _ = read(tmp_path, with_lines("contact:", "  email: anna@tilburg.nl"))
    assert record is not None
    assert record.lines["organisation"] == (4, 1)
    assert record.lines["contact.email"] == (9, 3)


def test_config_file_messages(tmp_path: Path) -> None:
    site = write_site(tmp_path / "site", {"sitegen.yaml": "titel: Netwerk\nbase_url: https://example.org\n"})
    site_config, found = config.load_config(site)
    assert site_config is None
    assert [(d.line, d.column, d.code, d.message, d.hint) for d in found] == [
        (1, 1, "unknown-key", "unknown key 'titel'", "did you mean 'title'?"),
        (1, 1, "missing-key", "missing required key 'title'", "add a line 'title: ...'"),
    ]
    (site / "sitegen.yaml").write_text("- title\n", encoding="utf-8")
    assert [(d.code, d.message) for d in config.load_config(site)[1]] == [
        ("front-matter-not-mapping", "the file must be a mapping of keys, got a list")
    ]
    (site / "sitegen.yaml").write_text(SITEGEN_YAML, encoding="utf-8")
    assert config.load_config(site)[1] == []
    (site / "content/organisations.yaml").write_text(
        ORGANISATIONS_YAML + "Gemeente Breda:\n  name: x\n", encoding="utf-8"
    )
    organisations, found = config.load_organisations(site)
    assert sorted(organisations) == ["gemeente-tilburg", "waterschap-de-dommel"]
    assert [(d.line, d.code, d.message, d.hint) for d in found] == [
        (
            10,
            "invalid-id",
            "'Gemeente Breda' is not a valid organisation id",
            "use lower-case letters, digits and hyphens, for example 'gemeente-breda'",
        )
    ]
