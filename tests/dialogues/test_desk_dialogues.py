"""The forums' panel on the desk: forums in a cadence gap, minutes overdue and
meetings open past their deadline, counted among the forums the reader
coordinates, each linked to the admin list filtered to exactly those."""

from datetime import timedelta

import pytest
from django.utils import timezone

from dialogues.desk import meeting_items
from dialogues.models import FollowUpItem
from portal import desk
from tests.organisations.factories import (
    UserFactory,
    make_department_coordinator,
    make_municipal_coordinator,
)

from .factories import ForumFactory, MeetingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def waiting():
    now = timezone.now()
    gap = ForumFactory(name="Pensionärsrådet", cadence_months=3)
    MeetingFactory(
        forum=gap,
        status="minutes_published",
        starts_at=now - timedelta(days=120),
        registration_deadline=None,
    )
    MeetingFactory(
        forum=gap, status="held", starts_at=now - timedelta(days=20), registration_deadline=None
    )  # held 20 days ago, no minutes; and it is the last meeting: the next is due in ~70 days
    fine = ForumFactory(cadence_months=6)
    MeetingFactory(
        forum=fine, status="held", starts_at=now - timedelta(days=3), registration_deadline=None
    )
    MeetingFactory(
        forum=fine,
        status="open",
        starts_at=now + timedelta(days=1),
        registration_deadline=now - timedelta(hours=2),
    )
    MeetingFactory(forum=fine, status="open")
    overdue = ForumFactory(
        name="Föreningsnätverket", cadence_months=1, created_at=now - timedelta(days=90)
    )
    published = MeetingFactory(
        forum=fine,
        status="minutes_published",
        starts_at=now - timedelta(days=60),
        registration_deadline=None,
    )
    for due_days, status in ((-3, "open"), (-10, "in_progress"), (-5, "done"), (5, "open")):
        FollowUpItem.objects.create(
            meeting=published,
            title="Fråga",
            status=status,
            due_on=timezone.localdate() + timedelta(days=due_days),
        )
    return {"gap": overdue, "fine": fine, "minutes_forum": gap}


def counts(user):
    return [item.count for item in meeting_items(user)]


def test_the_panel_is_registered_for_those_who_change_meetings():
    assert desk.registered_panels()["dialogues"].permission == "dialogues.change_meeting"


def test_municipal_coordinator_sees_every_forum(waiting):
    items = meeting_items(make_municipal_coordinator())
    assert [i.count for i in items] == [1, 1, 1, 1, 2]
    assert not items[4].urgent and len(items[4].entries) == 2
    assert items[3].oldest == timezone.localdate() - timedelta(days=10)
    assert [e.label for e in items[0].entries] == ["Föreningsnätverket"]


def test_a_forum_coordinator_sees_their_forums_only(waiting):
    user = UserFactory(is_staff=True)
    waiting["fine"].coordinators.add(user)
    assert counts(user) == [0, 0, 1, 1, 2]
    waiting["gap"].coordinators.add(user)
    assert counts(user) == [1, 0, 1, 1, 2]


def test_another_departments_coordinator_sees_nothing_of_them(waiting):
    assert counts(make_department_coordinator()) == [0, 0, 0, 0, 0]


def test_each_count_links_to_the_admin_list_of_exactly_those(client, waiting):
    user = make_municipal_coordinator()
    client.force_login(user)
    html = client.get("/skrivbord/").content.decode()
    for item in meeting_items(user):
        assert item.url.replace("&", "&amp;") in html
        page = client.get(item.url)
        assert page.status_code == 200, item.url
        assert page.context["cl"].result_count == item.count, item.url


def test_the_panels_queries_do_not_grow(waiting, django_assert_num_queries):
    user = make_municipal_coordinator()
    meeting_items(user)
    with django_assert_num_queries(10) as first:
        meeting_items(user)
    for n in range(5):
        ForumFactory(cadence_months=1, created_at=timezone.now() - timedelta(days=90))
        MeetingFactory(
            status="held",
            starts_at=timezone.now() - timedelta(days=30 + n),
            registration_deadline=None,
        )
    with django_assert_num_queries(len(first.captured_queries)):
        items = meeting_items(user)
    assert [items[0].count, items[1].count] == [6, 6]
