"""Cases 1 to 24 of docs/hostile-inputs.md: each broken file gets its exact diagnostic, and the
valid files beside it get none and are still published.

Every test writes a small site with two valid files (a profile and an assignment) and one
broken file, checks it, and compares the complete list of diagnostics. The opening `---`
is line 1 of a file.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Mapping
from pathlib import Path

import pytest
import yaml
from conftest import BUILD_DATE, VALID_ASSIGNMENT, VALID_PROFILE, SiteFactory, check
from PIL import Image

from sitegen import build, models, urls
from sitegen.diagnostics import Diagnostic
from sitegen.sources import MAX_FILE_BYTES, MAX_PHOTO_BYTES

Row = tuple[str, int, int, str, str, str, str]

VALID = {"content/profiles/anna-de-vries.md": VALID_PROFILE, "content/assignments/klus.md": VALID_ASSIGNMENT}
BROKEN = "content/profiles/bert-jansen.md"
PHONE = "0612349876"

# The lines of a valid profile; `profile()` replaces some and appends others from line 8 on.
PROFILE_LINES = {
    "name": "Bert Jansen",  # line 2
    "role": "Beleidsadviseur",  # line 3
    "organisation": "gemeente-tilburg",  # line 4
    "fields": "[Omgevingswet]",  # line 5
    "skills": "[verbindend]",  # line 6
    "consent": "2026-03-01",  # line 7
}
URL_HINT = "write the full address starting with https://, for example https://www.example.nl/"
TAG_HINT = "remove the tag; write plain values only"
ANCHOR = ("yaml-anchor", "YAML anchors and aliases ('&' and '*') are not allowed", "write the value out in full")


def profile(*extra: str, body: str = "Ik werk aan de Omgevingswet.\n", **replace: str) -> str:
    """A profile: the keys of PROFILE_LINES (with `replace`), then the `extra` lines (line 8 on)."""
    keys = [f"{key}: {replace.get(key, value)}" for key, value in PROFILE_LINES.items()]
    return "\n".join(["---", *keys, *extra, "---", "", body])


def rows(diagnostics: list[Diagnostic]) -> list[Row]:
    return [(d.path, d.line, d.column, d.severity.value, d.code, d.message, d.hint) for d in diagnostics]


def error(path: str, line: int, column: int, code: str, message: str, hint: str = "") -> Row:
    return (path, line, column, "error", code, message, hint)


def warning(path: str, line: int, column: int, code: str, message: str, hint: str = "") -> Row:
    return (path, line, column, "warning", code, message, hint)


def check_only(make_site: SiteFactory, files: Mapping[str, str | bytes], expected: list[Row]) -> build.CheckResult:
    """Check a site of the valid files plus `files`: exactly `expected` is reported, the valid files pass."""
    site = make_site({**VALID, **files})
    result = check(site)
    assert rows(result.diagnostics) == expected
    assert result.directory is not None
    assert "anna-de-vries" in {p.slug for p in result.directory.profiles}
    assert "klus" in {a.slug for a in result.directory.assignments}
    return result


def published_profile(result: build.CheckResult, source: str) -> models.Profile | None:
    assert result.directory is not None
    return next((p for p in result.directory.profiles if p.source == source), None)


def assert_rejected(make_site: SiteFactory, text: str | bytes, expected: list[Row]) -> None:
    result = check_only(make_site, {BROKEN: text}, expected)
    assert published_profile(result, BROKEN) is None


def accepted(make_site: SiteFactory, text: str | bytes, expected: list[Row] | None = None) -> models.Profile:
    result = check_only(make_site, {BROKEN: text}, expected or [])
    record = published_profile(result, BROKEN)
    assert record is not None
    return record


# ---------------------------------------------------------------------------------------------
# 1-4: the front matter's delimiters and shape


def test_1_unclosed_front_matter_is_an_error_at_line_1(make_site: SiteFactory) -> None:
    text = f"---\nname: Bert Jansen\ncontact:\n  phone: '{PHONE}'\n\nBel me gerust.\n"
    assert_rejected(
        make_site,
        text,
        [
            error(
                BROKEN,
                1,
                1,
                "front-matter-unclosed",
                "the front matter is not closed",
                "add a line '---' after the last key; the file is not published until then",
            )
        ],
    )


def test_1_unclosed_front_matter_is_never_published(make_site: SiteFactory, tmp_path: Path) -> None:
    text = f"---\nname: Bert Jansen\ncontact:\n  phone: '{PHONE}'\n\nBel me gerust.\n"
    site = make_site({**VALID, BROKEN: text})
    out = tmp_path / "out"
    result = build.build_site(site, out, build.Options(BUILD_DATE, jobs=2), keep_going=True)
    assert result.check.broken_files == [BROKEN]
    assert result.published is not None
    address = urls.Urls("https://example.org/")
    assert (out / address.output_file(address.profile("anna-de-vries"))).is_file()
    assert (out / address.output_file(address.assignment("klus"))).is_file()
    assert not (out / address.output_file(address.profile("bert-jansen"))).exists()
    everything = b"".join(p.read_bytes() for p in out.rglob("*") if p.is_file())
    assert PHONE.encode() not in everything
    assert b"Bert Jansen" not in everything


def test_2_byte_order_mark_is_accepted(make_site: SiteFactory) -> None:
    record = accepted(make_site, b"\xef\xbb\xbf" + profile().encode())
    assert record.name == "Bert Jansen"


def test_2_byte_order_mark_keeps_line_numbers(make_site: SiteFactory) -> None:
    text = b"\xef\xbb\xbf" + profile(consent="2026-02-31").encode()
    assert_rejected(
        make_site,
        text,
        [
            error(
                BROKEN,
                7,
                10,
                "invalid-date",
                "consent: '2026-02-31' is not a date that exists",
                "write the date as YYYY-MM-DD, for example 2026-03-31",
            )
        ],
    )


@pytest.mark.parametrize("before", ["\n", "\n\n", "   \n", " "])
def test_3_blank_lines_before_the_front_matter(make_site: SiteFactory, before: str) -> None:
    assert_rejected(
        make_site,
        before + profile(),
        [
            error(
                BROKEN,
                1,
                1,
                "front-matter-start",
                "the '---' line must be the very first line of the file",
                "remove the blank lines or text before it",
            )
        ],
    )


@pytest.mark.parametrize("text", ["Hallo!\n", "name: Bert Jansen\n", "# Bert\n\n"])
def test_3_text_before_the_front_matter(make_site: SiteFactory, text: str) -> None:
    assert_rejected(
        make_site,
        text + profile(),
        [
            error(
                BROKEN,
                1,
                1,
                "front-matter-missing",
                "the file has no front matter",
                "the file must start with a line '---', then the keys, then a closing '---' line",
            )
        ],
    )


@pytest.mark.parametrize(
    ("front_matter", "got"),
    [
        ("- name: Bert Jansen\n- role: Beleidsadviseur\n", "a list"),
        ("[name, role]\n", "a list"),
        ("Bert Jansen, Beleidsadviseur\n", "a text"),
        ("'name: Bert Jansen'\n", "a text"),
        ("42\n", "a number"),
    ],
)
def test_4_front_matter_that_is_not_a_mapping(make_site: SiteFactory, front_matter: str, got: str) -> None:
    assert_rejected(
        make_site,
        f"---\n{front_matter}---\nTekst.\n",
        [
            error(
                BROKEN,
                2,
                1,
                "front-matter-not-mapping",
                f"the front matter must be a mapping of keys, got {got}",
                "write one 'key: value' per line, for example 'name: Anna de Vries'",
            )
        ],
    )


def test_4_empty_front_matter(make_site: SiteFactory) -> None:
    assert_rejected(
        make_site,
        "---\n---\nTekst.\n",
        [
            error(
                BROKEN,
                2,
                1,
                "front-matter-empty",
                "the front matter is empty",
                "write the keys between the two '---' lines, one 'key: value' per line",
            )
        ],
    )


# ---------------------------------------------------------------------------------------------
# 5-7: duplicate keys, tags, anchors


def test_5_duplicate_key_names_the_first_line(make_site: SiteFactory) -> None:
    assert_rejected(
        make_site,
        profile("name: Bert de Boer"),
        [
            error(
                BROKEN,
                8,
                1,
                "yaml-duplicate-key",
                "duplicate key 'name': it is already given on line 2",
                "keep one of the two lines and remove the other",
            )
        ],
    )


def test_5_duplicate_nested_key(make_site: SiteFactory) -> None:
    text = profile("contact:", "  email: bert@tilburg.nl", "  email: b.jansen@tilburg.nl")
    assert_rejected(
        make_site,
        text,
        [
            error(
                BROKEN,
                10,
                3,
                "yaml-duplicate-key",
                "duplicate key 'email': it is already given on line 9",
                "keep one of the two lines and remove the other",
            )
        ],
    )


def test_6_python_tag_is_an_error_and_nothing_runs(make_site: SiteFactory, tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    text = profile(f"summary: !!python/object/apply:os.system ['touch {marker}']")
    assert_rejected(
        make_site,
        text,
        [
            error(
                BROKEN,
                8,
                10,
                "yaml-tag",
                "YAML tags such as '!!python/object/apply:os.system' are not allowed",
                TAG_HINT,
            )
        ],
    )
    assert not marker.exists()


def test_6_the_python_payload_is_live(tmp_path: Path) -> None:
    """The control for the test above: PyYAML's unsafe loader does run it."""
    marker = tmp_path / "ran"
    yaml.unsafe_load(f"summary: !!python/object/apply:os.system ['touch {marker}']")
    assert marker.exists()


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ("!!binary aGVsbG8=", "!!binary"),
        ("!!set {a, b}", "!!set"),
        ("!!timestamp 2001-12-14", "!!timestamp"),
        ("!!str Hallo", "!!str"),
        ("!!python/name:os.system", "!!python/name:os.system"),
        ("!foo bar", "!foo"),
        ("!<tag:example.org,2024:x> y", "tag:example.org,2024:x"),
    ],
)
def test_6_every_tag_is_an_error(make_site: SiteFactory, value: str, written: str) -> None:
    assert_rejected(
        make_site,
        profile(f"summary: {value}"),
        [error(BROKEN, 8, 10, "yaml-tag", f"YAML tags such as '{written}' are not allowed", TAG_HINT)],
    )


