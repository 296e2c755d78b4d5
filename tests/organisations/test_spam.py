"""The portal is not a spam relay: invitations and requests to join, which mail
people the sender does not control, are limited per account, per association and
per day; a pending association cannot invite; and the sender's words reach the
recipient quoted, under a fixed sentence saying who wrote them."""

from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from organisations import services
from organisations.models import Invitation, JoinRequest, Organisation
from organisations.services import RegisterError
from tests.organisations.factories import MembershipFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db

SPAM_NAME = "Vinn 10 000 kr! Gå till http://evil.example/pris"


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


def invite(org, by, n):
    return services.membership_invite(organisation=org, by=by, email=f"stranger{n}@example.com")


# --- a pending association ------------------------------------------------------


def test_a_pending_association_cannot_invite(client, committed):
    org = OrganisationFactory(status=Organisation.Status.PENDING, approved_at=None)
    admin = MembershipFactory(organisation=org, role="admin").user
    with committed(), pytest.raises(RegisterError, match="godkänt"):
        invite(org, admin, 1)
    client.force_login(admin)
    url = reverse("organisations:members", args=[org.slug])
    page = client.get(url).content.decode()
    assert "när en samordnare har godkänt den" in page
    assert "Skicka inbjudan" not in page
    with committed():
        response = client.post(url, {"email": "stranger@example.com", "role": "editor"})
    assert response.status_code == 200
    assert not Invitation.objects.exists() and mail.outbox == []


# --- rate limits (the settings' own values) ----------------------------------------


def test_invitations_per_account_per_hour(committed):
    """The probe sent 30 in 2.4 s; ten an hour get through."""
    org = OrganisationFactory()
    admin = MembershipFactory(organisation=org, role="admin").user
    with committed():
        for n in range(10):
            invite(org, admin, n)
        with pytest.raises(RegisterError, match="Du kan skicka fler om"):
            invite(org, admin, 10)
    assert Invitation.objects.count() == 10
    assert len(mail.outbox) == 10


def test_invitations_per_account_across_associations_per_day():
    admin = UserFactory()
    orgs = [MembershipFactory(user=admin, role="admin").organisation for _ in range(3)]
    start = timezone.now().replace(hour=0, minute=5) + timedelta(days=1)
    sent = 0
    for hour in range(3):
        with time_machine.travel(start + timedelta(hours=hour), tick=False):
            for n in range(10):
                try:
                    invite(orgs[hour], admin, f"{hour}-{n}")
                    sent += 1
                except RegisterError:
                    pass
    assert sent == 25  # 10 an hour, 25 a day
    with time_machine.travel(start + timedelta(days=1), tick=False):
        invite(orgs[0], admin, "next-day")


def test_invitations_per_association_per_day():
    org = OrganisationFactory()
    admins = [MembershipFactory(organisation=org, role="admin").user for _ in range(3)]
    sent = 0
    with time_machine.travel(timezone.now().replace(hour=12), tick=False):
        for admin in admins:
            for n in range(10):
                try:
                    invite(org, admin, f"{admin.pk}-{n}")
                    sent += 1
                except RegisterError:
                    pass
    assert sent == 25


def test_the_view_shows_the_limit_as_a_message(client):
    org = OrganisationFactory()
    admin = MembershipFactory(organisation=org, role="admin").user
    client.force_login(admin)
    url = reverse("organisations:members", args=[org.slug])
    for n in range(10):
        assert client.post(url, {"email": f"s{n}@example.com", "role": "editor"}).status_code == 302
    response = client.post(url, {"email": "s10@example.com", "role": "editor"})
    assert response.status_code == 200
    assert "Det har skickats många inbjudningar på kort tid" in response.content.decode()


def test_join_requests_per_account():
    user = UserFactory()
    orgs = [OrganisationFactory() for _ in range(6)]
    for org in orgs[:5]:
        services.join_request_create(organisation=org, user=user, message="Hej")
    with pytest.raises(RegisterError, match="Du kan fråga igen om"):
        services.join_request_create(organisation=orgs[5], user=user, message="Hej")
    assert JoinRequest.objects.count() == 5


