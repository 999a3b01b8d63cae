"""The report to the samarbeidsråd as an Excel workbook: one sheet per table of the report.

Built from the same figures as the page (reports.build_report). Numbers are numbers, with
number formats: shares and uptime as percentages, counted times as hours and minutes
(Excel's [h]:mm, a fraction of a day), days with one decimal. A cell without a figure is
left empty rather than filled with words, so sums and filters still work.
"""

import datetime
import io
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from .report_display import month_label

PERCENT = "0.0 %"
UPTIME = "0.00 %"
HOURS = "[h]:mm"
DAYS = "0.0"
DAY_SECONDS = 86400


def _fraction(text, scale=1):
    return None if text is None else float(Decimal(text) / scale)


def _day_fraction(seconds):
    return None if seconds is None else seconds / DAY_SECONDS


def report_workbook(figures):
    """The workbook for `figures` (as build_report made them), as bytes."""
    workbook = Workbook()
    about = workbook.active
    about.title = "Om rapporten"
    period = figures["period"]
    _table(
        about,
        ["Felt", "Verdi"],
        [
            ["Rapport", f"Rapport til samarbeidsrådet, {period['label']}"],
            ["Fra og med", datetime.date.fromisoformat(period["starts_on"])],
            ["Til og med", datetime.date.fromisoformat(period["ends_on"])],
            ["Perioden er over", "ja" if figures["complete"] else "nei"],
        ],
        {2: "DD.MM.YYYY"},
    )
    _service_desk(workbook, figures["service_desk"])
    _uptime(workbook, figures["uptime"], period["months"])
    _ideas(workbook, figures["ideas"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _table(sheet, header, rows, formats=None):
    """Write `header` and `rows`; `formats` maps a column number (from 1) to a number format."""
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for index, number_format in (formats or {}).items():
        for (cell,) in sheet.iter_rows(min_row=2, min_col=index, max_col=index):
            cell.number_format = number_format
    for cells in sheet.iter_rows(min_row=2):
        for cell in cells:
            if isinstance(cell.value, str):
                cell.data_type = "s"  # text typed by people is never run as a formula
    sheet.freeze_panes = "A2"
    for index, column in enumerate(sheet.iter_cols(values_only=True), start=1):
        width = max(len(str(value or "")) for value in column)
        sheet.column_dimensions[get_column_letter(index)].width = min(max(width + 2, 10), 60)


def _service_desk(workbook, section):
    sheet = workbook.create_sheet("Kundeservice")
    header = [
        "Prioritet",
        "Svartid",
        "Løsningstid",
        "Saker",
        "Svar innen svartid",
        "Andel svar innen svartid",
        "Median tid til svar",
        "90-persentil tid til svar",
        "Løst innen løsningstid",
        "Andel løst innen løsningstid",
        "Median tid til løsning",
        "90-persentil tid til løsning",
        "Svartid ikke nådd",
        "Løsningstid ikke nådd",
    ]
    rows = [
        [
            r["priority"],
            r["response_target"],
            r["resolution_target"],
            r["cases"],
            r["answered_in_time"],
            _fraction(r["answered_share"], 100),
            _day_fraction(r["response_median_seconds"]),
            _day_fraction(r["response_p90_seconds"]),
            r["solved_in_time"],
            _fraction(r["solved_share"], 100),
            _day_fraction(r["resolution_median_seconds"]),
            _day_fraction(r["resolution_p90_seconds"]),
            r["response_measured"] - r["answered_in_time"],
            r["resolution_measured"] - r["solved_in_time"],
        ]
        for r in section["priorities"]
    ]
    formats = {6: PERCENT, 7: HOURS, 8: HOURS, 10: PERCENT, 11: HOURS, 12: HOURS}
    _table(sheet, header, rows, formats)


def _uptime(workbook, section, months):
    sheet = workbook.create_sheet("Oppetid")
    labels = [month_label(m).capitalize() for m in months]
    header = ["Tjeneste", "Mål", *labels, "Hele perioden", "Mål nådd i perioden"]
    rows = []
    for service in section["services"]:
        by_month = [_fraction(m["percent"], 100) for m in service["months"]]
        met = {True: "ja", False: "nei", None: "ingen data"}[service["met"]]
        rows.append(
            [
                service["name"],
                _fraction(service["target"], 100),
                *by_month,
                _fraction(service["percent"], 100),
                met,
            ]
        )
    formats = {column: UPTIME for column in range(2, len(labels) + 4)}
    _table(sheet, header, rows, formats)


def _ideas(workbook, section):
    places = section["municipalities"]
    names = [p["name"] for p in places]
    slugs = [p["slug"] for p in places]

    def counts(part):
        return [part["by_municipality"][slug] for slug in slugs] + [part["total"]]

    _table(
        workbook.create_sheet("Idéer per kommune"),
        ["Tall for perioden", *names, "Til sammen"],
        [
            ["Nye idéer", *counts(section["new"])],
            ["Vedtak", *counts(section["decided"])],
            ["Prosjekter etablert", *counts(section["projects"])],
        ],
    )
    _table(
        workbook.create_sheet("Status ved slutt"),
        ["Status", *names, "Til sammen"],
        [[s["label"], *counts(s)] for s in section["states"]],
    )
    _table(
        workbook.create_sheet("Vedtak og eskaleringer"),
        ["Hva", "Antall"],
        [[f"Vedtak: {o['label']}", o["count"]] for o in section["decided"]["by_outcome"]]
        + [[e["label"], e["count"]] for e in section["escalations"]],
    )
    _table(
        workbook.create_sheet("Tid i hvert steg"),
        ["Steg", "Avsluttede opphold", "Median (dager)"],
        [[s["label"], s["stays"], _fraction(s["median_days"])] for s in section["stages"]],
        {3: DAYS},
    )
