"""The service desk's figures against numbers worked out by hand.

Middels: 3 timer / 3 arbeidsdager; Høy: 1 time / 4 timer; Lav: 4 timer / 5 arbeidsdager;
Kundeservice open Monday–Friday 08:00–15:30. Cases opened Monday 2 March 2026 at 09:00
(Middels) have their answer due at 12:00 and their solution on Thursday 5 March 09:00.
Counted opening time: Monday from 09:00 is 6.5 h, a whole day 7.5 h.
"""

import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from governance.demo_service_desk import load_demo_cases
from governance.models import ServiceDeskImport, ServiceDeskWait
from governance.service_desk import compliance, missed_cases, nearest_rank
from governance.service_desk_import import import_cases
from tests.conftest import soup

OSLO = ZoneInfo("Europe/Oslo")
HOUR = 3600
ROWS = [
    # Middels, answered after 0.5 h; solved Tuesday 09:00 (6.5 + 1 = 7.5 h): both in time.
    "A;02.03.2026 09:00;Middels;02.03.2026 09:30;03.03.2026 09:00",
    # Answered after 1 h; solved Wednesday 09:00 (6.5 + 7.5 + 1 = 15 h): both in time.
    "B;02.03.2026 09:00;Middels;02.03.2026 10:00;04.03.2026 09:00",
    # Answered after 4 h (due 12:00) and solved Friday 09:00 (30 h; due Thursday): missed both.
    "C;02.03.2026 09:00;Middels;02.03.2026 13:00;06.03.2026 09:00",
    # Answered after 2 h, never solved: the solution was due Thursday, so it missed.
    "D;02.03.2026 09:00;Middels;02.03.2026 11:00;",
    # Opened this morning and not answered yet: not due, so counted in neither.
    "E;16.03.2026 09:00;Middels;;",
    # Høy, answered after 0.5 h, solved Tuesday 10:00 (1.5 + 2 = 3.5 h; due 10:30).
    "F;02.03.2026 14:00;Høy;02.03.2026 14:30;03.03.2026 10:00",
    # Lav, solved after 3 h without a recorded answer: the solution answered it.
    "I;02.03.2026 08:00;Lav;;02.03.2026 11:00",
    # Outside the period (February, and the first moment of April).
    "H;27.02.2026 15:00;Middels;;",
    "G;01.04.2026 00:00;Middels;;",
]
NOW = datetime.datetime(2026, 3, 16, 10, tzinfo=OSLO)
MARCH = (
    datetime.datetime(2026, 3, 1, tzinfo=OSLO),
    datetime.datetime(2026, 4, 1, tzinfo=OSLO),
)


@pytest.fixture
def cases(sla):
    header = "saksnummer;meldt;prioritet;første svar;løst"
    data = "\n".join([header, *ROWS]).encode()
    import_cases(SimpleUploadedFile("eksport.csv", data), "eksport.csv")


def by_priority(figures):
    return {entry.priority: entry for entry in figures}


@pytest.mark.django_db
def test_every_priority_of_the_sla_in_its_order_even_without_cases(cases):
    figures = compliance(*MARCH, now=NOW)
    assert [entry.priority for entry in figures] == ["Kritisk", "Høy", "Middels", "Lav"]
    critical = figures[0]
    assert critical.cases == 0
    assert (critical.answered_share, critical.solved_share) == (None, None)
    assert critical.response_median_seconds is None
    assert critical.missed == []


@pytest.mark.django_db
def test_shares_count_the_overdue_and_leave_out_what_is_not_yet_due(cases):
    middels = by_priority(compliance(*MARCH, now=NOW))["Middels"]
    assert middels.cases == 5  # A–E
    # Answers: A, B, D in time, C late; E not due yet.
    assert (middels.answered_in_time, middels.response_measured) == (3, 4)
    assert middels.answered_share == Decimal("75.0")
    # Solutions: A, B in time; C late; D overdue; E not due yet.
    assert (middels.solved_in_time, middels.resolution_measured) == (2, 4)
    assert middels.solved_share == Decimal("50.0")


@pytest.mark.django_db
def test_median_and_90th_percentile_by_nearest_rank(cases):
    middels = by_priority(compliance(*MARCH, now=NOW))["Middels"]
    # Answer times 0.5, 1, 2, 4 h: median at rank ⌈2⌉ = 2, p90 at rank ⌈3.6⌉ = 4.
    assert middels.response_median_seconds == 1 * HOUR
    assert middels.response_p90_seconds == 4 * HOUR
    # Solution times 7.5, 15, 30 h: median at rank ⌈1.5⌉ = 2, p90 at rank ⌈2.7⌉ = 3.
    assert middels.resolution_median_seconds == 15 * HOUR
    assert middels.resolution_p90_seconds == 30 * HOUR


