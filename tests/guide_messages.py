"""The list of every message a member can get, in Dutch, for docs/leden.md ("Alle meldingen op een rij").

The list is made from the catalog (sitegen/messages.py), so it never drifts from what `sitegen check`
says; tests/test_guides.py checks that docs/leden.md holds exactly what `section()` gives. After a
change of the catalog, write it again with `make messages` (this file run as a script).
"""

from __future__ import annotations

import string
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from sitegen.messages import CATALOG  # noqa: E402

GUIDE = REPO / "docs" / "leden.md"
BEGIN = "<!-- begin: alle meldingen, gemaakt door `make messages` uit sitegen/messages.py -->"
END = "<!-- einde: alle meldingen -->"

# The messages a member can get about their own files, by theme: each key whose name starts with
# one of the prefixes, in the catalog's order. A key belongs to the first group it fits.
GROUPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Het bestand", ("source.", "document.", "page.")),
    ("Het gegevensblok (YAML)", ("yaml.",)),
    (
        "Sleutels en waarden",
        (
            "wrong-type", "text.", "retype", "choice.", "number.", "date.", "year-month.", "https-url.",
            "email.", "phone.", "username.", "reference.", "language-code.", "term.", "list.", "mapping.",
            "key.", "missing", "did-you-mean", "period", "availability.", "organisation.", "profile.",
            "contact.", "deadline.",
        ),
    ),
    ("Foto's", ("photo.",)),
    ("Wie wat mag wijzigen (bij een pull request)", ("owner.",)),
)  # fmt: skip
# Not messages of their own: the parts that other messages are made of.
FRAGMENTS = (
    "got.", "expected.", "noun.", "size.", "count.", "subject.", "yaml.break.", "owner.what.", "owner.purpose.",
    "owner.listed", "with-suggestion", "verbatim", "export.", "fetch.", "cli.problems.",
)  # fmt: skip
# For coordinators and whoever runs the build: the shared files, other networks, the command line;
# and the preview's status lines, which docs/serve.md shows (they report, they ask for no fix).
NOT_FOR_MEMBERS = (
    "config.",
    "codeowners.",
    "file.missing",
    "network.",
    "cache.",
    "carry.",
    "cli.",
    "summary",
    "serve.",
)


def group_of(key: str) -> str | None:
    """The group title of a key in the list; None for a fragment or a message for coordinators."""
    if key.startswith(FRAGMENTS) or key.startswith(NOT_FOR_MEMBERS):
        return None
    return next((title for title, prefixes in GROUPS if key.startswith(prefixes)), None)


def placed(key: str) -> bool:
    """Whether the key is in a group, a fragment or a message for coordinators: every key must be."""
    return key.startswith(FRAGMENTS) or key.startswith(NOT_FOR_MEMBERS) or group_of(key) is not None


def shown(template: str) -> str:
    """The Dutch text with '…' where the message names something of the member's file."""
    parts = [literal + ("…" if name is not None else "") for literal, name, _, _ in string.Formatter().parse(template)]
    return "".join(parts)


def section() -> str:
    lines = [
        BEGIN,
        "",
        "Dit zijn de teksten van alle meldingen over je eigen bestanden, zoals de controle ze geeft op",
        "een Nederlandstalige site. Op de plaats van … staat in de melding iets uit je bestand: een",
        "sleutel, een waarde, een regelnummer. Een regel die begint met `hint:` zegt hoe je het oplost.",
    ]
    for title, _ in GROUPS:
        lines += ["", f"**{title}**", ""]
        for key, entry in CATALOG.items():
            if group_of(key) == title:
                prefix = "hint: " if key.endswith(".hint") or key == "did-you-mean" else ""
                lines.append(f"- `{prefix}{shown(entry['nl'])}`")
    return "\n".join([*lines, "", END])


def current() -> str:
    """The list as docs/leden.md holds it now."""
    text = GUIDE.read_text(encoding="utf-8")
    return BEGIN + text.split(BEGIN, 1)[1].split(END, 1)[0] + END


def write() -> None:
    text = GUIDE.read_text(encoding="utf-8")
    GUIDE.write_text(text.replace(current(), section()), encoding="utf-8")


if __name__ == "__main__":
    write()
