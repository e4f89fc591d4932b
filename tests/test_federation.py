"""Federation (docs/federation.md): `networks:` in sitegen.yaml, importing other networks' exports.

The networks are real sitegen builds (or exports written from one), served on 127.0.0.1 by
http.server in a thread, or read from a folder. Every import goes through the real fetch with
its timeout and size cap, the real cache, and the real export schemas.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import http.server
import io
import json
import os
import threading
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from conftest import BUILD_DATE, ORGANISATIONS_YAML, VALID_ASSIGNMENT, VALID_PROFILE, dedent, write_site
from quality import server
from test_exports import ANNA as FULL_PROFILE
from test_exports import KEYS_OF_1_0
from test_exports import SITE as FULL_SITE
from test_search_browser import Indexed

from sitegen import build, config, exports, federation, fetch
from sitegen.diagnostics import Diagnostic
from sitegen.fetch import Limits, Settings

NOORD = "https://noord.example.org/"

PIET = """\
---
name: Piet Jansen
role: Hydroloog
organisation: waterschap-de-dommel
fields: [Waterbeheer]
skills: [procesbegeleiding, modelleren]
consent: 2026-03-01
contact:
  email: Piet.Jansen@example.org
---
"""

KEES = """\
---
name: Kees de Wit
role: Jurist
organisation: gemeente-tilburg
fields: [Omgevingswet]
skills: [wetgeving]
consent: 2026-03-01
---
"""

# ---------------------------------------------------------------------------------------------
# Networks to import


class _Slow(server.QuietHandler):
    """Answers only after the importer's timeout has passed."""

    def do_GET(self) -> None:
        time.sleep(1.5)
        super().do_GET()


@contextmanager
def serve(folder: Path, handler: type[http.server.SimpleHTTPRequestHandler] = server.QuietHandler) -> Iterator[str]:
    """Serve `folder` on 127.0.0.1 and yield its base URL, 'http://127.0.0.1:PORT/'."""
    with server.serve(folder, handler) as origin:
        yield origin + "/"


def built_network(root: Path, files: Mapping[str, str], title: str = "Netwerk Noord", base_url: str = NOORD) -> Path:
    """A network's built site: its output folder, with api/v1/."""
    site = write_site(root / "site", {"sitegen.yaml": f"title: {title}\nbase_url: {base_url}\n", **files})
    out = root / "out"
    result = build.build_site(site, out, build.Options(BUILD_DATE, jobs=1))
    assert result.published is not None, result.check.diagnostics
    return out


def built_zuid(root: Path, files: Mapping[str, str]) -> Path:
    """A second network, Netwerk Zuid, built from `files`."""
    return built_network(root, files, title="Netwerk Zuid", base_url="https://zuid.example.org/")


def export(out: Path, kind: str) -> dict[str, Any]:
    value: dict[str, Any] = json.loads((out / "api/v1" / f"{kind}.json").read_text(encoding="utf-8"))
    return value


def write_export(out: Path, kind: str, value: dict[str, Any] | str) -> None:
    text = value if isinstance(value, str) else json.dumps(value)
    (out / "api/v1" / f"{kind}.json").write_text(text, encoding="utf-8")


# ---------------------------------------------------------------------------------------------
# The importing site


@dataclasses.dataclass
class Built:
    out: Path
    diagnostics: list[Diagnostic]
    published: bool

    def text(self, path: str) -> str:
        return (self.out / path).read_text(encoding="utf-8")

    def search_documents(self) -> list[dict[str, Any]]:
        """The search store's documents, each with its facet values under 'f'."""
        return Indexed.read(self.out).documents

    def titles(self) -> list[str]:
        return [document["t"] for document in self.search_documents()]

    def codes(self) -> list[tuple[str, str]]:
        return [(d.severity.value, d.code) for d in self.diagnostics]


def networks_yaml(*entries: str) -> str:
    return "title: Testnetwerk\nbase_url: https://example.org/\nnetworks:\n" + "".join(entries)


def entry(name: str, source: str, kinds: str = "") -> str:
    key = "url" if source.startswith("http") else "path"
    return f"  - name: {name}\n    {key}: {source}\n" + (f"    kinds: [{kinds}]\n" if kinds else "")


def build_importer(
    root: Path,
    sitegen_yaml: str,
    files: Mapping[str, str] | None = None,
    offline: bool = False,
    limits: Limits | None = None,
    session: fetch.Session | None = None,
) -> Built:
    site = write_site(root / "importer", {"sitegen.yaml": sitegen_yaml, **(files or {})})
    settings = Settings(offline=offline, cache=root / "cache", limits=limits or Limits(timeout=5), session=session)
    out = root / "importer-out"
    result = build.build_site(site, out, build.Options(BUILD_DATE, jobs=1, networks=settings))
    return Built(out, result.check.diagnostics, result.published is not None)


