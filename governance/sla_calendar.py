"""Kundeservice's calendar: when the SLA's clock runs (SLA 5.2 and 5.4).

The rules, as the page /sla/frister/ states them:

- Kundeservice is open on the weekdays and at the hours in the SLA's opening-hours rows
  (today Monday–Friday 08:00–15:30), in Oslo time.
- Norwegian public holidays (the `holidays` package, names in Norwegian) are closed.
- An editor's special opening day (SpecialOpeningDay: Julaften closed, Nyttårsaften
  08:00–12:00) replaces whatever the week and the holidays say about that date.
- A working day (arbeidsdag) is a day with opening hours.

Everything is computed on aware datetimes. Each date's opening interval is made aware in
Europe/Oslo for that date and kept in UTC, so a day's hours and any real elapsed time stay
right across the daylight-saving changes. The deadlines built on this calendar are in
`governance.sla_deadlines`.
"""

import datetime
from dataclasses import dataclass
from zoneinfo import ZoneInfo

import holidays

from .sla_terms import MONTH_NAMES, WEEKDAY_NAMES

OSLO = ZoneInfo("Europe/Oslo")
UTC = datetime.UTC
ONE_DAY = datetime.timedelta(days=1)
# The years the calendar answers for; a date outside them is a typing error, not a case.
FIRST_YEAR, LAST_YEAR = 2000, 2100
# A calendar with no opening hours for years is a mistake, not a reason to loop forever.
MAX_DAYS = 3 * 366


class CalendarError(ValueError):
    """The calendar cannot answer (no opening hours at all); the message is Norwegian."""


def format_day(day):
    """`date(2026, 1, 5)` → "mandag 5. januar 2026"."""
    return f"{WEEKDAY_NAMES[day.weekday()]} {day.day}. {MONTH_NAMES[day.month - 1]} {day.year}"


def format_moment(moment):
    """An aware datetime in Oslo time: "mandag 5. januar 2026 kl. 08:00"."""
    local = moment.astimezone(OSLO)
    return f"{format_day(local.date())} kl. {local:%H:%M}"


def format_seconds(seconds):
    """A counted time in hours and minutes: "7 t 30 min", "2 t", "15 min", "0 min"."""
    minutes = round(seconds / 60)
    hours, minutes = divmod(minutes, 60)
    if hours and minutes:
        return f"{hours} t {minutes} min"
    if hours:
        return f"{hours} t"
    return f"{minutes} min"


def as_utc(moment):
    """An aware datetime in UTC; a naive one is read as Oslo time."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=OSLO)
    return moment.astimezone(UTC)


def local_date(moment):
    return moment.astimezone(OSLO).date()


def aware(day, clock_time):
    """The moment a local date and clock time in Oslo names, in UTC."""
    return datetime.datetime.combine(day, clock_time, tzinfo=OSLO).astimezone(UTC)


def merge_periods(periods):
    """Periods `(start, end)` as sorted, non-overlapping UTC pairs; overlaps count once.

    Empty periods are dropped; a period that ends before it starts is an error.
    """
    pairs = []
    for start, end in periods:
        start, end = as_utc(start), as_utc(end)
        if end < start:
            raise CalendarError("En venteperiode kan ikke slutte før den starter.")
        if end > start:
            pairs.append((start, end))
    pairs.sort()
    merged = []
    for start, end in pairs:
        if merged and start <= merged[-1][1]:
            if end > merged[-1][1]:
                merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


@dataclass(frozen=True)
class Step:
    """One line of a deadline's reasoning: `kind` is start, counted, skipped, waiting or due."""

    kind: str
    text: str
    date: datetime.date | None = None


@dataclass(frozen=True, slots=True)
class Day:
    """One local date: its opening interval in UTC (or none), and what the date is."""

    date: datetime.date
    opens: datetime.datetime | None
    closes: datetime.datetime | None
    name: str = ""  # the holiday's or the special day's name
    special: bool = False

    @property
    def is_open(self):
        return self.opens is not None

    @property
    def reason(self):
        """What the day is: "helg", "Kristi himmelfartsdag", "Julaften (stengt)"…"""
        if self.special and not self.is_open:
            return f"{self.name} (stengt)"
        if self.special:
            return f"{self.name} (åpent {clock_span(self.opens, self.closes)})"
        if self.name:
            return self.name
        if self.date.weekday() >= 5:
            return "helg"
        return "Kundeservice holder stengt denne ukedagen"


