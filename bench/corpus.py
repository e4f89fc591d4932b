#!/usr/bin/env python3
"""The standard synthetic directory for every benchmark: deterministic, Dutch, network-sized.

    python bench/corpus.py --profiles 10000 --assignments 2000 --out /tmp/corpus
    sitegen build /tmp/corpus --date 2026-06-01

Writes a whole site in the content format of docs/content-format.md: `sitegen.yaml`, 64
organisations (municipalities, provinces, water boards), optionally a vocabulary, three free
pages, profiles with a photo for every twentieth, and assignments. Dates are spread around the
reference date (`--date`, default 2026-06-01), so that a build as of that day has about half of
the assignments open, some scheduled and some closed, and a share of profiles stale.

What it is made to resemble (what the benchmarks depend on): 27 fields of work and 128 skills
drawn uniformly, 1-3 fields and 3-8 skills a profile, 1-2
fields and 2-6 skills an assignment; bodies of 150-400 words (profiles) and 100-300 words
(assignments) of Dutch-looking text with a Zipf-like word distribution over about 4,000
content words, accented words among them, headings, lists and links; `--internal-share` of
the records internal or with an `internal:` block. The same arguments give byte-identical
files: no clock, no hash order, one seeded random generator.
"""

from __future__ import annotations

import argparse
import bisect
import datetime as dt
import itertools
import random
import shutil
import struct
import sys
import zlib
from pathlib import Path
from typing import Any

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from sitegen.terms import slugify

PROVINCES = (
    "Groningen",
    "Fryslân",
    "Drenthe",
    "Overijssel",
    "Flevoland",
    "Gelderland",
    "Utrecht",
    "Noord-Holland",
    "Zuid-Holland",
    "Zeeland",
    "Noord-Brabant",
    "Limburg",
)
MUNICIPALITIES = (
    ("Amsterdam", "Noord-Holland"),
    ("Rotterdam", "Zuid-Holland"),
    ("Den Haag", "Zuid-Holland"),
    ("Utrecht", "Utrecht"),
    ("Eindhoven", "Noord-Brabant"),
    ("Groningen", "Groningen"),
    ("Tilburg", "Noord-Brabant"),
    ("Almere", "Flevoland"),
    ("Breda", "Noord-Brabant"),
    ("Nijmegen", "Gelderland"),
    ("Apeldoorn", "Gelderland"),
    ("Arnhem", "Gelderland"),
    ("Haarlem", "Noord-Holland"),
    ("Enschede", "Overijssel"),
    ("Amersfoort", "Utrecht"),
    ("Zaanstad", "Noord-Holland"),
    ("'s-Hertogenbosch", "Noord-Brabant"),
    ("Zwolle", "Overijssel"),
    ("Leiden", "Zuid-Holland"),
    ("Maastricht", "Limburg"),
    ("Dordrecht", "Zuid-Holland"),
    ("Ede", "Gelderland"),
    ("Leeuwarden", "Fryslân"),
    ("Alkmaar", "Noord-Holland"),
    ("Emmen", "Drenthe"),
    ("Delft", "Zuid-Holland"),
    ("Venlo", "Limburg"),
    ("Deventer", "Overijssel"),
    ("Helmond", "Noord-Brabant"),
    ("Oss", "Noord-Brabant"),
    ("Hilversum", "Noord-Holland"),
    ("Heerlen", "Limburg"),
    ("Súdwest-Fryslân", "Fryslân"),
    ("Assen", "Drenthe"),
    ("Middelburg", "Zeeland"),
    ("Lelystad", "Flevoland"),
)
WATER_BOARDS = (
    ("Waterschap Aa en Maas", "Noord-Brabant"),
    ("Waterschap De Dommel", "Noord-Brabant"),
    ("Waterschap Brabantse Delta", "Noord-Brabant"),
    ("Waterschap Rijn en IJssel", "Gelderland"),
    ("Waterschap Vallei en Veluwe", "Gelderland"),
    ("Waterschap Rivierenland", "Gelderland"),
    ("Waterschap Limburg", "Limburg"),
    ("Waterschap Zuiderzeeland", "Flevoland"),
    ("Waterschap Vechtstromen", "Overijssel"),
    ("Waterschap Hunze en Aa's", "Drenthe"),
    ("Wetterskip Fryslân", "Fryslân"),
    ("Waterschap Scheldestromen", "Zeeland"),
    ("Hoogheemraadschap van Rijnland", "Zuid-Holland"),
    ("Hoogheemraadschap van Delfland", "Zuid-Holland"),
    ("Hoogheemraadschap Hollands Noorderkwartier", "Noord-Holland"),
    ("Hoogheemraadschap De Stichtse Rijnlanden", "Utrecht"),
)

