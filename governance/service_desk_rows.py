"""Reading the service desk's case export: a CSV or Excel file, one case a row.

The columns are found by their headers, in any order and any case: saksnummer, meldt,
prioritet, første svar, løst and, where the export has it, ventetid (English names such
as "case id" or "opened" are understood too). Other columns of the export are left out
and named on the receipt; one whose name is close to ours is refused as a misspelling, so
that a misspelt "ventetid" cannot quietly drop the waiting periods.

CSV may be UTF-8 with or without a byte order mark, separated by semicolons (as Excel
in Norwegian saves it), commas or tabs: the header line tells which. Excel files
(.xlsx) are read as a stream, so a large export never sits whole in memory.

Times are local Oslo time unless they say otherwise: "02.03.2026 14:05",
"2026-03-02 14:05", ISO 8601 ("2026-03-02T14:05:00+01:00") or real Excel date cells.
"""

import csv
import datetime
import difflib
import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import PurePath

from django.utils import timezone

MAX_UPLOAD_BYTES = 20 * 1024 * 1024
EXAMPLE_TIME = "02.03.2026 14:05"
EXAMPLE_WAIT = "02.03.2026 10:00–02.03.2026 12:00"


class ExportRefused(Exception):
    """The upload is refused as a whole; `problems` says why, in Norwegian."""

    def __init__(self, problems):
        self.problems = list(problems)
        super().__init__(" ".join(self.problems))


@dataclass(frozen=True)
class Column:
    """A column of the export: the field it fills, its Norwegian name and other names."""

    field: str
    label: str
    aliases: frozenset
    required: bool = True


COLUMNS = [
    Column(
        "reference",
        "saksnummer",
        frozenset({"saksnr", "saksnr.", "sak", "case", "case id", "case number", "ticket"}),
    ),
    Column("opened", "meldt", frozenset({"innmeldt", "opprettet", "opened", "created"})),
    Column("priority", "prioritet", frozenset({"priority"})),
    Column(
        "first_response",
        "første svar",
        frozenset({"forste svar", "foerste svar", "first response", "responded"}),
    ),
    Column("resolved", "løst", frozenset({"lost", "loest", "resolved", "solved"})),
    Column(
        "waits",
        "ventetid",
        frozenset({"ventetider", "venter", "waiting", "waits", "waiting periods", "on hold"}),
        required=False,
    ),
]
LABELS = {column.field: column.label for column in COLUMNS}
_BY_NAME = {name: column for column in COLUMNS for name in {column.label, *column.aliases}}


def _header_key(text):
    """ " Første_svar: " → "første svar", so headers match however they are written."""
    text = str(text or "").replace("\ufeff", "").replace("_", " ").strip().rstrip(":*").lower()
    text = re.sub(r"\s+", " ", text)
    for suffix in (" at", " tid", " tidspunkt"):
        if text.endswith(suffix) and text[: -len(suffix)] in _BY_NAME:
            return text[: -len(suffix)]
    return text


def column_positions(header):
    """Which field each header cell holds, and the columns not read.

    Returns `({field: index}, [ignored column names])`. A real export has more columns
    than these (a title, who reported it, …), and they are left out; but a column whose
    name is close to one we read is taken for a misspelling and refused, so waiting
    periods under «ventetd» are not silently dropped. ExportRefused if it cannot tell.
    """
    positions, ignored, misspelt, twice = {}, [], [], []
    for index, cell in enumerate(header):
        key = _header_key(cell)
        if not key:
            continue  # a blank header cell (a trailing separator) holds nothing we read
        column = _BY_NAME.get(key)
        if column is None:
            close = difflib.get_close_matches(key, _BY_NAME, n=1, cutoff=0.85)
            if close:
                misspelt.append((str(cell).strip(), _BY_NAME[close[0]].label))
            else:
                ignored.append(str(cell).strip())
        elif column.field in positions:
            twice.append(column.label)
        else:
            positions[column.field] = index
    problems = [f"Kolonnen «{name}» er ukjent. Mente du «{label}»?" for name, label in misspelt]
    problems += [f"Kolonnen «{label}» står mer enn én gang." for label in twice]
    missing = [c.label for c in COLUMNS if c.required and c.field not in positions]
    if missing:
        names = ", ".join(f"«{label}»" for label in missing)
        problems.append(f"Filen mangler kolonnen{'e' if len(missing) > 1 else ''} {names}.")
    if problems:
        known = ", ".join(c.label for c in COLUMNS)
        problems.append(
            f"Første rad skal ha kolonnenavnene {known} (ventetid kan utelates), "
            "i hvilken som helst rekkefølge. Andre kolonner blir ikke lest."
        )
        raise ExportRefused(problems)
    return positions, ignored


