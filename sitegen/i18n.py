"""Every interface string, per site language; dates written out as people read them."""

from __future__ import annotations

import datetime as dt

MONTHS = {
    "nl": ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
           "november", "december"),
    "en": ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"),
}

CATALOG: dict[str, dict[str, str]] = {
    "nl": {
        "skip_to_content": "Naar de inhoud",
        "home": "Home",
        "profiles": "Profielen",
        "assignments": "Klussen",
        "open_assignments": "Open klussen",
        "no_profiles": "Er zijn nog geen profielen.",
        "no_assignments": "Er zijn op dit moment geen open klussen.",
        "organisation": "Organisatie",
        "region": "Regio",
        "fields": "Werkvelden",
        "skills": "Kernkwaliteiten",
        "deadline": "Reageren tot en met",
        "posted": "Geplaatst op",
        "updated": "Bijgewerkt op",
        "contact": "Contact",
        "email": "E-mail",
        "phone": "Telefoon",
        "website": "Website",
        "main_navigation": "Hoofdmenu",
        "footer_navigation": "Voettekst",
        "closed_notice": "Deze klus is gesloten: reageren is niet meer mogelijk.",
    },
    "en": {
        "skip_to_content": "Skip to content",
        "home": "Home",
        "profiles": "Profiles",
        "assignments": "Assignments",
        "open_assignments": "Open assignments",
        "no_profiles": "There are no profiles yet.",
        "no_assignments": "There are no open assignments at the moment.",
        "organisation": "Organisation",
        "region": "Region",
        "fields": "Fields",
        "skills": "Skills",
        "deadline": "Apply by",
        "posted": "Posted on",
        "updated": "Updated on",
        "contact": "Contact",
        "email": "Email",
        "phone": "Phone",
        "website": "Website",
        "main_navigation": "Main menu",
        "footer_navigation": "Footer",
        "closed_notice": "This assignment is closed: applications are no longer possible.",
    },
}


def text(language: str, key: str) -> str:
    return CATALOG[language][key]


def long_date(day: dt.date, language: str) -> str:
    """12 januari 2027 / 12 January 2027."""
    return f"{day.day} {MONTHS[language][day.month - 1]} {day.year}"
