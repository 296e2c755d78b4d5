"""The forum's iCalendar feed: one VEVENT per occasion with a stable UID, series
included, cancelled occasions as STATUS:CANCELLED."""

from datetime import timedelta

import pytest
from django.urls import reverse

from dialogues.models import Forum, Meeting, MeetingSeries

from .factories import ForumFactory, MeetingFactory


@pytest.mark.django_db
def test_feed_carries_each_occasion_and_cancellations(client):
    forum = ForumFactory()
    first = MeetingFactory(forum=forum)
    series = MeetingSeries.objects.create(
        forum=forum, rule="FREQ=MONTHLY;COUNT=2", first_starts_at=first.starts_at
    )
    a = MeetingFactory(forum=forum, series=series, starts_at=first.starts_at + timedelta(days=30))
    b = MeetingFactory(
        forum=forum,
        series=series,
        starts_at=first.starts_at + timedelta(days=60),
        status=Meeting.Status.CANCELLED,
    )
    MeetingFactory()  # another forum's
    response = client.get(reverse("dialogues:forum_ics", args=[forum.slug]))
    assert response["Content-Type"].startswith("text/calendar")
    body = response.content.decode()
    assert body.count("BEGIN:VEVENT") == 3
    for meeting in (first, a, b):
        assert f"UID:meeting-{meeting.pk}@" in body
    assert body.count("STATUS:CANCELLED") == 1
    assert "RRULE" not in body.split("END:VTIMEZONE")[-1]
    assert body.endswith("END:VCALENDAR\r\n")


@pytest.mark.django_db
def test_internal_forum_feed_is_not_found_for_a_visitor(client):
    forum = ForumFactory(audience=Forum.Audience.INTERNAL)
    assert client.get(reverse("dialogues:forum_ics", args=[forum.slug])).status_code == 404
