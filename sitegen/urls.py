"""The only place that knows the URL scheme.

Pages live in folders (`profielen/anna-de-vries/index.html`) and are linked by their path
below the base URL, which may have a sub-path (`https://example.org/netwerk/`, as on a
GitHub Pages project site): every link, asset and canonical URL goes through `Urls`.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

SECTIONS: dict[str, dict[str, str]] = {
    "nl": {"profiles": "profielen", "assignments": "klussen", "organisations": "organisaties", "fields": "werkvelden",
           "skills": "kwaliteiten", "regions": "regio", "engagement": "inzet", "search": "zoeken"},
    "en": {"profiles": "profiles", "assignments": "assignments", "organisations": "organisations", "fields": "fields",
           "skills": "skills", "regions": "regions", "engagement": "engagement", "search": "search"},
}


@dataclass(frozen=True, slots=True)
class Urls:
    base_url: str  # ends with '/'
    language: str = "nl"

    @property
    def base_path(self) -> str:
        return urlsplit(self.base_url).path or "/"

    def section(self, name: str) -> str:
        return SECTIONS[self.language][name]

    # Site paths: relative to the site root, '' is the home page, folders end with '/'.
    def home(self) -> str:
        return ""

    def profile(self, slug: str) -> str:
        return f"{self.section('profiles')}/{slug}/"

    def assignment(self, slug: str) -> str:
        return f"{self.section('assignments')}/{slug}/"

    def page(self, slug: str) -> str:
        return f"{slug}/"

    def asset(self, name: str) -> str:
        return f"assets/{name}"

    # What a site path becomes.
    def href(self, site_path: str) -> str:
        """The link as written in pages: the path below the host, sub-path included."""
        return self.base_path + site_path

    def absolute(self, site_path: str) -> str:
        return self.base_url + site_path

    @staticmethod
    def output_file(site_path: str) -> str:
        """The file that serves a site path, relative to the output folder."""
        return site_path + "index.html" if site_path == "" or site_path.endswith("/") else site_path