def test_6_tag_on_a_key(make_site: SiteFactory) -> None:
    assert_rejected(
        make_site,
        profile("!!str summary: Hallo"),
        [error(BROKEN, 8, 1, "yaml-tag", "YAML tags such as '!!str' are not allowed", TAG_HINT)],
    )


BILLION_LAUGHS = """\
a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
"""


@pytest.mark.parametrize(
    ("front_matter", "line", "column"),
    [
        (BILLION_LAUGHS, 2, 4),
        ("a: &a [*a]\n", 2, 4),
        ("name: &n Bert Jansen\nsummary: *n\n", 2, 7),
        ("summary: *nergens\n", 2, 10),
    ],
)
def test_7_anchors_and_aliases(make_site: SiteFactory, front_matter: str, line: int, column: int) -> None:
    assert_rejected(make_site, f"---\n{front_matter}---\n", [error(BROKEN, line, column, *ANCHOR)])


# ---------------------------------------------------------------------------------------------
# 8-11: values stay text until the schema parses them


@pytest.mark.parametrize(
    ("key", "written", "kept"),
    [
        ("role", "NO", "NO"),
        ("role", "yes", "yes"),
        ("role", "off", "off"),
        ("name", "Null", "Null"),
        ("name", "Jan Null", "Jan Null"),
        ("role", "~", "~"),
        ("role", "'no'", "no"),
        ("role", "true", "true"),
    ],
)
def test_8_yes_no_and_null_words_stay_text(make_site: SiteFactory, key: str, written: str, kept: str) -> None:
    record = accepted(make_site, profile(**{key: written}))
    assert getattr(record, key) == kept


def test_8_yes_no_as_summary(make_site: SiteFactory) -> None:
    assert accepted(make_site, profile("summary: No")).summary == "No"


