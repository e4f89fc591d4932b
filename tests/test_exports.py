"""The api/v1 exports: public data only, open assignments only, versioned, the same bytes each build.

A small site with every kind of record (a full profile with a photo, a minimal one, an internal
one; open, filled, expired, scheduled and internal assignments) is built once; its exports are
compared with records written out in full. The demo's exports validate against the schemas
they publish, and two builds give the same bytes.
"""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from conftest import BUILD_DATE, REPO, write_site
from outputs import built
from PIL import Image
from test_audience import FILES as CANARY_FILES
from test_audience import HIDDEN_VALUES, PREFIX

from sitegen import build, cli, exports, schema

VALIDATOR = jsonschema.Draft202012Validator
FORMATS = VALIDATOR.FORMAT_CHECKER
BASE = "https://example.org/netwerk/"


def _photo() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 40), (20, 120, 90)).save(buffer, format="PNG")
    return buffer.getvalue()


ANNA = """\
---
name: Anna de Vries
role: Beleidsadviseur wonen
organisation: gemeente-tilburg
fields: [Wonen, Omgevingswet]
skills: [procesbegeleiding, Python]
consent: 2026-03-02
summary: Brengt woningbouwplannen van idee tot besluit.
experience:
  - role: Projectsecretaris
    organisation: Woonstichting 't Heem
    from: 2017
    to: 2021-08
availability:
  status: limited
  hours_per_week: 8
  from: 2026-09-01
engagement: [detachering, belangeloos]
rate: 87.50
languages: [nl, en]
contact:
  email: a.devries@tilburg.nl
  phone: 013 123 4567
  linkedin: https://www.linkedin.com/in/anna-de-vries
maintainers: [annadevries-tlb]
internal:
  rate: 95
  contact:
    phone: 06-12345678
updated: 2026-10-15
---

Ik werk aan het woningbouwprogramma.
"""

BRAM = """\
---
name: Bram Jansen
role: Waterbeheerder
organisation: waterschap-de-dommel
fields: [Water]
skills: [beekherstel]
consent: 2026-01-10
---
"""

INTERNAL = (
    BRAM.replace("Bram Jansen", "Iris Intern")
    .replace("---\n\n", "---\n")
    .replace("consent: 2026-01-10\n", "consent: 2026-01-10\nvisibility: internal\n")
)


def assignment(title: str, extra: str = "", posted: str = "2026-11-01", deadline: str = "2026-12-20") -> str:
    return (
        f"---\ntitle: {title}\norganisation: gemeente-tilburg\nfields: [Wonen]\nskills: [procesbegeleiding]\n"
        f"posted: {posted}\ndeadline: {deadline}\n{extra}---\n\nDe klus.\n"
    )


SITE: dict[str, str | bytes] = {
    "sitegen.yaml": f"title: Testnetwerk\nbase_url: {BASE}\n",
    "content/profiles/anna-de-vries.md": ANNA,
    "content/profiles/anna-de-vries.png": _photo(),
    "content/profiles/bram-jansen.md": BRAM,
    "content/profiles/iris-intern.md": INTERNAL,
    "content/assignments/kwartiermaker.md": assignment(
        "Kwartiermaker woningbouw",
        "summary: Zet een versnellingsteam op.\nlocation: Stadskantoor\nhours_per_week: 16\nstart: 2027-02-01\n"
        "end: 2027-07-31\nengagement: detachering\nrate: 87.50\ncontact: anna-de-vries\n"
        "internal:\n  rate: 95\nupdated: 2026-11-22\n",
    ),
    "content/assignments/met-contactpersoon.md": assignment(
        "Klus met een contactpersoon",
        'contact:\n  name: Bram Jansen\n  email: b.jansen@dommel.nl\n  phone: "0411 123 456"\n',
    ),
    "content/assignments/vervuld.md": assignment("Vervulde klus", "status: filled\n"),
    "content/assignments/verlopen.md": assignment("Verlopen klus", "", "2026-10-01", "2026-11-30"),
    "content/assignments/gepland.md": assignment("Geplande klus", "", "2026-12-02", "2026-12-31"),
    "content/assignments/intern.md": assignment("Interne klus", "visibility: internal\n"),
}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_site(tmp_path_factory.mktemp("exports") / "site", SITE)


