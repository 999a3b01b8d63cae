"""The SLA calendar and deadlines, case by case, against hand-computed times.

The published SLA (loaded in the test database) has Kundeservice open Monday–Friday
08:00–15:30 and the priorities Kritisk 15 min / 2 timer, Høy 1 time / 4 timer,
Middels 3 timer / 3 arbeidsdager and Lav 4 timer / 5 arbeidsdager, all in opening hours.
"""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from governance import sla_terms
from governance.models import SLAVersion, SpecialOpeningDay
from governance.sla_calendar import OSLO, CalendarError, format_moment
from governance.sla_deadlines import TermsLookup, UnknownPriority, terms_on
from tests.governance.helpers import draft_of_sla, publish

UTC = datetime.UTC


def oslo(text):
    """ "2026-03-27 14:00" as an aware datetime in Oslo time."""
    return datetime.datetime.fromisoformat(text).replace(tzinfo=OSLO)


def local(moment):
    """An aware datetime as "2026-03-27 14:00" in Oslo time."""
    return moment.astimezone(OSLO).strftime("%Y-%m-%d %H:%M")


def due(priority, opened, waits=()):
    """(response due, resolution due) in Oslo time, for a case opened at `opened`."""
    response, resolution = terms_on(oslo(opened)).deadlines(
        priority, oslo(opened), [(oslo(start), oslo(end)) for start, end in waits]
    )
    return local(response.due), local(resolution.due)


def texts(deadline):
    return [step.text for step in deadline.steps]


def test_dates_are_shown_in_norwegian():
    assert format_moment(oslo("2026-01-05 08:00")) == "mandag 5. januar 2026 kl. 08:00"


def test_hours_run_inside_one_working_day(sla):
    """Høy opened Monday 09:00: response 10:00, resolution 13:00."""
    assert due("Høy", "2026-03-09 09:00") == ("2026-03-09 10:00", "2026-03-09 13:00")


def test_the_weekend_does_not_count(sla):
    """Høy opened Friday 14:00: 1 t 30 min on Friday, 2 t 30 min on Monday → Monday 10:30."""
    assert due("Høy", "2026-03-06 14:00") == ("2026-03-06 15:00", "2026-03-09 10:30")
    _, resolution = terms_on(oslo("2026-03-06 14:00")).deadlines("Høy", oslo("2026-03-06 14:00"))
    assert texts(resolution)[1:5] == [
        "Fredag 6. mars 2026: kl. 14:00–15:30 teller (1 t 30 min)",
        "Lørdag 7. mars 2026: helg, teller ikke",
        "Søndag 8. mars 2026: helg, teller ikke",
        "Mandag 9. mars 2026: kl. 08:00–10:30 teller (2 t 30 min)",
    ]


def test_three_working_days_from_friday_14_end_wednesday_14(sla):
    """Middels opened Friday 27 March 14:00 → Mon, Tue, Wed → Wednesday 1 April 14:00."""
    assert due("Middels", "2026-03-27 14:00")[1] == "2026-04-01 14:00"


def test_easter_from_skjaertorsdag_to_andre_paaskedag_is_closed(sla):
    """Høy opened Wednesday 1 April 14:00: 1 t 30 min, then closed Thu 2 – Mon 6 April,
    so 2 t 30 min on Tuesday 7 April → 10:30."""
    opened = oslo("2026-04-01 14:00")
    _, resolution = terms_on(opened).deadlines("Høy", opened)
    assert local(resolution.due) == "2026-04-07 10:30"
    skipped = [step.text for step in resolution.steps if step.kind == "skipped"]
    assert skipped == [
        "Torsdag 2. april 2026: Skjærtorsdag, teller ikke",
        "Fredag 3. april 2026: Langfredag, teller ikke",
        "Lørdag 4. april 2026: helg, teller ikke",
        "Søndag 5. april 2026: Første påskedag, teller ikke",
        "Mandag 6. april 2026: Andre påskedag, teller ikke",
    ]


def test_ascension_day_is_not_a_working_day(sla):
    """Middels opened Wednesday 13 May 10:00; Thursday 14 May is Kristi himmelfartsdag,
    so the working days are Fri 15, Mon 18 and Tue 19 May → 10:00."""
    opened = oslo("2026-05-13 10:00")
    response, resolution = terms_on(opened).deadlines("Middels", opened)
    assert local(response.due) == "2026-05-13 13:00"
    assert local(resolution.due) == "2026-05-19 10:00"
    assert "Torsdag 14. mai 2026: Kristi himmelfartsdag, teller ikke" in texts(resolution)
    assert "Tirsdag 19. mai 2026: arbeidsdag 3 av 3" in texts(resolution)


