"""Reminders recorded but never sent (their task lost with a Redis restart) are handed
to the worker again by a sweep, and still sent once."""

import datetime

import pytest
import time_machine
from django.core import mail
from django.utils import timezone

from portal import reminders, sweeps
from portal.models import ReminderDelivery

from .factories import DepartmentFactory, UserFactory

pytestmark = pytest.mark.django_db
NOW = datetime.datetime(2026, 3, 2, 9, tzinfo=datetime.UTC)


def record(email: str, minutes_ago: int) -> ReminderDelivery:
    """A delivery row as a sweep records it, whose task never ran."""
    with time_machine.travel(NOW - datetime.timedelta(minutes=minutes_ago), tick=False):
        delivery = reminders.reminder_schedule(
            kind="account.verify_email",
            target=DepartmentFactory(),
            recipient=UserFactory(email=email),
            due=datetime.date(2026, 3, 1),
        )
    return delivery


def test_a_lost_reminder_is_sent_once_a_fresh_one_is_left_to_its_task(
    django_capture_on_commit_callbacks,
):
    lost = record("lost@example.se", minutes_ago=40)
    fresh = record("fresh@example.se", minutes_ago=5)  # its own task may still be queued
    for _run in range(2):
        with time_machine.travel(NOW, tick=False), django_capture_on_commit_callbacks(execute=True):
            sweeps.run_all(NOW)
    assert [m.to for m in mail.outbox] == [["lost@example.se"]]
    assert mail.outbox[0].extra_headers["Message-ID"] == reminders.message_id(lost)
    lost.refresh_from_db()
    fresh.refresh_from_db()
    assert lost.sent_at is not None and fresh.sent_at is None


def test_a_second_task_for_a_sent_reminder_sends_nothing():
    delivery = record("once@example.se", minutes_ago=1)
    assert reminders.reminder_send(delivery_id=delivery.pk) is True
    assert reminders.reminder_send(delivery_id=delivery.pk) is False
    assert len(mail.outbox) == 1
    assert ReminderDelivery.objects.get(pk=delivery.pk).sent_at <= timezone.now()