@pytest.fixture(scope="module")
def public(site: Path) -> dict[str, bytes]:
    return built(site, site.parent / "public", BUILD_DATE)


def export_of(files: dict[str, bytes], kind: str) -> Any:
    data = files[f"api/v1/{kind}.json"]
    assert data.endswith(b"\n") and data.count(b"\n") == 1
    return json.loads(data)


def test_the_header_names_the_version_the_site_and_the_schema(public: dict[str, bytes]) -> None:
    for kind in exports.KINDS:
        exported = export_of(public, kind)
        assert {key: value for key, value in exported.items() if key != kind} == {
            "version": "1.0",
            "kind": kind,
            "site": {"name": "Testnetwerk", "url": BASE, "language": "nl"},
            "as_of": "2026-12-01",
            "schema": f"{BASE}api/v1/schema/{kind}.schema.json",
        }
        assert list(exported) == ["version", "kind", "site", "as_of", "schema", kind]


def test_a_full_profile(public: dict[str, bytes]) -> None:
    profiles = export_of(public, "profiles")["profiles"]
    assert [p["id"] for p in profiles] == ["anna-de-vries", "bram-jansen"]  # public ones, by id
    photo = next(path for path in public if path.startswith("profielen/anna-de-vries/foto-"))
    assert profiles[0] == {
        "id": "anna-de-vries",
        "url": f"{BASE}profielen/anna-de-vries/",
        "organisation": {"id": "gemeente-tilburg", "name": "Gemeente Tilburg"},
        "name": "Anna de Vries",
        "role": "Beleidsadviseur wonen",
        "fields": ["Wonen", "Omgevingswet"],
        "skills": ["procesbegeleiding", "Python"],
        "summary": "Brengt woningbouwplannen van idee tot besluit.",
        "region": "Midden-Brabant",
        "availability": {"status": "limited", "hours_per_week": 8, "from": "2026-09-01", "until": None},
        "engagement": ["detachering", "belangeloos"],
        "rate": 87.5,
        "languages": ["nl", "en"],
        "experience": [
            {"role": "Projectsecretaris", "organisation": "Woonstichting 't Heem", "from": "2017", "to": "2021-08"}
        ],
        "contact": {
            "email": "a.devries@tilburg.nl",
            "phone": "013 123 4567",
            "website": None,
            "linkedin": "https://www.linkedin.com/in/anna-de-vries",
        },
        "consent": "2026-03-02",
        "updated": "2026-10-15",
        "photo": BASE + photo,
    }


def test_a_minimal_profile_has_every_key(public: dict[str, bytes]) -> None:
    bram = export_of(public, "profiles")["profiles"][1]
    assert bram == {
        "id": "bram-jansen",
        "url": f"{BASE}profielen/bram-jansen/",
        "organisation": {"id": "waterschap-de-dommel", "name": "Waterschap De Dommel"},
        "name": "Bram Jansen",
        "role": "Waterbeheerder",
        "fields": ["Water"],
        "skills": ["beekherstel"],
        "summary": None,
        "region": "Zuidoost-Brabant",
        "availability": None,
        "engagement": [],
        "rate": None,
        "languages": [],
        "experience": [],
        "contact": None,
        "consent": "2026-01-10",
        "updated": None,
        "photo": None,
    }