def test_17_may_on_a_weekday_is_closed(sla):
    """17 May 2028 is a Wednesday. Høy opened Tuesday 16 May 14:00 → Thursday 18 May 10:30."""
    assert due("Høy", "2028-05-16 14:00")[1] == "2028-05-18 10:30"


def test_17_may_on_a_saturday_moves_nothing(sla):
    """17 May 2025 is a Saturday: Middels from Friday 14:00 ends Wednesday 14:00, exactly as
    the week before."""
    assert due("Middels", "2025-05-16 14:00")[1] == "2025-05-21 14:00"
    assert due("Middels", "2025-05-09 14:00")[1] == "2025-05-14 14:00"


@pytest.fixture
def christmas(db):
    SpecialOpeningDay.objects.create(date=datetime.date(2026, 12, 24), name="Julaften")
    SpecialOpeningDay.objects.create(
        date=datetime.date(2026, 12, 31),
        name="Nyttårsaften",
        opens=datetime.time(8),
        closes=datetime.time(12),
    )


def test_a_closed_day_does_not_count(sla, christmas):
    """Høy opened Wednesday 23 December 13:00: 2 t 30 min that day; Julaften closed,
    25–27 December closed, so 1 t 30 min on Monday 28 December → 09:30."""
    opened = oslo("2026-12-23 13:00")
    _, resolution = terms_on(opened).deadlines("Høy", opened)
    assert local(resolution.due) == "2026-12-28 09:30"
    assert "Torsdag 24. desember 2026: Julaften (stengt), teller ikke" in texts(resolution)


def test_without_the_special_day_julaften_is_an_ordinary_thursday(sla):
    assert due("Høy", "2026-12-23 13:00")[1] == "2026-12-24 09:30"


def test_working_days_ending_on_a_short_day_end_at_its_closing(sla, christmas):
    """Middels opened Monday 28 December 14:00: the third working day is Nyttårsaften,
    which closes at 12:00, before 14:00 → Thursday 31 December 12:00."""
    assert due("Middels", "2026-12-28 14:00")[1] == "2026-12-31 12:00"


def test_hours_on_a_short_day_count_until_it_closes(sla, christmas):
    """Høy opened Nyttårsaften 10:00: 2 t until 12:00, 1 January is a holiday, then the
    weekend, so 2 t on Monday 4 January → 10:00."""
    assert due("Høy", "2026-12-31 10:00")[1] == "2027-01-04 10:00"


def test_a_case_opened_at_night_starts_at_the_next_opening(sla):
    """Høy opened Tuesday 02:00: the clock starts at 08:00 → response 09:00, resolution 12:00."""
    opened = oslo("2026-03-10 02:00")
    response, resolution = terms_on(opened).deadlines("Høy", opened)
    assert local(response.started_at) == "2026-03-10 08:00"
    assert (local(response.due), local(resolution.due)) == ("2026-03-10 09:00", "2026-03-10 12:00")
    assert (
        "Klokken starter ved neste åpning, tirsdag 10. mars 2026 kl. 08:00." in texts(response)[0]
    )


def test_a_case_opened_on_saturday_starts_on_monday_morning(sla):
    """Middels opened Saturday 11:00: starts Monday 08:00 → response 11:00, and three working
    days after Monday at 08:00 → Thursday 08:00."""
    assert due("Middels", "2026-03-07 11:00") == ("2026-03-09 11:00", "2026-03-12 08:00")


def test_waiting_for_the_user_stops_the_clock(sla):
    """Høy opened Monday 09:00 waits 10:00–11:30: the response (due 10:00) is untouched, the
    resolution moves 1 t 30 min from 13:00 to 14:30."""
    waits = [("2026-03-09 10:00", "2026-03-09 11:30")]
    assert due("Høy", "2026-03-09 09:00", waits) == ("2026-03-09 10:00", "2026-03-09 14:30")


def test_overlapping_waits_count_once(sla):
    waits = [("2026-03-09 10:00", "2026-03-09 11:00"), ("2026-03-09 10:30", "2026-03-09 11:30")]
    assert due("Høy", "2026-03-09 09:00", waits)[1] == "2026-03-09 14:30"


def test_the_reasoning_shows_the_wait(sla):
    opened = oslo("2026-03-09 09:00")
    waits = [(oslo("2026-03-09 10:00"), oslo("2026-03-09 11:30"))]
    _, resolution = terms_on(opened).deadlines("Høy", opened, waits)
    assert texts(resolution)[1:4] == [
        "Mandag 9. mars 2026: kl. 09:00–10:00 teller (1 t)",
        "Mandag 9. mars 2026: kl. 10:00–11:30 venter på bruker, teller ikke",
        "Mandag 9. mars 2026: kl. 11:30–14:30 teller (3 t)",
    ]


