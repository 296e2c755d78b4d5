"""Tables for coordinators as CSV or XLSX, written the same way by every app.

An export hands over its column labels and rows of plain values (text, numbers,
dates, datetimes, booleans, ``None``); this module decides how each is written,
so every export in the portal opens the same way:

- XLSX: a named sheet whose bold header row is frozen and carries an autofilter,
  columns as wide as their contents, dates and times as real Excel dates in local
  time (Excel has no time zones, so the local time is written naive), numbers
  as numbers.
- CSV: semicolon-separated UTF-8 with a byte order mark, as Swedish Excel opens
  it; dates and times as local ISO text.
- Booleans as "Ja"/"Nej" text in both: the two files say the same, the filter
  offers the words a coordinator reads, and a real boolean would show as
  SANT/FALSKT in Swedish Excel.
- Text that a spreadsheet would run as a formula gets a leading apostrophe
  (OWASP's CSV injection), in both; typed numbers and dates never start one.
"""

import csv
import io
import re
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import Any

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

# OWASP's list plus a line feed. The check also looks past leading blanks,
# which some importers trim before they read a formula.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")
# Control characters that XML 1.0, so XLSX, cannot hold (openpyxl refuses them,
# NUL among them); never meaningful in an export.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DATE_FORMAT = "yyyy-mm-dd"
DATETIME_FORMAT = "yyyy-mm-dd hh:mm"
# Column widths in characters: room for a short word, never wider than a screen.
MIN_WIDTH, MAX_WIDTH = 8, 60
# Excel refuses these in a sheet's name, and names longer than 31 characters.
SHEET_TITLE_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
SHEET_TITLE_LENGTH = 31


def safe(value):
    """Neutralise formula injection (OWASP CSV injection). Control characters go
    first, so that none can hide a formula from the check and then vanish."""
    if not isinstance(value, str):
        return value
    value = CONTROL.sub("", value)
    if value.startswith(FORMULA_START) or value.lstrip().startswith(FORMULA_START):
        return "'" + value
    return value


def sheet_title(title: str) -> str:
    """``title`` as Excel accepts a sheet's name."""
    title = SHEET_TITLE_FORBIDDEN.sub(" ", CONTROL.sub("", str(title))).strip(" '")
    return title[:SHEET_TITLE_LENGTH] or "Sheet"


def _value(value):
    """A value as both formats hold it: local naive time, a boolean as a word,
    text guarded against formulas."""
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, datetime):
        return timezone.localtime(value).replace(tzinfo=None) if timezone.is_aware(value) else value
    return safe(value)


def _text(value) -> str:
    """A value (after ``_value``) as the CSV writes it, and as wide as Excel shows it."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _width(values: Iterable[Any]) -> int:
    longest = max((len(line) for value in values for line in _text(value).splitlines()), default=0)
    return min(max(longest + 2, MIN_WIDTH), MAX_WIDTH)


def csv_response(
    *, headers: Sequence[str], rows: Iterable[Sequence[Any]], filename: str
) -> HttpResponse:
    buffer = io.StringIO()
    buffer.write("\ufeff")  # so Excel reads UTF-8
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow([safe(label) for label in headers])
    writer.writerows([_text(_value(value)) for value in row] for row in rows)
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def xlsx_response(
    *, headers: Sequence[str], rows: Iterable[Sequence[Any]], title: str, filename: str
) -> HttpResponse:
    """One sheet named ``title``: the header frozen and filtered, typed cells.

    The rows are held in memory, as the response is, so that each column's width
    fits its contents (a streaming sheet takes its widths before its first row)."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    headers = [safe(label) for label in headers]
    rows = [[_value(value) for value in row] for row in rows]
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(sheet_title(title))
    for index, label in enumerate(headers):
        column = [label, *(row[index] for row in rows)]
        sheet.column_dimensions[get_column_letter(index + 1)].width = _width(column)
    sheet.freeze_panes = "A2"
    last = get_column_letter(max(len(headers), 1))
    sheet.auto_filter.ref = f"A1:{last}{len(rows) + 1}"

    bold = Font(bold=True)

    def cell(value, font=None):
        typed = WriteOnlyCell(sheet, value=value)
        if isinstance(value, datetime):
            typed.number_format = DATETIME_FORMAT
        elif isinstance(value, date):
            typed.number_format = DATE_FORMAT
        if font:
            typed.font = font
        return typed

    sheet.append([cell(label, bold) for label in headers])
    for row in rows:
        sheet.append([cell(value) for value in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
