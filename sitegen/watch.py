"""What `sitegen serve` watches, and the changes that count.

The site's `content/` and `themes/` are watched recursively, and so is the default theme when
sitegen runs from a source checkout (someone developing the theme). `sitegen.yaml` is watched
through the site folder, without descending into it: editors that save by writing a new file
and renaming it over the old one (vim, many others) would end a watch on the file itself, and
the site folder may hold `.venv/`, `node_modules/` and `.git/`, too many folders to watch.
The same shallow watch notices a `content/` or `themes/` folder that appears later.

Editor droppings (swap, backup, lock and temporary files) and the preview's own output are not
changes. Each watch runs in a thread of its own and puts its batches on one queue.
"""

from __future__ import annotations

import contextlib
import queue
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import watchfiles

from . import config, theme

WATCHED_FOLDERS = ("content", "themes")
SETTLE_SECONDS = 0.05  # a save often touches several files at once (a file, then its photo): one rebuild


class EditorFilter(watchfiles.DefaultFilter):
    """watchfiles' defaults (VCS folders, vim's .swp, `~` backups, emacs' `.#` locks) and more editors'."""

    ignore_entity_patterns = (
        *watchfiles.DefaultFilter.ignore_entity_patterns,
        r"^#.*#$",  # emacs auto-save
        r"^4913$",  # vim's check that it may write in a folder
        r"\.(tmp|temp|bak|orig|crswap|kate-swp)$",
        r"^\.goutputstream-",  # GNOME's atomic saves
        r"^\.~lock\.",  # LibreOffice
        r"^~\$",  # Microsoft Office
    )


@dataclass(frozen=True, slots=True)
class Roots:
    folders: tuple[Path, ...]  # watched recursively
    site: Path  # watched shallowly, for sitegen.yaml and new content/ or themes/ folders


def roots(site: Path) -> Roots:
    folders = [site / name for name in WATCHED_FOLDERS if (site / name).is_dir()]
    default = theme.default_theme()
    developing = default.resolve() == (theme.PACKAGE.parent / "themes" / "default").resolve()
    if developing and not any(default.resolve().is_relative_to(f.resolve()) for f in folders):
        folders.append(default)
    return Roots(tuple(folders), site)


def _shallow_names() -> frozenset[str]:
    return frozenset({config.CONFIG_FILE, *WATCHED_FOLDERS})


class Watcher:
    """Batches of changed paths from the watches of `roots(site)`, until `stop` is set."""

    def __init__(self, site: Path, ignore: Iterable[Path], stop: threading.Event) -> None:
        self.site = site
        self.stop = stop
        self.changes: queue.Queue[set[str]] = queue.Queue()
        self.filter = EditorFilter(ignore_paths=[str(path) for path in ignore])
        self.threads: list[threading.Thread] = []
        self._deep_stop = threading.Event()
        self.watching = roots(site)

    def start(self) -> None:
        self._start(self._shallow, "watch site folder")
        self._start_deep()

    def _start(self, target: object, name: str, *args: object) -> None:
        thread = threading.Thread(target=target, args=args, name=name, daemon=True)  # type: ignore[arg-type]
        thread.start()
        self.threads.append(thread)

    def _start_deep(self) -> None:
        if self.watching.folders:
            self._start(self._deep, "watch content and themes", self.watching.folders, self._deep_stop)

    def refresh(self) -> None:
        """Watch `content/` or `themes/` once they exist (a new theme, a site started without content)."""
        now = roots(self.site)
        if now == self.watching:
            return
        self._deep_stop.set()
        self._deep_stop = threading.Event()
        self.watching = now
        self._start_deep()

    def _deep(self, folders: tuple[Path, ...], stopped: threading.Event) -> None:
        either = _Either(self.stop, stopped)
        for batch in watchfiles.watch(
            *folders,
            watch_filter=self.filter,
            stop_event=either,
            rust_timeout=500,
            yield_on_timeout=False,
            raise_interrupt=False,
        ):
            self.changes.put({path for _, path in batch})

    def _shallow(self) -> None:
        names = _shallow_names()
        for batch in watchfiles.watch(
            self.site,
            watch_filter=self.filter,
            stop_event=self.stop,
            recursive=False,
            rust_timeout=500,
            raise_interrupt=False,
        ):
            changed = {path for _, path in batch if Path(path).name in names}
            if changed:
                self.changes.put(changed)

    def next_batch(self, timeout: float) -> set[str] | None:
        """The paths changed since the last call, once changes settle; None after `timeout` without any."""
        try:
            paths = self.changes.get(timeout=timeout)
        except queue.Empty:
            return None
        while True:
            try:
                paths |= self.changes.get(timeout=SETTLE_SECONDS)
            except queue.Empty:
                return paths

    def join(self) -> None:
        self.stop.set()
        self._deep_stop.set()
        for thread in self.threads:
            with contextlib.suppress(RuntimeError):
                thread.join(timeout=2)


@dataclass(frozen=True, slots=True)
class _Either:
    """Set when either event is: watchfiles takes one stop event."""

    first: threading.Event
    second: threading.Event

    def is_set(self) -> bool:
        return self.first.is_set() or self.second.is_set()
