"""The report to the samarbeidsråd: periods, figures, the page, Excel, and freezing."""

import datetime
import io
import json
from zoneinfo import ZoneInfo

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from governance.models import Outage, PublishedReport
from governance.report_periods import PeriodError, default_period, parse_period
from governance.reports import ReportError, build_report, publish_report
from governance.service_desk_import import import_cases
from ideas.models import Transition
from tests.conftest import soup
from tests.councils.factories import organisation
from tests.governance.factories import ServiceFactory
from tests.ideas.factories import IdeaFactory, cooperation_council

OSLO = ZoneInfo("Europe/Oslo")
UTC = datetime.UTC
NOW = datetime.datetime(2026, 11, 29, 12, tzinfo=OSLO)


# Periods


@pytest.mark.parametrize(
    "text, key, label, first, last",
    [
        ("2026-03", "2026-03", "mars 2026", "2026-03-01", "2026-03-31"),
        ("2026-k1", "2026-K1", "1. kvartal 2026", "2026-01-01", "2026-03-31"),
        (" 2026-K4 ", "2026-K4", "4. kvartal 2026", "2026-10-01", "2026-12-31"),
        ("2026-H2", "2026-H2", "2. halvår 2026", "2026-07-01", "2026-12-31"),
        ("2025", "2025", "året 2025", "2025-01-01", "2025-12-31"),
        ("2024-02", "2024-02", "februar 2024", "2024-02-01", "2024-02-29"),
    ],
)
def test_a_period_is_read_as_a_month_quarter_half_year_or_year(text, key, label, first, last):
    period = parse_period(text, now=NOW)
    assert (period.key, period.label) == (key, label)
    assert (period.starts_on.isoformat(), period.ends_on.isoformat()) == (first, last)


def test_a_period_runs_from_oslo_midnight_to_oslo_midnight():
    march = parse_period("2026-03", now=NOW)
    # Winter time at the start (UTC+1), summer time at the end (UTC+2).
    assert march.start.astimezone(UTC) == datetime.datetime(2026, 2, 28, 23, tzinfo=UTC)
    assert march.end.astimezone(UTC) == datetime.datetime(2026, 3, 31, 22, tzinfo=UTC)
    assert parse_period("2026-H2", now=NOW).month_starts[-1] == datetime.date(2026, 12, 1)


@pytest.mark.parametrize(
    "text, message",
    [
        ("mars", "«mars» er ikke en periode. Skriv en måned som 2026-03"),
        ("", "«» er ikke en periode."),
        ("2026-13", "Måneden må være et tall fra 1 til 12."),
        ("2026-K5", "Kvartalet må være et tall fra 1 til 4."),
        ("2026-H3", "Halvåret må være et tall fra 1 til 2."),
        ("2026-3", "«2026-3» er ikke en periode."),
        ("1999-K1", "Rapportene begynner i 2000."),
        ("2027-01", "Perioden januar 2027 har ikke begynt ennå."),
    ],
)
def test_a_bad_period_is_refused_in_norwegian(text, message):
    with pytest.raises(PeriodError) as refused:
        parse_period(text, now=NOW)
    assert str(refused.value).startswith(message)


def test_the_default_period_is_the_last_full_month_in_oslo():
    assert default_period(NOW).key == "2026-10"
    # 1 January 00:30 in Oslo is still 31 December in UTC; the last full month is December.
    new_year = datetime.datetime(2026, 12, 31, 23, 30, tzinfo=UTC)
    assert default_period(new_year).key == "2026-12"


# Figures


SERVICE_DESK_EXPORT = "\n".join(
    [
        "saksnummer;meldt;prioritet;første svar;løst",
        # Høy, answered after 30 min and solved after 2 h: in time (1 time / 4 timer).
        "R-1;02.03.2026 09:00;Høy;02.03.2026 09:30;02.03.2026 11:00",
        # Høy, answered after 2 h: late; solved after 3 h: in time.
        "R-2;03.03.2026 09:00;Høy;03.03.2026 11:00;03.03.2026 12:00",
        # April: outside the first quarter.
        "R-3;01.04.2026 09:00;Høy;01.04.2026 09:10;01.04.2026 10:00",
    ]
).encode()