def test_a_wait_outside_opening_hours_changes_nothing(sla):
    """Høy opened Monday 14:00 is due Tuesday 10:30; waiting Monday 18:00 – Tuesday 07:00
    takes no opening time."""
    waits = [("2026-03-09 18:00", "2026-03-10 07:00")]
    assert due("Høy", "2026-03-09 14:00", waits)[1] == "2026-03-10 10:30"


def test_a_wait_moves_a_working_day_deadline_by_the_opening_time_it_took(sla):
    """Middels opened Friday 27 March 14:00 (due Wednesday 14:00) waits Monday 10:00–11:00:
    one hour of opening time → Wednesday 15:00."""
    waits = [("2026-03-30 10:00", "2026-03-30 11:00")]
    assert due("Middels", "2026-03-27 14:00", waits)[1] == "2026-04-01 15:00"


def test_counted_time_leaves_out_closed_hours_and_waits(sla):
    terms = terms_on(oslo("2026-03-09 09:00"))
    waits = [(oslo("2026-03-09 10:00"), oslo("2026-03-09 11:30"))]
    monday = (oslo("2026-03-09 09:00"), oslo("2026-03-09 15:00"))
    assert terms.counted_seconds("Høy", *monday) == 6 * 3600
    assert terms.counted_seconds("Høy", *monday, waits=waits) == int(4.5 * 3600)
    weekend = (oslo("2026-03-06 14:00"), oslo("2026-03-09 10:30"))
    assert terms.counted_seconds("Høy", *weekend) == 4 * 3600


def test_a_wait_that_ends_before_it_starts_is_refused(sla):
    opened = oslo("2026-03-09 09:00")
    with pytest.raises(CalendarError, match="kan ikke slutte før den starter"):
        terms_on(opened).deadlines("Høy", opened, [(opened, opened - datetime.timedelta(1))])


@pytest.fixture
def kritisk_around_the_clock(sla):
    """A second version, in force from the same date, in which Kritisk runs around the clock."""
    page = draft_of_sla()
    priorities = list(page.priorities.all())
    priorities[0].clock = sla_terms.Clock.ROUND_THE_CLOCK
    page.priorities = priorities
    return publish(page, change_summary="Kritisk løper hele døgnet.")


@pytest.mark.parametrize(
    ("opened", "response_utc", "resolution_utc"),
    [
        # 01:30 CET is 00:30 UTC; two real hours later it is 04:30 CEST.
        ("2026-03-29 01:30", "2026-03-29 00:45", "2026-03-29 02:30"),
        # 01:30 CEST is 23:30 UTC; two real hours later it is 02:30 CET (the second 02:30).
        ("2026-10-25 01:30", "2026-10-24 23:45", "2026-10-25 01:30"),
    ],
)
def test_around_the_clock_is_real_time_across_daylight_saving(
    kritisk_around_the_clock, opened, response_utc, resolution_utc
):
    response, resolution = terms_on(oslo(opened)).deadlines("Kritisk", oslo(opened))
    assert response.due.astimezone(UTC).strftime("%Y-%m-%d %H:%M") == response_utc
    assert resolution.due.astimezone(UTC).strftime("%Y-%m-%d %H:%M") == resolution_utc


def test_spring_forward_shows_04_30_for_two_hours_from_01_30(kritisk_around_the_clock):
    assert due("Kritisk", "2026-03-29 01:30")[1] == "2026-03-29 04:30"


@pytest.mark.parametrize(
    ("opened", "resolution"),
    [
        ("2026-03-27 14:00", "2026-03-30 10:30"),  # Friday CET, Monday CEST
        ("2026-10-23 14:00", "2026-10-26 10:30"),  # Friday CEST, Monday CET
    ],
)
def test_opening_hours_keep_their_clock_time_across_daylight_saving(sla, opened, resolution):
    """Høy opened Friday 14:00 over a daylight-saving weekend: still Monday 10:30, and
    exactly 4 hours counted."""
    assert due("Høy", opened)[1] == resolution
    terms = terms_on(oslo(opened))
    assert terms.counted_seconds("Høy", oslo(opened), oslo(resolution)) == 4 * 3600


@pytest.fixture
def second_version(sla):
    """Version 2, in force from 1 January 2027, gives Høy a resolution time of 8 timer."""
    page = draft_of_sla()
    priorities = list(page.priorities.all())
    priorities[1].resolution_value = 8
    page.priorities = priorities
    return publish(page, effective_date=datetime.date(2027, 1, 1), change_summary="Høy: 8 t.")


