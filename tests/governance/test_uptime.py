"""Uptime per service per month (SLA 6.2), computed by hand and checked against the rules."""

import datetime
import re
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.test import Client
from django.utils import timezone
from django.utils.formats import date_format

from governance import demo_outages, uptime
from governance.editorial import OPERATIONS
from governance.models import Outage, Service
from tests.conftest import soup
from tests.governance.factories import ServiceFactory

OSLO = ZoneInfo("Europe/Oslo")
HOUR = 3600
NOW = datetime.datetime(2026, 11, 29, 12, 0, tzinfo=OSLO)
JANUARY = datetime.date(2026, 1, 1)
Category = Outage.Category


def at(day, hour=0, minute=0, month=1, year=2026):
    return datetime.datetime(year, month, day, hour, minute, tzinfo=OSLO)


def outage(service, starts_at, ends_at, category=Category.COUNTED):
    return Outage.objects.create(
        service=service,
        starts_at=starts_at,
        ends_at=ends_at,
        category=category,
        description="Tjenesten svarte ikke.",
    )


def months(service, first, last=None, now=NOW):
    return uptime.monthly_uptime([service], first, last or first, now=now)[service.pk]


@pytest.fixture
def service(db):
    return ServiceFactory(outages_logged_since=datetime.date(2025, 1, 1))


def test_an_outage_inside_a_month_lowers_that_months_uptime(service, sla):
    outage(service, at(12, 10), at(12, 12))
    [january] = months(service, JANUARY)
    # January has 744 hours; 2 hours down leaves 742 / 744 = 99.731 %, shown as 99,73 %.
    assert january.measured_seconds == 744 * HOUR
    assert january.downtime_seconds == 2 * HOUR
    assert january.percent == Decimal("99.73")
    assert january.percent_text == "99,73 %"
    assert january.target == sla.uptime_target
    assert january.met is False


def test_overlapping_outages_are_counted_once(service, sla):
    outage(service, at(12, 10), at(12, 12))
    outage(service, at(12, 11), at(12, 13))
    [january] = months(service, JANUARY)
    assert january.downtime_seconds == 3 * HOUR


def test_only_counted_downtime_lowers_uptime_and_exclusions_are_listed_per_category(service, sla):
    outage(service, at(12, 10), at(12, 11))
    outage(service, at(12, 10, 30), at(12, 12, 30), Category.LINE_POWER)
    outage(service, at(20, 8), at(20, 9), Category.USER)
    outage(service, at(20, 8, 30), at(20, 9, 30), Category.USER)
    [january] = months(service, JANUARY)
    assert january.downtime_seconds == HOUR
    assert january.excluded_seconds == {"brukerfeil": int(1.5 * HOUR), "linje-strom": 2 * HOUR}
    # 743 of 744 hours: 99.865 %, rounded down.
    assert january.percent == Decimal("99.86")
    assert january.met is True


def test_an_outage_across_a_months_end_is_split_between_the_months(service, sla):
    outage(service, at(31, 23), at(1, 1, month=2))
    january, february = months(service, JANUARY, datetime.date(2026, 2, 1))
    assert (january.downtime_seconds, february.downtime_seconds) == (HOUR, HOUR)
    assert february.measured_seconds == 28 * 24 * HOUR


def test_months_run_in_oslo_time_so_march_and_october_lose_and_gain_an_hour(service, sla):
    march = months(service, datetime.date(2026, 3, 1))[0]
    october = months(service, datetime.date(2026, 10, 1))[0]
    assert march.measured_seconds == 743 * HOUR
    assert october.measured_seconds == 745 * HOUR
    # An outage from Saturday evening to Sunday morning over the change lasts one hour less.
    outage(service, at(28, 23, month=3), at(29, 4, month=3))
    assert months(service, datetime.date(2026, 3, 1))[0].downtime_seconds == 4 * HOUR


def test_months_before_the_log_began_and_months_ahead_have_no_data(service, sla):
    service.outages_logged_since = datetime.date(2026, 3, 15)
    february, march = months(service, datetime.date(2026, 2, 1), datetime.date(2026, 3, 1))
    december = months(service, datetime.date(2026, 12, 1))[0]
    for month in (february, december):
        assert month.percent is None and month.met is None
        assert month.percent_text == "ingen data"
        assert month.measured_seconds == 0
    # March is measured from the 15th: 17 days less the hour lost to summer time.
    assert march.measured_from == at(15, month=3)
    assert march.measured_seconds == (17 * 24 - 1) * HOUR
    assert march.started_late and not march.ends_now


