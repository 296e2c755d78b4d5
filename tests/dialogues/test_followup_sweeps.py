"""The follow-up loop's reminders: late minutes to the coordinators, an overdue
item to its owner, a weekly digest while items are overdue; run twice, each mail
goes out once."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from dialogues.models import FollowUpItem
from dialogues.sweeps_followups import (
    DIGEST_KIND,
    ITEM_KIND,
    MINUTES_KIND,
    remind_minutes,
    remind_owners,
    send_digests,
)
from portal.models import ReminderDelivery
from tests.organisations.factories import UserFactory
from tests.portal.factories import DepartmentFactory

from .factories import ForumFactory, MeetingFactory

pytestmark = pytest.mark.django_db


def run(sweep, capture, now=None):
    now = now or timezone.now()
    with capture(execute=True):
        return sweep(now)


def held(days_ago: int, forum=None, status="held"):
    starts = timezone.now() - timedelta(days=days_ago)
    return MeetingFactory(
        forum=forum or ForumFactory(),
        status=status,
        starts_at=starts,
        registration_deadline=None,
    )


def item(meeting=None, due_days_ago=3, **kwargs):
    return FollowUpItem.objects.create(
        meeting=meeting or held(40, status="minutes_published"),
        title="Fler lokaler på kvällstid",
        due_on=timezone.localdate() - timedelta(days=due_days_ago),
        **kwargs,
    )


def test_late_minutes_run_twice_one_mail_per_coordinator(
    django_capture_on_commit_callbacks, mailoutbox
):
    meeting = held(16)
    coordinator = UserFactory()
    meeting.forum.coordinators.add(coordinator, UserFactory(is_active=False))
    assert run(remind_minutes, django_capture_on_commit_callbacks) == 1
    assert run(remind_minutes, django_capture_on_commit_callbacks) == 0
    with time_machine.travel(timezone.now() + timedelta(days=3), tick=False):
        assert run(remind_minutes, django_capture_on_commit_callbacks) == 0
    assert [m.to for m in mailoutbox] == [[coordinator.email]]
    assert meeting.theme in mailoutbox[0].subject
    assert f"/admin/dialogues/meeting/{meeting.pk}/change/" in mailoutbox[0].body
    assert ReminderDelivery.objects.filter(kind=MINUTES_KIND).count() == 1


def test_no_minutes_reminder_too_soon_when_published_or_long_ago(
    django_capture_on_commit_callbacks,
):
    for meeting in (
        held(10),  # not two weeks yet
        held(20, status="minutes_published"),
        held(20, status="cancelled"),
        held(200),  # outside the look-back: reminded back then
    ):
        meeting.forum.coordinators.add(UserFactory())
    assert run(remind_minutes, django_capture_on_commit_callbacks) == 0


def test_overdue_item_run_twice_one_mail_to_its_owner(
    django_capture_on_commit_callbacks, mailoutbox
):
    owner = UserFactory()
    overdue = item(owner=owner)
    assert run(remind_owners, django_capture_on_commit_callbacks) == 1
    assert run(remind_owners, django_capture_on_commit_callbacks) == 0
    assert [m.to for m in mailoutbox] == [[owner.email]]
    assert overdue.title in mailoutbox[0].subject
    # A new due date that passes too is a new reminder, once.
    overdue.due_on = timezone.localdate() - timedelta(days=1)
    overdue.save()
    assert run(remind_owners, django_capture_on_commit_callbacks) == 1
    assert run(remind_owners, django_capture_on_commit_callbacks) == 0
    assert ReminderDelivery.objects.filter(kind=ITEM_KIND).count() == 2


def test_item_of_a_department_goes_to_its_address_and_resolved_ones_to_nobody(
    django_capture_on_commit_callbacks, mailoutbox
):
    department = DepartmentFactory(email="kultur@example.se")
    item(owner_department=department)
    item(owner=UserFactory(), status="done")
    item(owner=UserFactory(), status="wont_do", reason="Ingen budget.")
    item(owner=UserFactory(), due_days_ago=-2)  # not due yet
    item(owner=UserFactory(is_active=False))
    assert run(remind_owners, django_capture_on_commit_callbacks) == 1
    assert [m.to for m in mailoutbox] == [["kultur@example.se"]]


def test_weekly_digest_once_a_week_while_items_are_overdue(
    django_capture_on_commit_callbacks, mailoutbox
):
    forum = ForumFactory(name="Pensionärsrådet")
    coordinator = UserFactory()
    forum.coordinators.add(coordinator)
    meeting = held(40, forum=forum, status="minutes_published")
    first = item(meeting, owner=UserFactory(first_name="Eva", last_name="Lind"))
    item(meeting, status="in_progress")
    monday = timezone.localdate() - timedelta(days=timezone.localdate().weekday())
    now = timezone.now()
    assert run(send_digests, django_capture_on_commit_callbacks, now) == 1
    assert run(send_digests, django_capture_on_commit_callbacks, now) == 0
    assert [m.to for m in mailoutbox] == [[coordinator.email]]
    assert "Pensionärsrådet" in mailoutbox[0].subject
    assert first.title in mailoutbox[0].body and "Eva Lind" in mailoutbox[0].body
    assert ReminderDelivery.objects.get(kind=DIGEST_KIND).due == monday
    # The next week, still overdue: one more; once resolved, none.
    with time_machine.travel(now + timedelta(days=7), tick=False):
        assert run(send_digests, django_capture_on_commit_callbacks, timezone.now()) == 1
    FollowUpItem.objects.update(status="done")
    with time_machine.travel(now + timedelta(days=14), tick=False):
        assert run(send_digests, django_capture_on_commit_callbacks, timezone.now()) == 0
    assert len(mailoutbox) == 2


def test_digest_needs_a_coordinator_and_an_overdue_item(django_capture_on_commit_callbacks):
    item()  # a forum without coordinators
    forum = ForumFactory()
    forum.coordinators.add(UserFactory())
    item(held(40, forum=forum, status="minutes_published"), due_days_ago=-5)
    assert run(send_digests, django_capture_on_commit_callbacks) == 0
