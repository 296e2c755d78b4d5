"""An invitation from being sent to being answered: inviting an address again sends
the same invitation again (renewed, counted against the limits), an invitation can
be withdrawn (its link then says so and its address is erased), and one that was
accepted, or whose person joined otherwise, leaves the list of those not answered."""

from datetime import timedelta

import pytest
import time_machine
from allauth.account.models import EmailAddress
from django.core import mail
from django.db import IntegrityError
from django.urls import reverse
from django.utils import timezone

from organisations import services
from organisations.models import Invitation, JoinRequest, Membership
from organisations.services import RegisterError
from portal import audit_display, personal_data
from portal.models import AuditEntry
from tests.concurrency import first_holds_then
from tests.organisations.factories import MembershipFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def org():
    return OrganisationFactory()


@pytest.fixture
def admin(org):
    return MembershipFactory(organisation=org, role="admin").user


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


def invite(org, admin, email="ny@example.se", role="editor"):
    return services.membership_invite(organisation=org, by=admin, email=email, role=role)


def members_page(client, org) -> str:
    return client.get(reverse("organisations:members", args=[org.slug])).content.decode()


# --- sending again -------------------------------------------------------------------


def test_inviting_an_address_again_sends_the_same_invitation_again(org, admin, committed):
    start = timezone.now()
    with time_machine.travel(start, tick=False), committed():
        first = invite(org, admin, "Ny@Example.se")
    with time_machine.travel(start + timedelta(days=10), tick=False), committed():
        again = invite(org, admin, "ny@example.se", role="admin")

    assert again.pk == first.pk and Invitation.objects.count() == 1
    again.refresh_from_db()
    assert again.role == "admin"  # the role asked for now
    assert again.expires_at == start + timedelta(days=24)  # 14 days from sending again
    assert again.resent_at == start + timedelta(days=10)
    link = reverse("organisations:invitation_accept", args=[first.token])
    assert [m.to for m in mail.outbox] == [["ny@example.se"], ["ny@example.se"]]
    assert all(link in m.body for m in mail.outbox)  # the link of the first mail still works
    actions = list(AuditEntry.objects.order_by("pk").values_list("action", flat=True))
    assert actions == ["organisation.member_invited", "organisation.invitation_resent"]


def test_the_view_says_it_was_sent_again_and_lists_it_once(client, org, admin, committed):
    client.force_login(admin)
    url = reverse("organisations:members", args=[org.slug])
    with committed():
        client.post(url, {"email": "ny@example.se", "role": "editor"})
        response = client.post(url, {"email": "NY@example.se", "role": "editor"}, follow=True)
    page = response.content.decode()
    assert "ny@example.se hade redan bjudits in. Inbjudan har skickats igen" in page
    assert page.count('<p class="rep-item__name">ny@example.se</p>') == 1
    assert len(mail.outbox) == 2


def test_an_expired_invitation_is_renewed_not_duplicated(client, org, admin, committed):
    with committed():
        invitation = invite(org, admin)
    with time_machine.travel(timezone.now() + timedelta(days=20)):
        client.force_login(admin)
        assert "gick ut" in members_page(client, org)  # listed, so it can be sent again
        resend = reverse("organisations:invitation_resend", args=[org.slug, invitation.pk])
        with committed():
            response = client.post(resend, follow=True)
        assert "Inbjudan har skickats igen" in response.content.decode()
        invitation.refresh_from_db()
        assert invitation.is_open
    assert Invitation.objects.count() == 1 and len(mail.outbox) == 2


def test_sending_again_counts_against_the_limit(org, admin):
    with time_machine.travel(timezone.now().replace(hour=12), tick=False):
        invitation = invite(org, admin)
        sent = 1
        with pytest.raises(RegisterError, match="många inbjudningar"):
            for _ in range(20):
                services.invitation_resend(invitation=invitation, by=admin)
                sent += 1
    assert sent == 10  # PORTAL_RATE_LIMITS: 10 an hour per account


def test_one_unanswered_invitation_per_address_is_held_by_the_database(org, admin):
    invite(org, admin, "ny@example.se")
    with pytest.raises(IntegrityError):
        Invitation.objects.create(organisation=org, email="NY@example.se")


@pytest.mark.django_db(transaction=True)
def test_two_admins_inviting_the_same_address_at_once_make_one_invitation():
    org = OrganisationFactory()
    a, b = (MembershipFactory(organisation=org, role="admin").user for _ in range(2))
    first, second = first_holds_then(lambda: invite(org, a), lambda: invite(org, b))
    assert first.pk == second.pk
    assert Invitation.objects.count() == 1


# --- withdrawing ----------------------------------------------------------------------


def test_withdrawing_asks_first_then_erases_the_address_and_stops_the_link(
    client, org, admin, committed
):
    with committed():
        invitation = invite(org, admin)
    client.force_login(admin)
    url = reverse("organisations:invitation_withdraw", args=[org.slug, invitation.pk])
    assert f'href="{url}"' in members_page(client, org)  # a link to a page, not a button

    page = client.get(url).content.decode()
    assert "Återkalla inbjudan till ny@example.se?" in page
    assert "Länken i inbjudan slutar att fungera" in page
    assert '<form method="post"' in page and "Ja, återkalla inbjudan" in page
    invitation.refresh_from_db()
    assert invitation.withdrawn_at is None  # asking changed nothing

    response = client.post(url, follow=True)
    assert "Inbjudan till ny@example.se har återkallats." in response.content.decode()
    invitation.refresh_from_db()
    assert invitation.withdrawn_at is not None and invitation.email == ""
    assert "ny@example.se" not in members_page(client, org)
    entry = AuditEntry.objects.get(action="organisation.invitation_withdrawn")
    assert entry.data == {"invitation": invitation.pk, "role": "editor"}
    assert str(audit_display.action_label(entry.action)) == "Inbjudan återkallad"
    assert not AuditEntry.objects.filter(data__icontains="ny@example.se").exists()

    # The person who got the mail opens the link.
    invitee = UserFactory(email="ny@example.se")
    client.force_login(invitee)
    accept = reverse("organisations:invitation_accept", args=[invitation.token])
    assert "Föreningen har återkallat den här inbjudan" in client.get(accept).content.decode()
    client.post(accept)
    assert not Membership.objects.filter(user=invitee).exists()
    with pytest.raises(RegisterError, match="återkallat"):
        services.invitation_accept(token=invitation.token, user=invitee)