FIELDS = (
    "Omgevingswet",
    "Ruimtelijke ordening",
    "Sociaal domein",
    "Jeugdzorg",
    "Wmo en zorg",
    "Werk en inkomen",
    "Onderwijs",
    "Financiën",
    "Planning en control",
    "Inkoop en aanbesteding",
    "Informatievoorziening",
    "Digitalisering",
    "Informatiebeveiliging",
    "Privacy en AVG",
    "Communicatie",
    "Participatie",
    "Energietransitie",
    "Klimaatadaptatie",
    "Waterbeheer",
    "Mobiliteit",
    "Wonen",
    "Openbare orde en veiligheid",
    "Vergunningverlening, toezicht en handhaving",
    "Economische zaken",
    "Cultuur en erfgoed",
    "Personeel en organisatie",
    "Juridische zaken",
)
SKILL_ROOTS = (
    "procesbegeleiding",
    "projectleiding",
    "programmamanagement",
    "verandermanagement",
    "beleidsadvies",
    "bestuursadvies",
    "strategisch advies",
    "onderhandelen",
    "facilitering",
    "mediation",
    "coaching",
    "interim-management",
    "kwartiermaken",
    "stakeholdermanagement",
    "netwerken",
    "verbinden",
    "schrijven",
    "presenteren",
    "data-analyse",
    "datavisualisatie",
    "onderzoek",
    "evaluatie",
    "contractmanagement",
    "aanbesteden",
    "risicomanagement",
    "financieel advies",
    "begroten",
    "juridisch advies",
    "bezwaar en beroep",
    "wetgeving",
    "privacy",
    "informatiebeheer",
    "archivering",
    "agile werken",
    "scrum",
    "lean",
    "procesoptimalisatie",
    "klantreizen",
    "design thinking",
    "burgerparticipatie",
    "communicatieadvies",
    "woordvoering",
    "crisiscommunicatie",
    "social media",
    "gebiedsontwikkeling",
    "grondzaken",
    "vastgoed",
    "planologie",
    "stedenbouw",
    "landschap",
    "natuurbeleid",
    "stikstof",
    "bodem",
    "geluid",
    "luchtkwaliteit",
    "riolering",
    "dijkversterking",
    "peilbeheer",
    "warmtetransitie",
    "zonne-energie",
    "windenergie",
    "mobiliteitsbeleid",
    "fietsbeleid",
    "verkeerskunde",
    "openbaar vervoer",
    "huisvesting",
    "woningbouw",
    "jeugdbeleid",
    "armoedebeleid",
    "schuldhulpverlening",
    "re-integratie",
    "inburgering",
    "onderwijshuisvesting",
    "sportbeleid",
    "cultuurbeleid",
    "erfgoedzorg",
    "toezicht",
    "handhaving",
    "vergunningverlening",
    "ondermijning",
    "integriteit",
    "HR-advies",
    "recruitment",
    "leiderschap",
    "teamontwikkeling",
    "opleiden",
    "informatiebeveiliging",
    "architectuur",
    "applicatiebeheer",
    "GIS",
    "Python",
    "Power BI",
    "Excel",
    "subsidies",
    "fondsenwerving",
    "Europese subsidies",
    "lobby",
    "raadsvoorstellen",
    "bestuurlijke sensitiviteit",
    "politieke sensitiviteit",
    "omgevingsmanagement",
    "samenwerken",
    "co-creatie",
    "ketensamenwerking",
    "regionale samenwerking",
    "accountmanagement",
    "dienstverlening",
    "klachtbehandeling",
    "kwaliteitszorg",
    "audit",
    "control",
    "planning",
    "roostering",
    "secretariaat",
    "notuleren",
    "vergadertechniek",
    "training geven",
    "intervisie",
    "moderatie",
    "Engels",
    "Duits",
    "toegankelijkheid",
    "digitale inclusie",
    "innovatie",
    "experimenteren",
    "visievorming",
)
ROLES = (
    "beleidsadviseur",
    "senior beleidsadviseur",
    "projectleider",
    "programmamanager",
    "adviseur",
    "strategisch adviseur",
    "teamleider",
    "afdelingshoofd",
    "jurist",
    "controller",
    "business controller",
    "inkoper",
    "communicatieadviseur",
    "informatieadviseur",
    "data-analist",
    "privacy officer",
    "omgevingsmanager",
    "gebiedsregisseur",
    "accountmanager",
    "HR-adviseur",
    "bestuursadviseur",
    "secretaris",
    "coördinator",
    "kwartiermaker",
    "procesmanager",
    "toezichthouder",
    "handhaver",
    "vergunningverlener",
    "planoloog",
    "stedenbouwkundige",
    "ecoloog",
    "hydroloog",
    "verkeerskundige",
    "jeugdconsulent",
    "klantmanager",
    "wijkregisseur",
    "consulent",
    "onderzoeker",
    "architect",
    "functioneel beheerder",
)
FIRST_NAMES = (
    "Anna",
    "Bram",
    "Carla",
    "Daan",
    "Eva",
    "Fleur",
    "Gijs",
    "Hanna",
    "Iris",
    "Jeroen",
    "Karin",
    "Lars",
    "Maria",
    "Niels",
    "Olga",
    "Pieter",
    "Quinten",
    "Rosa",
    "Sander",
    "Tessa",
    "Umut",
    "Vera",
    "Willem",
    "Xander",
    "Yara",
    "Zoë",
    "Ahmed",
    "Fatima",
    "Mohamed",
    "Noor",
    "Youssef",
    "Ayşe",
    "Emre",
    "Mehmet",
    "Sanne",
    "Lotte",
    "Thijs",
    "Ruben",
    "Jasper",
    "Femke",
    "Maaike",
    "Joost",
    "Marloes",
    "Wouter",
    "Ingrid",
    "Hendrik",
    "Geert",
    "Wilma",
    "Annelies",
    "Bart",
    "Chantal",
    "Dirk",
    "Esther",
    "Frank",
    "Gerda",
    "Hans",
    "Inge",
    "Jan",
    "Kees",
    "Linda",
    "Marco",
    "Nicole",
    "Otto",
    "Petra",
    "Rik",
    "Sylvia",
    "Theo",
    "Ursula",
    "Vincent",
    "Wendy",
    "José",
    "Zeynep",
    "Chloë",
    "Noëlle",
    "Jiří",
    "Björn",
    "Søren",
    "Łukasz",
    "Siobhán",
    "Raphaël",
)
INFIXES = ("", "", "", "", "", "van", "de", "van der", "van den", "van de", "den", "ter", "'t")
LAST_NAMES = (
    "Jansen",
    "de Vries",
    "Bakker",
    "Visser",
    "Smit",
    "Meijer",
    "Mulder",
    "Bos",
    "Vos",
    "Peters",
    "Hendriks",
    "Dekker",
    "Brouwer",
    "Dijkstra",
    "Smits",
    "de Graaf",
    "Kok",
    "Verhoeven",
    "Jacobs",
    "Vermeulen",
    "Schouten",
    "Willems",
    "Hoekstra",
    "Koster",
    "Prins",
    "Postma",
    "Kuipers",
    "Huisman",
    "Wijnands",
    "Yılmaz",  # noqa: RUF001 - a Turkish name, dotless i and all
    "Kaya",
    "El Amrani",
    "Bouzid",
    "Nguyen",
    "Öztürk",
    "Çelik",
    "Ramdin",
    "Sewtahal",
    "Biharie",
    "Wolters",
    "Groen",
    "Boer",
    "Berg",
    "Dam",
    "Bosch",
    "Heuvel",
    "Linden",
    "Meer",
    "Wal",
    "Hoek",
    "Leeuwen",
    "Sluis",
    "Veen",
    "Zanten",
    "Haan",
    "Brink",
    "Kamp",
    "Horst",
)
# Content words: common Dutch civil-service words, accented words (which the tokenizer must keep),
# compounds (most of the vocabulary, as in real Dutch text) and made-up place-like names.
COMMON = (
    "beleid gemeente inwoners samenwerking ontwikkeling project ervaring organisatie advies opgave bestuur "
    "college raad wethouder ambtenaren medewerkers team afdeling partners netwerk regio provincie waterschap "
    "uitvoering kwaliteit resultaat doelen visie strategie aanpak proces planning budget middelen subsidie "
    "begroting onderzoek analyse data informatie dienstverlening burgers ondernemers wijk buurt dorp stad "
    "gebied natuur water dijk rivier bodem klimaat energie warmte woning huurders bouw mobiliteit verkeer "
    "fiets veiligheid toezicht vergunning besluit bezwaar procedure zorg jeugd ouderen onderwijs cultuur "
    "sport erfgoed werk inkomen armoede schulden participatie communicatie gesprek dialoog overleg voorstel "
    "nota rapport training opleiding leiderschap verandering transitie innovatie pilot programma contract "
    "inkoop risico kans uitdaging oplossing keuze belang waarde impact evaluatie adviseren ontwikkelen "
    "begeleiden verbinden organiseren analyseren schrijven onderhandelen realiseren verbeteren ondersteunen "
    "sturen sociaal ruimtelijk duurzaam financieel juridisch bestuurlijk strategisch integraal complex "
    "maatschappelijk digitaal regionaal lokaal landelijk praktisch creatief betrokken pragmatisch open "
    "zorgvuldig helder concreet ervaren senior zelfstandig gedreven collega opdrachtgever kennis kwaliteiten "
    "vak rol taak opdracht klus vertrouwen ruimte energie plezier inzet"
).split()
ACCENTED = (
    "financiële coöperatie ideeën privé één café reünie geïnteresseerd geëvalueerd creëren "
    "coördinatie coördinator financiën geïntegreerd efficiënt patiënten cliënten beëindigen "
    "enquête crèche comité überhaupt naïef"
).split()
PREFIXES = (
    "omgevings bestemmings water wijk zorg jeugd energie klimaat verkeers woning grond bouw milieu "
    "natuur subsidie informatie data bestuurs raads participatie veiligheids vergunnings beleids "
    "project programma keten gebieds regio stads dorps inkoop contract risico kwaliteits begrotings "
    "personeels onderwijs cultuur sport afval dijk peil bodem geluid stikstof warmte fiets parkeer "
    "mantelzorg schuld armoede huisvestings transitie samenwerkings klant archief privacy crisis"
).split()
HEADS = (
    "plan beleid visie vergunning opgave aanpak regeling traject advies kader programma strategie beheer "
    "toezicht analyse onderzoek overleg team netwerk proces project fonds register loket dossier agenda "
    "nota verordening besluit procedure systeem model monitor rapportage begroting contract partner "
    "regisseur adviseur expertise akkoord convenant ambitie doelen maatregelen planning protocol "
    "richtlijn toets scan"
).split()
FUNCTION_WORDS = (
    "de het een en van in op met voor aan is zijn wordt die dat als ook om te bij naar door over "
    "tot uit of maar niet meer zo dan nog wel al heeft hebben kan worden deze onze mijn wij we "
    "er waar zodat omdat binnen tussen onder samen vooral daarbij bovendien alle veel andere "
    "eigen nieuwe goede"
).split()
STARTERS = (
    "Ik",
    "In",
    "Als",
    "Binnen",
    "Bij",
    "Sinds",
    "Vanuit",
    "Daarnaast",
    "Samen met",
    "Mijn",
    "Onze",
    "De",
    "Het",
    "Voor",
    "Tijdens",
    "Met",
    "Door",
    "Wij",
    "Dit",
    "Juist",
)
SYLLABLES = (
    "ber",
    "dam",
    "veen",
    "hoven",
    "wijk",
    "broek",
    "horst",
    "dijk",
    "burg",
    "loo",
    "zijl",
    "kerk",
    "sum",
    "meer",
    "beek",
    "zand",
    "stein",
    "ter",
    "mol",
    "wes",
    "oost",
    "lan",
    "gra",
    "hui",
)
ENGAGEMENTS = ("detachering", "publiek-tarief", "belangeloos", "zelfstandig")
LANGUAGES = (
    ("nl", 1.0),
    ("en", 0.8),
    ("de", 0.25),
    ("fr", 0.15),
    ("es", 0.06),
    ("fy", 0.05),
    ("ar", 0.04),
    ("tr", 0.04),
    ("pl", 0.02),
)
PAGES = (("over", "Over dit netwerk", 1), ("toegankelijkheid", "Toegankelijkheid", 2), ("privacy", "Privacy", 3))


