"""An editor changes a section; an approver accepts it; readers see the new version."""

import re

from playwright.sync_api import expect

from governance.models import SLAPage
from tests.e2e.conftest import assert_accessible, log_in


def test_editor_changes_a_section_and_approver_publishes_it_as_a_new_version(
    site, new_page, editor, approver
):
    sla_id = SLAPage.objects.get().pk
    edit_url = f"{site}/admin/pages/{sla_id}/edit/"

    page = new_page()
    log_in(page, site, "redaktor")
    page.goto(edit_url)
    page.locator(".DraftEditor-root", has_text="Formålet med support").click()
    page.keyboard.press("Control+End")
    page.keyboard.type(" Dette gjelder alle tjenester i tjenestekatalogen.")
    page.get_by_label("Hva er endret").fill("Formålet med support gjelder hele katalogen.")
    assert_accessible(page)
    page.get_by_role("button", name="Flere handlinger").click()
    page.get_by_role("button", name="Send inn til Godkjenning av styringsdokumenter").click()
    expect(page.get_by_role("status")).to_contain_text("er sendt til godkjenning")

    reader = new_page()
    reader.goto(site + "/sla/")
    expect(reader.locator(".document-meta")).to_contain_text("Versjon 1")
    expect(reader.locator("body")).not_to_contain_text("alle tjenester i tjenestekatalogen")

    page = new_page()
    log_in(page, site, "godkjenner")
    expect(page.get_by_role("link", name="Tjenestenivåerklæring (SLA)")).to_be_visible()
    assert_accessible(page)
    page.goto(edit_url)
    page.get_by_role("button", name="Flere handlinger").click()
    page.get_by_role("button", name="Godkjenn og Publiser").click()
    expect(page.get_by_role("status")).to_contain_text(
        'Siden "Tjenestenivåerklæring (SLA)" er oppdatert.'
    )

    reader.goto(site + "/sla/")
    expect(reader.locator(".document-meta")).to_contain_text("Versjon 2")
    expect(reader.locator('section[aria-labelledby="5.1"]')).to_contain_text(
        "Dette gjelder alle tjenester i tjenestekatalogen."
    )
    reader.get_by_role("link", name="Hva er endret i versjon 2").click()
    expect(reader).to_have_url(re.compile(r"/sla/versjoner/2/endringer/$"))
    change = reader.locator("section.change")
    expect(change).to_have_count(1)
    expect(change.get_by_role("heading")).to_contain_text("5.1 Formål")
    expect(change.locator("ins")).to_contain_text(
        "Dette gjelder alle tjenester i tjenestekatalogen."
    )
    assert_accessible(reader)

    reader.goto(site + "/sla/versjoner/1/")
    expect(reader.locator('section[aria-labelledby="5.1"]')).not_to_contain_text(
        "tjenestekatalogen"
    )


def test_bad_figures_are_refused_with_clear_messages_and_nothing_changes(site, new_page, approver):
    page = new_page()
    log_in(page, site, "godkjenner")
    page.goto(f"{site}/admin/pages/{SLAPage.objects.get().pk}/edit/")
    page.get_by_label("Gjeldende fra").fill("2020-01-01")
    page.get_by_role("tab", name="Tall og kontaktinformasjon").click()
    page.locator('input[name="contact_channels-1-preferred"]').check()
    page.get_by_role("button", name="Flere handlinger").click()
    page.get_by_role("button", name="Publiser").click()

    expect(page.get_by_text("Merk nøyaktig én kontaktkanal som foretrukket.")).to_be_visible()
    page.get_by_role("tab", name="Tekst").click()
    expect(
        page.get_by_text(
            "En ny versjon kan ikke gjelde fra før gjeldende versjon (01.01.2026).", exact=True
        )
    ).to_be_visible()
    assert_accessible(page)

    sla = SLAPage.objects.get()
    assert sla.versions.count() == 1
    assert [c.preferred for c in sla.contact_channels.all()] == [True, False, False]