def test_outages_before_the_log_began_do_not_count(service, sla):
    service.outages_logged_since = datetime.date(2026, 1, 15)
    outage(service, at(14, 22), at(15, 2))
    [january] = months(service, JANUARY)
    assert january.downtime_seconds == 2 * HOUR


def test_a_service_without_a_log_has_no_data_in_any_month(sla):
    service = ServiceFactory(outages_logged_since=None)
    outage(service, at(12, 10), at(12, 12))
    assert all(month.percent is None for month in months(service, JANUARY, NOW.date()))


def test_the_current_month_is_measured_until_now(service, sla):
    november = months(service, datetime.date(2026, 11, 1))[0]
    assert november.measured_to == NOW
    assert november.measured_seconds == (28 * 24 + 12) * HOUR
    assert november.ends_now and not november.started_late


def test_an_ongoing_outage_counts_until_now(service, sla):
    outage(service, at(29, 10, month=11), None)
    november = months(service, datetime.date(2026, 11, 1))[0]
    assert november.downtime_seconds == 2 * HOUR
    later = months(service, datetime.date(2026, 11, 1), now=NOW + datetime.timedelta(hours=1))
    assert later[0].downtime_seconds == 3 * HOUR


def test_the_target_is_the_services_own_else_the_sla_pages(service, sla):
    outage(service, at(12, 10), at(12, 12))
    sla.uptime_target = Decimal("99.70")
    sla.save()
    [january] = months(service, JANUARY)
    assert (january.target, january.met) == (Decimal("99.70"), True)
    service.uptime_target = Decimal("99.95")
    [january] = months(service, JANUARY)
    assert (january.target, january.met) == (Decimal("99.95"), False)


def test_a_figure_just_short_of_the_target_never_shows_as_the_target(service, sla):
    # 5,400 s down in 744 hours is 99.7984 %: below 99,8 %, and shown as 99,79 %.
    outage(service, at(12, 10), at(12, 11, 30))
    [january] = months(service, JANUARY)
    assert january.percent_text == "99,79 %"
    assert january.met is False


def test_all_services_and_months_are_computed_from_one_query(
    service, sla, django_assert_num_queries
):
    others = [ServiceFactory(outages_logged_since=datetime.date(2025, 6, 1)) for _ in range(3)]
    for each in [service, *others]:
        outage(each, at(12, 10), at(12, 12))
    with django_assert_num_queries(1):
        figures = uptime.monthly_uptime(
            [service, *others],
            datetime.date(2025, 12, 1),
            datetime.date(2026, 11, 1),
            now=NOW,
            sla_target=sla.uptime_target,
        )
    assert [len(figures[each.pk]) for each in [service, *others]] == [12] * 4
    assert figures[others[0].pk][1].downtime_seconds == 2 * HOUR


def test_durations_and_percentages_read_as_norwegian():
    assert uptime.format_duration(0) == "0 min"
    assert uptime.format_duration(30) == "under 1 min"
    assert uptime.format_duration(HOUR + 300) == "1 time 5 min"
    assert uptime.format_duration(2 * 24 * HOUR + 3 * HOUR) == "2 døgn 3 timer"
    assert uptime.format_uptime(Decimal("100.00")) == "100 %"
    assert uptime.format_uptime(Decimal("99.87")) == "99,87 %"
    assert uptime.format_uptime(None) == "ingen data"


class TestRecordingAnOutage:
    """The rule the outage form checks before an outage enters the log."""

    def problems(self, service, starts_at, ends_at, **kwargs):
        return uptime.outage_problems(service, starts_at, ends_at, NOW, **kwargs)

    def test_an_outage_in_the_log_period_that_has_ended_is_accepted(self, service):
        assert self.problems(service, at(12, 10), at(12, 12)) == {}
        assert self.problems(service, at(29, 10, month=11), None) == {}

    def test_it_must_end_after_it_began(self, service):
        problems = self.problems(service, at(12, 12), at(12, 10))
        assert problems == {"ends_at": "Avbruddet må slutte etter at det begynte."}

    def test_it_cannot_lie_ahead_unless_it_is_planned_downtime_from_a_notice(self, service):
        ahead = NOW + datetime.timedelta(days=2)
        assert "driftsmelding" in self.problems(service, ahead, None)["starts_at"]
        assert (
            "La feltet stå tomt" in self.problems(service, at(29, 10, month=11), ahead)["ends_at"]
        )
        assert (
            self.problems(service, ahead, ahead + datetime.timedelta(hours=2), from_notice=True)
            == {}
        )

    def test_it_must_fall_in_the_period_the_service_logs(self, service):
        service.outages_logged_since = datetime.date(2026, 3, 1)
        problems = self.problems(service, at(12, 10), at(12, 12))
        assert "føres fra 1. mars 2026" in problems["starts_at"]
        service.outages_logged_since = None
        assert (
            "ingen dato for «avbrudd registrert fra»"
            in self.problems(service, at(12, 10), at(12, 12))["service"]
        )


