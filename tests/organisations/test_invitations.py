import re
from datetime import timedelta

import pytest
import time_machine
from django.conf import settings
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


def test_only_once(client, org, invitation):
    invitee = UserFactory(email="ny@example.se")
    url = reverse("organisations:invitation_accept", args=[invitation.token])
    client.force_login(invitee)
    client.post(url)
    assert Membership.objects.filter(organisation=org, user=invitee).exists()
    response = client.get(url)
    assert "redan använts" in response.content.decode()
    with pytest.raises(RegisterError):
        services.invitation_accept(token=invitation.token, user=invitee)


def test_a_forwarded_link_does_not_make_another_account_admin(
    client, org, admin, django_capture_on_commit_callbacks
):
    """The probe's case: an admin invitation to invitee@… accepted by someone else."""
    with django_capture_on_commit_callbacks(execute=True):
        invitation = services.membership_invite(
            organisation=org, by=admin, email="invitee@example.se", role="admin"
        )
    forwarded_to = UserFactory(email="someone.else@example.se")
    url = reverse("organisations:invitation_accept", args=[invitation.token])
    client.force_login(forwarded_to)

    page = client.get(url).content.decode()
    assert "skickades till invitee@example.se" in page
    assert 'name="add_address"' in page
    assert "Tacka ja till inbjudan" not in page

    response = client.post(url)
    assert response.status_code == 200
    assert "skickades till en annan e-postadress" in response.content.decode()
    assert not Membership.objects.filter(organisation=org, user=forwarded_to).exists()
    with pytest.raises(RegisterError):
        services.invitation_accept(token=invitation.token, user=forwarded_to)
    invitation.refresh_from_db()
    assert invitation.accepted_at is None


def test_an_unconfirmed_address_is_not_enough(client, org, invitation):
    from allauth.account.models import EmailAddress

    user = UserFactory(email="annan@example.se")
    EmailAddress.objects.create(user=user, email="ny@example.se", verified=False)
    client.force_login(user)
    url = reverse("organisations:invitation_accept", args=[invitation.token])
    page = client.get(url).content.decode()
    assert "inte bekräftat" in page and 'name="add_address"' not in page
    client.post(url)
    assert not Membership.objects.filter(organisation=org, user=user).exists()


def test_a_second_address_of_ones_own_is_added_confirmed_and_then_accepted(
    client, org, invitation, django_capture_on_commit_callbacks
):
    """allauth's add-address flow: the link to confirm goes to the invited address,
    and confirming it brings the person back to the invitation."""
    from allauth.account.models import EmailAddress

    user = UserFactory(email="jobbet@example.se")
    client.force_login(user)
    url = reverse("organisations:invitation_accept", args=[invitation.token])
    mail.outbox = []
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"add_address": "1"})
    assert response.status_code == 302 and response["Location"] == url
    assert EmailAddress.objects.get(user=user, email="ny@example.se").verified is False
    assert [m.to for m in mail.outbox] == [["ny@example.se"]]
    confirm = re.search(re.escape(settings.SITE_URL) + r"(/\S+)", mail.outbox[0].body).group(1)

    response = client.post(confirm)
    assert response.status_code == 302 and response["Location"] == url
    assert "Tacka ja till inbjudan" in client.get(url).content.decode()
    client.post(url)
    assert Membership.objects.get(organisation=org, user=user).role == "editor"


def test_expired(client, org, invitation):
    user = UserFactory(email="ny@example.se")
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
    services.invitation_accept(token=invitation.token, user=UserFactory(email="b@example.se"))
    org.refresh_from_db()
    assert not org.needs_administrator
    assert Invitation.objects.get(pk=invitation.pk).email == ""
