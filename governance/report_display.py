"""The report's figures as a reader sees them: Norwegian numbers, rows and charts.

Works on the JSON-safe structure of `reports.build_report` only, so a published report
is shown from what was frozen and nothing else.
"""

import datetime
import math
from decimal import Decimal

from .charts import Bar, Chart, Scale, render_chart
from .sla_terms import format_month, format_percent

NO_DATA = "ingen data"


def number(value, decimals=1):
    """1234.5 → "1 234,5": Norwegian decimal comma and a space between thousands."""
    text = f"{Decimal(value):,.{decimals}f}"
    return text.replace(",", "\u00a0").replace(".", ",")


def share(value):
    """A share (text, in percent) with one decimal: "92.5" → "92,5 %"."""
    return None if value is None else f"{number(value)} %"


def uptime_percent(value):
    """An uptime (text, already in percent) with its two decimals: "99.87" → "99,87 %"."""
    return NO_DATA if value is None else f"{number(value, 2)} %"


def duration(seconds):
    """Counted time as hours and minutes: 8100 → "2 t 15 min"; None → "–"."""
    if seconds is None:
        return "–"
    minutes = round(seconds / 60)
    hours, minutes = divmod(minutes, 60)
    if not hours:
        return f"{minutes} min"
    return f"{hours} t {minutes} min" if minutes else f"{hours} t"


def days(value):
    """Days with one decimal: "3.5" → "3,5 dager"; None → "–"."""
    if value is None:
        return "–"
    return f"{number(value)} {'dag' if Decimal(value) == 1 else 'dager'}"


def month_label(iso_day):
    return format_month(datetime.date.fromisoformat(iso_day))


def met_text(met):
    return "" if met is None else "nådd" if met else "ikke nådd"


def count_scale(highest):
    """A 0-based scale for counts, ending at a round number with four or five ticks."""
    highest = max(highest, 1)
    step = next(s * 10**k for k in range(12) for s in (1, 2, 5) if s * 10**k * 4 >= highest)
    top = math.ceil(highest / step) * step
    return Scale(0, top, [(v, number(v, 0)) for v in range(0, top + 1, step)])


def present(figures, numbers_open=False):
    """What the report's templates show, from `figures` (as build_report made them)."""
    period = figures["period"]
    return {
        "period": {
            **period,
            "first_day": datetime.date.fromisoformat(period["starts_on"]),
            "last_day": datetime.date.fromisoformat(period["ends_on"]),
        },
        "generated_at": datetime.datetime.fromisoformat(figures["generated_at"]),
        "complete": figures["complete"],
        "published_by": figures.get("published_by"),
        "service_desk": service_desk(figures["service_desk"], numbers_open),
        "uptime": uptime(figures["uptime"], figures["period"]["months"], numbers_open),
        "ideas": ideas(figures["ideas"], numbers_open),
    }


def service_desk(section, numbers_open):
    rows = [
        {
            **row,
            "answered": share(row["answered_share"]),
            "response_missed": row["response_measured"] - row["answered_in_time"],
            "resolution_missed": row["resolution_measured"] - row["solved_in_time"],
            "solved": share(row["solved_share"]),
            "response_median": duration(row["response_median_seconds"]),
            "response_p90": duration(row["response_p90_seconds"]),
            "resolution_median": duration(row["resolution_median_seconds"]),
            "resolution_p90": duration(row["resolution_p90_seconds"]),
        }
        for row in section["priorities"]
    ]
    chart = Chart(
        chart_id="kundeservice",
        title="Andel saker med svar og løsning innen fristen, per prioritet",
        description="Liggende stolper per prioritet: andelen saker som fikk svar innen "
        "svartiden (helfylt) og ble løst innen løsningstiden (skravert), fra 0 til 100 %.",
        series=["Svar innen svartid", "Løst innen løsningstid"],
        rows=[
            (
                row["priority"],
                [
                    _share_bar(row["answered_share"]),
                    _share_bar(row["solved_share"]),
                ],
            )
            for row in section["priorities"]
        ],
        scale=Scale(0, 100, [(v, f"{v} %") for v in (0, 25, 50, 75, 100)]),
        row_header="Prioritet",
    )
    return {**section, "rows": rows, "chart": render_chart(chart, numbers_open)}


def _share_bar(value):
    if value is None:
        return Bar(None, "ingen saker")
    return Bar(float(value), share(value))


