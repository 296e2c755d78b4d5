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

pytestmark = pytest.mark.django_db
URL = reverse("organisations:register")


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


def test_similar_name_other_district_is_not_a_duplicate(existing):
    other = DistrictFactory(name="Brickebacken", slug="brickebacken")
    found = find_duplicates(
        name="Vivalla Schackklubb", organisation_number=None, district_ids=[other.pk]
    )
    assert not found.exists()


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
    response = client.post(URL, _data(vivalla))
    assert response.status_code == 200
    assert Organisation.objects.count() == 1
    content = response.content.decode()
    assert reverse("organisations:join_request", args=[existing.slug]) in content
    assert 'name="not_duplicate"' in content


def test_ticking_not_the_same_registers(client, logged_in, existing, vivalla):
    response = client.post(URL, _data(vivalla, not_duplicate="on"))
    assert response.status_code == 302
    assert Organisation.objects.count() == 2


def test_same_number_cannot_be_overridden(client, logged_in, existing, vivalla):
    response = client.post(
        URL,
        _data(vivalla, name="Annat namn", organisation_number="802456-7896", not_duplicate="on"),
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