def test_inviting_again_after_withdrawing_makes_a_new_invitation(org, admin):
    old = invite(org, admin)
    services.invitation_withdraw(invitation=old, by=admin)
    new = invite(org, admin)
    assert new.pk != old.pk and new.token != old.token


def test_an_accepted_invitation_cannot_be_withdrawn(client, org, admin):
    invitation = invite(org, admin)
    services.invitation_accept(token=invitation.token, user=UserFactory(email="ny@example.se"))
    with pytest.raises(RegisterError, match="redan tackat ja"):
        services.invitation_withdraw(invitation=invitation, by=admin)
    client.force_login(admin)
    url = reverse("organisations:invitation_withdraw", args=[org.slug, invitation.pk])
    assert client.get(url).status_code == 302  # nothing left to confirm
    assert "redan tackat ja" in client.post(url, follow=True).content.decode()


def test_an_admin_demoted_while_withdrawing_is_refused(org, admin):
    invitation = invite(org, admin)
    Membership.objects.filter(user=admin).update(role="editor")
    with pytest.raises(RegisterError):
        services.invitation_withdraw(invitation=invitation, by=admin)
    invitation.refresh_from_db()
    assert invitation.withdrawn_at is None


def test_a_forwarded_withdraw_link_does_nothing_for_anyone_else(client, org, admin):
    """The confirmation page's address, forwarded: only those who manage the
    association's representatives may open or post it."""
    invitation = invite(org, admin)
    url = reverse("organisations:invitation_withdraw", args=[org.slug, invitation.pk])
    resend = reverse("organisations:invitation_resend", args=[org.slug, invitation.pk])
    response = client.get(url)
    assert response.status_code == 302 and reverse("account_login") in response["Location"]
    assert client.post(url).status_code == 302
    editor = MembershipFactory(organisation=org, role="editor").user
    other_admin = MembershipFactory(role="admin")  # administers another association
    for someone in (editor, other_admin.user, UserFactory(email="ny@example.se")):
        client.force_login(someone)
        assert client.get(url).status_code == 403
        assert client.post(url).status_code == 403
        assert client.post(resend).status_code == 403
    # Through the other association's own pages, this invitation is not found.
    client.force_login(other_admin.user)
    elsewhere = reverse(
        "organisations:invitation_withdraw", args=[other_admin.organisation.slug, invitation.pk]
    )
    assert client.get(elsewhere).status_code == 404
    assert client.post(elsewhere).status_code == 404
    invitation.refresh_from_db()
    assert invitation.withdrawn_at is None and invitation.email == "ny@example.se"
    assert invitation.resent_at is None


def test_a_withdrawn_invitation_keeps_no_address_in_the_export(org, admin):
    invitation = invite(org, admin)
    services.invitation_withdraw(invitation=invitation, by=admin)
    invitee = UserFactory(email="ny@example.se")
    data = personal_data.export_user_data(admin)["data"]["organisations.invitations"]
    assert data["sent"][0]["email"] == "" and data["sent"][0]["withdrawn_at"]
    received = personal_data.export_user_data(invitee)["data"]["organisations.invitations"]
    assert received["received"] == []


# --- answered invitations leave the list ---------------------------------------------


def test_an_accepted_invitation_leaves_the_list(client, org, admin):
    invitation = invite(org, admin)
    client.force_login(admin)
    assert "ny@example.se" in members_page(client, org)
    invitee = UserFactory(email="ny@example.se", first_name="Nadia", last_name="Ny")
    services.invitation_accept(token=invitation.token, user=invitee)
    page = members_page(client, org)
    assert "Inbjudningar som inte har besvarats" not in page
    assert "Nadia Ny" in page  # now among the representatives


def test_joining_otherwise_answers_the_invitations_to_ones_addresses(client, org, admin):
    """Invited at two addresses, or invited and asking to join: once the person
    represents the association, nothing of it is left waiting."""
    person = UserFactory(email="hem@example.se")
    EmailAddress.objects.create(user=person, email="jobb@example.se", verified=True)
    at_home, at_work = invite(org, admin, "hem@example.se"), invite(org, admin, "jobb@example.se")
    other = MembershipFactory(role="admin")
    elsewhere = invite(other.organisation, other.user, "jobb@example.se")
    services.invitation_accept(token=at_home.token, user=person)
    at_work.refresh_from_db()
    assert at_work.accepted_at is not None and at_work.email == ""
    assert not Invitation.objects.unanswered().filter(organisation=org).exists()
    elsewhere.refresh_from_db()
    assert elsewhere.is_open  # another association's invitation is the person's to answer

    asker = UserFactory(email="fraga@example.se")
    invitation = invite(org, admin, "fraga@example.se")
    request = JoinRequest.objects.create(organisation=org, user=asker)
    services.join_request_decide(join_request=request, by=admin, accept=True)
    invitation.refresh_from_db()
    assert invitation.accepted_at is not None and invitation.email == ""
    client.force_login(admin)
    assert "fraga@example.se" not in members_page(client, org).split("members-title")[0]
