"""The forums' cadence: a forum whose next meeting is due within a month and has
none planned reminds its coordinators, once per gap, however often the sweep runs."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from dialogues.sweeps_cadence import KIND, forums_in_gap, remind_cadence
from portal.models import ReminderDelivery
from tests.organisations.factories import UserFactory

from .factories import ForumFactory, MeetingFactory

pytestmark = pytest.mark.django_db


def forum_with_last_meeting(months_ago: int, **kwargs):
    forum = ForumFactory(cadence_months=6, **kwargs)
    now = timezone.now()
    MeetingFactory(
        forum=forum,
        status="minutes_published",
        starts_at=now - timedelta(days=30 * months_ago),
        registration_deadline=None,
    )
    return forum


def run(capture, now=None):
    now = now or timezone.now()
    with capture(execute=True):
        return remind_cadence(now)


def test_run_twice_one_mail_per_coordinator(django_capture_on_commit_callbacks, mailoutbox):
    forum = forum_with_last_meeting(6)
    coordinator = UserFactory()
    forum.coordinators.add(coordinator, UserFactory(is_active=False))
    assert run(django_capture_on_commit_callbacks) == 1
    assert run(django_capture_on_commit_callbacks) == 0
    assert [m.to for m in mailoutbox] == [[coordinator.email]]
    assert forum.name in mailoutbox[0].subject
    assert f"/admin/dialogues/forum/{forum.pk}/series/" in mailoutbox[0].body
    assert ReminderDelivery.objects.filter(kind=KIND).count() == 1


def test_a_planned_meeting_closes_the_gap_and_cancelling_it_does_not_send_again(
    django_capture_on_commit_callbacks, mailoutbox
):
    forum = forum_with_last_meeting(6)
    forum.coordinators.add(UserFactory())
    upcoming = MeetingFactory(forum=forum, status="planned")
    assert run(django_capture_on_commit_callbacks) == 0
    upcoming.status = "cancelled"
    upcoming.save()
    assert run(django_capture_on_commit_callbacks) == 1
    upcoming.status = "planned"
    upcoming.save()
    upcoming.status = "cancelled"
    upcoming.save()
    assert run(django_capture_on_commit_callbacks) == 0  # the same gap
    assert len(mailoutbox) == 1


def test_a_new_gap_after_the_next_meeting_reminds_again(django_capture_on_commit_callbacks):
    forum = forum_with_last_meeting(6)
    forum.coordinators.add(UserFactory())
    assert run(django_capture_on_commit_callbacks) == 1
    later = MeetingFactory(
        forum=forum, status="planned", starts_at=timezone.now() + timedelta(days=7)
    )
    with time_machine.travel(later.starts_at + timedelta(days=170), tick=False):
        assert run(django_capture_on_commit_callbacks, timezone.now()) == 1
    assert ReminderDelivery.objects.filter(kind=KIND).values("due").distinct().count() == 2


def test_no_reminder_when_not_due_or_no_cadence_or_inactive(django_capture_on_commit_callbacks):
    recent = forum_with_last_meeting(2)  # the next one is due in four months
    no_cadence = forum_with_last_meeting(24)
    no_cadence.cadence_months = None
    no_cadence.save()
    closed = forum_with_last_meeting(24, is_active=False)
    for forum in (recent, no_cadence, closed):
        forum.coordinators.add(UserFactory())
    assert run(django_capture_on_commit_callbacks) == 0
    assert not forums_in_gap(timezone.now()).exists()


def test_a_meeting_planned_after_the_cadence_leaves_the_gap_open(
    django_capture_on_commit_callbacks,
):
    forum = forum_with_last_meeting(7)
    forum.coordinators.add(UserFactory())
    MeetingFactory(forum=forum, status="planned", starts_at=timezone.now() + timedelta(days=200))
    assert run(django_capture_on_commit_callbacks) == 1


def test_a_new_forum_counts_from_its_creation(django_capture_on_commit_callbacks):
    old = ForumFactory(cadence_months=1, created_at=timezone.now() - timedelta(days=40))
    ForumFactory(cadence_months=12).coordinators.add(UserFactory())
    old.coordinators.add(UserFactory())
    assert run(django_capture_on_commit_callbacks) == 1
