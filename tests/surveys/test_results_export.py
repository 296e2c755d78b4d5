"""The results as CSV (semicolons, UTF-8 with BOM, decimal commas) and XLSX
(bold header, widths, typed numbers), filtered and protected as the page is,
and written to the audit log."""

import csv
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from organisations.models import Category, District
from portal.models import AuditEntry

from .results_factories import answered_survey
from .test_results_figures import GIVEN

pytestmark = pytest.mark.django_db


def export_url(survey, fmt, query=""):
    return reverse("surveys:results_export", args=[survey.slug, fmt]) + (
        f"?{query}" if query else ""
    )


@pytest.fixture
def survey():
    return answered_survey(
        [("Idrott", "Väster", 5), ("Kultur", "Öster", 6), ("Kultur", "Norr", 2)],
        GIVEN * 2 + [{"samverkar": "Nej"}] * 5,
        anonymous=False,
    )


def test_the_xlsx_has_every_figure_under_a_bold_header(client, survey):
    client.force_login(survey.coordinator)
    response = client.get(export_url(survey, "xlsx"))
    assert response.status_code == 200
    assert response["Content-Disposition"] == f'attachment; filename="{survey.slug}-resultat.xlsx"'
    sheet = load_workbook(io.BytesIO(response.content)).active
    header = [cell.value for cell in sheet[1]]
    assert header[:7] == [
        "Avsnitt",
        "Fråga",
        "Alternativ eller rad",
        "Kolumn",
        "Antal",
        "Andel (%)",
        "Besvarat",
    ]
    assert sheet["A1"].font.bold and sheet.column_dimensions["B"].width > 8
    rows = [[cell.value for cell in row] for row in sheet.iter_rows(min_row=2)]
    single = [r for r in rows if r[1] == "Samverkar ni med kommunen?"]
    assert [r[2:7] for r in single] == [["Ja", None, 6, 46.2, 13], ["Nej", None, 7, 53.8, 13]]
    (members,) = [r for r in rows if r[1] == "Antal medlemmar"]
    assert members[4] == 6 and Decimal(str(members[7])) == Decimal("66.67")
    assert Decimal(str(members[8])) == Decimal("50")
    cells = [r for r in rows if r[1] == "Antal samverkansformer per kategori"]
    assert ["Idrott", "Dialog", 6, None, 6, 2, None, None, None, 12] == cells[0][2:12]
    texts = [r for r in rows if r[12]]
    assert {r[12] for r in texts} == {"Bra dialog.", "Mer stöd."} and all(r[13] for r in texts)
    entry = AuditEntry.objects.get(action="survey.results_exported")
    assert entry.actor == survey.coordinator and entry.data["format"] == "xlsx"


def test_the_csv_opens_in_swedish_excel(client, survey):
    client.force_login(survey.coordinator)
    response = client.get(export_url(survey, "csv"))
    body = response.content.decode("utf-8")
    assert body.startswith("\ufeffAvsnitt;Fråga;")
    rows = list(csv.reader(io.StringIO(body[1:]), delimiter=";"))
    (scale,) = [r for r in rows if r[1] == "Hur nöjda är ni?" and r[7]]
    assert scale[7] == "3,75" and scale[8] == "4,00"
    assert ["Om er", "Samverkar ni med kommunen?", "Ja", "", "6", "46,2", "13"] == rows[1][:7]


def test_the_export_follows_the_filters_and_their_protection(client, survey):
    client.force_login(survey.coordinator)
    kultur = Category.objects.get(name="Kultur")
    response = client.get(export_url(survey, "xlsx", f"category={kultur.pk}"))
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = [[cell.value for cell in row] for row in sheet.iter_rows(min_row=2)]
    assert {r[6] for r in rows if r[1] == "Samverkar ni med kommunen?"} == {8}
    # Norr is 2 of 13: too small to show, so no file either.
    norr = District.objects.get(name="Norr")
    refused = client.get(export_url(survey, "csv", f"district={norr.pk}"))
    assert refused.status_code == 302
    assert (
        refused["Location"]
        == reverse("surveys:results", args=[survey.slug]) + f"?district={norr.pk}"
    )
    assert AuditEntry.objects.filter(action="survey.results_exported").count() == 1


def test_an_unknown_format_is_not_found(client, survey):
    client.force_login(survey.coordinator)
    assert (
        client.get(reverse("surveys:results_export", args=[survey.slug, "pdf"])).status_code == 404
    )


def test_an_export_with_a_bad_filter_goes_back_to_the_page_that_says_why(client, survey):
    client.force_login(survey.coordinator)
    refused = client.get(export_url(survey, "xlsx", "district=abc"))
    assert refused.status_code == 302
    page = client.get(refused["Location"])
    assert page.status_code == 400 and "Välj ett giltigt alternativ" in page.content.decode()
