"""The only module that reads the site's files.

It lists the content folders, reads each file under a size cap (only regular files, never a
symbolic link), decodes it as UTF-8 and splits off the front matter with strict delimiters:
`---` on the first line (after an optional byte-order mark) and a closing `---` line. Unclosed
front matter is an error, never body text, or a phone number in it would be published.

python-frontmatter's default split would do the latter (its pattern finds no closing line
and returns the whole file as body), so we do not use its parser for contributed files.
"""

from __future__ import annotations

import os
import re
import stat
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from .diagnostics import ContentProblem, Diagnostic, error, warning
from .messages import Message, msg
from .terms import is_slug, slugify

MAX_FILE_BYTES = 256 * 1024
MAX_PHOTO_BYTES = 5 * 1024 * 1024
PHOTO_EXTENSIONS = (".jpg", ".jpeg", ".png", ".webp")

Kind = Literal["profile", "assignment", "page"]
CONTENT_FOLDERS: tuple[tuple[Kind, str], ...] = (
    ("profile", "content/profiles"),
    ("assignment", "content/assignments"),
    ("page", "content/pages"),
)


@dataclass(frozen=True, slots=True)
class SourceFile:
    """A content file: `path` relative to the site (for messages), `location` on disk.

    `slug` is '' when the file name is not a valid slug: the file is still checked, but it is
    never published, and it cannot take the place of the file that has that name.
    """

    kind: Kind
    slug: str
    path: str
    location: str


@dataclass(frozen=True, slots=True)
class PhotoFile:
    slug: str
    path: str
    location: str


@dataclass(frozen=True, slots=True)
class Listing:
    documents: tuple[SourceFile, ...]
    photos: tuple[PhotoFile, ...]


@dataclass(frozen=True, slots=True)
class Document:
    """A file split into its front matter (YAML text) and its Markdown body."""

    front_matter: str
    front_matter_line: int  # the file line of the front matter's first line
    body: str
    body_line: int


class SourceProblem(ContentProblem):
    """A file that cannot be read as text: not UTF-8, too large, a link, no front matter."""


# ---------------------------------------------------------------------------------------------
# Listing


def list_content(site: Path) -> tuple[Listing, list[Diagnostic]]:
    """Every content file, sorted by path, with a diagnostic for each file name that is wrong."""
    documents: list[SourceFile] = []
    photos: list[PhotoFile] = []
    diagnostics: list[Diagnostic] = []
    inside = site.resolve()
    for kind, folder in CONTENT_FOLDERS:
        directory = site / folder
        if not directory.is_dir():
            continue
        if not directory.resolve().is_relative_to(inside) or directory.is_symlink():
            diagnostics.append(
                error(
                    folder,
                    0,
                    0,
                    "symbolic-link",
                    msg("source.folder-link"),
                    msg("source.folder-link.hint"),
                )
            )
            continue
        entries = sorted(os.scandir(directory), key=lambda e: e.name)
        suggested: dict[str, list[str]] | None = None  # made for the first wrong name: rarely needed
        for entry in entries:
            rel = f"{folder}/{entry.name}"
            stem, extension = os.path.splitext(entry.name)
            lowered = extension.lower()
            if entry.name.startswith("."):
                continue
            if entry.is_dir(follow_symlinks=False):
                diagnostics.append(
                    warning(
                        rel,
                        0,
                        0,
                        "unexpected-folder",
                        msg("source.folder-ignored", name=entry.name),
                        msg("source.folder-ignored.hint", folder=folder),
                    )
                )
                continue
            if lowered == ".md":
                valid = is_slug(stem) and extension == ".md"
                if not valid:
                    suggested = suggested or _suggestions(entries)
                    diagnostics.append(_slug_problem(rel, entry.name, suggested))
                documents.append(SourceFile(kind, stem if valid else "", rel, entry.path))
            elif kind == "profile" and lowered in PHOTO_EXTENSIONS:
                photos.append(PhotoFile(stem, rel, entry.path))
            elif kind == "profile" and lowered == ".svg":
                diagnostics.append(error(rel, 0, 0, "photo-svg", msg("source.svg"), msg("source.svg.hint")))
            else:
                diagnostics.append(
                    warning(
                        rel,
                        0,
                        0,
                        "unexpected-file",
                        msg("source.file-ignored", name=entry.name),
                        msg(
                            "source.file-ignored.profile.hint" if kind == "profile" else "source.file-ignored.hint",
                            folder=folder,
                        ),
                    )
                )
    return Listing(tuple(documents), tuple(photos)), diagnostics


def _suggestions(entries: list[os.DirEntry[str]]) -> dict[str, list[str]]:
    """The Markdown files of a folder by the name that their name's slug would give."""
    suggested: dict[str, list[str]] = defaultdict(list)
    for entry in entries:
        stem, extension = os.path.splitext(entry.name)
        if extension.lower() == ".md":
            suggested[slugify(stem) + ".md"].append(entry.name)
    return suggested


def _slug_problem(rel: str, name: str, suggested: dict[str, list[str]]) -> Diagnostic:
    stem = os.path.splitext(name)[0]
    valid = slugify(stem)
    message = msg("source.file-name", name=name)
    if not valid:
        return error(rel, 0, 0, "invalid-file-name", message, msg("source.file-name.example.hint"))
    target = valid + ".md"
    others = [other for other in suggested[target] if other != name]
    if target in others:
        return error(
            rel,
            0,
            0,
            "invalid-file-name",
            message,
            msg("source.file-name.exists.hint", target=target),
        )
    if others:
        names = ", ".join(f"'{other}'" for other in others)
        return error(
            rel,
            0,
            0,
            "invalid-file-name",
            message,
            msg("source.file-name.shared.hint", target=target, names=names),
        )
    return error(rel, 0, 0, "invalid-file-name", message, msg("source.file-name.hint", target=target))


