"""Meetings made one by one and as a series, an occasion moved, and the status moved
along the model's table; cancelling tells everyone signed up or waiting, once."""

from datetime import UTC, datetime, timedelta

import pytest
from django.utils import timezone

from dialogues.models import Meeting, MeetingSeries
from dialogues.models.meetings import TRANSITIONS
from dialogues.services.meetings import (
    MAX_OCCASIONS,
    MeetingError,
    meeting_cancel,
    meeting_create,
    meeting_move,
    meeting_transition,
    series_create,
    series_dates,
)
from portal.models import AuditEntry
from tests.organisations.factories import UserFactory, make_municipal_coordinator

from .factories import ForumFactory, MeetingFactory, RegistrationFactory

pytestmark = pytest.mark.django_db
START = datetime(2027, 3, 2, 17, 0, tzinfo=UTC)


def test_a_meeting_is_created_planned_and_audited():
    coordinator = make_municipal_coordinator()
    forum = ForumFactory()
    meeting = meeting_create(
        forum=forum,
        by=coordinator,
        theme="Lokaler",
        starts_at=START,
        ends_at=START + timedelta(hours=2),
        capacity=30,
    )
    assert meeting.status == Meeting.Status.PLANNED
    assert meeting.capacity == 30
    assert AuditEntry.objects.filter(action="meeting.created", object_id=str(meeting.pk)).exists()


@pytest.mark.parametrize(
    ("ends", "deadline", "field", "message"),
    [
        (START - timedelta(hours=1), None, "ends_at", "Mötet måste sluta efter att det börjar."),
        (
            START + timedelta(hours=1),
            START + timedelta(minutes=5),
            "registration_deadline",
            "Sista anmälningsdag måste vara innan mötet börjar.",
        ),
    ],
)
def test_times_that_do_not_fit_are_refused_beside_the_field(ends, deadline, field, message):
    with pytest.raises(MeetingError) as error:
        meeting_create(
            forum=ForumFactory(),
            by=make_municipal_coordinator(),
            theme="X",
            starts_at=START,
            ends_at=ends,
            registration_deadline=deadline,
        )
    assert error.value.field == field
    assert not Meeting.objects.exists()


def test_someone_who_does_not_coordinate_the_forum_cannot_create():
    with pytest.raises(MeetingError):
        meeting_create(
            forum=ForumFactory(),
            by=UserFactory(is_staff=True),
            theme="X",
            starts_at=START,
            ends_at=START + timedelta(hours=1),
        )


def test_a_forum_coordinator_of_their_own_forum_may_create():
    user = UserFactory()
    forum = ForumFactory()
    forum.coordinators.add(user)
    assert meeting_create(
        forum=forum, by=user, theme="X", starts_at=START, ends_at=START + timedelta(hours=1)
    ).pk


def test_a_series_makes_one_planned_meeting_per_date():
    forum = ForumFactory()
    series = series_create(
        forum=forum,
        by=make_municipal_coordinator(),
        rule="FREQ=MONTHLY;INTERVAL=6;COUNT=4",
        first_starts_at=START,
        duration=timedelta(hours=2),
        theme="Dialogforum",
        deadline_days_before=3,
        capacity=40,
    )
    meetings = list(series.meetings.order_by("starts_at"))
    assert len(meetings) == 4
    assert all(m.status == "planned" and m.capacity == 40 for m in meetings)
    assert meetings[0].registration_deadline == meetings[0].starts_at - timedelta(days=3)
    assert meetings[1].starts_at.astimezone(START.tzinfo).month == 9
    assert AuditEntry.objects.filter(action="meeting.series_created").count() == 1


@pytest.mark.parametrize(
    ("rule", "message"),
    [
        ("FREQ=WEEKLY;UNTIL=20270101T000000Z", "Regeln ger inga datum alls."),
        (
            "FREQ=DAILY;COUNT=1000",
            "Regeln ger fler än 24 datum: avsluta den tidigare (UNTIL eller COUNT).",
        ),
        ("FREQ=DAILY", "Regeln ger fler än 24 datum: avsluta den tidigare (UNTIL eller COUNT)."),
        ("VARJE MÅNAD", "Det här är ingen upprepningsregel."),
    ],
)
def test_a_rule_with_no_dates_or_too_many_is_refused_on_the_rule_field(rule, message):
    with pytest.raises(MeetingError) as error:
        series_create(
            forum=ForumFactory(),
            by=make_municipal_coordinator(),
            rule=rule,
            first_starts_at=START,
            duration=timedelta(hours=1),
            theme="X",
        )
    assert error.value.field == "rule"
    assert error.value.message
    assert not Meeting.objects.exists() and not MeetingSeries.objects.exists()


