"""The only place that knows the URL scheme.

Pages live in folders (`profielen/anna-de-vries/index.html`) and are linked by their path
below the base URL, which may have a sub-path (`https://example.org/netwerk/`, as on a
GitHub Pages project site): every link, asset and canonical URL goes through `Urls`.
Section names follow the site language.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

SECTIONS: dict[str, dict[str, str]] = {
    "nl": {
        "profiles": "profielen",
        "assignments": "klussen",
        "organisations": "organisaties",
        "fields": "werkvelden",
        "skills": "kwaliteiten",
        "regions": "regio",
        "engagement": "inzet",
        "search": "zoeken",
        "page": "pagina",
        "profile_form": "profiel-formulier",
    },
    "en": {
        "profiles": "profiles",
        "assignments": "assignments",
        "organisations": "organisations",
        "fields": "fields",
        "skills": "skills",
        "regions": "regions",
        "engagement": "engagement",
        "search": "search",
        "page": "page",
        "profile_form": "profile-form",
    },
}

# The query parameter that names the profile to load into the profile form.
PROFILE_PARAMETER = {"nl": "profiel", "en": "profile"}

# The kinds of taxonomy, in the order the site shows them.
TAXONOMIES = ("fields", "skills", "organisations", "regions", "engagement")


@dataclass(frozen=True, slots=True)
class Urls:
    base_url: str  # ends with '/'
    language: str = "nl"

    @property
    def base_path(self) -> str:
        return urlsplit(self.base_url).path or "/"

    def section(self, name: str) -> str:
        return SECTIONS[self.language][name]

    # Site paths: relative to the site root; '' is the home page; folders end with '/'.
    def home(self) -> str:
        return ""

    def listing(self, kind: str, number: int = 1) -> str:
        """Page `number` of a paginated listing: 'profielen/', 'profielen/pagina/2/'."""
        return self.paginated(f"{self.section(kind)}/", number)

    def paginated(self, first: str, number: int) -> str:
        return first if number == 1 else f"{first}{self.section('page')}/{number}/"

    def profile(self, slug: str) -> str:
        return f"{self.section('profiles')}/{slug}/"

    def assignment(self, slug: str) -> str:
        return f"{self.section('assignments')}/{slug}/"

    def term(self, kind: str, slug: str, number: int = 1) -> str:
        return self.paginated(f"{self.section(kind)}/{slug}/", number)

    def taxonomy(self, kind: str) -> str:
        return f"{self.section(kind)}/"

    def search(self) -> str:
        return f"{self.section('search')}/"

    def profile_form(self) -> str:
        """The form to create or edit a profile: 'profiel-formulier/'."""
        return f"{self.section('profile_form')}/"

    def profile_form_for(self, slug: str) -> str:
        """The form with one profile's values loaded: 'profiel-formulier/?profiel=anna-de-vries'."""
        return f"{self.profile_form()}?{PROFILE_PARAMETER[self.language]}={slug}"

    def profile_form_data(self, slug: str) -> str:
        """The values of a profile's file for the form, beside its page."""
        return f"{self.profile(slug)}front-matter.json"

    def page(self, slug: str) -> str:
        return f"{slug}/"

    def asset(self, name: str) -> str:
        return f"assets/{name}"

    def not_found(self) -> str:
        return "404.html"

    # Machine-readable files. Feeds end in .atom and vCards in .vcf, because those are the
    # extensions the hosts' default MIME tables map to application/atom+xml and text/vcard.
    def feed(self) -> str:
        """The Atom feed of every open assignment, beside the listing: 'klussen/klussen.atom'."""
        return f"{self.section('assignments')}/{self.section('assignments')}.atom"

    def field_feed(self, slug: str) -> str:
        """The Atom feed of one field's open assignments, beside its term page."""
        return f"{self.section('fields')}/{slug}/{self.section('assignments')}.atom"

    def vcard(self, slug: str) -> str:
        """A profile's vCard, beside its page and named after it, so a download keeps a telling name."""
        return f"{self.profile(slug)}{slug}.vcf"

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
