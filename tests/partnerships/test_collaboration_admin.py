"""Collaborations in the admin: municipal coordinators record them with payments
inline, department coordinators look; saves are audited, bad amounts refused."""

import pytest
from django.urls import reverse

from partnerships.models import Collaboration, CollaborationForm
from portal.models import AuditEntry
from tests.contacts.factories import make_department_coordinator, make_municipal_coordinator
from tests.organisations.factories import OrganisationFactory
from tests.partnerships.collaboration_factories import CollaborationFactory, PaymentFactory
from tests.portal.factories import DepartmentFactory

pytestmark = pytest.mark.django_db
CHANGELIST = reverse("admin:partnerships_collaboration_changelist")
ADD = reverse("admin:partnerships_collaboration_add")


def _data(department, org, **changes):
    data = {
        "title": "Läxhjälp",
        "description": "",
        "departments": [department.pk],
        "associations": [org.pk],
        "starts_on": "2026-01-01",
        "ends_on": "2026-12-31",
        "contact_role": "",
        "payments-TOTAL_FORMS": "1",
        "payments-INITIAL_FORMS": "0",
        "payments-0-year": "2026",
        "payments-0-department": str(department.pk),
        "payments-0-amount": "5000",
    }
    data.update(changes)
    return data


def test_a_municipal_coordinator_lists_filters_and_records(client):
    department = DepartmentFactory()
    collaboration = CollaborationFactory(
        departments=[department],
        associations=[OrganisationFactory(name="Vårby IK")],
        forms=[CollaborationForm.objects.first()],
    )
    PaymentFactory(collaboration=collaboration, department=department)
    coordinator = make_municipal_coordinator()
    client.force_login(coordinator)
    page = client.get(CHANGELIST, {"q": "Vårby"})
    assert page.status_code == 200 and page.context["cl"].result_count == 1
    assert client.get(CHANGELIST, {"departments__id__exact": department.pk}).status_code == 200
    change = reverse("admin:partnerships_collaboration_change", args=[collaboration.pk])
    assert client.get(change).status_code == 200

    response = client.post(ADD, _data(department, OrganisationFactory()))
    assert response.status_code == 302
    created = Collaboration.objects.get(title="Läxhjälp")
    assert created.created_by == coordinator
    assert created.payments.get().amount == 5000
    assert AuditEntry.objects.filter(action="collaboration.admin_created").exists()


def test_a_negative_amount_is_refused(client):
    client.force_login(make_municipal_coordinator())
    department = DepartmentFactory()
    response = client.post(
        ADD, _data(department, OrganisationFactory(), **{"payments-0-amount": "-1"})
    )
    assert response.status_code == 200
    assert not Collaboration.objects.exists()


def test_a_department_coordinator_looks_only(client):
    department = DepartmentFactory()
    client.force_login(make_department_coordinator(department))
    assert client.get(CHANGELIST).status_code == 200
    assert client.get(ADD).status_code == 403


def test_forms_and_goal_areas_are_kept_by_the_coordinators(client):
    client.force_login(make_municipal_coordinator())
    url = reverse("admin:partnerships_collaborationform_changelist")
    assert client.get(url).context["cl"].result_count == 14