def test_open_public_assignments_only(public: dict[str, bytes]) -> None:
    assignments = export_of(public, "assignments")["assignments"]
    assert [a["id"] for a in assignments] == ["kwartiermaker", "met-contactpersoon"]
    assert assignments[0] == {
        "id": "kwartiermaker",
        "url": f"{BASE}klussen/kwartiermaker/",
        "organisation": {"id": "gemeente-tilburg", "name": "Gemeente Tilburg"},
        "title": "Kwartiermaker woningbouw",
        "fields": ["Wonen"],
        "skills": ["procesbegeleiding"],
        "summary": "Zet een versnellingsteam op.",
        "region": "Midden-Brabant",
        "location": "Stadskantoor",
        "hours_per_week": 16,
        "start": "2027-02-01",
        "end": "2027-07-31",
        "engagement": "detachering",
        "rate": 87.5,
        "status": "open",
        "posted": "2026-11-01",
        "deadline": "2026-12-20",
        "updated": "2026-11-22",
        "contact": {
            "name": "Anna de Vries",
            "email": "a.devries@tilburg.nl",
            "phone": "013 123 4567",
            "profile": "anna-de-vries",
            "url": f"{BASE}profielen/anna-de-vries/",
        },
    }
    assert assignments[1]["contact"] == {
        "name": "Bram Jansen",
        "email": "b.jansen@dommel.nl",
        "phone": "0411 123 456",
        "profile": None,
        "url": None,
    }


def test_every_organisation(public: dict[str, bytes]) -> None:
    assert export_of(public, "organisations")["organisations"] == [
        {
            "id": "gemeente-tilburg",
            "url": f"{BASE}organisaties/gemeente-tilburg/",
            "name": "Gemeente Tilburg",
            "type": "gemeente",
            "region": "Midden-Brabant",
            "website": "https://www.tilburg.nl",
        },
        {
            "id": "waterschap-de-dommel",
            "url": f"{BASE}organisaties/waterschap-de-dommel/",
            "name": "Waterschap De Dommel",
            "type": "waterschap",
            "region": "Zuidoost-Brabant",
            "website": None,
        },
    ]


def test_every_url_leads_to_a_page_or_photo_of_the_build(public: dict[str, bytes]) -> None:
    found = [url for kind in exports.KINDS for url in _strings(export_of(public, kind)) if url.startswith(BASE)]
    paths = {url.removeprefix(BASE) for url in found} - {"", *(f"api/v1/schema/{k}.schema.json" for k in exports.KINDS)}
    assert len(paths) == 7  # two profiles, a photo, two assignments, two organisations
    assert sorted(path for path in paths if (path + "index.html" if path.endswith("/") else path) not in public) == []


def _strings(value: Any) -> list[str]:
    if isinstance(value, dict):
        return [text for item in value.values() for text in _strings(item)]
    if isinstance(value, list):
        return [text for item in value for text in _strings(item)]
    return [value] if isinstance(value, str) else []


def test_the_internal_build_exports_nothing(site: Path) -> None:
    internal = built(site, site.parent / "internal", BUILD_DATE, audience="internal")
    assert [path for path in internal if path.startswith("api/")] == []


# ---------------------------------------------------------------------------------------------
# The schemas


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    return built(REPO, tmp_path_factory.mktemp("demo") / "out", BUILD_DATE)


@pytest.mark.parametrize("kind", exports.KINDS)
def test_the_demos_exports_validate_against_their_published_schema(demo: dict[str, bytes], kind: str) -> None:
    published = json.loads(demo[f"api/v1/schema/{kind}.schema.json"])
    VALIDATOR.check_schema(published)
    exported = export_of(demo, kind)
    assert list(VALIDATOR(published, format_checker=FORMATS).iter_errors(exported)) == []
    assert len(exported[kind]) == {"profiles": 41, "assignments": 10, "organisations": 18}[kind]
    assert_described(exported, published, kind)