@pytest.mark.parametrize(
    "written",
    ["0201234567", "'0201234567'", '"0201234567"', "+31612345678", "'+31612345678'", "+31 6 1234 5678", "020-1234567"],
)
def test_9_phone_numbers_keep_their_digits(make_site: SiteFactory, written: str) -> None:
    record = accepted(make_site, profile("contact:", f"  phone: {written}"))
    assert record.contact is not None
    assert record.contact.phone == written.strip("'\"")


def test_9_phone_that_yaml_reads_as_a_number(make_site: SiteFactory) -> None:
    assert_rejected(
        make_site,
        profile("contact:", "  phone: 612345678"),
        [
            error(
                BROKEN,
                9,
                10,
                "wrong-type",
                "contact.phone: a phone number must be text",
                'put it in quotes: phone: "612345678"',
            )
        ],
    )


def test_10_date_is_parsed_by_the_schema(make_site: SiteFactory) -> None:
    record = accepted(
        make_site,
        profile(consent="1980-01-02"),
        [
            warning(
                BROKEN,
                7,
                1,
                "stale-profile",
                "consent: this profile was last confirmed on 1980-01-02, more than a year before 2026-12-01: "
                "is it still current?",
                "check the profile, then set 'updated: 2026-12-01'",
            )
        ],
    )
    assert record.consent == dt.date(1980, 1, 2)


@pytest.mark.parametrize(
    ("written", "message"),
    [
        ("2024-02-30", "consent: '2024-02-30' is not a date that exists"),
        ("2023-02-29", "consent: '2023-02-29' is not a date that exists"),
        ("2026-13-01", "consent: '2026-13-01' is not a date that exists"),
        ("2026-3-1", "consent: '2026-3-1' is not a date in the form YYYY-MM-DD"),
        ("01-03-2026", "consent: '01-03-2026' is not a date in the form YYYY-MM-DD"),
        ("2026-03-01T10:00:00", "consent: '2026-03-01T10:00:00' is not a date in the form YYYY-MM-DD"),
    ],
)
def test_10_impossible_date_is_a_schema_error(make_site: SiteFactory, written: str, message: str) -> None:
    assert_rejected(
        make_site,
        profile(consent=written),
        [error(BROKEN, 7, 10, "invalid-date", message, "write the date as YYYY-MM-DD, for example 2026-03-31")],
    )


@pytest.mark.parametrize(
    ("key", "written"),
    [
        ("role", "12:30:00"),
        ("role", "12:30"),
        ("summary", "1.10"),
        ("summary", "1e3"),
        ("summary", "0x1F"),
        ("summary", ".inf"),
        ("role", "0o17"),
        ("summary", "1_000"),
    ],
)
def test_11_times_and_odd_numbers_stay_text(make_site: SiteFactory, key: str, written: str) -> None:
    extra = [f"{key}: {written}"] if key == "summary" else []
    replace = {key: written} if key != "summary" else {}
    record = accepted(make_site, profile(*extra, **replace))
    assert getattr(record, key) == written


def test_11_time_where_a_number_is_wanted(make_site: SiteFactory) -> None:
    assert_rejected(
        make_site, profile("rate: 12:30"), [error(BROKEN, 8, 7, "wrong-type", "rate: expected a number, got a text")]
    )


# ---------------------------------------------------------------------------------------------
# 12-17: keys, nesting, bytes, size, other formats, line ends


@pytest.mark.parametrize(
    ("line", "got", "column"),
    [
        ("1: a", "a number", 1),
        ("1.5: a", "a number", 1),
        ("? [a, b]\n: c", "a list", 3),
        ("? {a: b}\n: c", "a mapping of keys", 3),
    ],
)
def test_12_keys_that_are_not_text(make_site: SiteFactory, line: str, got: str, column: int) -> None:
    assert_rejected(
        make_site,
        profile(line),
        [
            error(
                BROKEN,
                8,
                column,
                "yaml-key-not-text",
                f"keys must be text, got {got}",
                "every key is a word such as 'name' or 'skills'",
            )
        ],
    )


def test_12_boolean_looking_key_is_an_unknown_key(make_site: SiteFactory) -> None:
    allowed = (
        "name, role, organisation, fields, skills, consent, summary, region, experience, availability, "
        "engagement, rate, languages, contact, maintainers, visibility, internal, updated"
    )
    assert_rejected(
        make_site,
        profile("yes: a"),
        [error(BROKEN, 8, 1, "unknown-key", "unknown key 'yes'", "allowed keys: " + allowed)],
    )


def test_13_nesting_600_deep(make_site: SiteFactory) -> None:
    assert_rejected(
        make_site,
        profile("summary: " + "[" * 600 + "]" * 600),
        [
            error(
                BROKEN,
                8,
                29,
                "yaml-too-deep",
                "the front matter is nested deeper than 20 levels",
                "flatten the structure: profiles need at most three levels",
            )
        ],
    )


def test_13_deep_block_mappings(make_site: SiteFactory) -> None:
    nested = "\n".join(" " * depth + f"k{depth}:" for depth in range(600))
    assert_rejected(
        make_site,
        f"---\n{nested}\n---\n",
        [
            error(
                BROKEN,
                21,
                20,
                "yaml-too-deep",
                "the front matter is nested deeper than 20 levels",
                "flatten the structure: profiles need at most three levels",
            )
        ],
    )


@pytest.mark.parametrize(
    "lines", [("contact:", "\temail: bert@tilburg.nl"), ("languages:", "\t- nl"), ("summary: Hallo", "\trole: x")]
)
def test_14_tab_indentation(make_site: SiteFactory, lines: tuple[str, ...]) -> None:
    assert_rejected(
        make_site,
        profile(*lines),
        [
            error(
                BROKEN,
                9,
                1,
                "yaml-tab",
                "a tab character is used for indentation; YAML only allows spaces",
                "replace the tab at the start of this line with spaces",
            )
        ],
    )


def test_14_tab_inside_a_value_is_fine(make_site: SiteFactory) -> None:
    assert accepted(make_site, profile("summary: Hallo\tdaar")).summary == "Hallo daar"


