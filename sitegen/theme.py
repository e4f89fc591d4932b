"""Themes: where templates and static files come from.

A theme is trusted code, unlike content. The default theme ships inside the wheel (and sits
at the top of a source checkout); a site's own `themes/<name>/` overrides it file by file.
"""

from __future__ import annotations

from pathlib import Path

PACKAGE = Path(__file__).resolve().parent


def default_theme() -> Path:
    for candidate in (PACKAGE / "themes" / "default", PACKAGE.parent / "themes" / "default"):
        if (candidate / "templates").is_dir():
            return candidate
    raise FileNotFoundError("the default theme of sitegen is missing from this installation")


def theme_folders(site: Path, theme: str) -> tuple[Path, ...]:
    """The lookup chain: the site's own theme first, then the default."""
    own = site / "themes" / theme
    default = default_theme()
    return (own, default) if own.is_dir() and own.resolve() != default.resolve() else (default,)


def read_static(theme_dirs: tuple[Path, ...]) -> dict[str, bytes]:
    """Static files by name ('style.css', 'js/search.js'); the first theme that has a name wins."""
    files: dict[str, bytes] = {}
    for folder in theme_dirs:
        static = folder / "static"
        if not static.is_dir():
            continue
        for path in sorted(static.rglob("*")):
            name = path.relative_to(static).as_posix()
            if path.is_file() and not path.is_symlink() and name not in files and not path.name.startswith("."):
                files[name] = path.read_bytes()
    return files
