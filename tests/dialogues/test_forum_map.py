"""The forum map: grouped by kind, filtered, internal forums only for those who may
see them, and a constant number of queries."""

import pytest
from django.urls import reverse

from dialogues.models import Forum
from tests.organisations.factories import UserFactory

from .factories import ForumFactory, MeetingFactory

URL = reverse("dialogues:index")


@pytest.mark.django_db
def test_grouped_by_kind_with_next_meeting(client):
    council = ForumFactory(
        name="Pensionärsrådet", kind=Forum.Kind.COUNCIL, coordinator_role="Sekreterare"
    )
    ForumFactory(name="Öppet forum", kind=Forum.Kind.OPEN_DIALOGUE)
    meeting = MeetingFactory(forum=council)
    page = client.get(URL).content.decode()
    assert "Pensionärsrådet" in page and "Öppet forum" in page
    assert str(Forum.Kind.COUNCIL.label) in page
    assert "Sekreterare" in page
    assert reverse("dialogues:meeting", args=[council.slug, meeting.pk]) in page


@pytest.mark.django_db
def test_internal_forums_only_for_those_who_may_see_them(client):
    ForumFactory(name="Tjänstepersonsnätverket", audience=Forum.Audience.INTERNAL)
    assert "Tjänstepersonsnätverket" not in client.get(URL).content.decode()
    client.force_login(UserFactory())
    assert "Tjänstepersonsnätverket" not in client.get(URL).content.decode()


@pytest.mark.django_db
def test_filter_by_kind_and_department(client):
    council = ForumFactory(name="Funktionshinderrådet", kind=Forum.Kind.COUNCIL)
    ForumFactory(name="Föreningsnätverket", kind=Forum.Kind.ASSOCIATION_NETWORK)
    page = client.get(URL, {"kind": "council"}).content.decode()
    assert "Funktionshinderrådet" in page and "Föreningsnätverket" not in page
    page = client.get(URL, {"department": council.department_id}).content.decode()
    assert "Funktionshinderrådet" in page and "Föreningsnätverket" not in page


@pytest.mark.django_db
def test_a_bad_filter_value_is_no_500(client):
    response = client.get(URL, {"kind": "nonsense", "department": "x"})
    assert response.status_code == 200


@pytest.mark.django_db
def test_inactive_forums_are_not_on_the_map(client):
    ForumFactory(name="Nedlagt råd", is_active=False)
    assert "Nedlagt råd" not in client.get(URL).content.decode()


@pytest.mark.django_db
def test_constant_queries(client, django_assert_num_queries):
    MeetingFactory(forum=ForumFactory())
    client.get(URL)
    with django_assert_num_queries(count := _count(client)):
        client.get(URL)
    for _ in range(5):
        MeetingFactory(forum=ForumFactory(kind=Forum.Kind.COUNCIL))
    with django_assert_num_queries(count):
        client.get(URL)


def _count(client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        client.get(URL)
    return len(ctx)


@pytest.mark.django_db
def test_many_forums_come_a_page_at_a_time_with_the_kinds_counted(client):
    from dialogues.views.forums import MAP_PAGE_SIZE

    for n in range(MAP_PAGE_SIZE + 2):
        ForumFactory(name=f"Råd {n:02}", kind=Forum.Kind.COUNCIL)
    ForumFactory(name="Öppet forum", kind=Forum.Kind.OPEN_DIALOGUE)
    first = client.get(URL)
    assert first.context["count"] == MAP_PAGE_SIZE + 3
    assert sum(len(g["forums"]) for g in first.context["groups"]) == MAP_PAGE_SIZE
    # Ordered by kind as the choices are, so the open forum comes first.
    assert first.context["groups"][0]["forums"][0].name == "Öppet forum"
    assert [(k["label"], k["count"]) for k in first.context["kinds"]] == [
        (Forum.Kind.OPEN_DIALOGUE.label, 1),
        (Forum.Kind.COUNCIL.label, MAP_PAGE_SIZE + 2),
    ]
    assert 'href="?kind=council"' in first.content.decode()
    second = client.get(URL, {"page": 2})
    assert [f.name for g in second.context["groups"] for f in g["forums"]] == [
        f"Råd {n:02}" for n in range(MAP_PAGE_SIZE - 1, MAP_PAGE_SIZE + 2)
    ]