@pytest.mark.parametrize(
    ("data", "line", "column"),
    [
        (profile("summary: caf").encode().replace(b"caf", b"caf\xe9"), 8, 13),
        (profile("summary: één").encode().replace("één".encode(), "één".encode() + b"\xff"), 8, 13),
        (profile(body="Tekst.\nMeer tekst.\n").encode().replace(b"Meer", b"M\x80eer"), 11, 2),
    ],
)
def test_14_invalid_utf8_with_its_line(make_site: SiteFactory, data: bytes, line: int, column: int) -> None:
    assert_rejected(
        make_site,
        data,
        [
            error(
                BROKEN,
                line,
                column,
                "invalid-utf8",
                "the file is not valid UTF-8 text",
                "save the file with the UTF-8 encoding",
            )
        ],
    )


@pytest.mark.parametrize(
    ("data", "line", "column"),
    [
        (profile("summary: a").encode().replace(b"summary: a", b"summary: a\x00b"), 8, 11),
        (profile(body="Tekst.\n\x00\n").encode(), 11, 1),
    ],
)
def test_14_nul_byte_with_its_line(make_site: SiteFactory, data: bytes, line: int, column: int) -> None:
    assert_rejected(
        make_site,
        data,
        [
            error(
                BROKEN,
                line,
                column,
                "binary-file",
                "the file contains a NUL byte: it is not a text file",
                "save it again as plain UTF-8 text",
            )
        ],
    )


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be"])
def test_14_utf16_is_named(make_site: SiteFactory, encoding: str) -> None:
    data = ("\ufeff" if encoding.endswith("be") else "") + profile()
    assert_rejected(
        make_site,
        data.encode(encoding),
        [
            error(
                BROKEN,
                1,
                1,
                "invalid-utf8",
                "the file is UTF-16 text, not UTF-8",
                "save the file with the UTF-8 encoding",
            )
        ],
    )


def _padded(size: int) -> str:
    text = profile(body="")
    padding = size - len(text.encode())
    return text + ("Tekst.\n" * (padding // 7 + 1))[:padding]


def test_15_file_over_the_size_cap(make_site: SiteFactory) -> None:
    text = _padded(MAX_FILE_BYTES + 1)
    assert len(text.encode()) == 256 * 1024 + 1
    assert_rejected(
        make_site,
        text,
        [error(BROKEN, 1, 1, "file-too-large", "the file is 257 KiB; the limit is 256 KiB", "shorten the text")],
    )


def test_15_file_at_the_size_cap_is_accepted(make_site: SiteFactory) -> None:
    accepted(make_site, _padded(MAX_FILE_BYTES))


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ('+++\nname = "Bert Jansen"\nrole = "Beleidsadviseur"\n+++\n\nTekst.\n', "TOML front matter ('+++')"),
        ('{\n  "name": "Bert Jansen",\n  "role": "Beleidsadviseur"\n}\n\nTekst.\n', "JSON front matter"),
        ('{"name": "Bert Jansen"}\n', "JSON front matter"),
    ],
)
def test_16_toml_and_json_front_matter(make_site: SiteFactory, text: str, kind: str) -> None:
    assert_rejected(
        make_site,
        text,
        [
            error(
                BROKEN,
                1,
                1,
                "front-matter-format",
                f"{kind} is not supported",
                "write the keys in YAML between two '---' lines",
            )
        ],
    )


def test_17_crlf_is_accepted(make_site: SiteFactory) -> None:
    record = accepted(make_site, profile("summary: Hallo", body="Eerste.\r\n\r\nTweede.\r\n").replace("\n", "\r\n"))
    assert record.summary == "Hallo"
    assert record.body_html == "<p>Eerste.</p>\n<p>Tweede.</p>"


def test_17_crlf_keeps_line_numbers(make_site: SiteFactory) -> None:
    text = profile("summary: Hallo", consent="2026-02-30").replace("\n", "\r\n")
    assert "\r\n" in text
    assert_rejected(
        make_site,
        text,
        [
            error(
                BROKEN,
                7,
                10,
                "invalid-date",
                "consent: '2026-02-30' is not a date that exists",
                "write the date as YYYY-MM-DD, for example 2026-03-31",
            )
        ],
    )


def test_17_crlf_keeps_line_numbers_of_syntax_errors(make_site: SiteFactory) -> None:
    text = profile("contact:", "\temail: bert@tilburg.nl").replace("\n", "\r\n")
    assert_rejected(
        make_site,
        text,
        [
            error(
                BROKEN,
                9,
                1,
                "yaml-tab",
                "a tab character is used for indentation; YAML only allows spaces",
                "replace the tab at the start of this line with spaces",
            )
        ],
    )


# ---------------------------------------------------------------------------------------------
# 18-22: the schema


@pytest.mark.parametrize(
    ("line", "key", "suggestion"),
    [
        ("visibilty: internal", "visibilty", "visibility"),
        ("Visibility: internal", "Visibility", "visibility"),
        ("skils: [verbindend]", "skils", "skills"),
        ("sumary: Hallo", "sumary", "summary"),
        ("update: 2026-03-01", "update", "updated"),
    ],
)
def test_18_unknown_key_with_did_you_mean(make_site: SiteFactory, line: str, key: str, suggestion: str) -> None:
    assert_rejected(
        make_site,
        profile(line),
        [error(BROKEN, 8, 1, "unknown-key", f"unknown key '{key}'", f"did you mean '{suggestion}'?")],
    )


def test_18_misspelt_required_key(make_site: SiteFactory) -> None:
    text = profile().replace("skills: [verbindend]", "skils: [verbindend]")
    assert_rejected(
        make_site,
        text,
        [
            error(BROKEN, 1, 1, "missing-key", "missing required key 'skills'", "add a line 'skills: ...'"),
            error(BROKEN, 6, 1, "unknown-key", "unknown key 'skils'", "did you mean 'skills'?"),
        ],
    )


def test_18_unknown_nested_key(make_site: SiteFactory) -> None:
    assert_rejected(
        make_site,
        profile("contact:", "  emial: bert@tilburg.nl"),
        [error(BROKEN, 9, 3, "unknown-key", "contact: unknown key 'emial'", "did you mean 'email'?")],
    )


