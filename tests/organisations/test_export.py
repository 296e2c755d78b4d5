"""Coordinators' export: permission, CSV and XLSX, formula injection, private data."""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from organisations.models import Organisation

from .factories import (
    CategoryFactory,
    MembershipFactory,
    OrganisationFactory,
    UserFactory,
    make_department_coordinator,
    make_municipal_coordinator,
)

pytestmark = pytest.mark.django_db
URL = reverse("organisations:export")


@pytest.fixture
def data():
    sport = CategoryFactory(name="Idrottsförening", slug="idrottsforening")
    OrganisationFactory(
        name='=HYPERLINK("http://evil")',
        description="-2+3",
        phone="+46 8 123",
        contact_name="@Anna",
        contact_is_public=True,
        categories=[sport],
    )
    OrganisationFactory(name="Beta", contact_name="Bertil Hemlig", contact_email="b@example.se")
    OrganisationFactory(name="Gamma", status=Organisation.Status.PENDING)
    return {"sport": sport}


def _csv(response):
    text = response.content.decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text), delimiter=";"))


def test_anonymous_goes_to_login(client, data):
    response = client.get(URL)
    assert response.status_code == 302
    assert "login" in response["Location"]


def test_others_are_forbidden(client, data):
    client.force_login(UserFactory())
    assert client.get(URL).status_code == 403
    client.force_login(MembershipFactory().user)
    assert client.get(URL).status_code == 403


@pytest.mark.parametrize("make", [make_municipal_coordinator, make_department_coordinator])
def test_csv_for_coordinators(client, data, make):
    client.force_login(make())
    response = client.get(URL, {"format": "csv"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = _csv(response)
    header, body = rows[0], rows[1:]
    assert len(body) == 3  # every status, with a status column
    assert "Status" in header or "status" in " ".join(header).lower()
    by_name = {row[0]: dict(zip(header, row, strict=True)) for row in body}
    evil = by_name['\'=HYPERLINK("http://evil")']
    assert "'@Anna" in evil.values()
    assert "'+46 8 123" in evil.values()
    assert "Bertil Hemlig" not in response.content.decode("utf-8-sig")
    assert all(not cell.startswith(("=", "+", "-", "@")) for row in body for cell in row)


def test_filters_apply(client, data):
    client.force_login(make_municipal_coordinator())
    rows = _csv(client.get(URL, {"category": data["sport"].pk}))
    assert [row[0] for row in rows[1:]] == ['\'=HYPERLINK("http://evil")']
    rows = _csv(client.get(URL, {"status": "pending"}))
    assert [row[0] for row in rows[1:]] == ["Gamma"]
    response = client.get(URL, {"category": "abc", "page": "x"})
    assert response.status_code == 200


def test_xlsx(client, data):
    client.force_login(make_municipal_coordinator())
    response = client.get(URL, {"format": "xlsx"})
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert len(values) == 4
    names = [row[0] for row in values[1:]]
    assert '\'=HYPERLINK("http://evil")' in names
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)


def test_every_export_is_audited_with_who_and_which_filters(client, data):
    from portal.models import AuditEntry

    coordinator = make_municipal_coordinator()
    client.force_login(coordinator)
    client.get(URL, {"format": "xlsx", "category": data["sport"].pk})
    admin_url = reverse("admin:organisations_organisation_export", args=["csv"])
    client.get(admin_url, {"status__exact": "pending"})
    client.force_login(UserFactory())
    client.get(URL)  # refused: nothing exported, nothing recorded
    entries = AuditEntry.objects.filter(action="organisation.register_exported").order_by("pk")
    assert [(e.actor, e.data["source"], e.data["format"]) for e in entries] == [
        (coordinator, "directory", "xlsx"),
        (coordinator, "admin", "csv"),
    ]
    assert entries[0].data["filters"] == f"format=xlsx&category={data['sport'].pk}"
    assert entries[1].data["filters"] == "status__exact=pending"
