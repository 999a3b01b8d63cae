"""A reader checks whether ROR-IKT kept its uptime promise (SLA 6.2), month by month."""

import datetime
import re
from zoneinfo import ZoneInfo

from django.utils import timezone
from django.utils.formats import date_format
from playwright.sync_api import expect

from governance import uptime
from governance.models import Outage
from tests.e2e.conftest import assert_accessible
from tests.governance.factories import ServiceFactory

OSLO = ZoneInfo("Europe/Oslo")


def make_log():
    """Gerica, logged from two months back, was down three hours last month."""
    this_month = uptime.first_of_month(timezone.localdate())
    last_month = uptime.add_months(this_month, -1)
    gerica = ServiceFactory(
        name="Gerica", slug="gerica", outages_logged_since=uptime.add_months(this_month, -2)
    )
    ServiceFactory(name="Visma Flyt Skole", slug="visma-flyt-skole")
    start = datetime.datetime.combine(last_month.replace(day=10), datetime.time(9), OSLO)
    Outage.objects.create(
        service=gerica,
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=3),
        category=Outage.Category.COUNTED,
        description="Databasetjeneren stoppet.",
    )
    Outage.objects.create(
        service=gerica,
        starts_at=start + datetime.timedelta(days=5),
        ends_at=start + datetime.timedelta(days=5, minutes=40),
        category=Outage.Category.LINE_POWER,
        description="Strømbrudd i Molde sentrum.",
    )
    return this_month, last_month


def test_a_reader_sees_no_data_and_a_figure_and_opens_a_services_log(site, page):
    this_month, last_month = make_log()
    page.goto(site + "/sla/")
    page.get_by_role("link", name=re.compile("Se oppetiden per tjeneste")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Oppetid per tjeneste")

    table = page.get_by_role("table", name=re.compile("Oppetid per tjeneste fra"))
    gerica = table.get_by_role("row", name=re.compile("^Gerica"))
    columns = table.locator("thead th").all_inner_texts()
    cells = gerica.locator("th, td")
    earlier = uptime.add_months(this_month, -4)
    expect(cells.nth(columns.index(date_format(earlier, "F Y")))).to_have_text("ingen data")
    expect(cells.nth(columns.index(date_format(last_month, "F Y")))).to_have_text(
        re.compile(r"99,\d\d %\s+✗ ikke nådd")
    )
    expect(table.get_by_role("row", name=re.compile("^Visma Flyt Skole"))).to_contain_text(
        "ingen data"
    )
    assert_accessible(page)

    page.get_by_role("combobox", name="Fra måned").select_option(
        label=date_format(last_month, "F Y")
    )
    page.get_by_role("combobox", name="Til og med måned").select_option(
        label=date_format(this_month, "F Y")
    )
    page.get_by_role("button", name="Vis oppetiden").click()
    expect(table.locator("thead th")).to_have_count(4)

    table.get_by_role("link", name="Gerica").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Oppetid for Gerica")
    log = page.get_by_role("table", name=re.compile("^Avbrudd for Gerica"))
    expect(log.get_by_role("row", name=re.compile("Strømbrudd"))).to_contain_text(
        "Nei, unntatt etter SLA 6.2: linje- eller strømbrudd"
    )
    expect(log.get_by_role("row", name=re.compile("Databasetjeneren"))).to_contain_text("3 timer")
    assert_accessible(page)

    page.get_by_role("link", name="Les om tjenesten i tjenestekatalogen").click()
    expect(page.get_by_role("heading", name="Oppetid siste 12 måneder")).to_be_visible()
    assert_accessible(page)
