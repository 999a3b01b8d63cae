"""When a case's response and resolution are due (SLA 5.6), with the reasoning.

The rules, as the page /sla/frister/ states them:

- The target times are those of the priority table in the SLA version in force when the
  case was opened: the version with the latest effective date on or before that (Oslo)
  date, the highest number among versions of the same date; before the first version, the
  first applies. The opening hours come from the same version.
- With a priority whose clock runs in opening hours (the SLA's default, since 5.4 says
  cases are handled in Kundeservice's opening hours), minutes and hours are opening hours,
  and a case opened outside them starts its clock at the next opening. With a clock that
  runs around the clock, they are real elapsed time from the moment the case was opened.
- "N arbeidsdager" ends at the same clock time on the Nth working day after the clock
  started; if that day closes earlier (a short day), at its closing time.
- Time while the case waits for the user does not count: the clock stops when a wait
  starts and resumes when it ends with the time that remained. Overlapping waits count
  once; a wait outside the time that counts changes nothing.

The calendar itself (opening hours, holidays, special days) is `governance.sla_calendar`.
"""

import bisect
import datetime
from dataclasses import dataclass, field
from functools import cached_property

from . import sla_terms
from .models import SLAPage, SLAVersion, SpecialOpeningDay
from .sla_calendar import (
    ONE_DAY,
    OSLO,
    SLACalendar,
    Step,
    as_utc,
    describe_piece,
    explain_opening_time,
    format_day,
    format_moment,
    format_seconds,
    local_date,
    merge_periods,
    split_by_waits,
)

Clock = sla_terms.Clock
Unit = sla_terms.DurationUnit
SECONDS_PER = {Unit.MINUTES: 60, Unit.HOURS: 3600}


class UnknownPriority(ValueError):
    """The SLA version in force has no priority by that name; the message is Norwegian."""

    def __init__(self, name, version=None):
        where = f"SLA-en (versjon {version.number})" if version else "SLA-en"
        super().__init__(f"{where} har ingen prioritet som heter «{name}».")
        self.name = name


@dataclass(eq=False)
class Deadline:
    """When a target time runs out, when its clock started, and (lazily) why."""

    due: datetime.datetime
    started_at: datetime.datetime
    target: str
    clock: str
    _explain: object = field(repr=False)

    @property
    def due_text(self):
        """The due time as readers see it: "onsdag 1. april 2026 kl. 14:00"."""
        return format_moment(self.due)

    @cached_property
    def steps(self):
        """The reasoning, as a list of `Step`s (worked out only when someone reads it)."""
        return self._explain()


class Terms:
    """The priorities and the calendar of one SLA version (or the live page's)."""

    def __init__(self, version, priorities, calendar):
        self.version = version
        self.priorities = {row.name.strip().lower(): row for row in priorities}
        self.calendar = calendar

    def priority(self, name):
        """The priority row by name, case-insensitive, or None."""
        return self.priorities.get(str(name or "").strip().lower())

    def _require(self, name):
        row = self.priority(name)
        if row is None:
            raise UnknownPriority(name, self.version)
        return row

    def deadlines(self, priority_name, opened_at, waits=()):
        """`(response, resolution)` Deadlines for a case; `waits` are `(start, end)` pairs."""
        row = self._require(priority_name)
        opened, merged = as_utc(opened_at), merge_periods(waits)
        return (
            self._deadline(row, row.response_value, row.response_unit, opened, merged),
            self._deadline(row, row.resolution_value, row.resolution_unit, opened, merged),
        )

    def counted_seconds(self, priority_name, start, end, waits=()):
        """Seconds that count between two moments in the priority's clock, minus waits."""
        row = self._require(priority_name)
        return self._counted(row.clock, as_utc(start), as_utc(end), merge_periods(waits))

    def _counted(self, clock, start, end, waits):
        measure = self._measure(clock)
        total = measure(start, end)
        for wait_start, wait_end in waits:
            if wait_start >= end:
                break
            total -= measure(max(wait_start, start), min(wait_end, end))
        return total

    def _measure(self, clock):
        if clock == Clock.ROUND_THE_CLOCK:
            return lambda start, end: max(0, int((end - start).total_seconds()))
        return self.calendar.opening_seconds

    def _advance(self, clock, start, seconds):
        if clock == Clock.ROUND_THE_CLOCK:
            return start + datetime.timedelta(seconds=seconds)
        return self.calendar.add_opening_time(start, seconds)

    def _deadline(self, row, value, unit, opened, waits):
        clock = row.clock or Clock.OPENING_HOURS
        in_opening_hours = clock != Clock.ROUND_THE_CLOCK
        started = self.calendar.next_opening(opened) if in_opening_hours else opened
        if unit == Unit.WORKING_DAYS:
            due = self.calendar.add_working_days(started, value, in_opening_hours)
        else:
            due = self._advance(clock, started, value * SECONDS_PER[unit])
        # Working days are never counted in real time, so a wait moves such a deadline by
        # the opening time it took, whatever the priority's clock (else a deadline could be
        # moved onto a weekend).
        wait_clock = Clock.OPENING_HOURS if unit == Unit.WORKING_DAYS else clock
        first_due, shifts = due, []
        for wait_start, wait_end in waits:
            if wait_start >= due:
                break
            if wait_end <= started:
                continue
            remaining = self._counted(wait_clock, max(wait_start, started), due, ())
            new_due = self._advance(wait_clock, wait_end, remaining)
            if self._counted(wait_clock, max(wait_start, started), wait_end, ()) == 0:
                continue  # the wait took no time that counts; the deadline stays
            shifts.append((wait_start, wait_end, remaining, due, new_due))
            due = new_due

        def reasoning():
            return explain(
                self.calendar, clock, unit, value, opened, started, first_due, due, shifts
            )

        return Deadline(
            due=due.astimezone(OSLO),
            started_at=started.astimezone(OSLO),
            target=sla_terms.format_duration(value, unit),
            clock=clock,
            _explain=reasoning,
        )


