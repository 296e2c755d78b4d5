"""A forum's page: purpose, members, meetings, minutes, published follow-ups."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from dialogues.models import FollowUpItem, Forum, Meeting
from tests.organisations.factories import OrganisationFactory, UserFactory

from .factories import ForumFactory, MeetingFactory


def held_with_minutes(forum, days=30):
    start = timezone.now() - timedelta(days=days)
    return MeetingFactory(
        forum=forum,
        starts_at=start,
        registration_deadline=None,
        status=Meeting.Status.MINUTES_PUBLISHED,
        minutes="Vi talade om lokaler.",
        minutes_published_at=timezone.now(),
    )


@pytest.mark.django_db
def test_the_forum_page(client):
    member = OrganisationFactory(name="PRO Centrum")
    forum = ForumFactory(description="Rådet för pensionärsfrågor.", organisations=[member])
    coming = MeetingFactory(forum=forum, theme="Vårens möte")
    past = held_with_minutes(forum)
    FollowUpItem.objects.create(
        meeting=past,
        title="Fler bänkar",
        status="done",
        answer="Tio bänkar",
        answer_published_at=timezone.now(),
    )
    # On the record once the minutes are out, with its status; its draft answer is not.
    FollowUpItem.objects.create(meeting=past, title="Belysning i parken", answer="Utkastsvar")
    held = MeetingFactory(
        forum=forum,
        starts_at=past.starts_at,
        status=Meeting.Status.HELD,
        registration_deadline=None,
    )
    FollowUpItem.objects.create(meeting=held, title="Hemligt utkast")  # minutes not out yet
    page = client.get(forum.get_absolute_url()).content.decode()
    assert "Belysning i parken" in page and str(FollowUpItem.Status.OPEN.label) in page
    assert "Utkastsvar" not in page
    assert "Rådet för pensionärsfrågor." in page and "PRO Centrum" in page
    assert coming.get_absolute_url() in page and past.get_absolute_url() in page
    assert "Fler bänkar" in page and str(FollowUpItem.Status.DONE.label) in page
    assert "Hemligt utkast" not in page
    assert f"/forum/{forum.slug}/kalender.ics" in page


@pytest.mark.django_db
def test_an_internal_forum_is_not_found_for_a_visitor(client):
    forum = ForumFactory(audience=Forum.Audience.INTERNAL)
    assert client.get(forum.get_absolute_url()).status_code == 404
    client.force_login(UserFactory())
    assert client.get(forum.get_absolute_url()).status_code == 404


def _queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        client.get(url)
    return len(ctx)


@pytest.mark.django_db
def test_constant_queries(client, django_assert_num_queries):
    forum = ForumFactory(organisations=[OrganisationFactory()])
    MeetingFactory(forum=forum)
    past = held_with_minutes(forum)
    FollowUpItem.objects.create(
        meeting=past, title="a", answer="b", answer_published_at=timezone.now()
    )
    url = forum.get_absolute_url()
    client.get(url)
    count = _queries(client, url)
    for i in range(4):
        MeetingFactory(forum=forum)
        more = held_with_minutes(forum, days=40 + i)
        FollowUpItem.objects.create(
            meeting=more,
            title=f"x{i}",
            raised_by_organisation=OrganisationFactory(),
            answer="y",
            answer_published_at=timezone.now(),
        )
        forum.memberships.create(organisation=OrganisationFactory())
    with django_assert_num_queries(count):
        client.get(url)
