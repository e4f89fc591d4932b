"""Property tests: whatever a member writes, reading a file never raises, every diagnostic
names that file, and a file has errors exactly when it gives no record.

The front matter is generated as YAML-ish text from keys the schema knows (and near misses)
and values that surprise YAML loaders; other files are random text or random bytes.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from conftest import BUILD_DATE, VALID_PROFILE, check, write_site
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sitegen import documents, schema, sources
from sitegen.diagnostics import Severity

KEYS = sorted(
    {k.name for k in schema.PROFILE}
    | {k.name for k in schema.ASSIGNMENT}
    | {
        "visibilty",
        "skils",
        "Name",
        "naam",
        "1",
        "yes",
        "null",
        "<<",
        "? x",
        "-",
        "a b",
        "contact.email",
        "",
        "status",
        "hours_per_week",
        "email",
        "phone",
        "website",
        "from",
        "to",
        "term",
    }
)
NASTY = [
    "NO",
    "yes",
    "off",
    "Null",
    "~",
    "null",
    "0201234567",
    "+31612345678",
    "012",
    "0o17",
    "0x1F",
    "12:30",
    "12:30:00",
    "1.10",
    "95.5",
    "16",
    "-0",
    "1e3",
    ".inf",
    ".nan",
    "2024-02-30",
    "1980-01-02",
    "2026-03-01",
    "2021-13",
    "2021",
    "gemeente-tilburg",
    "gemeente-tilbrug",
    "public",
    "internal",
    "secret",
    "open",
    "available",
    "unavailable",
    "detachering",
    "https://example.org/",
    "javascript:alert(1)",
    "https://u:p@example.org",
    "https://x.nl\\y",
    "'quoted'",
    '"double"',
    "'unterminated",
    '"\\u202e"',
    '"\\a"',
    '"\\0"',
    "!!python/object/apply:os.system ['x']",
    "!!binary aGk=",
    "!!set {a}",
    "!foo x",
    "&a x",
    "*a",
    "[*a]",
    "[",
    "]",
    "{",
    "}",
    "{a: 1, a: 2}",
    "- a",
    "|",
    ">",
    "#",
    "%",
    "@x",
    "`x`",
    ": x",
    "a: b: c",
    "[" * 30 + "]" * 30,
    "\t",
    "x\ty",
    "é",
    "\u202e",
    "\u2028",
    "\x85",
    "--- ",
    "...",
    "+++",
    "'",
    "''",
    '""',
    "a@b.nl",
    "mailto:a@b.nl",
    "@jan",
    "nl",
    "NL",
    "[nl, en]",
    "{status: available, hours_per_week: 8}",
    "{status: unavailable, hours_per_week: 8}",
    "[{role: a, organisation: b, from: 2021-06, to: 2021}]",
    "[{role: a, organisation: b, from: 2022, to: 2021}]",
]

scalars = st.one_of(st.sampled_from(NASTY), st.text(max_size=20), st.integers(-10, 10_000).map(str))
keys = st.one_of(st.sampled_from(KEYS), st.text(alphabet="abcdefghijklmnopqrstuvwxyz_", min_size=1, max_size=10))


def _flow_list(items: list[str]) -> str:
    return "[" + ", ".join(items) + "]"


values = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4).map(_flow_list),
        st.lists(st.tuples(keys, children), max_size=3).map(
            lambda pairs: "{" + ", ".join(f"{k}: {v}" for k, v in pairs) + "}"
        ),
    ),
    max_leaves=8,
)


@st.composite
def block(draw: st.DrawFn, depth: int = 0) -> list[str]:
    """Lines of a block mapping: `key: value`, nested blocks, and `- item` lists."""
    lines: list[str] = []
    indent = "  " * depth
    for _ in range(draw(st.integers(0, 6 if depth == 0 else 3))):
        key = draw(keys)
        shape = draw(st.sampled_from(["value", "value", "value", "block", "items", "empty"]))
        if shape == "block" and depth < 3:
            lines.append(f"{indent}{key}:")
            lines.extend(draw(block(depth + 1)))
        elif shape == "items":
            lines.append(f"{indent}{key}:")
            lines.extend(f"{indent}  - {draw(values)}" for _ in range(draw(st.integers(0, 3))))
        elif shape == "empty":
            lines.append(f"{indent}{key}:")
        else:
            lines.append(f"{indent}{key}: {draw(values)}")
    return lines


@st.composite
def documents_text(draw: st.DrawFn) -> str:
    """A content file: mostly a valid profile with some keys replaced, added or removed."""
    base = VALID_PROFILE.split("\n")[1:7]  # the six required keys
    kept = [line for line in base if draw(st.booleans()) or draw(st.booleans())]
    lines = kept + draw(block())
    if draw(st.booleans()):
        draw(st.randoms()).shuffle(lines)
    opening = draw(st.sampled_from(["---", "---", "---", "--- ", "\ufeff---", "", "+++", "\n---"]))
    closing = draw(st.sampled_from(["---", "---", "---", "...", ""]))
    body = draw(st.sampled_from(["", "Tekst.", "[x](javascript:alert(1))", "<script>x</script>", "---", "{{ 7*7 }}"]))
    text = "\n".join([opening, *lines, closing, "", body, ""])
    return text.replace("\n", "\r\n") if draw(st.booleans()) and draw(st.booleans()) else text


ORGANISATIONS = frozenset({"gemeente-tilburg", "waterschap-de-dommel"})


def read(
    directory: Path,
    data: str | bytes,
    kind: sources.Kind = "profile",
    profiles: frozenset[str] = frozenset({"x", "anna"}),
) -> documents.DocumentResult:
    location = directory / "x.md"
    location.write_bytes(data.encode("utf-8", errors="surrogatepass") if isinstance(data, str) else data)
    context = documents.ParseContext(BUILD_DATE, None, ORGANISATIONS, profiles)
    return documents.read_document(sources.SourceFile(kind, "x", "content/profiles/x.md", str(location)), context)


def assert_sound(result: documents.DocumentResult) -> None:
    assert all(d.path == "content/profiles/x.md" for d in result.diagnostics)
    assert not [d for d in result.diagnostics if d.code == "internal-error"], result.diagnostics
    has_errors = any(d.severity is Severity.ERROR for d in result.diagnostics)
    assert has_errors == (result.record is None), result.diagnostics
    assert all(d.line >= 0 and d.column >= 0 and d.message for d in result.diagnostics)


@settings(max_examples=300, deadline=None)
@given(text=documents_text(), kind=st.sampled_from(["profile", "profile", "assignment", "page"]))
def test_generated_front_matter(text: str, kind: sources.Kind) -> None:
    with tempfile.TemporaryDirectory() as folder:
        result = read(Path(folder), text, kind)
    assert_sound(result)
    lines = text.replace("\r\n", "\n").count("\n") + 1
    assert all(d.line <= lines for d in result.diagnostics)


@settings(max_examples=150, deadline=None)
@given(text=st.text(max_size=300))
def test_random_text(text: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        assert_sound(read(Path(folder), text))
        assert_sound(read(Path(folder), "---\n" + text + "\n---\n"))


@settings(max_examples=150, deadline=None)
@given(data=st.binary(max_size=300))
def test_random_bytes(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        assert_sound(read(Path(folder), data))
        assert_sound(read(Path(folder), b"---\nname: " + data + b"\n---\n"))


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(files=st.lists(documents_text(), min_size=1, max_size=4))
def test_check_reports_every_broken_file(files: list[str]) -> None:
    names = [f"content/profiles/p{i}.md" for i in range(len(files))]
    with tempfile.TemporaryDirectory() as folder:
        site = write_site(
            Path(folder), {"content/profiles/anna.md": VALID_PROFILE, **dict(zip(names, files, strict=True))}
        )
        profiles = frozenset({"anna", *(Path(name).stem for name in names)})
        alone = {name: read(Path(folder), text, profiles=profiles) for name, text in zip(names, files, strict=True)}
        result = check(site)
    broken = sorted(name for name, r in alone.items() if r.record is None)
    assert result.broken_files == broken
    assert result.directory is not None
    published = {p.source for p in result.directory.profiles}
    assert published == {"content/profiles/anna.md"} | {name for name in names if name not in broken}
