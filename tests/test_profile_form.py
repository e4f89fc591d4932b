"""The profile form's data: rules from the schema, check's messages, the page and its files.

The form's script only interpolates `profile_form.MESSAGES`; these tests prove each message is
the one `sitegen check` gives for the same mistake, by checking real files. The browser tests
(tests/test_profile_form_browser.py) then prove the script finds each mistake.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from conftest import BUILD_DATE, VALID_PROFILE, SiteFactory, check

from sitegen import build, codehost, profile_form, schema
from sitegen.urls import Urls

BASE: dict[str, str] = {
    "name": "name: Anna de Vries",
    "role": "role: Beleidsadviseur",
    "organisation": "organisation: gemeente-tilburg",
    "fields": "fields: [Omgevingswet]",
    "skills": "skills: [verbindend]",
    "consent": "consent: 2026-03-01",
}


def profile_text(**changes: str | None) -> str:
    keys = {**BASE, **changes}
    lines = [line for line in keys.values() if line is not None]
    return "---\n" + "\n".join(lines) + "\n---\n\nTekst.\n"


# message name, the values it is formatted with, the front matter that makes check say it.
CASES: list[tuple[str, dict[str, Any], dict[str, str | None]]] = [
    ("missing", {"prefix": "", "name": "role"}, {"role": None}),
    ("missing", {"prefix": "availability: ", "name": "status"}, {"availability": "availability:\n  hours_per_week: 8"}),
    ("text.too-short", {"key": "name", "minimum": 2, "count": 1}, {"name": "name: A"}),
    ("text.too-long", {"key": "summary", "maximum": 300, "count": 301}, {"summary": "summary: " + "x" * 301}),
    ("text.control", {"key": "role", "code": "0007"}, {"role": 'role: "Advi\\aseur"'}),
    ("text.direction", {"key": "role", "code": "202E"}, {"role": 'role: "Advi\\u202eseur"'}),
    ("choice.unknown", {"key": "visibility", "value": "publiek"}, {"visibility": "visibility: publiek"}),
    ("number.type", {"key": "rate", "value": "87,50"}, {"rate": "rate: 87,50"}),
    (
        "number.range",
        {"key": "availability.hours_per_week", "minimum": 0, "maximum": 40, "value": "41"},
        {"availability": "availability:\n  status: available\n  hours_per_week: 41"},
    ),
    ("number.range", {"key": "rate", "minimum": 0, "maximum": 1000, "value": "1000.5"}, {"rate": "rate: 1000.5"}),
    ("date.shape", {"key": "updated", "value": "1-3-2026"}, {"updated": "updated: 1-3-2026"}),
    ("date.exists", {"key": "updated", "value": "2026-02-30"}, {"updated": "updated: 2026-02-30"}),
    (
        "year-month.invalid",
        {"key": "experience[1].from", "value": "2021-13"},
        {"experience": "experience:\n  - role: Adviseur\n    organisation: Gemeente Breda\n    from: 2021-13"},
    ),
    (
        "https-url.space",
        {"key": "contact.website", "value": "https://www.example.nl/mijn site"},
        {"contact": "contact:\n  website: https://www.example.nl/mijn site"},
    ),
    (
        "https-url.scheme",
        {"key": "contact.website", "value": "http://www.example.nl/"},
        {"contact": "contact:\n  website: http://www.example.nl/"},
    ),
    (
        "https-url.scheme",
        {"key": "contact.linkedin", "value": "www.linkedin.com/in/anna"},
        {"contact": "contact:\n  linkedin: www.linkedin.com/in/anna"},
    ),
    ("https-url.credentials", {"key": "contact.website"}, {"contact": "contact:\n  website: https://anna@example.nl/"}),
    (
        "https-url.host",
        {"key": "contact.website", "value": "https://localhost/"},
        {"contact": "contact:\n  website: https://localhost/"},
    ),
    ("email.mailto", {"key": "contact.email"}, {"contact": "contact:\n  email: mailto:anna@example.nl"}),
    (
        "email.invalid",
        {"key": "contact.email", "value": "anna.example.nl"},
        {"contact": "contact:\n  email: anna.example.nl"},
    ),
    ("phone.invalid", {"key": "contact.phone", "value": "bel me"}, {"contact": 'contact:\n  phone: "bel me"'}),
    ("username.at", {"key": "maintainers[1]"}, {"maintainers": 'maintainers: ["@anna"]'}),
    (
        "username.invalid",
        {"key": "maintainers[1]", "value": "anna de vries"},
        {"maintainers": "maintainers: [anna de vries]"},
    ),
    (
        "reference.invalid",
        {"key": "organisation", "value": "Gemeente Tilburg", "what": "organisation"},
        {"organisation": "organisation: Gemeente Tilburg"},
    ),
    ("language-code.invalid", {"key": "languages[2]", "value": "NL"}, {"languages": "languages: [en, NL]"}),
    (
        "term.unknown",
        {"key": "skills[2]", "value": "jongleren", "singular": "skill"},
        {"skills": "skills: [verbindend, jongleren]"},
    ),
    ("list.too-few-one", {"key": "fields"}, {"fields": "fields: []"}),
    (
        "list.too-many",
        {"key": "skills", "maximum": 12, "count": 13},
        {"skills": "skills: [" + ", ".join(["verbindend"] * 13) + "]"},
    ),
    (
        "availability.hours",
        {"key": "availability"},
        {"availability": "availability:\n  status: unavailable\n  hours_per_week: 8"},
    ),
    (
        "period",
        {"key": "availability.until", "end": "2027-01-01", "start": "2027-02-01"},
        {"availability": "availability:\n  status: available\n  from: 2027-02-01\n  until: 2027-01-01"},
    ),
    (
        "period",
        {"key": "experience[1].to", "end": "2020", "start": "2021-03"},
        {
            "experience": "experience:\n  - role: Adviseur\n    organisation: Gemeente Breda\n    from: 2021-03\n"
            "    to: 2020"
        },
    ),
    ("organisation.unknown", {"value": "gemeente-tilbrug"}, {"organisation": "organisation: gemeente-tilbrug"}),
]

VOCABULARY = "skills:\n  - term: verbindend\n  - term: procesbegeleiding\n    aliases: [procesbegeleider]\n"


def test_every_message_of_the_form_is_checks_message_for_that_mistake(make_site: SiteFactory) -> None:
    files: dict[str, str | bytes] = {"content/vocabulary.yaml": VOCABULARY}
    for number, (_, _, changes) in enumerate(CASES):
        files[f"content/profiles/case-{number}.md"] = profile_text(**changes)
    result = check(make_site(files))
    errors: dict[str, list[str]] = {}
    dutch: dict[str, list[str]] = {}
    for diagnostic in result.diagnostics:
        if diagnostic.is_error:
            errors.setdefault(diagnostic.path, []).append(diagnostic.message)
            dutch.setdefault(diagnostic.path, []).append(diagnostic.message_in("nl"))
    nouns = profile_form.form_nouns("nl")
    for number, (name, values, _) in enumerate(CASES):
        expected = profile_form.MESSAGES[name].format(**values)
        assert errors.get(f"content/profiles/case-{number}.md") == [expected], (name, values)
        # The form's Dutch, with the nouns the script puts in, is check's Dutch for the same mistake.
        in_dutch = {k: nouns[v] if k in ("what", "singular") else v for k, v in values.items()}
        expected = profile_form.form_messages("nl")[name].format(**in_dutch)
        assert dutch.get(f"content/profiles/case-{number}.md") == [expected], (name, values)
    assert {name for name, _, _ in CASES} | PROBED == set(profile_form.MESSAGES)


PROBED = {"list.too-few", "number.whole", "https-url.invalid"}  # no profile key can say these: see below


def test_the_messages_no_case_reaches_are_still_the_validators() -> None:
    """Messages a profile cannot trigger from a file here: probed on the validators themselves."""
    from sitegen.yamlstrict import Scalar, Sequence

    def message(validator: schema.Validator, node: Any) -> str:
        ctx = schema.Context("x.md")
        validator(node, "v", ctx)
        return ctx.diagnostics[0].message

    assert message(schema.list_of(schema.text(), "texts", minimum=2), Sequence((), 1, 1)) == profile_form.MESSAGES[
        "list.too-few"
    ].format(key="v", minimum=2)
    assert message(schema.number(0, 10, whole=True), Scalar(2.5, "2.5", 1, 1)) == profile_form.MESSAGES[
        "number.whole"
    ].format(key="v", value="2.5")
    assert message(schema.https_url, Scalar("https://[::1/", "https://[::1/", 1, 1)) == profile_form.MESSAGES[
        "https-url.invalid"
    ].format(key="v", value="https://[::1/")


def test_the_form_rules_are_the_profile_specs() -> None:
    spec = profile_form.form_spec()
    assert [key["name"] for key in spec] == [key.name for key in schema.PROFILE if key.name != "internal"]
    by_name = {key["name"]: key for key in spec}
    assert [name for name, key in by_name.items() if key["required"]] == [
        "name",
        "role",
        "organisation",
        "fields",
        "skills",
        "consent",
    ]
    assert by_name["skills"]["rule"] == {
        "kind": "list",
        "minimum": 1,
        "maximum": 12,
        "what": "texts",
        "unique": True,
        "item": {"kind": "term", "minimum": 1, "maximum": 80, "what": "skills"},
    }
    assert by_name["summary"]["rule"] == {"kind": "text", "minimum": 1, "maximum": 300}
    availability = {key["name"]: key for key in by_name["availability"]["rule"]["spec"]}
    assert availability["hours_per_week"]["rule"] == {"kind": "number", "minimum": 0, "maximum": 40}
    assert availability["status"]["rule"]["options"] == ["available", "limited", "unavailable"]
    assert by_name["engagement"]["rule"]["item"]["options"] == [
        "detachering",
        "publiek-tarief",
        "belangeloos",
        "zelfstandig",
    ]
    # the whole rule tree, for any key a later change adds: each rule says what its validator does
    for name, key in by_name.items():
        assert key["rule"] == profile_form.rule_json(next(k for k in schema.PROFILE if k.name == name).validate.rule)


def test_the_data_block_cannot_end_its_script_element() -> None:
    hostile = {"name": "</script><script>alert(1)</script>", "amp": "a & b", "lines": "a\u2028b\u2029c"}
    text = str(profile_form.script_json(hostile))
    assert "<" not in text and ">" not in text and "&" not in text
    assert "\u2028" not in text and "\u2029" not in text
    assert json.loads(text) == hostile


@pytest.mark.parametrize(
    ("repository", "expected"),
    [
        (
            codehost.Repository("https://github.com/example/netwerk", host="github"),
            {
                "host": "github",
                "new": "https://github.com/example/netwerk/new/main/content/profiles",
                "name_param": "filename",
                "content_param": "value",
                "edit": "https://github.com/example/netwerk/edit/main/content/profiles/",
                "guide": "https://github.com/example/netwerk/blob/main/docs/leden.md",
            },
        ),
        (
            codehost.Repository("https://gitlab.example.org/groep/sub/netwerk", host="gitlab"),
            {
                "host": "gitlab",
                "new": "https://gitlab.example.org/groep/sub/netwerk/-/new/main/content/profiles",
                "name_param": "file_name",
                "content_param": "content",
                "edit": "https://gitlab.example.org/groep/sub/netwerk/-/edit/main/content/profiles/",
                "guide": "https://gitlab.example.org/groep/sub/netwerk/-/blob/main/docs/leden.md",
            },
        ),
    ],
)
def test_code_host_pages(repository: codehost.Repository, expected: dict[str, str]) -> None:
    assert profile_form.code_host_links(repository) == expected
    assert profile_form.code_host_links(None) is None


INTERNAL_PROFILE = """\
---
name: Bram Intern
role: Adviseur
organisation: gemeente-tilburg
fields: [Omgevingswet]
skills: [verbindend]
consent: 2026-03-01
visibility: internal
---
Intern.
"""

PUBLIC_WITH_INTERNAL = """\
---
name: Carla Openbaar
role: Adviseur
organisation: gemeente-tilburg
fields: [Omgevingswet]
skills: [verbindend]
consent: 2026-03-01
rate: 87.50
experience:
  - role: Adviseur
    organisation: Gemeente Breda
    from: 2017
