"""Reminders to those signed up a week and a day before the meeting, each sent once
however often the sweeps run; only meetings in the window are read; needs erased
30 days after the meeting."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext

from dialogues.models import Meeting, Registration
from dialogues.sweeps_registrations import erase_needs, remind_registrants
from portal import sweeps
from portal.models import AuditEntry, ReminderDelivery
from tests.organisations.factories import MembershipFactory, UserFactory

from .factories import MeetingFactory, RegistrationFactory

pytestmark = pytest.mark.django_db
TZ = ZoneInfo("Europe/Stockholm")
STARTS = datetime(2027, 3, 20, 18, 0, tzinfo=TZ)


def meeting_on(starts=STARTS, **kwargs):
    return MeetingFactory(
        starts_at=starts,
        ends_at=starts + timedelta(hours=2),
        registration_deadline=starts - timedelta(days=1),
        **kwargs,
    )


def signed_up(meeting, *, at, **kwargs):
    user = kwargs.pop("registered_by", None) or UserFactory()
    membership = MembershipFactory(user=user)
    return RegistrationFactory(
        meeting=meeting,
        organisation=membership.organisation,
        registered_by=user,
        created_at=at,
        **kwargs,
    )


def run_all(when, capture):
    with time_machine.travel(when, tick=False), capture(execute=True):
        return sweeps.run_all(when)


def test_a_week_and_a_day_before_each_once(django_capture_on_commit_callbacks):
    meeting = meeting_on(theme="Lokaler för föreningslivet")
    early = signed_up(meeting, at=STARTS - timedelta(days=20))
    english = signed_up(
        meeting, at=STARTS - timedelta(days=10), registered_by=UserFactory(language="en")
    )
    late = signed_up(meeting, at=STARTS - timedelta(days=3))  # after the week's reminder
    signed_up(meeting, at=STARTS - timedelta(days=20), status="waiting")
    signed_up(meeting, at=STARTS - timedelta(days=20), status="cancelled")
    orphan = signed_up(meeting, at=STARTS - timedelta(days=20))
    Registration.objects.filter(pk=orphan.pk).update(registered_by=None)

    assert (
        run_all(STARTS - timedelta(days=8), django_capture_on_commit_callbacks)[
            "dialogues.meeting_reminders"
        ]
        == 0
    )
    week = STARTS - timedelta(days=7)
    assert run_all(week, django_capture_on_commit_callbacks)["dialogues.meeting_reminders"] == 3
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [early.registered_by.email, english.registered_by.email, orphan.organisation.email]
    )
    assert {m.subject for m in mail.outbox} == {
        "Om en vecka: ”Lokaler för föreningslivet”",
        "In a week: “Lokaler för föreningslivet”",
    }
    # Again, and again a few days later: nothing more.
    assert run_all(week, django_capture_on_commit_callbacks)["dialogues.meeting_reminders"] == 0
    assert (
        run_all(week + timedelta(days=3), django_capture_on_commit_callbacks)[
            "dialogues.meeting_reminders"
        ]
        == 0
    )
    mail.outbox.clear()

    day = STARTS - timedelta(days=1)
    assert run_all(day, django_capture_on_commit_callbacks)["dialogues.meeting_reminders"] == 4
    assert late.registered_by.email in {m.to[0] for m in mail.outbox}
    assert {m.subject for m in mail.outbox} == {
        "I morgon: ”Lokaler för föreningslivet”",
        "Tomorrow: “Lokaler för föreningslivet”",
    }
    assert (
        run_all(day + timedelta(hours=12), django_capture_on_commit_callbacks)[
            "dialogues.meeting_reminders"
        ]
        == 0
    )
    assert len(mail.outbox) == 4
    assert ReminderDelivery.objects.count() == 7


def test_a_sweep_after_downtime_catches_up_within_the_window(django_capture_on_commit_callbacks):
    meeting = meeting_on()
    signed_up(meeting, at=STARTS - timedelta(days=20))
    # Down from a week before until two days before: the week's reminder still goes.
    assert (
        run_all(STARTS - timedelta(days=2), django_capture_on_commit_callbacks)[
            "dialogues.meeting_reminders"
        ]
        == 1
    )
    # Never for a meeting that has started, nor for a cancelled one.
    cancelled = meeting_on(status=Meeting.Status.CANCELLED)
    signed_up(cancelled, at=STARTS - timedelta(days=20))
    assert (
        run_all(STARTS + timedelta(minutes=5), django_capture_on_commit_callbacks)[
            "dialogues.meeting_reminders"
        ]
        == 0
    )


def test_the_sweep_reads_only_meetings_in_its_window(django_capture_on_commit_callbacks):
    def queries_with(meetings):
        for n in range(meetings):
            past = meeting_on(STARTS - timedelta(days=30 + n))
            signed_up(past, at=STARTS - timedelta(days=60))
            far = meeting_on(STARTS + timedelta(days=30 + n))
            signed_up(far, at=STARTS - timedelta(days=60))
        with time_machine.travel(STARTS - timedelta(days=3), tick=False):
            with CaptureQueriesContext(connection) as queries:
                assert remind_registrants(STARTS - timedelta(days=3)) == 0
        return len(queries)

    assert queries_with(1) == queries_with(20) == 4


def test_needs_are_erased_30_days_after_the_meeting(django_capture_on_commit_callbacks):
    old = meeting_on(STARTS - timedelta(days=40))
    recent = meeting_on(STARTS - timedelta(days=10))
    gone = RegistrationFactory(meeting=old, needs="Rullstolsplats", attendee_names="Anna")
    RegistrationFactory(meeting=old, needs="Glutenfritt")
    kept = RegistrationFactory(meeting=recent, needs="Hörslinga")
    with time_machine.travel(STARTS, tick=False):
        assert erase_needs(STARTS) == 2
        assert erase_needs(STARTS) == 0
    gone.refresh_from_db()
    kept.refresh_from_db()
    assert (gone.needs, gone.attendee_names) == ("", "Anna")
    assert kept.needs == "Hörslinga"
    [entry] = AuditEntry.objects.filter(action="registration.needs_erased")
    assert entry.data == {"registrations": 2}
    assert "Rullstolsplats" not in str(entry.data)
