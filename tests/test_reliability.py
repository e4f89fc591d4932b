"""Issue 10: each fault found by trying sitegen as an attacker would, reproduced and fixed.

The points of the issue are the sections below, in its order. Each test fails on the code
before its fix.
"""

from __future__ import annotations

import errno
import io
import os
import re
import resource
import signal
import struct
import subprocess
import sys
import time
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from conftest import BUILD_DATE, ENGLISH, VALID_PROFILE, SiteFactory, check, write_site
from PIL import Image, ImageCms
from test_hostile import URL_HINT, VALID, error, profile, rows, warning

from sitegen import build, cli, images, urls, write
from sitegen.taxonomy import MAX_SLUG, group_key, term_slug

ADDRESS = urls.Urls("https://example.org/")
OPTIONS = build.Options(BUILD_DATE, jobs=2)


def published(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


# ---------------------------------------------------------------------------------------------
# 1: no metadata block of the original reaches the published photo

CANARY = b"zqxcanary"
XMP = b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:Description>' + CANARY + b"-xmp</rdf:Description></x:xmpmeta>"


def icc_profile() -> bytes:
    """An sRGB profile whose description carries a canary: Pillow embeds the bytes as they are."""
    profile = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    return profile + CANARY + b"-icc"


def exif_block() -> Image.Exif:
    exif = Image.Exif()
    exif[0x010E] = (CANARY + b"-exif-description").decode()  # ImageDescription
    exif[0x8825] = {1: "N", 2: (52.0, 5.0, 1.0), 3: "E", 4: (5.0, 7.0, 2.0)}  # GPSInfo
    return exif


def png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def with_png_chunks(png: bytes, *chunks: bytes) -> bytes:
    """The PNG with `chunks` inserted right after IHDR (8 bytes of signature, 25 of IHDR)."""
    return png[:33] + b"".join(chunks) + png[33:]


def photo(image_format: str, **options: object) -> bytes:
    buffer = io.BytesIO()
    Image.effect_noise((400, 300), 40).convert("RGB").save(buffer, image_format, **options)
    return buffer.getvalue()


def png_with_text_chunks() -> bytes:
    return with_png_chunks(
        photo("PNG", icc_profile=icc_profile(), exif=exif_block()),
        png_chunk(b"tEXt", b"Comment\0" + CANARY + b"-text"),
        png_chunk(b"zTXt", b"Comment\0\0" + zlib.compress(CANARY + b"-ztxt")),
        png_chunk(b"iTXt", b"XML:com.adobe.xmp\0\0\0\0\0" + XMP),
    )


ORIGINALS: dict[str, Callable[[], bytes]] = {
    "jpeg": lambda: photo("JPEG", comment=CANARY + b"-comment", exif=exif_block(), xmp=XMP, icc_profile=icc_profile()),
    "png": png_with_text_chunks,
    "webp": lambda: photo("WEBP", exif=exif_block(), xmp=XMP, icc_profile=icc_profile()),
}


@pytest.mark.parametrize("image_format", sorted(ORIGINALS))
def test_1_no_metadata_block_survives_publishing(image_format: str) -> None:
    original = ORIGINALS[image_format]()
    assert CANARY in original
    published = images.publish(original)
    assert CANARY not in published
    reopened = Image.open(io.BytesIO(published))
    assert not {"comment", "exif", "xmp", "icc_profile", "XML:com.adobe.xmp"} & set(reopened.info)
    assert not reopened.getexif()
    markers = [
        published[i + 1] for i in range(len(published) - 1) if published[i] == 0xFF and 0xE1 <= published[i + 1] <= 0xFE
    ]
    assert markers == [], "no APPn (EXIF, XMP, ICC) or COM segment"


def test_1_the_png_canaries_are_really_there() -> None:
    original = png_with_text_chunks()
    image = Image.open(io.BytesIO(original))
    image.load()
    assert image.info["Comment"].encode().startswith(CANARY)
    assert CANARY in image.info["icc_profile"]
    assert CANARY in image.getexif()[0x010E].encode()


# ---------------------------------------------------------------------------------------------
# 2: nothing that passes `check` makes the build fail

BERT = "content/profiles/bert-jansen"


def test_2_a_photo_that_only_fails_when_published_is_an_error_at_check(make_site: SiteFactory, tmp_path: Path) -> None:
    broken_exif = with_png_chunks(photo("PNG"), png_chunk(b"eXIf", b"not a TIFF header at all"))
    site = make_site({**VALID, f"{BERT}.md": profile(), f"{BERT}.png": broken_exif})
    expected = [
        error(
            f"{BERT}.png",
            0,
            0,
            "photo-invalid",
            "the photo cannot be processed: its EXIF data is damaged",
            "export the photo again as JPEG, PNG or WebP",
        )
    ]
    assert rows(check(site).diagnostics) == expected

    out = tmp_path / "out"
    refused = build.build_site(site, out, OPTIONS)
    assert (rows(refused.check.diagnostics), refused.published) == (expected, None)
    kept_going = build.build_site(site, out, OPTIONS, keep_going=True)
    assert kept_going.published is not None
    page = (out / ADDRESS.output_file(ADDRESS.profile("bert-jansen"))).read_text(encoding="utf-8")
    assert "foto-" not in page  # published with the initials instead
    assert not list(out.rglob("*.jpg"))


LONG_SKILL = "\u33af" * 80  # SQUARE RAD OVER S SQUARED: 80 characters that fold to 480


@pytest.mark.parametrize("keep_going", [False, True])
def test_2_terms_and_regions_whose_folded_slug_is_too_long_for_a_file_name(
    make_site: SiteFactory, tmp_path: Path, keep_going: bool
) -> None:
    long_region = "Regio " + "\ufb03" * 74  # LATIN SMALL LIGATURE FFI: three letters each
    site = make_site({**VALID, f"{BERT}.md": profile(f"region: {long_region}", skills=f"[{LONG_SKILL}]")})
    assert rows(check(site).diagnostics) == []
    out = tmp_path / "out"
    result = build.build_site(site, out, OPTIONS, keep_going=keep_going)
    assert result.published is not None
    files = published(out)
    for kind, value in (("skills", LONG_SKILL), ("regions", long_region)):
        slug = term_slug(group_key(value))
        assert len(group_key(value)) > 200 and len(slug) <= MAX_SLUG
        assert ADDRESS.output_file(ADDRESS.term(kind, slug)) in files
    assert max(len(part) for path in files for part in path.split("/")) <= MAX_SLUG + len(".html")


def test_2_a_term_named_like_another_terms_hashed_slug_gets_a_page_of_its_own(
    make_site: SiteFactory, tmp_path: Path
) -> None:
    greek = "\u03b4\u03b9\u03ba\u03b1\u03b9\u03bf"  # no Latin letters: its slug is a hash
    lookalike = term_slug(group_key(greek))
    site = make_site({**VALID, f"{BERT}.md": profile(skills=f"[{greek}, '{lookalike}']")})
    out = tmp_path / "out"
    assert build.build_site(site, out, OPTIONS).published is not None
    pages = {group_key(value): term_slug(group_key(value)) for value in (greek, lookalike)}
    assert len(set(pages.values())) == 2
    for slug in pages.values():
        assert (out / ADDRESS.output_file(ADDRESS.term("skills", slug))).is_file()
    greek_page = (out / ADDRESS.output_file(ADDRESS.term("skills", pages[group_key(greek)]))).read_text("utf-8")
    assert greek in greek_page


def test_2_an_organisation_id_too_long_for_a_file_name(make_site: SiteFactory) -> None:
    long_id = "gemeente-" + "x" * 300
    result = check(
        make_site(
            {
                **VALID,
                "content/organisations.yaml": f"{long_id}:\n  name: X\n  type: gemeente\n"
                + "gemeente-tilburg:\n  name: Gemeente Tilburg\n  type: gemeente\n",
            }
        )
    )
    assert rows(result.diagnostics)[0] == error(
        "content/organisations.yaml",
        1,
        1,
        "invalid-id",
        "the organisation id 'gemeente-xxxxxxxxxxx...' is 309 characters; the limit is 80",
        "use a shorter id, such as the organisation's name in lower case with hyphens",
    )


# ---------------------------------------------------------------------------------------------
# 3: a build never deletes what no build wrote


def build_cli(*args: str) -> tuple[int, str]:
    err = io.StringIO()
    status = cli.main(
        ["build", *args, "--date", BUILD_DATE.isoformat(), "--jobs", "2"], stdout=io.StringIO(), stderr=err
    )
    return status, err.getvalue()


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def beside(out: Path) -> list[str]:
    """What a build left next to its output folder: staging folders, a lock."""
    return sorted(p.name for p in out.parent.iterdir() if p.name.startswith(f".{out.name}."))


@pytest.fixture
def site(tmp_path: Path) -> Path:
    files: dict[str, str | bytes] = {**VALID}
    return write_site(tmp_path / "site", files)


def test_3_every_build_carries_the_marker(site: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert build_cli(str(site), "--out", str(out))[0] == 0
    assert (out / write.MARKER).read_bytes() == write.MARKER_TEXT


def test_3_a_folder_with_an_index_html_beside_other_files_is_refused(site: Path, tmp_path: Path) -> None:
    out = write_site(
        tmp_path / "www",
        {"index.html": "<h1>Mijn eigen site</h1>", "cv.pdf": b"%PDF", "404.html": "weg", "robots.txt": ""},
        defaults=False,
    )
    before = snapshot(out)
    status, err = build_cli(str(site), "--out", str(out))
    assert (status, err) == (
        2,
        f"sitegen: error: --out: '{out}' is not empty and holds no earlier build (it has "
        "no .sitegen-build file); a build replaces the whole folder, so choose a new or "
        "empty folder, or move the files elsewhere first\n",
    )
    assert snapshot(out) == before


def test_3_an_earlier_build_without_the_marker_is_still_replaced(site: Path, tmp_path: Path) -> None:
    """Builds from before the marker are recognised by index.html, 404.html, robots.txt and a hashed style."""
    out = tmp_path / "out"
    assert build_cli(str(site), "--out", str(out))[0] == 0
    (out / write.MARKER).unlink()
    (out / "verwijderd.html").write_text("old", encoding="utf-8")
    assert build_cli(str(site), "--out", str(out))[0] == 0
    assert (out / write.MARKER).is_file()
    assert not (out / "verwijderd.html").exists()


def test_3_a_new_gh_pages_worktree_holding_only_git_is_built_into(site: Path, tmp_path: Path) -> None:
    out = tmp_path / "gh-pages"
    (out / ".git").mkdir(parents=True)
    (out / ".git" / "HEAD").write_text("ref: refs/heads/gh-pages\n", encoding="utf-8")
    assert build_cli(str(site), "--out", str(out))[0] == 0
    assert (out / ".git" / "HEAD").read_text(encoding="utf-8") == "ref: refs/heads/gh-pages\n"
    assert (out / "index.html").is_file()


@pytest.mark.parametrize("failing", ["retire the old output", "move the new output in"])
def test_3_git_survives_a_failed_swap(
    site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failing: str
) -> None:
    out = tmp_path / "out"
    assert build_cli(str(site), "--out", str(out))[0] == 0
    (out / ".git").mkdir()
    (out / ".git" / "HEAD").write_text("ref: refs/heads/gh-pages\n", encoding="utf-8")
    before = snapshot(out)
    rename = os.rename

    def failing_rename(source: str | Path, target: str | Path) -> None:
        if failing == "retire the old output":
            fails = Path(source) == out
        else:
            fails = Path(target) == out and ".new-" in Path(source).name
        if fails:
            raise OSError(errno.EXDEV, "Invalid cross-device link")
        rename(source, target)

    (site / "content/profiles/bert-jansen.md").write_text(
        VALID_PROFILE.replace("Anna de Vries", "Bert Jansen"), encoding="utf-8"
    )
    monkeypatch.setattr("sitegen.write.os.rename", failing_rename)
    with pytest.raises(OSError, match="cross-device"):
        build.build_site(site, out, OPTIONS)
    assert snapshot(out) == before
    assert beside(out) == []


# ---------------------------------------------------------------------------------------------
# 4 (and 9, SIGINT): workers die with their parent; a stopped build changes nothing

SLOW_BODY = "[" * 16000 + "]" * 16000 + "\n"  # about half a minute of Python-Markdown per file
SLOW_FILES = {
    f"content/profiles/traag-{n}.md": VALID_PROFILE.replace("Ik werk aan de Omgevingswet.\n", SLOW_BODY) for n in (1, 2)
}


def children(pid: int) -> list[int]:
    with open(f"/proc/{pid}/task/{pid}/children", encoding="ascii") as handle:
        return [int(child) for child in handle.read().split()]


def alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as handle:
            return handle.read().rsplit(")", 1)[1].split()[0] != "Z"  # a zombie has ended
    except FileNotFoundError:
        return False


def wait_until(condition: Callable[[], bool], what: str, seconds: float = 60) -> None:
    """Polls; the limit only keeps a broken build from hanging the suite."""
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, what
        time.sleep(0.05)


@pytest.fixture
def reap() -> Iterator[list[int]]:
    """Processes to kill at the end of a test, should the code under test leave them running."""
    pids: list[int] = []
    yield pids
    for pid in pids:
        if alive(pid):
            os.kill(pid, signal.SIGKILL)


def start_slow_build(site: Path, out: Path, reap: list[int]) -> tuple[subprocess.Popen[str], list[int]]:
    """A build whose two workers are busy with the slow bodies."""
    for path, text in SLOW_FILES.items():
        (site / path).write_text(text, encoding="utf-8")
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "sitegen",
            "build",
            str(site),
            "--out",
            str(out),
            "--date",
            BUILD_DATE.isoformat(),
            "--jobs",
            "2",
            "--time-limit",
            "600",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    wait_until(lambda: len(children(process.pid)) == 2 or process.poll() is not None, "the workers start")
    workers = children(process.pid)
    reap += [process.pid, *workers]
    assert len(workers) == 2, process.communicate()
    return process, workers


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_4_workers_die_when_the_build_is_killed(site: Path, tmp_path: Path, reap: list[int]) -> None:
    process, workers = start_slow_build(site, tmp_path / "out", reap)
    process.kill()
    process.wait()
    wait_until(lambda: not any(alive(worker) for worker in workers), "the workers outlive a killed build", 30)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
@pytest.mark.parametrize(
    ("stop", "status", "name"), [(signal.SIGTERM, 143, "SIGTERM"), (signal.SIGINT, 130, "Ctrl-C (SIGINT)")]
)
def test_4_sigterm_and_sigint_end_the_build_and_change_nothing(
    site: Path, tmp_path: Path, stop: signal.Signals, status: int, name: str, reap: list[int]
) -> None:
    out = tmp_path / "out"
    assert build_cli(str(site), "--out", str(out))[0] == 0
    before = snapshot(out)
    process, workers = start_slow_build(site, out, reap)
    process.send_signal(stop)
    stdout, stderr = process.communicate(timeout=60)
    assert (process.returncode, stdout) == (status, "")
    assert stderr.endswith(f"sitegen: stopped by {name}; nothing was published and no output folder was changed\n")
    assert "Traceback" not in stderr
    wait_until(lambda: not any(alive(worker) for worker in workers), "the workers outlive the build", 30)
    assert snapshot(out) == before
    assert beside(out) == []


@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGINT])
def test_4_a_signal_that_arrives_while_a_worker_forks_is_not_lost(
    site: Path, tmp_path: Path, stop: signal.Signals
) -> None:
    """At-fork hooks swallow exceptions ('Exception ignored in: _releaseLock'): a signal there
    used to be lost, and the build went on. The hook below sends it at exactly that moment."""
    for path, text in SLOW_FILES.items():
        (site / path).write_text(text, encoding="utf-8")
    script = (
        "import os, signal, sys; from sitegen import cli; sent = []; "
        f"os.register_at_fork(after_in_parent=lambda: sent or sent.append(os.kill(os.getpid(), {int(stop)}))); "
        f"sys.exit(cli.main(['build', {str(site)!r}, '--out', {str(tmp_path / 'out')!r}, '--date', "
        f"'{BUILD_DATE}', '--jobs', '2', '--time-limit', '600']))"
    )
    process = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120, check=False)
    assert process.returncode == 128 + stop, process.stderr
    assert "Exception ignored" not in process.stderr
    assert not (tmp_path / "out").exists()