def read_export(upload, filename, ignored=None):
    """The export's rows as `(row_number, {field: value})`, the header being row 1.

    Blank rows are skipped. A value is a stripped string, None when empty, or what an
    Excel cell holds (a datetime, a number). Raises ExportRefused when the file is empty,
    too large, of a type we do not read, or cannot be read; the generator may raise it
    part way through a file that turns out to be broken. The names of the columns not
    read are put in the list `ignored`, if given, once the header has been read.
    """
    size = getattr(upload, "size", None)
    if size is None:
        size = upload.seek(0, io.SEEK_END)
    if not size:
        raise ExportRefused(["Filen er tom."])
    if size > MAX_UPLOAD_BYTES:
        megabytes = MAX_UPLOAD_BYTES // (1024 * 1024)
        raise ExportRefused(
            [f"Filen er større enn {megabytes} MB. Del den opp og last opp delene."]
        )
    upload.seek(0)
    start = upload.read(4)
    upload.seek(0)
    suffix = PurePath(filename or "").suffix.lower()
    if suffix == ".xlsx" or (suffix != ".csv" and start.startswith(b"PK")):
        rows = _excel_rows(upload)
    elif suffix in (".csv", ".txt"):
        rows = _csv_rows(upload)
    elif suffix == ".xls":
        raise ExportRefused(
            ["Eldre Excel-filer (.xls) kan ikke leses. Lagre filen som .xlsx eller CSV."]
        )
    else:
        raise ExportRefused(["Last opp en CSV-fil (.csv) eller en Excel-fil (.xlsx)."])
    return _records(rows, ignored if ignored is not None else [])


def _records(rows, ignored):
    positions = None
    for row_number, cells in rows:
        if all(cell is None or (isinstance(cell, str) and not cell.strip()) for cell in cells):
            continue
        if positions is None:
            positions, ignored[:] = column_positions(cells)
            continue
        values = {}
        for field, index in positions.items():
            value = cells[index] if index < len(cells) else None
            if isinstance(value, str):
                value = value.strip() or None
            values[field] = value
        yield row_number, values
    if positions is None:
        raise ExportRefused(["Filen er tom."])


def _csv_rows(upload):
    text = io.TextIOWrapper(upload, encoding="utf-8-sig", newline="")
    row_number = 0
    try:
        header = text.readline()
        # The header names contain no separators, so the one it uses most is the one.
        delimiter = max(";,\t", key=header.count)
        for row_number, cells in enumerate(
            csv.reader(_chain(header, text), delimiter=delimiter), start=1
        ):
            yield row_number, cells
    except UnicodeDecodeError as error:
        raise ExportRefused(
            [
                "Filen er ikke lagret som UTF-8, så æ, ø og å kan ikke leses riktig. "
                "Velg «CSV UTF-8» når du lagrer filen i Excel, og prøv igjen."
            ]
        ) from error
    except csv.Error as error:
        raise ExportRefused(
            [
                f"Rad {row_number + 1}: raden kan ikke leses som CSV. Kanskje mangler et "
                "avsluttende anførselstegn."
            ]
        ) from error
    finally:
        text.detach()  # leave the upload open for whoever owns it


def _chain(first, rest):
    yield first
    yield from rest