contact:
  phone: "013-1234567"
internal:
  contact:
    email: canary-internal@example.nl
---
## Over mij

Openbaar verhaal.
"""


def test_the_build_writes_the_form_and_each_public_profiles_own_values(make_site: SiteFactory, tmp_path: Path) -> None:
    site = make_site(
        {
            "content/profiles/anna-de-vries.md": VALID_PROFILE,
            "content/profiles/bram-intern.md": INTERNAL_PROFILE,
            "content/profiles/carla-openbaar.md": PUBLIC_WITH_INTERNAL,
        }
    )
    out = tmp_path / "out"
    result = build.build_site(site, out, build.Options(BUILD_DATE, jobs=2))
    assert result.published is not None
    urls = Urls("https://example.org/")
    page = (out / urls.output_file(urls.profile_form())).read_text(encoding="utf-8")
    assert "<h1>Profiel aanmaken of wijzigen</h1>" in page
    form_data = re.search(r'<script type="application/json" id="profile-form-data">(.*?)</script>', page, re.S)
    assert form_data is not None
    data = json.loads(form_data[1])
    assert data["keys"] == profile_form.form_spec()
    assert data["organisations"] == [
        {"id": "gemeente-tilburg", "name": "Gemeente Tilburg"},
        {"id": "waterschap-de-dommel", "name": "Waterschap De Dommel"},
    ]
    assert data["code_host"] is None  # no repository in sitegen.yaml: no link to a code host
    assert 'id="result-host"' not in page
    assert sorted(p.parent.name for p in out.glob("profielen/*/front-matter.json")) == [
        "anna-de-vries",
        "carla-openbaar",
    ]
    carla = json.loads((out / urls.profile_form_data("carla-openbaar")).read_text(encoding="utf-8"))
    assert carla == {
        "slug": "carla-openbaar",
        "front_matter": {
            "name": "Carla Openbaar",
            "role": "Adviseur",
            "organisation": "gemeente-tilburg",
            "fields": ["Omgevingswet"],
            "skills": ["verbindend"],
            "consent": "2026-03-01",
            "rate": "87.50",
            "experience": [{"role": "Adviseur", "organisation": "Gemeente Breda", "from": "2017"}],
            "contact": {"phone": "013-1234567"},
        },
        "body": "## Over mij\n\nOpenbaar verhaal.\n",
    }
    assert not [p for p in out.rglob("*") if p.is_file() and b"canary-internal" in p.read_bytes()]
    profile_page = (out / urls.output_file(urls.profile("anna-de-vries"))).read_text(encoding="utf-8")
    assert '<a href="/profiel-formulier/?profiel=anna-de-vries">Wijzig dit profiel in het formulier</a>' in profile_page


def test_the_english_site_has_its_own_address_and_parameter() -> None:
    urls = Urls("https://example.org/netwerk/", "en")
    assert urls.href(urls.profile_form()) == "/netwerk/profile-form/"
    assert urls.href(urls.profile_form_for("anna")) == "/netwerk/profile-form/?profile=anna"
    assert urls.profile_form_data("anna") == "profiles/anna/front-matter.json"
