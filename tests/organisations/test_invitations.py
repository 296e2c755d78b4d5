from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from organisations import services
from organisations.models import Invitation, Membership
from organisations.services import RegisterError
from tests.organisations.factories import MembershipFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def org():
    return OrganisationFactory()


@pytest.fixture
def admin(org):
    return MembershipFactory(organisation=org, role="admin").user


@pytest.fixture
def invitation(org, admin, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return services.membership_invite(
            organisation=org, by=admin, email="Ny@Example.se", role="editor"
        )


def test_invite_sends_link(invitation):
    assert invitation.email == "ny@example.se"
    assert mail.outbox[0].to == ["ny@example.se"]
    assert (
        reverse("organisations:invitation_accept", args=[invitation.token]) in mail.outbox[0].body
    )


def test_accept(client, org, invitation):
    user = UserFactory(email="ny@example.se")
    client.force_login(user)
    url = reverse("organisations:invitation_accept", args=[invitation.token])
    page = client.get(url)
    assert page.status_code == 200 and org.name in page.content.decode()
    response = client.post(url)
    assert response.status_code == 302
    assert Membership.objects.get(organisation=org, user=user).role == "editor"
    invitation.refresh_from_db()
    assert invitation.accepted_at is not None


def test_any_account_may_accept_but_only_once(client, org, invitation):
    first, second = UserFactory(), UserFactory()
    url = reverse("organisations:invitation_accept", args=[invitation.token])
    client.force_login(first)
    client.post(url)
    assert Membership.objects.filter(organisation=org, user=first).exists()
    client.force_login(second)
    response = client.get(url)
    assert "redan använts" in response.content.decode()
    response = client.post(url)
    assert not Membership.objects.filter(organisation=org, user=second).exists()
    with pytest.raises(RegisterError):
        services.invitation_accept(token=invitation.token, user=second)


def test_expired(client, org, invitation):
    user = UserFactory()
    url = reverse("organisations:invitation_accept", args=[invitation.token])
    with time_machine.travel(timezone.now() + timedelta(days=15)):
        client.force_login(user)
        response = client.get(url)
        assert "gått ut" in response.content.decode()
        client.post(url)
    assert not Membership.objects.filter(user=user).exists()


def test_unknown_token(client):
    client.force_login(UserFactory())
    response = client.get(reverse("organisations:invitation_accept", args=["nope"]))
    assert response.status_code == 200
    assert "finns inte" in response.content.decode()


def test_anonymous_goes_to_login_and_back(client, invitation):
    url = reverse("organisations:invitation_accept", args=[invitation.token])
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert "next=" in response["Location"]


def test_accept_after_signup(client, org, invitation, settings):
    """A new person signs up (allauth), confirms the address, then accepts."""
    url = reverse("organisations:invitation_accept", args=[invitation.token])
    response = client.post(
        reverse("account_signup") + f"?next={url}",
        {
            "email": "ny@example.se",
            "password1": "a-long-passphrase-123",
            "password2": "a-long-passphrase-123",
            "next": url,
        },
    )
    assert response.status_code == 302
    from allauth.account.models import EmailAddress

    address = EmailAddress.objects.get(email="ny@example.se")
    address.verified = True
    address.save()
    client.force_login(address.user)
    client.post(url)
    assert Membership.objects.filter(organisation=org, user=address.user).exists()


def test_inviting_an_existing_member_is_refused(org, admin):
    with pytest.raises(RegisterError):
        services.membership_invite(organisation=org, by=admin, email=admin.email)


def test_admin_invitation_clears_needs_administrator(org, admin):
    org.needs_administrator = True
    org.save()
    invitation = services.membership_invite(
        organisation=org, by=admin, email="b@example.se", role="admin"
    )
    services.invitation_accept(token=invitation.token, user=UserFactory())
    org.refresh_from_db()
    assert not org.needs_administrator
    assert Invitation.objects.get(pk=invitation.pk).email == ""
