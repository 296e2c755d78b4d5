"""Signing up for a meeting: places counted in attendees, the waiting list and who
moves up, the guards (deadline, cancelled, twice, bad numbers, names), and the mail
after commit in the recipient's language."""

from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.utils import timezone

from dialogues.models import Forum, Meeting, MeetingInvitation, Registration
from dialogues.services.registrations import (
    RegistrationError,
    notify_cancelled,
    registration_cancel,
    registration_create,
    registration_update,
    registrations_fill_places,
    waiting_position,
)
from portal.models import AuditEntry
from tests.organisations.factories import MembershipFactory, OrganisationFactory, UserFactory

from .factories import ForumFactory, MeetingFactory

pytestmark = pytest.mark.django_db


def representative(**kwargs):
    """A user who administers a fresh association: (user, association)."""
    membership = MembershipFactory(**kwargs)
    return membership.user, membership.organisation


def sign_up(meeting, attendees=1, **kwargs):
    user, organisation = representative()
    return registration_create(
        meeting=meeting, organisation=organisation, by=user, attendees=attendees, **kwargs
    )


def test_places_are_counted_in_attendees_and_the_full_meeting_has_a_waiting_list(
    django_capture_on_commit_callbacks,
):
    meeting = MeetingFactory(capacity=5)
    with django_capture_on_commit_callbacks(execute=True):
        first = sign_up(meeting, 3)
        second = sign_up(meeting, 2)
        third = sign_up(meeting, 1)
        fourth = sign_up(meeting, 1)
    assert [r.status for r in (first, second, third, fourth)] == [
        "confirmed",
        "confirmed",
        "waiting",
        "waiting",
    ]
    assert meeting.places_taken() == 5
    assert [waiting_position(third), waiting_position(fourth)] == [1, 2]
    assert waiting_position(first) is None
    subjects = [m.subject for m in mail.outbox]
    assert subjects.count(f"Anmäld: ”{meeting.theme}”") == 2
    assert subjects.count(f"På väntelistan: ”{meeting.theme}”") == 2
    created = AuditEntry.objects.filter(action="registration.created")
    assert sorted(e.data["status"] for e in created) == ["confirmed"] * 2 + ["waiting"] * 2


def test_without_a_limit_everyone_gets_a_place():
    meeting = MeetingFactory(capacity=None)
    assert {sign_up(meeting, 50).status for _ in range(3)} == {"confirmed"}


def test_a_cancellation_gives_the_place_to_the_first_who_fits(
    django_capture_on_commit_callbacks,
):
    meeting = MeetingFactory(capacity=4)
    big = sign_up(meeting, 3)
    sign_up(meeting, 1)
    too_big = sign_up(meeting, 4)  # first in line, but 3 places will not hold 4
    small = sign_up(meeting, 2)
    smaller = sign_up(meeting, 1)
    later = sign_up(meeting, 1)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        registration_cancel(registration=big, by=big.registered_by)
    statuses = dict(Registration.objects.values_list("pk", "status"))
    assert statuses[big.pk] == "cancelled"
    assert statuses[too_big.pk] == "waiting"
    assert statuses[small.pk] == statuses[smaller.pk] == "confirmed"
    assert statuses[later.pk] == "waiting"
    assert meeting.places_taken() == 4
    assert Registration.objects.get(pk=small.pk).promoted_at is not None
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [small.registered_by.email, smaller.registered_by.email]
    )
    assert all(m.subject == f"Du har fått en plats: ”{meeting.theme}”" for m in mail.outbox)
    assert AuditEntry.objects.filter(action="registration.promoted").count() == 2


def test_fewer_attendees_free_places_and_more_must_fit():
    meeting = MeetingFactory(capacity=4)
    first = sign_up(meeting, 3)
    waiting = sign_up(meeting, 2)
    with pytest.raises(RegistrationError) as refused:
        registration_update(registration=first, by=first.registered_by, attendees=5)
    assert refused.value.field == "attendees"
    assert str(refused.value) == "Bara 1 plats till är kvar."
    registration_update(
        registration=first, by=first.registered_by, attendees=2, needs="Rullstolsplats"
    )
    assert Registration.objects.get(pk=waiting.pk).status == "confirmed"
    first.refresh_from_db()
    assert (first.attendees, first.needs) == (2, "Rullstolsplats")
    changed = AuditEntry.objects.get(action="registration.changed")
    assert changed.data["fields"] == ["attendees", "needs"]
    assert "Rullstolsplats" not in str(changed.data)  # needs are personal data


