"""The duplicate check tells a registrant that a match exists and offers to ask to
join, without showing a pending (or otherwise hidden) association's name,
organisation number or status; its pages, the join page too, are 404."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from organisations.models import JoinRequest, Organisation
from organisations.services import join_request_decide
from tests.organisations.factories import (
    CategoryFactory,
    DistrictFactory,
    MembershipFactory,
    OrganisationFactory,
    UserFactory,
)
from tests.organisations.steps import register

pytestmark = pytest.mark.django_db
NUMBER = "802456-7896"


@pytest.fixture
def vivalla():
    return DistrictFactory(name="Vivalla", slug="vivalla")


@pytest.fixture
def pending(vivalla):
    org = OrganisationFactory(
        name="Vivalla Schackklubb",
        organisation_number=NUMBER,
        districts=[vivalla],
        status=Organisation.Status.PENDING,
        approved_at=None,
    )
    MembershipFactory(organisation=org, role="admin")
    return org


@pytest.fixture
def registrant(client):
    user = UserFactory()
    client.force_login(user)
    return user


def _data(vivalla, **extra):
    return {
        "name": "Vivalla schackklubb",
        "legal_form": "ideell_forening",
        "categories": [CategoryFactory().pk],
        "districts": [vivalla.pk],
        "is_public": "on",
        **extra,
    }


def _hint(html: str) -> str:
    match = re.search(r'<section class="org-duplicates.*?</section>', html, re.S)
    assert match, "no duplicate hint"
    return match.group(0)


def _join_url(html: str) -> str:
    match = re.search(r'href="(/foreningar/registrera/ga-med/[^"]+/)"', html)
    assert match, "no link to ask to join"
    return match.group(1)


def test_the_hint_says_a_match_exists_without_its_details(client, registrant, pending, vivalla):
    response = register(client, _data(vivalla, organisation_number=NUMBER))
    assert response.status_code == 200
    html = response.content.decode()
    hint = _hint(html)
    assert "är redan registrerad men visas inte i föreningsregistret" in hint
    assert "Vivalla Schackklubb" not in html
    assert NUMBER not in hint and "8024567896" not in hint  # the form keeps what was typed
    assert "Väntar på godkännande" not in html
    assert pending.slug not in html
    assert list(response.context["form"].errors) == ["organisation_number"]
    _join_url(html)


def test_a_similar_name_is_hinted_the_same_way(client, registrant, pending, vivalla):
    html = register(client, _data(vivalla)).content.decode()
    assert "Vivalla Schackklubb" not in html and NUMBER not in html
    assert 'name="not_duplicate"' in html
    _join_url(html)


def test_the_join_page_by_slug_is_404_like_the_page(client, registrant, pending):
    url = reverse("organisations:join_request", args=[pending.slug])
    assert client.get(reverse("organisations:detail", args=[pending.slug])).status_code == 404
    assert client.get(url).status_code == 404
    assert client.post(url, {"message": "Hej"}).status_code == 404
    assert not JoinRequest.objects.exists()


def test_asking_to_join_the_hidden_match(
    client, registrant, pending, vivalla, django_capture_on_commit_callbacks
):
    join_url = _join_url(register(client, _data(vivalla)).content.decode())
    page = client.get(join_url)
    assert page.status_code == 200
    assert "Vivalla Schackklubb" not in page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(join_url, {"message": "Jag är kassör."}, follow=True)
    html = response.content.decode()
    assert "Din förfrågan är skickad. Du får ett mejl när föreningen har svarat." in html
    assert "Föreningen som stämde med din registrering" in html  # on "My associations"
    assert "Vivalla Schackklubb" not in html
    request = JoinRequest.objects.get()
    assert (request.organisation, request.user) == (pending, registrant)
    admin = pending.memberships.get().user
    assert [m.to for m in mail.outbox] == [[admin.email]]

    # Declined, the asker hears so without learning the association's name.
    mail.outbox = []
    with django_capture_on_commit_callbacks(execute=True):
        join_request_decide(join_request=request, by=admin, accept=False)
    assert "Vivalla" not in mail.outbox[0].subject + mail.outbox[0].body


def test_an_accepted_asker_is_told_the_name(
    client, registrant, pending, django_capture_on_commit_callbacks
):
    request = JoinRequest.objects.create(organisation=pending, user=registrant)
    with django_capture_on_commit_callbacks(execute=True):
        join_request_decide(join_request=request, by=pending.memberships.get().user, accept=True)
    assert "Vivalla Schackklubb" in mail.outbox[0].body


def test_the_link_is_for_the_registrant_only(client, registrant, pending, vivalla):
    join_url = _join_url(register(client, _data(vivalla)).content.decode())
    client.force_login(UserFactory())
    assert client.get(join_url).status_code == 404
    assert client.post(join_url, {"message": "Hej"}).status_code == 404
    forged = reverse("organisations:join_request_match", args=["bm90LXNpZ25lZA"])
    assert client.get(forged).status_code == 404
    assert not JoinRequest.objects.exists()


def test_a_public_match_is_still_named(client, registrant, vivalla):
    public = OrganisationFactory(name="Vivalla Schackklubb", districts=[vivalla])
    html = register(client, _data(vivalla)).content.decode()
    assert "Vivalla Schackklubb" in html
    assert reverse("organisations:join_request", args=[public.slug]) in html
    assert "visas inte i föreningsregistret" not in html


def test_an_archived_match_offers_no_link(client, registrant, vivalla):
    OrganisationFactory(
        name="Vivalla Schackklubb",
        districts=[vivalla],
        status=Organisation.Status.ARCHIVED,
        status_reason="Nedlagd",
    )
    html = register(client, _data(vivalla)).content.decode()
    assert "Vivalla Schackklubb" not in html and "Arkiverad" not in html
    assert "Kontakta kommunen om den är din." in html
    assert "/registrera/ga-med/" not in html
