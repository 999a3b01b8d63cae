"""The published SLA at /sla/: all of its text, once, as the document has it."""

import re
from collections import Counter

import pytest

from tests.conftest import soup

HEADINGS = [
    ("1", "Omfang"),
    ("1.1", "Hensikt og innhold"),
    ("1.2", "Publisering/ bekjentgjøring"),
    ("1.3", "Mislighold"),
    ("2", "Forutsetninger"),
    ("2.1", "Basiskunnskap og opplæring"),
    ("2.2", "Utstyr og avtaler"),
    ("2.2.1", "Utstyr"),
    ("3", "Avtaler"),
    ("3.1", "Tjenestekatalog"),
    ("4", "Roller, ansvar og myndighet"),
    ("4.1", "Behandlingsansvarlig og databehandler"),
    ("4.2", "Porteføljeråd og porteføljerådsmedlem (hos tjenestemottaker)"),
    ("4.3", "Interkommunal faggruppe"),
    ("4.4", "Innovasjonsrådet"),
    ("4.5", "Systemeier (hos tjenestemottaker)"),
    ("4.5.1", "Systemeier er/har:"),
    ("4.6", "Systemansvarlig (hos tjenestemottaker)"),
    ("4.6.1", "Systemansvarlig er/har ansvar for:"),
    ("4.7", "Superbruker (hos tjenestemottaker)"),
    ("4.8", "Sikkerhetsansvarlig (hos tjenestemottaker)"),
    ("4.8.1", "Sikkerhetsansvarlig er/har:"),
    ("4.9", "Systemforvalter (ROR-IKT)"),
    ("4.9.1", "Systemforvalter er/har ansvar for:"),
    ("4.10", "Teknisk forvalter (ROR-IKT)"),
    ("4.11", "Supportansvarlig (ROR-IKT eller leverandør)"),
    ("4.12", "Driftsansvarlig (ROR-IKT)"),
    ("4.12.1", "Driftsavdelingen har:"),
    ("4.13", "Brukere"),
    ("4.13.1", "Brukere er/ har:"),
    ("4.14", "Samhandlingsprosesser"),
    ("4.15", "Oversikt rolletildelinger"),
    ("5", "Håndtering av support"),
    ("5.1", "Formål"),
    ("5.2", "Kundeservice"),
    ("5.3", "Innmelding av supportsaker"),
    ("5.4", "Tilgjengelighet"),
    ("5.5", "Beskrivelse av supporthåndtering"),
    ("5.6", "Prioritering av supportsaker"),
    ("6", "Oppetid og vedlikehold"),
    ("6.1", "Definisjoner"),
    ("6.2", "Oppetid"),
    ("7", "Periodisk rapportering"),
    ("8", "Datasikkerhet"),
]


@pytest.fixture
def page(client, sla):
    return soup(client.get("/sla/"))


def section(page, number):
    """The text of one numbered section, without its heading."""
    heading = page.find(id=number)
    return " ".join(heading.find_parent("section").get_text(" ").split())


def article_text(page):
    return " ".join(page.find("article").get_text(" ").split())


def test_every_numbered_heading_is_there_in_order_with_its_number_as_id(page):
    headings = page.select("article .sla-section > :is(h2, h3, h4)")
    numbers = [heading["id"] for heading in headings]
    assert numbers == [number for number, _ in HEADINGS]
    assert len(numbers) == 44
    assert sum(1 for n in numbers if "." not in n) == 8
    for heading, (number, title) in zip(headings, HEADINGS, strict=True):
        text = " ".join(heading.get_text(" ").split())
        assert text.startswith(f"{number} {title}"), text


def test_heading_levels_follow_the_numbering(page):
    assert page.find(id="4").name == "h2"
    assert page.find(id="4.5").name == "h3"
    assert page.find(id="4.5.1").name == "h4"


def test_every_heading_has_a_link_to_itself_and_the_toc_leads_to_each(page):
    toc_targets = [a["href"] for a in page.select("nav.toc a")]
    assert toc_targets == [f"#{number}" for number, _ in HEADINGS]
    for number, _ in HEADINGS:
        permalink = page.find(id=number).find("a", class_="permalink")
        assert permalink["href"] == f"#{number}"
        assert permalink.get_text(" ", strip=True).endswith(f"Lenke til avsnitt {number}")


def test_priority_table_is_a_real_table_with_the_slas_values(page):
    table = page.find(id="5.6").find_parent("section").find("table")
    header = [th.get_text(" ", strip=True) for th in table.select("thead th")]
    assert header == ["Prioritet", "Mål for svartid", "Mål for løsningstid", "Definisjon"]
    rows = [
        [cell.get_text(" ", strip=True) for cell in row.find_all(["th", "td"])][:3]
        for row in table.select("tbody tr")
    ]
    assert rows == [
        ["Kritisk", "15 min", "2 timer"],
        ["Høy", "1 time", "4 timer"],
        ["Middels", "3 timer", "3 arbeidsdager"],
        ["Lav", "4 timer", "5 arbeidsdager"],
    ]
    definitions = [
        row.find_all("td")[-1].get_text(" ", strip=True) for row in table.select("tbody tr")
    ]
    assert definitions[0].startswith("Bortfall av applikasjoner definert som nødvendige")
    assert "Liv og Helse" in definitions[0]
    assert definitions[2] == (
        "Bortfall av system som berører minimum 1 bruker. "
        "Feilretting vil foregå innenfor ordinær arbeidstid."
    )
    assert definitions[3].endswith(
        "Feilrettingen skjer etter nærmere avtale mellom ROR-IKT og brukeren."
    )


