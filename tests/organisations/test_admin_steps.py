"""An association's change page offers approve, ask for more information and
archive as buttons, with the same services and guards as the list actions."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from organisations.models import Organisation
from portal.models import AuditEntry
from tests.organisations.factories import (
    MembershipFactory,
    OrganisationFactory,
    make_department_coordinator,
    make_municipal_coordinator,
)

pytestmark = pytest.mark.django_db


def change_url(org):
    return reverse("admin:organisations_organisation_change", args=[org.pk])


def step_url(org, step):
    return reverse("admin:organisations_organisation_step", args=[org.pk, step])


def buttons(client, org):
    html = client.get(change_url(org)).content.decode()
    return re.findall(r'href="[^"]*/beslut/([a-z_]+)/"', html)


@pytest.fixture
def coordinator(client):
    user = make_municipal_coordinator()
    client.force_login(user)
    return user


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        ("pending", ["approve", "request_changes", "archive"]),
        ("active", ["archive"]),
        ("archived", ["approve"]),
    ],
)
def test_buttons_follow_the_status(client, coordinator, status, expected):
    org = OrganisationFactory(
        status=status, status_reason="Nedlagd" if status == "archived" else ""
    )
    assert buttons(client, org) == expected


def test_approve_from_the_change_page(client, coordinator, django_capture_on_commit_callbacks):
    org = OrganisationFactory(status=Organisation.Status.PENDING, confirmed_at=None)
    MembershipFactory(organisation=org, role="admin")
    page = client.get(step_url(org, "approve"))
    assert page.status_code == 200
    assert org.name in page.content.decode()
    assert f'href="{change_url(org)}"' in page.content.decode()  # cancel goes back
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(step_url(org, "approve"), {"apply": "1", "reason": "Välkomna!"})
    assert response.status_code == 302 and response["Location"] == change_url(org)
    org.refresh_from_db()
    assert org.status == Organisation.Status.ACTIVE
    assert AuditEntry.objects.get(action="organisation.approved").actor == coordinator
    assert "Välkomna!" in mail.outbox[0].body


def test_archive_needs_a_reason_and_keeps_what_was_typed(client, coordinator):
    org = OrganisationFactory()
    response = client.post(step_url(org, "archive"), {"apply": "1", "reason": " "})
    assert response.status_code == 200
    assert response.context["form"].errors
    org.refresh_from_db()
    assert org.status == Organisation.Status.ACTIVE


def test_a_refused_step_is_a_message(client, coordinator):
    org = OrganisationFactory()  # already active
    response = client.post(step_url(org, "approve"), {"apply": "1", "reason": ""}, follow=True)
    assert "redan godkänd" in response.content.decode()


def test_others_may_not(client):
    org = OrganisationFactory(status=Organisation.Status.PENDING)
    client.force_login(make_department_coordinator())
    assert buttons(client, org) == []
    assert client.get(step_url(org, "approve")).status_code == 403
    client.post(step_url(org, "approve"), {"apply": "1"})
    org.refresh_from_db()
    assert org.status == Organisation.Status.PENDING


def test_unknown_step_or_association(client, coordinator):
    org = OrganisationFactory()
    assert client.get(step_url(org, "delete")).status_code == 404
    missing = reverse("admin:organisations_organisation_step", args=[987654, "approve"])
    assert client.get(missing).status_code == 404
