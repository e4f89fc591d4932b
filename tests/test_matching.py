"""Matching (sitegen/matching.py): hand-made profiles and assignments with their expected order,
scores and reasons written out; every exclusion; vocabulary aliases; ties; weights from
sitegen.yaml and their mistakes; public and internal data; the two page sections as HTML.

Scores are worked out by hand in the comments, with the default weights (skills 40, fields 15,
region 10, availability 10, hours 10, engagement 10, languages 5: they add up to 100).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any, cast

import pytest
from conftest import BUILD_DATE, SiteFactory, check
from outputs import built, page_of

from sitegen import audience, matching
from sitegen.config import Matching, MatchWeights
from sitegen.images import placeholder_colour

ORGANISATIONS = """\
gemeente-tilburg:
  name: Gemeente Tilburg
  type: gemeente
  region: Midden-Brabant
gemeente-breda:
  name: Gemeente Breda
  type: gemeente
  region: West-Brabant
waterschap-de-dommel:
  name: Waterschap De Dommel
  type: waterschap
  region: Zuidoost-Brabant
"""

VOCABULARY = """\
fields:
  - term: Participatie
  - term: Wonen
  - term: Financiën
skills:
  - term: procesbegeleiding
    aliases: [procesmanagement]
  - term: facilitatie
  - term: participatietrajecten
  - term: verbindend
  - term: presenteren
  - term: controlling
