"""A forum coordinator's personal data: exported, and erased with the account."""

import pytest

from dialogues.models import Forum
from portal import personal_data
from portal.models import AuditEntry
from tests.organisations.factories import UserFactory

from .factories import ForumFactory

pytestmark = pytest.mark.django_db


def test_registered():
    assert "dialogues.forum_coordinators" in personal_data.registered()


def test_export_and_erase():
    user, colleague = UserFactory(), UserFactory()
    forum = ForumFactory(name="Pensionärsrådet")
    forum.coordinators.add(user, colleague)
    ForumFactory().coordinators.add(colleague)
    data = personal_data.export_user_data(user)["data"]
    assert data["dialogues.forum_coordinators"] == [{"forum": "Pensionärsrådet"}]

    personal_data.erase_user(user)
    assert list(Forum.objects.get(pk=forum.pk).coordinators.all()) == [colleague]
    assert AuditEntry.objects.filter(action="forum.coordinator_erased").count() == 1


def test_sign_ups_questions_and_the_calendar_are_registered():
    assert {
        "dialogues.registrations",
        "dialogues.questions",
        "dialogues.calendar_feed",
    } <= set(personal_data.registered())


def test_sign_ups_and_questions_exported_and_erased_with_the_account():
    from dialogues.models import CalendarFeed, MeetingQuestion, Registration

    from .factories import MeetingFactory, RegistrationFactory

    user, other = UserFactory(), UserFactory()
    meeting = MeetingFactory(theme="Lokaler för föreningslivet")
    mine = RegistrationFactory(
        meeting=meeting, registered_by=user, attendee_names="Anna Berg", needs="Teckentolk"
    )
    theirs = RegistrationFactory(meeting=meeting, registered_by=other, needs="Hörslinga")
    MeetingQuestion.objects.create(
        meeting=meeting, organisation=mine.organisation, submitted_by=user, topic="Lokaler"
    )
    feed = CalendarFeed.objects.create(user=user)

    data = personal_data.export_user_data(user)["data"]
    [exported] = data["dialogues.registrations"]
    assert exported["meeting"] == "Lokaler för föreningslivet"
    assert (exported["attendee_names"], exported["needs"]) == ("Anna Berg", "Teckentolk")
    assert [q["topic"] for q in data["dialogues.questions"]] == ["Lokaler"]
    assert feed.token not in str(data)  # the secret address is not handed out
    readable = personal_data.readable_user_data(user)
    assert not readable.unlabelled

    personal_data.erase_user(user)
    mine.refresh_from_db()
    assert (mine.registered_by, mine.attendee_names, mine.needs) == (None, "", "")
    assert mine.status == "confirmed"  # the association's place stays
    assert Registration.objects.get(pk=theirs.pk).needs == "Hörslinga"
    assert MeetingQuestion.objects.get().submitted_by is None
    assert not CalendarFeed.objects.exists()
    assert AuditEntry.objects.filter(action="registration.erased").count() == 1