@pytest.mark.django_db
def test_the_cases_that_missed_with_their_deadlines(cases):
    figures = compliance(*MARCH, now=NOW)
    missed = [(item.reference, item.what, item.due, item.actual) for item in missed_cases(figures)]
    at = lambda day, hour: datetime.datetime(2026, 3, day, hour, tzinfo=OSLO)  # noqa: E731
    assert missed == [
        ("C", "svartid", at(2, 12), at(2, 13)),
        ("C", "løsningstid", at(5, 9), at(6, 9)),
        ("D", "løsningstid", at(5, 9), None),
    ]


@pytest.mark.django_db
def test_a_solution_without_an_answer_counts_as_the_answer(cases):
    figures = by_priority(compliance(*MARCH, now=NOW))
    low, high = figures["Lav"], figures["Høy"]
    assert (low.answered_share, low.response_median_seconds) == (Decimal("100.0"), 3 * HOUR)
    assert (high.answered_share, high.solved_share) == (Decimal("100.0"), Decimal("100.0"))
    assert high.resolution_p90_seconds == int(3.5 * HOUR)


@pytest.mark.django_db
def test_a_deadline_passing_turns_a_waiting_case_into_a_missed_one(cases):
    later = datetime.datetime(2026, 3, 16, 12, 30, tzinfo=OSLO)
    middels = by_priority(compliance(*MARCH, now=later))["Middels"]
    assert (middels.answered_in_time, middels.response_measured) == (3, 5)
    assert middels.answered_share == Decimal("60.0")


@pytest.mark.django_db
def test_the_period_is_by_the_day_the_case_was_opened(cases):
    february = compliance(datetime.datetime(2026, 2, 1, tzinfo=OSLO), MARCH[0], now=NOW)
    assert sum(entry.cases for entry in february) == 1
    assert sum(entry.cases for entry in compliance(*MARCH, now=NOW)) == 7


def test_nearest_rank():
    values = list(range(1, 11))
    assert nearest_rank(values, 50) == 5
    assert nearest_rank(values, 90) == 9
    assert nearest_rank([7], 90) == 7
    assert nearest_rank([], 50) is None


@pytest.mark.django_db
def test_the_page_shows_the_figures_for_the_chosen_period(client, editor, cases):
    client.force_login(editor)
    page = soup(client.get("/kundeservice/tall/?fra=2026-03-01&til=2026-03-31"))
    assert page.find(id="tall-tittel").text == (
        "Saker meldt fra søndag 1. mars 2026 til og med tirsdag 31. mars 2026"
    )
    response = page.find("caption", string="Svartid: første svar innen målet").parent
    middels = [cell.text for cell in response.find("th", string="Middels").parent.select("th, td")]
    # The page is read long after E's answer was due: it counts, as missed.
    assert middels == ["Middels", "3 timer", "5", "5", "3", "60 %", "1 t", "4 t"]
    missed = page.select("#ikke-naadd-tabell ~ tbody tr")
    first = [cell.text for cell in missed[0].select("th, td")]
    assert first == [
        "C",
        "Middels",
        "mandag 2. mars 2026 kl. 09:00",
        "Svartid",
        "mandag 2. mars 2026 kl. 12:00",
        "mandag 2. mars 2026 kl. 13:00",
    ]


@pytest.mark.django_db
def test_a_period_that_ends_before_it_starts_is_explained(client, editor, sla):
    client.force_login(editor)
    page = soup(client.get("/kundeservice/tall/?fra=2026-03-31&til=2026-03-01"))
    assert page.select_one(".error-summary li").text.strip() == (
        "«Til og med» kan ikke være før «fra»."
    )
    assert page.find("caption") is None


@pytest.mark.django_db
def test_the_demo_year_looks_like_a_real_service_desk_and_loads_once(sla):
    today = datetime.date(2026, 11, 29)
    record = load_demo_cases(today)
    assert 1200 <= record.created_count <= 1800
    year = (
        datetime.datetime(2025, 11, 29, tzinfo=OSLO),
        datetime.datetime(2026, 11, 29, tzinfo=OSLO),
    )
    now = datetime.datetime(2026, 11, 29, tzinfo=OSLO)
    figures = by_priority(compliance(*year, now=now))
    middels = figures["Middels"]
    assert middels.cases > 500
    assert Decimal(80) < middels.answered_share < Decimal(99)
    assert Decimal(80) < middels.solved_share < Decimal(99)
    assert 0 < len(missed_cases(figures.values())) < 300
    assert ServiceDeskWait.objects.exists()

    assert load_demo_cases(today) is None
    assert load_demo_cases(today + datetime.timedelta(days=7)) is None
    assert ServiceDeskImport.objects.count() == 1
