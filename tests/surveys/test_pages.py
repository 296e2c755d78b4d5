"""The coordinators' survey list and page (live response rate, constant query
count), the desk panel, and the way a wrong user is turned away."""

import pytest
from django.urls import reverse

from portal import desk
from surveys.models import Recipient
from surveys.services.answering import response_save
from tests.organisations.factories import (
    MembershipFactory,
    OrganisationFactory,
    UserFactory,
    make_department_coordinator,
    make_municipal_coordinator,
)

from .factories import link, sent_survey

pytestmark = pytest.mark.django_db


def survey_with_answers(orgs: int, answered: int):
    survey = sent_survey([OrganisationFactory() for _ in range(orgs)])
    for recipient in Recipient.objects.filter(survey=survey)[:answered]:
        response_save(recipient=recipient, answers=[], submit=True)
    return survey


def test_survey_page_shows_the_live_rate_in_constant_queries(client, django_assert_max_num_queries):
    survey = survey_with_answers(4, 1)
    client.force_login(survey.coordinator)
    with django_assert_max_num_queries(14):
        page = client.get(survey.get_absolute_url())
    assert "1 av 4 har svarat (25 %)" in page.content.decode()
    survey_with_answers(6, 3)
    with django_assert_max_num_queries(14):
        listing = client.get(reverse("surveys:index"))
    html = listing.content.decode()
    assert "3 av 6 har svarat (50 %)" in html and "1 av 4 har svarat (25 %)" in html


def test_the_navigation_item_leads_a_coordinator_to_the_surveys(client):
    survey = survey_with_answers(1, 0)
    client.force_login(survey.coordinator)
    home = client.get("/").content.decode()
    assert f'href="{reverse("surveys:index")}"' in home
    assert survey.get_absolute_url() in client.get(reverse("surveys:index")).content.decode()


@pytest.mark.parametrize(
    ("role", "status"),
    [("anonymous", 302), ("other_user", 404), ("department_coordinator", 404), ("manager", 200)],
)
def test_survey_page_is_for_its_managers(client, role, status):
    survey = survey_with_answers(1, 0)
    user = {
        "anonymous": None,
        "other_user": UserFactory(),
        "department_coordinator": make_department_coordinator(),
        "manager": survey.coordinator,
    }[role]
    if user:
        client.force_login(user)
    assert client.get(survey.get_absolute_url()).status_code == status
    post = client.post(reverse("surveys:survey_state", args=[survey.slug, "close"]))
    assert post.status_code == (302 if role in ("anonymous", "manager") else 404)


def test_an_association_page_visitor_sees_no_list(client):
    survey_with_answers(1, 0)
    client.force_login(UserFactory())
    page = client.get(reverse("surveys:index")).content.decode()
    assert "personlig länk" in page


def test_desk_panel_lists_open_surveys_with_their_rates(django_assert_max_num_queries):
    survey = survey_with_answers(2, 1)
    coordinator = make_municipal_coordinator()
    with django_assert_max_num_queries(4):
        (item,) = desk.registered_panels()["surveys"].items(coordinator)
    assert item.count == 1
    assert item.entries[0].url == survey.get_absolute_url()
    assert "1 av 2 har svarat (50 %)" in item.entries[0].label


def test_a_representative_finds_the_survey_waiting_for_their_association(client):
    membership = MembershipFactory()
    survey = sent_survey([membership.organisation])
    client.force_login(membership.user)
    page = client.get(reverse("surveys:index")).content.decode()
    recipient = Recipient.objects.get(survey=survey)
    assert link(recipient) in page and survey.title in page
    response_save(recipient=recipient, answers=[], submit=True)
    assert link(recipient) not in client.get(reverse("surveys:index")).content.decode()
    client.force_login(UserFactory())
    assert survey.title not in client.get(reverse("surveys:index")).content.decode()


def test_the_answering_page_reads_the_same_number_of_queries(client, django_assert_max_num_queries):
    from .factories import link

    survey = sent_survey([OrganisationFactory()])
    with django_assert_max_num_queries(9):
        assert client.get(link(survey.recipients.get())).status_code == 200
