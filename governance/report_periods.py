"""The periods a report to the samarbeidsråd covers: a month, a quarter, a half-year or a year.

A period is written the way it appears in the address: "2026-03", "2026-K1", "2026-H1" or
"2026". Its days are Oslo days; it starts at local midnight on its first day and ends at
local midnight after its last, so a case opened at 00:30 on 1 April in Oslo (22:30 on
31 March in UTC) belongs to April.
"""

import datetime
import re
from dataclasses import dataclass

from django.utils import timezone

from .sla_terms import format_month
from .uptime import local_midnight

FIRST_YEAR = 2000
PATTERN = re.compile(r"^(?P<year>\d{4})(?:-(?:(?P<month>\d{2})|K(?P<quarter>\d)|H(?P<half>\d)))?$")


class PeriodError(ValueError):
    """A period that cannot be read or reported on; the message is for the reader."""


@dataclass(frozen=True)
class Period:
    """A calendar period in Oslo time; `kind` is "maned", "kvartal", "halvar" or "ar"."""

    kind: str
    year: int
    number: int  # the month (1–12), quarter (1–4), half (1–2); 1 for a year
    months: int  # how many months it spans

    @property
    def first_month(self):
        return 1 + (self.number - 1) * self.months if self.kind != "maned" else self.number

    @property
    def starts_on(self):
        return datetime.date(self.year, self.first_month, 1)

    @property
    def next_starts_on(self):
        month = self.first_month - 1 + self.months
        return datetime.date(self.year + month // 12, month % 12 + 1, 1)

    @property
    def ends_on(self):
        """The last day, inclusive."""
        return self.next_starts_on - datetime.timedelta(days=1)

    @property
    def start(self):
        return local_midnight(self.starts_on)

    @property
    def end(self):
        """The first moment after the period (exclusive)."""
        return local_midnight(self.next_starts_on)

    @property
    def month_starts(self):
        """The first day of each month in the period."""
        return [
            datetime.date(self.year, self.first_month + offset, 1) for offset in range(self.months)
        ]

    @property
    def key(self):
        if self.kind == "maned":
            return f"{self.year}-{self.number:02d}"
        if self.kind == "kvartal":
            return f"{self.year}-K{self.number}"
        if self.kind == "halvar":
            return f"{self.year}-H{self.number}"
        return str(self.year)

    @property
    def label(self):
        """How the period is named in Norwegian: "mars 2026", "1. kvartal 2026"."""
        if self.kind == "maned":
            return format_month(self.starts_on)
        if self.kind == "kvartal":
            return f"{self.number}. kvartal {self.year}"
        if self.kind == "halvar":
            return f"{self.number}. halvår {self.year}"
        return f"året {self.year}"

    def has_ended(self, now=None):
        return (now or timezone.now()) >= self.end


def month(year, number):
    return Period("maned", year, number, 1)


def quarter(year, number):
    return Period("kvartal", year, number, 3)


def half_year(year, number):
    return Period("halvar", year, number, 6)


def year(number):
    return Period("ar", number, 1, 12)


def parse_period(text, now=None):
    """The period `text` names ("2026-03", "2026-K1", "2026-H1", "2026"), case-insensitive.

    Raises PeriodError with a Norwegian message for anything else, and for a period that
    has not begun yet (there is nothing to report on).
    """
    value = (text or "").strip().upper()
    found = PATTERN.match(value)
    if not found:
        raise PeriodError(
            f"«{(text or '').strip()}» er ikke en periode. Skriv en måned som 2026-03, "
            "et kvartal som 2026-K1, et halvår som 2026-H1 eller et år som 2026."
        )
    number = int(found["year"])
    if found["month"]:
        period = _checked(month, number, int(found["month"]), 12, "Måneden")
    elif found["quarter"]:
        period = _checked(quarter, number, int(found["quarter"]), 4, "Kvartalet")
    elif found["half"]:
        period = _checked(half_year, number, int(found["half"]), 2, "Halvåret")
    else:
        period = year(number)
    if period.year < FIRST_YEAR:
        raise PeriodError(f"Rapportene begynner i {FIRST_YEAR}.")
    if period.start > (now or timezone.now()):
        raise PeriodError(f"Perioden {period.label} har ikke begynt ennå.")
    return period


def _checked(make, year_number, number, highest, name):
    if not 1 <= number <= highest:
        raise PeriodError(f"{name} må være et tall fra 1 til {highest}.")
    return make(year_number, number)


def default_period(now=None):
    """The last full month, in Oslo time."""
    today = timezone.localdate(now or timezone.now())
    last_month = today.replace(day=1) - datetime.timedelta(days=1)
    return month(last_month.year, last_month.month)


def recent_periods(now=None, years=3):
    """The periods a reader is offered, newest first, grouped by kind.

    The current, unfinished period is offered too; the page says that it is not over.
    """
    today = timezone.localdate(now or timezone.now())
    first = today.year - years + 1
    groups = [
        ("Måneder", [month(y, m) for y in range(first, today.year + 1) for m in range(1, 13)]),
        ("Kvartaler", [quarter(y, q) for y in range(first, today.year + 1) for q in range(1, 5)]),
        ("Halvår", [half_year(y, h) for y in range(first, today.year + 1) for h in (1, 2)]),
        ("År", [year(y) for y in range(first, today.year + 1)]),
    ]
    return [(name, [p for p in reversed(items) if p.starts_on <= today]) for name, items in groups]
