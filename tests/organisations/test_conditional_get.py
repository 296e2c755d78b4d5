"""The calendar feeds and the open-data API answer with an ETag from the content
version and Cache-Control: asking again with If-None-Match gives 304 without a
query while nothing changed, and the new data at once after a change."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from organisations.models import Organisation
from organisations.services import activity_create

from .factories import ActivityFactory, MembershipFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def org():
    org = OrganisationFactory(name="Vårby Kulturförening", slug="varby")
    ActivityFactory(organisation=org, title="Vårkonsert")
    return org


def public_urls(org):
    return [
        reverse("organisations:calendar_ics"),
        reverse("organisations:organisation_ics", args=[org.slug]),
        reverse("organisations:api_organisations"),
        reverse("organisations:api_activities") + "?page_size=5",
        reverse("organisations:api_categories"),
        reverse("organisations:api_openapi"),
    ]


def test_unchanged_is_304_without_a_query(client, org, django_assert_num_queries):
    for url in public_urls(org):
        first = client.get(url)
        assert first.status_code == 200, url
        assert first["ETag"].startswith('"')
        assert "public" in first["Cache-Control"] and "max-age=300" in first["Cache-Control"]
        with django_assert_num_queries(0):
            again = client.get(url, headers={"if-none-match": first["ETag"]})
        assert again.status_code == 304, url
        assert again["ETag"] == first["ETag"]
        assert again.content == b""


def test_a_change_gives_the_new_data(client, org, django_capture_on_commit_callbacks):
    admin = MembershipFactory(organisation=org).user
    urls = [
        reverse("organisations:calendar_ics"),
        reverse("organisations:api_activities"),
    ]
    etags = {url: client.get(url)["ETag"] for url in urls}
    with django_capture_on_commit_callbacks(execute=True):
        activity_create(
            organisation=org,
            by=admin,
            data={"title": "Höstkonsert", "starts_at": timezone.now() + timedelta(days=2)},
        )
    for url in urls:
        response = client.get(url, headers={"if-none-match": etags[url]})
        assert response.status_code == 200
        assert "Höstkonsert" in response.content.decode()
        assert response["ETag"] != etags[url]


def test_each_language_and_address_its_own_etag(client, org):
    url = reverse("organisations:api_categories")
    swedish = client.get(url)["ETag"]
    english = client.get(url, headers={"accept-language": "en"})
    assert english["ETag"] != swedish
    assert (
        client.get(url, headers={"if-none-match": swedish, "accept-language": "en"}).status_code
        == 200
    )
    assert client.get(url + "?x=1")["ETag"] != swedish


def test_an_activity_file_is_private(client, org):
    hidden = OrganisationFactory(status=Organisation.Status.PENDING)
    activity = ActivityFactory(organisation=hidden, title="Intern")
    url = reverse("organisations:activity_ics", args=[activity.pk])
    assert client.get(url).status_code == 404  # not theirs to see
    client.force_login(MembershipFactory(organisation=hidden).user)
    response = client.get(url)
    assert response.status_code == 200
    assert "private" in response["Cache-Control"]
    assert client.get(url, headers={"if-none-match": response["ETag"]}).status_code == 304