# ---------------------------------------------------------------------------------------------
# Reading


def _read_regular_file(location: str, limit: int, hint: str) -> bytes:
    """The bytes of a regular file of at most `limit` bytes; symbolic links are refused. `hint`
    is the message key of the hint for a file that is too large.

    `os.read` of the size the file says (then one more, to see its end, or that it grew), not a
    buffered file object: a warm check reads every file for its key, and half of that was the
    object's making."""
    try:
        fd = os.open(location, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        if os.path.islink(location):
            raise SourceProblem(
                0,
                0,
                "symbolic-link",
                msg("source.file-link"),
                msg("source.file-link.hint"),
            ) from None
        raise SourceProblem(0, 0, "unreadable", msg("source.unreadable", reason=str(exc.strerror))) from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise SourceProblem(0, 0, "not-a-file", msg("source.not-a-file"))
        if info.st_size > limit:
            raise SourceProblem(
                1, 1, "file-too-large", msg("source.too-large", size=_size(info.st_size), limit=_size(limit)), msg(hint)
            )
        chunks: list[bytes] = []
        size = 0
        while chunk := os.read(fd, min(info.st_size + 1 - size if size <= info.st_size else 65536, limit + 1 - size)):
            chunks.append(chunk)
            size += len(chunk)
            if size > limit:
                raise SourceProblem(1, 1, "file-too-large", msg("source.larger-than", limit=_size(limit)), msg(hint))
        return b"".join(chunks)
    finally:
        os.close(fd)


def _size(count: int) -> Message:
    """Rounded up, so that a file just over a limit never shows the limit's own size."""
    tenths_of_mib = -(-count * 10 // (1024 * 1024))
    return msg("size.mib", size=tenths_of_mib / 10) if count >= 1024 * 1024 else msg("size.kib", size=-(-count // 1024))


def read_text(location: str, limit: int = MAX_FILE_BYTES) -> str:
    """The file as text with '\\n' line ends and no byte-order mark."""
    return decode_text(_read_regular_file(location, limit, "source.too-large.text.hint"))


def decode_text(data: bytes) -> str:
    """Bytes of a content file (from the disk, or from git for another revision) as text."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # what some Windows editors save as "Unicode"
        raise SourceProblem(1, 1, "invalid-utf8", msg("source.utf16"), msg("source.utf8.hint"))
    nul = data.find(b"\x00")
    if nul >= 0:
        line, column = _position(data, nul)
        raise SourceProblem(
            line,
            column,
            "binary-file",
            msg("source.nul"),
            msg("source.nul.hint"),
        )
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, column = _position(data, exc.start)
        raise SourceProblem(line, column, "invalid-utf8", msg("source.not-utf8"), msg("source.utf8.hint")) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _position(data: bytes, offset: int) -> tuple[int, int]:
    """Line and column (in characters, counted from 1) of the byte at `offset`."""
    line_start = data.rfind(b"\n", 0, offset) + 1
    column = len(data[line_start:offset].decode("utf-8", errors="replace")) + 1
    return data.count(b"\n", 0, offset) + 1, column


def content_bytes(location: str, photo: bool = False) -> bytes | None:
    """A content file's or photo's bytes as the readers above would get them, for the cache's
    key; None when they would refuse it (the reader then says why)."""
    try:
        hint = "source.too-large.photo.hint" if photo else "source.too-large.text.hint"
        return _read_regular_file(location, MAX_PHOTO_BYTES if photo else MAX_FILE_BYTES, hint)
    except SourceProblem:
        return None


def read_photo(location: str) -> bytes:
    return _read_regular_file(location, MAX_PHOTO_BYTES, "source.too-large.photo.hint")


_DELIMITER = re.compile(r"---[ \t]*")


def split_front_matter(text: str) -> Document:
    first_line, _, rest = text.partition("\n")
    if not _DELIMITER.fullmatch(first_line):
        stripped = text.lstrip()
        hint = msg("source.front-matter-missing.hint")
        if stripped.startswith("+++"):
            raise SourceProblem(
                1,
                1,
                "front-matter-format",
                msg("source.toml"),
                msg("source.format.hint"),
            )
        if stripped.startswith("{"):
            raise SourceProblem(
                1,
                1,
                "front-matter-format",
                msg("source.json"),
                msg("source.format.hint"),
            )
        if stripped.startswith("---"):
            raise SourceProblem(
                1,
                1,
                "front-matter-start",
                msg("source.start"),
                msg("source.start.hint"),
            )
        raise SourceProblem(1, 1, "front-matter-missing", msg("source.front-matter-missing"), hint)
    lines = rest.split("\n")
    for index, line in enumerate(lines):
        if _DELIMITER.fullmatch(line):
            front_matter = "\n".join(lines[:index]) + "\n"
            body = "\n".join(lines[index + 1 :])
            return Document(front_matter, 2, body, index + 3)
    raise SourceProblem(
        1,
        1,
        "front-matter-unclosed",
        msg("source.unclosed"),
        msg("source.unclosed.hint"),
    )
