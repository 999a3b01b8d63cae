"""The report to the samarbeidsråd (SLA 7): the period's key figures in one plain structure.

`build_report` gathers them; the page, the Excel file and a published (frozen) report all
start from what it returns, so the three show the same numbers. The structure holds only
JSON types (Decimals as text, moments as ISO 8601), because a published report keeps it
in the database exactly as it was.
"""

import datetime
from decimal import ROUND_DOWN, Decimal

from django.db import transaction
from django.utils import timezone

from councils.models import Council

from .idea_pipeline import idea_pipeline
from .models import PublishedReport, Service
from .report_periods import local_midnight
from .service_desk import compliance
from .sla_terms import format_month
from .uptime import monthly_uptime

FORMAT_VERSION = 1


class ReportError(Exception):
    """A report that cannot be published; the message is for the editor."""


def build_report(period, now=None):
    """The figures of the report for `period` (a report_periods.Period), JSON-safe."""
    now = now or timezone.now()
    return {
        "format": FORMAT_VERSION,
        "period": {
            "key": period.key,
            "kind": period.kind,
            "label": period.label,
            "starts_on": period.starts_on.isoformat(),
            "ends_on": period.ends_on.isoformat(),
            "months": [m.isoformat() for m in period.month_starts],
        },
        "generated_at": now.isoformat(),
        "complete": period.has_ended(now),
        "service_desk": service_desk_figures(period, now),
        "uptime": uptime_figures(period, now),
        "ideas": idea_pipeline(period.start, period.end),
    }


def service_desk_figures(period, now):
    """Kundeservice's compliance per priority for cases opened in the period (SLA 5.6).

    Shares are percentages (0–100) of the cases measured: answered or solved, or past
    their deadline without (see governance.service_desk).
    """
    rows = []
    for figures in compliance(period.start, period.end, now=now):
        rows.append(
            {
                "priority": figures.priority,
                "response_target": figures.response_target,
                "resolution_target": figures.resolution_target,
                "cases": figures.cases,
                "response_measured": figures.response_measured,
                "answered_in_time": figures.answered_in_time,
                "answered_share": _text(figures.answered_share),
                "resolution_measured": figures.resolution_measured,
                "solved_in_time": figures.solved_in_time,
                "solved_share": _text(figures.solved_share),
                "response_median_seconds": figures.response_median_seconds,
                "response_p90_seconds": figures.response_p90_seconds,
                "resolution_median_seconds": figures.resolution_median_seconds,
                "resolution_p90_seconds": figures.resolution_p90_seconds,
            }
        )
    return {"cases": sum(r["cases"] for r in rows), "priorities": rows}


def uptime_figures(period, now):
    """Uptime per service in the catalogue, per month and for the period, against target.

    Every service is listed, so one whose outages are not logged shows as "ingen data"
    rather than dropping out of the report.
    """
    services = list(Service.objects.order_by("name"))
    months = period.month_starts
    found = monthly_uptime(services, months[0], months[-1], now=now)
    rows = []
    for service in services:
        measured = found.get(service.pk, [])
        whole = combined_uptime(measured)
        rows.append(
            {
                "name": service.name,
                "slug": service.slug,
                "target": _text(measured[0].target) if measured else None,
                "months": [_month(m) for m in measured],
                **whole,
            }
        )
    return {"services": rows}


def combined_uptime(months):
    """Uptime over several months: counted downtime against measured time, summed.

    Months without data are left out; with none, the percent is None ("ingen data").
    The percent is cut, not rounded, to two decimals, so a figure just below the target
    never shows as the target; `met` compares the exact figure.
    """
    measured = sum(m.measured_seconds for m in months if m.percent is not None)
    downtime = sum(m.downtime_seconds for m in months if m.percent is not None)
    if not measured:
        return {"percent": None, "met": None, "measured_seconds": 0, "downtime_seconds": 0}
    exact = Decimal(measured - downtime) * 100 / Decimal(measured)
    return {
        "percent": _text(exact.quantize(Decimal("0.01"), rounding=ROUND_DOWN)),
        "met": None if months[0].target is None else exact >= months[0].target,
        "measured_seconds": measured,
        "downtime_seconds": downtime,
    }


def _month(month):
    month_start = local_midnight(month.month)
    next_month = local_midnight((month.month + datetime.timedelta(days=32)).replace(day=1))
    partial = month.percent is not None and (
        (month.measured_from and month.measured_from.timestamp() > month_start.timestamp())
        or (month.measured_to and month.measured_to.timestamp() < next_month.timestamp())
    )
    return {
        "month": month.month.isoformat(),
        "percent": _text(month.percent),
        "met": month.met,
        "downtime_seconds": month.downtime_seconds,
        "measured_seconds": month.measured_seconds,
        "excluded_seconds": sum(month.excluded_seconds.values()),
        "partial": bool(partial),
        "measured_from": month.measured_from.isoformat() if month.measured_from else None,
        "measured_to": month.measured_to.isoformat() if month.measured_to else None,
    }


def _text(value):
    return None if value is None else str(value)


def may_publish(user):
    """Whoever may add published reports (Redaktører, Godkjennere; see editorial.py)."""
    return user.is_active and user.has_perm("governance.add_publishedreport")


def cooperation_council():
    return Council.objects.filter(kind=Council.Kind.COOPERATION).order_by("pk").first()


@transaction.atomic
def publish_report(period, user, now=None):
    """Freeze the report for `period` and publish it on the samarbeidsråd's page.

    Only a period that is over can be published; publishing the same period again adds
    a new version beside the earlier ones, which stay as they were (what the council
    received is kept). Raises ReportError with a Norwegian message otherwise.
    """
    now = now or timezone.now()
    if not period.has_ended(now):
        raise ReportError(
            f"Perioden {period.label} er ikke over ennå. Rapporten kan publiseres "
            f"fra {period.next_starts_on.day}. {format_month(period.next_starts_on)}."
        )
    council = cooperation_council()
    if council is None:
        raise ReportError("Det finnes ikke noe samarbeidsråd å publisere rapporten til.")
    # Lock the council's row so two editors publishing at once get versions 1 and 2.
    Council.objects.select_for_update().filter(pk=council.pk).first()
    earlier = PublishedReport.objects.filter(
        council=council, period=period.kind, starts_on=period.starts_on
    ).count()
    title = f"Rapport til {council.name}, {period.label}"
    if earlier:
        title += f" (versjon {earlier + 1})"
    figures = build_report(period, now)
    # Kept with the figures, so the page names the publisher as they were named then.
    figures["published_by"] = user.get_full_name() or user.get_username()
    return PublishedReport.objects.create(
        council=council,
        period=period.kind,
        starts_on=period.starts_on,
        ends_on=period.ends_on,
        title=title,
        figures=figures,
        published_by=user,
    )