def organisations() -> list[tuple[str, str, str, str]]:
    """(id, name, type, region) of 36 municipalities, the 12 provinces and 16 water boards."""
    found = [(f"Gemeente {town}", "gemeente", region) for town, region in MUNICIPALITIES]
    found += [(f"Provincie {province}", "provincie", province) for province in PROVINCES]
    found += [(name, "waterschap", region) for name, region in WATER_BOARDS]
    return [(slugify(name), name, kind, region) for name, kind, region in found]


class Words:
    """Content words drawn with a Zipf-Mandelbrot distribution: a few very often, most rarely."""

    def __init__(self, rng: random.Random) -> None:
        compounds = [prefix + head for prefix in PREFIXES for head in HEADS]
        rng.shuffle(compounds)
        places = {"".join(rng.choice(SYLLABLES) for _ in range(rng.choice((2, 3)))) for _ in range(900)}
        common = [*COMMON, *ACCENTED]
        rng.shuffle(common)
        rare = [*compounds[:2600], *sorted(places)]
        rng.shuffle(rare)
        self.words = list(dict.fromkeys([*common, *rare]))
        weights = [1.0 / (rank + 25) ** 1.05 for rank in range(1, len(self.words) + 1)]
        self.cumulative = list(itertools.accumulate(weights))

    def draw(self, rng: random.Random) -> str:
        return self.words[bisect.bisect_left(self.cumulative, rng.random() * self.cumulative[-1])]