def test_4_ctrl_c_while_writing_discards_the_staging_folder(
    site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    assert build_cli(str(site), "--out", str(out))[0] == 0
    before = snapshot(out)

    def interrupted(self: write.Staging) -> None:
        assert (self.folder / "index.html").is_file()  # the whole site was staged
        raise KeyboardInterrupt

    monkeypatch.setattr(write.Staging, "_swap", interrupted)
    assert build_cli(str(site), "--out", str(out)) == (
        130,
        "\nsitegen: stopped by Ctrl-C (SIGINT); nothing was published and no output folder was changed\n",
    )
    assert snapshot(out) == before
    assert beside(out) == []


def stale(out: Path, kind: str, name: str, marker: bool = True) -> Path:
    folder = out.parent / f".{out.name}.{kind}-{name}"
    inner = folder / out.name if kind == "old" else folder
    inner.mkdir(parents=True)
    (inner / "index.html").write_text("half a build", encoding="utf-8")
    if marker:
        (inner / write.MARKER).write_bytes(write.MARKER_TEXT)
    return folder


def test_4_the_next_build_removes_stale_staging_folders(site: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert build_cli(str(site), "--out", str(out))[0] == 0
    stale(out, "new", "k1ll3d")
    stale(out, "old", "s1gk1l")
    (out.parent / f".{out.name}.new-empty").mkdir()
    foreign = stale(out, "new", "notours", marker=False)
    assert build_cli(str(site), "--out", str(out))[0] == 0
    assert beside(out) == [foreign.name]
    assert (foreign / "index.html").read_text(encoding="utf-8") == "half a build"


def test_4_a_swap_killed_halfway_is_undone_by_the_next_build(site: Path, tmp_path: Path) -> None:
    """Killed after the previous output (and its .git) moved aside: both come back, nothing is lost."""
    out = tmp_path / "out"
    assert build_cli(str(site), "--out", str(out))[0] == 0
    (out / ".git").mkdir()
    (out / ".git" / "HEAD").write_text("ref: refs/heads/gh-pages\n", encoding="utf-8")
    new, old = stale(out, "new", "halfway"), tmp_path / f".{out.name}.old-halfway"
    os.rename(out / ".git", new / ".git")
    old.mkdir()
    os.rename(out, old / out.name)
    assert build_cli(str(site), "--out", str(out))[0] == 0
    assert (out / ".git" / "HEAD").read_text(encoding="utf-8") == "ref: refs/heads/gh-pages\n"
    assert (out / write.MARKER).is_file()
    assert beside(out) == []


# ---------------------------------------------------------------------------------------------
# 5: a body cannot amplify into a huge page


def reference_links(address_length: int, uses: int) -> str:
    return f"[r]: https://x.nl/{'a' * address_length}\n\n" + "[x][r] " * uses + "\n"


def test_5_a_body_whose_html_passes_the_cap_is_an_error_at_its_first_line(make_site: SiteFactory) -> None:
    text = profile(body=reference_links(2000, 600))
    result = check(make_site({**VALID, f"{BERT}.md": text}))
    assert rows(result.diagnostics) == [
        error(
            f"{BERT}.md",
            10,
            1,
            "body-too-large",
            "the text below the front matter makes a page of 1.2 MiB; the limit is 1 MiB",
            "a reference link ([text][name]) repeats its whole address at every use: use it less often, or "
            "shorten the address",
        )
    ]


def test_5_the_76_kb_body_that_made_160_mb(make_site: SiteFactory) -> None:
    body = reference_links(20000, 8000)
    assert len(body) < 80_000
    result = check(make_site({**VALID, f"{BERT}.md": profile(body=body)}), time_limit=120)
    assert [(d.code, d.message) for d in result.diagnostics] == [
        ("body-too-large", "the text below the front matter makes a page of 152.8 MiB; the limit is 1 MiB")
    ]


def test_5_a_long_body_under_the_cap_is_published(make_site: SiteFactory) -> None:
    result = check(make_site({**VALID, f"{BERT}.md": profile(body=reference_links(2000, 400))}))
    assert rows(result.diagnostics) == []


# ---------------------------------------------------------------------------------------------
# 6: no control character of a member's reaches the terminal or the workflow log

OSC_LINK = "\x1b]8;;https://evil.example\x07klik\x1b]8;;\x07"
RAW_CONTROLS = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]")


@pytest.mark.parametrize("output_format", ["text", "github"])
def test_6_escapes_in_values_keys_and_file_names_are_printed_escaped(
    make_site: SiteFactory, tmp_path: Path, output_format: str
) -> None:
    evil_name = "content/profiles/\x1b[2J\x1b]0;pwned\x07\x9b31m\u202egpj.md"
    site = make_site(
        {
            **ENGLISH,
            **VALID,
            evil_name: profile(),
            f"{BERT}.md": profile(
                'visibility: "\\e]8;;https://evil.example\\aklik\\e]8;;\\a"', '"\\x7f\\u202ekey": 1', '"\\N\\L": 2'
            ),
        }
    )
    status, out, err = run_cli(
        "build",
        str(site),
        "--out",
        str(tmp_path / "out"),
        "--date",
        BUILD_DATE.isoformat(),
        "--keep-going",
        "--format",
        output_format,
    )
    assert status == 1
    assert RAW_CONTROLS.findall(out + err) == []
    escaped_name = "content/profiles/\\x1b[2J\\x1b]0;pwned\\x07\\x9b31m\\u202egpj.md"
    assert escaped_name in out
    assert "unknown value '\\x1b]8;;https://evil.example\\x07klik\\x1b]8;;\\x07'" in out
    assert "unknown key '\\x7f\\u202ekey'" in out
    assert "unknown key '\\x85\\u2028'" in out
    assert err.endswith(f"published without 2 broken files: {escaped_name}, {BERT}.md\n")


def test_6_the_step_summary_escapes_them_too(
    make_site: SiteFactory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(tmp_path / "summary.md"))
    site = make_site({**ENGLISH, **VALID, f"{BERT}.md": profile('visibility: "\\e[31m\\u2066"')})
    assert run_cli("check", str(site), "--date", BUILD_DATE.isoformat(), "--format", "github")[0] == 1
    summary = (tmp_path / "summary.md").read_text(encoding="utf-8")
    assert RAW_CONTROLS.findall(summary) == []
    assert "unknown value '\\x1b[31m\\u2066'" in summary


# ---------------------------------------------------------------------------------------------
# 7: line breaks that only YAML sees


@pytest.mark.parametrize(
    ("char", "name"),
    [("\u2028", "line separator"), ("\u2029", "paragraph separator"), ("\u0085", "next-line character")],
)
def test_7_a_key_hidden_after_a_comment_is_refused_at_its_line(make_site: SiteFactory, char: str, name: str) -> None:
    text = profile("role_note: x # just a note" + char + "summary: Bel me op 0612349876", "region: Tilburg")
    result = check(make_site({**VALID, f"{BERT}.md": text}))
    assert rows(result.diagnostics) == [
        error(
            f"{BERT}.md",
            8,
            27,
            "line-separator",
            f"contains the invisible {name} U+{ord(char):04X}, which YAML reads as the end of a line",
            "retype the line without copying it from another document",
        )
    ]


def test_7_in_a_settings_file_too(make_site: SiteFactory) -> None:
    result = check(make_site({**VALID, "sitegen.yaml": "title: Test\nbase_url: https://example.org/\u2028\n"}))
    assert rows(result.diagnostics)[0] == error(
        "sitegen.yaml",
        2,
        31,
        "line-separator",
        "contains the invisible line separator U+2028, which YAML reads as the end of a line",
        "retype the line without copying it from another document",
    )


# ---------------------------------------------------------------------------------------------
# 8: addresses that would turn into other links

ADDRESS_CHARACTERS = "an address holds letters, digits, one '@' and . - _ + ' only"


@pytest.mark.parametrize(
    ("written", "hint"),
    [
        ("a%40b@x.nl", f"remove the '%': {ADDRESS_CHARACTERS}"),  # mailto:a%40b@x.nl mails a@b
        ("a@x.nl?bcc=c@y.nl", f"remove the '?': {ADDRESS_CHARACTERS}"),
        ("a@x.nl&cc=c@y.nl", f"remove the '&': {ADDRESS_CHARACTERS}"),
        ("a@x.nl#body", f"remove the '#': {ADDRESS_CHARACTERS}"),
        ("a/b@x.nl", f"remove the '/': {ADDRESS_CHARACTERS}"),
        ("a..b@x.nl", "write it as name@organisation.nl"),
        (".a@x.nl", "write it as name@organisation.nl"),
        ("a@-x.nl", "write it as name@organisation.nl"),
        ("a@x.nl.", "write it as name@organisation.nl"),
        ("a@x.123", "write it as name@organisation.nl"),
        ("a" * 65 + "@x.nl", "write it as name@organisation.nl"),
    ],
)
def test_8_strict_e_mail_addresses(make_site: SiteFactory, written: str, hint: str) -> None:
    result = check(make_site({**VALID, f"{BERT}.md": profile("contact:", f"  email: '{written}'")}))
    assert rows(result.diagnostics) == [
        error(f"{BERT}.md", 9, 10, "invalid-email", f"contact.email: '{written}' is not an e-mail address", hint)
    ]


@pytest.mark.parametrize("written", ["o'brien@example.org", "anna.de-vries+netwerk@tilburg.nl", "a_b@xn--bcher-kva.de"])
def test_8_ordinary_addresses_pass(make_site: SiteFactory, written: str) -> None:
    site = make_site({**VALID, f"{BERT}.md": profile("contact:", f'  email: "{written}"')})
    assert rows(check(site).diagnostics) == []


BAD_BASE_URLS = [
    "https://example.org/?",
    "https://example.org/#",
    "https://example.org?x=1",
    "https://example.org:99999/",
    "https://example.org:0/",
    "https://example.org:-1/",
    "https://.../",
    "https://-x.nl/",
    "https://a..b.nl/",
]


@pytest.mark.parametrize("url", BAD_BASE_URLS)
def test_8_bad_base_urls(make_site: SiteFactory, tmp_path: Path, url: str) -> None:
    result = check(make_site({**VALID, "sitegen.yaml": f"title: Test\nbase_url: '{url}'\n"}))
    assert rows(result.diagnostics) == [
        error(
            "sitegen.yaml",
            2,
            11,
            "invalid-url",
            f"base_url: '{url}' is not a valid base URL",
            "write the site's address with https://, for example https://example.org/netwerk/",
        )
    ]
    status, err = build_cli(str(make_site(VALID)), "--out", str(tmp_path / "out"), "--base-url", url)
    assert (status, err) == (2, f"sitegen: error: --base-url: '{url}' is not an https URL (or http://localhost)\n")


@pytest.mark.parametrize(
    ("url", "message", "hint"),
    [
        ("https://.../", "has no valid host name", URL_HINT),
        ("https://www..example.nl/", "has no valid host name", URL_HINT),
        (
            "https://www.example.nl:70000/",
            "has a port number outside 1 to 65535",
            "leave out the ':' and the number after the host name",
        ),
    ],
)
def test_8_bad_website_urls(make_site: SiteFactory, url: str, message: str, hint: str) -> None:
    result = check(make_site({**VALID, f"{BERT}.md": profile("contact:", f"  website: '{url}'")}))
    assert rows(result.diagnostics) == [
        error(f"{BERT}.md", 9, 12, "invalid-url", f"contact.website: '{url}' {message}", hint)
    ]


def test_8_good_base_urls_with_a_port_and_an_international_host(make_site: SiteFactory) -> None:
    for url in ("https://example.org:8443/netwerk/", "http://localhost:8000/", "https://bücher.example/"):
        assert rows(check(make_site({**VALID, "sitegen.yaml": f"title: T\nbase_url: '{url}'\n"})).diagnostics) == []


# ---------------------------------------------------------------------------------------------
# 9: clear errors instead of tracebacks


def test_9_a_second_build_into_the_same_output_is_refused(site: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, pathlib; from sitegen import write; "
            f"staging = write.Staging(pathlib.Path({str(out)!r})); print('writing', flush=True); sys.stdin.read(); "
            "staging.discard()",
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout is not None and holder.stdout.readline() == "writing\n"
    try:
        assert build_cli(str(site), "--out", str(out)) == (
            2,
            f"sitegen: error: another sitegen build is writing to '{out}' right now; wait until it has finished, "
            f"then build again (the lock is '{tmp_path / '.out.lock'}')\n",
        )
        assert not out.exists()
    finally:
        holder.communicate("")
    assert build_cli(str(site), "--out", str(out))[0] == 0
    assert beside(out) == []


def run_cli(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    status = cli.main(list(args), stdout=out, stderr=err)
    return status, out.getvalue(), err.getvalue()


def test_9_a_time_limit_beyond_the_maximum_is_a_usage_error(site: Path) -> None:
    status, out, err = run_cli("check", str(site), "--time-limit", "1e10")
    assert (status, out) == (2, "")
    assert err.endswith(
        "sitegen check: error: argument --time-limit: '1e10' is more than the maximum of 3600 seconds\n"
    )
    assert run_cli("check", str(site), "--date", BUILD_DATE.isoformat(), "--time-limit", "3600")[0] == 0


@pytest.mark.parametrize("day", ["0001-01-01", "1969-12-31", "3000-01-01", "9999-12-31"])
def test_9_a_build_date_outside_the_sensible_range(site: Path, day: str) -> None:
    assert run_cli("check", str(site), "--date", day) == (
        2,
        "",
        f"sitegen: error: --date is {day}, outside the build dates sitegen accepts (1970-01-01 to 2999-12-31)\n",
    )


def test_9_a_source_date_epoch_outside_the_sensible_range(site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "32503680000")
    assert run_cli("check", str(site)) == (
        2,
        "",
        "sitegen: error: SOURCE_DATE_EPOCH: '32503680000' seconds is 3000-01-01, outside the build dates "
        "sitegen accepts (1970-01-01 to 2999-12-31)\n",
    )


def test_9_a_step_summary_that_is_a_folder(site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "summary").mkdir()
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(tmp_path / "summary"))
    assert run_cli("check", str(site), "--date", BUILD_DATE.isoformat(), "--format", "github") == (
        0,
        "",
        f"sitegen: warning: GITHUB_STEP_SUMMARY: cannot append to '{tmp_path / 'summary'}': Is a directory\n"
        "sitegen: 4 bestanden gecontroleerd: 0 fouten in 0 bestanden, 0 waarschuwingen\n",
    )


def test_9_a_full_disk(site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The workers fork after the patch, so they write to the same full disk."""
    out = tmp_path / "out"
    assert build_cli(str(site), "--out", str(out))[0] == 0
    before = snapshot(out)

    def full(self: write.Staging, file: write.OutputFile) -> int:
        raise OSError(errno.ENOSPC, "No space left on device", str(self.folder / file.path))

    def no_room_for_links(self: write.Staging, source: Path, path: str) -> bool:
        raise OSError(errno.ENOSPC, "No space left on device", str(self.folder / path))

    # A file carried over from the previous output is a new entry in a folder: a full disk refuses it too.
    monkeypatch.setattr(write.Staging, "write", full)
    monkeypatch.setattr(write.Staging, "carry", no_room_for_links)
    status, err = build_cli(str(site), "--out", str(out))
    assert status == 1
    assert err.startswith(f"sitegen: error: the disk is full ('{tmp_path}/.out.new-")
    assert err.endswith(f"); free some space, then build again\nsitegen: not published; {out} is unchanged\n")
    assert snapshot(out) == before
    assert beside(out) == []


def test_9_an_output_folder_without_write_permission(
    site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "alleen-lezen"
    folder.mkdir()
    if os.geteuid() == 0:  # root may write anywhere: refuse as a read-only mount would

        def refused(prefix: str, dir: Path) -> str:
            raise PermissionError(errno.EROFS, "Read-only file system", str(dir))

        monkeypatch.setattr("sitegen.write.tempfile.mkdtemp", refused)
    else:
        folder.chmod(0o555)
    status, err = build_cli(str(site), "--out", str(folder / "out"))
    assert (status, err) == (
        1,
        f"sitegen: error: no permission to write ('{folder}'); choose an output folder you "
        f"may write to with --out\nsitegen: not published; {folder / 'out'} is unchanged\n",
    )
    assert list(folder.iterdir()) == []


def limited_to(files: int) -> Callable[[], None]:
    return lambda: resource.setrlimit(resource.RLIMIT_NOFILE, (files, files))


def test_9_too_many_open_files(site: Path, tmp_path: Path) -> None:
    """Under `ulimit -n 8` not one worker can start: a clear error, not a traceback."""
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "sitegen",
            "build",
            str(site),
            "--out",
            str(tmp_path / "out"),
            "--date",
            BUILD_DATE.isoformat(),
            "--jobs",
            "40",
        ],
        capture_output=True,
        text=True,
        preexec_fn=limited_to(8),
        check=False,
    )
    assert (result.returncode, result.stdout, result.stderr) == (
        1,
        "",
        "sitegen: error: too many open files; use fewer --jobs, or raise the limit (ulimit -n)\n"
        f"sitegen: not published; {tmp_path / 'out'} is unchanged\n",
    )


def test_9_more_jobs_than_file_descriptors_allow_go_on_with_fewer_workers(site: Path, tmp_path: Path) -> None:
    for number in range(12):
        (site / f"content/profiles/lid-{number}.md").write_text(VALID_PROFILE, encoding="utf-8")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "sitegen",
            "build",
            str(site),
            "--out",
            str(tmp_path / "out"),
            "--date",
            BUILD_DATE.isoformat(),
            "--jobs",
            "40",
        ],
        capture_output=True,
        text=True,
        preexec_fn=limited_to(16),
        check=False,
    )
    assert (result.returncode, result.stdout) == (0, ""), result.stderr
    assert "sitegen: 16 bestanden gecontroleerd: 0 fouten in 0 bestanden, 0 waarschuwingen\n" in result.stderr


# ---------------------------------------------------------------------------------------------
# 10: what members see

IMAGE_HINT = (
    "remove the image, or link to it: [description](https://...); a profile photo goes beside the profile "
    "file, with the same name"
)


@pytest.mark.parametrize(
    ("body", "line", "column"),
    [
        ("Ik werk aan de Omgevingswet.\n\nZie ![mijn foto](https://elders.example/foto.jpg)\n", 12, 5),
        ("Eerst tekst.\n\n\n<IMG SRC='https://elders.example/foto.jpg'>\n", 13, 1),
        ("![logo][l]\n\n[l]: https://elders.example/logo.png\n", 10, 1),
    ],
)
def test_10_an_image_in_the_text_is_a_warning_where_it_is(
    make_site: SiteFactory, body: str, line: int, column: int
) -> None:
    site = make_site({**VALID, f"{BERT}.md": profile(body=body)})
    result = check(site)
    assert rows(result.diagnostics) == [
        warning(
            f"{BERT}.md",
            line,
            column,
            "image-dropped",
            "images in the text are not shown: the site shows no pictures from elsewhere",
            IMAGE_HINT,
        )
    ]
    assert result.directory is not None
    [bert] = [p for p in result.directory.profiles if p.slug == "bert-jansen"]
    assert "<img" not in bert.body_html.lower()


CURLY_HINT = "type straight quotes instead (\"...\" or '...'), or leave the quotes out"


@pytest.mark.parametrize(
    ("lines", "replace", "expected"),
    [
        (
            (),
            {"name": "\u201cBert Jansen\u201d"},
            (
                2,
                7,
                "curly-quotes",
                "the value \u201cBert Jansen\u201d is wrapped in curly quotes, which YAML keeps as part of the text",
                CURLY_HINT,
            ),
        ),
        (
            (),
            {"skills": "[\u2018verbindend\u2019]"},
            (
                6,
                10,
                "curly-quotes",
                "the value \u2018verbindend\u2019 is wrapped in curly quotes, which YAML keeps as part of the text",
                CURLY_HINT,
            ),
        ),
        (
            ("summary: \u201eBeleid: de kern\u201d",),
            {},
            (
                8,
                17,
                "yaml-syntax",
                "invalid YAML: mapping values are not allowed in this context",
                "curly quotes (\u201c \u201d \u2018 \u2019) are not quotes to YAML: " + CURLY_HINT,
            ),
        ),
        (
            ("contact:", "\u00a0\u00a0email: bert@tilburg.nl"),
            {},
            (
                9,
                1,
                "yaml-non-breaking-space",
                "a non-breaking space is used for indentation; YAML only allows ordinary spaces",
                "retype the spaces at the start of this line with the space bar",
            ),
        ),
        (
            ("languages:", " \u00a0- nl"),
            {},
            (
                9,
                2,
                "yaml-non-breaking-space",
                "a non-breaking space is used for indentation; YAML only allows ordinary spaces",
                "retype the spaces at the start of this line with the space bar",
            ),
        ),
        (
            ("languages:", "  -nl", "  -en"),
            {},
            (
                9,
                3,
                "wrong-type",
                "languages: expected a list of language codes, got a text",
                "a list item needs a space after the '-': write '- nl'",
            ),
        ),
        (
            ("languages:", "-nl"),
            {},
            (
                10,
                1,
                "yaml-syntax",
                "invalid YAML: could not find expected ':' (while scanning a simple key that starts on line 9)",
                "a list item needs a space after the '-': write '- item'",
            ),
        ),
        (
            (),
            {"consent": "2026-12-02"},
            (
                7,
                1,
                "date-in-future",
                "consent: 2026-12-02 lies in the future (the build date is 2026-12-01)",
                "write the day on which the member agreed to publication",
            ),
        ),
        (
            ("updated: 2027-03-01",),
            {},
            (
                8,
                1,
                "date-in-future",
                "updated: 2027-03-01 lies in the future (the build date is 2026-12-01)",
                "write the day on which the profile was last checked",
            ),
        ),
    ],
)
def test_10_what_word_and_hurried_members_write(
    make_site: SiteFactory, lines: tuple[str, ...], replace: dict[str, str], expected: tuple[int, int, str, str, str]
) -> None:
    result = check(make_site({**VALID, f"{BERT}.md": profile(*lines, **replace)}))
    assert rows(result.diagnostics) == [error(f"{BERT}.md", *expected)]
    assert result.directory is not None
    assert "bert-jansen" not in {p.slug for p in result.directory.profiles}


def test_10_quotes_inside_a_value_are_fine(make_site: SiteFactory) -> None:
    site = make_site(
        {
            **VALID,
            f"{BERT}.md": profile(
                "summary: Mijn motto is \u201esamen\u201d, al 20 jaar", "region: '\u201cTilburg\u201d'"
            ),
        }
    )
    assert rows(check(site).diagnostics) == []


@pytest.mark.parametrize(
    ("name", "hint"),
    [
        ("Bert Jansen.JPG", "rename it to 'bert-jansen.jpg', after its profile file 'bert-jansen.md'"),
        ("bert-janssen.png", "rename it to 'bert-jansen.png', after its profile file 'bert-jansen.md'"),
        (
            "IMG_2041.jpeg",
            "name it after its profile file: the photo of anna-de-vries.md is anna-de-vries.jpg; or remove it",
        ),
    ],
)
def test_10_a_wrongly_named_photo_is_an_error_naming_the_file_it_should_be(
    make_site: SiteFactory, name: str, hint: str
) -> None:
    photo_file = f"content/profiles/{name}"
    site = make_site({**VALID, f"{BERT}.md": profile(), photo_file: photo("JPEG" if "jp" in name.lower() else "PNG")})
    assert rows(check(site).diagnostics) == [
        error(photo_file, 0, 0, "photo-without-profile", f"the photo '{name}' belongs to no profile", hint)
    ]
