"""An editor uploads the service desk's export with an error, fixes it, and sees the figures."""

from playwright.sync_api import expect

from tests.e2e.conftest import assert_accessible, submit_login

HEADER = "saksnummer;meldt;prioritet;første svar;løst;ventetid"
GOOD = [
    "K-101;02.03.2026 09:00;Middels;02.03.2026 09:30;03.03.2026 09:00;",
    "K-102;02.03.2026 09:00;Middels;02.03.2026 13:00;02.03.2026 14:00;",
    "K-103;02.03.2026 14:00;Høy;02.03.2026 14:20;03.03.2026 09:00;03.03.2026 08:00–08:30",
]
# The solution is written before the case was reported: a typing error in row 3.
TYPO = "K-102;02.03.2026 09:00;Middels;02.03.2026 13:00;01.03.2026 14:00;"


def export(tmp_path, rows):
    path = tmp_path / "kundeservice-mars.csv"
    path.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8-sig")
    return path


def test_an_editor_fixes_a_refused_export_and_reads_the_figures(site, page, editor, tmp_path):
    page.goto(site + "/kundeservice/")
    submit_login(page, "redaktor")
    expect(page.get_by_role("heading", level=1)).to_have_text("Last opp eksport fra Kundeservice")
    assert_accessible(page)

    page.get_by_label("Eksportfil fra Kundeservice").set_input_files(
        export(tmp_path, [GOOD[0], TYPO, GOOD[2]])
    )
    page.get_by_role("button", name="Last opp og importer").click()
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("Filen «kundeservice-mars.csv» ble ikke importert")
    expect(summary).to_contain_text("Rad 3: «løst» er før «meldt».")
    expect(summary).to_contain_text("Ingenting er lagret.")
    assert_accessible(page)

    page.get_by_label("Eksportfil fra Kundeservice").set_input_files(export(tmp_path, GOOD))
    page.get_by_role("button", name="Last opp og importer").click()
    expect(page.get_by_role("status")).to_contain_text("er importert")
    expect(page.locator(".service-facts")).to_contain_text("Nye saker3")
    assert_accessible(page)

    page.get_by_role("link", name="Se tallene for sakene").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Kundeservice i tall")
    response = page.get_by_role("table", name="Svartid: første svar innen målet")
    middels = response.get_by_role("row", name="Middels")
    expect(middels).to_contain_text("50 %")  # K-101 in time, K-102 answered after 4 hours
    expect(response.get_by_role("row", name="Høy")).to_contain_text("100 %")
    missed = page.get_by_role("table", name="Mål som ikke ble nådd, eldste sak først")
    expect(missed).to_contain_text("K-102")
    expect(missed).to_contain_text("mandag 2. mars 2026 kl. 12:00")
    assert_accessible(page)