class Corpus:
    def __init__(self, seed: int, reference: dt.date, internal_share: float) -> None:
        self.rng = random.Random(seed)
        self.words = Words(random.Random(seed * 7919 + 1))
        self.reference = reference
        self.internal_share = internal_share
        self.organisations = organisations()
        self.skills = list(SKILL_ROOTS)
        self.used_slugs: dict[str, int] = {}
        self.public_profiles: list[str] = []

    def slug(self, text: str) -> str:
        base = slugify(text)
        count = self.used_slugs[base] = self.used_slugs.get(base, 0) + 1
        return base if count == 1 else f"{base}-{count}"

    def pick_skills(self, count: int) -> list[str]:
        return self.rng.sample(self.skills, count)

    def days(self, low: int, high: int) -> dt.date:
        return self.reference + dt.timedelta(days=self.rng.randint(low, high))

    # Prose ----------------------------------------------------------------------------------

    def sentence(self, region: str) -> str:
        rng = self.rng
        if rng.random() < 0.18:
            return rng.choice(
                (
                    f"Ik heb {rng.randint(2, 30)} jaar ervaring als {rng.choice(ROLES)} "
                    f"bij {rng.choice(self.organisations)[1]}.",
                    f"Mijn expertise ligt op het gebied van {rng.choice(FIELDS).lower()} en {rng.choice(self.skills)}.",
                    f"In de regio {region} werkte ik aan {self.words.draw(rng)} en {self.words.draw(rng)}.",
                    f"Ik ben vooral sterk in {rng.choice(self.skills)} en {rng.choice(self.skills)}.",
                )
            )
        words = [rng.choice(STARTERS)]
        for position in range(rng.randint(8, 22)):
            glue = position % 2 == 1 and rng.random() < 0.45
            words.append(rng.choice(FUNCTION_WORDS) if glue else self.words.draw(rng))
        return " ".join(words) + rng.choice(".....!?")[0]

    def paragraph(self, region: str, sentences: int) -> str:
        return " ".join(self.sentence(region) for _ in range(sentences))

    def body(self, region: str, target_words: int, headings: tuple[str, ...], link: str) -> str:
        parts = [self.paragraph(region, self.rng.randint(2, 4))]
        parts.append("\n".join(f"- {self.sentence(region)}" for _ in range(self.rng.randint(2, 5))))
        remaining = list(headings)
        while sum(len(part.split()) for part in parts) < target_words:
            if remaining and self.rng.random() < 0.35:
                parts.append("## " + remaining.pop(0))
            paragraph = self.paragraph(region, self.rng.randint(2, 5))
            if self.rng.random() < 0.25:
                paragraph += f" Meer staat op [deze pagina]({link})."
            parts.append(paragraph)
        return "\n\n".join(parts) + "\n"

    # Records --------------------------------------------------------------------------------

    def profile(self) -> tuple[str, dict[str, Any], str]:
        rng = self.rng
        first, infix, last = rng.choice(FIRST_NAMES), rng.choice(INFIXES), rng.choice(LAST_NAMES)
        name = " ".join(part for part in (first, infix, last) if part)
        slug = self.slug(name)
        organisation, organisation_name, _, region = rng.choice(self.organisations)
        role = rng.choice(ROLES)
        skills = self.pick_skills(rng.randint(3, 8))
        status = rng.choice(("available", "available", "available", "limited", "unavailable"))
        available_from = self.days(-300, 240)
        availability: dict[str, Any] = {
            "status": status,
            "hours_per_week": 0 if status == "unavailable" else rng.choice((4, 8, 8, 12, 16, 16, 20, 24, 32, 36)),
            "from": available_from,
        }
        if rng.random() < 0.3:
            availability["until"] = available_from + dt.timedelta(days=rng.randint(60, 400))
        year, experience = self.reference.year - 2, []
        for _ in range(rng.randint(2, 5)):
            start = year - rng.randint(1, 6)
            experience.append(
                {
                    "role": rng.choice(ROLES).capitalize(),
                    "organisation": rng.choice(self.organisations)[1],
                    "from": start,
                    "to": year,
                }
            )
            year = start
        domain = organisation.split("-", 1)[-1].replace("-", "") + ".nl"
        front: dict[str, Any] = {
            "name": name,
            "role": role,
            "organisation": organisation,
            "region": region,
            "fields": rng.sample(FIELDS, rng.randint(1, 3)),
            "skills": skills,
            "consent": self.days(-900, -30),
            "summary": f"{role.capitalize()} bij {organisation_name}, sterk in {skills[0]} en {skills[1]}.",
            "experience": experience,
            "availability": availability,
            "engagement": rng.sample(ENGAGEMENTS, rng.randint(1, 3)),
            "languages": [code for code, share in LANGUAGES if rng.random() < share],
            "contact": {
                "email": f"{slugify(first)[0]}.{slugify(infix + last).replace('-', '')}@{domain}",
                "phone": f"06-{rng.randint(10000000, 99999999)}",
            },
        }
        if rng.random() < 0.3:
            front["rate"] = rng.choice((75, 85, 95, 105, 115))
        if rng.random() < 0.5:
            front["maintainers"] = [slugify(first + infix + last).replace("-", "")[:20]]
        if rng.random() < 0.6:
            front["updated"] = self.days(-500, 0)
        if rng.random() < self.internal_share:
            front["internal"] = {"contact": {"phone": f"070-{rng.randint(1000000, 9999999)}"}}
        if rng.random() < self.internal_share:
            front["visibility"] = "internal"
        else:  # a public assignment may name only a public profile as its contact
            self.public_profiles.append(slug)
        body = self.body(
            region,
            rng.randint(150, 400),
            ("Werkwijze", "Expertise", "Wat ik meebreng", "Motivatie"),
            f"https://www.linkedin.com/in/{slug}",
        )
        return slug, front, body

    def assignment(self) -> tuple[str, dict[str, Any], str]:
        rng = self.rng
        organisation, organisation_name, _, region = rng.choice(self.organisations)
        role, fields = rng.choice(ROLES), rng.sample(FIELDS, rng.randint(1, 2))
        hours = rng.choice((8, 12, 16, 20, 24, 32, 36))
        title = rng.choice(
            (
                f"{role.capitalize()} {fields[0].lower()}",
                f"Ervaren {role} voor {organisation_name}",
                f"{role.capitalize()} {self.words.draw(rng)}",
                f"Kwartiermaker {fields[0].lower()}",
            )
        )
        slug = self.slug(title)
        deadline = self.days(-100, 120)
        if deadline < self.reference or rng.random() < 0.9:
            posted = min(deadline - dt.timedelta(days=rng.randint(14, 60)), self.days(-20, 0))
        else:  # scheduled: published after the reference date
            posted = self.days(1, 10)
            deadline = max(deadline, posted + dt.timedelta(days=14))
        start = deadline + dt.timedelta(days=rng.randint(7, 45))
        skills = self.pick_skills(rng.randint(2, 6))
        contact_first, contact_last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        contact: Any = {
            "name": f"{contact_first} {contact_last}",
            "email": f"{slugify(contact_first)[0]}.{slugify(contact_last).replace('-', '')}@example.nl",
        }
        if self.public_profiles and rng.random() < 0.3:
            contact = rng.choice(self.public_profiles)
        front: dict[str, Any] = {
            "title": title,
            "organisation": organisation,
            "region": region,
            "fields": fields,
            "skills": skills,
            "posted": posted,
            "deadline": deadline,
            "summary": f"{organisation_name} zoekt voor {hours} uur per week iemand met {skills[0]}.",
            "hours_per_week": hours,
            "start": start,
            "end": start + dt.timedelta(weeks=rng.randint(8, 78)),
            "engagement": rng.choice(ENGAGEMENTS),
            "contact": contact,
            "status": rng.choice(("open",) * 8 + ("filled", "withdrawn")),
        }
        if rng.random() < 0.4:
            front["location"] = f"Stadskantoor {organisation_name.split()[-1]}"
        if rng.random() < 0.3:
            front["updated"] = posted + dt.timedelta(days=rng.randint(0, 10))
        if rng.random() < self.internal_share:
            front["internal"] = {"rate": rng.choice((80, 90, 100))}
        if rng.random() < self.internal_share:
            front["visibility"] = "internal"
        body = "## Opdracht\n\n" + self.body(
            region,
            rng.randint(100, 300),
            ("Wat vragen wij", "Over de organisatie"),
            f"https://www.example.nl/werken-bij/{slug}",
        )
        return slug, front, body


