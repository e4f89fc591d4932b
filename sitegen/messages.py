"""The words of every diagnostic, in English and Dutch: one catalog, rendered at the edge.

A validator does not know the site's language. It names what it found as a `Message` (a
catalog key and its parameters, a plain frozen value) and `diagnostics.error` keeps that
beside the English text; the reporters (`diagnostics.format_*`, the preview) render the
message in the site's language. So codes stay language-independent, the English text stays
what every unit test asserts, and Dutch comes out of every front end alike.

Each catalog entry holds both languages side by side, so that nobody adds one without the
other: `tests/test_messages.py` proves every key has `en` and `nl` with the same
placeholders, that the code uses every key, and that no diagnostic is made of a bare string.

A parameter is a value the member wrote, a key, a number (placeholders may carry a format
spec such as `{minimum:g}`) or another `Message`: a fragment such as "a list of texts" or a
"did you mean" that is itself translated.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final, Literal, Union

Language = Literal["nl", "en"]
LANGUAGES: Final = ("en", "nl")

Param = Union[str, int, float, "Message"]


@dataclass(frozen=True, slots=True)
class Message:
    """A catalog key with its parameters, sorted by name (so equal messages are equal values)."""

    key: str
    params: tuple[tuple[str, Param], ...] = ()

    def render(self, language: str) -> str:
        values = {name: value.render(language) if isinstance(value, Message) else value for name, value in self.params}
        return CATALOG[self.key][language].format(**values)  # type: ignore[index]

    def __str__(self) -> str:
        return self.render("en")


def msg(key: str, /, **params: Param) -> Message:
    """The message `key` with its parameters; an unknown key is a bug, found where it is made."""
    if key not in CATALOG:
        raise KeyError(f"no message {key!r} in sitegen/messages.py")
    return Message(key, tuple(sorted(params.items())))


def render(text: str | Message, language: str) -> str:
    return text.render(language) if isinstance(text, Message) else text


def _entry(en: str, nl: str) -> dict[Language, str]:
    return {"en": en, "nl": nl}


_RETYPE = _entry(
    "retype the value without copying it from another document",
    "typ de waarde opnieuw in, zonder haar uit een ander document te kopiëren",
)

CATALOG: Final[dict[str, dict[Language, str]]] = {
    # --- Fragments: what a member wrote, what was expected, nouns ---------------------------
    "got.nothing": _entry("nothing", "niets"),
    "got.mapping": _entry("a mapping of keys", "een blok met sleutels"),
    "got.list": _entry("a list", "een lijst"),
    "got.empty": _entry("an empty value", "een lege waarde"),
    "got.number": _entry("a number", "een getal"),
    "got.text": _entry("a text", "een tekst"),
    "expected.text": _entry("a text", "een tekst"),
    "expected.choice": _entry("one of {options}", "een van {options}"),
    "expected.date": _entry("a date (YYYY-MM-DD)", "een datum (JJJJ-MM-DD)"),
    "expected.year-month": _entry("a year (2021) or a month (2021-03)", "een jaar (2021) of een maand (2021-03)"),
    "expected.https-url": _entry("an https URL", "een https-adres"),
    "expected.email": _entry("an e-mail address", "een e-mailadres"),
    "expected.phone": _entry("a phone number", "een telefoonnummer"),
    "expected.username": _entry("a user name", "een gebruikersnaam"),
    "expected.reference": _entry("{what} id", "een {what}-id"),
    "expected.language-code": _entry("a language code", "een taalcode"),
    "expected.list": _entry("a list of {what}", "een lijst met {what}"),
    "expected.contact": _entry(
        "a profile id or a mapping with name, email and phone",
        "een profiel-id of een blok met name, email en phone",
    ),
    # The nouns a rule names (a list's items, a reference's target, a term's kind): `noun.` and
    # the rule's `what`, so the specs keep their English words as data.
    "noun.texts": _entry("texts", "teksten"),
    "noun.roles": _entry("roles", "functies"),
    "noun.forms of engagement": _entry("forms of engagement", "vormen van inzet"),
    "noun.language codes": _entry("language codes", "taalcodes"),
    "noun.user names": _entry("user names", "gebruikersnamen"),
    "noun.organisation": _entry("organisation", "organisatie"),
    "noun.profile": _entry("profile", "profiel"),
    "noun.fields": _entry("fields", "werkvelden"),
    "noun.skills": _entry("skills", "kernkwaliteiten"),
    "noun.field": _entry("field", "werkveld"),
    "noun.skill": _entry("skill", "kernkwaliteit"),
    "did-you-mean": _entry("did you mean '{word}'?", "bedoel je '{word}'?"),
    "with-suggestion": _entry("{suggestion} {rest}", "{suggestion} {rest}"),
    # --- schema.py: the field rules ----------------------------------------------------------
    "wrong-type": _entry("{key}: expected {expected}, got {got}", "{key}: hier hoort {expected}, maar er staat {got}"),
    "text.direction": _entry(
        "{key}: contains the invisible direction-control character U+{code}",
        "{key}: bevat het onzichtbare teken U+{code}, dat de schrijfrichting verandert",
    ),
    "text.control": _entry("{key}: contains the control character U+{code}", "{key}: bevat het stuurteken U+{code}"),
    "retype": _RETYPE,
    "text.too-short": _entry(
        "{key}: must be at least {minimum} characters, got {count}",
        "{key}: moet minstens {minimum} tekens lang zijn, maar is {count} tekens",
    ),
    "text.too-long": _entry(
        "{key}: must be at most {maximum} characters, got {count}",
        "{key}: mag hoogstens {maximum} tekens lang zijn, maar is {count} tekens",
    ),
    "text.too-long.hint": _entry(
        "shorten it; the full story belongs in the text below the front matter",
        "maak het korter; het hele verhaal hoort in de tekst onder het gegevensblok",
    ),
    "choice.unknown": _entry("{key}: unknown value '{value}'", "{key}: onbekende waarde '{value}'"),
    "choice.allowed": _entry("allowed values: {options}", "toegestane waarden: {options}"),
    "number.comma": _entry(
        "write a decimal point instead of a comma: {value}", "schrijf een punt in plaats van een komma: {value}"
    ),
    "number.whole": _entry(
        "{key}: expected a whole number, got {value}", "{key}: hier hoort een heel getal, maar er staat {value}"
    ),
    "number.range": _entry(
        "{key}: must be between {minimum:g} and {maximum:g}, got {value}",
        "{key}: moet tussen {minimum:g} en {maximum:g} liggen, maar is {value}",
    ),
    "date.shape": _entry(
        "{key}: '{value}' is not a date in the form YYYY-MM-DD",
        "{key}: '{value}' is geen datum in de vorm JJJJ-MM-DD",
    ),
    "date.exists": _entry("{key}: '{value}' is not a date that exists", "{key}: de datum '{value}' bestaat niet"),
    "date.hint": _entry(
        "write the date as YYYY-MM-DD, for example 2026-03-31",
        "schrijf de datum als JJJJ-MM-DD, bijvoorbeeld 2026-03-31",
    ),
    "year-month.invalid": _entry(
        "{key}: '{value}' is not a year or a month", "{key}: '{value}' is geen jaar en geen maand"
    ),
    "year-month.hint": _entry(
        "write a year such as 2021 or a month such as 2021-03",
        "schrijf een jaar, zoals 2021, of een maand, zoals 2021-03",
    ),
    "https-url.hint": _entry(
        "write the full address starting with https://, for example https://www.example.nl/",
        "schrijf het hele adres, beginnend met https://, bijvoorbeeld https://www.example.nl/",
    ),
    "https-url.space": _entry(
        "{key}: '{value}' is not a valid URL (it contains a space or a backslash)",
        "{key}: '{value}' is geen geldig webadres (er staat een spatie of een backslash in)",
    ),
    "https-url.invalid": _entry("{key}: '{value}' is not a valid URL", "{key}: '{value}' is geen geldig webadres"),
    "https-url.scheme": _entry(
        "{key}: only https URLs are allowed, got '{value}'",
        "{key}: alleen adressen die met https:// beginnen zijn toegestaan, maar er staat '{value}'",
    ),
    "https-url.credentials": _entry(
        "{key}: a URL must not contain a user name or password",
        "{key}: een webadres mag geen gebruikersnaam of wachtwoord bevatten",
    ),
    "https-url.credentials.hint": _entry("remove the part before '@'", "haal het deel vóór de '@' weg"),
    "https-url.host": _entry(
        "{key}: '{value}' has no valid host name", "{key}: in '{value}' staat geen geldige domeinnaam"
    ),
    "https-url.port": _entry(
        "{key}: '{value}' has a port number outside 1 to 65535",
        "{key}: in '{value}' staat een poortnummer buiten 1 tot en met 65535",
    ),
    "https-url.port.hint": _entry(
        "leave out the ':' and the number after the host name",
        "laat de ':' en het getal achter de domeinnaam weg",
    ),
    "email.mailto": _entry("{key}: write the address without 'mailto:'", "{key}: schrijf het adres zonder 'mailto:'"),
    "email.invalid": _entry("{key}: '{value}' is not an e-mail address", "{key}: '{value}' is geen e-mailadres"),
    "email.character.hint": _entry(
        "remove the '{character}': an address holds letters, digits, one '@' and . - _ + ' only",
        "haal de '{character}' weg: een adres bestaat alleen uit letters, cijfers, één '@' en . - _ + '",
    ),
    "email.hint": _entry("write it as name@organisation.nl", "schrijf het als naam@organisatie.nl"),
    "phone.number": _entry("{key}: a phone number must be text", "{key}: een telefoonnummer moet tekst zijn"),
    "phone.number.hint": _entry(
        'put it in quotes: {name}: "{value}"', 'zet het tussen aanhalingstekens: {name}: "{value}"'
    ),
    "phone.invalid": _entry("{key}: '{value}' is not a phone number", "{key}: '{value}' is geen telefoonnummer"),
    "phone.hint": _entry(
        "use digits, spaces, hyphens and a leading +, for example 06-12345678 or +31 70 123 4567",
        "gebruik cijfers, spaties, streepjes en eventueel een + vooraan, bijvoorbeeld 06-12345678 of +31 70 123 4567",
    ),
    "username.at": _entry("{key}: write the user name without '@'", "{key}: schrijf de gebruikersnaam zonder '@'"),
    "username.at.hint": _entry("write {value}", "schrijf {value}"),
    "username.invalid": _entry(
        "{key}: '{value}' is not a code-host user name", "{key}: '{value}' is geen gebruikersnaam van de codehost"
    ),
    "reference.invalid": _entry(
        "{key}: '{value}' is not a valid {what} id", "{key}: '{value}' is geen geldige {what}-id"
    ),
    "reference.hint": _entry(
        "ids are written in lower case with hyphens, for example '{example}'",
        "een id schrijf je in kleine letters met streepjes, bijvoorbeeld '{example}'",
    ),
    "language-code.invalid": _entry("{key}: '{value}' is not a language code", "{key}: '{value}' is geen taalcode"),
    "language-code.case.hint": _entry("write '{value}'", "schrijf '{value}'"),
    "language-code.hint": _entry(
        "use two-letter ISO 639-1 codes such as nl, en, de, fy",
        "gebruik codes van twee letters uit ISO 639-1, zoals nl, en, de, fy",
    ),
    "term.unknown": _entry("{key}: unknown {singular} '{value}'", "{key}: onbekend {singular} '{value}'"),
    "term.listing": _entry(
        "the {kind} are listed in content/vocabulary.yaml", "de {kind} staan in content/vocabulary.yaml"
    ),
    "list.hint": _entry(
        "write one '- item' per line under '{name}:', or [first, second]",
        "schrijf onder '{name}:' één '- item' per regel, of [eerste, tweede]",
    ),
    "list.dash.hint": _entry(
        "a list item needs a space after the '-': write '- {item}'",
        "na de '-' van een lijstitem hoort een spatie: schrijf '- {item}'",
    ),
    "list.too-few-one": _entry("{key}: needs at least 1 item", "{key}: heeft minstens 1 item nodig"),
    "list.too-few": _entry("{key}: needs at least {minimum} items", "{key}: heeft minstens {minimum} items nodig"),
    "list.too-many": _entry(
        "{key}: at most {maximum} items are allowed, got {count}",
        "{key}: hoogstens {maximum} items zijn toegestaan, maar er staan er {count}",
    ),
    "list.too-many.hint": _entry("keep the most important ones", "houd de belangrijkste over"),
    "list.duplicate": _entry(
        "{key}: '{value}' is listed twice (also on line {line})",
        "{key}: '{value}' staat er twee keer in (ook op regel {line})",
    ),
    "list.duplicate.hint": _entry("remove one of them", "haal er één weg"),
    "mapping.wrong-type": _entry(
        "{prefix}expected a mapping of keys, got {got}", "{prefix}hier hoort een blok met sleutels, maar er staat {got}"
    ),
    "mapping.wrong-type.hint": _entry(
        "write one 'key: value' per line, indented under this key",
        "schrijf één 'sleutel: waarde' per regel, ingesprongen onder deze sleutel",
    ),
    "key.unknown": _entry("{prefix}unknown key '{name}'", "{prefix}onbekende sleutel '{name}'"),
    "key.allowed": _entry("allowed keys: {names}", "toegestane sleutels: {names}"),
    "key.empty": _entry(
        "{prefix}the required key '{name}' has no value", "{prefix}de verplichte sleutel '{name}' heeft geen waarde"
    ),
    "missing": _entry("{prefix}missing required key '{name}'", "{prefix}de verplichte sleutel '{name}' ontbreekt"),
    "missing.hint": _entry("add a line '{name}: ...'", "voeg een regel '{name}: ...' toe"),
    # --- yamlstrict.py: the YAML itself ------------------------------------------------------
    "yaml.unreadable": _entry("the YAML could not be read: {reason}", "de YAML kon niet worden gelezen: {reason}"),
    "yaml.line-break": _entry(
        "contains the invisible {name} U+{code}, which YAML reads as the end of a line",
        "bevat het onzichtbare teken U+{code} ({name}), dat YAML leest als het einde van een regel",
    ),
    "yaml.break.next-line": _entry("next-line character", "volgende-regelteken"),
    "yaml.break.line": _entry("line separator", "regelscheidingsteken"),
    "yaml.break.paragraph": _entry("paragraph separator", "alineascheidingsteken"),
    "yaml.retype-line": _entry(
        "retype the line without copying it from another document",
        "typ de regel opnieuw in, zonder haar uit een ander document te kopiëren",
    ),
    "yaml.non-breaking": _entry(
        "a non-breaking space is used for indentation; YAML only allows ordinary spaces",
        "er is ingesprongen met een harde spatie; YAML staat alleen gewone spaties toe",
    ),
    "yaml.non-breaking.hint": _entry(
        "retype the spaces at the start of this line with the space bar",
        "typ de spaties aan het begin van deze regel opnieuw met de spatiebalk",
    ),
    "yaml.control": _entry("contains the control character U+{code}", "bevat het stuurteken U+{code}"),
    "yaml.unclosed-quote": _entry(
        "invalid YAML: the quote that opens this value is never closed",
        "ongeldige YAML: het aanhalingsteken aan het begin van deze waarde wordt nergens gesloten",
    ),
    "yaml.unclosed-quote.hint": _entry(
        "end the value with the same quote; inside '...' write a single quote as ''",
        "sluit de waarde af met hetzelfde aanhalingsteken; schrijf binnen '...' een enkel aanhalingsteken als ''",
    ),
    "yaml.tab": _entry(
        "a tab character is used for indentation; YAML only allows spaces",
        "er is ingesprongen met een tab; YAML staat alleen spaties toe",
    ),
    "yaml.tab.hint": _entry(
        "replace the tab at the start of this line with spaces",
        "vervang de tab aan het begin van deze regel door spaties",
    ),
    "yaml.syntax": _entry("invalid YAML: {problem}", "ongeldige YAML: {problem}"),
    "yaml.syntax.context": _entry(
        "{problem} ({context} that starts on line {line})", "{problem} ({context} dat begint op regel {line})"
    ),
    "yaml.syntax.hint": _entry(
        "check the indentation and the ':' after each key; put text with ': ' or '#' in quotes",
        "controleer het inspringen en de ':' na elke sleutel; zet tekst met ': ' of '#' tussen aanhalingstekens",
    ),
    "yaml.curly.hint": _entry(
        "type straight quotes instead (\"...\" or '...'), or leave the quotes out",
        "typ in plaats daarvan rechte aanhalingstekens (\"...\" of '...'), of laat de aanhalingstekens weg",
    ),
    "yaml.curly-in-line.hint": _entry(
        "curly quotes (\u201c \u201d \u2018 \u2019) are not quotes to YAML: {fix}",
        "gekrulde aanhalingstekens (\u201c \u201d \u2018 \u2019) zijn voor YAML geen aanhalingstekens: {fix}",
    ),
    "yaml.dash.hint": _entry(
        "a list item needs a space after the '-': write '- item'",
        "na de '-' van een lijstitem hoort een spatie: schrijf '- item'",
    ),
    "yaml.inner-quote.hint": _entry(
        "a quote inside a quoted value ends it early: leave out the outer quotes, or write a quote inside '...' as ''",
        "een aanhalingsteken binnen een waarde tussen aanhalingstekens beëindigt die waarde te vroeg: laat de "
        "buitenste aanhalingstekens weg, of schrijf binnen '...' een aanhalingsteken als ''",
    ),
    "yaml.unexpected": _entry("invalid YAML: unexpected content", "ongeldige YAML: onverwachte inhoud"),
    "subject.front-matter": _entry("the front matter", "het gegevensblok"),
    "subject.file": _entry("the file", "het bestand"),
    "yaml.empty": _entry("{subject} is empty", "{subject} is leeg"),
    "yaml.empty.hint": _entry(
        "write the keys, one 'key: value' per line", "schrijf de sleutels, één 'sleutel: waarde' per regel"
    ),
    "yaml.empty.front-matter.hint": _entry(
        "write the keys between the two '---' lines, one 'key: value' per line",
        "schrijf de sleutels tussen de twee regels '---', één 'sleutel: waarde' per regel",
    ),
    "yaml.documents": _entry(
        "{subject} holds more than one YAML document", "{subject} bevat meer dan één YAML-document"
    ),
    "yaml.documents.hint": _entry(
        "remove the '---' or '...' line inside {subject}", "haal de regel '---' of '...' in {subject} weg"
    ),
    "yaml.not-mapping": _entry(
        "{subject} must be a mapping of keys, got {got}", "{subject} moet uit sleutels bestaan, maar er staat {got}"
    ),
    "yaml.not-mapping.hint": _entry("write one 'key: value' per line", "schrijf één 'sleutel: waarde' per regel"),
    "yaml.not-mapping.front-matter.hint": _entry(
        "write one 'key: value' per line, for example 'name: Anna de Vries'",
        "schrijf één 'sleutel: waarde' per regel, bijvoorbeeld 'name: Anna de Vries'",
    ),
    "yaml.anchor": _entry(
        "YAML anchors and aliases ('&' and '*') are not allowed",
        "YAML-ankers en -verwijzingen ('&' en '*') zijn niet toegestaan",
    ),
    "yaml.anchor.hint": _entry("write the value out in full", "schrijf de waarde helemaal uit"),
    "yaml.tag": _entry("YAML tags such as '{tag}' are not allowed", "YAML-tags zoals '{tag}' zijn niet toegestaan"),
    "yaml.tag.hint": _entry(
        "remove the tag; write plain values only", "haal de tag weg; schrijf alleen gewone waarden"
    ),
    "yaml.too-deep": _entry(
        "{subject} is nested deeper than {depth} levels", "{subject} is dieper genest dan {depth} niveaus"
    ),
    "yaml.too-deep.hint": _entry("flatten the structure", "maak de opbouw minder diep"),
    "yaml.too-deep.front-matter.hint": _entry(
        "flatten the structure: profiles need at most three levels",
        "maak de opbouw minder diep: een profiel heeft hoogstens drie niveaus nodig",
    ),
    "yaml.curly": _entry(
        "the value {value} is wrapped in curly quotes, which YAML keeps as part of the text",
        "de waarde {value} staat tussen gekrulde aanhalingstekens, die YAML als deel van de tekst ziet",
    ),
    "yaml.key-not-text": _entry("keys must be text, got {got}", "een sleutel moet tekst zijn, maar er staat {got}"),
    "yaml.key-not-text.hint": _entry(
        "every key is a word such as 'name' or 'skills'", "elke sleutel is een woord, zoals 'name' of 'skills'"
    ),
    "yaml.duplicate-key": _entry(
        "duplicate key '{name}': it is already given on line {line}",
        "de sleutel '{name}' staat er twee keer in: hij staat al op regel {line}",
    ),
    "yaml.duplicate-key.hint": _entry(
        "keep one of the two lines and remove the other", "houd één van de twee regels over en haal de andere weg"
    ),
}
