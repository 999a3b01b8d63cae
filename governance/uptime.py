"""Uptime per service per month (SLA 6), from the outage log.

The rules, each pinned by a test in tests/governance/test_uptime.py:

- A month runs from local midnight on the 1st to local midnight on the 1st of the next
  month, Europe/Oslo; so March has 743 hours and October 745.
- Only downtime in the category "Nedetid som teller" lowers uptime; the exclusions of
  SLA 6.2 are summed per category so a reader sees what was left out.
- Overlapping outages of one service count once; an outage across a month's end is
  split between the months; an outage without an end counts until now.
- A month the log did not cover (before the service's `outages_logged_since`, without one,
  or in the future) has no figure ("ingen data"), never 100 %. A month partly covered
  (the log began mid-month, or the month is not over) is measured over the covered part.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_FLOOR, Decimal
from zoneinfo import ZoneInfo

from django.db.models import Q
from django.utils import timezone
from django.utils.dateformat import format as format_date

from .models import Outage, SLAPage

OSLO = ZoneInfo("Europe/Oslo")
UTC = datetime.UTC
HUNDRED = Decimal(100)
# Percentages are rounded down to the target's own precision, so a figure shown as equal to
# the target has met it, and one that falls short never looks as if it had.
PERCENT_STEP = Decimal("0.01")


@dataclass(frozen=True)
class MonthUptime:
    """One service's uptime in one month; `percent` is None when there is no data."""

    month: datetime.date
    measured_seconds: int
    downtime_seconds: int
    percent: Decimal | None
    target: Decimal | None
    met: bool | None
    excluded_seconds: dict[str, int] = field(default_factory=dict)
    measured_from: datetime.datetime | None = None
    measured_to: datetime.datetime | None = None

    @property
    def has_data(self):
        return self.percent is not None

    @property
    def started_late(self):
        """The log began after the month did, so the figure covers only part of it."""
        return self.has_data and self.measured_from > month_bounds(self.month)[0]

    @property
    def ends_now(self):
        """The month is not over, so the figure is so far ("til nå")."""
        return self.has_data and self.measured_to < month_bounds(self.month)[1]

    @property
    def percent_text(self):
        return format_uptime(self.percent)


def first_of_month(day):
    """The first day of `day`'s month."""
    return day.replace(day=1)