def test_18_unknown_key_without_a_close_match(make_site: SiteFactory) -> None:
    allowed = (
        "name, role, organisation, fields, skills, consent, summary, region, experience, availability, "
        "engagement, rate, languages, contact, maintainers, visibility, internal, updated"
    )
    assert_rejected(
        make_site,
        profile("xyzzy: 1"),
        [error(BROKEN, 8, 1, "unknown-key", "unknown key 'xyzzy'", "allowed keys: " + allowed)],
    )


@pytest.mark.parametrize(
    ("lines", "line", "column", "message", "hint"),
    [
        (["visibility: secret"], 8, 13, "visibility: unknown value 'secret'", "allowed values: public, internal"),
        (
            ["visibility: Internal"],
            8,
            13,
            "visibility: unknown value 'Internal'",
            "did you mean 'internal'? allowed values: public, internal",
        ),
        (["visibility: yes"], 8, 13, "visibility: unknown value 'yes'", "allowed values: public, internal"),
        (
            ["availability:", "  status: busy"],
            9,
            11,
            "availability.status: unknown value 'busy'",
            "allowed values: available, limited, unavailable",
        ),
        (
            ["engagement: [detachring]"],
            8,
            14,
            "engagement[1]: unknown value 'detachring'",
            "did you mean 'detachering'? allowed values: detachering, publiek-tarief, belangeloos, zelfstandig",
        ),
    ],
)
def test_19_value_outside_its_set(
    make_site: SiteFactory, lines: list[str], line: int, column: int, message: str, hint: str
) -> None:
    assert_rejected(make_site, profile(*lines), [error(BROKEN, line, column, "invalid-value", message, hint)])


def test_19_assignment_status_outside_its_set(make_site: SiteFactory) -> None:
    path = "content/assignments/kapot.md"
    text = VALID_ASSIGNMENT.replace("deadline: 2026-12-20\n", "deadline: 2026-12-20\nstatus: maybe\n")
    result = check_only(
        make_site,
        {path: text},
        [
            error(
                path, 8, 9, "invalid-value", "status: unknown value 'maybe'", "allowed values: open, filled, withdrawn"
            )
        ],
    )
    assert result.directory is not None
    assert [a.slug for a in result.directory.assignments] == ["klus"]


def test_20_missing_required_key_at_line_1(make_site: SiteFactory) -> None:
    text = profile().replace("role: Beleidsadviseur\n", "")
    assert_rejected(
        make_site, text, [error(BROKEN, 1, 1, "missing-key", "missing required key 'role'", "add a line 'role: ...'")]
    )


def test_20_every_missing_key_is_named(make_site: SiteFactory) -> None:
    assert_rejected(
        make_site,
        "---\nname: Bert Jansen\n---\n",
        [
            error(BROKEN, 1, 1, "missing-key", f"missing required key '{key}'", f"add a line '{key}: ...'")
            for key in ("consent", "fields", "organisation", "role", "skills")
        ],
    )


@pytest.mark.parametrize("written", ["", "''", '""'])
def test_20_empty_required_value(make_site: SiteFactory, written: str) -> None:
    assert_rejected(
        make_site,
        profile(role=written).replace("role: \n", "role:\n"),
        [error(BROKEN, 3, 1, "missing-key", "the required key 'role' has no value")],
    )


def test_21_unknown_organisation_with_closest_id(make_site: SiteFactory) -> None:
    assert_rejected(
        make_site,
        profile(organisation="gemeente-tilbrug"),
        [
            error(
                BROKEN,
                4,
                1,
                "unknown-organisation",
                "organisation: unknown organisation 'gemeente-tilbrug'",
                "the closest ids: gemeente-tilburg",
            )
        ],
    )


def test_21_unknown_organisation_without_a_close_one(make_site: SiteFactory) -> None:
    assert_rejected(
        make_site,
        profile(organisation="rijkswaterstaat"),
        [
            error(
                BROKEN,
                4,
                1,
                "unknown-organisation",
                "organisation: unknown organisation 'rijkswaterstaat'",
                "the ids are listed in content/organisations.yaml",
            )
        ],
    )


def test_21_unknown_contact_profile_with_closest_id(make_site: SiteFactory) -> None:
    path = "content/assignments/kapot.md"
    text = VALID_ASSIGNMENT.replace("deadline: 2026-12-20\n", "deadline: 2026-12-20\ncontact: ana-de-vries\n")
    check_only(
        make_site,
        {path: text},
        [
            error(
                path,
                8,
                1,
                "unknown-profile",
                "contact: unknown profile 'ana-de-vries'",
                "the closest profiles: anna-de-vries",
            )
        ],
    )


def test_21_known_contact_profile(make_site: SiteFactory) -> None:
    path = "content/assignments/goed.md"
    text = VALID_ASSIGNMENT.replace("deadline: 2026-12-20\n", "deadline: 2026-12-20\ncontact: anna-de-vries\n")
    result = check_only(make_site, {path: text}, [])
    assert result.directory is not None
    assert {a.slug: a.contact for a in result.directory.assignments}["goed"] == "anna-de-vries"


@pytest.mark.parametrize(
    ("url", "message", "hint"),
    [
        ("javascript:alert(1)", "contact.website: only https URLs are allowed, got 'javascript:alert(1)'", URL_HINT),
        ("JavaScript:alert(1)", "contact.website: only https URLs are allowed, got 'JavaScript:alert(1)'", URL_HINT),
        (
            "data:text/html;base64,PHNjcmlwdD4=",
            "contact.website: only https URLs are allowed, got 'data:text/html;base64,PHNjcmlwdD4='",
            URL_HINT,
        ),
        ("vbscript:msgbox", "contact.website: only https URLs are allowed, got 'vbscript:msgbox'", URL_HINT),
        (
            "http://www.example.nl/",
            "contact.website: only https URLs are allowed, got 'http://www.example.nl/'",
            URL_HINT,
        ),
        ("//www.example.nl/", "contact.website: only https URLs are allowed, got '//www.example.nl/'", URL_HINT),
        ("www.example.nl", "contact.website: only https URLs are allowed, got 'www.example.nl'", URL_HINT),
        (
            "https://user:pass@www.example.nl/",
            "contact.website: a URL must not contain a user name or password",
            "remove the part before '@'",
        ),
        (
            "https://user@www.example.nl/",
            "contact.website: a URL must not contain a user name or password",
            "remove the part before '@'",
        ),
        (
            "https://www.example.nl\\@evil.example/",
            "contact.website: 'https://www.example.nl\\@evil.example/' is not a valid URL (it contains a space or a "
            "backslash)",
            URL_HINT,
        ),
        ("https://localhost/", "contact.website: 'https://localhost/' has no valid host name", URL_HINT),
        ("https://[::1/", "contact.website: 'https://[::1/' is not a valid URL", URL_HINT),
    ],
)
def test_22_bad_urls(make_site: SiteFactory, url: str, message: str, hint: str) -> None:
    assert_rejected(
        make_site, profile("contact:", f"  website: {url}"), [error(BROKEN, 9, 12, "invalid-url", message, hint)]
    )


