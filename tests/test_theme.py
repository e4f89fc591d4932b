"""A site's own theme overrides the default one template by template and file by file."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from conftest import SITEGEN_YAML, VALID_PROFILE, SiteFactory

from sitegen import build

PROFILE_OVERRIDE = """\
{% extends "base.html" %}
{% block main %}<h1 class="eigen">{{ profile.name }}</h1><p>Eigen sjabloon.</p>{% endblock %}
"""


def _build(site: Path, out: Path) -> build.BuildResult:
    result = build.build_site(site, out, build.Options(dt.date(2026, 12, 1), jobs=2))
    assert result.published is not None, result.check.diagnostics
    return result


def test_own_theme_overrides_one_template_and_one_static_file(make_site: SiteFactory, tmp_path: Path) -> None:
    site = make_site(
        {
            "sitegen.yaml": SITEGEN_YAML + "theme: eigen\n",
            "content/profiles/anna-de-vries.md": VALID_PROFILE,
            "themes/eigen/templates/profile.html": PROFILE_OVERRIDE,
            "themes/eigen/static/style.css": "body { color: #111111; }\n",
        }
    )
    out = tmp_path / "out"
    _build(site, out)
    profile = (out / "profielen/anna-de-vries/index.html").read_text(encoding="utf-8")
    assert '<h1 class="eigen">Anna de Vries</h1><p>Eigen sjabloon.</p>' in profile
    assert 'class="skip-link"' in profile  # base.html still comes from the default theme
    home = (out / "index.html").read_text(encoding="utf-8")
    assert "Eigen sjabloon." not in home
    styles = sorted(p.name for p in (out / "assets").glob("style.*.css"))
    assert len(styles) == 1
    assert (out / "assets" / styles[0]).read_text(encoding="utf-8") == "body { color: #111111; }\n"
    assert f"/assets/{styles[0]}" in home


def test_a_theme_without_its_folder_is_an_error(make_site: SiteFactory, tmp_path: Path) -> None:
    site = make_site(
        {"sitegen.yaml": SITEGEN_YAML + "theme: bestaat-niet\n", "content/profiles/anna-de-vries.md": VALID_PROFILE}
    )
    result = build.build_site(site, tmp_path / "out", build.Options(dt.date(2026, 12, 1), jobs=2))
    assert result.published is None
    assert [(d.path, d.line, d.column, d.code, d.message, d.hint) for d in result.check.diagnostics] == [
        (
            "sitegen.yaml",
            3,
            1,
            "unknown-theme",
            "theme: there is no folder themes/bestaat-niet/",
            "create themes/bestaat-niet/templates/ with the templates to override, or remove the line",
        )
    ]