def test_the_version_in_force_when_the_case_was_opened_applies(second_version):
    """Opened 30 December 2026 09:00 (version 1): 4 t → 13:00. Opened Tuesday 5 January
    2027 09:00 (version 2): 8 t → 6 t 30 min that day and 1 t 30 min Wednesday → 09:30."""
    lookup = TermsLookup()
    assert lookup.on(oslo("2026-12-30 09:00")).version.number == 1
    assert lookup.on(oslo("2027-01-05 09:00")).version.number == 2
    assert due("Høy", "2026-12-30 09:00")[1] == "2026-12-30 13:00"
    assert due("Høy", "2027-01-05 09:00")[1] == "2027-01-06 09:30"


def test_before_the_first_version_the_first_applies(second_version):
    assert TermsLookup().on(oslo("2020-06-02 09:00")).version.number == 1


def test_versions_of_the_same_date_give_way_to_the_highest_number(kritisk_around_the_clock):
    terms = terms_on(oslo("2026-06-02 09:00"))
    assert terms.version.number == 2
    assert terms.priority("Kritisk").clock == sla_terms.Clock.ROUND_THE_CLOCK


def test_without_any_version_the_live_page_applies(sla):
    SLAVersion.objects.all().delete()
    terms = terms_on(oslo("2026-03-09 09:00"))
    assert terms.version is None
    assert list(terms.priorities) == ["kritisk", "høy", "middels", "lav"]


def test_priority_names_are_matched_without_regard_to_case_or_spaces(sla):
    assert due("  mIDDELS ", "2026-03-27 14:00")[1] == "2026-04-01 14:00"


def test_an_unknown_priority_is_refused_in_norwegian(sla):
    with pytest.raises(UnknownPriority, match="har ingen prioritet som heter «Haster»"):
        terms_on(oslo("2026-03-09 09:00")).deadlines("Haster", oslo("2026-03-09 09:00"))


def deadlines_for_a_year(every_hours):
    lookup = TermsLookup()
    start = oslo("2026-01-01 00:00")
    for hour in range(0, 24 * 365, every_hours):
        opened = start + datetime.timedelta(hours=hour)
        response, resolution = lookup.on(opened).deadlines("Middels", opened)
        assert response.due < resolution.due


def test_a_thousand_deadlines_cost_the_queries_of_one(sla, christmas):
    """A bulk import reads the terms once per SLA version, not once per case."""
    with CaptureQueriesContext(connection) as one_case:
        deadlines_for_a_year(24 * 365)
    with CaptureQueriesContext(connection) as many_cases:
        deadlines_for_a_year(7)
    assert len(many_cases) == len(one_case)


@pytest.fixture
def middels_around_the_clock(sla):
    page = draft_of_sla()
    priorities = list(page.priorities.all())
    priorities[2].clock = sla_terms.Clock.ROUND_THE_CLOCK
    page.priorities = priorities
    return publish(page, change_summary="Middels løper hele døgnet.")


def test_a_wait_never_moves_a_working_day_deadline_onto_a_weekend(middels_around_the_clock):
    """Middels around the clock, opened Friday 6 March 2026 10:00: 3 arbeidsdager → Wednesday
    11 March 10:00. A wait Friday 10:00 – Monday 10:00 took 5 t 30 min of Friday's opening
    time; the 22 t 30 min that remained (Fri 5 t 30, Mon 7 t 30, Tue 7 t 30, Wed 2 t) count
    from Monday 10:00: Monday to 15:30, Tuesday, Wednesday, Thursday 2 t → Thursday 10:00."""
    assert due("Middels", "2026-03-06 10:00")[1] == "2026-03-11 10:00"
    waits = [("2026-03-06 10:00", "2026-03-09 10:00")]
    assert due("Middels", "2026-03-06 10:00", waits)[1] == "2026-03-12 10:00"


def test_a_wait_that_takes_no_counted_time_leaves_the_reasoning_alone(sla):
    """Høy opened Wednesday 4 March 2026 14:00 is due Thursday 10:30; a wait that night
    (20:00–23:00) changes nothing, and the reasoning does not claim it moved the deadline."""
    terms = terms_on(oslo("2026-03-04 14:00"))
    waits = [(oslo("2026-03-04 20:00"), oslo("2026-03-04 23:00"))]
    _, resolution = terms.deadlines("Høy", oslo("2026-03-04 14:00"), waits)
    assert local(resolution.due) == "2026-03-05 10:30"
    assert not [step for step in resolution.steps if "flyttes" in step.text]


def test_the_sla_page_says_which_priorities_run_around_the_clock(client, sla):
    assert "løper hele døgnet" not in client.get("/sla/").content.decode()
    page = draft_of_sla()
    priorities = list(page.priorities.all())
    priorities[0].clock = sla_terms.Clock.ROUND_THE_CLOCK
    page.priorities = priorities
    publish(page, change_summary="Kritisk løper hele døgnet.")
    page_text = client.get("/sla/").content.decode()
    assert "Fristene for Kritisk løper hele døgnet" in page_text