def uptime(section, months, numbers_open):
    rows = []
    for service in section["services"]:
        cells = [
            {
                "text": uptime_percent(m["percent"]),
                "met": met_text(m["met"]),
                "partial": m["partial"],
                "measured_from": _moment(m["measured_from"]) if m["partial"] else None,
                "measured_to": _moment(m["measured_to"]) if m["partial"] else None,
            }
            for m in service["months"]
        ]
        rows.append(
            {
                "name": service["name"],
                "slug": service["slug"],
                "target": format_percent(service["target"]) if service["target"] else "–",
                "months": cells,
                "period": uptime_percent(service["percent"]),
                "period_met": met_text(service["met"]),
            }
        )
    return {
        **section,
        "month_labels": [month_label(m) for m in months],
        "rows": rows,
        "chart": _uptime_chart(section["services"], numbers_open),
    }


def _moment(iso):
    return datetime.datetime.fromisoformat(iso) if iso else None


def _uptime_chart(services, numbers_open):
    measured = [s for s in services if s["percent"] is not None]
    if not measured:
        return None
    values = [float(s["percent"]) for s in measured]
    targets = {s["target"] for s in measured if s["target"] is not None}
    lowest = min(values + [float(t) for t in targets])
    low = math.floor(lowest - 0.5)
    ticks = [low + (100 - low) * i / 4 for i in range(5)]
    target = targets.pop() if len(targets) == 1 else None
    chart = Chart(
        chart_id="oppetid",
        title="Oppetid i perioden per tjeneste",
        description=f"Liggende stolper med oppetiden for hver tjeneste som har målinger. "
        f"Aksen starter ved {number(low, 0)} %, ikke ved null, så forskjellene synes."
        + (f" Den stiplede linjen er målet på {format_percent(target)}." if target else ""),
        series=["Oppetid"],
        rows=[(s["name"], [Bar(float(s["percent"]), _uptime_text(s))]) for s in measured],
        scale=Scale(low, 100, [(t, f"{number(t, 2 if t % 1 else 0)} %") for t in ticks]),
        row_header="Tjeneste",
        target=(float(target), f"Mål {format_percent(target)}") if target else None,
    )
    return render_chart(chart, numbers_open)


def _uptime_text(service):
    return f"{uptime_percent(service['percent'])} ({met_text(service['met'])})"


def ideas(section, numbers_open):
    places = section["municipalities"]
    per_place = [
        {
            "name": place["name"],
            "new": section["new"]["by_municipality"][place["slug"]],
            "decided": section["decided"]["by_municipality"][place["slug"]],
            "projects": section["projects"]["by_municipality"][place["slug"]],
        }
        for place in places
    ]
    states = [
        {
            "label": s["label"],
            "total": s["total"],
            "counts": [s["by_municipality"][p["slug"]] for p in places],
        }
        for s in section["states"]
    ]
    in_states = [s for s in section["states"] if s["total"]]
    state_chart = Chart(
        chart_id="ideer-status",
        title="Idéer per status ved periodens slutt",
        description="Liggende stolper med antall idéer i hver status da perioden sluttet. "
        "Statuser uten idéer er utelatt.",
        series=["Idéer"],
        rows=[(s["label"], [Bar(s["total"], number(s["total"], 0))]) for s in in_states],
        scale=count_scale(max([s["total"] for s in in_states], default=0)),
        row_header="Status",
    )
    place_chart = Chart(
        chart_id="ideer-kommune",
        title="Nye idéer og vedtak i perioden per kommune",
        description="Liggende stolper per kommune: nye idéer sendt inn (helfylt) og vedtak "
        "fattet om kommunens idéer (skravert).",
        series=["Nye idéer", "Vedtak"],
        rows=[
            (p["name"], [Bar(p["new"], str(p["new"])), Bar(p["decided"], str(p["decided"]))])
            for p in per_place
        ],
        scale=count_scale(max([max(p["new"], p["decided"]) for p in per_place], default=0)),
        row_header="Kommune",
    )
    return {
        **section,
        "per_place": per_place,
        "state_rows": states,
        "stage_rows": [{**s, "median": days(s["median_days"])} for s in section["stages"]],
        "state_chart": render_chart(state_chart, numbers_open) if in_states else None,
        "place_chart": render_chart(place_chart, numbers_open),
    }
