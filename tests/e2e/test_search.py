"""A reader searches from the front page and lands on the SLA section."""

import re

from playwright.sync_api import expect

from tests.e2e.conftest import assert_accessible


def test_searching_from_the_front_page_leads_to_the_section(site, page):
    page.goto(site + "/")
    page.get_by_label("Søk i SLA, mandater og dokumenter").fill("oppetid")
    page.get_by_role("button", name="Søk").click()
    expect(
        page.get_by_role("heading", level=2, name=re.compile("treff for «oppetid»"))
    ).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="6.2 Oppetid").click()
    expect(page).to_have_url(re.compile(r"/sla/#6\.2$"))
    expect(page.locator('[id="6.2"]')).to_be_in_viewport()


def test_an_empty_search_is_explained_and_accessible(site, page):
    page.goto(site + "/sok/")
    page.get_by_role("button", name="Søk").click()
    expect(page.locator(".field-error")).to_have_text(
        "Skriv inn et eller flere ord du vil søke etter."
    )
    expect(page.get_by_label("Søk i SLA, mandater og dokumenter")).to_have_attribute(
        "aria-invalid", "true"
    )
    assert_accessible(page)
