"""The shared CSV and XLSX writer: what every export in the portal opens as."""

import csv
import io
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from django.utils import translation
from openpyxl import load_workbook

from portal import spreadsheets

HEADERS = ["Namn", "Medlemmar", "Avgift", "Startar", "Registrerad", "Offentlig", "Telefon"]
ROWS = [
    # 11:30 UTC in January is 12:30 in Stockholm, 10:00 UTC in July is 12:00.
    ["Alfa", 12, Decimal("150.50"), date(2026, 3, 1), datetime(2026, 1, 5, 11, 30, tzinfo=UTC)]
    + [True, "+46 8 123"],
    ["Beta med ett mycket långt namn som fyller kolumnen", None, None, None]
    + [datetime(2026, 7, 1, 10, 0, tzinfo=UTC), False, ""],
    ['=HYPERLINK("http://evil")', 0, Decimal("0"), date(2026, 3, 2), None, False, "@x"],
]


def local(*args) -> datetime:
    """A time as Excel holds it: naive, in local time."""
    return datetime(*args)  # noqa: DTZ001


def _sheet(response):
    assert response["Content-Type"] == spreadsheets.XLSX_TYPE
    assert response["Content-Disposition"] == 'attachment; filename="t.xlsx"'
    return load_workbook(io.BytesIO(response.content)).active


@pytest.fixture
def sheet():
    with translation.override("sv"):
        response = spreadsheets.xlsx_response(
            headers=HEADERS, rows=iter(ROWS), title="Föreningar", filename="t.xlsx"
        )
    return _sheet(response)


def test_header_frozen_and_filtered_and_sheet_named(sheet):
    assert sheet.title == "Föreningar"
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:G4"
    assert [c.value for c in sheet[1]] == HEADERS
    assert all(c.font.bold for c in sheet[1])


def test_dates_and_numbers_are_typed_cells_in_local_time(sheet):
    alfa, beta, evil = sheet[2], sheet[3], sheet[4]
    assert alfa[1].value == 12 and alfa[1].data_type == "n"
    assert alfa[2].value == 150.5 and alfa[2].data_type == "n"
    assert evil[1].value == 0 and evil[1].data_type == "n"
    assert alfa[3].is_date and alfa[3].value == local(2026, 3, 1)
    assert alfa[3].number_format == spreadsheets.DATE_FORMAT
    assert alfa[4].is_date and alfa[4].value == local(2026, 1, 5, 12, 30)  # CET
    assert alfa[4].number_format == spreadsheets.DATETIME_FORMAT
    assert beta[4].value == local(2026, 7, 1, 12, 0)  # CEST
    assert beta[1].value is None and evil[4].value is None


def test_booleans_are_words_in_the_users_language(sheet):
    assert [sheet[n][5].value for n in (2, 3)] == ["Ja", "Nej"]
    assert sheet[2][5].data_type == "s"


def test_text_that_would_be_a_formula_is_guarded(sheet):
    assert sheet["A4"].value == '\'=HYPERLINK("http://evil")'
    assert sheet["G2"].value == "'+46 8 123" and sheet["G4"].value == "'@x"
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)


def test_columns_are_as_wide_as_their_contents(sheet):
    widths = {letter: sheet.column_dimensions[letter].width for letter in "ABCDEFG"}
    assert widths["A"] == len(ROWS[1][0]) + 2
    assert widths["D"] == len("2026-03-01") + 2
    assert widths["E"] == len("2026-01-05 12:30") + 2
    assert widths["F"] == len("Offentlig") + 2
    assert all(spreadsheets.MIN_WIDTH <= w <= spreadsheets.MAX_WIDTH for w in widths.values())


def test_a_long_cell_does_not_make_a_column_wider_than_the_screen():
    response = spreadsheets.xlsx_response(
        headers=["Beskrivning"], rows=[["ord " * 100]], title="x", filename="t.xlsx"
    )
    assert _sheet(response).column_dimensions["A"].width == spreadsheets.MAX_WIDTH


def test_an_empty_export_still_has_its_header_and_filter():
    response = spreadsheets.xlsx_response(
        headers=["Namn", "Status"], rows=[], title="Tom", filename="t.xlsx"
    )
    sheet = _sheet(response)
    assert sheet.max_row == 1 and sheet.auto_filter.ref == "A1:B1" and sheet.freeze_panes == "A2"


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Föreningar", "Föreningar"),
        ("Möten 2026/2027: [utkast]?", "Möten 2026 2027   utkast"),
        ("'Citat'", "Citat"),
        ("x" * 40, "x" * 31),
        ("", "Sheet"),
        ("*", "Sheet"),
    ],
)
def test_sheet_title_is_one_excel_accepts(title, expected):
    assert spreadsheets.sheet_title(title) == expected


def test_csv_writes_the_same_values_as_text():
    with translation.override("sv"):
        response = spreadsheets.csv_response(headers=HEADERS, rows=ROWS, filename="t.csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=";"))
    assert rows[0] == HEADERS
    assert rows[1] == ["Alfa", "12", "150.50", "2026-03-01", "2026-01-05 12:30", "Ja", "'+46 8 123"]
    assert rows[2][1:6] == ["", "", "", "2026-07-01 12:00", "Nej"]
    assert rows[3][0] == '\'=HYPERLINK("http://evil")'


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+46 8 123", "'+46 8 123"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1+1", "'\t=1+1"),
        ("\r=1+1", "'\r=1+1"),
        ("\n=1+1", "'\n=1+1"),
        ("  =1+1", "'  =1+1"),  # leading blanks that an importer may trim
        ("\x01=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"),  # a control character hiding it
        ("\x00@x", "'@x"),
        ("Klubb\x0bet", "Klubbet"),
        ("Vanlig förening", "Vanlig förening"),
        ("Föreningen = bäst", "Föreningen = bäst"),
        ("", ""),
        (12, 12),
        (None, None),
    ],
)
def test_safe(value, expected):
    assert spreadsheets.safe(value) == expected


def test_negative_numbers_stay_numbers():
    """The guard is for text: a typed -5 is a number, not a formula."""
    response = spreadsheets.xlsx_response(
        headers=["Saldo"], rows=[[-5], ["-5"]], title="x", filename="t.xlsx"
    )
    sheet = _sheet(response)
    assert (sheet["A2"].value, sheet["A2"].data_type) == (-5, "n")
    assert sheet["A3"].value == "'-5"
