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
spec such as `{size:.1f}`) or another `Message`: a fragment such as "a list of texts" or a
"did you mean" that is itself translated. A number that may have decimals is passed as a
`float`, never as text: Dutch renders it with a decimal comma ("1,5 MiB"). A limit quoted
from YAML (`number.range`) is passed as text, because YAML wants a decimal point.
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
        values = {name: _in_language(value, language) for name, value in self.params}
        return CATALOG[self.key][language].format(**values)  # type: ignore[index]

    def __str__(self) -> str:
        return self.render("en")


class _DecimalComma(float):
    """A number that Dutch writes with a decimal comma, whatever the placeholder's format spec:
    '{size:.1f} MiB' gives "1,5 MiB"."""

    def __format__(self, spec: str) -> str:
        return format(float(self), spec).replace(".", ",")

    def __str__(self) -> str:
        return self.__format__("")


def _in_language(value: Param, language: str) -> str | int | float:
    if isinstance(value, Message):
        return value.render(language)
    if isinstance(value, float) and language == "nl":
        return _DecimalComma(value)
    return value


def msg(key: str, /, **params: Param) -> Message:
    """The message `key` with its parameters; an unknown key is a bug, found where it is made."""
    if key not in CATALOG:
        raise KeyError(f"no message {key!r} in sitegen/messages.py")
    return Message(key, tuple(sorted(params.items())))


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
    "noun.terms": _entry("terms", "termen"),
    # Sizes: a float, so that Dutch writes a decimal comma ("5,0 MiB").
    "size.mib": _entry("{size:.1f} MiB", "{size:.1f} MiB"),
    "size.kib": _entry("{size} KiB", "{size} KiB"),
    "size.mb": _entry("{size:g} MB", "{size:g} MB"),
    "size.bytes": _entry("{size} bytes", "{size} bytes"),
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
        "{key}: must be between {minimum} and {maximum}, got {value}",
        "{key}: moet tussen {minimum} en {maximum} liggen, maar is {value}",
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
    # --- sources.py: files, names, bytes, the front-matter split ----------------------------
    "source.folder-link": _entry(
        "the folder is a symbolic link; only folders inside the site are read",
        "de map is een symbolische koppeling; alleen mappen binnen de site worden gelezen",
    ),
    "source.folder-link.hint": _entry(
        "replace the link with the folder itself", "vervang de koppeling door de map zelf"
    ),
    "source.folder-ignored": _entry("the folder '{name}' is ignored", "de map '{name}' wordt overgeslagen"),
    "source.folder-ignored.hint": _entry(
        "content files belong directly in {folder}/", "inhoudsbestanden horen direct in {folder}/"
    ),
    "source.svg": _entry("SVG photos are not accepted", "foto's in SVG worden niet geaccepteerd"),
    "source.svg.hint": _entry("save the photo as JPEG, PNG or WebP", "sla de foto op als JPEG, PNG of WebP"),
    "source.file-ignored": _entry("the file '{name}' is ignored", "het bestand '{name}' wordt overgeslagen"),
    "source.file-ignored.hint": _entry("only .md files belong in {folder}/", "in {folder}/ horen alleen .md-bestanden"),
    "source.file-ignored.profile.hint": _entry(
        "only .md files belong in {folder}/ (and profile photos: .jpg, .jpeg, .png, .webp)",
        "in {folder}/ horen alleen .md-bestanden (en profielfoto's: .jpg, .jpeg, .png, .webp)",
    ),
    "source.file-name": _entry(
        "the file name '{name}' is not valid: use lower-case letters, digits and hyphens",
        "de bestandsnaam '{name}' mag niet: gebruik kleine letters, cijfers en streepjes",
    ),
    "source.file-name.example.hint": _entry(
        "rename it, for example to 'anna-de-vries.md'", "geef het een andere naam, bijvoorbeeld 'anna-de-vries.md'"
    ),
    "source.file-name.exists.hint": _entry(
        "'{target}' already exists: merge the two files, or give this one another valid name",
        "'{target}' bestaat al: voeg de twee bestanden samen, of geef dit bestand een andere geldige naam",
    ),
    "source.file-name.shared.hint": _entry(
        "rename it to '{target}'; but {names} would get that name too: give each file its own name",
        "noem het '{target}'; maar {names} zou die naam ook krijgen: geef elk bestand een eigen naam",
    ),
    "source.file-name.hint": _entry("rename it to '{target}'", "noem het '{target}'"),
    "source.file-link": _entry(
        "the file is a symbolic link; only regular files are read",
        "het bestand is een symbolische koppeling; alleen gewone bestanden worden gelezen",
    ),
    "source.file-link.hint": _entry(
        "replace the link with the file itself", "vervang de koppeling door het bestand zelf"
    ),
    "source.unreadable": _entry("the file cannot be read: {reason}", "het bestand kan niet worden gelezen: {reason}"),
    "source.not-a-file": _entry("this is not a regular file", "dit is geen gewoon bestand"),
    "source.too-large": _entry(
        "the file is {size}; the limit is {limit}", "het bestand is {size}; de grens is {limit}"
    ),
    "source.larger-than": _entry("the file is larger than {limit}", "het bestand is groter dan {limit}"),
    "source.too-large.text.hint": _entry("shorten the text", "maak de tekst korter"),
    "source.too-large.photo.hint": _entry(
        "make the photo smaller, for example 1000 pixels wide",
        "maak de foto kleiner, bijvoorbeeld 1000 pixels breed",
    ),
    "source.utf16": _entry("the file is UTF-16 text, not UTF-8", "het bestand is UTF-16-tekst, geen UTF-8"),
    "source.utf8.hint": _entry(
        "save the file with the UTF-8 encoding", "sla het bestand op met de tekenset (codering) UTF-8"
    ),
    "source.nul": _entry(
        "the file contains a NUL byte: it is not a text file",
        "het bestand bevat een NUL-byte: het is geen tekstbestand",
    ),
    "source.nul.hint": _entry("save it again as plain UTF-8 text", "sla het opnieuw op als platte UTF-8-tekst"),
    "source.not-utf8": _entry("the file is not valid UTF-8 text", "het bestand is geen geldige UTF-8-tekst"),
    "source.front-matter-missing": _entry("the file has no front matter", "het bestand heeft geen gegevensblok"),
    "source.front-matter-missing.hint": _entry(
        "the file must start with a line '---', then the keys, then a closing '---' line",
        "het bestand moet beginnen met een regel '---', dan de sleutels, en dan weer een regel '---'",
    ),
    "source.toml": _entry(
        "TOML front matter ('+++') is not supported", "een gegevensblok in TOML ('+++') wordt niet ondersteund"
    ),
    "source.json": _entry("JSON front matter is not supported", "een gegevensblok in JSON wordt niet ondersteund"),
    "source.format.hint": _entry(
        "write the keys in YAML between two '---' lines", "schrijf de sleutels in YAML tussen twee regels '---'"
    ),
    "source.start": _entry(
        "the '---' line must be the very first line of the file",
        "de regel '---' moet de allereerste regel van het bestand zijn",
    ),
    "source.start.hint": _entry(
        "remove the blank lines or text before it", "haal de lege regels of de tekst ervoor weg"
    ),
    "source.unclosed": _entry("the front matter is not closed", "het gegevensblok is niet afgesloten"),
    "source.unclosed.hint": _entry(
        "add a line '---' after the last key; the file is not published until then",
        "zet een regel '---' onder de laatste sleutel; tot dan wordt het bestand niet gepubliceerd",
    ),
    # --- documents.py: one file as a whole, rules between fields, references, dates ----------
    "document.body-too-large": _entry(
        "the text below the front matter makes a page of {size:.1f} MiB; the limit is {limit} MiB",
        "de tekst onder het gegevensblok wordt een pagina van {size:.1f} MiB; de grens is {limit} MiB",
    ),
    "document.body-too-large.hint": _entry(
        "a reference link ([text][name]) repeats its whole address at every use: use it less often, "
        "or shorten the address",
        "een verwijzingslink ([tekst][naam]) herhaalt bij elk gebruik het hele adres: gebruik hem minder vaak, "
        "of maak het adres korter",
    ),
    "document.too-deep": _entry(
        "the file is nested too deeply to be read", "het bestand is te diep genest om te kunnen lezen"
    ),
    "document.crash": _entry(
        "sitegen could not read this file ({reason})", "sitegen kon dit bestand niet lezen ({reason})"
    ),
    "document.crash.hint": _entry(
        "this is a bug in sitegen: please report it with the file",
        "dit is een fout in sitegen: meld die graag, met het bestand erbij",
    ),
    "document.image-dropped": _entry(
        "images in the text are not shown: the site shows no pictures from elsewhere",
        "afbeeldingen in de tekst worden niet getoond: de site laat geen plaatjes van elders zien",
    ),
    "document.image-dropped.hint": _entry(
        "remove the image, or link to it: [description](https://...); a profile photo goes beside the "
        "profile file, with the same name",
        "haal de afbeelding weg, of link ernaar: [omschrijving](https://...); een profielfoto zet je naast het "
        "profielbestand, met dezelfde naam",
    ),
    "document.time-limit.one": _entry(
        "reading this file took longer than {seconds:g} second and was stopped",
        "het lezen van dit bestand duurde langer dan {seconds:g} seconde en is gestopt",
    ),
    "document.time-limit": _entry(
        "reading this file took longer than {seconds:g} seconds and was stopped",
        "het lezen van dit bestand duurde langer dan {seconds:g} seconden en is gestopt",
    ),
    "document.time-limit.hint": _entry(
        "the text probably holds a long run of brackets or other Markdown syntax: simplify it",
        "de tekst bevat waarschijnlijk een lange reeks haakjes of andere Markdown-tekens: maak hem eenvoudiger",
    ),
    "period": _entry("{key}: {end} lies before {other}: {start}", "{key}: {end} ligt vóór {other}: {start}"),
    "availability.hours": _entry(
        "{key}.hours_per_week: must be 0 when the status is unavailable",
        "{key}.hours_per_week: moet 0 zijn als de status unavailable is",
    ),
    "organisation.unknown": _entry(
        "organisation: unknown organisation '{value}'", "organisation: onbekende organisatie '{value}'"
    ),
    "organisation.closest": _entry("the closest ids: {ids}", "de id's die er het meest op lijken: {ids}"),
    "organisation.listing": _entry(
        "the ids are listed in content/organisations.yaml", "de id's staan in content/organisations.yaml"
    ),
    "profile.unknown": _entry("{key}: unknown profile '{value}'", "{key}: onbekend profiel '{value}'"),
    "profile.closest": _entry("the closest profiles: {ids}", "de profielen die er het meest op lijken: {ids}"),
    "profile.listing": _entry(
        "use the file name of a profile in content/profiles/, without '.md'",
        "gebruik de bestandsnaam van een profiel in content/profiles/, zonder '.md'",
    ),
    "date.future": _entry(
        "{key}: {value} lies in the future (the build date is {date})",
        "{key}: {value} ligt in de toekomst (de bouwdatum is {date})",
    ),
    "date.future.consent.hint": _entry(
        "write the day on which the member agreed to publication",
        "schrijf de dag waarop het lid toestemming gaf voor publicatie",
    ),
    "date.future.updated.hint": _entry(
        "write the day on which the profile was last checked",
        "schrijf de dag waarop het profiel voor het laatst is nagekeken",
    ),
    "profile.stale": _entry(
        "{key}: this profile was last confirmed on {value}, more than a year before {date}: is it still current?",
        "{key}: dit profiel is voor het laatst bevestigd op {value}, meer dan een jaar vóór {date}: klopt het nog?",
    ),
    "profile.stale.hint": _entry(
        "check the profile, then set 'updated: {date}'", "kijk het profiel na en zet dan 'updated: {date}'"
    ),
    "deadline.passed": _entry(
        "deadline: {value} has passed, but the status is still 'open'",
        "deadline: {value} is voorbij, maar de status is nog 'open'",
    ),
    "deadline.passed.hint": _entry(
        "set 'status: filled' or 'status: withdrawn', or move the deadline",
        "zet 'status: filled' of 'status: withdrawn', of verschuif de deadline",
    ),
    # --- directory.py: across files ----------------------------------------------------------
    "page.reserved": _entry(
        "the page name '{name}' is taken by a section of the site",
        "de paginanaam '{name}' is al in gebruik voor een onderdeel van de site",
    ),
    "page.reserved.hint": _entry(
        "rename the file, for example to 'over-{name}.md'",
        "geef het bestand een andere naam, bijvoorbeeld 'over-{name}.md'",
    ),
    "photo.duplicate": _entry(
        "the profile '{name}' has more than one photo: {names}", "het profiel '{name}' heeft meer dan één foto: {names}"
    ),
    "photo.duplicate.hint": _entry("keep one photo and remove the others", "houd één foto over en haal de andere weg"),
    "photo.without-profile": _entry(
        "the photo '{name}' belongs to no profile", "de foto '{name}' hoort bij geen enkel profiel"
    ),
    "photo.without-profile.rename.hint": _entry(
        "rename it to '{owner}{extension}', after its profile file '{owner}.md'",
        "noem de foto '{owner}{extension}', naar het profielbestand '{owner}.md'",
    ),
    "photo.without-profile.hint": _entry(
        "name it after its profile file: the photo of anna-de-vries.md is anna-de-vries.jpg; or remove it",
        "geef de foto de naam van het profielbestand: de foto bij anna-de-vries.md heet anna-de-vries.jpg; "
        "of haal hem weg",
    ),
    "contact.internal": _entry(
        "contact: the profile '{value}' is internal, but this assignment is public",
        "contact: het profiel '{value}' is intern, maar deze klus is openbaar",
    ),
    "contact.internal.hint": _entry(
        "name a public profile, or move the contact into the 'internal:' block",
        "noem een openbaar profiel, of zet de contactpersoon in het blok 'internal:'",
    ),
    # --- photos.py, images.py ------------------------------------------------------------------
    "photo.export.hint": _entry(
        "export the photo again as JPEG, PNG or WebP", "exporteer de foto opnieuw als JPEG, PNG of WebP"
    ),
    "photo.too-large": _entry(
        "the photo is {width}x{height} pixels; the limit is {limit} million pixels",
        "de foto is {width}x{height} pixels; de grens is {limit} miljoen pixels",
    ),
    "photo.smaller.hint": _entry("make the photo smaller", "maak de foto kleiner"),
    "photo.too-many-pixels": _entry("the photo has too many pixels", "de foto heeft te veel pixels"),
    "photo.not-an-image": _entry(
        "the file is not a JPEG, PNG or WebP image", "het bestand is geen afbeelding in JPEG, PNG of WebP"
    ),
    "photo.damaged": _entry(
        "the photo cannot be read: the file is damaged or incomplete",
        "de foto kan niet worden gelezen: het bestand is beschadigd of onvolledig",
    ),
    "photo.exif": _entry(
        "the photo cannot be processed: its EXIF data is damaged",
        "de foto kan niet worden verwerkt: de EXIF-gegevens zijn beschadigd",
    ),
    # --- codeowners.py -------------------------------------------------------------------------
    "codeowners.outdated": _entry(
        "{file} is out of date with the profiles' maintainers and the coordinators",
        "{file} loopt achter op de beheerders van de profielen en de coördinatoren",
    ),
    "file.missing": _entry("{file} is missing", "{file} ontbreekt"),
    "codeowners.hint": _entry("run `{command}` and commit the file", "voer `{command}` uit en commit het bestand"),
    # --- config.py: sitegen.yaml, organisations.yaml, vocabulary.yaml -----------------------
    "config.base-url": _entry("{key}: '{value}' is not a valid base URL", "{key}: '{value}' is geen geldig basisadres"),
    "config.base-url.hint": _entry(
        "write the site's address with https://, for example https://example.org/netwerk/",
        "schrijf het adres van de site met https://, bijvoorbeeld https://example.org/netwerk/",
    ),
    "config.code-host": _entry(
        "{key}.url: sitegen cannot tell whether '{value}' is on GitHub or on GitLab",
        "{key}.url: sitegen kan niet zien of '{value}' op GitHub of op GitLab staat",
    ),
    "config.code-host.hint": _entry(
        "add a line 'host: gitlab' (or 'host: github') under '{key}:'",
        "voeg onder '{key}:' een regel 'host: gitlab' (of 'host: github') toe",
    ),
    "config.repository": _entry(
        "{key}.url: '{value}' is not the address of a repository: {problem}",
        "{key}.url: '{value}' is geen adres van een repository: {problem}",
    ),
    "config.repository.hint": _entry(
        "copy the address of the repository's front page, for example "
        "https://github.com/netwerk/site or https://gitlab.com/netwerk/site",
        "kopieer het adres van de voorpagina van de repository, bijvoorbeeld "
        "https://github.com/netwerk/site of https://gitlab.com/netwerk/site",
    ),
    "config.theme-name": _entry(
        "{key}: '{value}' is not a valid theme folder name", "{key}: '{value}' is geen geldige naam voor een themamap"
    ),
    "config.slug.hint": _entry(
        "use lower-case letters, digits and hyphens", "gebruik kleine letters, cijfers en streepjes"
    ),
    "config.weights": _entry(
        "{key}: at least one weight must be above 0", "{key}: minstens één gewicht moet groter zijn dan 0"
    ),
    "config.weights.hint": _entry(
        "give skills a weight, for example 'skills: 40', or set 'suggestions: 0' to turn matching off",
        "geef skills een gewicht, bijvoorbeeld 'skills: 40', of zet 'suggestions: 0' om het koppelen uit te zetten",
    ),
    "config.outside": _entry(
        "the file lies outside the site, behind a symbolic link",
        "het bestand ligt buiten de site, achter een symbolische koppeling",
    ),
    "config.missing.hint": _entry(
        "create it with at least 'title:' and 'base_url:'", "maak het aan, met minstens 'title:' en 'base_url:'"
    ),
    "config.theme": _entry("theme: there is no folder themes/{theme}/", "theme: er is geen map themes/{theme}/"),
    "config.theme.hint": _entry(
        "create themes/{theme}/templates/ with the templates to override, or remove the line",
        "maak themes/{theme}/templates/ aan met de sjablonen die je wilt vervangen, of haal de regel weg",
    ),
    "config.organisations.hint": _entry(
        "list the participating organisations there, by id", "zet daarin de deelnemende organisaties, elk met een id"
    ),
    "config.organisation-id": _entry(
        "'{value}' is not a valid organisation id", "'{value}' is geen geldige organisatie-id"
    ),
    "config.organisation-id.hint": _entry(
        "use lower-case letters, digits and hyphens, for example '{example}'",
        "gebruik kleine letters, cijfers en streepjes, bijvoorbeeld '{example}'",
    ),
    "config.organisation-id.long": _entry(
        "the organisation id '{value}...' is {count} characters; the limit is {limit}",
        "de organisatie-id '{value}...' is {count} tekens lang; de grens is {limit}",
    ),
    "config.organisation-id.long.hint": _entry(
        "use a shorter id, such as the organisation's name in lower case with hyphens",
        "gebruik een kortere id, zoals de naam van de organisatie in kleine letters met streepjes",
    ),
    "config.ambiguous": _entry(
        "{kind}: '{word}' of '{term}' is also a term or alias of '{owner}'",
        "{kind}: '{word}' van '{term}' is ook een term of alias van '{owner}'",
    ),
    "config.ambiguous.hint": _entry("a word may belong to one term only", "een woord mag maar bij één term horen"),
    # --- The command line: the summary of a check, the site folder, the cache ----------------
    "summary": _entry(
        "{files} checked: {errors} in {broken}, {warnings}", "{files} gecontroleerd: {errors} in {broken}, {warnings}"
    ),
    "count.file.one": _entry("{count} file", "{count} bestand"),
    "count.file": _entry("{count} files", "{count} bestanden"),
    "count.error.one": _entry("{count} error", "{count} fout"),
    "count.error": _entry("{count} errors", "{count} fouten"),
    "count.warning.one": _entry("{count} warning", "{count} waarschuwing"),
    "count.warning": _entry("{count} warnings", "{count} waarschuwingen"),
    "count.entry.one": _entry("{count} damaged or altered entry", "{count} beschadigd of gewijzigd gegeven"),
    "count.entry": _entry("{count} damaged or altered entries", "{count} beschadigde of gewijzigde gegevens"),
    "cli.no-site": _entry("the site folder '{site}' does not exist", "de map van de site '{site}' bestaat niet"),
    "cli.not-published": _entry(
        "not published: fix the {problems} above; {target} is unchanged",
        "niet gepubliceerd: los eerst de {problems} hierboven op; {target} is niet veranderd",
    ),
    "cli.no-schemas": _entry(
        "no schemas written: fix the errors above", "geen schema's geschreven: los eerst de fouten hierboven op"
    ),
    "cli.problems.errors": _entry("errors", "fouten"),
    "cli.problems.warnings": _entry("warnings (--strict)", "waarschuwingen (--strict)"),
    "cli.published-without.one": _entry(
        "published without {count} broken file: {names}", "gepubliceerd zonder {count} kapot bestand: {names}"
    ),
    "cli.published-without": _entry(
        "published without {count} broken files: {names}", "gepubliceerd zonder {count} kapotte bestanden: {names}"
    ),
    "cache.inside": _entry(
        "the cache folder '{folder}' is inside the site folder, where a change could put entries "
        "that would be trusted: choose a folder outside it (or, in a git checkout, one that git tracks nothing of)",
        "de cachemap '{folder}' ligt in de map van de site, waar een wijziging gegevens kan neerzetten "
        "die sitegen zou vertrouwen: kies een map buiten de site (of, in een git-checkout, een map waarvan git "
        "niets bijhoudt)",
    ),
    "cache.tracked": _entry(
        "the cache folder '{folder}' is inside the site folder and git tracks files in it, which a "
        "change could have put there to be trusted: remove them from the repository "
        "(git rm -r --cached) and list the folder in .gitignore, or choose a folder outside the site",
        "de cachemap '{folder}' ligt in de map van de site en git houdt er bestanden in bij, die een "
        "wijziging daar kan hebben neergezet om vertrouwd te worden: haal ze uit de repository "
        "(git rm -r --cached) en zet de map in .gitignore, of kies een map buiten de site",
    ),
    "cache.foreign": _entry(
        "the cache '{where}' is not a sitegen cache of this format ({reason}): ignored",
        "de cache '{where}' is geen cache van sitegen in deze vorm ({reason}): hij wordt genegeerd",
    ),
    "cache.not-utf8": _entry("it is not UTF-8 text", "het is geen UTF-8-tekst"),
    "cache.no-header": _entry(
        "its first line is not the header of this format", "de eerste regel is niet de kop van deze vorm"
    ),
    "cache.damaged": _entry(
        "the cache '{where}' has {entries}, ignored", "de cache '{where}' wordt deels genegeerd: {entries}"
    ),
    "cache.damaged.files": _entry(
        "the cache '{where}' has {entries}, ignored: {names} read again",
        "de cache '{where}' wordt deels genegeerd: {entries}; opnieuw gelezen: {names}",
    ),
    "cache.unwritable": _entry(
        "the cache '{where}' could not be written ({reason}); the check is not affected",
        "de cache '{where}' kon niet worden geschreven ({reason}); de controle is daardoor niet anders",
    ),
    # --- carry.py: the previous output's manifest ------------------------------------------
    "carry.unreadable": _entry(
        "the manifest of the previous output '{where}' could not be read ({reason}): every file is made again",
        "het overzicht van de vorige uitvoer '{where}' kon niet worden gelezen ({reason}): elk bestand wordt "
        "opnieuw gemaakt",
    ),
    "carry.foreign": _entry(
        "the manifest of the previous output '{where}' is not one to trust ({reason}): ignored, every file is "
        "made again",
        "het overzicht van de vorige uitvoer '{where}' is niet te vertrouwen ({reason}): het wordt genegeerd en "
        "elk bestand wordt opnieuw gemaakt",
    ),
    "carry.unwritable": _entry(
        "the manifest of the output '{where}' could not be written ({reason}); the site is published, the next "
        "build makes every file again",
        "het overzicht van de uitvoer '{where}' kon niet worden geschreven ({reason}); de site is gepubliceerd, "
        "de volgende bouw maakt elk bestand opnieuw",
    ),
    "carry.carried": _entry(
        "{carried} of {files} files carried over unchanged from the previous output",
        "{carried} van de {files} bestanden ongewijzigd overgenomen uit de vorige uitvoer",
    ),
    # --- serve.py: the preview's own lines --------------------------------------------------
    "serve.building": _entry(
        "building a preview of {site} as of {date} ({audience}) in {scratch}",
        "een voorbeeld van {site} bouwen, met als datum {date} ({audience}), in {scratch}",
    ),
    "serve.audience.public": _entry("the public site", "de openbare site"),
    "serve.audience.internal": _entry("the internal site", "de interne site"),
    "serve.built": _entry("built in {seconds:.2f} s: {files}", "gebouwd in {seconds:.2f} s: {files}"),
    "serve.not-rebuilt": _entry(
        "not rebuilt: fix the errors above ({kept}); watching for changes",
        "niet opnieuw gebouwd: los de fouten hierboven op ({kept}); wachten op je volgende wijziging",
    ),
    "serve.kept": _entry("the preview shows the last good build", "het voorbeeld laat de laatste goede versie zien"),
    "serve.nothing-yet": _entry("nothing to show yet", "er is nog niets te zien"),
    "serve.serving": _entry(
        "serving the preview at {address} (Ctrl-C stops it); watching {watched}",
        "het voorbeeld staat op {address} (Ctrl-C stopt het); wachten op wijzigingen in {watched}",
    ),
    "serve.changed": _entry("changed: {names}; rebuilding", "gewijzigd: {names}; opnieuw bouwen"),
    "serve.more": _entry("{names} and {count} more", "{names} en nog {count}"),
    "serve.stopped": _entry("preview stopped", "voorbeeld gestopt"),
    "serve.exposed": _entry(
        "--host {host}: the preview is reachable by others on the network, internal content included "
        "when --audience internal; use it only on a network you trust",
        "--host {host}: anderen op het netwerk kunnen het voorbeeld zien, met --audience internal ook de "
        "interne gegevens; gebruik dit alleen op een netwerk dat je vertrouwt",
    ),
    "serve.port-in-use": _entry(
        "--port {port}: the port is in use on {host} (another preview, perhaps); choose another with "
        "--port N, or --port 0 for any free port",
        "--port {port}: deze poort is al in gebruik op {host} (door een ander voorbeeld misschien); kies een "
        "andere met --port N, of --port 0 voor een willekeurige vrije poort",
    ),
    "serve.port-denied": _entry(
        "--port {port}: not allowed to use this port; ports below 1024 need privileges, try --port 8000",
        "--port {port}: deze poort mag je niet gebruiken; poorten onder 1024 vragen extra rechten, probeer --port 8000",
    ),
    "serve.no-address": _entry(
        "--host {host}: this machine has no such address; leave --host out to use {local}",
        "--host {host}: deze computer heeft dat adres niet; laat --host weg om {local} te gebruiken",
    ),
    "serve.cannot": _entry("cannot serve on {host}:{port}: {reason}", "kan niet serveren op {host}:{port}: {reason}"),
    # --- config.py: networks: in sitegen.yaml --------------------------------------------------
    "network.both": _entry("{key}: has both 'url' and 'path'", "{key}: heeft zowel 'url' als 'path'"),
    "network.both.hint": _entry(
        "keep one: 'url' for a site, 'path' for a folder", "houd er één over: 'url' voor een site, 'path' voor een map"
    ),
    "network.neither": _entry(
        "{key}: needs 'url' (the network's site address) or 'path' (a folder of its built site)",
        "{key}: hier hoort 'url' (het adres van de site van het netwerk) of 'path' (een map met de gebouwde site)",
    ),
    "network.neither.hint": _entry(
        "for example 'url: https://noord.example.nl/'", "bijvoorbeeld 'url: https://noord.example.nl/'"
    ),
    "network.duplicate": _entry(
        "networks[{position}].name: '{name}' is the name of networks[{other}] too",
        "networks[{position}].name: '{name}' is ook de naam van networks[{other}]",
    ),
    "network.duplicate.hint": _entry("give each network a name of its own", "geef elk netwerk een eigen naam"),
    # --- federation.py, fetch.py: importing other networks -----------------------------------
    "noun.profiles": _entry("profiles", "profielen"),
    "noun.assignments": _entry("assignments", "klussen"),
    "count.day.one": _entry("{count} day", "{count} dag"),
    "count.day": _entry("{count} days", "{count} dagen"),
    "network.old-copy": _entry(
        "networks: '{network}': the copy of its {kind} that is used was fetched {age} ago, more than its "
        "max_age of {max_age}",
        "networks: '{network}': de kopie van de {kind} van dit netwerk die wordt gebruikt, is {age} geleden "
        "opgehaald, langer dan de max_age van {max_age}",
    ),
    "network.old-copy.hint": _entry(
        "until the network answers again, people who left it or withdrew their consent there are still "
        "shown here; remove a network that is gone for good from networks:",
        "tot het netwerk weer antwoordt, staan mensen die daar zijn vertrokken of hun toestemming hebben "
        "ingetrokken hier nog; haal een netwerk dat voorgoed weg is uit networks:",
    ),
    "network.rest.one": _entry(
        "networks: '{network}': the rest: {rest} more item is left out ({total} in all), not listed one by one",
        "networks: '{network}': de rest: nog {rest} item weggelaten ({total} in totaal), niet elk apart genoemd",
    ),
    "network.rest": _entry(
        "networks: '{network}': the rest: {rest} more items are left out ({total} in all), not listed one by one",
        "networks: '{network}': de rest: nog {rest} items weggelaten ({total} in totaal), niet elk apart genoemd",
    ),
    "network.unreachable": _entry(
        "{where} could not be fetched: {reason}", "{where} kon niet worden opgehaald: {reason}"
    ),
    "network.invalid": _entry("{where} is not a valid export: {reason}", "{where} is geen geldige export: {reason}"),
    "network.not-cached": _entry(
        "networks: '{network}': the cache has no copy of its {kind} to build with --offline",
        "networks: '{network}': de cache heeft geen kopie van de {kind} van dit netwerk, en met --offline wordt "
        "er niets opgehaald",
    ),
    "network.not-cached.hint": _entry(
        "build once without --offline, so that the cache gets a copy",
        "bouw de site één keer zonder --offline, zodat de cache een kopie krijgt",
    ),
    "network.cached": _entry(
        "networks: '{network}': {problem}; its last good copy in the cache is used",
        "networks: '{network}': {problem}; de laatste goede kopie uit de cache wordt gebruikt",
    ),
    "network.cached.hint": _entry(
        "the site is built with that copy; tell the network's coordinators if this lasts",
        "de site wordt met die kopie gebouwd; blijft dit zo, laat het dan de coördinatoren van dat netwerk weten",
    ),
    "network.no-copy": _entry(
        "networks: '{network}': {problem}, and the cache has no copy of it",
        "networks: '{network}': {problem}, en de cache heeft er geen kopie van",
    ),
    "network.no-copy.hint": _entry(
        "check the network's url or path; once a build has a copy, a network that is down only warns",
        "controleer de url of het path van het netwerk; zodra een build een kopie heeft, geeft een netwerk dat "
        "onbereikbaar is alleen een waarschuwing",
    ),
    "network.item": _entry("networks: '{network}': {item}: {problem}", "networks: '{network}': {item}: {problem}"),
    "network.item.off-site": _entry("its url '{url}' is not on {site}", "de url '{url}' ligt niet op {site}"),
    "network.item.twice": _entry(
        "the id is given twice; the first is imported", "de id staat er twee keer in; de eerste wordt geïmporteerd"
    ),
    "network.item.hint": _entry(
        "that item is left out, the rest is imported; tell the network's coordinators",
        "dat item wordt overgeslagen, de rest wordt geïmporteerd; laat het de coördinatoren van dat netwerk weten",
    ),
    "export.not-utf8": _entry("it is not UTF-8", "het is geen UTF-8"),
    "export.not-json": _entry(
        "it is not JSON (line {line}, column {column}: {problem})",
        "het is geen JSON (regel {line}, kolom {column}: {problem})",
    ),
    "export.too-deep": _entry(
        "it is not JSON that can be read (nested too deeply)", "het is geen leesbare JSON (te diep genest)"
    ),
    # jsonschema's own words stay English in every language.
    "export.complaint": _entry("{where}: {problem}", "{where}: {problem}"),
    "export.top-level": _entry("the top level", "het hoogste niveau"),
    "fetch.no-file": _entry("there is no file {path}", "het bestand {path} bestaat niet"),
    "fetch.file-error": _entry("{path}: {reason}", "{path}: {reason}"),
    "fetch.too-large": _entry("it is larger than the limit of {limit}", "het is groter dan de grens van {limit}"),
    "fetch.timeout": _entry("it took longer than {seconds:g} s", "het duurde langer dan {seconds:g} s"),
    "fetch.status": _entry("the server answered {status} {reason}", "de server antwoordde {status} {reason}"),
    # Words from elsewhere, as they are: the system's (an OS or network error), or a test's.
    "verbatim": _entry("{text}", "{text}"),
    # --- ownership.py: who may change which file (check --changed-by) -------------------------
    "owner.coordinators-only": _entry(
        "{author} may not change this file: only a coordinator may change {what}",
        "{author} mag dit bestand niet wijzigen: alleen een coördinator mag {what} wijzigen",
    ),
    "owner.what.config": _entry("the site's settings", "de instellingen van de site"),
    "owner.what.theme": _entry("the theme", "het thema"),
    "owner.what.pages": _entry("the site's pages", "de pagina's van de site"),
    "owner.what.other": _entry(
        "files outside the members' content (profiles, assignments, organisations, vocabulary)",
        "bestanden buiten de inhoud van de leden (profielen, klussen, organisaties, vocabulaire)",
    ),
    "owner.no-coordinators": _entry(
        "sitegen.yaml lists no coordinators yet: a coordinator adds 'coordinators:' there first",
        "in sitegen.yaml staan nog geen coördinatoren: een coördinator zet daar eerst 'coordinators:'",
    ),
    "owner.ask": _entry("ask a coordinator ({names}) {purpose}", "vraag een coördinator ({names}) {purpose}"),
    "owner.purpose.change": _entry("to make this change", "om deze wijziging te doen"),
    "owner.purpose.add": _entry(
        "to make this change, or to add you to 'maintainers' of {profile} first, in a change of its own",
        "om deze wijziging te doen, of om je eerst bij 'maintainers' van {profile} te zetten, in een aparte wijziging",
    ),
    "owner.unreadable": _entry(
        "{author} may not change this profile: it could not be read on {base}, so only a coordinator may change it",
        "{author} mag dit profiel niet wijzigen: het kon op {base} niet worden gelezen, dus alleen een coördinator "
        "mag het wijzigen",
    ),
    "owner.no-maintainers": _entry(
        "{author} may not change this profile: it lists no maintainers, so only a coordinator may change it",
        "{author} mag dit profiel niet wijzigen: er staan geen beheerders in, dus alleen een coördinator mag het "
        "wijzigen",
    ),
    "owner.listed": _entry(
        "the maintainers listed on line {line} ({names})", "de beheerders op regel {line} ({names})"
    ),
    "owner.listed.coordinators": _entry(
        "the maintainers listed on line {line} ({names}) or a coordinator ({coordinators})",
        "de beheerders op regel {line} ({names}) of een coördinator ({coordinators})",
    ),
    "owner.not-yet": _entry(
        "{author} is not a maintainer of this profile yet: adding yourself to 'maintainers' counts "
        "only once that change is merged",
        "{author} is nog geen beheerder van dit profiel: jezelf bij 'maintainers' zetten telt pas "
        "als die wijziging is samengevoegd",
    ),
    "owner.not-yet.hint": _entry(
        "first ask one of {listed} to add you, in a change of its own; then make this change",
        "vraag eerst een van {listed} om je toe te voegen, in een aparte wijziging; doe daarna deze wijziging",
    ),
    "owner.maintainers-only": _entry(
        "{author} may not change this profile: only its maintainers may ({names})",
        "{author} mag dit profiel niet wijzigen: alleen de beheerders mogen dat ({names})",
    ),
    "owner.maintainers-only.hint": _entry(
        "ask one of {listed} to make this change, or to add you to 'maintainers' first, in a change of its own",
        "vraag een van {listed} om deze wijziging te doen, of om je eerst bij 'maintainers' te zetten, "
        "in een aparte wijziging",
    ),
    "owner.no-profile": _entry(
        "this file belongs to the profile {profile}, which does not exist",
        "dit bestand hoort bij het profiel {profile}, dat niet bestaat",
    ),
    "owner.no-profile.hint": _entry(
        "add {profile} with '{author}' under 'maintainers', or remove this file",
        "voeg {profile} toe met '{author}' onder 'maintainers', of haal dit bestand weg",
    ),
    "owner.add.hint": _entry("add '- {author}' under 'maintainers:'", "zet '- {author}' onder 'maintainers:'"),
    "owner.add-lines.hint": _entry(
        "add the lines 'maintainers:' and '  - {author}' before the closing '---'",
        "zet de regels 'maintainers:' en '  - {author}' vóór de afsluitende '---'",
    ),
    "owner.new-profile": _entry(
        "a new profile must list its author under 'maintainers': {author} is missing",
        "een nieuw profiel moet de schrijver onder 'maintainers' noemen: {author} ontbreekt",
    ),
}