@pytest.fixture
def data(sla):
    """A quarter's worth of each kind: two cases, a service with an outage, a new idea."""
    import_cases(SimpleUploadedFile("eksport.csv", SERVICE_DESK_EXPORT), "eksport.csv", now=NOW)
    logged = ServiceFactory(name="Økonomisystem", outages_logged_since=datetime.date(2025, 1, 1))
    ServiceFactory(name="Bibliotekssystem", outages_logged_since=None)
    Outage.objects.create(
        service=logged,
        starts_at=datetime.datetime(2026, 2, 10, 10, tzinfo=OSLO),
        ends_at=datetime.datetime(2026, 2, 10, 11, tzinfo=OSLO),
        category=Outage.Category.COUNTED,
        description="Databasen stoppet.",
    )
    idea(datetime.datetime(2026, 2, 2, 9, tzinfo=OSLO))
    return logged


def idea(sent_in, place="molde"):
    made = IdeaFactory(municipality=organisation(place))
    transition = Transition.objects.create(
        idea=made,
        move="submit",
        from_state="utkast",
        to_state="sendt-inn",
        actor_name="Ansatt",
        told="Idéen ble sendt inn.",
    )
    Transition.objects.filter(pk=transition.pk).update(at=sent_in)
    return made


def q1():
    return build_report(parse_period("2026-K1", now=NOW), now=NOW)


def test_the_report_is_plain_json_that_survives_a_round_trip(data):
    report = q1()
    assert json.loads(json.dumps(report)) == report
    assert report["period"] == {
        "key": "2026-K1",
        "kind": "kvartal",
        "label": "1. kvartal 2026",
        "starts_on": "2026-01-01",
        "ends_on": "2026-03-31",
        "months": ["2026-01-01", "2026-02-01", "2026-03-01"],
    }
    assert report["complete"] is True


def test_service_desk_compliance_per_priority_covers_cases_opened_in_the_period(data):
    desk = q1()["service_desk"]
    assert desk["cases"] == 2
    high = next(row for row in desk["priorities"] if row["priority"] == "Høy")
    assert (high["response_target"], high["resolution_target"]) == ("1 time", "4 timer")
    assert (high["answered_in_time"], high["answered_share"]) == (1, "50.0")
    assert (high["solved_in_time"], high["solved_share"]) == (2, "100.0")


def test_uptime_per_service_and_month_with_no_data_shown_as_such(data):
    services = {row["name"]: row for row in q1()["uptime"]["services"]}
    economy = services["Økonomisystem"]
    # February has 672 hours; one hour down: 671/672 = 99.851… %.
    assert [m["percent"] for m in economy["months"]] == ["100.00", "99.85", "100.00"]
    # The quarter: 744 + 672 + 743 hours (summer time began in March), one down.
    assert economy["measured_seconds"] == (744 + 672 + 743) * 3600
    assert (economy["percent"], economy["met"], economy["target"]) == ("99.95", True, "99.80")
    library = services["Bibliotekssystem"]
    assert [m["percent"] for m in library["months"]] == [None, None, None]
    assert (library["percent"], library["met"]) == (None, None)


def test_the_page_shows_a_quarter_with_every_section(client, data):
    page = soup(client.get("/rapporter/", {"periode": "2026-K1"}))
    assert page.h1.get_text() == "Rapport til samarbeidsrådet: 1. kvartal 2026"
    headings = [h.get_text() for h in page.select("main h2")]
    assert headings[:3] == [
        "1. Kundeservice: svartid og løsningstid",
        "2. Oppetid per tjeneste",
        "3. Idépipeline",
    ]
    text = page.get_text(" ")
    assert "50,0 %" in text  # Høy answered in time
    assert "99,85 %" in text and "ingen data" in text
    assert len(page.select("svg[role=img]")) == 4
    assert page.select_one("select#periode option[selected]")["value"] == "2026-K1"


