"""Object views answer as if an object the user may not see did not exist: a
logged-in user gets 404 for a pending or private association's pages, as for a slug
that was never used, and for any activity they may not change (ids can be counted),
as for an id that was never used. Visitors are sent to log in first, whatever the
object; an association the user can see but not change is still a 403."""

import pytest
from django.urls import reverse

from organisations.models import JoinRequest, Membership
from tests.organisations.factories import (
    ActivityFactory,
    MembershipFactory,
    UserFactory,
    organisation_in_state,
)

pytestmark = pytest.mark.django_db

ORGANISATION_VIEWS = [
    ("edit", "get"),
    ("confirm", "get"),
    ("members", "get"),
    ("activity_create", "get"),
    ("activities", "get"),
    ("leave", "post"),
    ("member_role", "post"),
    ("member_remove", "post"),
    ("join_request_decide", "post"),
]


def _organisation_url(name, slug, org=None) -> str:
    if name in ("member_role", "member_remove"):
        pk = Membership.objects.filter(organisation=org).values_list("pk", flat=True).first()
        return reverse(f"organisations:{name}", args=[slug, pk or 1])
    if name == "join_request_decide":
        pk = JoinRequest.objects.filter(organisation=org).values_list("pk", flat=True).first()
        return reverse(f"organisations:{name}", args=[slug, pk or 1])
    return reverse(f"organisations:{name}", args=[slug])


@pytest.fixture
def hidden():
    """A pending association with an administrator and an open join request."""
    org = organisation_in_state("pending")
    MembershipFactory(organisation=org, role=Membership.Role.ADMIN)
    JoinRequest.objects.create(organisation=org, user=UserFactory())
    return org


@pytest.mark.parametrize("state", ["pending", "private"])
@pytest.mark.parametrize(("name", "method"), ORGANISATION_VIEWS)
def test_a_hidden_association_is_404_like_one_that_does_not_exist(client, state, name, method):
    org = organisation_in_state(state)
    MembershipFactory(organisation=org, role=Membership.Role.ADMIN)
    JoinRequest.objects.create(organisation=org, user=UserFactory())
    client.force_login(MembershipFactory().user)  # represents another association
    send = getattr(client, method)
    assert send(_organisation_url(name, org.slug, org)).status_code == 404
    assert send(_organisation_url(name, "finns-inte")).status_code == 404


@pytest.mark.parametrize(("name", "method"), ORGANISATION_VIEWS)
def test_visitors_are_asked_to_log_in_whatever_the_association(client, hidden, name, method):
    response = getattr(client, method)(_organisation_url(name, hidden.slug, hidden))
    if name == "leave":  # LoginRequiredMixin
        assert response.status_code == 302
    else:
        assert response.status_code == 302 and reverse("account_login") in response["Location"]


def test_a_visible_association_the_user_may_not_change_is_403(client):
    org = organisation_in_state("active")
    client.force_login(MembershipFactory().user)
    assert client.get(reverse("organisations:edit", args=[org.slug])).status_code == 403


@pytest.mark.parametrize("state", ["active", "pending"])
@pytest.mark.parametrize("name", ["activity_edit", "activity_cancel"])
@pytest.mark.parametrize("method", ["get", "post"])
def test_an_activity_the_user_may_not_change_is_404_like_one_that_does_not_exist(
    client, state, name, method
):
    activity = ActivityFactory(organisation=organisation_in_state(state))
    send = getattr(client, method)
    url, missing = (reverse(f"organisations:{name}", args=[pk]) for pk in (activity.pk, 999999))
    response = send(url)
    assert response.status_code == 302 and reverse("account_login") in response["Location"]
    client.force_login(MembershipFactory().user)  # represents another association
    assert send(url).status_code == 404
    assert send(missing).status_code == 404
    activity.refresh_from_db()
    assert not activity.is_cancelled
    client.force_login(MembershipFactory(organisation=activity.organisation, role="editor").user)
    assert client.get(url).status_code == 200
