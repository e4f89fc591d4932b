"""Every interface string, per site language; dates written out as people read them."""

from __future__ import annotations

import datetime as dt

MONTHS = {
    "nl": (
        "januari",
        "februari",
        "maart",
        "april",
        "mei",
        "juni",
        "juli",
        "augustus",
        "september",
        "oktober",
        "november",
        "december",
    ),
    "en": (
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ),
}

CATALOG: dict[str, dict[str, str]] = {
    "nl": {
        "skip_to_content": "Direct naar de inhoud",
        "home": "Home",
        "profiles": "Profielen",
        "assignments": "Klussen",
        "open_assignments": "Open klussen",
        "newest_assignments": "Nieuwste klussen",
        "new_profiles": "Nieuw in het netwerk",
        "all_profiles": "Alle profielen",
        "all_assignments": "Alle open klussen",
        "browse": "Bladeren",
        "browse_by": "Bladeren per onderwerp",
        "no_profiles": "Er zijn nog geen profielen.",
        "no_assignments": "Er zijn op dit moment geen open klussen.",
        "fields": "Werkvelden",
        "skills": "Kernkwaliteiten",
        "organisations": "Organisaties",
        "regions": "Regio's",
        "engagement": "Vormen van inzet",
        "field": "Werkveld",
        "skill": "Kernkwaliteit",
        "organisation": "Organisatie",
        "network": "Netwerk",
        "from_network": "Uit {network}",
        "also_in": "Ook in {networks}",
        "region": "Regio",
        "engagement_form": "Vorm van inzet",
        "counts": "{profiles} en {assignments}",
        "profiles_count": "{count} profielen",
        "profiles_count_one": "1 profiel",
        "assignments_count": "{count} open klussen",
        "assignments_count_one": "1 open klus",
        "deadline": "Reageren kan tot en met",
        "days_left": "nog {days} dagen",
        "day_left": "nog 1 dag",
        "last_day": "vandaag is de laatste dag",
        "posted": "Geplaatst op",
        "updated": "Laatst bijgewerkt",
        "hours_per_week": "Uren per week",
        "hours": "{hours} uur per week",
        "period": "Periode",
        "from_until": "{start} tot en met {end}",
        "from_date": "vanaf {start}",
        "location": "Locatie",
        "rate": "Tarief",
        "rate_value": "€ {rate} per uur",
        "contact": "Contact",
        "email": "E-mail",
        "phone": "Telefoon",
        "website": "Website",
        "linkedin": "LinkedIn",
        "availability": "Beschikbaarheid",
        "available": "Beschikbaar",
        "limited": "Beperkt beschikbaar",
        "unavailable": "Niet beschikbaar",
        "available_from": "vanaf {date}",
        "available_until": "tot en met {date}",
        "experience": "Ervaring",
        "now": "heden",
        "languages": "Talen",
        "about": "Over",
        "summary": "Samenvatting",
        "wanted_skills": "Gevraagde kwaliteiten",
        "detachering": "Detachering",
        "publiek-tarief": "Publiek tarief",
        "belangeloos": "Belangeloos (pro bono)",
        "zelfstandig": "Zelfstandig",
        "gemeente": "Gemeente",
        "provincie": "Provincie",
        "waterschap": "Waterschap",
        "rijk": "Rijksoverheid",
        "overig": "Overige organisatie",
        "type": "Soort organisatie",
        "members": "Leden",
        "main_navigation": "Hoofdmenu",
        "footer_navigation": "Over deze site",
        "pagination": "Paginering",
        "previous": "Vorige pagina",
        "next": "Volgende pagina",
        "page_of": "Pagina {number} van {count}",
        "closed_notice": "Deze klus is gesloten: reageren is niet meer mogelijk.",
        "internal_banner": "Interne versie: alleen voor medewerkers van de deelnemende organisaties. Niet delen.",
        "internal_badge": "Intern",
        "not_found_title": "Pagina niet gevonden",
        "not_found_text": "Deze pagina bestaat niet (meer). Misschien is het profiel verwijderd of de klus verlopen.",
        "back_home": "Naar de startpagina",
        # sitegen serve, the local preview: the overlay after a failed build, the page before any build
        "preview_title": "De site kon niet worden gebouwd",
        "preview_intro": (
            "U ziet de laatste versie die wel lukte. Herstel de fouten hieronder en sla het "
            "bestand op: de pagina laadt dan vanzelf opnieuw."
        ),
        "preview_dismiss": "Sluiten",
        "preview_none_title": "Nog geen voorbeeld",
        "preview_none_text": (
            "De site is nog niet gelukt. Herstel de fouten die sitegen serve meldt; "
            "deze pagina laadt daarna vanzelf opnieuw."
        ),
        "photo_of": "Foto van {name}",
        "built_on": "Bijgewerkt op {date}",
        "edit_profile": "Wijzig dit profiel op {host}",
        "add_profile": "Voeg je profiel toe op {host}",
        "new_profile_file": "voornaam-achternaam.md",
        "new_profile_comment": (
            "Vul de waarden in en zet je gebruikersnaam onder maintainers; de controle noemt wat nog ontbreekt."
        ),
        "search": "Zoeken",
        "search_site": "Zoeken in het netwerk",
        "search_label": "Zoek op naam, functie, kwaliteit of trefwoord",
        "search_button": "Zoeken",
        "search_help": (
            "Tips: beleid* vindt ook beleidsadviseur; +juridisch -privacy eist het ene woord en sluit het "
            "andere uit; skills:participatie zoekt alleen in de kwaliteiten."
        ),
        "search_noscript": "Zoeken werkt met JavaScript. Zonder JavaScript kunt u bladeren:",
        "search_loading": "De zoekindex wordt geladen…",
        "search_none": "Geen resultaten. Probeer een ander woord of minder filters.",
        "search_one": "1 resultaat",
        "search_many": "{count} resultaten",
        "search_syntax": (
            "Deze zoekvraag kunnen we niet lezen. Gebruik gewone woorden, of * aan het eind van een woord."
        ),
        "search_error": "De zoekfunctie kon niet worden geladen. U kunt wel bladeren:",
        "search_matching": "Passende kwaliteiten:",
        "search_all": "Toon alle {count}",
        "search_fewer": "Toon minder",
        "search_more": "Meer resultaten tonen",
        "filters": "Filters",
        "kind": "Soort",
        "profile": "Profiel",
        "assignment": "Klus",
        "matching_profiles": "Passende profielen",
        "matching_assignments": "Passende klussen",
        "match_score": "Overeenkomst: {score} van 100",
        "match_skills": "{count} van {wanted} gevraagde kwaliteiten: {terms}",
        "match_fields": "{count} van {wanted} werkvelden: {terms}",
        "match_region": "zelfde regio ({region})",
        "match_available": "beschikbaar",
        "match_limited": "beperkt beschikbaar",
        "match_hours_of": "{hours} van de gevraagde {wanted} uur per week",
        "match_engagement": "vorm van inzet: {engagement}",
        "match_language": "spreekt {name}",
        # Feeds and vCards (feeds.py, vcards.py)
        "feed_site_title": "Open klussen - {site}",
        "feed_field_title": "Open klussen in {field} - {site}",
        "feed_follow": "Nieuwe klussen volgen met een feedlezer (Atom)",
        "feed_follow_field": "Nieuwe klussen in dit werkveld volgen met een feedlezer (Atom)",
        "add_to_contacts": "Toevoegen aan contacten",
        "form_title": "Profiel aanmaken of wijzigen",
        "form_edit_link": "Wijzig dit profiel in het formulier",
        "form_intro": (
            "Vul het formulier in. Het maakt het bestand van je profiel, dat je daarna als voorstel "
            "(pull request) indient. Je hebt geen programmeerkennis nodig."
        ),
        "form_privacy": (
            "Wat je hier invult, blijft in je browser: deze pagina stuurt niets naar een server. Pas "
            "als jij het bestand indient, komt het bij de coördinatoren van het netwerk."
        ),
        "form_noscript_title": "Zonder JavaScript: maak het bestand zelf",
        "form_noscript": (
            "Het formulier werkt met JavaScript. Zonder JavaScript maak je je profiel als tekstbestand, zo:"
        ),
        "form_noscript_step_file": (
            "Maak in de map {folder} van de repository een bestand met je naam in kleine "
            "letters en streepjes, bijvoorbeeld anna-de-vries.md."
        ),
        "form_noscript_step_keys": (
            "Zet bovenaan tussen twee regels --- je gegevens: name, role, organisation, "
            "fields, skills en consent (de datum van je toestemming), daarna je verhaal."
        ),
        "form_noscript_step_pr": (
            "Dien het bestand in als pull request. De controle zegt per regel wat er nog niet klopt."
        ),
        "form_guide": "Lees de handleiding voor leden",
        "form_heading": "Je gegevens",
        "form_errors_title": "Er is een probleem",
        "form_about_you": "Over jou",
        "form_name": "Naam",
        "form_name_hint": "Je volledige naam, zoals collega's je kennen.",
        "form_role": "Functie",
        "form_role_hint": "Je huidige functie, bijvoorbeeld Beleidsadviseur wonen.",
        "form_organisation_hint": "Je werkgever. Staat die er niet bij? Vraag een coördinator om hem toe te voegen.",
        "form_choose": "Kies je organisatie",
        "form_optional": "(niet verplicht)",
        "form_summary_hint": "Eén of twee zinnen voor de overzichten en zoekresultaten, hoogstens 300 tekens.",
        "form_region_hint": "Laat leeg om de regio van je organisatie te gebruiken.",
        "form_fields_hint": "Kies 1 tot 5 werkvelden. Typ in het zoekveld om de lijst te filteren.",
        "form_skills_hint": "Kies 1 tot 12 kernkwaliteiten. Typ in het zoekveld om de lijst te filteren.",
        "form_filter": "Filter de lijst",
        "form_filter_none": "Niets gevonden. Probeer een ander woord.",
        "form_also": "ook:",
        "form_chosen": "Gekozen: {count}",
        "form_characters": "{count} van {maximum} tekens",
        "form_status": "Status",
        "form_not_given": "Niet opgeven",
        "form_hours_hint": "Een getal van 0 tot 40. Bij niet beschikbaar is het 0.",
        "form_available_from": "Beschikbaar vanaf",
        "form_available_until": "Beschikbaar tot en met",
        "form_engagement_hint": "Hoe je een klus wilt doen. Kies er een of meer.",
        "form_rate": "Uurtarief in euro",
        "form_rate_hint": "Een getal, bijvoorbeeld 95 of 87.50 (met een punt).",
        "form_languages_hint": "Vink de talen aan die je spreekt.",
        "form_languages_other": "Andere talen, als code van twee letters (bijvoorbeeld sw ta)",
        "form_experience_hint": "Je functies van nu en eerder. De werkgever mag elke organisatie zijn.",
        "form_experience_add": "Functie toevoegen",
        "form_experience_remove": "Functie {number} verwijderen",
        "form_experience_item": "Functie {number}",
        "form_experience_role": "Functie",
        "form_experience_from": "Vanaf",
        "form_experience_to": "Tot",
        "form_year_month_hint": "Een jaar (2021) of een maand (2021-03).",
        "form_experience_to_hint": "Leeg laten als je dit nu nog doet.",
        "form_contact_hint": "Wat hier staat, is openbaar. Websites beginnen met https://.",
        "form_management": "Beheer",
        "form_maintainers": "Je gebruikersnaam op de codesite",
        "form_maintainers_hint": (
            "Zonder @. Wie hier staat, mag dit profiel bijwerken. Meer namen scheid je met een spatie."
        ),
        "form_visibility": "Zichtbaarheid",
        "form_visibility_hint": "Intern: alleen in de interne versie van de site, voor de deelnemende organisaties.",
        "form_visibility_public": "Openbaar",
        "form_visibility_internal": "Alleen intern",
        "form_updated": "Laatst nagekeken op",
        "form_updated_hint": "Vul de datum van vandaag in als je je profiel hebt nagekeken.",
        "form_body": "Je verhaal",
        "form_body_hint": (
            "Over je werk, ervaring en wat je zoekt. Een kopje schrijf je als ## Kopje, een lijstje "
            "met - aan het begin van de regel."
        ),
        "form_consent_title": "Toestemming (AVG)",
        "form_consent_text": (
            "Je profiel met je naam, functie, werkgever en wat je hierboven invult, wordt "
            "openbaar op deze site gepubliceerd. Dat mag alleen met je toestemming (AVG, artikel "
            "6 lid 1 onder a). De datum van je toestemming komt in je bestand."
        ),
        "form_consent_withdraw": (
            "Je kunt je toestemming altijd intrekken: vraag een coördinator je bestand te "
            "verwijderen, dan verdwijnt je profiel bij de volgende publicatie."
        ),
        "form_consent_label": "Ik geef toestemming om dit profiel te publiceren",
        "form_consent_on": "Toestemming gegeven op {date}.",
        "form_file_name": "Naam van het bestand",
        "form_file_hint": "Je naam in kleine letters met streepjes. Bij een bestaand profiel blijft de naam gelijk.",
        "form_file_invalid": (
            "De bestandsnaam mag alleen kleine letters, cijfers en streepjes hebben, bijvoorbeeld anna-de-vries."
        ),
        "form_submit": "Controleer en maak het bestand",
        "form_preview": "Zo ziet je profielkaart eruit",
        "form_preview_live": "Voorbeeld: {text}",
        "form_preview_empty": "Je naam",
        "form_file_preview": "Bekijk het bestand zoals het nu is",
        "form_loaded": "Het profiel {name} is geladen. Wijzig wat je wilt en maak het bestand opnieuw.",
        "form_load_failed": "Dit profiel kon niet worden geladen. Je kunt het formulier wel leeg invullen.",
        "form_result_title": "Je bestand is klaar",
        "form_result_file": "Je bestand",
        "form_result_new": "Dit is het bestand {file}. Kies hieronder hoe je het indient.",
        "form_result_edit": "Dit is de nieuwe inhoud van {file}. Kies hieronder hoe je het indient.",
        "form_download": "Download het bestand",
        "form_copy": "Kopieer de tekst",
        "form_copied": "De tekst is gekopieerd.",
        "form_copy_select": "Kopiëren lukte niet: de tekst is geselecteerd, kopieer hem met Ctrl+C (of Cmd+C).",
        "form_open_host": "Open als nieuw bestand op de codesite",
        "form_open_host_edit": "Open je bestand op de codesite",
        "form_host_too_long": (
            "Het bestand is te lang om mee te geven in de link: kopieer de tekst en plak hem op de pagina die opent."
        ),
        "form_gitlab_note": ("Staat de tekst niet op de pagina die opent? Kopieer hem dan hier en plak hem daar."),
        "form_steps_new": (
            "Op de codesite staan de naam en de inhoud al ingevuld. Klik op Commit changes en "
            "daarna op Create pull request (GitLab: Commit changes en Merge request): je voorstel "
            "is dan ingediend."
        ),
        "form_steps_edit": (
            "De codesite kan een bestaand bestand niet vooraf invullen. Kopieer de tekst, open je "
            "bestand op de codesite, selecteer daar alle tekst en plak de nieuwe eroverheen. Klik "
            "dan op Commit changes en daarna op Create pull request."
        ),
        "form_steps_none": (
            "Stuur het bestand naar een coördinator van het netwerk, of voeg het zelf toe in de "
            "map content/profiles van de repository."
        ),
        "form_internal_note": (
            "Staat er in je bestand een deel internal:? Dat staat niet in dit formulier: neem "
            "het over uit je oude bestand."
        ),
    },
    "en": {
        "skip_to_content": "Skip to content",
        "home": "Home",
        "profiles": "Profiles",
        "assignments": "Assignments",
        "open_assignments": "Open assignments",
        "newest_assignments": "Newest assignments",
        "new_profiles": "New in the network",
        "all_profiles": "All profiles",
        "all_assignments": "All open assignments",
        "browse": "Browse",
        "browse_by": "Browse by topic",
        "no_profiles": "There are no profiles yet.",
        "no_assignments": "There are no open assignments at the moment.",
        "fields": "Fields",
        "skills": "Skills",
        "organisations": "Organisations",
        "regions": "Regions",
        "engagement": "Forms of engagement",
        "field": "Field",
        "skill": "Skill",
        "organisation": "Organisation",
        "network": "Network",
        "from_network": "From {network}",
        "also_in": "Also in {networks}",
        "region": "Region",
        "engagement_form": "Form of engagement",
        "counts": "{profiles} and {assignments}",
        "profiles_count": "{count} profiles",
        "profiles_count_one": "1 profile",
        "assignments_count": "{count} open assignments",
        "assignments_count_one": "1 open assignment",
        "deadline": "Apply by",
        "days_left": "{days} days left",
        "day_left": "1 day left",
        "last_day": "today is the last day",
        "posted": "Posted on",
        "updated": "Last updated",
        "hours_per_week": "Hours per week",
        "hours": "{hours} hours a week",
        "period": "Period",
        "from_until": "{start} to {end}",
        "from_date": "from {start}",
        "location": "Location",
        "rate": "Rate",
        "rate_value": "€{rate} an hour",
        "contact": "Contact",
        "email": "Email",
        "phone": "Phone",
        "website": "Website",
        "linkedin": "LinkedIn",
        "availability": "Availability",
        "available": "Available",
        "limited": "Limited availability",
        "unavailable": "Not available",
        "available_from": "from {date}",
        "available_until": "until {date}",
        "experience": "Experience",
        "now": "now",
        "languages": "Languages",
        "about": "About",
        "summary": "Summary",
        "wanted_skills": "Skills wanted",
        "detachering": "Secondment",
        "publiek-tarief": "Public rate",
        "belangeloos": "Pro bono",
        "zelfstandig": "Self-employed",
        "gemeente": "Municipality",
        "provincie": "Province",
        "waterschap": "Water board",
        "rijk": "Central government",
        "overig": "Other organisation",
        "type": "Type of organisation",
        "members": "Members",
        "main_navigation": "Main menu",
        "footer_navigation": "About this site",
        "pagination": "Pagination",
        "previous": "Previous page",
        "next": "Next page",
        "page_of": "Page {number} of {count}",
        "closed_notice": "This assignment is closed: applications are no longer possible.",
        "internal_banner": "Internal version: for employees of the participating organisations only. Do not share.",
        "internal_badge": "Internal",
        "not_found_title": "Page not found",
        "not_found_text": (
            "This page does not exist (any more). The profile may have been removed or the assignment closed."
        ),
        "back_home": "Go to the home page",
        "preview_title": "The site could not be built",
        "preview_intro": (
            "You are seeing the last version that did build. Fix the errors below and "
            "save the file: the page then reloads by itself."
        ),
        "preview_dismiss": "Close",
        "preview_none_title": "No preview yet",
        "preview_none_text": (
            "The site has not built yet. Fix the errors sitegen serve reports; this page then reloads by itself."
        ),
        "photo_of": "Photo of {name}",
        "built_on": "Updated on {date}",
        "edit_profile": "Edit this profile on {host}",
        "add_profile": "Add your profile on {host}",
        "new_profile_file": "first-last.md",
        "new_profile_comment": (
            "Fill in the values and put your user name under maintainers; the check names what is missing."
        ),
        "search": "Search",
        "search_site": "Search the network",
        "search_label": "Search by name, job, skill or keyword",
        "search_button": "Search",
        "search_help": (
            "Tips: policy* also finds policymaker; +legal -privacy requires one word and excludes the "
            "other; skills:participation searches the skills only."
        ),
        "search_noscript": "Search needs JavaScript. Without JavaScript you can browse:",
        "search_loading": "Loading the search index…",
        "search_none": "No results. Try another word or fewer filters.",
        "search_one": "1 result",
        "search_many": "{count} results",
        "search_syntax": "We cannot read this search. Use plain words, or * at the end of a word.",
        "search_error": "The search could not be loaded. You can still browse:",
        "search_matching": "Matching skills:",
        "search_all": "Show all {count}",
        "search_fewer": "Show fewer",
        "search_more": "Show more results",
        "filters": "Filters",
        "kind": "Kind",
        "profile": "Profile",
        "assignment": "Assignment",
        "matching_profiles": "Matching profiles",
        "matching_assignments": "Matching assignments",
        "match_score": "Match: {score} out of 100",
        "match_skills": "{count} of {wanted} skills wanted: {terms}",
        "match_fields": "{count} of {wanted} fields: {terms}",
        "match_region": "same region ({region})",
        "match_available": "available",
        "match_limited": "partly available",
        "match_hours_of": "{hours} of the {wanted} hours a week asked",
        "match_engagement": "form of engagement: {engagement}",
        "match_language": "speaks {name}",
        # Feeds and vCards (feeds.py, vcards.py)
        "feed_site_title": "Open assignments - {site}",
        "feed_field_title": "Open assignments in {field} - {site}",
        "feed_follow": "Follow new assignments in a feed reader (Atom)",
        "feed_follow_field": "Follow new assignments in this field in a feed reader (Atom)",
        "add_to_contacts": "Add to contacts",
        "form_title": "Create or edit your profile",
        "form_edit_link": "Edit this profile in the form",
        "form_intro": (
            "Fill in the form. It makes your profile's file, which you then submit as a proposal "
            "(pull request). No programming knowledge needed."
        ),
        "form_privacy": (
            "What you enter here stays in your browser: this page sends nothing to a server. Only "
            "when you submit the file does it reach the network's coordinators."
        ),
        "form_noscript_title": "Without JavaScript: write the file yourself",
        "form_noscript": "The form needs JavaScript. Without it, you write your profile as a text file:",
        "form_noscript_step_file": (
            "In the folder {folder} of the repository, create a file named after you in "
            "lower case with hyphens, for example anna-de-vries.md."
        ),
        "form_noscript_step_keys": (
            "At the top, between two lines ---, write your details: name, role, "
            "organisation, fields, skills and consent (the date of your consent), then your "
            "story."
        ),
        "form_noscript_step_pr": (
            "Submit the file as a pull request. The check says line by line what is not right yet."
        ),
        "form_guide": "Read the members' guide",
        "form_heading": "Your details",
        "form_errors_title": "There is a problem",
        "form_about_you": "About you",
        "form_name": "Name",
        "form_name_hint": "Your full name, as colleagues know you.",
        "form_role": "Job title",
        "form_role_hint": "Your current job, for example Housing policy adviser.",
        "form_organisation_hint": "Your employer. Not listed? Ask a coordinator to add it.",
        "form_choose": "Choose your organisation",
        "form_optional": "(optional)",
        "form_summary_hint": "One or two sentences for listings and search results, at most 300 characters.",
        "form_region_hint": "Leave empty to use your organisation's region.",
        "form_fields_hint": "Choose 1 to 5 fields. Type in the search box to filter the list.",
        "form_skills_hint": "Choose 1 to 12 skills. Type in the search box to filter the list.",
        "form_filter": "Filter the list",
        "form_filter_none": "Nothing found. Try another word.",
        "form_also": "also:",
        "form_chosen": "Chosen: {count}",
        "form_characters": "{count} of {maximum} characters",
        "form_status": "Status",
        "form_not_given": "Not given",
        "form_hours_hint": "A number from 0 to 40. 0 when you are not available.",
        "form_available_from": "Available from",
        "form_available_until": "Available until",
        "form_engagement_hint": "How you want to take on an assignment. Choose one or more.",
        "form_rate": "Hourly rate in euro",
        "form_rate_hint": "A number, for example 95 or 87.50 (with a point).",
        "form_languages_hint": "Tick the languages you speak.",
        "form_languages_other": "Other languages, as two-letter codes (for example sw ta)",
        "form_experience_hint": "Your current and earlier jobs. The employer may be any organisation.",
        "form_experience_add": "Add a job",
        "form_experience_remove": "Remove job {number}",
        "form_experience_item": "Job {number}",
        "form_experience_role": "Job title",
        "form_experience_from": "From",
        "form_experience_to": "To",
        "form_year_month_hint": "A year (2021) or a month (2021-03).",
        "form_experience_to_hint": "Leave empty if you still do this.",
        "form_contact_hint": "What you enter here is public. Websites start with https://.",
        "form_management": "Management",
        "form_maintainers": "Your user name on the code host",
        "form_maintainers_hint": "Without @. Who is listed here may update this profile. Separate names with a space.",
        "form_visibility": "Visibility",
        "form_visibility_hint": (
            "Internal: only in the internal version of the site, for the participating organisations."
        ),
        "form_visibility_public": "Public",
        "form_visibility_internal": "Internal only",
        "form_updated": "Last checked on",
        "form_updated_hint": "Enter today's date when you have checked your profile.",
        "form_body": "Your story",
        "form_body_hint": (
            "About your work, experience and what you are looking for. Write a heading as ## Heading, "
            "a list with - at the start of the line."
        ),
        "form_consent_title": "Consent (GDPR)",
        "form_consent_text": (
            "Your profile with your name, job, employer and what you enter above is published on "
            "this site. That requires your consent (GDPR, article 6(1)(a)). The date of your "
            "consent goes into your file."
        ),
        "form_consent_withdraw": (
            "You can withdraw your consent at any time: ask a coordinator to delete your file, "
            "and your profile disappears at the next publication."
        ),
        "form_consent_label": "I consent to the publication of this profile",
        "form_consent_on": "Consent given on {date}.",
        "form_file_name": "File name",
        "form_file_hint": "Your name in lower case with hyphens. An existing profile keeps its name.",
        "form_file_invalid": (
            "The file name may only have lower-case letters, digits and hyphens, for example anna-de-vries."
        ),
        "form_submit": "Check and make the file",
        "form_preview": "This is how your profile card looks",
        "form_preview_live": "Preview: {text}",
        "form_preview_empty": "Your name",
        "form_file_preview": "See the file as it is now",
        "form_loaded": "The profile {name} is loaded. Change what you want and make the file again.",
        "form_load_failed": "This profile could not be loaded. You can still fill in the form from scratch.",
        "form_result_title": "Your file is ready",
        "form_result_file": "Your file",
        "form_result_new": "This is the file {file}. Choose below how to submit it.",
        "form_result_edit": "This is the new content of {file}. Choose below how to submit it.",
        "form_download": "Download the file",
        "form_copy": "Copy the text",
        "form_copied": "The text has been copied.",
        "form_copy_select": "Copying failed: the text is selected, copy it with Ctrl+C (or Cmd+C).",
        "form_open_host": "Open as a new file on the code host",
        "form_open_host_edit": "Open your file on the code host",
        "form_host_too_long": (
            "The file is too long to pass in the link: copy the text and paste it on the page that opens."
        ),
        "form_gitlab_note": "Is the text missing on the page that opens? Copy it here and paste it there.",
        "form_steps_new": (
            "On the code host the name and content are filled in. Click Commit changes, then Create "
            "pull request (GitLab: Commit changes and Merge request): your proposal is submitted."
        ),
        "form_steps_edit": (
            "The code host cannot fill in an existing file. Copy the text, open your file on the "
            "code host, select all its text there and paste the new text over it. Then click Commit "
            "changes and Create pull request."
        ),
        "form_steps_none": (
            "Send the file to a coordinator of the network, or add it yourself to the folder "
            "content/profiles of the repository."
        ),
        "form_internal_note": (
            "Does your file have an internal: part? It is not in this form: copy it over from your old file."
        ),
    },
}


