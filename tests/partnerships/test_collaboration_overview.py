"""The coordinators' overview: the money per department and year and the matrix of
categories × forms, counted in the database in a fixed number of queries, exported
as CSV and XLSX (audited), the agreements and collaborations ending within six
months, and the desk's panel."""

import io
from datetime import date, timedelta
from decimal import Decimal

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from partnerships.desk import ending_items
from partnerships.models import Agreement, CollaborationForm
from partnerships.overview import category_matrix, money_table
from portal import desk
from portal.models import AuditEntry
from tests.contacts.factories import (
    make_department_coordinator,
    make_municipal_coordinator,
    make_official,
)
from tests.organisations.factories import CategoryFactory, OrganisationFactory
from tests.partnerships.collaboration_factories import CollaborationFactory, PaymentFactory
from tests.partnerships.factories import AgreementFactory
from tests.portal.factories import DepartmentFactory

pytestmark = pytest.mark.django_db
URL = reverse("partnerships:overview")


@pytest.fixture
def figures():
    """Two departments, two categories, three forms, in 2026 and one in 2024."""
    culture, social = DepartmentFactory(name="Kultur"), DepartmentFactory(name="Social")
    sport, seniors = CategoryFactory(name="Idrottsförening"), CategoryFactory(name="Pensionär")
    club = OrganisationFactory(categories=[sport])
    both = OrganisationFactory(categories=[sport, seniors])
    dialogue, iop, event = CollaborationForm.objects.all()[:3]
    first = CollaborationFactory(
        departments=[culture, social], associations=[club], forms=[dialogue, iop]
    )
    CollaborationFactory(departments=[social], associations=[both], forms=[dialogue])
    CollaborationFactory(
        departments=[culture],
        associations=[both],
        forms=[event],
        starts_on=date(2024, 1, 1),
        ends_on=date(2024, 12, 31),
    )
    PaymentFactory(collaboration=first, department=culture, year=2026, amount=Decimal("1000"))
    PaymentFactory(collaboration=first, department=social, year=2026, amount=Decimal("500"))
    PaymentFactory(collaboration=first, department=culture, year=2025, amount=Decimal("250"))
    return {
        "culture": culture,
        "social": social,
        "sport": sport,
        "seniors": seniors,
        "forms": (dialogue, iop, event),
    }


def test_money_per_department_and_year(figures):
    table = money_table()
    assert table.years == [2025, 2026]
    assert table.rows == [
        ("Kultur", [(2025, Decimal("250")), (2026, Decimal("1000"))]),
        ("Social", [(2025, None), (2026, Decimal("500"))]),
    ]
    assert table.totals == [(2025, Decimal("250")), (2026, Decimal("1500"))]


def test_matrix_of_categories_and_forms_for_a_year(figures, django_assert_num_queries):
    dialogue, iop, event = figures["forms"]
    with django_assert_num_queries(4):
        matrix = category_matrix(2026)
    rows = {row.category.name: row for row in matrix.rows}
    sport, seniors = rows["Idrottsförening"], rows["Pensionär"]
    assert (sport.departments, sport.forms) == (2, 2)
    assert (seniors.departments, seniors.forms) == (1, 1)
    cells = dict(sport.cells)
    assert (cells[dialogue], cells[iop], cells[event]) == (2, 2, 0)
    assert dict(seniors.cells)[dialogue] == 1
    assert matrix.rows[0].category.name == "Idrottsförening"  # most departments first
    earlier = {row.category.name: row for row in category_matrix(2024).rows}
    assert (earlier["Pensionär"].departments, earlier["Pensionär"].forms) == (1, 1)
    assert dict(earlier["Pensionär"].cells)[event] == 1


@pytest.mark.parametrize(
    "who, status",
    [("official", 403), ("department_coordinator", 200), ("municipal_coordinator", 200)],
)
def test_who_sees_the_overview(client, who, status):
    department = DepartmentFactory()
    user = {
        "official": lambda: make_official(department),
        "department_coordinator": lambda: make_department_coordinator(department),
        "municipal_coordinator": make_municipal_coordinator,
    }[who]()
    assert client.get(URL).status_code == 302
    client.force_login(user)
    assert client.get(URL).status_code == status


