"""Decided agreements in the register's open data: only public ones, with parties
public in the register, in the OpenAPI description; a constant number of queries."""

from decimal import Decimal

import pytest
from django.urls import reverse

from partnerships.models import Agreement
from tests.organisations.factories import OrganisationFactory
from tests.portal.factories import DepartmentFactory

from .factories import AgreementFactory

pytestmark = pytest.mark.django_db
URL = reverse("organisations:api_agreements")


def test_decided_agreements_with_parties_term_budget_and_decision(client):
    public = OrganisationFactory(name="Läxhjälpen")
    hidden = OrganisationFactory(is_public=False, name="Hemlig förening")
    agreement = AgreementFactory(
        title="IOP om läxhjälp",
        parties=[public, hidden],
        departments=[DepartmentFactory(name="Socialförvaltningen")],
        decision_paragraph="§ 112",
        budget=Decimal("450000"),
    )
    AgreementFactory(status=Agreement.Status.PREPARATION, title="Under beredning")
    data = client.get(URL).json()
    assert data["count"] == 1
    row = data["results"][0]
    assert row["id"] == agreement.pk and row["kind"] == "iop"
    assert row["budget"] == 450000.0
    assert row["decision"] == {
        "body": "Socialnämnden",
        "date": "2024-11-20",
        "paragraph": "§ 112",
        "case_number": "SN-2024/0312",
    }
    assert [p["name"] for p in row["parties"]] == ["Läxhjälpen"]
    assert row["other_parties"] == 1
    assert "Hemlig" not in str(data)
    assert row["departments"] == ["Socialförvaltningen"]
    assert (row["starts_on"], row["ends_on"]) == ("2025-01-01", "2027-12-31")


def test_filter_by_kind_and_bad_input(client):
    AgreementFactory(kind="contract")
    AgreementFactory(kind="iop")
    assert client.get(URL, {"kind": "contract"}).json()["count"] == 1
    response = client.get(URL, {"kind": "nonsense"})
    assert response.status_code == 400 and "kind" in response.json()["errors"]
    assert client.get(URL, {"page": "9"}).status_code == 404


def test_constant_queries(client, django_assert_max_num_queries):
    AgreementFactory(parties=[OrganisationFactory()], departments=[DepartmentFactory()])
    with django_assert_max_num_queries(10) as few:
        client.get(URL)
    for _n in range(5):
        AgreementFactory(parties=[OrganisationFactory(), OrganisationFactory()])
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(URL).json()["count"] == 6


def test_described_in_the_openapi_document_and_on_the_docs_page(client):
    spec = client.get(reverse("organisations:api_openapi")).json()
    assert spec["paths"]["/avtal/"]["get"]["operationId"] == "listAgreements"
    assert "Agreement" in spec["components"]["schemas"]
    assert URL in client.get(reverse("organisations:api_docs")).content.decode()
