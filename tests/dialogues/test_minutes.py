"""Publishing minutes: only for a held meeting, audited, each participant told once;
a follow-up change tells them once more; minutes are sanitised on the page."""

from datetime import timedelta

import pytest
from django.core import mail

from dialogues.models import FollowUpItem, Meeting
from dialogues.services.followups import follow_up_changed
from dialogues.services.minutes import MinutesError, publish_minutes
from portal.models import AuditEntry
from portal.richtext import sanitise
from tests.organisations.factories import UserFactory

from .factories import MeetingFactory, RegistrationFactory

pytestmark = pytest.mark.django_db


def held_meeting(**kwargs):
    meeting = MeetingFactory(status=Meeting.Status.HELD, minutes="<p>Vi talade.</p>", **kwargs)
    users = [UserFactory() for _ in range(2)]
    for user in users:
        RegistrationFactory(meeting=meeting, registered_by=user)
    RegistrationFactory(meeting=meeting, registered_by=users[0])  # same person, twice
    RegistrationFactory(meeting=meeting, registered_by=UserFactory(), status="waiting")
    return meeting, users


def test_publishing_tells_each_participant_once(django_capture_on_commit_callbacks):
    meeting, users = held_meeting()
    with django_capture_on_commit_callbacks(execute=True):
        publish_minutes(meeting=meeting, by=None)
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.MINUTES_PUBLISHED
    assert meeting.minutes_published_at
    assert sorted(m.to[0] for m in mail.outbox) == sorted(u.email for u in users)
    assert AuditEntry.objects.filter(action="meeting.minutes_published").count() == 1
    with pytest.raises(MinutesError):
        publish_minutes(meeting=meeting, by=None)


@pytest.mark.parametrize("status", ["planned", "open", "closed", "cancelled"])
def test_a_meeting_not_held_is_refused(status):
    meeting = MeetingFactory(status=status, minutes="x")
    with pytest.raises(MinutesError):
        publish_minutes(meeting=meeting, by=None)
    meeting.refresh_from_db()
    assert meeting.status == status


def test_unresolved_items_carry_over_to_the_next_minutes(django_capture_on_commit_callbacks):
    earlier = MeetingFactory(status=Meeting.Status.MINUTES_PUBLISHED)
    open_item = FollowUpItem.objects.create(meeting=earlier, title="Lokaler")
    done = FollowUpItem.objects.create(meeting=earlier, title="Bidrag", status="done")
    later, _users = held_meeting(
        forum=earlier.forum, starts_at=earlier.starts_at + timedelta(days=90)
    )
    publish_minutes(meeting=later, by=None)
    open_item.refresh_from_db()
    done.refresh_from_db()
    assert open_item.carried_to == later and done.carried_to is None


def test_a_change_of_status_or_answer_tells_participants_once(django_capture_on_commit_callbacks):
    meeting, users = held_meeting()
    publish_minutes(meeting=meeting, by=None)
    meeting.refresh_from_db()
    mail.outbox.clear()
    item = FollowUpItem.objects.create(meeting=meeting, title="Lokaler")
    before = {"status": item.status, "answer": item.answer}
    item.status, item.answer = "done", "Lokalen är bokad."
    item.save()
    with django_capture_on_commit_callbacks(execute=True):
        assert follow_up_changed(item=item, before=before, by=None)
        assert not follow_up_changed(
            item=item, before={"status": "done", "answer": item.answer}, by=None
        )
    assert len(mail.outbox) == len(users)
    assert "Lokalen är bokad." in mail.outbox[0].body
    item.refresh_from_db()
    assert item.answer_published_at


def test_minutes_are_sanitised():
    assert sanitise('<p onclick="x()">Hej<script>alert(1)</script></p>') == "<p>Hej</p>"


def test_the_page_shows_sanitised_minutes_and_the_follow_ups(client, django_assert_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    meeting = MeetingFactory(
        status=Meeting.Status.MINUTES_PUBLISHED,
        minutes="<p>Vi talade om <strong>lokaler</strong>.</p><script>alert(1)</script>",
    )
    FollowUpItem.objects.create(meeting=meeting, title="Fler lokaler", answer="Bokad.")

    def count():
        with CaptureQueriesContext(connection) as queries:
            page = client.get(meeting.get_absolute_url()).content.decode()
        return page, len(queries)

    page, few = count()
    assert "<strong>lokaler</strong>" in page and "alert(1)" not in page
    assert "Fler lokaler" in page
    for n in range(4):
        FollowUpItem.objects.create(meeting=meeting, title=f"Punkt {n}", status="done")
    assert count()[1] == few


def test_answers_written_before_the_minutes_go_out_with_them(django_capture_on_commit_callbacks):
    meeting, users = held_meeting()
    item = FollowUpItem.objects.create(meeting=meeting, title="Lokaler")
    before = {"status": item.status, "answer": item.answer}
    item.status, item.answer = "done", "Lokalen är bokad."
    item.save()
    draft = FollowUpItem.objects.create(meeting=meeting, title="Bidrag")
    refused = FollowUpItem.objects.create(
        meeting=meeting, title="Parkering", status="wont_do", reason="Beslutas av fullmäktige."
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert not follow_up_changed(item=item, before=before, by=None)
    assert not mail.outbox
    item.refresh_from_db()
    assert item.answer_published_at is None
    with django_capture_on_commit_callbacks(execute=True):
        publish_minutes(meeting=meeting, by=None)
    item.refresh_from_db()
    draft.refresh_from_db()
    refused.refresh_from_db()
    assert item.answer_published_at and draft.answer_published_at is None
    assert refused.answer_published_at  # its reason is the answer
    assert sorted(m.to[0] for m in mail.outbox) == sorted(u.email for u in users)  # one each