def test_join_requests_per_association(committed):
    org = OrganisationFactory()
    admin = MembershipFactory(organisation=org, role="admin").user
    with committed():
        for _ in range(10):
            services.join_request_create(organisation=org, user=UserFactory(), message="Hej")
        with pytest.raises(RegisterError):
            services.join_request_create(organisation=org, user=UserFactory(), message="Hej")
    assert JoinRequest.objects.count() == 10
    assert [m.to for m in mail.outbox] == [[admin.email]] * 10


def test_asking_twice_does_not_use_up_the_limit():
    user = UserFactory()
    org = OrganisationFactory()
    services.join_request_create(organisation=org, user=user)
    for _ in range(10):
        with pytest.raises(RegisterError, match="redan bett"):
            services.join_request_create(organisation=org, user=user)
    for _ in range(4):
        services.join_request_create(organisation=OrganisationFactory(), user=user)


# --- what the mails say -----------------------------------------------------------


def test_the_invitation_quotes_the_inviters_name_under_a_fixed_sentence(committed, settings):
    org = OrganisationFactory(name="Vivalla IK")
    admin = MembershipFactory(
        organisation=org, role="admin", user=UserFactory(first_name=SPAM_NAME, last_name="")
    ).user
    with committed():
        invite(org, admin, 1)
    message = mail.outbox[0]
    first_line = message.body.splitlines()[0]
    assert first_line.startswith("Det här är ett automatiskt meddelande från Samverkansportalen.")
    assert f"kommer inte från {settings.MUNICIPALITY_NAME}" in first_line
    assert SPAM_NAME not in first_line and SPAM_NAME not in message.subject
    assert f"Inbjuden av: ”{SPAM_NAME}” <{admin.email}>" in message.body
    assert "Förening: ”Vivalla IK”" in message.body
    assert message.subject == "Inbjudan att företräda ”Vivalla IK”"
    assert not message.alternatives  # plain text: nothing in it becomes a link


def test_names_in_mails_are_one_line_and_length_limited(committed):
    org = OrganisationFactory()
    long_name = "Kommunen informerar\n\nKlicka här " + "x" * 100
    admin = MembershipFactory(
        organisation=org, role="admin", user=UserFactory(first_name=long_name, last_name="")
    ).user
    with committed():
        invite(org, admin, 1)
    line = next(line for line in mail.outbox[0].body.splitlines() if "Inbjuden av" in line)
    assert "Kommunen informerar Klicka här" in line
    assert len(line) < 80 + len("Inbjuden av: ”” <>") + len(admin.email) + 2
    assert "…" in line


def test_a_join_request_quotes_every_line_of_the_message(committed, settings):
    municipality = settings.MUNICIPALITY_NAME
    org = OrganisationFactory(name="Vivalla IK")
    admin = MembershipFactory(organisation=org, role="admin").user
    asker = UserFactory(first_name=SPAM_NAME, last_name="")
    text = f"Hej!\n\n-- \n{municipality}\nLogga in här: http://evil.example/login"
    with committed():
        services.join_request_create(organisation=org, user=asker, message=text)
    message = mail.outbox[0]
    assert message.to == [admin.email]
    body = message.body
    assert body.splitlines()[0].startswith("Det här är ett automatiskt meddelande")
    assert f"Förfrågan kommer inte från {municipality}" in body
    assert f"Förfrågan från: ”{SPAM_NAME}” <{asker.email}>" in body
    assert f"> Hej!\n>\n> --\n> {municipality}\n> Logga in här: http://evil.example/login" in body
    assert not any(line.startswith(municipality) for line in body.splitlines())
    assert SPAM_NAME not in message.subject
    assert not message.alternatives


def test_a_join_request_message_is_length_limited():
    with pytest.raises(RegisterError, match="högst 2000 tecken"):
        services.join_request_create(
            organisation=OrganisationFactory(), user=UserFactory(), message="x" * 2001
        )
    assert not JoinRequest.objects.exists()