def portrait(seed: int, size: int = 96) -> bytes:
    """A small solid-colour PNG, written without an imaging library."""
    colour = bytes(((seed * 67) % 200 + 30, (seed * 131) % 200 + 30, (seed * 29) % 200 + 30))
    pixels = b"".join(b"\x00" + colour * size for _ in range(size))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0)
    image = chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(pixels, 9)) + chunk(b"IEND", b"")
    return b"\x89PNG\r\n\x1a\n" + image


def dump(data: Any) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, default_flow_style=False, width=1000)


def write(path: Path, text: str) -> int:
    path.write_text(text, encoding="utf-8", newline="\n")
    return len(text.encode("utf-8"))


def generate(
    out: Path,
    profiles: int,
    assignments: int,
    seed: int = 42,
    reference: dt.date = dt.date(2026, 6, 1),
    internal_share: float = 0.0,
    vocabulary: bool = False,
) -> int:
    """Write the site into `out` (its content folders are replaced); returns the bytes of Markdown written."""
    corpus = Corpus(seed, reference, internal_share)
    content = out / "content"
    for folder in ("profiles", "assignments", "pages"):
        shutil.rmtree(content / folder, ignore_errors=True)
        (content / folder).mkdir(parents=True)
    write(
        out / "sitegen.yaml",
        dump(
            {
                "title": "Benchmarknetwerk",
                "description": "Synthetische gids voor benchmarks",
                "language": "nl",
                "base_url": "https://example.org/",
                "page_size": 24,
            }
        ),
    )
    write(
        content / "organisations.yaml",
        dump(
            {
                key: {"name": name, "type": kind, "region": region, "website": f"https://www.{key.replace('-', '')}.nl"}
                for key, name, kind, region in corpus.organisations
            }
        ),
    )
    if vocabulary:
        write(
            content / "vocabulary.yaml",
            dump({"fields": [{"term": term} for term in FIELDS], "skills": [{"term": term} for term in SKILL_ROOTS]}),
        )
    for slug, title, menu in PAGES:
        write(
            content / "pages" / f"{slug}.md",
            "---\n" + dump({"title": title, "menu": menu}) + "---\n\n" + corpus.paragraph("Utrecht", 4) + "\n",
        )
    size = 0
    for number in range(profiles):
        slug, front, body = corpus.profile()
        size += write(content / "profiles" / f"{slug}.md", "---\n" + dump(front) + "---\n\n" + body)
        if number % 20 == 0:
            (content / "profiles" / f"{slug}.png").write_bytes(portrait(number))
    for _ in range(assignments):
        slug, front, body = corpus.assignment()
        size += write(content / "assignments" / f"{slug}.md", "---\n" + dump(front) + "---\n\n" + body)
    return size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--profiles", type=int, required=True)
    parser.add_argument("--assignments", type=int, required=True)
    parser.add_argument("--out", type=Path, required=True, help="the site folder to (re)create")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument(
        "--date",
        type=dt.date.fromisoformat,
        default=dt.date(2026, 6, 1),
        help="the reference date the content is dated around (default 2026-06-01)",
    )
    parser.add_argument(
        "--internal-share",
        type=float,
        default=0.0,
        help="the share of records that are internal or carry an internal block",
    )
    parser.add_argument("--vocabulary", action="store_true", help="also write content/vocabulary.yaml")
    args = parser.parse_args()
    size = generate(
        args.out, args.profiles, args.assignments, args.seed, args.date, args.internal_share, args.vocabulary
    )
    print(
        f"wrote {args.profiles} profiles and {args.assignments} assignments ({size:,} bytes of Markdown) "
        f"into {args.out}; build it with --date {args.date}"
    )


if __name__ == "__main__":
    main()