def test_the_page_asks_the_same_queries_however_many(client, figures):
    AgreementFactory(ends_on=timezone.localdate() + timedelta(days=40))
    CollaborationFactory(starts_on=None, ends_on=timezone.localdate() + timedelta(days=9))
    client.force_login(make_municipal_coordinator())
    client.get(URL, {"year": 2026})
    with CaptureQueriesContext(connection) as one:
        client.get(URL, {"year": 2026})
    for n in range(5):
        collaboration = CollaborationFactory(
            departments=[DepartmentFactory()],
            associations=[OrganisationFactory(categories=[CategoryFactory()])],
            forms=list(CollaborationForm.objects.all()[: n + 1]),
            ends_on=timezone.localdate() + timedelta(days=30),
        )
        PaymentFactory(collaboration=collaboration, year=2020 + n)
        AgreementFactory(
            ends_on=timezone.localdate() + timedelta(days=40), parties=[OrganisationFactory()]
        )
    with CaptureQueriesContext(connection) as many:
        response = client.get(URL, {"year": 2026})
    assert len(response.context["agreements_ending"]) == 6
    assert len(many) == len(one), [q["sql"] for q in many.captured_queries]


def test_a_year_that_cannot_be_used_is_this_year(client):
    client.force_login(make_municipal_coordinator())
    response = client.get(URL, {"year": "abc"})
    assert response.context["year"] == timezone.localdate().year


@pytest.mark.parametrize("table", ["money", "matrix"])
def test_exports_are_audited(client, figures, table):
    coordinator = make_municipal_coordinator()
    client.force_login(coordinator)
    csv = client.get(URL, {"year": 2026, "table": table, "format": "csv"})
    assert csv["Content-Type"].startswith("text/csv")
    text = csv.content.decode("utf-8-sig")
    if table == "money":
        assert text.splitlines()[0] == "Förvaltning;2025;2026"
        assert "Kultur;250.00;1000.00" in text
    else:
        assert text.splitlines()[0].startswith("Föreningskategori;Antal förvaltningar (av ")
        assert "Idrottsförening;2;2;2;2;0" in text
    xlsx = client.get(URL, {"year": 2026, "table": table, "format": "xlsx"})
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx.content)).active
    assert sheet.max_row >= 3
    entries = AuditEntry.objects.filter(action="collaboration.overview_exported")
    assert [e.data["format"] for e in entries.order_by("pk")] == ["csv", "xlsx"]
    assert entries.first().actor == coordinator and entries.first().data["table"] == table


def test_agreements_and_collaborations_ending_within_six_months(client):
    today = timezone.localdate()
    soon = AgreementFactory(title="Snart slut", ends_on=today + timedelta(days=60))
    AgreementFactory(title="Långt kvar", ends_on=today + timedelta(days=400))
    AgreementFactory(
        title="Bara en idé", status=Agreement.Status.IDEA, ends_on=today + timedelta(days=60)
    )
    CollaborationFactory(title="Sommarlovet", ends_on=today + timedelta(days=20), starts_on=None)
    client.force_login(make_municipal_coordinator())
    response = client.get(URL)
    assert response.context["agreements_ending"] == [soon]
    page = response.content.decode()
    assert "Snart slut" in page and "Långt kvar" not in page and "Sommarlovet" in page


def test_the_desk_panel_counts_what_ends_in_the_readers_departments():
    today = timezone.localdate()
    mine, other = DepartmentFactory(), DepartmentFactory()
    AgreementFactory(title="Vår IOP", ends_on=today + timedelta(days=30), departments=[mine])
    AgreementFactory(ends_on=today + timedelta(days=30), departments=[other])
    CollaborationFactory(ends_on=today + timedelta(days=10), starts_on=None, departments=[mine])
    assert "partnerships" in desk.registered_panels()
    agreements, collaborations = ending_items(make_department_coordinator(mine))
    assert (agreements.count, collaborations.count) == (1, 1)
    assert agreements.entries[0].label == "Vår IOP"
    agreements, collaborations = ending_items(make_municipal_coordinator())
    assert (agreements.count, collaborations.count) == (2, 1)


def test_the_desk_page_shows_the_panel(client):
    AgreementFactory(ends_on=timezone.localdate() + timedelta(days=30))
    client.force_login(make_municipal_coordinator())
    page = client.get(reverse("desk")).content.decode()
    assert "Överenskommelser som löper ut inom sex månader" in page


def test_follow_up_reports_overdue_are_listed_for_the_reviewers(client):
    """The overview lists the reports past their date among those the reader reviews."""
    from tests.partnerships.report_factories import ReportDueFactory

    today = timezone.localdate()
    late = ReportDueFactory(title="Delrapport våren", due_on=today - timedelta(days=10))
    ReportDueFactory(title="Delrapport hösten", due_on=today + timedelta(days=30))
    client.force_login(make_municipal_coordinator())
    response = client.get(URL)
    assert response.context["reports_overdue"] == [late]
    page = response.content.decode()
    assert "Försenade uppföljningsrapporter" in page and late.get_absolute_url() in page
    assert "Delrapport hösten" not in page
