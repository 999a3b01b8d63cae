"""/sok/: search the SLA section by section, the mandates and the other documents."""

import pytest
from django.conf import settings
from django.db import connection

from tests.conftest import soup
from tests.governance.helpers import draft_of_sla, publish, set_section_text


def hits(client, query):
    page = soup(client.get("/sok/", {"q": query}))
    return [(a["href"], a.get_text(strip=True)) for a in page.select(".search-results li > a")]


def test_a_hit_in_the_sla_links_to_its_section(client, sla):
    results = hits(client, "oppetid")
    assert ("/sla/#6.2", "6.2 Oppetid") in results
    assert ("/sla/#6.1", "6.1 Definisjoner") in results


def test_the_hit_shows_the_passage_with_the_figures_filled_in(client, sla):
    page = soup(client.get("/sok/", {"q": "oppetid"}))
    hit = next(li for li in page.select(".search-results li") if li.a["href"] == "/sla/#6.2")
    assert "oppetid på 99,8 %" in hit.p.text


def test_mandates_and_documents_are_searched_too(client, sla):
    assert ("/mandater/innovasjonsradet/", "Mandat for Innovasjonsrådet") in hits(
        client, "medarbeiderdrevet"
    )
    assert ("/tilgjengelighet/", "Tilgjengelighetserklæring") in hits(client, "skjermleser")


def test_the_index_follows_the_published_text(client, sla):
    page = draft_of_sla()
    set_section_text(page, "8", "<p>Kryptering er et krav for alle fagsystemer.</p>")
    publish(page)
    assert ("/sla/#8", "8 Datasikkerhet") in hits(client, "kryptering")


def test_no_hits_says_so(client, sla):
    page = soup(client.get("/sok/", {"q": "xylofonorkester"}))
    assert page.find(id="treff").text == "Ingen treff for «xylofonorkester»"


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("", "Skriv inn et eller flere ord du vil søke etter."),
        ("   ", "Skriv inn et eller flere ord du vil søke etter."),
        ("a" * 201, "Søket kan ha høyst 200 tegn (det har 201)."),
    ],
)
def test_bad_queries_get_a_clear_message(client, sla, query, message):
    page = soup(client.get("/sok/", {"q": query}))
    assert page.find(class_="field-error").text == message
    assert page.find("input", id="id_q")["aria-invalid"] == "true"
    assert not page.select(".search-results")


@pytest.mark.skipif(connection.vendor != "postgresql", reason="Norwegian stemming is PostgreSQL's")
def test_postgresql_searches_with_norwegian_stemming(client, sla):
    assert settings.WAGTAILSEARCH_BACKENDS["default"]["SEARCH_CONFIG"] == "norwegian"
    # "rapportering" (7's title) and "rapportere" (its text) share the stem "rapporter".
    assert ("/sla/#7", "7 Periodisk rapportering") in hits(client, "rapporterer")


def test_a_section_number_finds_that_section_first(client, sla):
    assert hits(client, "4.5.1")[0] == ("/sla/#4.5.1", "4.5.1 Systemeier er/har:")


@pytest.mark.parametrize(
    "query", ['"', "'", "*", "(", "OR NOT", "systemeier:", "-x", "NEAR(", "%", "\\", "💥"]
)
def test_punctuation_and_operators_never_break_the_search(client, sla, query):
    page = soup(client.get("/sok/", {"q": query}))
    assert page.find(id="treff") is not None
