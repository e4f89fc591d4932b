"""Every front-matter key is in each place CONTRIBUTING.md's checklist for a new field puts it.

The rules, the schemas and the exports follow from `schema.py` by themselves (and their own
tests say so); these places do not, and a key missing from one fails quietly: the documentation
does not explain it, a new member's file does not offer it, or the profile form drops its value
when a member edits an existing profile there.
"""

from __future__ import annotations

import re

import pytest
from conftest import REPO

from sitegen import profile_form, schema

SPECS = {"profile": schema.PROFILE, "assignment": schema.ASSIGNMENT, "page": schema.PAGE}
SECTIONS = {"profile": "Profiles", "assignment": "Assignments", "page": "Pages"}


def section(markdown: str, title: str) -> str:
    """The text of the `## title` section, up to the next `## ` heading."""
    match = re.search(rf"^## {re.escape(title)}\n(.*?)(?=^## )", markdown, re.MULTILINE | re.DOTALL)
    assert match, f"no section '## {title}'"
    return match[1]


@pytest.mark.parametrize("kind", sorted(SPECS))
def test_content_format_has_a_row_for_every_key(kind: str) -> None:
    text = section((REPO / "docs/content-format.md").read_text(encoding="utf-8"), SECTIONS[kind])
    rows = set(re.findall(r"^\| `([a-z_]+)` \|", text, re.MULTILINE))
    assert [key.name for key in SPECS[kind] if key.name not in rows] == []


def test_content_format_lists_the_keys_an_assignment_s_internal_block_allows() -> None:
    text = section((REPO / "docs/content-format.md").read_text(encoding="utf-8"), "Assignments")
    row = re.search(r"^\| `internal` \|.*\| keys: (.*) \|$", text, re.MULTILINE)
    assert row, "the internal row lists its keys"
    assert re.findall(r"`([a-z_]+)`", row[1]) == [key.name for key in schema.ASSIGNMENT_OPTIONAL]


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize("kind", ["profile", "assignment"])
def test_the_new_file_templates_offer_every_key(kind: str, language: str) -> None:
    template = (REPO / f"sitegen/starter/new-{language}/{kind}.md.j2").read_text(encoding="utf-8")
    offered = set(re.findall(r"^([a-z_]+):", template, re.MULTILINE))
    assert sorted(offered) == sorted(key.name for key in SPECS[kind])


def test_the_members_guide_names_every_profile_key() -> None:
    guide = (REPO / "docs/leden.md").read_text(encoding="utf-8")
    assert [
        key.name for key in schema.PROFILE if not re.search(rf"`{key.name}(?::|`)|^ *{key.name}:", guide, re.MULTILINE)
    ] == []


def form_keys() -> list[str]:
    """The form's keys as the page marks them: nested mappings by `parent.child`; the list of
    experience items is one widget whose items have parts."""
    keys = []
    for key in profile_form.form_spec():
        rule = key["rule"]
        if rule["kind"] == "mapping":
            keys += [f"{key['name']}.{inner['name']}" for inner in rule["spec"]]
        else:
            keys.append(key["name"])
    return keys


def test_the_profile_form_has_a_control_for_every_key() -> None:
    page = (REPO / "themes/default/templates/profile-form.html").read_text(encoding="utf-8")
    marked = set(re.findall(r"data-key=\"([a-z_.]+)\"", page))
    marked |= {name for name, _ in re.findall(r"input_field\('([a-z_.]+)', '([^']+)'", page)}
    if re.search(r"\{% for kind in \('fields', 'skills'\) %\}.*?data-key=\"\{\{ kind \}\}\"", page, re.DOTALL):
        marked |= {"fields", "skills"}
    assert [key for key in form_keys() if key not in marked] == []
    parts = set(re.findall(r"data-part=\"([a-z_]+)\"", page))
    experience = next(key for key in schema.PROFILE if key.name == "experience").validate.rule.item
    assert experience is not None
    assert sorted(key.name for key in experience.spec) == sorted(parts)
