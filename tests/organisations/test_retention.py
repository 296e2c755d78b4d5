"""Personal data the register no longer needs is deleted by sweeps: invitations
never used, the contact person of an association archived a year ago, and answered
requests to join."""

import datetime

import pytest
import time_machine
from django.utils import timezone

from organisations import services
from organisations.models import Invitation, JoinRequest, Organisation
from portal import sweeps
from portal.models import AuditEntry

from .factories import OrganisationFactory, UserFactory, make_municipal_coordinator

pytestmark = pytest.mark.django_db

START = datetime.datetime(2026, 3, 2, 9, 0, tzinfo=datetime.UTC)


def test_unused_invitation_is_deleted_ninety_days_after_it_expired():
    with time_machine.travel(START, tick=False) as traveller:
        org = OrganisationFactory()
        unused = Invitation.objects.create(organisation=org, email="x@example.se")
        accepted = Invitation.objects.create(organisation=org, email="", accepted_at=timezone.now())
        # Expires after 14 days; kept for 90 more.
        traveller.shift(datetime.timedelta(days=14 + 89))
        assert sweeps.run_all()["organisations.purge_expired_invitations"] == 0
        traveller.shift(datetime.timedelta(days=2))
        assert sweeps.run_all()["organisations.purge_expired_invitations"] == 1
    assert list(Invitation.objects.all()) == [accepted]
    assert not Invitation.objects.filter(pk=unused.pk).exists()


ERASE = "organisations.erase_archived_contacts"
CONTACT = {"contact_name": "Anna Andersson", "contact_email": "anna@example.se",
           "contact_phone": "070-123 45 67", "contact_is_public": True}  # fmt: skip


def test_contact_person_of_an_archived_association_is_erased_after_a_year():
    with time_machine.travel(START, tick=False) as traveller:
        coordinator = make_municipal_coordinator()
        archived = OrganisationFactory(name="Nedlagd förening", **CONTACT)
        active = OrganisationFactory(name="Levande förening", **CONTACT)
        services.organisation_archive(organisation=archived, by=coordinator, reason="Upplöst")
        archived.refresh_from_db()
        assert archived.archived_at == START
        traveller.shift(datetime.timedelta(days=364))
        assert sweeps.run_all()[ERASE] == 0
        traveller.shift(datetime.timedelta(days=2))
        assert sweeps.run_all()[ERASE] == 1
        assert sweeps.run_all()[ERASE] == 0  # nothing left to erase
    archived.refresh_from_db()
    active.refresh_from_db()
    assert (archived.contact_name, archived.contact_email, archived.contact_phone) == ("", "", "")
    assert not archived.contact_is_public
    assert archived.status == Organisation.Status.ARCHIVED  # the association itself is kept
    assert active.contact_name == "Anna Andersson"
    entry = AuditEntry.objects.get(action="organisation.contact_erased")
    assert (entry.object_id, entry.actor, entry.data) == (
        str(archived.pk),
        None,
        {"reason": "archived"},
    )


def test_approving_again_stops_the_clock():
    with time_machine.travel(START, tick=False) as traveller:
        coordinator = make_municipal_coordinator()
        organisation = OrganisationFactory(**CONTACT)
        services.organisation_archive(organisation=organisation, by=coordinator, reason="Vilande")
        traveller.shift(datetime.timedelta(days=200))
        services.organisation_approve(organisation=organisation, by=coordinator)
        organisation.refresh_from_db()
        assert organisation.archived_at is None
        traveller.shift(datetime.timedelta(days=400))
        assert sweeps.run_all()[ERASE] == 0
    organisation.refresh_from_db()
    assert organisation.contact_email == "anna@example.se"


def test_answered_requests_to_join_are_deleted_ninety_days_after_the_answer():
    purge = "organisations.purge_decided_join_requests"
    with time_machine.travel(START, tick=False) as traveller:
        organisation = OrganisationFactory()
        admin = UserFactory()
        organisation.memberships.create(user=admin, role="admin")
        answered = [
            services.join_request_create(organisation=organisation, user=UserFactory(), message=m)
            for m in ("Jag är kassör", "Jag vill vara med")
        ]
        waiting = services.join_request_create(organisation=organisation, user=UserFactory())
        services.join_request_decide(join_request=answered[0], by=admin, accept=True)
        services.join_request_decide(join_request=answered[1], by=admin, accept=False)
        traveller.shift(datetime.timedelta(days=89))
        assert sweeps.run_all()[purge] == 0
        traveller.shift(datetime.timedelta(days=2))
        assert sweeps.run_all()[purge] == 2
    assert list(JoinRequest.objects.all()) == [waiting]  # an open request waits for its answer
    assert organisation.memberships.count() == 2  # the accepted one's membership stays
