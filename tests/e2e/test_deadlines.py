"""A reader works out when a support case must be answered and solved (/sla/frister/)."""

import re

from playwright.sync_api import expect

from tests.e2e.conftest import assert_accessible, log_in


def test_a_reader_computes_the_deadlines_of_a_middels_case(site, page):
    page.goto(site + "/sla/")
    priorities = page.locator("section", has=page.locator('[id="5.6"]'))
    priorities.get_by_role("link", name="Regn ut frister").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Regn ut frister")
    expect(page.get_by_role("heading", name="Slik regnes fristene")).to_be_visible()
    assert_accessible(page)

    page.get_by_label("Prioritet").select_option(label="Middels")
    page.get_by_label("Dato saken ble meldt").fill("2026-03-27")
    page.get_by_label("Klokkeslett").fill("14:00")
    page.get_by_role("button", name="Regn ut frister").click()

    expect(page).to_have_url(re.compile(r"prioritet=Middels&dato=2026-03-27&klokkeslett=14"))
    result = page.get_by_role(
        "region", name=re.compile("Frister for en sak med prioritet Middels")
    )
    answer = result.get_by_role("region", name="Svar innen 3 timer")
    expect(answer.locator("#svar-frist")).to_have_text("mandag 30. mars 2026 kl. 09:30")
    expect(answer.get_by_role("listitem")).to_contain_text(
        ["Fredag 27. mars 2026: kl. 14:00–15:30 teller (1 t 30 min)", "Lørdag 28. mars 2026"]
    )
    solution = result.get_by_role("region", name="Løst innen 3 arbeidsdager")
    expect(solution.locator("#losning-frist")).to_have_text("onsdag 1. april 2026 kl. 14:00")
    expect(solution).to_contain_text("Onsdag 1. april 2026: arbeidsdag 3 av 3")
    expect(result.get_by_role("link", name="SLA-en, versjon 1")).to_have_attribute(
        "href", "/sla/versjoner/1/"
    )
    assert_accessible(page)


def test_a_date_outside_the_calendar_is_explained(site, page):
    page.goto(site + "/sla/frister/")
    page.get_by_label("Prioritet").select_option(label="Høy")
    page.get_by_label("Dato saken ble meldt").fill("1999-12-31")
    page.get_by_role("button", name="Regn ut frister").click()

    errors = page.get_by_role("region", name="Fristene kunne ikke regnes ut")
    expect(errors).to_contain_text("Velg en dato mellom år 2000 og 2100.")
    expect(page.get_by_label("Dato saken ble meldt")).to_have_attribute("aria-invalid", "true")
    expect(page.get_by_role("heading", name=re.compile("Frister for en sak"))).to_have_count(0)
    assert_accessible(page)

    errors.get_by_role("link", name=re.compile("Dato saken ble meldt")).click()
    expect(page.get_by_label("Dato saken ble meldt")).to_be_focused()


def test_an_editor_closes_julaften_and_the_deadlines_skip_it(site, page, editor):
    log_in(page, site, "redaktor")
    page.goto(site + "/admin/snippets/governance/specialopeningday/")
    assert_accessible(page)
    page.goto(site + "/admin/snippets/governance/specialopeningday/add/")
    page.get_by_label("Dato").fill("2026-12-24")
    page.get_by_label("Hva dagen er").fill("Julaften")
    assert_accessible(page)
    page.get_by_role("button", name="Lagre").first.click()
    row = page.get_by_role("row", name=re.compile("24. desember 2026"))
    expect(row).to_contain_text("Julaften")
    expect(row).to_contain_text("Stengt")
    assert_accessible(page)

    page.goto(site + "/sla/frister/?prioritet=H%C3%B8y&dato=2026-12-23&klokkeslett=13:00")
    expect(page.locator("#losning-frist")).to_have_text("mandag 28. desember 2026 kl. 09:30")
    expect(page.get_by_role("main")).to_contain_text(
        "Torsdag 24. desember 2026: Julaften (stengt), teller ikke"
    )