"""


def markdown(front: dict[str, Any], body: str = "Tekst.") -> str:
    """A content file; every value in JSON notation, which YAML reads as the same flow value."""
    lines = [f"{key}: {json.dumps(value, ensure_ascii=False)}" for key, value in front.items()]
    return "---\n" + "\n".join(lines) + "\n---\n" + body + "\n"


def profile(name: str, **values: Any) -> dict[str, Any]:
    front: dict[str, Any] = {
        "name": name,
        "role": "Adviseur",
        "organisation": "waterschap-de-dommel",
        "fields": ["Participatie"],
        "skills": ["procesbegeleiding"],
        "consent": "2026-03-01",
    }
    front.update(values)
    return front


# Bas fits the secondment below as well as anyone can but for one wanted skill and one field.
BAS = profile(
    "Bas Bakker",
    region="Midden-Brabant",
    fields=["Participatie"],
    skills=["procesbegeleiding", "facilitatie", "participatietrajecten", "verbindend"],
    availability={"status": "available", "hours_per_week": 16, "from": "2026-12-15"},
    engagement=["detachering"],
    languages=["nl", "en"],
)

SECONDMENT = {
    "title": "Procesbegeleider participatie Spoorzone",
    "organisation": "gemeente-tilburg",
    "fields": ["Participatie", "Wonen"],
    "skills": ["procesbegeleiding", "facilitatie", "participatietrajecten", "verbindend", "presenteren"],
    "posted": "2026-11-01",
    "deadline": "2026-12-20",
    "hours_per_week": 16,
    "start": "2027-01-11",
    "end": "2027-06-30",
    "engagement": "detachering",
}


def site_files(
    profiles: dict[str, dict[str, Any]],
    assignments: dict[str, dict[str, Any]],
    vocabulary: bool = False,
    config: str = "",
) -> dict[str, str | bytes]:
    files: dict[str, str | bytes] = {
        "content/organisations.yaml": ORGANISATIONS,
        "sitegen.yaml": "title: Testnetwerk\nbase_url: https://example.org/\n" + config,
    }
    if vocabulary:
        files["content/vocabulary.yaml"] = VOCABULARY
    files.update({f"content/profiles/{slug}.md": markdown(front) for slug, front in profiles.items()})
    files.update(
        {
            f"content/assignments/{slug}.md": markdown(front, "## Opdracht\n\nDoe het.")
            for slug, front in assignments.items()
        }
    )
    return files


def matches_of(site: Path, view: audience.Audience = "public") -> matching.Matches:
    result = check(site)
    assert not [d for d in result.diagnostics if d.is_error], result.diagnostics
    assert result.directory is not None
    selection = audience.select(result.directory, view)
    config = result.directory.config
    return matching.match(selection, config.matching, BUILD_DATE, config.language)


def for_assignments(found: matching.Matches, language: str = "nl") -> dict[str, list[tuple[str, int, str]]]:
    return {
        slug: [(s.profile.slug, s.score, matching.explain(s.reasons, language)) for s in suggestions]
        for slug, suggestions in found.by_assignment.items()
    }


def for_profiles(found: matching.Matches) -> dict[str, list[tuple[str, int]]]:
    return {slug: [(s.assignment.slug, s.score) for s in suggestions] for slug, suggestions in found.by_profile.items()}


# ---------------------------------------------------------------------------------------------
# Order, scores and reasons

MAIN_PROFILES = {
    "bas-bakker": BAS,
    # As Bas, but available only from 1 February, after the work starts: half the availability points.
    "fenna-vos": {
        **BAS,
        "name": "Fenna Vos",
        "availability": {"status": "available", "hours_per_week": 16, "from": "2027-02-01"},
    },
    # Three with one wanted skill and nothing else in common but availability, hours, engagement, language.
    "daan-dekker": profile(
        "Daan Dekker",
        organisation="gemeente-breda",
        fields=["Financiën"],
        skills=["presenteren"],
        availability={"status": "available", "hours_per_week": 16},
        engagement=["detachering"],
        languages=["nl"],
    ),
    "eva-smit-2": profile(
        "Eva Smit",
        organisation="gemeente-breda",
        fields=["Financiën"],
        skills=["presenteren"],
        availability={"status": "available", "hours_per_week": 16},
        engagement=["detachering"],
        languages=["nl"],
    ),
    "eva-smit": profile(
        "Eva Smit",
        organisation="gemeente-breda",
        fields=["Financiën"],
        skills=["presenteren"],
        availability={"status": "available", "hours_per_week": 16},
        engagement=["detachering"],
        languages=["nl"],
    ),
    # 'procesmanagement' is an alias of 'procesbegeleiding' in the vocabulary.
    "carla-claes": profile(
        "Carla Claes",
        organisation="gemeente-breda",
        fields=["Wonen"],
        skills=["procesmanagement", "verbindend"],
        availability={"status": "limited", "hours_per_week": 8},
        engagement=["zelfstandig"],
        languages=["nl"],
    ),
    # The assignment's own contact: as good a fit as Bas, never suggested for it.
    "karin-kok": {**BAS, "name": "Karin Kok"},
}
MAIN_ASSIGNMENTS = {
    "procesbegeleider-spoorzone": {**SECONDMENT, "contact": "karin-kok"},
    "gesloten-klus": {**SECONDMENT, "title": "Gesloten klus", "status": "filled"},
    "geplande-klus": {**SECONDMENT, "title": "Geplande klus", "posted": "2026-12-10", "deadline": "2026-12-31"},
}

BAS_REASONS = (
    "4 van 5 gevraagde kwaliteiten: procesbegeleiding, facilitatie, participatietrajecten, verbindend; "
    "1 van 2 werkvelden: Participatie; zelfde regio (Midden-Brabant); "
    "beschikbaar 16 uur per week vanaf 15 december 2026; vorm van inzet: detachering; spreekt Nederlands"
)
FENNA_REASONS = BAS_REASONS.replace("15 december 2026", "1 februari 2027")
ONE_SKILL_REASONS = (
    "1 van 5 gevraagde kwaliteiten: presenteren; beschikbaar 16 uur per week; "
    "vorm van inzet: detachering; spreekt Nederlands"
)
CARLA_REASONS = (
    "2 van 5 gevraagde kwaliteiten: procesbegeleiding, verbindend; 1 van 2 werkvelden: Wonen; "
    "beperkt beschikbaar 8 van de gevraagde 16 uur per week; spreekt Nederlands"
)


def test_the_best_profiles_of_an_assignment_in_order_with_their_reasons(make_site: SiteFactory) -> None:
    found = matches_of(make_site(site_files(MAIN_PROFILES, MAIN_ASSIGNMENTS, vocabulary=True)))
    assert for_assignments(found) == {
        "procesbegeleider-spoorzone": [
            ("bas-bakker", 85, BAS_REASONS),  # 32 + 7.5 + 10 + 10 + 10 + 10 + 5 = 84.5, rounded half up
            ("fenna-vos", 80, FENNA_REASONS),  # 32 + 7.5 + 10 + 5 (late) + 10 + 10 + 5 = 79.5
            ("daan-dekker", 43, ONE_SKILL_REASONS),  # 8 + 10 + 10 + 10 + 5; a tie, broken by name
            ("eva-smit", 43, ONE_SKILL_REASONS),  # the same name: broken by slug
            ("eva-smit-2", 43, ONE_SKILL_REASONS),
            # Carla (38.5: 16 + 7.5 + 5 + 5 + 5) is sixth: beyond the 5 suggestions of an assignment page.
        ]
    }
    # Karin is the contact; the closed and the scheduled assignment suggest nobody and are suggested to nobody.
    assert for_profiles(found) == {
        "bas-bakker": [("procesbegeleider-spoorzone", 85)],
        "carla-claes": [("procesbegeleider-spoorzone", 39)],
        "daan-dekker": [("procesbegeleider-spoorzone", 43)],
        "eva-smit": [("procesbegeleider-spoorzone", 43)],
        "eva-smit-2": [("procesbegeleider-spoorzone", 43)],
        "fenna-vos": [("procesbegeleider-spoorzone", 80)],
    }
    carla = found.assignments_for("carla-claes")[0]
    assert matching.explain(carla.reasons, "nl") == CARLA_REASONS
    assert carla.reasons == matching.Reasons(
        skills=("procesbegeleiding", "verbindend"),
        skills_wanted=5,
        fields=("Wonen",),
        fields_wanted=2,
        status="limited",
        hours=8,
        hours_wanted=16,
        language="nl",
    )
    assert carla.points == (
        ("skills", 16.0),
        ("fields", 7.5),
        ("availability", 5.0),
        ("hours", 5.0),
        ("languages", 5.0),
    )


def test_the_reasons_in_english() -> None:
    reasons = matching.Reasons(
        skills=("procesbegeleiding", "verbindend"),
        skills_wanted=5,
        fields=("Wonen",),
        fields_wanted=2,
        region="Midden-Brabant",
        status="limited",
        hours=8,
        hours_wanted=16,
        available_from=dt.date(2027, 3, 1),
        engagement="belangeloos",
        language="en",
    )
    assert matching.explain(reasons, "en") == (
        "2 of 5 skills wanted: procesbegeleiding, verbindend; 1 of 2 fields: Wonen; same region (Midden-Brabant); "
        "partly available 8 of the 16 hours a week asked from 1 March 2027; form of engagement: pro bono; "
        "speaks English"
    )
    assert matching.explain(reasons, "nl") == (
        "2 van 5 gevraagde kwaliteiten: procesbegeleiding, verbindend; 1 van 2 werkvelden: Wonen; "
        "zelfde regio (Midden-Brabant); beperkt beschikbaar 8 van de gevraagde 16 uur per week vanaf 1 maart 2027; "
        "vorm van inzet: belangeloos (pro bono); spreekt Engels"
    )


def test_the_best_assignments_of_a_profile_in_order(make_site: SiteFactory) -> None:
    common = {"posted": "2026-11-01", "deadline": "2026-12-20"}
    participation = {
        "organisation": "gemeente-breda",
        "fields": ["Participatie", "Wonen"],
        "skills": ["verbindend", "presenteren"],
        "hours_per_week": 32,
        "engagement": "zelfstandig",
        **common,
    }
    assignments = {
        # 40 + 15 + 10 + 10 (from 15 December, before the deadline: no start given) + 10 + 10 + 5
        "wijkaanpak": {
            "title": "Procesbegeleider wijkaanpak",
            "organisation": "gemeente-tilburg",
            "fields": ["Participatie"],
            "skills": ["procesbegeleiding", "facilitatie"],
            "hours_per_week": 16,
            "engagement": "detachering",
            **common,
        },
        # 20 + 7.5 + 10 + 5 (16 of 32 hours) + 5 = 47.5; two of them, in the order of their titles
        "participatie": {"title": "Adviseur participatie", **participation},
        "inspraak": {"title": "Adviseur inspraak", **participation},
        # Everything fits but the skills: 60 points, and still no suggestion.
        "begroting": {
            "title": "Controller",
            "organisation": "gemeente-tilburg",
            "fields": ["Participatie"],
            "skills": ["controlling"],
            "hours_per_week": 16,
            "engagement": "detachering",
            **common,
        },
    }
    found = matches_of(make_site(site_files({"bas-bakker": BAS}, assignments)))
    assert for_profiles(found) == {"bas-bakker": [("wijkaanpak", 100), ("inspraak", 48), ("participatie", 48)]}
    assert sorted(found.by_assignment) == ["inspraak", "participatie", "wijkaanpak"]


def test_a_vocabulary_alias_is_the_same_skill_and_without_one_folding_still_applies(make_site: SiteFactory) -> None:
    assignment = {
        "title": "Trainer procesmanagement",
        "organisation": "gemeente-breda",
        "fields": ["Wonen"],
        "skills": ["procesmanagement"],
        "posted": "2026-11-01",
        "deadline": "2026-12-20",
    }
    carla = MAIN_PROFILES["carla-claes"]
    with_vocabulary = matches_of(
        make_site(site_files({"carla-claes": carla}, {"trainer": assignment}, vocabulary=True))
    )
    # 40 + 15 + 10 (same region) + 5 (limited) + 5 (languages); no hours wanted, no engagement asked
    assert for_assignments(with_vocabulary) == {
        "trainer": [
            (
                "carla-claes",
                75,
                (
                    "1 van 1 gevraagde kwaliteiten: procesbegeleiding; 1 van 1 werkvelden: Wonen; "
                    "zelfde regio (West-Brabant); "
                    "beperkt beschikbaar 8 uur per week; spreekt Nederlands"
                ),
            )
        ]
    }


def test_without_a_vocabulary_terms_match_by_their_folded_form(make_site: SiteFactory) -> None:
    assignment = {
        "title": "Trainer",
        "organisation": "gemeente-breda",
        "fields": ["WONEN"],
        "skills": ["Procesbegeleiding", "Procesmanagement"],
        "posted": "2026-11-01",
        "deadline": "2026-12-20",
    }
    person = profile("Carla Claes", organisation="gemeente-breda", fields=["wonen"], skills=["procesbegeleiding"])
    found = matches_of(make_site(site_files({"carla-claes": person}, {"trainer": assignment})))
    # 20 + 15 + 10: no alias without a vocabulary, so one of two skills
    assert for_assignments(found) == {
        "trainer": [
            (
                "carla-claes",
                45,
                (
                    "1 van 2 gevraagde kwaliteiten: Procesbegeleiding; 1 van 1 werkvelden: WONEN; "
                    "zelfde regio (West-Brabant)"
                ),
            )
        ]
    }


# ---------------------------------------------------------------------------------------------
# Who is never suggested


BAS_ALONE = {"bas-bakker": BAS}


@pytest.mark.parametrize(
    ("profile_changes", "assignment_changes"),
    [
        pytest.param({"availability": {"status": "unavailable", "hours_per_week": 0}}, {}, id="unavailable"),
        pytest.param({"availability": {"status": "limited", "hours_per_week": 0}}, {}, id="no-hours"),
        pytest.param(
            {"availability": {"status": "available", "hours_per_week": 16, "until": "2026-11-30"}},
            {},
            id="available-until-before-the-build-date",
        ),
        pytest.param(
            {"availability": {"status": "available", "hours_per_week": 16, "until": "2027-01-10"}},
            {},
            id="available-until-before-the-start",
        ),
        pytest.param(
            {"availability": {"status": "available", "hours_per_week": 16, "from": "2027-07-01"}},
            {},
            id="available-from-after-the-end",
        ),
        pytest.param({}, {"contact": "bas-bakker"}, id="the-assignments-contact"),
        pytest.param({"organisation": "gemeente-tilburg"}, {}, id="own-organisation-on-a-secondment"),
        pytest.param({}, {"status": "filled"}, id="filled"),
        pytest.param({}, {"status": "withdrawn"}, id="withdrawn"),
        pytest.param({}, {"deadline": "2026-11-30"}, id="past-its-deadline"),
        pytest.param({}, {"posted": "2026-12-10", "deadline": "2026-12-31"}, id="scheduled"),
        pytest.param({"skills": ["controlling"]}, {}, id="no-wanted-skill"),
    ],
)
def test_never_suggested(
    make_site: SiteFactory, profile_changes: dict[str, Any], assignment_changes: dict[str, Any]
) -> None:
    found = matches_of(
        make_site(
            site_files({"bas-bakker": {**BAS, **profile_changes}}, {"klus": {**SECONDMENT, **assignment_changes}})
        )
    )
    assert found == matching.Matches({}, {})


@pytest.mark.parametrize(
    ("profile_changes", "assignment_changes", "score"),
    [
        pytest.param({}, {}, 85, id="as-is"),
        # until the last day, or from the first day, of the work is enough
        pytest.param(
            {"availability": {"status": "available", "hours_per_week": 16, "until": "2027-01-11"}},
            {},
            85,
            id="available-until-the-start",
        ),
        pytest.param(
            {"availability": {"status": "available", "hours_per_week": 16, "from": "2027-06-30"}},
            {},
            80,
            id="available-from-the-last-day",
        ),
        # a person of the client's own organisation, for work that is no secondment: 85 - 10 (engagement)
        pytest.param(
            {"organisation": "gemeente-tilburg"},
            {"engagement": "zelfstandig"},
            75,
            id="own-organisation-without-secondment",
        ),
        # no availability block: not unavailable, only no points for availability and hours
        pytest.param({"availability": None}, {}, 65, id="availability-unknown"),
    ],
)
def test_suggested(
    make_site: SiteFactory, profile_changes: dict[str, Any], assignment_changes: dict[str, Any], score: int
) -> None:
    person = {key: value for key, value in {**BAS, **profile_changes}.items() if value is not None}
    found = matches_of(make_site(site_files({"bas-bakker": person}, {"klus": {**SECONDMENT, **assignment_changes}})))
    assert for_profiles(found) == {"bas-bakker": [("klus", score)]}


# ---------------------------------------------------------------------------------------------
# Settings in sitegen.yaml


def test_weights_from_sitegen_yaml_change_the_order(make_site: SiteFactory) -> None:
    assignment = {"procesbegeleider-spoorzone": SECONDMENT}
    profiles = {"bas-bakker": BAS, "daan-dekker": MAIN_PROFILES["daan-dekker"]}
    by_default = matches_of(make_site(site_files(profiles, assignment)))
    assert [(slug, score) for slug, score, _ in for_assignments(by_default)["procesbegeleider-spoorzone"]] == [
        ("bas-bakker", 85),
        ("daan-dekker", 43),
    ]
    # Only availability and hours count now (Bas is available from 15 December, Daan now):
    # both 100 and in the order of their names; then only the hours, and a minimum of 0.
    settings = "matching:\n  weights: {skills: 0, fields: 0, region: 0, engagement: 0, languages: 0}\n"
    assert for_profiles(matches_of(make_site(site_files(profiles, assignment, config=settings)))) == {
        "bas-bakker": [("procesbegeleider-spoorzone", 100)],
        "daan-dekker": [("procesbegeleider-spoorzone", 100)],
    }
    settings = (
        "matching:\n  weights: {skills: 1, fields: 0, region: 0, availability: 0, engagement: 0, languages: 0,"
        " hours: 9}\n  minimum_score: 0\n  suggestions: 1\n"
    )
    daan_ahead = {**profiles, "bas-bakker": {**BAS, "availability": {"status": "available", "hours_per_week": 8}}}
    found = for_assignments(matches_of(make_site(site_files(daan_ahead, assignment, config=settings))))
    # Daan: 1 x 1/5 + 9 = 9.2 of 10; Bas: 1 x 4/5 + 9 x 8/16 = 5.3 of 10; one suggestion per page
    assert [(slug, score) for slug, score, _ in found["procesbegeleider-spoorzone"]] == [("daan-dekker", 92)]


def test_suggestions_0_turns_matching_off(make_site: SiteFactory) -> None:
    found = matches_of(make_site(site_files(BAS_ALONE, {"klus": SECONDMENT}, config="matching:\n  suggestions: 0\n")))
    assert found is matching.NO_MATCHES


def test_a_minimum_score_leaves_out_weaker_suggestions(make_site: SiteFactory) -> None:
    files = site_files(MAIN_PROFILES, MAIN_ASSIGNMENTS, vocabulary=True, config="matching:\n  minimum_score: 80\n")
    found = for_assignments(matches_of(make_site(files)))
    assert [(slug, score) for slug, score, _ in found["procesbegeleider-spoorzone"]] == [
        ("bas-bakker", 85),
        ("fenna-vos", 80),
    ]


def test_the_defaults_are_documented_values() -> None:
    assert Matching() == Matching(
        MatchWeights(skills=40, fields=15, region=10, availability=10, hours=10, engagement=10, languages=5),
        minimum_score=35,
        suggestions=5,
    )


CONFIG_MISTAKES = """\
title: Testnetwerk
base_url: https://example.org/
matching:
  weights:
    skill: 40
    region: 120
    hours: veel
  minimum_score: 35.5
  suggestions: 25
  limit: 3
