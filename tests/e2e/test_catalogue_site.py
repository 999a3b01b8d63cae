"""A reader finds a service and who holds its roles; staff see contact details; SLA 4.15."""

import csv
import re
from pathlib import Path

from playwright.sync_api import expect

from tests.councils.factories import PersonFactory, organisation
from tests.e2e.conftest import assert_accessible, submit_login
from tests.governance.factories import (
    ProviderPersonFactory,
    ServiceCategoryFactory,
    ServiceFactory,
    ServiceUsageFactory,
)


def make_catalogue():
    """Three services; Gerica is used by Molde and Rauma, each with their own systemeier."""
    health = ServiceCategoryFactory(name="Helse og omsorg", slug="helse-og-omsorg")
    gerica = ServiceFactory(
        name="Gerica",
        slug="gerica",
        category=health,
        critical=True,
        summary="Pasientjournal for pleie og omsorg.",
        system_manager=ProviderPersonFactory(
            name="Frida Forvalter", email="frida@ror-ikt.invalid", phone="71 11 11 70"
        ),
        technical_secondary=None,
    )
    rauma, molde = organisation("rauma"), organisation("molde")
    ServiceUsageFactory(
        service=gerica,
        municipality=rauma,
        system_owner=PersonFactory(
            name="Ragnhild Rauma",
            title="Kommunalsjef helse",
            organisation=rauma,
            email="ragnhild@rauma.invalid",
        ),
    )
    ServiceUsageFactory(
        service=gerica,
        municipality=molde,
        system_owner=PersonFactory(name="Magnus Molde", organisation=molde),
    )
    school = ServiceCategoryFactory(name="Skole", slug="skole")
    visma = ServiceFactory(name="Visma Flyt Skole", slug="visma-flyt-skole", category=school)
    ServiceUsageFactory(service=visma, municipality=molde, system_owner=None)
    ServiceFactory(name="Acos Websak", slug="acos", category=school)
    return gerica