@pytest.mark.parametrize(
    ("url", "code", "message"),
    [
        ("https://www.example.nl/\u202egpj.exe", "invisible-character", "invisible direction-control character U+202E"),
        ('"https://www.example.nl/\\u200f"', "invisible-character", "invisible direction-control character U+200F"),
        ('"https://www.example.nl/\\u2066x"', "invisible-character", "invisible direction-control character U+2066"),
        ('"https://www.example.nl/\\a"', "control-character", "control character U+0007"),
        ('"https://www.example.nl/\\nx"', "control-character", "control character U+000A"),
        ('"https://www.example.nl/\\x7f"', "control-character", "control character U+007F"),
    ],
)
def test_22_urls_with_invisible_characters(make_site: SiteFactory, url: str, code: str, message: str) -> None:
    assert_rejected(
        make_site,
        profile("contact:", f"  website: {url}"),
        [
            error(
                BROKEN,
                9,
                12,
                code,
                f"contact.website: contains the {message}",
                "retype the value without copying it from another document",
            )
        ],
    )


def test_22_bad_linkedin_url(make_site: SiteFactory) -> None:
    assert_rejected(
        make_site,
        profile("contact:", "  linkedin: javascript:alert(1)"),
        [
            error(
                BROKEN,
                9,
                13,
                "invalid-url",
                "contact.linkedin: only https URLs are allowed, got 'javascript:alert(1)'",
                URL_HINT,
            )
        ],
    )


def test_22_good_urls(make_site: SiteFactory) -> None:
    record = accepted(
        make_site,
        profile(
            "contact:",
            "  website: https://www.example.nl/over?x=1#y",
            "  linkedin: https://www.linkedin.com/in/bert-jansen",
        ),
    )
    assert record.contact is not None
    assert record.contact.website == "https://www.example.nl/over?x=1#y"


# ---------------------------------------------------------------------------------------------
# 23: file names


def _name_error(name: str, hint: str) -> Row:
    return error(
        f"content/profiles/{name}",
        0,
        0,
        "invalid-file-name",
        f"the file name '{name}' is not valid: use lower-case letters, digits and hyphens",
        hint,
    )


@pytest.mark.parametrize(
    ("name", "hint"),
    [
        ("Alice.md", "rename it to 'alice.md'"),
        ("josé-álvarez.md", "rename it to 'jose-alvarez.md'"),
        ("jan de vries.md", "rename it to 'jan-de-vries.md'"),
        (
            "anna de vries.md",
            "'anna-de-vries.md' already exists: merge the two files, or give this one another valid name",
        ),
        (
            "Anna-de-Vries.md",
            "'anna-de-vries.md' already exists: merge the two files, or give this one another valid name",
        ),
        ("bert_jansen.md", "rename it to 'bert-jansen.md'"),
        ("-bert-.md", "rename it to 'bert.md'"),
        ("bert--jansen.md", "rename it to 'bert-jansen.md'"),
        ("bert.jansen.md", "rename it to 'bert-jansen.md'"),
        ("bert-jansen.MD", "rename it to 'bert-jansen.md'"),
        ("ßøł.md", "rename it to 'ssol.md'"),
        ("___.md", "rename it, for example to 'anna-de-vries.md'"),
    ],
)
def test_23_invalid_file_names(make_site: SiteFactory, name: str, hint: str) -> None:
    result = check_only(make_site, {f"content/profiles/{name}": profile()}, [_name_error(name, hint)])
    assert result.directory is not None
    assert [p.source for p in result.directory.profiles] == ["content/profiles/anna-de-vries.md"]


def test_23_name_with_spaces_alone(make_site: SiteFactory) -> None:
    site = make_site({"content/profiles/anna de vries.md": VALID_PROFILE})
    result = check(site)
    assert rows(result.diagnostics) == [_name_error("anna de vries.md", "rename it to 'anna-de-vries.md'")]
    assert result.directory is not None
    assert result.directory.profiles == ()


def test_23_two_files_that_would_get_the_same_name(make_site: SiteFactory) -> None:
    files = {"content/profiles/josé-álvarez.md": profile(), "content/profiles/José-Álvarez.md": profile()}
    result = check_only(
        make_site,
        files,
        [
            _name_error(
                "José-Álvarez.md",
                "rename it to 'jose-alvarez.md'; but 'josé-álvarez.md' would get that name too: "
                "give each file its own name",
            ),
            _name_error(
                "josé-álvarez.md",
                "rename it to 'jose-alvarez.md'; but 'José-Álvarez.md' would get that name too: "
                "give each file its own name",
            ),
        ],
    )
    assert result.directory is not None
    assert [p.slug for p in result.directory.profiles] == ["anna-de-vries"]


def test_23_invalid_name_never_replaces_the_valid_file(make_site: SiteFactory) -> None:
    """'anna de vries.md' would be 'anna-de-vries': the valid file of that name is the one published."""
    impostor = profile(name="Nep Anna", visibility="public")
    result = check_only(
        make_site,
        {"content/profiles/anna de vries.md": impostor},
        [
            _name_error(
                "anna de vries.md",
                "'anna-de-vries.md' already exists: merge the two files, or give this one another valid name",
            )
        ],
    )
    assert result.directory is not None
    assert [(p.slug, p.name) for p in result.directory.profiles] == [("anna-de-vries", "Anna de Vries")]


