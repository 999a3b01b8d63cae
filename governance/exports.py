"""Tables as downloads: CSV that Norwegian Excel opens as it is, and Excel workbooks."""

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


def _csv_safe(value):
    """A cell Excel will not run as a formula: names are typed by people (CSV injection)."""
    return f"'{value}" if value[:1] in ("=", "+", "-", "@") else value


def csv_response(table, filename):
    """`table` (header first) as CSV: semicolons and a BOM, as Excel in Norwegian expects."""
    buffer = io.StringIO()
    buffer.write("\ufeff")
    csv.writer(buffer, delimiter=";").writerows([_csv_safe(v) for v in row] for row in table)
    response = HttpResponse(buffer.getvalue().encode("utf-8"), content_type="text/csv")
    response["Content-Type"] = "text/csv; charset=utf-8"
    return _attachment(response, filename)


def xlsx_response(table, filename, title):
    """`table` (header first) as an Excel workbook with one sheet called `title`."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title
    for row in table:
        sheet.append(row)
    for cells in sheet.iter_rows():
        for cell in cells:
            cell.data_type = "s"  # text, even if a name starts with "=" (no formulas)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    for index, column in enumerate(sheet.iter_cols(values_only=True), start=1):
        width = max(len(str(value or "")) for value in column)
        sheet.column_dimensions[get_column_letter(index)].width = min(max(width + 2, 10), 50)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return _attachment(HttpResponse(buffer.getvalue(), content_type=XLSX), filename)