def test_a_reader_finds_who_is_systemeier_for_a_system_in_rauma(site, page):
    make_catalogue()
    page.goto(site + "/")
    page.get_by_role("navigation", name="Hovedmeny").get_by_role(
        "link", name="Tjenestekatalog"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Tjenestekatalog")
    expect(page.locator("#resultat")).to_have_text("3 tjenester")
    assert_accessible(page)

    page.get_by_label("Kommune som bruker tjenesten").select_option(label="Rauma")
    page.get_by_role("button", name="Vis tjenester").click()
    expect(page).to_have_url(re.compile(r"kommune=rauma"))
    expect(page.locator("#resultat")).to_have_text("1 tjeneste")
    results = page.get_by_role("list", name="1 tjeneste")
    expect(results.get_by_role("listitem")).to_have_count(1)
    expect(results).to_contain_text("Kritisk for liv og helse")
    assert_accessible(page)

    results.get_by_role("link", name="Gerica").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Gerica")
    rauma = page.get_by_role("region", name="Rauma")
    owner = rauma.locator(".role", has=page.get_by_role("link", name="Systemeier", exact=True))
    expect(owner.locator("dd")).to_have_text("Ragnhild Rauma, Kommunalsjef helse")
    expect(page.get_by_role("region", name="Molde")).to_contain_text("Magnus Molde")
    expect(page.get_by_role("link", name="prioritet Kritisk (SLA 5.6)")).to_have_attribute(
        "href", "/sla/#5.6"
    )
    # Names, not contact details, for a reader who has not logged in.
    expect(page.get_by_role("main")).not_to_contain_text("ragnhild@rauma.invalid")
    assert_accessible(page)

    owner.get_by_role("link", name="Systemeier").click()
    expect(page).to_have_url(re.compile(r"/sla/#4\.5$"))
    expect(page.locator('[id="4.5"]')).to_be_in_viewport()


def test_staff_log_in_from_the_service_page_and_see_contact_details(site, page, editor):
    make_catalogue()
    page.goto(site + "/tjenestekatalog/gerica/")
    expect(page.get_by_role("main")).to_contain_text(
        "Kontaktinformasjon (e-post og telefon) vises bare for innloggede ansatte."
    )
    missing = page.get_by_role("region", name="ROR-IKT").locator(".role-missing")
    expect(missing).to_have_text("Ikke utnevnt")
    assert_accessible(page)

    page.get_by_role("link", name="Logg inn for å se kontaktinformasjonen").click()
    assert_accessible(page)
    submit_login(page, "redaktor")

    expect(page).to_have_url(re.compile(r"/tjenestekatalog/gerica/$"))
    rauma = page.get_by_role("region", name="Rauma")
    expect(rauma.get_by_role("link", name="ragnhild@rauma.invalid")).to_have_attribute(
        "href", "mailto:ragnhild@rauma.invalid"
    )
    provider = page.get_by_role("region", name="ROR-IKT")
    expect(provider.get_by_role("link", name="71 11 11 70")).to_have_attribute(
        "href", "tel:71111170"
    )
    expect(page.get_by_role("main")).not_to_contain_text("vises bare for innloggede")
    assert_accessible(page)


def test_a_bad_filter_value_explains_itself_and_leads_to_the_field(site, page):
    make_catalogue()
    page.goto(site + "/tjenestekatalog/?kommune=oslo")
    message = "Kommunen «oslo» er ikke med i samarbeidet. Velg en kommune i listen."
    summary = page.get_by_role("region", name="Filteret kunne ikke brukes")
    expect(summary).to_contain_text(message)
    expect(page.locator("#resultat")).to_have_text("3 tjenester")
    assert_accessible(page)

    summary.get_by_role("link", name=message).click()
    field = page.get_by_label("Kommune som bruker tjenesten")
    expect(field).to_be_focused()
    expect(field).to_have_accessible_description(message)
    field.select_option(label="Molde")
    page.get_by_role("button", name="Vis tjenester").click()
    expect(summary).to_have_count(0)
    expect(page.locator("#resultat")).to_have_text("2 tjenester")
    page.get_by_role("link", name="Nullstill filteret").click()
    expect(page).to_have_url(re.compile(r"/tjenestekatalog/$"))
    expect(page.locator("#resultat")).to_have_text("3 tjenester")


def test_the_role_overview_shows_gaps_by_municipality_and_exports_them(site, page):
    make_catalogue()
    page.goto(site + "/roller/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Oversikt over rolletildelinger")
    summary = page.get_by_role("region", name="Oppsummering")
    # Gerica's secondary teknisk forvalter counts once; Visma lacks its systemeier in Molde.
    expect(summary).to_contain_text("2 roller mangler.")
    expect(summary).to_contain_text("4 kommuner mangler sikkerhetsansvarlig")
    assert_accessible(page)

    page.get_by_label("Kommune", exact=True).select_option(label="Molde")
    page.get_by_role("button", name="Vis oversikten").click()
    expect(page).to_have_url(re.compile(r"/roller/\?kommune=molde$"))
    molde = page.get_by_role("region", name="Molde", exact=True)
    table = molde.get_by_role("table", name="Roller for 2 tjenester i Molde")
    visma = table.get_by_role("row", name=re.compile("^Visma Flyt Skole"))
    expect(visma.get_by_role("cell").first).to_have_text("Mangler")
    expect(page.get_by_role("region", name="Rauma")).to_have_count(0)
    assert_accessible(page)

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Last ned oversikten som CSV-fil").click()
    download = download_info.value
    assert re.fullmatch(
        r"rolletildelinger-molde-\d{4}-\d{2}-\d{2}\.csv", download.suggested_filename
    )
    with Path(download.path()).open(encoding="utf-8-sig", newline="") as file:
        rows = list(csv.reader(file, delimiter=";"))
    assert [row[:2] for row in rows[1:]] == [["Molde", "Gerica"], ["Molde", "Visma Flyt Skole"]]
    assert rows[2][rows[0].index("Systemeier")] == "MANGLER"


def test_on_a_narrow_screen_the_wide_table_scrolls_and_takes_keyboard_focus(site, page):
    make_catalogue()
    page.set_viewport_size({"width": 400, "height": 800})
    page.goto(site + "/roller/?kommune=molde")
    scroller = page.get_by_role("region", name="Roller for 2 tjenester i Molde")
    assert scroller.evaluate("el => el.scrollWidth > el.clientWidth")
    scroller.focus()
    page.keyboard.press("ArrowRight")
    expect(scroller).to_be_focused()
    # The last column, out of sight at first, comes into view from the keyboard.
    page.wait_for_function("el => el.scrollLeft > 0", arg=scroller.element_handle())
    assert_accessible(page)


def test_an_unknown_municipality_in_the_overview_gets_a_clear_message(site, page):
    make_catalogue()
    page.goto(site + "/roller/?kommune=oslo")
    expect(page.get_by_role("region", name="Filteret kunne ikke brukes")).to_contain_text(
        "Kommunen «oslo» er ikke med i samarbeidet. Velg en kommune i listen."
    )
    expect(page.get_by_role("heading", level=2, name="Vestnes")).to_be_visible()
    assert_accessible(page)