def test_more_places_move_the_waiting_list_up():
    meeting = MeetingFactory(capacity=1)
    sign_up(meeting)
    waiting = sign_up(meeting, 2)
    Meeting.objects.filter(pk=meeting.pk).update(capacity=3)
    assert registrations_fill_places(meeting=meeting) == [waiting]
    assert Registration.objects.get(pk=waiting.pk).status == "confirmed"


def test_nothing_moves_up_once_the_meeting_has_started():
    meeting = MeetingFactory(capacity=1)
    confirmed = sign_up(meeting)
    waiting = sign_up(meeting)
    with time_machine.travel(meeting.starts_at + timedelta(minutes=1)):
        with pytest.raises(RegistrationError, match="redan börjat"):
            registration_cancel(registration=confirmed, by=confirmed.registered_by)
        assert registrations_fill_places(meeting=meeting) == []
    assert Registration.objects.get(pk=waiting.pk).status == "waiting"


def test_after_the_deadline_no_sign_up_but_fewer_attendees_and_cancelling():
    meeting = MeetingFactory(capacity=10)
    registration = sign_up(meeting, 3)
    user, organisation = representative()
    with time_machine.travel(meeting.registration_deadline + timedelta(hours=1)):
        with pytest.raises(RegistrationError) as refused:
            registration_create(meeting=meeting, organisation=organisation, by=user, attendees=1)
        assert str(refused.value) == "Anmälan har stängt."
        assert refused.value.field is None
        with pytest.raises(RegistrationError) as more:
            registration_update(
                registration=registration, by=registration.registered_by, attendees=4
            )
        assert more.value.field == "attendees"
        registration_update(registration=registration, by=registration.registered_by, attendees=2)
        registration_cancel(registration=registration, by=registration.registered_by)
    assert Registration.objects.get(pk=registration.pk).status == "cancelled"


@pytest.mark.parametrize(
    ("status", "message"),
    [
        (Meeting.Status.CANCELLED, "Mötet är inställt."),
        (Meeting.Status.PLANNED, "Anmälan har inte öppnat än."),
        (Meeting.Status.CLOSED, "Anmälan har stängt."),
        (Meeting.Status.HELD, "Anmälan har stängt."),
    ],
)
def test_no_sign_up_unless_registration_is_open(status, message):
    meeting = MeetingFactory(status=status)
    with pytest.raises(RegistrationError, match=message):
        sign_up(meeting)
    assert not Registration.objects.exists()


def test_an_association_signs_up_once():
    meeting = MeetingFactory()
    user, organisation = representative()
    registration_create(meeting=meeting, organisation=organisation, by=user, attendees=1)
    with pytest.raises(RegistrationError) as twice:
        registration_create(meeting=meeting, organisation=organisation, by=user, attendees=2)
    assert twice.value.field == "organisation"
    assert organisation.name in str(twice.value)
    assert Registration.objects.count() == 1


def test_after_cancelling_the_association_may_sign_up_again():
    meeting = MeetingFactory()
    registration = sign_up(meeting)
    registration_cancel(registration=registration, by=registration.registered_by)
    again = registration_create(
        meeting=meeting,
        organisation=registration.organisation,
        by=registration.registered_by,
        attendees=1,
    )
    assert again.status == "confirmed"
    with pytest.raises(RegistrationError, match="redan avbokad"):
        registration_cancel(registration=registration, by=registration.registered_by)


@pytest.mark.parametrize("attendees", [0, -1, 51, 10**12])
def test_bad_numbers_of_attendees(attendees):
    with pytest.raises(RegistrationError) as refused:
        sign_up(MeetingFactory(), attendees)
    assert refused.value.field == "attendees"
    assert "mellan 1 och 50" in str(refused.value)
    assert not Registration.objects.exists()


def test_names_when_the_meeting_asks_for_them():
    meeting = MeetingFactory(asks_for_names=True)
    with pytest.raises(RegistrationError) as missing:
        sign_up(meeting, 2, attendee_names="Anna Berg\n\n")
    assert missing.value.field == "attendee_names"
    assert str(missing.value) == (
        "Skriv namnen på alla 2 deltagare, ett namn per rad (du skrev 1)."
    )
    registration = sign_up(meeting, 2, attendee_names="Anna Berg\nBo Ek\n")
    assert registration.attendee_names == "Anna Berg\nBo Ek"
    # Names a meeting does not ask for are not kept.
    assert sign_up(MeetingFactory(), 1, attendee_names="Cecilia").attendee_names == ""


