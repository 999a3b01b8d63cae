"""Tables as downloads: CSV that Norwegian Excel opens as it is, and Excel workbooks.

Here, at the bottom of the dependency chain, so that every app's exports (the role
overview, the idea list) share one set of rules: what a cell looks like, and that text
typed by people is never run as a formula (CSV injection).
"""

import csv
import io

from django.http import HttpResponse
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _attachment(response, filename):
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def csv_cell(value):
    """A cell as text the way Norwegian Excel reads it: 3,40 and 01.10.2026; "" for none.

    Text that Excel would take for a formula gets a leading apostrophe.
    """
    if value is None:
        return ""
    if hasattr(value, "strftime"):
        return value.strftime("%d.%m.%Y")
    text = str(value)
    if not isinstance(value, str):
        return text.replace(".", ",")
    return f"'{text}" if text[:1] in ("=", "+", "-", "@") else text


def csv_response(table, filename):
    """`table` (header first) as CSV: semicolons and a BOM, as Excel in Norwegian expects."""
    buffer = io.StringIO()
    buffer.write("\ufeff")
    csv.writer(buffer, delimiter=";").writerows([csv_cell(v) for v in row] for row in table)
    response = HttpResponse(buffer.getvalue().encode("utf-8"))
    response["Content-Type"] = "text/csv; charset=utf-8"
    return _attachment(response, filename)


def xlsx_response(table, filename, title):
    """`table` (header first) as an Excel workbook with one sheet called `title`.

    Numbers and dates keep their type; text stays text, even one that starts with "=".
    """
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title
    for row in table:
        sheet.append(row)
    for cells in sheet.iter_rows():
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
    return _attachment(HttpResponse(buffer.getvalue(), content_type=XLSX), filename)