def test_23_invalid_name_in_assignments(make_site: SiteFactory) -> None:
    name = "Klus 2.md"
    check_only(
        make_site,
        {f"content/assignments/{name}": VALID_ASSIGNMENT},
        [
            error(
                f"content/assignments/{name}",
                0,
                0,
                "invalid-file-name",
                f"the file name '{name}' is not valid: use lower-case letters, digits and hyphens",
                "rename it to 'klus-2.md'",
            )
        ],
    )


# ---------------------------------------------------------------------------------------------
# 24: photos beside the profile


def image_bytes(image_format: str, size: tuple[int, int] = (8, 8), gps: bool = False) -> bytes:
    image = Image.new("RGB", size, "teal")
    exif = Image.Exif()
    if gps:
        exif[0x8825] = {1: "N", 2: (52.0, 5.0, 1.0), 3: "E", 4: (5.0, 7.0, 2.0)}  # GPSInfo: Tilburg-ish
    buffer = io.BytesIO()
    image.save(buffer, image_format, exif=exif)
    return buffer.getvalue()


def noise_png() -> bytes:
    buffer = io.BytesIO()
    Image.effect_noise((64, 64), 50).save(buffer, "PNG")
    return buffer.getvalue()


PHOTO = "content/profiles/anna-de-vries"


def test_24_symbolic_link_to_etc_passwd(make_site: SiteFactory, tmp_path: Path) -> None:
    site = make_site(VALID)
    (site / f"{PHOTO}.jpg").symlink_to("/etc/passwd")
    result = check(site)
    assert rows(result.diagnostics) == [
        error(
            f"{PHOTO}.jpg",
            0,
            0,
            "symbolic-link",
            "the file is a symbolic link; only regular files are read",
            "replace the link with the file itself",
        )
    ]
    assert result.directory is not None
    assert [(p.slug, p.photo) for p in result.directory.profiles] == [("anna-de-vries", None)]
    out = tmp_path / "out"
    built = build.build_site(site, out, build.Options(BUILD_DATE, jobs=2), keep_going=True)
    assert built.published is not None
    everything = b"".join(p.read_bytes() for p in out.rglob("*") if p.is_file())
    first_line = Path("/etc/passwd").read_bytes().split(b"\n")[0]
    assert first_line
    assert first_line not in everything


def test_24_symbolic_link_to_a_valid_photo(make_site: SiteFactory, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elders.png"
    elsewhere.write_bytes(image_bytes("PNG"))
    site = make_site(VALID)
    (site / f"{PHOTO}.png").symlink_to(elsewhere)
    assert rows(check(site).diagnostics) == [
        error(
            f"{PHOTO}.png",
            0,
            0,
            "symbolic-link",
            "the file is a symbolic link; only regular files are read",
            "replace the link with the file itself",
        )
    ]


def test_24_symbolic_link_as_a_profile(make_site: SiteFactory, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elders.md"
    elsewhere.write_text(profile(), encoding="utf-8")
    site = make_site(VALID)
    (site / BROKEN).symlink_to(elsewhere)
    result = check(site)
    assert rows(result.diagnostics) == [
        error(
            BROKEN,
            0,
            0,
            "symbolic-link",
            "the file is a symbolic link; only regular files are read",
            "replace the link with the file itself",
        )
    ]


@pytest.mark.parametrize("folder", ["content/pages", "content/profiles"])
def test_24_content_folder_that_is_a_symbolic_link(make_site: SiteFactory, tmp_path: Path, folder: str) -> None:
    """Nothing outside the site is read, not even through a linked folder."""
    outside = tmp_path / "elders"
    outside.mkdir()
    (outside / "geheim.md").write_text("---\ntitle: Geheim\n---\nGEHEIM-0612\n", encoding="utf-8")
    (outside / "geheim.png").write_bytes(image_bytes("PNG"))
    site = make_site({"content/assignments/klus.md": VALID_ASSIGNMENT})
    (site / folder).rmdir()
    (site / folder).symlink_to(outside, target_is_directory=True)
    result = check(site)
    assert rows(result.diagnostics) == [
        error(
            folder,
            0,
            0,
            "symbolic-link",
            "the folder is a symbolic link; only folders inside the site are read",
            "replace the link with the folder itself",
        )
    ]
    assert result.files_checked == 3
    assert result.directory is not None
    assert (result.directory.pages, result.directory.profiles) == ((), ())


def test_24_organisations_behind_a_linked_folder(make_site: SiteFactory, tmp_path: Path) -> None:
    outside = tmp_path / "elders"
    (outside / "profiles").mkdir(parents=True)
    (outside / "organisations.yaml").write_text("x:\n  name: X\n  type: rijk\n", encoding="utf-8")
    site = make_site({})
    for folder in ("content/profiles", "content/assignments", "content/pages"):
        (site / folder).rmdir()
    (site / "content/organisations.yaml").unlink()
    (site / "content").rmdir()
    (site / "content").symlink_to(outside, target_is_directory=True)
    result = check(site)
    assert rows(result.diagnostics) == [
        error(
            "content/organisations.yaml",
            0,
            0,
            "symbolic-link",
            "the file lies outside the site, behind a symbolic link",
            "replace the link with the file itself",
        ),
        error(
            "content/profiles",
            0,
            0,
            "symbolic-link",
            "the folder is a symbolic link; only folders inside the site are read",
            "replace the link with the folder itself",
        ),
    ]


@pytest.mark.parametrize("name", ["anna-de-vries.svg", "anna-de-vries.SVG", "iemand.svg"])
def test_24_svg_is_refused(make_site: SiteFactory, name: str) -> None:
    svg = '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'
    result = check_only(
        make_site,
        {f"content/profiles/{name}": svg},
        [
            error(
                f"content/profiles/{name}",
                0,
                0,
                "photo-svg",
                "SVG photos are not accepted",
                "save the photo as JPEG, PNG or WebP",
            )
        ],
    )
    assert published_profile(result, f"{PHOTO}.md") is not None


def test_24_photo_over_the_size_cap(make_site: SiteFactory) -> None:
    data = image_bytes("PNG")
    data += b"\0" * (MAX_PHOTO_BYTES + 1 - len(data))
    check_only(
        make_site,
        {f"{PHOTO}.png": data},
        [
            error(
                f"{PHOTO}.png",
                0,
                0,
                "file-too-large",
                "the file is 5.1 MiB; the limit is 5.0 MiB",
                "make the photo smaller, for example 1000 pixels wide",
            )
        ],
    )


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("anna-de-vries.webp", b"RIFF\0\0\0\0WEBPgarbage", "the file is not a JPEG, PNG or WebP image"),
        ("anna-de-vries.jpg", b"not an image at all", "the file is not a JPEG, PNG or WebP image"),
        ("anna-de-vries.jpg", b"GIF89a\x01\x00\x01\x00\x00\x00\x00;", "the file is not a JPEG, PNG or WebP image"),
        ("anna-de-vries.png", noise_png()[:2000], "the photo cannot be read: the file is damaged or incomplete"),
        ("anna-de-vries.jpg", b"", "the file is not a JPEG, PNG or WebP image"),
    ],
)
def test_24_photo_that_does_not_decode(make_site: SiteFactory, name: str, data: bytes, message: str) -> None:
    result = check_only(
        make_site,
        {f"content/profiles/{name}": data},
        [
            error(
                f"content/profiles/{name}",
                0,
                0,
                "photo-invalid",
                message,
                "export the photo again as JPEG, PNG or WebP",
            )
        ],
    )
    assert published_profile(result, f"{PHOTO}.md") is not None