def _excel_rows(upload):
    from openpyxl import load_workbook

    if not zipfile.is_zipfile(upload):
        raise ExportRefused(["Filen er ikke en Excel-fil (.xlsx) som kan leses."])
    upload.seek(0)
    try:
        workbook = load_workbook(upload, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a file it cannot read
        raise ExportRefused(["Filen er ikke en Excel-fil (.xlsx) som kan leses."]) from error
    try:
        sheet = workbook.worksheets[0]
        yield from enumerate(sheet.iter_rows(min_row=1, values_only=True), start=1)
    finally:
        workbook.close()


def oslo():
    return timezone.get_default_timezone()


_DOTTED = re.compile(
    r"^(\d{1,2})\.(\d{1,2})\.(\d{4})[ T]+(?:kl\.? ?)?(\d{1,2})[:.](\d{2})(?:[:.](\d{2}))?$"
)


def parse_moment(value):
    """An aware datetime from a cell, or None for an empty one; ValueError if it is no time.

    A time without a zone is Oslo time; in the autumn's repeated hour, the first of the
    two. An Excel cell's float noise is rounded to the nearest second.
    """
    if value is None:
        return None
    if isinstance(value, datetime.datetime):
        moment = value
        if moment.microsecond:
            moment = moment.replace(microsecond=0) + datetime.timedelta(
                seconds=round(value.microsecond / 1_000_000)
            )
    elif isinstance(value, str):
        moment = _parse_text(value.strip())
    else:
        raise ValueError(value)
    if timezone.is_naive(moment):
        moment = moment.replace(tzinfo=oslo())
    # In UTC: Python never finds an Oslo time in the autumn's repeated hour (or the
    # spring's missing one) equal to another zone's, so a re-import would see a change.
    return moment.astimezone(datetime.UTC)


def _parse_text(text):
    match = _DOTTED.match(text)
    if match:
        day, month, year, hour, minute, second = match.groups()
        return datetime.datetime(
            int(year), int(month), int(day), int(hour), int(minute), int(second or 0)
        )
    if len(text) < 12:  # a date alone ("2026-03-02") has no time of day
        raise ValueError(text)
    return datetime.datetime.fromisoformat(text)


_DASHES = ("–", "—")


def parse_waits(value):
    """Waiting periods from one cell: "02.03.2026 10:00–02.03.2026 12:00; …".

    Periods are separated by ";" (or line breaks); start and end by "–" or "-". An end
    that is a time of day alone ("10:00–12:00") is on the start's date. Returns a list of
    (start, end) aware datetimes in the order written; ValueError names the period that
    cannot be read.
    """
    if value is None:
        return []
    if not isinstance(value, str):
        raise ValueError(str(value))
    periods = []
    for part in re.split(r"[;\n]", value):
        part = part.strip()
        if part:
            periods.append(_parse_period(part))
    return periods


def _parse_period(text):
    for dash in _DASHES:
        if dash in text:
            start, _, end = text.partition(dash)
            return _period(start, end, text)
    # A plain hyphen also sits inside ISO dates; try every place it could divide the two.
    for match in re.finditer("-", text):
        try:
            return _period(text[: match.start()], text[match.end() :], text)
        except ValueError:
            continue
    raise ValueError(text)


def _period(start_text, end_text, whole):
    try:
        start = parse_moment(start_text.strip())
        end_text = end_text.strip()
        if re.fullmatch(r"\d{1,2}[:.]\d{2}", end_text):
            hour, minute = (int(n) for n in re.split("[:.]", end_text))
            local = timezone.localtime(start, oslo())
            end = local.replace(hour=hour, minute=minute, second=0, tzinfo=None)
            end = parse_moment(end)
        else:
            end = parse_moment(end_text)
    except (ValueError, TypeError) as error:
        raise ValueError(whole) from error
    if start is None or end is None:
        raise ValueError(whole)
    return start, end


def parse_reference(value):
    """The case number as text: an Excel number 1234.0 is "1234"."""
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip() or None


def local_text(moment):
    """`02.03.2026 14:05`, in Oslo time: how the export writes it, for messages."""
    return timezone.localtime(moment, oslo()).strftime("%d.%m.%Y %H:%M")