@pytest.fixture(scope="module")
def noord(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Netwerk Noord: two profiles and an assignment, built once."""
    return built_network(
        tmp_path_factory.mktemp("noord"),
        {
            "content/profiles/piet-jansen.md": PIET,
            "content/profiles/kees-de-wit.md": KEES,
            "content/assignments/waterplan.md": VALID_ASSIGNMENT.replace(
                "Projectleider omgevingsvisie", "Adviseur waterplan"
            ),
        },
    )


# ---------------------------------------------------------------------------------------------
# networks: in sitegen.yaml


def _config_messages(tmp_path: Path, networks: str) -> list[tuple[int, str, str]]:
    site = write_site(tmp_path, {"sitegen.yaml": "title: T\nbase_url: https://example.org/\nnetworks:\n" + networks})
    loaded, diagnostics = config.load_config(site)
    assert loaded is None
    return [(d.line, d.code, d.message) for d in diagnostics]


def test_a_network_needs_a_url_or_a_path_and_not_both(tmp_path: Path) -> None:
    networks = dedent("""\
          - name: Noord
          - name: Zuid
            url: https://zuid.example.org/
            path: ../zuid
          - name: West
            url: http://west.example.org/
          - name: Oost
            path: ../oost
            kinds: [people]
        """)
    assert _config_messages(tmp_path, networks) == [
        (
            4,
            "network-source",
            "networks[1]: needs 'url' (the network's site address) or 'path' (a folder of its built site)",
        ),
        (5, "network-source", "networks[2]: has both 'url' and 'path'"),
        (9, "invalid-url", "networks[3].url: 'http://west.example.org/' is not a valid base URL"),
        (12, "invalid-value", "networks[4].kinds[1]: unknown value 'people'"),
    ]


def test_two_networks_may_not_share_a_name(tmp_path: Path) -> None:
    networks = "  - name: Noord\n    path: a\n  - name: NOORD\n    path: b\n"
    assert _config_messages(tmp_path, networks) == [
        (6, "duplicate-network", "networks[2].name: 'NOORD' is the name of networks[1] too")
    ]


def test_a_valid_list_of_networks(tmp_path: Path) -> None:
    noord = entry("Noord", NOORD, "profiles") + "    max_age: 14\n"
    site = write_site(tmp_path, {"sitegen.yaml": networks_yaml(noord, entry("Zuid", "z"))})
    loaded, diagnostics = config.load_config(site)
    assert diagnostics == []
    assert loaded is not None
    assert loaded.networks == (
        config.Network("Noord", url=NOORD, kinds=("profiles",), max_age=14, line=4),
        config.Network("Zuid", path="z", max_age=7, line=8),
    )


# ---------------------------------------------------------------------------------------------
# Importing


def test_imported_records_are_searched_matched_and_linked_to_their_home(noord: Path, tmp_path: Path) -> None:
    with serve(noord) as origin:
        built = build_importer(
            tmp_path,
            networks_yaml(entry("Netwerk Noord", origin)),
            {"content/assignments/omgevingsvisie.md": VALID_ASSIGNMENT, "content/profiles/anna.md": VALID_PROFILE},
        )
    assert built.diagnostics == [] and built.published
    documents = {d["t"]: d for d in built.search_documents()}
    piet = documents["Piet Jansen"]
    assert piet["u"] == f"{NOORD}profielen/piet-jansen/"
    assert piet["s"] == "Hydroloog, Waterschap De Dommel. Uit Netwerk Noord"
    assert piet["f"]["network"] == ["Netwerk Noord"]
    assert piet["f"]["organisation"] == ["Waterschap De Dommel"]  # the same id and name: ours
    assert documents["Adviseur waterplan"]["u"] == f"{NOORD}klussen/waterplan/"
    assert documents["Projectleider omgevingsvisie"]["f"]["network"] == ["Testnetwerk"]
    # matching suggests the imported person for our assignment, on a card that links to their page
    page = built.text("klussen/omgevingsvisie/index.html")
    assert f'<a href="{NOORD}profielen/piet-jansen/">Piet Jansen</a>' in page
    assert '<p class="card-network">Uit Netwerk Noord</p>' in page
    # and the imported assignment for our member
    page = built.text("profielen/anna/index.html")
    assert f'<a href="{NOORD}klussen/waterplan/">Adviseur waterplan</a>' in page
    assert '<p class="card-network">Uit Netwerk Noord</p>' in page
    # the search page offers the network facet
    assert 'data-facet="network" data-param="netwerk"' in built.text("zoeken/index.html")


def test_imported_records_are_never_exported_paged_or_in_the_sitemap(noord: Path, tmp_path: Path) -> None:
    built = build_importer(tmp_path, networks_yaml(entry("Netwerk Noord", str(noord))))
    assert built.diagnostics == [] and built.published
    assert "Piet Jansen" in built.titles()
    assert export(built.out, "profiles")["profiles"] == []
    assert export(built.out, "assignments")["assignments"] == []
    assert "noord" not in built.text("sitemap.xml")
    assert not (built.out / "profielen/piet-jansen").exists()
    assert "Piet Jansen" not in built.text("profielen/index.html")


def test_two_networks_that_import_each_other_do_not_loop(noord: Path, tmp_path: Path) -> None:
    """Noord's export holds only Noord's own; an item that points at our own site is never imported."""
    ours = export(noord, "profiles")
    ours["profiles"][0]["url"] = "https://example.org/profielen/kees-de-wit/"  # as if Noord re-exported ours
    folder = tmp_path / "noord"
    (folder / "api/v1").mkdir(parents=True)
    write_export(folder, "profiles", ours)
    built = build_importer(tmp_path, networks_yaml(entry("Netwerk Noord", str(folder), "profiles")))
    assert built.diagnostics == []
    assert built.titles() == ["Piet Jansen"]


def test_a_network_that_is_down_falls_back_to_the_cached_copy(noord: Path, tmp_path: Path) -> None:
    with serve(noord) as origin:
        first = build_importer(tmp_path, networks_yaml(entry("Netwerk Noord", origin, "profiles")))
    assert first.diagnostics == []
    assert (tmp_path / "cache/netwerk-noord/profiles.json").read_bytes() == (
        noord / "api/v1/profiles.json"
    ).read_bytes()
    # the server is gone now: the port refuses
    again = build_importer(tmp_path, networks_yaml(entry("Netwerk Noord", origin, "profiles")))
    assert again.published
    assert again.codes() == [("warning", "network-unreachable")]
    message = again.diagnostics[0].message
    assert message.startswith(f"networks: 'Netwerk Noord': {origin}api/v1/profiles.json could not be fetched: ")
    assert message.endswith("; its last good copy in the cache is used")
    assert (again.diagnostics[0].path, again.diagnostics[0].line) == ("sitegen.yaml", 4)
    assert sorted(again.titles()) == ["Kees de Wit", "Piet Jansen"]


def test_a_network_that_is_down_without_a_cached_copy_fails_the_build(tmp_path: Path) -> None:
    with serve(tmp_path) as origin:
        pass  # closed: nothing listens there any more
    built = build_importer(tmp_path, networks_yaml(entry("Netwerk Noord", origin, "profiles")))
    assert not built.published
    assert built.codes() == [("error", "network-unreachable")]
    assert built.diagnostics[0].message.endswith(", and the cache has no copy of it")


def test_a_missing_folder_is_a_network_without_a_copy(tmp_path: Path) -> None:
    built = build_importer(tmp_path, networks_yaml(entry("Netwerk Noord", "../nergens", "profiles")))
    assert [(d.code, d.message) for d in built.diagnostics] == [
        (
            "network-unreachable",
            f"networks: 'Netwerk Noord': {tmp_path}/importer/../nergens/api/v1/profiles.json could not be fetched: "
            f"there is no file {tmp_path}/importer/../nergens/api/v1/profiles.json, and the cache has no copy of it",
        )
    ]


def test_malformed_json_is_one_diagnostic_for_the_network(tmp_path: Path) -> None:
    folder = tmp_path / "noord"
    (folder / "api/v1").mkdir(parents=True)
    write_export(folder, "profiles", '{"version": "1.0", "profiles": [')
    with serve(folder) as origin:
        built = build_importer(tmp_path, networks_yaml(entry("Netwerk Noord", origin, "profiles")))
    assert [(d.severity.value, d.code, d.message) for d in built.diagnostics] == [
        (
            "error",
            "network-invalid-export",
            f"networks: 'Netwerk Noord': {origin}api/v1/profiles.json is not a valid export: it is not JSON "
            "(line 1, column 33: Expecting value), and the cache has no copy of it",
        )
    ]


def test_an_export_of_another_kind_or_version_is_not_valid(noord: Path, tmp_path: Path) -> None:
    wrong = export(noord, "profiles") | {"version": "2.0"}
    folder = tmp_path / "noord"
    (folder / "api/v1").mkdir(parents=True)
    write_export(folder, "profiles", wrong)
    built = build_importer(tmp_path, networks_yaml(entry("Netwerk Noord", str(folder), "profiles")))
    assert built.codes() == [("error", "network-invalid-export")]
    assert "is not a valid export: version: '2.0' does not match" in built.diagnostics[0].message


def test_items_that_break_the_schema_are_left_out_and_the_rest_imports(noord: Path, tmp_path: Path) -> None:
    value = export(noord, "profiles")
    kees, piet = value["profiles"]
    broken = dict(piet, id="broken", fields="Waterbeheer")
    nameless = {key: v for key, v in piet.items() if key != "name"} | {"id": "nameless"}
    elsewhere = dict(piet, id="elsewhere", url="https://evil.example.net/x/")
    value["profiles"] = [kees, broken, "not an object", nameless, elsewhere, kees]
    folder = tmp_path / "noord"
    (folder / "api/v1").mkdir(parents=True)
    write_export(folder, "profiles", value)
    built = build_importer(tmp_path, networks_yaml(entry("Netwerk Noord", str(folder), "profiles")))
    assert built.published
    assert [(d.severity.value, d.code, d.message) for d in built.diagnostics] == [
        ("warning", "network-invalid-item", message)
        for message in [
            "networks: 'Netwerk Noord': profiles[1] ('broken'): fields: 'Waterbeheer' is not of type 'array'",
            "networks: 'Netwerk Noord': profiles[2]: the top level: 'not an object' is not of type 'object'",
            "networks: 'Netwerk Noord': profiles[3] ('nameless'): the top level: 'name' is a required property",
            "networks: 'Netwerk Noord': profiles[4] ('elsewhere'): its url 'https://evil.example.net/x/' is not "
            f"on {NOORD}",
            "networks: 'Netwerk Noord': profiles[5] ('kees-de-wit'): the id is given twice; the first is imported",
        ]
    ]
    assert built.titles() == ["Kees de Wit"]


def test_a_network_that_answers_too_slowly(noord: Path, tmp_path: Path) -> None:
    with serve(noord, _Slow) as origin:
        built = build_importer(
            tmp_path, networks_yaml(entry("Netwerk Noord", origin, "profiles")), limits=Limits(timeout=0.3)
        )
    assert [(d.code, d.message) for d in built.diagnostics] == [
        (
            "network-unreachable",
            f"networks: 'Netwerk Noord': {origin}api/v1/profiles.json could not be fetched: it took longer than "
            "0.3 s, and the cache has no copy of it",
        )
    ]


@pytest.mark.parametrize("source", ["served", "folder"])
def test_an_export_over_the_size_cap(noord: Path, tmp_path: Path, source: str) -> None:
    size = (noord / "api/v1/profiles.json").stat().st_size
    limits = Limits(timeout=5, max_bytes=size - 1)
    if source == "folder":
        built = build_importer(tmp_path, networks_yaml(entry("Netwerk Noord", str(noord), "profiles")), limits=limits)
    else:
        with serve(noord) as origin:
            built = build_importer(tmp_path, networks_yaml(entry("Netwerk Noord", origin, "profiles")), limits=limits)
    assert built.codes() == [("error", "network-unreachable")]
    assert f"could not be fetched: it is larger than the limit of {size - 1} bytes" in built.diagnostics[0].message
    limits = Limits(timeout=5, max_bytes=size)  # exactly the cap is allowed
    built = build_importer(tmp_path, networks_yaml(entry("Netwerk Noord", str(noord), "profiles")), limits=limits)
    assert built.diagnostics == []


def test_offline_builds_from_the_cache_alone(noord: Path, tmp_path: Path) -> None:
    yaml = networks_yaml(entry("Netwerk Noord", str(noord), "profiles"))
    built = build_importer(tmp_path, yaml, offline=True)
    assert [(d.code, d.message) for d in built.diagnostics] == [
        (
            "network-not-cached",
            "networks: 'Netwerk Noord': the cache has no copy of its profiles to build with --offline",
        )
    ]
    assert not built.published
    assert build_importer(tmp_path, yaml).diagnostics == []  # fills the cache
    # offline, the network is not asked: its folder could as well be gone
    built = build_importer(tmp_path, yaml.replace(str(noord), "../weg"), offline=True)
    assert built.diagnostics == [] and built.published
    assert sorted(built.titles()) == ["Kees de Wit", "Piet Jansen"]


def test_the_same_exports_give_the_same_output(noord: Path, tmp_path: Path) -> None:
    from outputs import snapshot

    yaml = networks_yaml(entry("Netwerk Noord", str(noord)))
    first = snapshot(build_importer(tmp_path / "one", yaml).out)
    second = snapshot(build_importer(tmp_path / "two", yaml).out)
    assert first == second


# ---------------------------------------------------------------------------------------------
# One person, one card; organisations apart


def test_the_same_person_in_two_networks_appears_once_with_both_named(noord: Path, tmp_path: Path) -> None:
    zuid = built_zuid(
        tmp_path / "zuid",
        {
            # the same e-mail address, in another letter case
            "content/profiles/p-jansen.md": PIET.replace("Piet Jansen", "P. Jansen").replace(
                "Piet.Jansen@", "piet.jansen@"
            ),
            # the same name and organisation name, accents and case aside
            "content/profiles/kees.md": KEES.replace("Kees de Wit", "Kées de wit"),
            "content/profiles/anna.md": KEES.replace("Kees de Wit", "Anna Smit"),
        },
    )
    built = build_importer(
        tmp_path,
        networks_yaml(entry("Netwerk Noord", str(noord), "profiles"), entry("Netwerk Zuid", str(zuid), "profiles")),
        # and one of ours: the same name and organisation as Noord's Kees
        {"content/profiles/kees-de-wit.md": KEES},
    )
    assert built.diagnostics == []
    documents = {d["t"]: d for d in built.search_documents()}
    assert sorted(documents) == ["Anna Smit", "Kees de Wit", "Piet Jansen"]
    assert documents["Piet Jansen"]["s"] == "Hydroloog, Waterschap De Dommel. Uit Netwerk Noord, Netwerk Zuid"
    assert documents["Piet Jansen"]["f"]["network"] == ["Netwerk Noord", "Netwerk Zuid"]
    assert documents["Piet Jansen"]["u"] == f"{NOORD}profielen/piet-jansen/"  # the first network's page
    kees = documents["Kees de Wit"]
    assert kees["u"] == "/profielen/kees-de-wit/"  # ours stays ours
    assert kees["s"] == "Jurist, Gemeente Tilburg. Ook in Netwerk Noord, Netwerk Zuid"
    assert kees["f"]["network"] == ["Testnetwerk", "Netwerk Noord", "Netwerk Zuid"]
    assert '<p class="card-network">Ook in Netwerk Noord, Netwerk Zuid</p>' in built.text("profielen/index.html")
    assert '<p class="card-network">Ook in Netwerk Noord, Netwerk Zuid</p>' in built.text(
        "profielen/kees-de-wit/index.html"
    )
    assert export(built.out, "profiles")["profiles"][0]["name"] == "Kees de Wit"  # exported as before


def test_organisations_are_kept_apart_unless_id_and_name_match(tmp_path: Path) -> None:
    theirs = ORGANISATIONS_YAML.replace("name: Gemeente Tilburg", "name: Gemeente Tilburg-Noord")
    noord = built_network(
        tmp_path / "noord",
        {"content/organisations.yaml": theirs, "content/profiles/kees.md": KEES, "content/profiles/piet.md": PIET},
    )
    built = build_importer(tmp_path, networks_yaml(entry("Netwerk Noord", str(noord), "profiles")))
    assert built.diagnostics == []
    documents = {d["t"]: d for d in built.search_documents()}
    assert documents["Kees de Wit"]["f"]["organisation"] == ["Gemeente Tilburg-Noord (Netwerk Noord)"]
    assert documents["Piet Jansen"]["f"]["organisation"] == ["Waterschap De Dommel"]
    # our organisation's page lists our own members only
    assert "Kees de Wit" not in built.text("organisaties/gemeente-tilburg/index.html")
    assert (
        export(built.out, "organisations")["organisations"]
        == export(
            build_importer(tmp_path / "alone", "title: Testnetwerk\nbase_url: https://example.org/\n").out,
            "organisations",
        )["organisations"]
    )


def test_a_site_that_imports_nothing_has_no_network_facet(tmp_path: Path) -> None:
    built = build_importer(
        tmp_path,
        "title: Testnetwerk\nbase_url: https://example.org/\n",
        {"content/assignments/omgevingsvisie.md": VALID_ASSIGNMENT},
    )
    assert built.published
    assert "network" not in built.search_documents()[0]["f"]
    assert 'data-facet="network"' not in built.text("zoeken/index.html")


def test_keys_a_later_minor_version_adds_are_ignored(noord: Path, tmp_path: Path) -> None:
    value = export(noord, "profiles") | {"version": "1.4", "later": True}
    for item in value["profiles"]:
        item["later"] = {"nested": 1}
        if item["contact"]:
            item["contact"]["mastodon"] = "@piet@example.org"
    folder = tmp_path / "noord"
    (folder / "api/v1").mkdir(parents=True)
    write_export(folder, "profiles", value)
    built = build_importer(tmp_path, networks_yaml(entry("Netwerk Noord", str(folder), "profiles")))
    assert built.diagnostics == []
    assert sorted(built.titles()) == ["Kees de Wit", "Piet Jansen"]


# ---------------------------------------------------------------------------------------------
# Every key of the format, both ways


@pytest.fixture(scope="module")
def full(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A network whose profile and assignment give every key of the export a value."""
    assignment = FULL_SITE["content/assignments/kwartiermaker.md"]
    assert isinstance(assignment, str)
    return built_network(
        tmp_path_factory.mktemp("full"),
        {
            "content/profiles/anna-de-vries.md": FULL_PROFILE,
            "content/assignments/kwartiermaker.md": assignment,
        },
        title="Netwerk Vol",
        base_url="https://vol.example.org/",
    )


def imported_from(folder: Path, root: Path) -> tuple[federation.Imported, list[Diagnostic]]:
    site = write_site(root / "importer", {"sitegen.yaml": networks_yaml(entry("Netwerk Vol", str(folder)))})
    loaded, problems = config.load_config(site)
    assert problems == [] and loaded is not None
    return federation.import_networks(site, loaded, {}, (), BUILD_DATE, Settings(cache=root / "cache"))


KEYS = {"profiles": exports.PROFILE_KEYS, "assignments": exports.ASSIGNMENT_KEYS}


def test_every_key_an_export_gives_is_imported(full: Path, tmp_path: Path) -> None:
    """federation.py reads back what exports.py writes: a key the format gains and the importer
    does not read would be dropped without a word."""
    imported, diagnostics = imported_from(full, tmp_path)
    assert diagnostics == []
    for kind, records in (("profiles", imported.profiles), ("assignments", imported.assignments)):
        items = export(full, kind)[kind]
        assert len(records) == len(items) == 1
        given = {key.name: items[0][key.name] for key in KEYS[kind]}
        assert [name for name, value in given.items() if value in (None, [])] == []  # the site sets every key
        assert json.loads(json.dumps(exports.fields_of(KEYS[kind])(records[0]))) == given


def test_an_export_of_1_0_imports_without_the_keys_later_versions_added(full: Path, tmp_path: Path) -> None:
    """A network that has not upgraded sitegen yet still exports 1.0: its items lack every key a
    later minor version added, and the importer must neither refuse nor require them."""
    folder = tmp_path / "vol"
    (folder / "api/v1").mkdir(parents=True)
    for kind in ("profiles", "assignments"):
        value = export(full, kind) | {"version": "1.0"}
        value[kind] = [{key: item[key] for key in KEYS_OF_1_0[kind]} for item in value[kind]]
        write_export(folder, kind, value)
    imported, diagnostics = imported_from(folder, tmp_path)
    assert diagnostics == []
    assert [p.name for p in imported.profiles] == ["Anna de Vries"]
    assert [a.title for a in imported.assignments] == ["Kwartiermaker woningbouw"]


def test_each_networks_records_are_together_in_the_search_and_its_facet_is_runs(noord: Path, tmp_path: Path) -> None:
    """By name the two networks' people alternate; in the search they follow ours network by
    network, so the network facet is a run per network and kind (search.facet_table)."""
    zuid = built_zuid(
        tmp_path / "zuid",
        {
            "content/profiles/anna.md": KEES.replace("Kees de Wit", "Anna Smit"),
            "content/profiles/lisa.md": KEES.replace("Kees de Wit", "Lisa Zwart"),
        },
    )
    built = build_importer(
        tmp_path,
        networks_yaml(entry("Netwerk Noord", str(noord)), entry("Netwerk Zuid", str(zuid), "profiles")),
        {"content/profiles/anna.md": VALID_PROFILE, "content/assignments/omgevingsvisie.md": VALID_ASSIGNMENT},
    )
    assert built.diagnostics == []
    assert built.titles() == [
        "Anna de Vries",  # ours
        "Kees de Wit",  # Noord's, by name
        "Piet Jansen",
        "Anna Smit",  # Zuid's
        "Lisa Zwart",
        "Projectleider omgevingsvisie",  # our assignment, then Noord's
        "Adviseur waterplan",
    ]
    folder = built.out / "zoeken"
    manifest = json.loads(next(folder.glob("index.*.json")).read_text(encoding="utf-8"))
    facets = json.loads((folder / manifest["facets"]).read_text(encoding="utf-8"))
    assert facets["network"] == {
        "values": ["Testnetwerk", "Netwerk Noord", "Netwerk Zuid"],
        "ranges": [[0, 1, 4, 1], [1, 2, 3, 1], [3, 2]],
    }
    assert [d["f"]["network"] for d in built.search_documents()] == [
        ["Testnetwerk"],
        ["Netwerk Noord"],
        ["Netwerk Noord"],
        ["Netwerk Zuid"],
        ["Netwerk Zuid"],
        ["Testnetwerk"],
        ["Netwerk Noord"],
    ]


# ---------------------------------------------------------------------------------------------
# A preview's rebuilds, an old copy, a flood of bad items


def _counting(
    base: type[server.QuietHandler] = server.QuietHandler,
) -> tuple[type[server.QuietHandler], list[str]]:
    """A handler class of its own, and the list of every path it is asked for (before it answers)."""
    asked: list[str] = []

    class Counting(base):  # type: ignore[valid-type,misc]
        def do_GET(self) -> None:
            asked.append(self.path)
            super().do_GET()

    return Counting, asked


def test_a_session_asks_each_network_once_and_rebuilds_with_its_copy(noord: Path, tmp_path: Path) -> None:
    handler, asked = _counting()
    session = fetch.Session()
    with serve(noord, handler) as origin:
        yaml = networks_yaml(entry("Netwerk Noord", origin))
        for round in range(3):
            built = build_importer(tmp_path / str(round), yaml, session=session)
            assert built.diagnostics == [] and sorted(built.titles()) == [
                "Adviseur waterplan",
                "Kees de Wit",
                "Piet Jansen",
            ]
        assert asked == ["/api/v1/profiles.json", "/api/v1/assignments.json"]
        # once the interval has passed, it asks again
        build_importer(tmp_path / "later", yaml, session=fetch.Session(interval=0))
        build_importer(tmp_path / "later", yaml, session=fetch.Session(interval=0))
    assert len(asked) == 6


def test_a_sessions_copy_older_than_max_age_warns_too(noord: Path, tmp_path: Path) -> None:
    """A preview that ran for days without asking again (a long interval) says how old its copy is."""
    session = fetch.Session(interval=30 * 86400, clock=lambda: time.time() - 8.22 * 86400)
    yaml = networks_yaml(entry("Netwerk Noord", str(noord), "profiles"))
    assert build_importer(tmp_path, yaml, session=session).diagnostics == []  # fetched by this build
    assert [(d.code, d.message) for d in build_importer(tmp_path, yaml, session=session).diagnostics] == [
        (
            "network-old-copy",
            "networks: 'Netwerk Noord': the copy of its profiles that is used was fetched 8.2 days ago, "
            "more than its max_age of 7 days",
        )
    ]


def test_a_session_remembers_a_network_that_is_down(noord: Path, tmp_path: Path) -> None:
    handler, asked = _counting(_Slow)
    session = fetch.Session()
    with serve(noord, handler) as origin:
        yaml = networks_yaml(entry("Netwerk Noord", origin, "profiles"))
        for round in range(2):
            built = build_importer(tmp_path / str(round), yaml, limits=Limits(timeout=0.3), session=session)
            assert [(d.code, d.message) for d in built.diagnostics] == [
                (
                    "network-unreachable",
                    f"networks: 'Netwerk Noord': {origin}api/v1/profiles.json could not be fetched: it took longer "
                    "than 0.3 s, and the cache has no copy of it",
                )
            ]
    assert asked == ["/api/v1/profiles.json"]  # the timeout is waited for once


def test_sitegen_serve_asks_the_networks_once_for_all_its_rebuilds(noord: Path, tmp_path: Path) -> None:
    from sitegen import serve as preview

    handler, asked = _counting()
    with serve(noord, handler) as origin:
        site = write_site(
            tmp_path / "importer",
            {"sitegen.yaml": networks_yaml(entry("Netwerk Noord", origin)), "content/profiles/anna.md": VALID_PROFILE},
        )
        out, err, stop = io.StringIO(), io.StringIO(), threading.Event()
        options = build.Options(BUILD_DATE, jobs=1, networks=Settings(cache=tmp_path / "cache"))
        thread = threading.Thread(
            target=preview.serve, args=(site, options), kwargs={"port": 0, "out": out, "err": err, "stop": stop}
        )
        thread.start()
        try:
            for edit in range(3):
                _wait_for_builds(err, edit + 1)
                (site / "content/profiles/anna.md").write_text(VALID_PROFILE + f"\nEdit {edit}.\n", encoding="utf-8")
            _wait_for_builds(err, 4)
        finally:
            stop.set()
            thread.join(timeout=30)
    assert "warning" not in out.getvalue()
    assert asked == ["/api/v1/profiles.json", "/api/v1/assignments.json"]


def _wait_for_builds(err: io.StringIO, count: int, seconds: float = 60) -> None:
    """Until the preview has said `count` times that it built (in Dutch: the site is Dutch)."""
    deadline = time.monotonic() + seconds
    while err.getvalue().count("sitegen: gebouwd in") < count:
        assert time.monotonic() < deadline, err.getvalue()
        time.sleep(0.05)
    assert err.getvalue().count("sitegen: gebouwd in") == count, err.getvalue()


def _age(cache: Path, kind: str, days: float) -> None:
    """Make the cache's copy as old as `days`, by its stamp."""
    stamp = dt.datetime.fromtimestamp(time.time() - days * 86400, dt.UTC).isoformat(timespec="seconds")
    (cache / "netwerk-noord" / f"{kind}.fetched").write_text(stamp + "\n", encoding="ascii")


def test_a_cached_copy_older_than_max_age_warns_with_its_age(noord: Path, tmp_path: Path) -> None:
    yaml = networks_yaml(entry("Netwerk Noord", str(noord), "profiles"))
    assert build_importer(tmp_path, yaml).diagnostics == []  # fills the cache, stamped now
    stamp = (tmp_path / "cache/netwerk-noord/profiles.fetched").read_text(encoding="ascii")
    assert abs(dt.datetime.fromisoformat(stamp.strip()).timestamp() - time.time()) < 120
    assert build_importer(tmp_path, yaml, offline=True).diagnostics == []  # young enough
    _age(tmp_path / "cache", "profiles", 9.52)
    built = build_importer(tmp_path, yaml, offline=True)
    assert built.published
    assert [(d.severity.value, d.code, d.line, d.message) for d in built.diagnostics] == [
        (
            "warning",
            "network-old-copy",
            4,
            "networks: 'Netwerk Noord': the copy of its profiles that is used was fetched 9.5 days ago, "
            "more than its max_age of 7 days",
        )
    ]
    # a copy fetched by this build is never old; with max_age: 10 the old copy is young enough
    assert build_importer(tmp_path, yaml).diagnostics == []
    _age(tmp_path / "cache", "profiles", 9.52)
    assert build_importer(tmp_path, yaml + "    max_age: 10\n", offline=True).diagnostics == []
    # a network that is down: its copy is used, with both warnings
    built = build_importer(tmp_path, networks_yaml(entry("Netwerk Noord", "../weg", "profiles")) + "    max_age: 1\n")
    gone = f"{tmp_path}/importer/../weg/api/v1/profiles.json"
    assert [(d.code, d.message) for d in built.diagnostics] == [
        (
            "network-old-copy",
            "networks: 'Netwerk Noord': the copy of its profiles that is used was fetched 9.5 days ago, "
            "more than its max_age of 1 day",
        ),
        (
            "network-unreachable",
            f"networks: 'Netwerk Noord': {gone} could not be fetched: there is no file {gone}; its last good copy "
            "in the cache is used",
        ),
    ]


def test_a_copy_without_its_stamp_is_dated_by_the_file(noord: Path, tmp_path: Path) -> None:
    yaml = networks_yaml(entry("Netwerk Noord", str(noord), "profiles"))
    build_importer(tmp_path, yaml)
    copy = tmp_path / "cache/netwerk-noord/profiles.json"
    (tmp_path / "cache/netwerk-noord/profiles.fetched").unlink()
    old = time.time() - 30 * 86400
    os.utime(copy, (old, old))
    assert [d.message for d in build_importer(tmp_path, yaml, offline=True).diagnostics] == [
        "networks: 'Netwerk Noord': the copy of its profiles that is used was fetched 30 days ago, "
        "more than its max_age of 7 days"
    ]


def test_max_age_is_a_number_of_days(tmp_path: Path) -> None:
    networks = "  - name: Noord\n    path: a\n    max_age: 0\n"
    assert _config_messages(tmp_path, networks) == [
        (6, "out-of-range", "networks[1].max_age: must be between 1 and 365, got 0")
    ]


def test_a_network_with_many_bad_items_gives_twenty_warnings_and_a_count(noord: Path, tmp_path: Path) -> None:
    value = export(noord, "profiles")
    kees, piet = value["profiles"]
    value["profiles"] = [kees, *(dict(piet, id=f"bad-{n:02}", fields="Waterbeheer") for n in range(30))]
    folder = tmp_path / "noord"
    (folder / "api/v1").mkdir(parents=True)
    write_export(folder, "profiles", value)
    assignments = export(noord, "assignments")
    assignments["assignments"] = [dict(a, url="https://elders.example.net/x/") for a in assignments["assignments"]]
    write_export(folder, "assignments", assignments)
    built = build_importer(tmp_path, networks_yaml(entry("Netwerk Noord", str(folder))))
    assert built.published
    listed = [
        f"networks: 'Netwerk Noord': profiles[{n + 1}] ('bad-{n:02}'): fields: 'Waterbeheer' is not of type 'array'"
        for n in range(20)  # the first twenty, in the export's order
    ]
    rest = "networks: 'Netwerk Noord': the rest: 11 more items are left out (31 in all), not listed one by one"
    assert [(d.code, d.message) for d in built.diagnostics] == [
        ("network-invalid-item", message)
        for message in [*sorted(listed), rest]  # as diagnostics are sorted
    ]
    assert built.titles() == ["Kees de Wit"]
