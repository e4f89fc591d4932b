"""Issue 11.1: what fails while rendering and writing is reported by whose fault it is.

A template's error is the theme's, with its file and line; an OSError is the output's, with the
path and the cause in words; anything else is a bug of sitegen's, with its traceback. The same
on both paths: chunks rendered by forked workers, and in the parent where workers would be
spawned (`workers_share_memory()` false: macOS, Windows).
"""

from __future__ import annotations

import errno
import io
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import SITEGEN_YAML, VALID_PROFILE, SiteFactory
from PIL import Image
from test_reliability import beside, build_cli

from sitegen import images
from sitegen.workers import Crashed

PATHS = ["workers", "in-parent"]
PROFILE_PAGE = "profielen/anna-de-vries/index.html"


@pytest.fixture(params=PATHS)
def render_path(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    if request.param == "in-parent":
        monkeypatch.setattr("sitegen.build.workers_share_memory", lambda: False)
    return str(request.param)


def jpeg() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (400, 300), (40, 90, 160)).save(buffer, "JPEG")
    return buffer.getvalue()


def failing_writes(monkeypatch: pytest.MonkeyPatch, number: int, fails: Callable[[Path], bool]) -> None:
    """Writes of the files `fails` picks raise as the kernel would: the error names no file.
    Workers fork after the patch, so they fail alike."""
    original = Path.write_bytes

    def write_bytes(self: Path, data: bytes) -> int:
        if fails(self):
            raise OSError(number, {errno.ENOSPC: "No space left on device", errno.EACCES: "Permission denied"}[number])
        return original(self, data)

    monkeypatch.setattr(Path, "write_bytes", write_bytes)


CAUSES = {
    errno.ENOSPC: "the disk is full ('{path}'); free some space, then build again",
    errno.EACCES: "no permission to write ('{path}'); choose an output folder you may write to with --out",
}
WRITES = {
    "page": (PROFILE_PAGE, lambda path: path.as_posix().endswith(PROFILE_PAGE)),
    "photo": ("profielen/anna-de-vries/foto-HASH.jpg", lambda path: path.name.startswith("foto-")),
}


@pytest.mark.parametrize("number", sorted(CAUSES), ids=["EACCES", "ENOSPC"])
@pytest.mark.parametrize("what", sorted(WRITES))
def test_a_failed_write_is_an_output_problem_naming_the_path_and_the_cause(
    make_site: SiteFactory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, render_path: str, what: str, number: int
) -> None:
    site = make_site({"content/profiles/anna-de-vries.md": VALID_PROFILE, "content/profiles/anna-de-vries.jpg": jpeg()})
    out = tmp_path / "out"
    written, fails = WRITES[what]
    failing_writes(monkeypatch, number, fails)
    status, err = build_cli(str(site), "--out", str(out))
    staged = re.escape(f"{tmp_path}/.out.new-") + r"[^/]+/" + re.escape(written).replace("HASH", "[0-9a-f]{10}")
    cause = re.escape(CAUSES[number]).replace(re.escape("{path}"), staged)
    assert status == 1
    assert re.fullmatch(
        f"sitegen: error: {cause}\nsitegen: not published; {re.escape(str(out))} is unchanged\n", err
    ), err
    assert not out.exists()
    assert beside(out) == []


def theme_site(make_site: SiteFactory, templates: dict[str, str]) -> Path:
    return make_site(
        {
            "sitegen.yaml": SITEGEN_YAML + "theme: eigen\n",
            "content/profiles/anna-de-vries.md": VALID_PROFILE,
            **{f"themes/eigen/templates/{name}": text for name, text in templates.items()},
        }
    )


def test_an_undefined_filter_is_the_themes_error_at_its_file_and_line(
    make_site: SiteFactory, tmp_path: Path, render_path: str
) -> None:
    site = theme_site(
        make_site,
        {
            "profile.html": '{% extends "base.html" %}\n{% block main %}\n'
            "<h1>{{ profile.name|shout }}</h1>\n{% endblock %}\n"
        },
    )
    out = tmp_path / "out"
    assert build_cli(str(site), "--out", str(out)) == (
        1,
        f"sitegen: error in the theme: {site}/themes/eigen/templates/profile.html:3: TemplateAssertionError: "
        "No filter named 'shout'. (while rendering /profielen/anna-de-vries/)\n"
        f"sitegen: not published; {out} is unchanged\n",
    )
    assert beside(out) == []


def test_a_macro_that_raises_is_the_themes_error_at_the_macros_line(
    make_site: SiteFactory, tmp_path: Path, render_path: str
) -> None:
    site = theme_site(
        make_site,
        {
            "profile.html": '{% extends "base.html" %}\n{% block main %}{% import "kapot.html" as kapot %}\n'
            "<h1>{{ kapot.share(profile.name) }}</h1>\n{% endblock %}\n",
            "kapot.html": "{# a share of the name #}\n{% macro share(name) %}\n"
            "{{ name|length // 0 }}\n{% endmacro %}\n",
        },
    )
    out = tmp_path / "out"
    assert build_cli(str(site), "--out", str(out)) == (
        1,
        f"sitegen: error in the theme: {site}/themes/eigen/templates/kapot.html:3: ZeroDivisionError: "
        "integer division or modulo by zero (while rendering /profielen/anna-de-vries/)\n"
        f"sitegen: not published; {out} is unchanged\n",
    )


def test_an_error_in_a_template_global_is_an_internal_error_with_its_traceback(
    make_site: SiteFactory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, render_path: str
) -> None:
    original = images.initials

    def initials(name: str) -> str:
        if name == "kapot":
            raise RuntimeError("the initials of 'kapot' broke")
        return original(name)

    monkeypatch.setattr(images, "initials", initials)
    site = theme_site(
        make_site,
        {
            "profile.html": '{% extends "base.html" %}\n{% block main %}\n'
            '<h1>{{ initials("kapot") }}</h1>\n{% endblock %}\n'
        },
    )
    out = tmp_path / "out"
    status, err = build_cli(str(site), "--out", str(out))
    head, traceback = err.split("\n", 1)
    traceback, tail = traceback.rsplit("\n", 3)[0] + "\n", traceback.rsplit("\n", 3)[1:]
    assert (status, head, tail) == (
        1,
        "sitegen: internal error: RuntimeError: the initials of 'kapot' broke "
        "(while rendering /profielen/anna-de-vries/)",
        [
            "sitegen: this is a bug in sitegen: please report it with the text above",
            f"sitegen: not published; {out} is unchanged",
            "",
        ],
    )
    assert traceback.startswith("Traceback (most recent call last):\n")
    assert f"File \"{site}/themes/eigen/templates/profile.html\", line 3, in block 'main'\n" in traceback
    assert f'File "{__file__}", line ' in traceback
    assert traceback.endswith(
        "RuntimeError: the initials of 'kapot' broke\nwhile rendering /profielen/anna-de-vries/\n"
    )


def test_a_crash_carries_its_fields_across_the_pipe() -> None:
    """What `Crashed.of` keeps of an OSError, and of a worker that died."""
    with pytest.raises(OSError) as raised:
        Path("/nonexistent/folder/file").read_bytes()
    assert Crashed.of(raised.value) == Crashed(
        "os", "FileNotFoundError", "No such file or directory", errno.ENOENT, "/nonexistent/folder/file"
    )
    assert Crashed.lost("the worker process ended unexpectedly").reason == "the worker process ended unexpectedly"