# The pages ------------------------------------------------------------------------------


@pytest.fixture
def logged(db):
    """A service logged from two months back, down two hours (counted) last month."""
    this_month = uptime.first_of_month(timezone.localdate())
    last_month = uptime.add_months(this_month, -1)
    service = ServiceFactory(
        name="Gerica", slug="gerica", outages_logged_since=uptime.add_months(this_month, -2)
    )
    start = datetime.datetime.combine(last_month.replace(day=10), datetime.time(10), OSLO)
    outage(service, start, start + datetime.timedelta(hours=2))
    outage(
        service,
        start + datetime.timedelta(hours=1),
        start + datetime.timedelta(hours=5),
        Category.LINE_POWER,
    ).description = "Strømbrudd i Molde."
    return service


def cell(page, service, month):
    """The text of the overview's cell for `service` in `month`."""
    columns = [th.get_text(" ", strip=True) for th in page.select("thead th")]
    row = page.find("a", string=service.name).find_parent("tr")
    cells = row.find_all(["th", "td"])
    return cells[columns.index(date_format(month, "F Y"))].get_text(" ", strip=True)


def test_the_overview_shows_no_data_before_the_log_and_a_figure_after(client, logged, sla):
    this_month = uptime.first_of_month(timezone.localdate())
    page = soup(client.get("/oppetid/"))
    assert page.find("caption").get_text().startswith("Oppetid per tjeneste fra")
    assert len(page.select("thead th[scope=col]")) == 2 + 12
    assert cell(page, logged, uptime.add_months(this_month, -3)) == "ingen data"
    last = cell(page, logged, uptime.add_months(this_month, -1))
    assert re.fullmatch(r"99,\d\d % ✗ ikke nådd", last)
    assert "til nå" in cell(page, logged, this_month)
    target = page.find("a", string="Gerica").find_parent("tr").find("td").get_text()
    assert target == "99,8 %"
    chosen = [
        page.select_one(f"#id_{name} option[selected]").get_text() for name in ("fra", "til")
    ]
    assert chosen == [
        date_format(uptime.add_months(this_month, -11), "F Y"),
        date_format(this_month, "F Y"),
    ]


def test_a_reader_picks_the_months(client, logged, sla):
    page = soup(client.get("/oppetid/", {"fra": "2026-01", "til": "2026-03"}))
    assert [th.get_text() for th in page.select("thead th")][2:] == [
        "mars 2026",
        "februar 2026",
        "januar 2026",
    ]


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"fra": "2026-03", "til": "2026-01"}, "kan ikke være før «fra måned»"),
        ({"fra": "tull", "til": "2026-01"}, "Velg en måned fra lista."),
    ],
)
def test_a_bad_choice_of_months_is_explained_and_the_last_year_shown(
    client, logged, sla, query, message
):
    page = soup(client.get("/oppetid/", query))
    assert message in page.select_one(".error-summary").get_text()
    assert len(page.select("thead th[scope=col]")) == 2 + 12


def test_a_services_page_shows_its_months_and_why_each_outage_counts_or_not(client, logged, sla):
    page = soup(client.get("/oppetid/gerica/"))
    log = page.find("caption", string=re.compile("^Avbrudd for Gerica")).find_parent("table")
    reasons = [row.find_all("td")[3].get_text(" ", strip=True) for row in log.tbody("tr")]
    assert reasons == [
        "Nei, unntatt etter SLA 6.2 : linje- eller strømbrudd",
        "Ja, nedetid som teller",
    ]
    assert [row.find_all("td")[2].get_text() for row in log.tbody("tr")] == ["4 timer", "2 timer"]
    months = page.find("caption", string=re.compile("^Oppetid per måned")).find_parent("table")
    last_month = months.tbody("tr")[1].get_text(" ", strip=True)
    assert "ikke nådd" in last_month
    assert "2 timer" in last_month and "Linje- eller strømbrudd: 4 timer" in last_month


def test_an_ongoing_outage_shows_as_ongoing(client, logged, sla):
    outage(logged, timezone.now() - datetime.timedelta(minutes=90), None)
    page = soup(client.get("/oppetid/gerica/"))
    first = page.find("caption", string=re.compile("^Avbrudd")).find_parent("table").tbody.tr
    assert "Pågår" in first.get_text()
    assert "1 time 30 min så langt" in first.get_text()


