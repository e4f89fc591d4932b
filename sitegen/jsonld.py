"""schema.org JSON-LD for the pages, and the one serializer that puts it in a page safely.

The builders are pure functions of the records one audience sees: the public build hands them
public records only (`audience.select` dropped everything internal), so nothing internal can
reach its structured data. The internal build's pages are noindex and may carry internal values.

- a profile page: `ProfilePage` whose `mainEntity` is the `Person`;
- an open assignment: `JobPosting` with what Google's job-posting guide requires and recommends
  (closed assignments carry none, and scheduled ones have no page);
- an organisation's term page: `GovernmentOrganization`, or `Organization` for type `overig`;
- the home page: `WebSite` with a `SearchAction` into the search page's URL state.

Nodes that recur on other pages (the site, a person, an organisation) carry an `@id` made from
their page's URL, so a crawler can join them across pages.
"""

from __future__ import annotations

import datetime as dt
import html
import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from . import models
from .config import SiteConfig
from .search import QUERY_PARAMETER
from .urls import Urls

JsonObject = dict[str, Any]

# How each form of engagement reads as a schema.org employmentType. Every klus is temporary, so a
# secondment (the civil servant stays employed by their own organisation) is TEMPORARY; work at a
# public rate and self-employed work are contracts between organisations or with a freelancer,
# CONTRACTOR; pro bono work is VOLUNTEER. An assignment that names no form is TEMPORARY.
EMPLOYMENT_TYPES: dict[models.Engagement | None, str] = {
    "detachering": "TEMPORARY",
    "publiek-tarief": "CONTRACTOR",
    "zelfstandig": "CONTRACTOR",
    "belangeloos": "VOLUNTEER",
    None: "TEMPORARY",
}
FULL_TIME_HOURS = 36  # a Dutch public-sector full-time week; fewer hours add PART_TIME

GOVERNMENT_TYPES: frozenset[models.OrganisationType] = frozenset({"gemeente", "provincie", "waterschap", "rijk"})

# Characters that must not appear raw inside <script>: '<' could close it ('</script>') or open a
# comment ('<!--'), '&' and '>' are escaped for the same reason in XHTML readers, and U+2028/U+2029
# end a line in older JavaScript parsers. In JSON each may be written as a \\u escape.
_UNSAFE_IN_SCRIPT = str.maketrans(
    {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}
)


def serialize(data: Mapping[str, Any]) -> str:
    """JSON text that is safe inside a <script> element, whatever the values hold."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).translate(_UNSAFE_IN_SCRIPT)


def script(data: Mapping[str, Any] | None) -> Markup:
    """A `<script type="application/ld+json">` data block; nothing for None. A data block is not
    executed, so the pages' Content-Security-Policy (`script-src 'self'`) stays as it is."""
    if data is None:
        return Markup("")
    return Markup('<script type="application/ld+json">') + Markup(serialize(data)) + Markup("</script>\n")


