import pytest
from django.core import mail

from organisations.models import Invitation, JoinRequest, Membership
from portal import personal_data
from portal.models import AuditEntry
from tests.organisations.factories import (
    MembershipFactory,
    OrganisationFactory,
    UserFactory,
    make_municipal_coordinator,
)

pytestmark = pytest.mark.django_db


def test_registered():
    names = set(personal_data.registered())
    assert {
        "organisations.memberships",
        "organisations.invitations",
        "organisations.join_requests",
        "organisations.contact_person",
    } <= names


def test_export():
    user = UserFactory(email="anna@example.se")
    org = OrganisationFactory(contact_name="Anna", contact_email="anna@example.se")
    MembershipFactory(organisation=org, user=user)
    Invitation.objects.create(organisation=org, email="b@example.se", invited_by=user)
    Invitation.objects.create(organisation=OrganisationFactory(), email="anna@example.se")
    JoinRequest.objects.create(organisation=OrganisationFactory(), user=user, message="hej")
    data = personal_data.export_user_data(user)["data"]
    assert data["organisations.memberships"][0]["organisation"] == org.name
    assert len(data["organisations.invitations"]["sent"]) == 1
    assert len(data["organisations.invitations"]["received"]) == 1
    assert data["organisations.join_requests"][0]["message"] == "hej"
    assert data["organisations.contact_person"][0]["contact_name"] == "Anna"


def test_erase_promotes_longest_standing_editor():
    org = OrganisationFactory()
    leaving = MembershipFactory(organisation=org, role="admin").user
    first = MembershipFactory(organisation=org, role="editor")
    MembershipFactory(organisation=org, role="editor")
    personal_data.erase_user(leaving)
    first.refresh_from_db()
    assert first.role == "admin"
    org.refresh_from_db()
    assert not org.needs_administrator


def test_erase_last_representative_flags_and_notifies(django_capture_on_commit_callbacks):
    coordinator = make_municipal_coordinator()
    org = OrganisationFactory(contact_name="Anna", contact_email="anna@example.se")
    leaving = MembershipFactory(organisation=org, role="admin", user__email="anna@example.se").user
    Invitation.objects.create(organisation=org, email="anna@example.se")
    with django_capture_on_commit_callbacks(execute=True):
        personal_data.erase_user(leaving)
    org.refresh_from_db()
    assert org.needs_administrator
    assert (org.contact_name, org.contact_email, org.contact_is_public) == ("", "", False)
    assert not Membership.objects.filter(organisation=org).exists()
    assert not Invitation.objects.filter(email="anna@example.se").exists()
    assert [m.to for m in mail.outbox] == [[coordinator.email]]
    assert AuditEntry.objects.filter(action="organisation.needs_administrator").exists()


def test_erase_keeps_other_admins():
    org = OrganisationFactory()
    leaving = MembershipFactory(organisation=org, role="admin").user
    other = MembershipFactory(organisation=org, role="admin")
    personal_data.erase_user(leaving)
    assert list(org.memberships.all()) == [other]
    org.refresh_from_db()
    assert not org.needs_administrator
