"""A reader opens the SLA, follows the table of contents, reads versions and mandates."""

import re

from playwright.sync_api import expect

from tests.e2e.conftest import assert_accessible


def test_reading_the_sla_and_following_the_table_of_contents(site, page):
    page.goto(site + "/")
    assert_accessible(page)
    page.get_by_role("link", name="Tjenestenivåerklæring (SLA)").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Tjenestenivåerklæring (SLA)")
    expect(page.locator(".document-meta")).to_contain_text("Versjon 1")
    assert_accessible(page)

    page.get_by_role("navigation", name="Innhold").get_by_role(
        "link", name="4.5.1 Systemeier er/har:"
    ).click()
    expect(page).to_have_url(re.compile(r"/sla/#4\.5\.1$"))
    heading = page.locator('[id="4.5.1"]')
    expect(heading).to_be_in_viewport()
    expect(heading).to_contain_text("Systemeier er/har:")


def test_a_section_link_opens_the_page_at_that_section(site, page):
    page.goto(site + "/sla/#5.6")
    expect(page.locator('[id="5.6"]')).to_be_in_viewport()
    table = page.get_by_role("table", name=re.compile("Prioritering av supportsaker"))
    expect(table.get_by_role("row")).to_have_count(5)
    expect(table.get_by_role("row", name=re.compile("^Kritisk 15 min 2 timer"))).to_be_visible()


def test_the_permalink_of_a_section_is_a_link_to_copy(site, page):
    page.goto(site + "/sla/")
    link = page.get_by_role("link", name="Lenke til avsnitt 6.2")
    expect(link).to_have_attribute("href", "#6.2")
    link.click()
    expect(page).to_have_url(re.compile(r"/sla/#6\.2$"))


def test_versions_mandates_and_statement_are_readable_and_accessible(site, page):
    for path, heading in [
        ("/sla/versjoner/", "Versjoner av Tjenestenivåerklæring (SLA)"),
        ("/sla/versjoner/1/", "Tjenestenivåerklæring (SLA)"),
        ("/mandater/", "Mandater"),
        ("/mandater/portefoljeradet/", "Mandat for Porteføljerådet"),
        ("/mandater/faggrupper/", "Mandat for de interkommunale faggruppene"),
        ("/mandater/innovasjonsradet/", "Mandat for Innovasjonsrådet"),
        ("/tilgjengelighet/", "Tilgjengelighetserklæring"),
        ("/finnes-ikke/", "Fant ikke siden"),
    ]:
        page.goto(site + path)
        expect(page.get_by_role("heading", level=1)).to_have_text(heading)
        expect(page.get_by_role("link", name="Tilgjengelighetserklæring")).to_be_visible()
        assert_accessible(page)


def test_the_mandate_says_it_prevails_and_links_back_to_the_sla(site, page):
    page.goto(site + "/sla/#4.2")
    page.locator("aside.mandate-notice").first.get_by_role("link").click()
    expect(page).to_have_url(re.compile(r"/mandater/portefoljeradet/$"))
    expect(page.get_by_role("note")).to_contain_text("Mandatet går foran SLA-en.")
    expect(page.locator("ol.mandate-items > li")).to_have_count(8)
    page.get_by_role("link", name="SLA-en, avsnitt 4.2").click()
    expect(page).to_have_url(re.compile(r"/sla/#4\.2$"))


def test_printing_hides_navigation_writes_out_addresses_and_breaks_before_chapters(site, page):
    page.goto(site + "/sla/")
    page.emulate_media(media="print")
    expect(page.locator(".site-header")).to_be_hidden()
    expect(page.locator("nav.toc")).to_be_hidden()
    expect(page.locator(".site-footer")).to_be_hidden()
    breaks = page.eval_on_selector_all(
        ".sla-section", "els => els.map(e => getComputedStyle(e).breakBefore)"
    )
    assert breaks.count("page") == 7  # chapters 2–8; chapter 1 starts the first page
    after = page.eval_on_selector(
        'section[aria-labelledby="4.2"] a[href="/mandater/portefoljeradet/"]',
        "a => getComputedStyle(a, '::after').content",
    )
    assert after == f'" ({site}/mandater/portefoljeradet/)"'
