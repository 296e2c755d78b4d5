"""Agreements in the admin: municipal coordinators record them, department
coordinators look; the lifecycle holds and every change is audited."""

from datetime import date

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from partnerships.models import Agreement
from portal.models import AuditEntry
from tests.organisations.factories import (
    MembershipFactory,
    OrganisationFactory,
    make_department_coordinator,
    make_municipal_coordinator,
)
from tests.portal.factories import DepartmentFactory

from .factories import AgreementFactory

pytestmark = pytest.mark.django_db
CHANGELIST = reverse("admin:partnerships_agreement_changelist")
ADD = reverse("admin:partnerships_agreement_add")


def _change(agreement):
    return reverse("admin:partnerships_agreement_change", args=[agreement.pk])


@pytest.fixture
def coordinator(client):
    user = make_municipal_coordinator()
    client.force_login(user)
    return user


def _data(**changes):
    data = {
        "title": "IOP om läxhjälp i Flemingsberg",
        "kind": Agreement.Kind.IOP,
        "status": Agreement.Status.DECIDED,
        "purpose": "Läxhjälp tre eftermiddagar i veckan.",
        "starts_on": "2026-01-01",
        "ends_on": "2027-12-31",
        "budget": "1350000",
        "decision_body": "Barn- och utbildningsnämnden",
        "decision_date": "2025-11-20",
        "case_number": "BUN-2025/0312",
        "agreement_parties-TOTAL_FORMS": "0",
        "agreement_parties-INITIAL_FORMS": "0",
        "contributions-TOTAL_FORMS": "0",
        "contributions-INITIAL_FORMS": "0",
        "reports_due-TOTAL_FORMS": "0",
        "reports_due-INITIAL_FORMS": "0",
    }
    data.update(changes)
    return data


def test_pages_render_for_a_municipal_coordinator(client, coordinator):
    agreement = AgreementFactory(parties=[OrganisationFactory(name="Läxhjälpen")])
    response = client.get(CHANGELIST)
    assert response.status_code == 200
    assert "Läxhjälpen" in response.content.decode()  # the parties column
    assert client.get(ADD).status_code == 200
    response = client.get(_change(agreement))
    assert response.status_code == 200
    assert response.context["has_change_permission"]
    assert client.get(CHANGELIST, {"q": "Läxhjälpen", "status": "active"}).status_code == 200


def test_add_an_agreement_with_its_parties(client, coordinator):
    department = DepartmentFactory(name="Förvaltningen förskola skola")
    org = OrganisationFactory()
    response = client.post(
        ADD,
        _data(
            departments=[department.pk],
            **{
                "agreement_parties-TOTAL_FORMS": "1",
                "agreement_parties-0-organisation": org.pk,
            },
        ),
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    agreement = Agreement.objects.get()
    assert list(agreement.parties.all()) == [org]
    assert list(agreement.departments.all()) == [department]
    entry = AuditEntry.objects.get(action="agreement.admin_created")
    assert entry.actor == coordinator
    assert entry.target == agreement
    assert entry.data["inlines"] == ["agreement_parties"]


def test_validation_in_the_admin(client, coordinator):
    response = client.post(ADD, _data(ends_on="2025-12-31", decision_date=""))
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert set(errors) == {"ends_on", "decision_date"}
    assert not Agreement.objects.exists()


@pytest.mark.parametrize("field", ["starts_on", "ends_on", "decision_date"])
def test_a_date_outside_the_years_is_refused_in_the_admin(client, coordinator, field):
    response = client.post(ADD, _data(**{field: "0001-01-01"}))
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert "Ange ett datum mellan åren 1900 och 2100." in errors[field]


@pytest.mark.parametrize("field", ["starts_on", "ends_on", "decision_date"])
def test_the_database_refuses_an_agreement_date_outside_the_years(field):
    agreement = AgreementFactory(starts_on=None, ends_on=None)
    setattr(agreement, field, date(2101, 1, 1))
    with pytest.raises(IntegrityError), transaction.atomic():
        agreement.save()


def test_the_lifecycle_holds_in_the_admin(client, coordinator):
    agreement = AgreementFactory(status=Agreement.Status.IDEA)
    response = client.post(_change(agreement), _data(status=Agreement.Status.ACTIVE))
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["status"] == [
        "Ett avtal kan inte gå från ”Idé” till ”Aktiv”."
    ]
    response = client.post(_change(agreement), _data(status=Agreement.Status.PREPARATION))
    assert response.status_code == 302
    agreement.refresh_from_db()
    assert agreement.status == Agreement.Status.PREPARATION
    assert AuditEntry.objects.get(action="agreement.admin_changed").data["changes"]


@pytest.mark.parametrize(
    ("field_name", "model_name", "term", "make"),
    [
        ("departments", "agreement", "Miljö", lambda: DepartmentFactory(name="Miljökontoret")),
        (
            "organisation",
            "agreementparty",
            "Klubben",
            lambda: OrganisationFactory(name="Klubben"),
        ),
    ],
)
def test_autocomplete(client, coordinator, field_name, model_name, term, make):
    obj = make()
    response = client.get(
        reverse("admin:autocomplete"),
        {
            "app_label": "partnerships",
            "model_name": model_name,
            "field_name": field_name,
            "term": term,
        },
    )
    assert response.status_code == 200
    assert str(obj.pk) in {r["id"] for r in response.json()["results"]}


def test_a_department_coordinator_only_looks(client):
    client.force_login(make_department_coordinator())
    agreement = AgreementFactory(parties=[OrganisationFactory()])
    assert client.get(CHANGELIST).status_code == 200
    response = client.get(_change(agreement))
    assert response.status_code == 200
    assert not response.context["has_change_permission"]
    assert client.get(ADD).status_code == 403


def test_representatives_are_not_let_in(client):
    client.force_login(MembershipFactory().user)
    response = client.get(CHANGELIST)
    assert response.status_code == 302
    assert reverse("admin:login") in response["Location"]


def test_changelist_constant_queries(client, coordinator, django_assert_max_num_queries):
    AgreementFactory(parties=[OrganisationFactory()], departments=[DepartmentFactory()])
    with django_assert_max_num_queries(40) as few:
        assert client.get(CHANGELIST).status_code == 200
    for _i in range(8):
        AgreementFactory(
            parties=[OrganisationFactory(), OrganisationFactory()],
            departments=[DepartmentFactory()],
        )
    with django_assert_max_num_queries(len(few)):
        assert client.get(CHANGELIST).status_code == 200