@pytest.mark.parametrize("kind", exports.KINDS)
def test_a_minimal_files_exports_validate_too(public: dict[str, bytes], kind: str) -> None:
    """An optional list a file leaves out is exported as [], and the schema takes it."""
    published = json.loads(public[f"api/v1/schema/{kind}.schema.json"])
    exported = export_of(public, kind)
    assert list(VALIDATOR(published, format_checker=FORMATS).iter_errors(exported)) == []
    if kind == "profiles":
        exported["profiles"][1]["engagement"] = None
        errors = list(VALIDATOR(published, format_checker=FORMATS).iter_errors(exported))
        assert [e.json_path for e in errors] == ["$.profiles[1].engagement"]


def assert_described(value: Any, shaped: dict[str, Any], where: str) -> None:
    """Every key of the data is a property of the schema: a reader finds each one documented."""
    if "anyOf" in shaped:
        matching = [s for s in shaped["anyOf"] if VALIDATOR(s).is_valid(value)]
        assert matching, where
        shaped = matching[-1]
    if isinstance(value, dict):
        assert list(value) == list(shaped["properties"]), where
        later = set(exports.ADDED["profile"]) | set(exports.ADDED["assignment"])  # optional: 1.0 lacks them
        assert shaped["required"] == [key for key in value if key not in later], where
        for key, item in value.items():
            assert shaped["properties"][key].get("description") or key in ("kind", "language", "id", "name"), (
                f"{where}.{key} has no description"
            )
            assert_described(item, shaped["properties"][key], f"{where}.{key}")
    elif isinstance(value, list) and "items" in shaped:
        for position, item in enumerate(value):
            assert_described(item, shaped["items"], f"{where}[{position}]")


def test_the_export_schemas_hold_nothing_of_the_site(
    public: dict[str, bytes], demo: dict[str, bytes], tmp_path: Path
) -> None:
    """The same bytes on every site, and the same as `sitegen schema --out` writes."""
    assert cli.main(["schema", "--out", str(tmp_path)], io.StringIO(), io.StringIO()) == 0
    for kind in exports.KINDS:
        published = public[f"api/v1/schema/{kind}.schema.json"]
        assert published == demo[f"api/v1/schema/{kind}.schema.json"]
        assert published == (tmp_path / f"api-v1-{kind}.schema.json").read_bytes()
        assert json.loads(published)["$id"] == f"urn:sitegen:schema:api:v1:{kind}"


def test_the_schema_refuses_a_broken_item(demo: dict[str, bytes]) -> None:
    """What a federating network relies on: a bad item is named, by its place."""
    published = json.loads(demo["api/v1/schema/profiles.schema.json"])
    exported = export_of(demo, "profiles")
    exported["profiles"][3]["skills"] = [f"kwaliteit {n}" for n in range(13)]
    exported["profiles"][5]["url"] = None
    del exported["profiles"][7]["consent"]
    exported["version"] = "2.0"
    found = sorted(e.json_path for e in VALIDATOR(published, format_checker=FORMATS).iter_errors(exported))
    assert found == ["$.profiles[3].skills", "$.profiles[5].url", "$.profiles[7]", "$.version"]
    exported = export_of(demo, "profiles")
    exported["profiles"][0]["pronouns"] = "zij/haar"  # a key of a later 1.x: readers of 1.0 ignore it
    exported["version"] = "1.1"
    assert VALIDATOR(published, format_checker=FORMATS).is_valid(exported)


def test_every_key_of_the_specs_is_exported_or_left_out_on_purpose() -> None:
    """A key a spec gains fails here until someone decides whether it is exported (a minor version)."""
    exported = {
        "profile": {k.name for k in exports.PROFILE_KEYS},
        "assignment": {k.name for k in exports.ASSIGNMENT_KEYS},
    }
    for kind, spec in (("profile", schema.PROFILE), ("assignment", schema.ASSIGNMENT)):
        assert sorted(exported[kind] | set(exports.LEFT_OUT[kind])) == sorted(k.name for k in spec)
        assert not exported[kind] & set(exports.LEFT_OUT[kind])
    assert [k.name for k in exports.ORGANISATION_KEYS] == [k.name for k in schema.ORGANISATION]