def test_only_a_representative_signs_the_association_up():
    meeting = MeetingFactory()
    organisation = OrganisationFactory()
    with pytest.raises(RegistrationError) as refused:
        registration_create(
            meeting=meeting, organisation=organisation, by=UserFactory(), attendees=1
        )
    assert refused.value.field == "organisation"
    registration = sign_up(meeting)
    with pytest.raises(RegistrationError, match="företräder inte"):
        registration_cancel(registration=registration, by=UserFactory())


def test_a_pending_association_cannot_sign_up():
    user, organisation = representative(organisation=OrganisationFactory(status="pending"))
    with pytest.raises(RegistrationError):
        registration_create(
            meeting=MeetingFactory(), organisation=organisation, by=user, attendees=1
        )


def test_a_forum_by_invitation_takes_its_members_and_those_invited():
    forum = ForumFactory(audience=Forum.Audience.INVITED)
    meeting = MeetingFactory(forum=forum)
    user, organisation = representative()
    with pytest.raises(RegistrationError):
        registration_create(meeting=meeting, organisation=organisation, by=user, attendees=1)
    MeetingInvitation.objects.create(meeting=meeting, organisation=organisation)
    assert (
        registration_create(meeting=meeting, organisation=organisation, by=user, attendees=1).status
        == "confirmed"
    )
    member, member_org = representative()
    forum.memberships.create(organisation=member_org)
    registration_create(meeting=meeting, organisation=member_org, by=member, attendees=1)


def test_cancelling_forgets_names_and_needs():
    meeting = MeetingFactory(asks_for_names=True)
    registration = sign_up(meeting, 1, attendee_names="Anna Berg", needs="Teckentolk")
    registration_cancel(registration=registration, by=registration.registered_by)
    registration.refresh_from_db()
    assert (registration.attendee_names, registration.needs) == ("", "")
    assert registration.cancelled_at is not None


def test_mail_goes_after_commit_in_the_recipients_language(django_capture_on_commit_callbacks):
    meeting = MeetingFactory(theme="Lokaler för föreningslivet")
    user, organisation = representative(user=UserFactory(language="en"))
    with django_capture_on_commit_callbacks() as callbacks:
        registration_create(meeting=meeting, organisation=organisation, by=user, attendees=2)
    assert not mail.outbox  # nothing before the commit
    for callback in callbacks:
        callback()
    [message] = mail.outbox
    assert message.subject == "Signed up: “Lokaler för föreningslivet”"
    assert f"{organisation.name} is signed up for the meeting" in message.body
    assert "with 2 attendees" in message.body
    assert f"/forum/{meeting.forum.slug}/moten/{meeting.pk}/" in message.body


def test_without_the_signers_account_the_administrators_hear(django_capture_on_commit_callbacks):
    meeting = MeetingFactory(capacity=1)
    first = sign_up(meeting)
    waiting = sign_up(meeting)
    admin = MembershipFactory(organisation=waiting.organisation, role="admin").user
    Registration.objects.filter(pk=waiting.pk).update(registered_by=None)
    waiting.registered_by.delete()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        registration_cancel(registration=first, by=first.registered_by)
    assert [m.to for m in mail.outbox] == [[admin.email]]


def test_a_cancelled_meeting_tells_everyone_signed_up_or_waiting(
    django_capture_on_commit_callbacks,
):
    meeting = MeetingFactory(capacity=1)
    confirmed, waiting, gone = sign_up(meeting), sign_up(meeting), sign_up(meeting)
    registration_cancel(registration=gone, by=gone.registered_by)
    mail.outbox.clear()
    Meeting.objects.filter(pk=meeting.pk).update(
        status=Meeting.Status.CANCELLED, cancelled_reason="Lokalen är vattenskadad."
    )
    meeting.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        assert notify_cancelled(meeting) == 2
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [confirmed.registered_by.email, waiting.registered_by.email]
    )
    assert "> Lokalen är vattenskadad." in mail.outbox[0].body
    assert mail.outbox[0].subject == f"Inställt: ”{meeting.theme}”"


def test_registration_closes_at_the_deadline_itself():
    meeting = MeetingFactory()
    with time_machine.travel(meeting.registration_deadline, tick=False):
        assert sign_up(meeting).status == "confirmed"
    with time_machine.travel(meeting.registration_deadline + timedelta(seconds=1)):
        with pytest.raises(RegistrationError):
            sign_up(meeting)
    assert timezone.now() < meeting.registration_deadline