def test_chapter_5_key_facts(page):
    assert "Mandag, tirsdag, onsdag, torsdag og fredag kl. 08:00 – 15:30" in section(page, "5.2")
    channels = section(page, "5.3")
    assert "Kundeservice Web E-post Telefon 71 11 11 66" in channels
    assert "Foretrukket kanal for supportsaker er Kundeservice Web." in channels
    assert (
        "Før saker meldes inn skal bruker sjekke publiserte driftsmeldinger på intranett."
        in channels
    )
    phone = page.find(id="5.3").find_parent("section").find("a", href="tel:+4771111166")
    assert phone.get_text() == "71 11 11 66"
    assert "Supportsaker kan meldes inn via Kundeservice Web hele døgnet." in section(page, "5.4")
    assert page.find(id="5.4").find_parent("section").find("a", href="#5.2")


def test_chapter_6_key_facts(page):
    definitions = page.find(id="6.1").find_parent("section").find("dl")
    assert [dt.get_text() for dt in definitions.find_all("dt")] == [
        "Oppetid",
        "Nedetid",
        "Vedlikeholdstid",
    ]
    uptime = section(page, "6.2")
    assert "ROR-IKT har som mål å levere en oppetid på 99,8 %" in uptime
    assert (
        "minimum 3 dager før avbruddet skal finne sted – så langt dette er praktisk mulig"
        in uptime
    )
    exclusions = page.find(id="6.2").find_parent("section").find_all("li")
    assert len(exclusions) == 4
    assert "linje- og strømbrudd og andre eksterne forhold" in exclusions[0].get_text()


def test_lists_stay_lists(page):
    assert len(page.find(id="4.5.1").find_parent("section").select("ul > li")) == 8
    assert len(page.find(id="4.6.1").find_parent("section").select("ul > li")) == 13
    assert len(page.find(id="4.2").find_parent("section").select("ol > li")) == 8
    assert len(page.find(id="4.3").find_parent("section").select("ol > li")) == 6
    assert len(page.find(id="4.4").find_parent("section").select("ol > li")) == 6


def test_line_end_hyphenation_is_removed_but_real_hyphens_stay(page):
    text = article_text(page)
    for word in [
        "helseregisterloven",
        "rammeavtaler",
        "Porteføljerådet",
        "tjenestemottakerne",
        "Retningsgivende",
        "Telefonhenvendelser",
        "datautstyr",
        "ROR-IKT-godkjente",
        "IKT-sikkerhet",
        "funksjons- eller aldersmessige",
    ]:
        assert word in text, word
    assert not re.search(
        r"\w- [a-zæøå]",
        text.replace("funksjons- eller", "")
        .replace("ansvars- og", "")
        .replace("tjeneste- og", "")
        .replace("linje- og", "")
        .replace("PC- og", ""),
    )


def test_no_ocr_faults_or_placeholders(page):
    text = article_text(page)
    for fault in [
        "lnnovasjon",
        "4 . 5",
        "5. 5",
        "4 .4",
        "j f r",
        "el. l .",
        "sett inn URL",
        "[ 7",
        "{",
        "}",
    ]:
        assert fault not in text, fault
    assert "idéer" in text and not re.search(r"\bideer\b", text)


def test_no_passage_appears_twice(page):
    passages = [
        " ".join(element.get_text(" ").split())
        for element in page.select("article .sla-section :is(p, li, dd)")
    ]
    assert len(passages) > 140
    repeated = {p: n for p, n in Counter(passages).items() if n > 1}
    assert repeated == {}


def test_mandate_summaries_link_to_the_mandates_which_prevail(page):
    for number, url in [
        ("4.2", "/mandater/portefoljeradet/"),
        ("4.3", "/mandater/faggrupper/"),
        ("4.4", "/mandater/innovasjonsradet/"),
    ]:
        part = page.find(id=number).find_parent("section")
        assert part.find("a", href=url), number
        notice = part.find("aside", class_="mandate-notice")
        assert "Mandatet går foran." in notice.get_text(" ")
        assert notice.find("a", href=url)


def test_page_shows_version_and_effective_date(page):
    meta = page.find(class_="document-meta").get_text(" ")
    assert "Versjon 1" in meta
    assert "gjeldende fra 1. januar 2026" in meta


def test_print_stylesheet_hides_navigation_and_breaks_before_chapters(client, sla):
    from django.contrib.staticfiles import finders

    css = open(finders.find("css/site.css"), encoding="utf-8").read()
    print_rules = css[css.index("@media print") :]
    assert ".site-header" in print_rules and "display: none" in print_rules
    assert 'content: " (" attr(href) ")"' in print_rules
    assert ".sla-section.depth-1 { break-before: page; }" in print_rules