# ---------------------------------------------------------------------------------------------
# Determinism and privacy


def test_two_builds_give_the_same_bytes(demo: dict[str, bytes], tmp_path: Path) -> None:
    again = built(REPO, tmp_path / "again", BUILD_DATE)
    names = sorted(path for path in demo if path.startswith("api/"))
    assert names == [
        "api/v1/assignments.json",
        "api/v1/organisations.json",
        "api/v1/profiles.json",
        "api/v1/schema/assignments.schema.json",
        "api/v1/schema/organisations.schema.json",
        "api/v1/schema/profiles.schema.json",
    ]
    assert {name: again[name] for name in names} == {name: demo[name] for name in names}


@pytest.fixture(scope="module")
def canary_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_site(tmp_path_factory.mktemp("canaries") / "site", CANARY_FILES)


def test_no_internal_value_in_the_exports(canary_site: Path) -> None:
    public = built(canary_site, canary_site.parent / "public", BUILD_DATE)
    data = {path: content for path, content in public.items() if path.startswith("api/")}
    assert len(data) == 6
    assert [path for path, content in data.items() if PREFIX.encode() in content.lower()] == []
    assert [p["id"] for p in export_of(public, "profiles")["profiles"]] == ["anna-de-vries"]
    assert [a["id"] for a in export_of(public, "assignments")["assignments"]] == ["klus", "klus-twee"]
    records = {path: content for path, content in data.items() if not path.startswith("api/v1/schema/")}
    leaks = {
        form: path
        for forms in HIDDEN_VALUES.values()
        for form in forms
        for path, content in records.items()
        if form.encode() in content
    }
    assert leaks == {}


def test_no_content_in_a_sites_schemas(canary_site: Path, tmp_path: Path) -> None:
    """`sitegen schema SITE` reads the organisations and the vocabulary only, never a profile."""
    assert cli.main(["schema", str(canary_site), "--out", str(tmp_path)], io.StringIO(), io.StringIO()) == 0
    written = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    assert len(written) == 9
    assert [name for name, content in written.items() if PREFIX.encode() in content.lower()] == []
    files, _ = build.schema_files(canary_site)
    assert {f.path: f.content for f in files} == written


# The keys of every item in version 1.0, in their order. A key added since is not among them: a
# network that has not upgraded exports 1.0, so no schema of 1.x may require a later key.
KEYS_OF_1_0 = {
    "profiles": (
        "id",
        "url",
        "organisation",
        "name",
        "role",
        "fields",
        "skills",
        "summary",
        "region",
        "availability",
        "engagement",
        "rate",
        "languages",
        "experience",
        "contact",
        "consent",
        "updated",
        "photo",
    ),
    "assignments": (
        "id",
        "url",
        "organisation",
        "title",
        "fields",
        "skills",
        "summary",
        "region",
        "location",
        "hours_per_week",
        "start",
        "end",
        "engagement",
        "rate",
        "status",
        "posted",
        "deadline",
        "updated",
        "contact",
    ),
}


@pytest.mark.parametrize("kind", ["profiles", "assignments"])
def test_the_item_schemas_require_the_keys_of_1_0_and_no_later_one(kind: str) -> None:
    """A key of a later minor version is in `exports.ADDED` with that version, and not required."""
    item = exports.export_schema(kind)["properties"][kind]["items"]
    assert item["required"] == list(KEYS_OF_1_0[kind])
    later = [name for name in item["properties"] if name not in KEYS_OF_1_0[kind]]
    added = exports.ADDED[kind[:-1]]
    assert sorted(later) == sorted(added)
    assert all(
        (1, 0) < tuple(map(int, version.split("."))) <= tuple(map(int, exports.VERSION.split(".")))
        for version in added.values()
    )
