"""The idea list as a download: CSV that Norwegian Excel opens as it is, and an Excel workbook.

One row per idea, columns in Norwegian; the submitter is named only where the reader
may see the name (`Authority.submitter_name`).
"""

import csv
import io

from django.http import HttpResponse
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from . import scoring
from .portfolio import score_of

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
HEADER = [
    "Nr.",
    "Tittel",
    "Status",
    "Kommune",
    "Faggruppe",
    "Innmelder",
    "Sendt inn",
    "Oppfølgingsansvarlig",
    "Stikkord",
    "Poengsum",
    "Prioritet",
    "Adresse",
]


def idea_rows(ideas, authority, address):
    """The table's rows for `ideas` (annotated by `portfolio.with_scores`, tags prefetched).

    Values keep their type (numbers, dates); `address(idea)` gives the idea's page.
    """
    for idea in ideas:
        score = score_of(idea)
        submitted = timezone.localtime(idea.submitted_at).date() if idea.submitted_at else None
        yield [
            idea.pk,
            idea.title,
            idea.state_label,
            idea.municipality.name,
            idea.expert_group.name if idea.expert_group else "",
            authority.submitter_name(idea),
            submitted,
            idea.follow_up.name if idea.follow_up else "",
            ", ".join(sorted(tag.name for tag in idea.tags.all())),
            score,
            scoring.band(score),
            address(idea),
        ]


def _text(value):
    """A cell as text the way Norwegian Excel reads it: 3,40 and 01.10.2026."""
    if value is None:
        return ""
    if hasattr(value, "strftime"):
        return value.strftime("%d.%m.%Y")
    text = str(value)
    if not isinstance(value, str):
        return text.replace(".", ",")
    # Text typed by people is never run as a formula (CSV injection).
    return f"'{text}" if text[:1] in ("=", "+", "-", "@") else text


def _download(response, filename):
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def csv_response(rows, filename):
    """The table as CSV: a BOM and semicolons, as Excel in Norwegian expects."""
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow(HEADER)
    writer.writerows([_text(value) for value in row] for row in rows)
    response = HttpResponse(buffer.getvalue().encode("utf-8"))
    response["Content-Type"] = "text/csv; charset=utf-8"
    return _download(response, filename)


def xlsx_response(rows, filename):
    """The table as an Excel workbook; text cells stay text, even one that starts with "="."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Idéer"
    sheet.append(HEADER)
    for row in rows:
        sheet.append(row)
    for cells in sheet.iter_rows(min_row=2):
        for cell in cells:
            if isinstance(cell.value, str):
                cell.data_type = "s"
            elif cell.is_date:
                cell.number_format = "DD.MM.YYYY"
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    for index, column in enumerate(sheet.iter_cols(values_only=True), start=1):
        width = max(len(str(value or "")) for value in column)
        sheet.column_dimensions[get_column_letter(index)].width = min(max(width + 2, 8), 50)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return _download(HttpResponse(buffer.getvalue(), content_type=XLSX), filename)