def test_twenty_four_dates_are_allowed():
    assert len(series_dates(f"FREQ=WEEKLY;COUNT={MAX_OCCASIONS}", START)) == MAX_OCCASIONS


def test_one_occasion_of_a_series_is_moved_alone():
    series = series_create(
        forum=ForumFactory(),
        by=(c := make_municipal_coordinator()),
        rule="FREQ=MONTHLY;COUNT=3",
        first_starts_at=START,
        duration=timedelta(hours=2),
        theme="X",
    )
    first, second, third = series.meetings.order_by("starts_at")
    moved = meeting_move(
        meeting=second,
        by=c,
        starts_at=second.starts_at + timedelta(days=1),
        ends_at=second.ends_at + timedelta(days=1),
    )
    assert moved.series_id == series.pk
    assert Meeting.objects.get(pk=first.pk).starts_at == first.starts_at
    assert Meeting.objects.get(pk=second.pk).starts_at == second.starts_at + timedelta(days=1)
    assert AuditEntry.objects.filter(action="meeting.moved").count() == 1
    meeting_cancel(meeting=third, by=c, reason="Krockar med valet.")
    assert Meeting.objects.get(pk=third.pk).status == "cancelled"
    assert Meeting.objects.get(pk=first.pk).status == "planned"


def test_the_table_allows_the_lifecycle_and_nothing_after_cancelled():
    meeting = Meeting(status="planned")
    for status, allowed in TRANSITIONS.items():
        meeting.status = status
        for to in Meeting.Status.values:
            assert meeting.can_transition(to) == (to in allowed)
    assert not TRANSITIONS["cancelled"] and not TRANSITIONS["minutes_published"]


def test_planned_open_closed_held(django_capture_on_commit_callbacks):
    c = make_municipal_coordinator()
    meeting = MeetingFactory(status="planned", starts_at=timezone.now() + timedelta(days=3))
    meeting_transition(meeting=meeting, to="open", by=c)
    meeting_transition(meeting=meeting, to="closed", by=c)
    with pytest.raises(MeetingError):
        meeting_transition(meeting=meeting, to="held", by=c)
    Meeting.objects.filter(pk=meeting.pk).update(
        starts_at=timezone.now() - timedelta(hours=3),
        ends_at=timezone.now() - timedelta(hours=1),
        registration_deadline=None,
    )
    meeting_transition(meeting=meeting, to="held", by=c)
    assert Meeting.objects.get(pk=meeting.pk).status == "held"
    with pytest.raises(MeetingError):
        meeting_transition(meeting=meeting, to="cancelled", by=c, reason="x")
    actions = list(
        AuditEntry.objects.filter(object_id=str(meeting.pk))
        .order_by("pk")
        .values_list("action", flat=True)
    )
    assert actions == ["meeting.registration_opened", "meeting.registration_closed", "meeting.held"]


def test_minutes_are_not_published_here():
    meeting = MeetingFactory(status="held")
    with pytest.raises(MeetingError):
        meeting_transition(meeting=meeting, to="minutes_published", by=make_municipal_coordinator())


def test_cancelling_needs_a_reason_and_tells_everyone_signed_up_or_waiting(
    django_capture_on_commit_callbacks, mailoutbox
):
    meeting = MeetingFactory()
    confirmed = RegistrationFactory(meeting=meeting, registered_by=UserFactory())
    waiting = RegistrationFactory(meeting=meeting, status="waiting", registered_by=UserFactory())
    RegistrationFactory(meeting=meeting, status="cancelled", registered_by=UserFactory())
    c = make_municipal_coordinator()
    with pytest.raises(MeetingError) as error:
        meeting_cancel(meeting=meeting, by=c, reason="  ")
    assert error.value.field == "reason"
    with django_capture_on_commit_callbacks(execute=True):
        meeting_cancel(meeting=meeting, by=c, reason="Lokalen är vattenskadad.")
    assert sorted(m.to[0] for m in mailoutbox) == sorted(
        [confirmed.registered_by.email, waiting.registered_by.email]
    )
    assert "Lokalen är vattenskadad." in mailoutbox[0].body
    entry = AuditEntry.objects.get(action="meeting.cancelled")
    assert entry.data["told"] == 2
    with pytest.raises(MeetingError):
        meeting_cancel(meeting=meeting, by=c, reason="Igen")
    assert len(mailoutbox) == 2
