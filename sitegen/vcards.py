"""vCards (RFC 6350, version 4.0) of the profiles, written beside each profile page.

A card holds what the profile page shows of the person: name, job title, organisation, the
contact points of the profile's `contact` block, the page itself and the photo as a URI. The
public build hands this module public records only (`audience.select` dropped everything
internal), so a public card holds public data only.

The format's rules, each applied here: lines end in CRLF; a line longer than 75 octets is folded
(CRLF and one space) without splitting a UTF-8 character; in text values backslash, comma,
semicolon and newlines are escaped; parameter values are quoted, with RFC 6868's ^-escapes.
"""

from __future__ import annotations

import re
import uuid

from . import models
from .render import SiteContext
from .urls import Urls

MEDIA_TYPE = "text/vcard"
LINE_OCTETS = 75
# Dutch family names keep their particles in front ("de Vries", "van der Berg") and sort without
# them; a name's family part starts at its first particle, else it is the last word.
PARTICLES = frozenset("van de der den het ten ter te op in 't d' la le du des da di el al von zu".split())
_CONTROL = re.compile("[\x00-\x1f\x7f]")


def vcard(profile: models.Profile, site: SiteContext, urls: Urls) -> bytes:
    page = urls.absolute(urls.profile(profile.slug))
    given, family, sort_as = split_name(profile.name)
    lines = [
        "BEGIN:VCARD",
        "VERSION:4.0",
        "PRODID:-//sitegen//NONSGML sitegen//EN",
        # Stable across builds and hosts' file names: a UUID derived from the profile's page.
        f"UID:urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, page)}",
        "KIND:individual",
        f"FN:{text(profile.name)}",
        f"N{_parameter('SORT-AS', sort_as)}:{text(family)};{text(given)};;;",
        f"TITLE:{text(profile.role)}",
    ]
    organisation = site.organisations.get(profile.organisation)
    if organisation is not None:
        lines.append(f"ORG:{text(organisation.name)}")
    contact = profile.contact or models.Contact()
    if contact.email:
        lines.append(f"EMAIL;TYPE=work:{text(contact.email)}")
    if contact.phone:
        lines.append(f"TEL;TYPE=work,voice;VALUE=uri:{_tel(contact.phone)}")
    lines.append(f"URL:{uri(page)}")
    if contact.website:
        lines.append(f"URL;TYPE=work:{uri(contact.website)}")
    if contact.linkedin:
        # SOCIALPROFILE is RFC 9554's addition to vCard 4.0; readers that do not know it skip it.
        lines.append(f"SOCIALPROFILE{_parameter('SERVICE-TYPE', 'LinkedIn')}:{uri(contact.linkedin)}")
    if profile.slug in site.photos:
        lines.append(f"PHOTO;MEDIATYPE=image/jpeg:{uri(urls.absolute(site.photos[profile.slug]))}")
    for position, code in enumerate(profile.languages, start=1):
        lines.append(f"LANG;PREF={position}:{text(code)}")  # at most 20 codes, in the member's order
    if profile.summary:
        lines.append(f"NOTE:{text(profile.summary)}")
    lines.append(f"CATEGORIES:{','.join(text(value) for value in dict.fromkeys(profile.fields))}")
    lines.append(f"SOURCE:{uri(urls.absolute(urls.vcard(profile.slug)))}")
    lines.append(f"REV:{profile.modified.strftime('%Y%m%d')}T000000Z")
    lines.append("END:VCARD")
    return b"".join(fold(line) for line in lines)


def split_name(name: str) -> tuple[str, str, str]:
    """(given names, family name, family name without particles) of a full name as Dutch names go.

    'Anna de Vries' -> ('Anna', 'de Vries', 'Vries'); 'Jan Willem van der Berg' -> ('Jan Willem',
    'van der Berg', 'Berg'); 'Ayşe Kaya' -> ('Ayşe', 'Kaya', 'Kaya'); one word is the family name.
    """
    words = name.split()
    if len(words) < 2:
        return "", name.strip(), name.strip()
    start = next((i for i in range(1, len(words) - 1) if words[i].casefold() in PARTICLES), len(words) - 1)
    family = words[start:]
    core = [w for w in family if w.casefold() not in PARTICLES] or family
    return " ".join(words[:start]), " ".join(family), " ".join(core)


def text(value: str) -> str:
    """A text value (RFC 6350 3.4): backslash, comma, semicolon and newlines escaped; other control
    characters, which no value may hold, dropped."""
    value = value.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;")
    value = value.replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n")
    return _CONTROL.sub("", value)


def uri(value: str) -> str:
    """A URI value: front matter allows no control characters in URLs, but a card must never be
    broken by one, so any that got this far are percent-encoded."""
    return _CONTROL.sub(lambda match: f"%{ord(match[0]):02X}", value)


def _parameter(name: str, value: str) -> str:
    """';NAME="value"' with RFC 6868's escapes: ^^ for ^, ^' for a double quote, ^n for a newline."""
    escaped = value.replace("^", "^^").replace('"', "^'").replace("\r\n", "^n").replace("\n", "^n")
    return f';{name}="{_CONTROL.sub("", escaped)}"'


def _tel(phone: str) -> str:
    """A tel: URI (RFC 3966) of a phone number as members write it: '+31 6 1234 5678' -> 'tel:+31612345678'.
    A number without a country code is Dutch: '013 123 4567' -> 'tel:+31131234567'."""
    digits = re.sub(r"[^0-9+]", "", phone.replace("(0)", ""))
    if digits.startswith("00"):
        digits = "+" + digits[2:]
    elif digits.startswith("0"):
        digits = "+31" + digits[1:]
    return "tel:" + digits


def fold(line: str) -> bytes:
    """One content line in octets, folded at 75 octets (RFC 6350 3.2), never inside a character."""
    data = line.encode("utf-8")
    if len(data) <= LINE_OCTETS:
        return data + b"\r\n"
    pieces: list[bytes] = []
    start, limit = 0, LINE_OCTETS
    while len(data) - start > limit:
        end = start + limit
        while data[end] & 0xC0 == 0x80:  # a continuation byte: back up to the character's start
            end -= 1
        pieces.append(data[start:end])
        start, limit = end, LINE_OCTETS - 1  # a continuation line starts with one space
    pieces.append(data[start:])
    return b"\r\n ".join(pieces) + b"\r\n"


__all__ = ["MEDIA_TYPE", "fold", "split_name", "text", "vcard"]
