"""What an association raised at forum meetings, with the answers, on its page: only
published answers, only of meetings the viewer may see, in one query."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from dialogues.models import FollowUpItem, Forum
from dialogues.views import organisation_follow_ups
from tests.organisations.factories import MembershipFactory, OrganisationFactory

from .factories import ForumFactory, MeetingFactory

pytestmark = pytest.mark.django_db
TEMPLATE = "dialogues/_organisation_follow_ups.html"


def raised(organisation, title, forum=None, answer="Det är ordnat.", **kwargs):
    meeting = MeetingFactory(
        forum=forum or ForumFactory(),
        status="minutes_published",
        starts_at=timezone.now() - timedelta(days=30),
        registration_deadline=None,
    )
    return FollowUpItem.objects.create(
        meeting=meeting,
        title=title,
        raised_by_organisation=organisation,
        answer=answer,
        answer_published_at=timezone.now() if answer else None,
        **kwargs,
    )


def test_the_answers_show_on_the_raising_associations_page(client):
    org = OrganisationFactory()
    done = raised(org, "Fler kvällstider", status="done")
    raised(org, "Utkast utan svar", answer="")
    raised(OrganisationFactory(), "Någon annans fråga")
    internal = raised(
        org,
        "Intern fråga",
        forum=ForumFactory(audience=Forum.Audience.INTERNAL, organisations=[org]),
    )
    html = client.get(reverse("organisations:detail", args=[org.slug])).content.decode()
    assert "Fler kvällstider" in html and "Det är ordnat." in html and "Klar" in html
    assert done.meeting.get_absolute_url() in html
    assert "Utkast utan svar" not in html and "Någon annans fråga" not in html
    assert "Intern fråga" not in html
    client.force_login(MembershipFactory(organisation=org).user)
    html = client.get(reverse("organisations:detail", args=[org.slug])).content.decode()
    assert internal.title in html


def test_no_section_without_answers(client):
    org = OrganisationFactory()
    raised(org, "Utkast", answer="")
    response = client.get(reverse("organisations:detail", args=[org.slug]))
    assert TEMPLATE not in dict(response.context["sections"])


def test_one_query_however_many(django_assert_num_queries):
    org = OrganisationFactory()
    for n in range(4):
        raised(org, f"Fråga {n}")
    request = RequestFactory().get("/")
    request.user = AnonymousUser()
    with django_assert_num_queries(1):
        assert len(organisation_follow_ups(request, org)["items"]) == 4