def test_without_a_period_the_page_shows_the_last_full_month(client, db):
    page = soup(client.get("/rapporter/"))
    assert page.h1.get_text().endswith(default_period().label)


def test_an_older_period_than_the_list_offers_stays_chosen(client, db):
    page = soup(client.get("/rapporter/", {"periode": "2020-K1"}))
    assert page.select_one("select#periode option[selected]").get_text() == "1. kvartal 2020"


def test_a_bad_period_is_explained_and_nothing_else_is_shown(client, db):
    response = client.get("/rapporter/", {"periode": "2026-K9"})
    assert response.status_code == 400
    page = soup_any(response)
    assert page.select_one("[role=alert]").get_text(" ").startswith("Kvartalet må være")
    assert page.select_one("#periode")["aria-invalid"] == "true"
    assert not page.select("svg")


def soup_any(response):
    from bs4 import BeautifulSoup

    return BeautifulSoup(response.content, "html.parser")


def test_a_whole_year_can_be_read_and_printed(client, data):
    page = soup(client.get("/rapporter/", {"periode": "2026"}))
    assert "Oppetid" in page.get_text()
    assert len(page.select(".report-uptime thead th")) == 2 + 12 + 1
    economy = next(r for r in page.select(".report-uptime tbody tr") if "Økonomi" in r.th.text)
    assert economy.select("td")[-2].get_text() == "ingen data"  # December has not come
    printed = soup(client.get("/rapporter/utskrift/", {"periode": "2026-K1"}))
    assert all(d.has_attr("open") for d in printed.select("details.chart-numbers"))


# Excel


def test_the_excel_file_has_a_sheet_per_table_with_real_numbers(client, data):
    response = client.get("/rapporter/rapport.xlsx", {"periode": "2026-K1"})
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="rapport-2026-K1.xlsx"'
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == [
        "Om rapporten",
        "Kundeservice",
        "Oppetid",
        "Idéer per kommune",
        "Status ved slutt",
        "Vedtak og eskaleringer",
        "Tid i hvert steg",
    ]
    desk = book["Kundeservice"]
    high = next(row for row in desk.iter_rows(min_row=2) if row[0].value == "Høy")
    assert [c.value for c in desk[1]][:6] == [
        "Prioritet",
        "Svartid",
        "Løsningstid",
        "Saker",
        "Svar innen svartid",
        "Andel svar innen svartid",
    ]
    assert (high[3].value, high[5].value, high[5].number_format) == (2, 0.5, "0.0 %")
    # The median time to answer (the lower middle of 30 min and 2 h) is a real duration.
    assert high[6].number_format == "[h]:mm"
    assert high[6].value == datetime.timedelta(minutes=30)
    uptime = book["Oppetid"]
    economy = next(row for row in uptime.iter_rows(min_row=2) if row[0].value == "Økonomisystem")
    assert [c.value for c in uptime[1]][2:5] == ["Januar 2026", "Februar 2026", "Mars 2026"]
    assert economy[1].value == pytest.approx(0.998) and economy[3].value == pytest.approx(0.9985)
    assert economy[3].number_format == "0.00 %"
    library = next(r for r in uptime.iter_rows(min_row=2) if r[0].value == "Bibliotekssystem")
    assert library[2].value is None and library[-1].value == "ingen data"
    ideas = book["Idéer per kommune"]
    assert [c.value for c in ideas[1]] == [
        "Tall for perioden",
        "Aukra",
        "Molde",
        "Rauma",
        "Vestnes",
        "Til sammen",
    ]
    assert [c.value for c in ideas[2]] == ["Nye idéer", 0, 1, 0, 0, 1]


def test_a_bad_period_gives_no_excel_file(client, db):
    response = client.get("/rapporter/rapport.xlsx", {"periode": "neste år"})
    assert response.status_code == 400
    assert "er ikke en periode" in response.content.decode()


# Freezing and publishing


@pytest.fixture
def council(db):
    return cooperation_council()


def sheet_rows(content, name):
    return [[cell.value for cell in row] for row in load_workbook(io.BytesIO(content))[name]]