class SLACalendar:
    """Kundeservice's opening hours, date by date; every date is worked out once."""

    def __init__(self, weekly_hours, special_days=()):
        """`weekly_hours`: rows with `weekday` (0 is Monday), `opens`, `closes` (as
        SLAOpeningHours); `special_days`: rows with `date`, `name`, `opens`, `closes` (as
        SpecialOpeningDay, both times None for a closed day)."""
        self.weekly = {row.weekday: (row.opens, row.closes) for row in weekly_hours}
        self.special = {row.date: row for row in special_days}
        self.holidays = holidays.Norway(include_sundays=False, language="no")
        self._days = {}

    def day(self, date):
        """The `Day` for a local date (cached)."""
        found = self._days.get(date)
        if found is None:
            found = self._days[date] = self._build_day(date)
        return found

    def _build_day(self, date):
        special = self.special.get(date)
        if special is not None:
            if special.opens is None or special.closes is None:
                return Day(date, None, None, special.name, special=True)
            opens, closes = aware(date, special.opens), aware(date, special.closes)
            return Day(date, opens, closes, special.name, special=True)
        holiday = self.holidays.get(date)
        if holiday:
            return Day(date, None, None, holiday)
        hours = self.weekly.get(date.weekday())
        if hours is None:
            return Day(date, None, None)
        return Day(date, aware(date, hours[0]), aware(date, hours[1]))

    def is_working_day(self, date):
        return self.day(date).is_open

    def days(self, first, last):
        """Every `Day` from one local date to another, both included."""
        date = first
        while date <= last:
            yield self.day(date)
            date += ONE_DAY

    def _open_days_from(self, date):
        """Open days from a local date onwards, with a limit so a closed calendar fails."""
        for _ in range(MAX_DAYS):
            day = self.day(date)
            if day.opens is not None:
                yield day
            date += ONE_DAY
        raise CalendarError("Kundeservice har ingen åpningstid på flere år; sjekk åpningstidene.")

    def next_opening(self, moment):
        """The moment itself if Kundeservice is open then, else its next opening (UTC)."""
        moment = as_utc(moment)
        for day in self._open_days_from(local_date(moment)):
            if moment < day.closes:
                return max(moment, day.opens)
        raise AssertionError("unreachable")  # pragma: no cover

    def add_opening_time(self, start, seconds):
        """The moment `seconds` of opening time after `start` have passed (UTC).

        Time counts only inside opening hours; a start outside them counts from the next
        opening. Used up exactly at a closing time, the result is that closing time.
        """
        moment = as_utc(start)
        remaining = datetime.timedelta(seconds=seconds)
        for day in self._open_days_from(local_date(moment)):
            begin = max(moment, day.opens)
            if begin >= day.closes:
                continue
            available = day.closes - begin
            if remaining <= available:
                return begin + remaining
            remaining -= available
        raise AssertionError("unreachable")  # pragma: no cover

    def opening_seconds(self, start, end):
        """Seconds of opening time between two moments (0 if `end` is not after `start`)."""
        start, end = as_utc(start), as_utc(end)
        if end <= start:
            return 0
        total = datetime.timedelta()
        for day in self.days(local_date(start), local_date(end)):
            if day.opens is None:
                continue
            begin, finish = max(start, day.opens), min(end, day.closes)
            if finish > begin:
                total += finish - begin
        return int(total.total_seconds())

    def working_day_after(self, date, count):
        """The `count`-th working day after a local date (the date itself not counted)."""
        found = date
        days = self._open_days_from(date + ONE_DAY)
        for _ in range(count):
            found = next(days).date
        return found

    def add_working_days(self, start, count, within_opening_hours=True):
        """The same clock time on the `count`-th working day after `start` (UTC).

        With `within_opening_hours`, a due time after that day's closing (a short day) is
        its closing time, and one before its opening is its opening.
        """
        start_local = as_utc(start).astimezone(OSLO)
        date = self.working_day_after(start_local.date(), count)
        due = aware(date, start_local.time().replace(tzinfo=None))
        if within_opening_hours:
            day = self.day(date)
            due = min(max(due, day.opens), day.closes)
        return due


def clock_span(start, end):
    """ "kl. 08:00–15:30" for two moments on one local date."""
    return f"kl. {start.astimezone(OSLO):%H:%M}–{end.astimezone(OSLO):%H:%M}"


def split_by_waits(start, end, waits):
    """`(kind, begin, finish)` pieces of a span, kind "counted" or "waiting" (merged waits)."""
    pieces, moment = [], start
    for wait_start, wait_end in waits:
        wait_start, wait_end = max(wait_start, start), min(wait_end, end)
        if wait_end <= wait_start:
            continue
        if wait_start > moment:
            pieces.append(("counted", moment, wait_start))
        pieces.append(("waiting", wait_start, wait_end))
        moment = wait_end
    if end > moment:
        pieces.append(("counted", moment, end))
    return pieces


def describe_piece(kind, begin, finish, span):
    if kind == "waiting":
        return f"{span} venter på bruker, teller ikke"
    return f"{span} teller ({format_seconds((finish - begin).total_seconds())})"


def explain_opening_time(calendar, start, end, waits=()):
    """Day by day, which opening hours between two moments counted and which days did not."""
    steps = []
    for day in calendar.days(local_date(start), local_date(end)):
        label = format_day(day.date).capitalize()
        if not day.is_open:
            steps.append(Step("skipped", f"{label}: {day.reason}, teller ikke", day.date))
            continue
        note = f" – {day.reason}" if day.special else ""
        begin, finish = max(start, day.opens), min(end, day.closes)
        for kind, a, b in split_by_waits(begin, finish, waits):
            text = describe_piece(kind, a, b, clock_span(a, b))
            steps.append(Step(kind, f"{label}: {text}{note}", day.date))
    return steps


def year_problem(moment):
    """A Norwegian message if a date or datetime lies outside the years the calendar covers."""
    if not FIRST_YEAR <= moment.year <= LAST_YEAR:
        return f"Velg en dato mellom år {FIRST_YEAR} og {LAST_YEAR}."
    return ""
