import pytest
from django.urls import reverse

from organisations.models import JoinRequest, Membership, Organisation
from organisations.services import RegisterError, find_duplicates, join_request_create
from tests.organisations.factories import (
    CategoryFactory,
    DistrictFactory,
    MembershipFactory,
    OrganisationFactory,
    UserFactory,
)
from tests.organisations.steps import register

pytestmark = pytest.mark.django_db


@pytest.fixture
def vivalla():
    return DistrictFactory(name="Vivalla", slug="vivalla")


@pytest.fixture
def existing(vivalla):
    return OrganisationFactory(
        name="Vivalla Schackklubb", organisation_number="802456-7896", districts=[vivalla]
    )


def test_same_number(existing):
    found = find_duplicates(name="Helt annat", organisation_number="8024567896", district_ids=[])
    assert list(found) == [existing]


def test_similar_name_same_district(existing, vivalla):
    found = find_duplicates(
        name="Vivalla schackklubb!", organisation_number=None, district_ids=[vivalla.pk]
    )
    assert list(found) == [existing]
    found = find_duplicates(
        name="Föreningen Vivalla Schackklubb", organisation_number="", district_ids=[vivalla.pk]
    )
    assert list(found) == [existing]


def test_very_similar_name_is_found_whatever_the_districts(existing):
    """A second registration often leaves the districts out or picks others."""
    other = DistrictFactory(name="Brickebacken", slug="brickebacken")
    for districts in ([other.pk], []):
        for name in (
            "Vivalla Schackklubb",
            "Föreningen Vivalla schackklubb!",
            "Vivalla Schakklubb",
        ):
            found = find_duplicates(name=name, organisation_number=None, district_ids=districts)
            assert list(found) == [existing], (name, districts)


def test_only_a_very_similar_name_counts_outside_the_districts(existing, vivalla):
    """The hint stays quiet for names that share a common word or a place."""
    other = DistrictFactory(name="Brickebacken", slug="brickebacken")
    OrganisationFactory(name="Brickebacken Schackklubb", districts=[other])
    OrganisationFactory(name="Schackklubben Vivalla Ungdom", districts=[other])
    for name in ("Vivalla Fotbollsklubb", "Örebro Schackklubb", "Schackklubben i Vivalla"):
        found = find_duplicates(name=name, organisation_number=None, district_ids=[])
        assert not found.exists(), name
    # In the same district the looser trigram similarity still suggests one.
    name = "Schackklubben i Vivalla"
    found = find_duplicates(name=name, organisation_number=None, district_ids=[vivalla.pk])
    assert list(found) == [existing]


def test_different_name_same_district(existing, vivalla):
    found = find_duplicates(
        name="Vivalla Fotbollsklubb Damer", organisation_number=None, district_ids=[vivalla.pk]
    )
    assert not found.exists()


@pytest.fixture
def logged_in(client):
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


def test_form_shows_similar_and_offers_to_join(client, logged_in, existing, vivalla):
    response = register(client, _data(vivalla))
    assert response.status_code == 200
    assert Organisation.objects.count() == 1
    content = response.content.decode()
    assert reverse("organisations:join_request", args=[existing.slug]) in content
    assert 'name="not_duplicate"' in content


def test_ticking_not_the_same_registers(client, logged_in, existing, vivalla):
    response = register(client, _data(vivalla, not_duplicate="on"))
    assert response.status_code == 302
    assert Organisation.objects.count() == 2


def test_same_number_cannot_be_overridden(client, logged_in, existing, vivalla):
    response = register(
        client,
        _data(
            vivalla,
            name="Annat namn",
            organisation_number="802456-7896",
            not_duplicate="on",
        ),
    )
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["organisation_number"]
    assert reverse("organisations:join_request", args=[existing.slug]) in response.content.decode()
    assert Organisation.objects.count() == 1


def test_join_request_flow(client, logged_in, existing, django_capture_on_commit_callbacks):
    from django.core import mail

    admin = MembershipFactory(organisation=existing).user
    url = reverse("organisations:join_request", args=[existing.slug])
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url, {"message": "Jag är kassör."}).status_code == 302
    request = JoinRequest.objects.get()
    assert request.status == JoinRequest.Status.OPEN
    assert [m.to for m in mail.outbox] == [[admin.email]]
    # asking twice is refused with a message
    response = client.post(url, {"message": "igen"})
    assert response.status_code == 200
    assert JoinRequest.objects.count() == 1
    with pytest.raises(RegisterError):
        join_request_create(organisation=existing, user=logged_in)

    # the admin accepts
    client.force_login(admin)
    decide = reverse("organisations:join_request_decide", args=[existing.slug, request.pk])
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(decide, {"decision": "accept"}).status_code == 302
    request.refresh_from_db()
    assert request.status == JoinRequest.Status.ACCEPTED
    assert Membership.objects.get(organisation=existing, user=logged_in).role == "editor"
    assert mail.outbox[-1].to == [logged_in.email]


def test_join_request_decline_and_only_admins_decide(client, existing):
    requester, editor = UserFactory(), UserFactory()
    MembershipFactory(organisation=existing, user=editor, role="editor")
    request = JoinRequest.objects.create(organisation=existing, user=requester)
    decide = reverse("organisations:join_request_decide", args=[existing.slug, request.pk])
    client.force_login(editor)
    assert client.post(decide, {"decision": "accept"}).status_code == 403
    admin = MembershipFactory(organisation=existing).user
    client.force_login(admin)
    client.post(decide, {"decision": "decline"})
    request.refresh_from_db()
    assert request.status == JoinRequest.Status.DECLINED
    assert not Membership.objects.filter(user=requester).exists()


def test_coordinator_accepts_a_request_to_an_organisation_without_admins(existing):
    from organisations.services import join_request_decide
    from tests.organisations.factories import make_municipal_coordinator

    existing.needs_administrator = True
    existing.save()
    requester = UserFactory()
    request = JoinRequest.objects.create(organisation=existing, user=requester)
    join_request_decide(join_request=request, by=make_municipal_coordinator(), accept=True)
    assert Membership.objects.get(organisation=existing, user=requester).role == "admin"
    existing.refresh_from_db()
    assert not existing.needs_administrator


def test_registering_again_without_a_district_shows_the_first(client, logged_in, vivalla):
    """A fresh form (a new token) for the same association, districts left out."""
    assert register(client, _data(vivalla)).status_code == 302
    data = _data(vivalla, name="Vivalla Schackklubb")
    del data["districts"]
    response = register(client, data)
    assert response.status_code == 200
    assert [o.name for o in response.context["form"].duplicates] == ["Vivalla schackklubb"]
    assert Organisation.objects.count() == 1