def test_a_published_report_does_not_change_when_the_data_does(client, data, council, editor):
    client.force_login(editor)
    response = client.post("/rapporter/publiser/", {"periode": "2026-K1"})
    published = PublishedReport.objects.get()
    assert response.url == f"/rapporter/publisert/{published.pk}/"
    client.logout()
    before = client.get(f"/rapporter/publisert/{published.pk}/").content
    live_before = client.get("/rapporter/", {"periode": "2026-K1"}).content
    excel = f"/rapporter/publisert/{published.pk}/rapport.xlsx"
    cases_before = sheet_rows(client.get(excel).content, "Kundeservice")

    more = "\n".join(
        ["saksnummer;meldt;prioritet;første svar;løst", "R-9;05.03.2026 09:00;Høy;;"]
    ).encode()
    import_cases(SimpleUploadedFile("mer.csv", more), "mer.csv")
    idea(datetime.datetime(2026, 3, 3, 9, tzinfo=OSLO), place="aukra")
    Outage.objects.create(
        service=data,
        starts_at=datetime.datetime(2026, 3, 2, 8, tzinfo=OSLO),
        ends_at=datetime.datetime(2026, 3, 2, 20, tzinfo=OSLO),
        category=Outage.Category.COUNTED,
        description="Strømmen gikk i serverrommet.",
    )

    assert client.get(f"/rapporter/publisert/{published.pk}/").content == before
    assert sheet_rows(client.get(excel).content, "Kundeservice") == cases_before
    assert client.get("/rapporter/", {"periode": "2026-K1"}).content != live_before
    page = soup(client.get(f"/rapporter/publisert/{published.pk}/"))
    assert page.h1.get_text() == "Rapport til Samarbeidsrådet, 1. kvartal 2026"
    assert "av Rita Redaktør" in page.select_one(".document-meta").get_text()


def test_the_samarbeidsrads_page_lists_its_published_reports(client, data, council, editor):
    first = publish_report(parse_period("2026-K1", now=NOW), editor, now=NOW)
    second = publish_report(parse_period("2026-K1", now=NOW), editor, now=NOW)
    assert second.title == "Rapport til Samarbeidsrådet, 1. kvartal 2026 (versjon 2)"
    assert first.figures == second.figures  # nothing changed in between
    page = soup(client.get(f"/rad/{council.slug}/"))
    links = [a.get_text() for a in page.select("#rapporter + ul a")]
    assert links == [second.title, first.title]
    older = soup(client.get(f"/rapporter/publisert/{first.pk}/"))
    assert "Det finnes en nyere versjon" in older.select_one(".notice").get_text()


def test_only_editors_may_publish(client, data, council, make_user):
    assert client.post("/rapporter/publiser/", {"periode": "2026-K1"}).status_code == 302
    client.force_login(make_user("leser"))
    assert client.post("/rapporter/publiser/", {"periode": "2026-K1"}).status_code == 403
    assert not PublishedReport.objects.exists()


def test_a_period_that_is_not_over_is_not_published(data, council, editor):
    with pytest.raises(ReportError, match="Perioden november 2026 er ikke over ennå"):
        publish_report(parse_period("2026-11", now=NOW), editor, now=NOW)
    with pytest.raises(ReportError, match="Perioden året 2026 er ikke over ennå"):
        publish_report(parse_period("2026", now=NOW), editor, now=NOW)
    assert not PublishedReport.objects.exists()


def test_a_whole_year_that_is_over_is_published(data, council, editor):
    report = publish_report(parse_period("2025", now=NOW), editor, now=NOW)
    assert (report.period, report.starts_on, report.ends_on) == (
        "ar",
        datetime.date(2025, 1, 1),
        datetime.date(2025, 12, 31),
    )
    assert "2025" in report.title


def test_a_refused_publication_is_explained_on_the_report(client, db, editor):
    client.force_login(editor)
    response = client.post("/rapporter/publiser/", {"periode": "2026-K1"}, follow=True)
    assert "Det finnes ikke noe samarbeidsråd" in soup(response).select_one(".messages").text
    assert not PublishedReport.objects.exists()