def text(language: str, key: str, **values: object) -> str:
    template = CATALOG[language][key]
    return template.format(**values) if values else template


def count(language: str, key: str, number: int) -> str:
    """'1 profiel' or '3 profielen': the key's `_one` form for exactly one."""
    return text(language, f"{key}_one") if number == 1 else text(language, key, count=number)


def long_date(day: dt.date, language: str) -> str:
    """12 januari 2027 / 12 January 2027."""
    return f"{day.day} {MONTHS[language][day.month - 1]} {day.year}"


def number(value: float, language: str) -> str:
    """95 / 95,50 (nl) / 95.50 (en)."""
    if float(value).is_integer():
        return str(int(value))
    formatted = f"{value:.2f}"
    return formatted.replace(".", ",") if language == "nl" else formatted


# Names of the languages members list most, in the site's language; other codes are shown as they are.
LANGUAGE_NAMES: dict[str, dict[str, str]] = {
    "nl": {
        "nl": "Nederlands",
        "en": "Engels",
        "de": "Duits",
        "fr": "Frans",
        "fy": "Fries",
        "es": "Spaans",
        "it": "Italiaans",
        "pt": "Portugees",
        "pl": "Pools",
        "tr": "Turks",
        "ar": "Arabisch",
        "pa": "Punjabi",
        "hi": "Hindi",
        "zh": "Chinees",
        "ru": "Russisch",
        "uk": "Oekraïens",
        "ro": "Roemeens",
        "bg": "Bulgaars",
        "so": "Somalisch",
        "ti": "Tigrinya",
        "fa": "Perzisch",
        "ku": "Koerdisch",
        "da": "Deens",
        "sv": "Zweeds",
        "no": "Noors",
        "li": "Limburgs",
        "id": "Indonesisch",
        "el": "Grieks",
        "hu": "Hongaars",
        "cs": "Tsjechisch",
        "sr": "Servisch",
        "hr": "Kroatisch",
        "bs": "Bosnisch",
    },
    "en": {
        "nl": "Dutch",
        "en": "English",
        "de": "German",
        "fr": "French",
        "fy": "Frisian",
        "es": "Spanish",
        "it": "Italian",
        "pt": "Portuguese",
        "pl": "Polish",
        "tr": "Turkish",
        "ar": "Arabic",
        "pa": "Punjabi",
        "hi": "Hindi",
        "zh": "Chinese",
        "ru": "Russian",
        "uk": "Ukrainian",
        "ro": "Romanian",
        "bg": "Bulgarian",
        "so": "Somali",
        "ti": "Tigrinya",
        "fa": "Persian",
        "ku": "Kurdish",
        "da": "Danish",
        "sv": "Swedish",
        "no": "Norwegian",
        "li": "Limburgish",
        "id": "Indonesian",
        "el": "Greek",
        "hu": "Hungarian",
        "cs": "Czech",
        "sr": "Serbian",
        "hr": "Croatian",
        "bs": "Bosnian",
    },
}


def language_name(code: str, language: str) -> str:
    return LANGUAGE_NAMES[language].get(code, code)