def test_the_catalogue_and_the_sla_lead_to_the_uptime(client, logged, sla):
    page = soup(client.get("/tjenestekatalog/gerica/"))
    heading = page.find("h2", string="Oppetid siste 12 måneder")
    table = heading.find_next("table")
    assert len(table.tbody("tr")) == 12
    assert "ingen data" in table.tbody("tr")[-1].get_text()
    assert page.find("a", href="/oppetid/gerica/")
    sla_page = soup(client.get("/sla/"))
    assert sla_page.find(id="6.2").find_parent("section").find("a", href="/oppetid/")


def test_an_unknown_service_is_not_found(client, db):
    assert client.get("/oppetid/finnes-ikke/").status_code == 404


# The outage log in the admin ------------------------------------------------------------

OUTAGES = "/admin/snippets/governance/outage/"


@pytest.fixture
def operations(client, make_user):
    client.force_login(make_user("drift", OPERATIONS))
    return client


def outage_form(service, **fields):
    return {
        "service": service.pk,
        "starts_at": "2026-01-12 10:00",
        "ends_at": "2026-01-12 12:00",
        "category": Category.COUNTED,
        "description": "Innloggingen feilet.",
        **fields,
    }


def test_operations_record_an_outage_and_readers_see_it_at_once(client, operations, service, sla):
    reader = Client()
    query = {"fra": "2026-01", "til": "2026-01"}
    before = reader.get("/oppetid/", query)
    assert reader.get("/oppetid/", query)["X-Page-Cache"] == "hit"
    assert "100 %" in before.content.decode()

    response = operations.post(f"{OUTAGES}add/", outage_form(service))
    assert response.status_code == 302
    after = reader.get("/oppetid/", query)
    assert after["X-Page-Cache"] == "miss"
    assert "99,73 %" in after.content.decode()


def test_an_outage_that_ends_before_it_starts_is_refused_and_nothing_stored(operations, service):
    response = operations.post(f"{OUTAGES}add/", outage_form(service, ends_at="2026-01-12 09:00"))
    assert "Avbruddet må slutte etter at det begynte." in response.content.decode()
    assert not Outage.objects.exists()


def test_an_outage_before_the_log_began_is_refused(operations, service):
    service.outages_logged_since = datetime.date(2026, 2, 1)
    service.save()
    response = operations.post(f"{OUTAGES}add/", outage_form(service))
    assert "føres fra 1. februar 2026" in response.content.decode()
    assert not Outage.objects.exists()


def test_the_outage_log_lists_and_filters_by_service(operations, service):
    other = ServiceFactory(name="Visma", outages_logged_since=datetime.date(2025, 1, 1))
    outage(service, at(12, 10), at(12, 12))
    outage(other, at(13, 10), at(13, 12), Category.EXTERNAL)
    page = soup(operations.get(OUTAGES, {"service": other.pk}))
    rows = page.select("tbody tr")
    assert len(rows) == 1 and "Visma" in rows[0].get_text()


# The demo -------------------------------------------------------------------------------


def test_the_demo_log_has_figures_gaps_and_the_hard_cases_once(db):
    for slug in {spec.service for spec in demo_outages.OUTAGES} | {demo_outages.NOT_LOGGED}:
        ServiceFactory(slug=slug, name=slug)
    today = datetime.date(2026, 11, 29)
    created = demo_outages.load_demo_outages(today)
    assert created == len(demo_outages.OUTAGES)
    assert demo_outages.load_demo_outages(today) == 0
    assert Outage.objects.count() == created

    services = Service.objects.order_by("slug")
    figures = uptime.monthly_uptime(
        services, datetime.date(2025, 11, 1), datetime.date(2026, 10, 1), now=at(29, month=11)
    )
    by_slug = {service.slug: figures[service.pk] for service in services}
    assert all(month.percent is None for month in by_slug["bibliotekssystem"])
    # Index 0 is November 2025, so 8 is July 2026.
    culture = by_slug["kulturskoleadministrasjon"]
    assert culture[7].percent is None and culture[8].started_late  # logged from 15 July
    # The economy system's outage runs from 22:30 on 31 August over the month's end.
    august, september = by_slug["okonomisystem"][9:11]
    assert (august.downtime_seconds, september.downtime_seconds) == (5400, 5400)
    # The archive's two counted outages 13:05–13:55 and 13:30–14:40 overlap: 95 minutes.
    assert by_slug["sak-og-arkiv"][7].downtime_seconds == 95 * 60
    missed = [m for months in by_slug.values() for m in months if m.met is False]
    assert missed
