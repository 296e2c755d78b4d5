"""Hitta rätt's public pages: the list with its search and filters (a constant
number of queries), a path's page with the person only when they agreed, "not
reviewed" after the grace period, and the ways in from the menu and the 404 page."""

import re
from datetime import timedelta
from html import unescape

import pytest
from django.urls import reverse
from django.utils import timezone

from organisations.models import ActivityArea
from portal.contacts.models import ContactPath
from tests.contacts.factories import ContactPathFactory, TopicFactory
from tests.organisations.factories import ActivityAreaFactory
from tests.portal.factories import DepartmentFactory, UserFactory

pytestmark = pytest.mark.django_db
URL = "/hitta-ratt/"


def titles(response) -> list[str]:
    html = unescape(response.content.decode())
    return re.findall(r'register-item__title"><a href="[^"]*">([^<]+)</a>', html)


def main(response) -> str:
    return re.search(r"<main.*?</main>", unescape(response.content.decode()), re.S).group(0)


@pytest.fixture
def data():
    culture = DepartmentFactory(name="Kultur- och fritidsförvaltningen")
    social = DepartmentFactory(name="Socialförvaltningen")
    grants = TopicFactory(name="Bidrag", slug="bidrag")
    premises = TopicFactory(name="Lokaler", slug="lokaler")
    young = ActivityAreaFactory(name="Unga", slug="unga", kind=ActivityArea.Kind.TARGET_GROUP)
    return {
        "grants": ContactPathFactory(
            title="Föreningsbidrag", department=culture, topics=[grants], target_groups=[young]
        ),
        "halls": ContactPathFactory(
            title="Boka idrottshallar", department=culture, topics=[premises]
        ),
        "social": ContactPathFactory(title="Socialt stöd", department=social, topics=[grants]),
        "culture": culture,
        "social_department": social,
        "topic": grants,
        "young": young,
    }


def test_the_list_shows_every_published_path_by_title(client, data):
    ContactPath.objects.filter(pk=data["social"].pk).update(is_published=False)
    response = client.get(URL)
    assert response.status_code == 200
    assert titles(response) == ["Boka idrottshallar", "Föreningsbidrag"]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"q": "bidrag"}, {"Föreningsbidrag", "Socialt stöd"}),
        ({"topic": "topic"}, {"Föreningsbidrag", "Socialt stöd"}),
        ({"department": "culture"}, {"Föreningsbidrag", "Boka idrottshallar"}),
        ({"target_group": "young"}, {"Föreningsbidrag"}),
        ({"q": "bidrag", "department": "social_department"}, {"Socialt stöd"}),
    ],
)
def test_search_and_filters(client, data, params, expected):
    query = {key: data[value].pk if value in data else value for key, value in params.items()}
    assert set(titles(client.get(URL, query))) == expected


def test_an_unknown_filter_value_is_explained_and_left_out(client, data):
    response = client.get(URL, {"topic": "99999", "q": "bidrag"})
    assert response.status_code == 200
    assert "Några filter kunde inte användas" in main(response)
    assert set(titles(response)) == {"Föreningsbidrag", "Socialt stöd"}


@pytest.mark.parametrize("params", [{}, {"q": "bidrag"}, {"q": "bidrag", "topic": "x"}])
def test_the_list_costs_the_same_queries_whatever_the_number_of_paths(
    client, data, params, django_assert_num_queries
):
    if params.get("topic"):
        params = {**params, "topic": data["topic"].pk}

    def count() -> int:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as queries:
            assert client.get(URL, params).status_code == 200
        return len(queries)

    few = count()
    for n in range(15):
        ContactPathFactory(
            title=f"Bidrag nummer {n}",
            department=DepartmentFactory(),
            topics=[data["topic"], TopicFactory()],
            target_groups=[data["young"]],
        )
    assert count() == few
    with django_assert_num_queries(few):
        client.get(URL, params)
    assert few <= 8  # options (3), the words (1), a topic (1), count, page, topics


def test_a_path_s_page_shows_the_person_only_with_their_consent(client, data):
    path = data["grants"]
    ContactPath.objects.filter(pk=path.pk).update(
        person_name="Anna Berg",
        person_email="anna.berg@kommun.example.se",
        person_phone="08-1234567",
    )
    html = main(client.get(path.get_absolute_url()))
    assert "Föreningskonsulent" in html and "Kultur- och fritidsförvaltningen" in html
    assert 'href="tel:+468535300' in html  # the role's own number, as a link
    assert "Anna Berg" not in html and "anna.berg@" not in html
    ContactPath.objects.filter(pk=path.pk).update(person_is_public=True)
    html = main(client.get(path.get_absolute_url()))
    assert "Anna Berg" in html and "mailto:anna.berg@kommun.example.se" in html
    assert 'href="tel:+4681234567"' in html


def test_a_named_user_is_shown_by_their_name_and_address(client, data):
    user = UserFactory(first_name="Tove", last_name="Tjänsteperson", email="tove@kommun.example.se")
    ContactPath.objects.filter(pk=data["grants"].pk).update(person=user, person_is_public=True)
    html = main(client.get(data["grants"].get_absolute_url()))
    assert "Tove Tjänsteperson" in html and "mailto:tove@kommun.example.se" in html


def test_an_unpublished_or_ended_path_is_not_found_by_visitors(client, data):
    path = data["grants"]
    ContactPath.objects.filter(pk=path.pk).update(is_published=False)
    assert client.get(path.get_absolute_url()).status_code == 404
    yesterday = timezone.localdate() - timedelta(days=1)
    ContactPath.objects.filter(pk=path.pk).update(is_published=True, valid_until=yesterday)
    assert client.get(path.get_absolute_url()).status_code == 404
    assert "Föreningsbidrag" not in titles(client.get(URL))


def test_not_reviewed_is_shown_after_a_year_and_the_grace_period(client, data, settings):
    settings.CONTACT_PATH_REVIEW_GRACE_DAYS = 30
    path = data["grants"]
    year_ago = timezone.now() - timedelta(days=370)  # due, within the grace period
    ContactPath.objects.filter(pk=path.pk).update(reviewed_at=year_ago)
    assert "Inte granskad" not in main(client.get(path.get_absolute_url()))
    ContactPath.objects.filter(pk=path.pk).update(reviewed_at=year_ago - timedelta(days=30))
    html = main(client.get(path.get_absolute_url()))
    assert "Inte granskad" in html
    listing = main(client.get(URL))
    assert re.search(
        r"Föreningsbidrag</a> <span class=\"badge badge--warning\">Inte granskad", listing
    )


def test_the_menu_the_home_page_and_the_404_page_lead_here(client, data):
    home = client.get("/").content.decode()
    nav = re.search(r'<nav[^>]*aria-label="Huvudmeny"[^>]*>(.*?)</nav>', home, re.S).group(1)
    assert f'href="{URL}"' in nav and "Hitta rätt" in nav
    assert reverse("contacts:index") == URL
    not_found = main(client.get("/finns-inte/"))
    assert f'<a href="{URL}">Hitta rätt</a>' in not_found


def test_the_page_in_english_names_the_topics_in_english(client, data):
    client.cookies["portal_language"] = "en"
    html = main(client.get(data["grants"].get_absolute_url()))
    assert data["topic"].name_en in html