@dataclass(frozen=True, slots=True)
class StructuredData:
    """The JSON-LD builders, with what they need to know about the site."""

    config: SiteConfig
    organisations: Mapping[str, models.Organisation]
    photos: Mapping[str, str]  # profile slug -> site path of the published photo

    @property
    def urls(self) -> Urls:
        return Urls(self.config.base_url, self.config.language)

    def website(self) -> JsonObject:
        urls = self.urls
        data: JsonObject = {
            "@context": "https://schema.org",
            "@type": "WebSite",
            "@id": _site_id(urls),
            "url": urls.absolute(urls.home()),
            "name": self.config.title,
        }
        if self.config.description:
            data["description"] = self.config.description
        data["inLanguage"] = self.config.language
        data["potentialAction"] = {
            "@type": "SearchAction",
            "target": {
                "@type": "EntryPoint",
                "urlTemplate": f"{urls.absolute(urls.search())}?{QUERY_PARAMETER}={{search_term_string}}",
            },
            "query-input": "required name=search_term_string",
        }
        return data

    def profile_page(self, profile: models.Profile) -> JsonObject:
        urls = self.urls
        page = urls.absolute(urls.profile(profile.slug))
        person: JsonObject = {
            "@type": "Person",
            "@id": f"{page}#person",
            "name": profile.name,
            "jobTitle": profile.role,
            "url": page,
        }
        if profile.summary:
            person["description"] = profile.summary
        organisation = self.organisations.get(profile.organisation)
        if organisation is not None:
            person["worksFor"] = self._organisation_node(organisation)
        person["knowsAbout"] = list(dict.fromkeys((*profile.fields, *profile.skills)))
        if profile.languages:
            person["knowsLanguage"] = list(profile.languages)  # ISO 639-1 codes are BCP 47 tags
        if profile.slug in self.photos:
            person["image"] = urls.absolute(self.photos[profile.slug])
        contact = profile.contact
        if contact is not None:
            if contact.email:
                person["email"] = contact.email
            if contact.phone:
                person["telephone"] = contact.phone
            same_as = [url for url in (contact.website, contact.linkedin) if url]
            if same_as:
                person["sameAs"] = same_as
        return {
            "@context": "https://schema.org",
            "@type": "ProfilePage",
            "url": page,
            "name": profile.name,
            "inLanguage": self.config.language,
            "isPartOf": {"@id": _site_id(urls)},
            "dateModified": profile.modified.isoformat(),
            "mainEntity": person,
        }

    def job_posting(self, assignment: models.Assignment) -> JsonObject:
        urls = self.urls
        page = urls.absolute(urls.assignment(assignment.slug))
        organisation = self.organisations.get(assignment.organisation)
        description = assignment.body_html
        if assignment.summary:
            description = f"<p>{html.escape(assignment.summary, quote=False)}</p>\n{description}"
        data: JsonObject = {
            "@context": "https://schema.org",
            "@type": "JobPosting",
            "url": page,
            "title": assignment.title,
            "description": description,
            "datePosted": assignment.posted.isoformat(),
            "validThrough": end_of_day_in_the_netherlands(assignment.deadline),
            "employmentType": employment_types(assignment),
        }
        if organisation is not None:
            data["hiringOrganization"] = self._organisation_node(organisation, same_as=True)
        data["jobLocation"] = {
            "@type": "Place",
            **({"name": assignment.location} if assignment.location else {}),
            "address": _postal_address(assignment, organisation),
        }
        data["identifier"] = {
            "@type": "PropertyValue",
            "name": organisation.name if organisation else self.config.title,
            "value": assignment.slug,
        }
        data["directApply"] = False
        if assignment.rate is not None:
            data["baseSalary"] = {
                "@type": "MonetaryAmount",
                "currency": "EUR",
                "value": {"@type": "QuantitativeValue", "value": assignment.rate, "unitText": "HOUR"},
            }
        if assignment.start:
            data["jobStartDate"] = assignment.start.isoformat()
        data["skills"] = ", ".join(assignment.skills)
        contact = self._application_contact(assignment)
        if contact:
            data["applicationContact"] = contact
        return data

    def organisation(self, organisation: models.Organisation) -> JsonObject:
        return {
            "@context": "https://schema.org",
            **self._organisation_node(organisation, same_as=True),
            "mainEntityOfPage": self.urls.absolute(self.urls.term("organisations", organisation.id)),
        }

    def _organisation_node(self, organisation: models.Organisation, same_as: bool = False) -> JsonObject:
        urls = self.urls
        node: JsonObject = {
            "@type": "GovernmentOrganization" if organisation.type in GOVERNMENT_TYPES else "Organization",
            "@id": f"{urls.absolute(urls.term('organisations', organisation.id))}#organisation",
            "name": organisation.name,
        }
        if organisation.website:
            node["url"] = organisation.website
            if same_as:
                node["sameAs"] = organisation.website
        if organisation.region:
            node["areaServed"] = organisation.region
        return node

    def _application_contact(self, assignment: models.Assignment) -> JsonObject | None:
        contact = assignment.contact
        if isinstance(contact, models.PersonContact):
            node: JsonObject = {"@type": "ContactPoint", "name": contact.name}
            if contact.email:
                node["email"] = contact.email
            if contact.phone:
                node["telephone"] = contact.phone
            return node
        if isinstance(contact, str):  # a profile of this build (audience.select dropped any other)
            return {"@type": "ContactPoint", "url": self.urls.absolute(self.urls.profile(contact))}
        return None


def employment_types(assignment: models.Assignment) -> list[str]:
    types = [EMPLOYMENT_TYPES[assignment.engagement]]
    if assignment.hours_per_week is not None:
        types.append("FULL_TIME" if assignment.hours_per_week >= FULL_TIME_HOURS else "PART_TIME")
    return types


def _postal_address(assignment: models.Assignment, organisation: models.Organisation | None) -> JsonObject:
    """Google needs addressLocality or addressRegion besides the country. A municipality's name
    is its place ('Gemeente Tilburg': Tilburg) and a province's its region; else the region."""
    address: JsonObject = {"@type": "PostalAddress"}
    if organisation is not None and organisation.type == "gemeente":
        address["addressLocality"] = organisation.name.removeprefix("Gemeente ").removeprefix("gemeente ")
    region = assignment.region
    if region is None and organisation is not None and organisation.type == "provincie":
        region = organisation.name.removeprefix("Provincie ").removeprefix("provincie ")
    if region:
        address["addressRegion"] = region
    address["addressCountry"] = "NL"
    return address


def _site_id(urls: Urls) -> str:
    return f"{urls.absolute(urls.home())}#website"


def end_of_day_in_the_netherlands(day: dt.date) -> str:
    """The last second of a day in Dutch time, with its offset: a deadline is the last day to apply.

    Central European time is UTC+1, and UTC+2 from the last Sunday of March until the last Sunday
    of October (EU rule since 1996). Computed here, because the tz database is not on every host.
    """
    summer = _last_sunday(day.year, 3) <= day < _last_sunday(day.year, 10)
    return f"{day.isoformat()}T23:59:59{'+02:00' if summer else '+01:00'}"


def _last_sunday(year: int, month: int) -> dt.date:
    last = dt.date(year, month, 31)  # March and October have 31 days
    return last - dt.timedelta(days=(last.weekday() - 6) % 7)


__all__ = ["EMPLOYMENT_TYPES", "StructuredData", "end_of_day_in_the_netherlands", "script", "serialize"]