"""


def test_mistakes_in_the_matching_settings(make_site: SiteFactory) -> None:
    result = check(make_site({"sitegen.yaml": CONFIG_MISTAKES}))
    assert [(d.line, d.column, d.code, d.message, d.hint) for d in result.diagnostics] == [
        (5, 5, "unknown-key", "matching.weights: unknown key 'skill'", "did you mean 'skills'?"),
        (6, 13, "out-of-range", "matching.weights.region: must be between 0 and 100, got 120", ""),
        (7, 12, "wrong-type", "matching.weights.hours: expected a number, got a text", ""),
        (8, 18, "wrong-type", "matching.minimum_score: expected a whole number, got 35.5", ""),
        (9, 16, "out-of-range", "matching.suggestions: must be between 0 and 20, got 25", ""),
        (10, 3, "unknown-key", "matching: unknown key 'limit'", "allowed keys: weights, minimum_score, suggestions"),
    ]
    assert {d.path for d in result.diagnostics} == {"sitegen.yaml"}


def test_weights_that_are_all_0(make_site: SiteFactory) -> None:
    zero = (
        "matching:\n  weights:\n    skills: 0\n    fields: 0\n    region: 0\n    availability: 0\n    hours: 0\n"
        "    engagement: 0\n    languages: 0\n"
    )
    result = check(make_site({"sitegen.yaml": "title: Testnetwerk\nbase_url: https://example.org/\n" + zero}))
    assert [(d.line, d.column, d.message, d.hint) for d in result.diagnostics] == [
        (
            5,
            5,
            "matching.weights: at least one weight must be above 0",
            "give skills a weight, for example 'skills: 40', or set 'suggestions: 0' to turn matching off",
        )
    ]


# ---------------------------------------------------------------------------------------------
# Public and internal data


def test_internal_availability_counts_in_the_internal_build_only(make_site: SiteFactory, tmp_path: Path) -> None:
    # Public: Bas is partly available, 4 hours; internally he is available 12 hours from 4 January.
    bas = {
        **BAS,
        "availability": {"status": "limited", "hours_per_week": 4},
        "internal": {"availability": {"status": "available", "hours_per_week": 12, "from": "2027-01-04"}},
    }
    daan = MAIN_PROFILES["daan-dekker"]
    site = make_site(site_files({"bas-bakker": bas, "daan-dekker": daan}, {"klus": SECONDMENT}))
    public = for_assignments(matches_of(site, "public"))["klus"]
    internal = for_assignments(matches_of(site, "internal"))["klus"]
    availability = "beschikbaar 16 uur per week vanaf 15 december 2026"
    # 32 + 7.5 + 10 + 5 + 2.5 + 10 + 5, then 32 + 7.5 + 10 + 10 + 7.5 + 10 + 5
    assert public == [
        ("bas-bakker", 72, BAS_REASONS.replace(availability, "beperkt beschikbaar 4 van de gevraagde 16 uur per week")),
        ("daan-dekker", 43, ONE_SKILL_REASONS),
    ]
    assert internal == [
        (
            "bas-bakker",
            82,
            BAS_REASONS.replace(availability, "beschikbaar 12 van de gevraagde 16 uur per week vanaf 4 januari 2027"),
        ),
        ("daan-dekker", 43, ONE_SKILL_REASONS),
    ]
    files = built(site, tmp_path / "out", BUILD_DATE)
    pages = b"".join(data for path, data in files.items() if path.endswith((".html", ".json", ".xml", ".txt")))
    assert b"4 januari 2027" not in pages and b"12 van de gevraagde" not in pages
    assert b"beperkt beschikbaar 4 van de gevraagde 16 uur per week" in files[page_of("klussen/klus/")]


def test_an_internal_profile_is_suggested_in_the_internal_build_only(make_site: SiteFactory) -> None:
    site = make_site(site_files({"bas-bakker": {**BAS, "visibility": "internal"}}, {"klus": SECONDMENT}))
    assert matches_of(site, "public") == matching.Matches({}, {})
    assert for_profiles(matches_of(site, "internal")) == {"bas-bakker": [("klus", 85)]}


# ---------------------------------------------------------------------------------------------
# The pages

ASSIGNMENT_SECTION = """\
<section class="matches" aria-labelledby="passende-profielen">
<h2 id="passende-profielen">Passende profielen</h2>
<ul class="cards">
<li class="card">
<svg class="avatar" width="64" height="64" viewBox="0 0 64 64" aria-hidden="true" focusable="false">\
<rect width="64" height="64" rx="32" fill="COLOUR"/><text x="32" y="32" dy="0.35em" text-anchor="middle" \
fill="#ffffff" font-size="24" font-family="system-ui, sans-serif">BB</text></svg>
<div class="card-body">
<h3 class="card-title"><a href="/profielen/bas-bakker/">Bas Bakker</a></h3>
<p class="card-meta">Adviseur, Waterschap De Dommel</p>
<p class="status status-available">Beschikbaar</p><p class="match-score">Overeenkomst: 85 van 100</p>
<p class="match-reasons">REASONS</p>
</div>
</li>
</ul>
</section>"""

PROFILE_SECTION = """\
<section class="matches" aria-labelledby="passende-klussen">
<h2 id="passende-klussen">Passende klussen</h2>
<ul class="cards">
<li class="card">
<div class="card-body">
<h3 class="card-title"><a href="/klussen/klus/">Procesbegeleider participatie Spoorzone</a></h3>
<p class="card-meta">Gemeente Tilburg, 16 uur per week</p>
<p class="deadline">Reageren kan tot en met 20 december 2026 (nog 19 dagen)</p>
<p class="match-score">Overeenkomst: 85 van 100</p>
<p class="match-reasons">REASONS</p>
</div>
</li>
</ul>
</section>"""


def _section(page: bytes) -> str:
    found = re.search(r'<section class="matches".*?</section>', page.decode(), re.DOTALL)
    assert found, "no suggestions on the page"
    return re.sub(r"\n+", "\n", found[0])


def test_the_sections_on_the_assignment_and_profile_pages(make_site: SiteFactory, tmp_path: Path) -> None:
    site = make_site(site_files(BAS_ALONE, {"klus": SECONDMENT, "oud": {**SECONDMENT, "status": "filled"}}))
    files = built(site, tmp_path / "out", BUILD_DATE)
    assert _section(files[page_of("klussen/klus/")]) == (
        ASSIGNMENT_SECTION.replace("COLOUR", placeholder_colour("bas-bakker")).replace("REASONS", BAS_REASONS)
    )
    assert _section(files[page_of("profielen/bas-bakker/")]) == PROFILE_SECTION.replace("REASONS", BAS_REASONS)
    # A closed assignment's page suggests nobody.
    assert b'class="matches"' not in files[page_of("klussen/oud/")]


def test_the_demo_scores_are_the_sum_of_their_points(demo_check: Any) -> None:
    """The hot loop and the explanation read the same columns: the shown points add up to the score."""
    selection = audience.select(demo_check.directory, "public")
    found = matching.match(selection, Matching(), BUILD_DATE, "nl")
    suggestions = [s for group in (*found.by_assignment.values(), *found.by_profile.values()) for s in group]
    assert len(found.by_assignment) >= 10 and len(suggestions) > 100
    for suggestion in suggestions:
        assert suggestion.score == int(sum(points for _, points in suggestion.points) + 0.5 + 1e-9)
        assert suggestion.score >= 35 and suggestion.reasons.skills
    assert found == matching.match(selection, Matching(), BUILD_DATE, "nl")  # deterministic


# ---------------------------------------------------------------------------------------------
# The fast path against the definition: every pair scored the slow way


def _reference(selection: audience.Selection, settings: Matching, language: str) -> dict[str, Any]:
    """The score of docs/matching.md, pair by pair over every profile and open assignment."""
    from sitegen.terms import fold

    weights = settings.weights
    total = weights.total

    def score(a: Any, p: Any) -> int | None:
        availability = p.availability
        if not matching.is_available(p, BUILD_DATE):
            return None
        if a.contact == p.slug or (a.engagement == "detachering" and a.organisation == p.organisation):
            return None
        starts = max(a.start or a.deadline, BUILD_DATE)
        if availability and availability.available_until and availability.available_until < starts:
            return None
        if availability and availability.available_from and a.end and availability.available_from > a.end:
            return None
        skills = sum(1 for s in a.skills if fold(s) in {fold(t) for t in p.skills})
        if not skills:
            return None
        fields = sum(1 for f in a.fields if fold(f) in {fold(t) for t in p.fields})
        points = weights.skills * skills / len(a.skills) + weights.fields * fields / len(a.fields)
        points += weights.region * (a.region is not None and p.region is not None and fold(a.region) == fold(p.region))
        if availability:
            late = availability.available_from is not None and availability.available_from > starts
            points += (
                weights.availability * {"available": 1.0, "limited": 0.5}[availability.status] * (0.5 if late else 1.0)
            )
            if a.hours_per_week and availability.hours_per_week:
                points += weights.hours * min(1.0, availability.hours_per_week / a.hours_per_week)
        points += weights.engagement * (a.engagement in p.engagement)
        points += weights.languages * (language in p.languages)
        result = int(100 * points / total + 0.5 + 1e-9)
        return result if result >= settings.minimum_score else None

    pairs = [
        (a, p, s) for a in selection.open_assignments for p in selection.profiles if (s := score(a, p)) is not None
    ]
    by_assignment: dict[str, list[tuple[str, int]]] = {}
    for a in selection.open_assignments:
        mine = sorted(((s, p) for x, p, s in pairs if x is a), key=lambda sp: (-sp[0], fold(sp[1].name), sp[1].slug))
        if mine:
            by_assignment[a.slug] = [(p.slug, s) for s, p in mine[: settings.suggestions]]
    by_profile: dict[str, list[tuple[str, int]]] = {}
    for p in selection.profiles:
        mine_a = sorted(((s, a) for a, x, s in pairs if x is p), key=lambda sa: (-sa[0], fold(sa[1].title), sa[1].slug))
        if mine_a:
            by_profile[p.slug] = [(a.slug, s) for s, a in mine_a[: settings.suggestions]]
    return {"assignments": by_assignment, "profiles": by_profile}


def _random_selection(seed: int) -> audience.Selection:
    """Few skills, regions and names, so that ties, exclusions and late starts are common."""
    import random

    from sitegen import models

    rng = random.Random(seed)
    skills = ["procesbegeleiding", "Facilitatie", "verbindend", "presenteren", "GIS", "controlling", "Wmo"]
    fields = ["Participatie", "Wonen", "Financiën"]
    organisations = ["gemeente-tilburg", "gemeente-breda", "waterschap-de-dommel"]
    regions = ["Midden-Brabant", "West-Brabant", None]
    day = BUILD_DATE.toordinal()

    def date(low: int, high: int) -> dt.date:
        return dt.date.fromordinal(day + rng.randint(low, high))

    profiles = []
    for n in range(120):
        status = cast(models.AvailabilityStatus, rng.choice(["available", "available", "limited", "unavailable"]))
        availability = (
            None
            if rng.random() < 0.2
            else models.Availability(
                status,
                rng.choice([None, 0, 4, 8, 16, 32]) if status != "unavailable" else 0,
                date(-30, 200) if rng.random() < 0.5 else None,
                date(-10, 300) if rng.random() < 0.3 else None,
            )
        )
        profiles.append(
            models.Profile(
                slug=f"p{n:03d}",
                source="",
                name=rng.choice(["An", "Bo", "Cas", "Dé", "de"]) + " Jansen",
                role="Adviseur",
                organisation=rng.choice(organisations),
                fields=tuple(rng.sample(fields, 2)),
                skills=tuple(rng.sample(skills, rng.randint(1, 4))),
                consent=BUILD_DATE,
                region=rng.choice(regions),
                availability=availability,
                engagement=tuple(rng.sample(["detachering", "zelfstandig", "belangeloos"], rng.randint(0, 2))),
                languages=tuple(rng.sample(["nl", "en"], rng.randint(0, 2))),
            )
        )
    assignments = []
    for n in range(40):
        start = date(10, 60) if rng.random() < 0.7 else None
        assignments.append(
            models.Assignment(
                slug=f"a{n:02d}",
                source="",
                title=rng.choice(["Adviseur", "Projectleider", "adviseur"]),
                organisation=rng.choice(organisations),
                fields=tuple(rng.sample(fields, rng.randint(1, 2))),
                skills=tuple(rng.sample(skills, rng.randint(1, 4))),
                posted=BUILD_DATE,
                deadline=date(0, 30),
                region=rng.choice(regions),
                hours_per_week=rng.choice([None, 8, 16, 24]),
                start=start,
                end=start + dt.timedelta(days=rng.randint(20, 200)) if start and rng.random() < 0.8 else None,
                engagement=rng.choice([None, "detachering", "zelfstandig", "belangeloos"]),
                contact=rng.choice([None, f"p{rng.randrange(120):03d}"]),
            )
        )
    return audience.Selection("public", tuple(profiles), tuple(assignments), (), ())


@pytest.mark.parametrize("seed", range(6))
def test_the_indexes_and_bounds_find_what_scoring_every_pair_finds(seed: int) -> None:
    selection = _random_selection(seed)
    settings = [
        Matching(),
        Matching(minimum_score=0, suggestions=3),
        Matching(
            MatchWeights(skills=5, fields=0, region=30, availability=7, hours=21, engagement=0, languages=2.5),
            minimum_score=20,
            suggestions=4,
        ),
    ][seed % 3]
    found = matching.match(selection, settings, BUILD_DATE, "nl")
    by_assignment = {slug: [(s.profile.slug, s.score) for s in group] for slug, group in found.by_assignment.items()}
    assert {"assignments": by_assignment, "profiles": for_profiles(found)} == _reference(selection, settings, "nl")