def add_months(month, count):
    """The first of the month `count` months after `month` (before, when negative)."""
    index = month.year * 12 + month.month - 1 + count
    return datetime.date(index // 12, index % 12 + 1, 1)


def parse_month(text):
    """ "2026-03" → 1 March 2026 (ValueError for anything else)."""
    return datetime.datetime.strptime(text, "%Y-%m").date()


def months_between(first_month, last_month):
    """Every first-of-month from `first_month` to `last_month`, both included."""
    months = []
    month = first_of_month(first_month)
    while month <= last_month:
        months.append(month)
        month = add_months(month, 1)
    return months


def local_midnight(day):
    """The moment a calendar day begins in Norway, in UTC."""
    return datetime.datetime(day.year, day.month, day.day, tzinfo=OSLO).astimezone(UTC)


def month_bounds(month):
    """The month as [start, end) in UTC: local midnight on the 1st to the next 1st.

    Computed in UTC, because subtracting two Oslo times in Python ignores a DST change.
    """
    return local_midnight(month), local_midnight(add_months(month, 1))


def merge_intervals(intervals):
    """Sorted, non-overlapping intervals covering the same time as `intervals`."""
    merged = []
    for start, end in sorted(intervals):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def covered_seconds(intervals, start, end):
    """How many seconds of [start, end) the intervals cover, overlaps counted once."""
    total = 0
    for begin, finish in merge_intervals(intervals):
        begin, finish = max(begin, start), min(finish, end)
        if finish > begin:
            total += int((finish - begin).total_seconds())
    return total


def measured_period(logged_since, month, now):
    """The part of `month` the outage log covers, as (from, to) in UTC, or None.

    `logged_since` is the day the service's log began (None: it has not). The part ends
    at `now` for the current month and is empty for a month in the future.
    """
    if logged_since is None:
        return None
    month_start, month_end = month_bounds(month)
    start = max(month_start, local_midnight(logged_since))
    end = min(month_end, now.astimezone(UTC))
    return (start, end) if end > start else None


def uptime_percent(measured_seconds, downtime_seconds):
    """The share of the measured time the service was up, rounded down to 0,01 %."""
    up = Decimal(measured_seconds - downtime_seconds) * HUNDRED / Decimal(measured_seconds)
    return up.quantize(PERCENT_STEP, rounding=ROUND_FLOOR)


def target_for(service, sla_target):
    """The uptime target of a service: its own if set, else the SLA's (chapter 6)."""
    return service.uptime_target if service.uptime_target is not None else sla_target


def month_uptime(service, month, outages, now, sla_target):
    """One month's uptime for `service` from its `outages`.

    `outages` are (starts_at, ends_at or None, category) of this service; any that lie
    outside the month are ignored.
    """
    target = target_for(service, sla_target)
    period = measured_period(service.outages_logged_since, month, now)
    if period is None:
        return MonthUptime(month, 0, 0, None, target, None)
    start, end = period
    by_category = defaultdict(list)
    for starts_at, ends_at, category in outages:
        by_category[category].append((starts_at, ends_at or now))
    downtime = covered_seconds(by_category.pop(Outage.Category.COUNTED, []), start, end)
    excluded = {
        category: seconds
        for category, intervals in sorted(by_category.items())
        if (seconds := covered_seconds(intervals, start, end))
    }
    measured = int((end - start).total_seconds())
    percent = uptime_percent(measured, downtime)
    met = None if target is None else percent >= target
    return MonthUptime(month, measured, downtime, percent, target, met, excluded, start, end)


def sla_uptime_target():
    """The uptime target on the live SLA page (None if no SLA is published)."""
    return SLAPage.objects.live().values_list("uptime_target", flat=True).first()


def monthly_uptime(services, first_month, last_month, now=None, sla_target=None):
    """Uptime for each of `services` in each month from `first_month` to `last_month`.

    Returns {service id: [MonthUptime, …]} in month order. All the services' outages in
    the range are read in one query. `sla_target` saves reading the SLA page when the
    caller already has it.
    """
    now = now or timezone.now()
    services = list(services)
    months = months_between(first_month, last_month)
    if not months or not services:
        return {service.pk: [] for service in services}
    range_start, range_end = month_bounds(months[0])[0], month_bounds(months[-1])[1]
    rows = Outage.objects.filter(
        Q(ends_at__isnull=True) | Q(ends_at__gt=range_start),
        service__in=[service.pk for service in services],
        starts_at__lt=range_end,
    ).values_list("service_id", "starts_at", "ends_at", "category")
    outages = defaultdict(list)
    for service_id, *outage in rows:
        outages[service_id].append(outage)
    if sla_target is None:
        sla_target = sla_uptime_target()
    return {
        service.pk: [
            month_uptime(service, month, outages[service.pk], now, sla_target) for month in months
        ]
        for service in services
    }


def outage_seconds(starts_at, ends_at, now):
    """How long an outage lasted, or has lasted so far when it has no end."""
    return max(0, int(((ends_at or now) - starts_at).total_seconds()))


def format_uptime(percent):
    """`Decimal("99.87")` → "99,87 %"; no data → "ingen data"; 100 shows as "100 %"."""
    if percent is None:
        return "ingen data"
    if percent == HUNDRED:
        return "100 %"
    return f"{percent:.2f} %".replace(".", ",")


def format_duration(seconds):
    """A length of downtime in words: "2 døgn 3 timer", "1 time 5 min", "under 1 min"."""
    if seconds <= 0:
        return "0 min"
    if seconds < 60:
        return "under 1 min"
    minutes = round(seconds / 60)
    days, minutes = divmod(minutes, 24 * 60)
    hours, minutes = divmod(minutes, 60)
    parts = []
    if days:
        parts.append(f"{days} døgn")
    if hours:
        parts.append("1 time" if hours == 1 else f"{hours} timer")
    if minutes:
        parts.append(f"{minutes} min")
    return " ".join(parts)


def outage_problems(service, starts_at, ends_at, now, from_notice=False):
    """What is wrong with an outage as an editor records it, as {field: Norwegian message}.

    An outage is recorded once it has happened: planned downtime comes from the
    driftsmeldinger (`from_notice`), which may lie ahead. An outage must also fall in the
    period the service's log covers, or it would silently count for nothing.
    """
    problems = {}
    if starts_at and ends_at and ends_at <= starts_at:
        problems["ends_at"] = "Avbruddet må slutte etter at det begynte."
    if not from_notice and starts_at and starts_at > now:
        problems["starts_at"] = (
            "Et avbrudd kan ikke begynne fram i tid. Planlagt nedetid varsles som driftsmelding."
        )
    if not from_notice and ends_at and ends_at > now:
        problems["ends_at"] = (
            "Sluttidspunktet er fram i tid. La feltet stå tomt mens avbruddet varer, "
            "og fyll det inn når tjenesten virker igjen."
        )
    if service is None or not starts_at or problems:
        return problems
    if service.outages_logged_since is None:
        problems["service"] = (
            f"«{service}» har ingen dato for «avbrudd registrert fra», så avbruddet ville ikke "
            "telle i oppetiden. Sett datoen på tjenesten i tjenestekatalogen først."
        )
    elif (ends_at or now) <= local_midnight(service.outages_logged_since):
        since = format_date(service.outages_logged_since, "j. F Y")
        problems["starts_at"] = (
            f"Avbrudd for «{service}» føres fra {since}, så dette avbruddet ville ikke telle. "
            "Flytt «avbrudd registrert fra» på tjenesten først om du fører inn eldre avbrudd."
        )
    return problems


def last_months(service, count=12, now=None):
    """The service's uptime in the last `count` months, this one included, newest first."""
    this_month = first_of_month(timezone.localdate(now))
    first = add_months(this_month, 1 - count)
    return list(reversed(monthly_uptime([service], first, this_month, now=now)[service.pk]))
