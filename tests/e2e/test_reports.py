"""The samarbeidsråd's report: a reader picks a quarter, prints it; an editor publishes it."""

import datetime
import re
from zoneinfo import ZoneInfo

from django.core.files.uploadedfile import SimpleUploadedFile
from playwright.sync_api import expect

from governance.models import Outage
from governance.service_desk_import import import_cases
from ideas.models import Transition
from tests.councils.factories import organisation
from tests.e2e.conftest import assert_accessible, log_in
from tests.governance.factories import ServiceFactory
from tests.ideas.factories import IdeaFactory, cooperation_council

OSLO = ZoneInfo("Europe/Oslo")
EXPORT = "\n".join(
    [
        "saksnummer;meldt;prioritet;første svar;løst",
        "R-1;02.03.2026 09:00;Høy;02.03.2026 09:30;02.03.2026 11:00",
        "R-2;03.03.2026 09:00;Høy;03.03.2026 11:00;03.03.2026 12:00",
    ]
).encode()


def first_quarter_data():
    """Two cases, a logged service that was down an hour, an unlogged one, and an idea."""
    import_cases(SimpleUploadedFile("eksport.csv", EXPORT), "eksport.csv")
    logged = ServiceFactory(name="Økonomisystem", outages_logged_since=datetime.date(2025, 1, 1))
    ServiceFactory(name="Bibliotekssystem")
    Outage.objects.create(
        service=logged,
        starts_at=datetime.datetime(2026, 2, 10, 10, tzinfo=OSLO),
        ends_at=datetime.datetime(2026, 2, 10, 11, tzinfo=OSLO),
        category=Outage.Category.COUNTED,
        description="Databasen stoppet.",
    )
    idea = IdeaFactory(municipality=organisation("rauma"))
    sent = Transition.objects.create(
        idea=idea,
        move="submit",
        from_state="utkast",
        to_state="sendt-inn",
        actor_name="Ansatt",
        told="Idéen ble sendt inn.",
    )
    Transition.objects.filter(pk=sent.pk).update(at=datetime.datetime(2026, 2, 2, 9, tzinfo=OSLO))


def test_a_reader_picks_a_quarter_sees_the_sections_and_prints_them(site, page):
    first_quarter_data()
    page.goto(site + "/")
    page.get_by_role("navigation", name="Hovedmeny").get_by_role("link", name="Rapporter").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Rapport til samarbeidsrådet")
    assert_accessible(page)

    page.get_by_label("Periode", exact=True).select_option(label="1. kvartal 2026")
    page.get_by_role("button", name="Vis rapporten").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Rapport til samarbeidsrådet: 1. kvartal 2026"
    )
    for heading in ("1. Kundeservice", "2. Oppetid per tjeneste", "3. Idépipeline"):
        expect(page.get_by_role("heading", name=re.compile(heading))).to_be_visible()
    expect(page.get_by_role("img", name="Oppetid i perioden per tjeneste")).to_be_visible()
    uptime = page.get_by_role("table", name="Oppetid per tjeneste og måned, mot målet")
    expect(uptime.get_by_role("row", name=re.compile("^Bibliotekssystem"))).to_contain_text(
        "ingen data"
    )
    expect(uptime.get_by_role("row", name=re.compile("^Økonomisystem"))).to_contain_text("99,85 %")
    # The chart's numbers, for those who would rather read them.
    numbers = page.get_by_role("table", name="Andel saker med svar og løsning innen fristen")
    expect(numbers).to_be_hidden()
    page.get_by_text("Vis tallene").first.click()
    expect(numbers.get_by_role("row", name=re.compile("^Høy"))).to_contain_text("50,0 %")
    assert_accessible(page)

    page.get_by_role("link", name="Utskriftsvennlig versjon").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Rapport til samarbeidsrådet: 1. kvartal 2026"
    )
    assert_accessible(page)
    page.emulate_media(media="print")
    expect(page.get_by_role("navigation", name="Hovedmeny")).to_be_hidden()
    expect(page.get_by_role("img", name="Oppetid i perioden per tjeneste")).to_be_visible()
    expect(
        page.get_by_role("table", name="Idéer per status og kommune ved periodens slutt")
    ).to_be_visible()
    expect(numbers).to_be_visible()  # the tables behind "Vis tallene" are printed too


def test_a_bad_period_is_explained(site, page):
    page.goto(site + "/rapporter/?periode=2026-K7")
    expect(page.get_by_role("alert")).to_contain_text("Kvartalet må være et tall fra 1 til 4.")
    assert_accessible(page)


def test_an_editor_publishes_and_the_samarbeidsrad_page_lists_the_report(site, page, editor):
    first_quarter_data()
    council = cooperation_council()
    log_in(page, site, editor.username)
    page.goto(site + "/rapporter/?periode=2026-K1")
    page.get_by_role("button", name="Publiser rapporten for 1. kvartal 2026").click()
    expect(page.get_by_role("status")).to_contain_text("er publisert på rådets side")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Rapport til Samarbeidsrådet, 1. kvartal 2026"
    )
    expect(page.get_by_text("Tallene ble hentet")).to_contain_text("er frosset")
    assert_accessible(page)

    page.get_by_role("link", name="Samarbeidsrådet").click()
    expect(page).to_have_url(re.compile(f"/rad/{council.slug}/$"))
    page.get_by_role("link", name="Rapport til Samarbeidsrådet, 1. kvartal 2026").click()
    expect(page.get_by_role("heading", name="3. Idépipeline")).to_be_visible()
    assert_accessible(page)