def test_24_photo_with_too_many_pixels(make_site: SiteFactory) -> None:
    buffer = io.BytesIO()
    Image.new("1", (10_000, 5_000)).save(buffer, "PNG")
    check_only(
        make_site,
        {f"{PHOTO}.png": buffer.getvalue()},
        [
            error(
                f"{PHOTO}.png",
                0,
                0,
                "photo-too-large",
                "the photo is 10000x5000 pixels; the limit is 40 million pixels",
                "make the photo smaller",
            )
        ],
    )


@pytest.mark.parametrize(
    ("extension", "image_format"), [("jpg", "JPEG"), ("jpeg", "JPEG"), ("png", "PNG"), ("webp", "WEBP")]
)
def test_24_valid_photo_with_gps_is_accepted(make_site: SiteFactory, extension: str, image_format: str) -> None:
    data = image_bytes(image_format, gps=True)
    assert Image.open(io.BytesIO(data)).getexif().get_ifd(0x8825), "the test photo carries a GPS position"
    result = check_only(make_site, {f"{PHOTO}.{extension}": data}, [])
    record = published_profile(result, f"{PHOTO}.md")
    assert record is not None
    assert record.photo == f"{PHOTO}.{extension}"


def test_24_two_photos_for_one_profile(make_site: SiteFactory) -> None:
    message = "the profile 'anna-de-vries' has more than one photo: 'anna-de-vries.jpg', 'anna-de-vries.png'"
    result = check_only(
        make_site,
        {f"{PHOTO}.png": image_bytes("PNG"), f"{PHOTO}.jpg": image_bytes("JPEG")},
        [
            error(f"{PHOTO}.jpg", 0, 0, "photo-duplicate", message, "keep one photo and remove the others"),
            error(f"{PHOTO}.png", 0, 0, "photo-duplicate", message, "keep one photo and remove the others"),
        ],
    )
    assert result.directory is not None
    assert [p.photo for p in result.directory.profiles] == [None]


def test_24_photo_without_profile_is_an_error(make_site: SiteFactory) -> None:
    check_only(
        make_site,
        {"content/profiles/niemand.png": image_bytes("PNG")},
        [
            error(
                "content/profiles/niemand.png",
                0,
                0,
                "photo-without-profile",
                "the photo 'niemand.png' belongs to no profile",
                "name it after its profile file: the photo of anna-de-vries.md is anna-de-vries.jpg; or remove it",
            )
        ],
    )


# ---------------------------------------------------------------------------------------------
# All of them at once: every broken file named, every valid file published


def test_every_broken_file_at_once_and_the_rest_is_published(make_site: SiteFactory, tmp_path: Path) -> None:
    broken: dict[str, str | bytes] = {
        "content/profiles/unclosed.md": f"---\nname: X\ncontact:\n  phone: '{PHONE}'\n",
        "content/profiles/tagged.md": profile(f"summary: !!python/object/apply:os.system ['touch {tmp_path}/x']"),
        "content/profiles/laughs.md": f"---\n{BILLION_LAUGHS}---\n",
        "content/profiles/deep.md": profile("summary: " + "[" * 600 + "]" * 600),
        "content/profiles/typo.md": profile("visibilty: internal"),
        "content/profiles/latin1.md": profile("summary: café").encode("latin-1"),
        "content/profiles/Alice.md": profile(),
        "content/profiles/toml.md": '+++\nname = "x"\n+++\n',
        "content/profiles/anna-de-vries.svg": "<svg/>",
        "content/assignments/kapot.md": VALID_ASSIGNMENT.replace("posted", "postd"),
    }
    valid: dict[str, str | bytes] = {
        **VALID,
        "content/profiles/bert-jansen.md": profile(),
        "content/profiles/bert-jansen.jpg": image_bytes("JPEG", gps=True),
        "content/profiles/cora-crlf.md": profile(name="Cora de Wit").replace("\n", "\r\n"),
    }
    site = make_site({**valid, **broken})
    out = tmp_path / "out"
    result = build.build_site(site, out, build.Options(BUILD_DATE, jobs=2), keep_going=True)
    assert result.check.broken_files == sorted(broken)
    assert not (tmp_path / "x").exists()
    assert result.published is not None
    address = urls.Urls("https://example.org/")
    for slug in ("anna-de-vries", "bert-jansen", "cora-crlf"):
        assert (out / address.output_file(address.profile(slug))).is_file()
    assert (out / address.output_file(address.assignment("klus"))).is_file()
    for slug in ("unclosed", "tagged", "laughs", "deep", "typo", "latin1", "alice", "toml"):
        assert not (out / address.output_file(address.profile(slug))).exists()
    assert not (out / address.output_file(address.assignment("kapot"))).exists()
    everything = b"".join(p.read_bytes() for p in out.rglob("*") if p.is_file())
    assert PHONE.encode() not in everything
