"""The ways in to registering an association and to "My associations": from the home
page, the directory, an association's page and the account page; and a visitor sent
to log in comes back to the form after making an account and confirming its address
with allauth's own mail, in the same browser or another."""

import re

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from organisations.models import JoinRequest, Organisation
from tests.organisations.factories import (
    MembershipFactory,
    OrganisationFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

REGISTER = reverse("organisations:register")
MINE = reverse("organisations:mine")
PASSWORD = "a-long-passphrase-123"


def _html(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def test_the_home_page_s_promise_is_a_link(client):
    html = _html(client, reverse("home"))
    assert f'href="{REGISTER}">registrera din egen förening</a>' in html


def test_the_directory_links_to_registering_and_to_my_associations(client):
    html = _html(client, reverse("organisations:directory"))
    assert f'<a href="{REGISTER}">Registrera din förening</a>' in html
    assert f'href="{MINE}">Mina föreningar</a> ·' not in html  # only for those logged in
    client.force_login(UserFactory())
    html = _html(client, reverse("organisations:directory"))
    assert f'· <a href="{MINE}">Mina föreningar</a>' in html


def test_an_association_s_page_asks_whether_it_is_yours(client):
    organisation = OrganisationFactory()
    join = reverse("organisations:join_request", args=[organisation.slug])
    for user in (None, UserFactory()):
        if user:
            client.force_login(user)
        html = _html(client, organisation.get_absolute_url())
        assert "Är det här din förening?" in html
        assert f'href="{join}"' in html and f'href="{REGISTER}"' in html
    JoinRequest.objects.create(organisation=organisation, user=user)
    html = _html(client, organisation.get_absolute_url())
    assert "Du har bett att få gå med i den." in html and f'href="{join}"' not in html
    client.force_login(MembershipFactory(organisation=organisation).user)
    assert "Är det här din förening?" not in _html(client, organisation.get_absolute_url())


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    return len(queries)


def test_the_account_page_lists_one_s_associations(client):
    user = UserFactory()
    pending = OrganisationFactory(name="Väntande förening", status=Organisation.Status.PENDING)
    active = OrganisationFactory(name="Aktiv förening")
    for organisation in (pending, active):
        MembershipFactory(organisation=organisation, user=user)
    client.force_login(user)
    html = _html(client, reverse("account_profile"))
    section = re.search(r'aria-labelledby="account-associations".*?</section>', html, re.S).group(0)
    assert f'<a href="{active.get_absolute_url()}">Aktiv förening</a>' in section
    assert "Väntande förening</a> – Administratör" in section
    assert '<span class="badge badge--warning">Väntar på godkännande</span>' in section
    assert f'href="{REGISTER}"' in section and f'href="{MINE}"' in section
    # The same queries for a dozen more, of which it lists ten and counts the rest.
    few = _queries(client, reverse("account_profile"))
    for _ in range(12):
        MembershipFactory(user=user)
    assert _queries(client, reverse("account_profile")) == few + 1
    assert "och 4 till" in _html(client, reverse("account_profile"))


def test_the_account_page_without_associations_offers_to_register_or_find_one(client):
    client.force_login(UserFactory())
    html = _html(client, reverse("account_profile"))
    assert "Du företräder ingen förening än." in html
    assert f'href="{REGISTER}"' in html
    assert f'href="{reverse("organisations:directory")}">Hitta din förening' in html


# --- from "register" to the form, through an account made on the way --------------


def _sign_up(client, email, django_capture_on_commit_callbacks) -> str:
    """Follow "register" to the login page and its link to make an account; sign up
    there; return the confirmation link of allauth's mail (its path)."""
    response = client.get(REGISTER)
    login = response["Location"]
    assert login == f"{reverse('account_login')}?next={REGISTER}"
    signup = re.search(r'<main.*?href="(/accounts/signup/[^"]+)"', _html(client, login), re.S)
    signup = signup.group(1).replace("&amp;", "&")
    assert signup == f"{reverse('account_signup')}?next=%2Fforeningar%2Fregistrera%2F"
    html = _html(client, signup)
    assert f'name="next" value="{REGISTER}"' in html
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            signup, {"email": email, "password1": PASSWORD, "password2": PASSWORD, "next": REGISTER}
        )
    assert response["Location"] == reverse("account_email_verification_sent")
    (message,) = [m for m in mail.outbox if m.to == [email]]
    link = re.search(r"https?://\S+/accounts/confirm-email/\S+", message.body).group(0)
    return "/" + link.split("/", 3)[3]


def test_signing_up_on_the_way_leads_back_to_the_form(client, django_capture_on_commit_callbacks):
    confirm = _sign_up(client, "ny@example.se", django_capture_on_commit_callbacks)
    html = _html(client, confirm)
    assert f'name="next" value="{REGISTER}"' in html
    response = client.post(confirm, {"next": REGISTER}, follow=True)
    assert response.redirect_chain[-1] == (REGISTER, 302)
    assert response.status_code == 200
    assert response.context["user"].email == "ny@example.se"
    assert "Steg 1 av 5: Om föreningen" in response.content.decode()


def test_the_link_opened_in_another_browser_also_leads_to_the_form(
    client, django_capture_on_commit_callbacks
):
    from django.test import Client

    confirm = _sign_up(client, "ny@example.se", django_capture_on_commit_callbacks)
    phone = Client()  # the mail read on a phone: no pending login there
    html = _html(phone, confirm)
    assert f'name="next" value="{REGISTER}"' in html
    response = phone.post(confirm, {"next": REGISTER}, follow=True)
    assert response.redirect_chain[0] == (REGISTER, 302)
    login = response.redirect_chain[-1][0]
    assert login == f"{reverse('account_login')}?next={REGISTER}"
    response = phone.post(
        login, {"login": "ny@example.se", "password": PASSWORD, "next": REGISTER}, follow=True
    )
    assert response.redirect_chain[-1] == (REGISTER, 302)
    assert "Steg 1 av 5: Om föreningen" in response.content.decode()