def explain(calendar, clock, unit, value, opened, started, first_due, due, shifts):
    """The reasoning behind a deadline, as `Step`s in Norwegian (see Terms._deadline)."""
    in_opening_hours = clock != Clock.ROUND_THE_CLOCK
    if not in_opening_hours:
        start = (
            f"Meldt {format_moment(opened)}. Klokken går hele døgnet, også utenfor åpningstiden."
        )
    elif started > opened:
        start = (
            f"Meldt {format_moment(opened)}, utenfor åpningstiden. "
            f"Klokken starter ved neste åpning, {format_moment(started)}."
        )
    else:
        start = f"Meldt {format_moment(opened)}, i åpningstiden. Klokken starter med én gang."
    steps = [Step("start", start, local_date(opened))]
    waits = [(wait_start, wait_end) for wait_start, wait_end, *_ in shifts]
    if unit == Unit.WORKING_DAYS:
        steps += explain_working_days(calendar, value, started, first_due, in_opening_hours)
        steps += [explain_shift(*shift, in_opening_hours) for shift in shifts]
    elif in_opening_hours:
        steps += explain_opening_time(calendar, started, due, waits)
    else:
        for kind, begin, finish in split_by_waits(started, due, waits):
            span = f"Fra {format_moment(begin)} til {format_moment(finish)}"
            steps.append(Step(kind, describe_piece(kind, begin, finish, span)))
    steps.append(Step("due", f"Frist: {format_moment(due)}.", local_date(due)))
    return steps


def explain_working_days(calendar, count, started, due, in_opening_hours):
    """Each day after the start: a working day counted, or a day skipped and why."""
    steps, number = [], 0
    start_time = f"kl. {started.astimezone(OSLO):%H:%M}"
    for day in calendar.days(local_date(started) + ONE_DAY, local_date(due)):
        label = format_day(day.date).capitalize()
        if not day.is_open:
            steps.append(Step("skipped", f"{label}: {day.reason}, teller ikke", day.date))
            continue
        number += 1
        text = f"{label}: arbeidsdag {number} av {count}"
        if day.special:
            text += f" – {day.reason}"
        steps.append(Step("counted", text, day.date))
    due_time = f"kl. {due.astimezone(OSLO):%H:%M}"
    if due_time == start_time:
        text = f"Fristen er samme klokkeslett som klokken startet, {start_time}."
    elif in_opening_hours and due == calendar.day(local_date(due)).closes:
        text = f"Kundeservice stenger {due_time} denne dagen, før {start_time}; fristen er da."
    else:
        text = f"Kundeservice åpner {due_time} denne dagen, etter {start_time}; fristen er da."
    steps.append(Step("counted", text, local_date(due)))
    return steps


def explain_shift(wait_start, wait_end, remaining, old_due, new_due, in_opening_hours):
    left = format_seconds(remaining) + (" åpningstid" if in_opening_hours else "")
    return Step(
        "waiting",
        f"Venter på bruker fra {format_moment(wait_start)} til {format_moment(wait_end)}: "
        f"klokken står. Det som var igjen ({left}) teller fra {format_moment(wait_end)}, "
        f"så fristen flyttes fra {format_moment(old_due)} til {format_moment(new_due)}.",
        local_date(wait_start),
    )


class TermsLookup:
    """Loads every SLA version's priorities and opening hours once; for bulk use."""

    def __init__(self):
        self.versions = list(
            SLAVersion.objects.select_related("revision").order_by("effective_date", "number")
        )
        self._dates = [version.effective_date for version in self.versions]
        self._special_days = list(SpecialOpeningDay.objects.all())
        self._terms = {}

    def version_on(self, day):
        """The SLAVersion in force on a local date, or None if there is none at all."""
        if not self.versions:
            return None
        index = bisect.bisect_right(self._dates, day) - 1
        if index < 0:
            index = bisect.bisect_right(self._dates, self._dates[0]) - 1
        return self.versions[index]

    def on(self, moment):
        """The Terms in force at an aware datetime."""
        version = self.version_on(local_date(as_utc(moment)))
        key = version.pk if version else None
        terms = self._terms.get(key)
        if terms is None:
            terms = self._terms[key] = self._load(version)
        return terms

    def _load(self, version):
        # A version's rows live in its revision; rebuilding it is slow, hence the cache.
        page = version.as_page() if version else SLAPage.objects.live().first()
        if page is None:
            return Terms(None, [], SLACalendar([], self._special_days))
        calendar = SLACalendar(list(page.opening_hours.all()), self._special_days)
        return Terms(version, list(page.priorities.all()), calendar)


def terms_on(moment):
    """The Terms in force at an aware datetime (loads what it needs; see TermsLookup)."""
    return TermsLookup().on(moment)
