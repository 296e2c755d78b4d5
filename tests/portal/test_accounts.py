"""The account flow end to end through the test client: sign-up, verification,
log in and out, password reset, the account page, export and erasure."""

import datetime as dt
import json
import re

import pytest
import time_machine
from django.conf import settings
from django.core import mail
from django.utils import timezone

from tests.conftest import make_user

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-passphrase-123"
WRONG_LOGIN_SV = "Fel e-postadress eller lösenord."


def link_in(message) -> str:
    """The path of the mail's link, which is on SITE_URL (not the request's host)."""
    match = re.search(re.escape(settings.SITE_URL) + r"(/\S+)", message.body)
    assert match, message.body
    return match.group(1)


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """allauth's mail is enqueued after commit (portal.adapters): a request made in
    ``with committed():`` runs its on-commit callbacks, as a real request does."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def sign_up(client, email="ny@example.se", password="ett-langt-losenord-42"):
    return client.post(
        "/accounts/signup/", {"email": email, "password1": password, "password2": password}
    )


def test_sign_up_verify_and_get_logged_in(client, django_user_model, committed):
    with committed():
        response = sign_up(client)
    assert response.status_code == 302
    page = client.get(response["Location"])
    assert "Bekräfta din e-postadress" in page.content.decode()

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["ny@example.se"]
    assert message.subject.startswith("[Samverkansportalen]")
    assert "bekräfta" in message.subject.lower()

    # Not logged in before the address is confirmed.
    assert client.get("/konto/").status_code == 302

    confirm_url = link_in(message)
    page = client.get(confirm_url)
    assert page.status_code == 200
    assert "ny@example.se" in page.content.decode()
    response = client.post(confirm_url)
    assert response.status_code == 302

    account = client.get("/konto/")
    assert account.status_code == 200
    assert "ny@example.se" in account.content.decode()
    user = django_user_model.objects.get(email="ny@example.se")
    assert user.language == "sv"
    assert user.emailaddress_set.get().verified


def test_sign_up_in_english_with_the_language_cookie(client, django_user_model, committed):
    client.cookies["portal_language"] = "en"
    page = client.get("/accounts/signup/").content.decode()
    assert '<html lang="en">' in page
    assert "Create account" in page and "Sign Up" not in page
    with committed():
        sign_up(client, email="en@example.se")
    assert mail.outbox[0].subject == "[Samverkansportalen] Confirm your e-mail address"
    assert mail.outbox[0].body.startswith("Hello from Samverkansportalen!")
    assert django_user_model.objects.get(email="en@example.se").language == "en"


ALLAUTH_MAILS = {
    "sign-up": ("/accounts/signup/", {"email": "ny@example.se", "password1": PASSWORD,
                                      "password2": PASSWORD}),
    "sign-up, address taken": ("/accounts/signup/", {"email": "person@example.se",
                                                     "password1": PASSWORD, "password2": PASSWORD}),
    "password reset": ("/accounts/password/reset/", {"email": "person@example.se"}),
    "password reset, no account": ("/accounts/password/reset/", {"email": "ingen@example.se"}),
}  # fmt: skip


@pytest.mark.parametrize("form", ALLAUTH_MAILS)
def test_allauth_s_mail_links_to_site_url_and_greets_with_the_portal_s_name(
    client, user, committed, settings, form
):
    """The request comes to another host and port than SITE_URL (as `make run
    PORT=8301` did before it set SITE_URL): the mail's links follow SITE_URL, as the
    portal's own mails do, and it greets in the portal's name, not the host's."""
    settings.SITE_URL = "http://127.0.0.1:8301"
    url, data = ALLAUTH_MAILS[form]
    with committed():
        client.post(url, data, HTTP_HOST="localhost:8000")
    [message] = mail.outbox
    links = re.findall(r"https?://\S+", message.body)
    assert links and all(link.startswith("http://127.0.0.1:8301/") for link in links), links
    assert "localhost" not in message.body
    assert message.body.startswith("Hej från Samverkansportalen!")
    assert "e-post" in message.body + message.subject and "epost" not in message.body


def test_a_confirmation_mail_without_a_request_links_to_site_url(user, settings, committed):
    """Outside a request (a shell, a task) allauth would need the Sites framework."""
    from allauth.account.models import EmailAddress

    settings.SITE_URL = "https://samverkan.example.se"
    address = EmailAddress.objects.create(user=user, email="ny@example.se")
    with committed():
        address.send_confirmation(None)
    [message] = mail.outbox
    assert message.subject == "[Samverkansportalen] Bekräfta din e-postadress"
    assert "https://samverkan.example.se/accounts/confirm-email/" in message.body


def test_wrong_password_shows_a_swedish_error(client, user):
    response = client.post(
        "/accounts/login/", {"login": "person@example.se", "password": "fel-losenord"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert WRONG_LOGIN_SV in html
    assert 'role="alert"' in html  # the error summary
    assert "_auth_user_id" not in client.session


def test_unknown_email_gives_the_same_error(client):
    response = client.post(
        "/accounts/login/", {"login": "ingen@example.se", "password": "fel-losenord"}
    )
    assert response.status_code == 200
    assert WRONG_LOGIN_SV in response.content.decode()


def test_login_and_logout_with_post(client, user):
    response = client.post("/accounts/login/", {"login": "person@example.se", "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == "/konto/"
    assert client.get("/konto/").status_code == 200

    # GET only asks; it does not log out.
    assert client.get("/accounts/logout/").status_code == 200
    assert client.get("/konto/").status_code == 200

    response = client.post("/accounts/logout/")
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert client.get("/konto/").status_code == 302


def test_expired_verification_link_shows_a_clear_message(client, django_user_model, committed):
    with committed():
        sign_up(client)
    confirm_url = link_in(mail.outbox[0])
    with time_machine.travel(timezone.now() + dt.timedelta(days=4)):
        page = client.get(confirm_url)
        assert page.status_code == 200
        html = page.content.decode()
        assert "Bekräftelselänken har gått ut eller är inte giltig." in html
        response = client.post(confirm_url)
    assert not django_user_model.objects.get(email="ny@example.se").emailaddress_set.get().verified
    assert response.status_code in (200, 404)


def test_password_reset(client, user, committed):
    with committed():
        response = client.post("/accounts/password/reset/", {"email": "person@example.se"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert "lösenord" in mail.outbox[0].subject.lower()

    response = client.get(link_in(mail.outbox[0]))
    assert response.status_code == 302  # to the same page without the key in the URL
    set_password_url = response["Location"]
    new_password = "ett-nytt-langt-losenord-7"
    response = client.post(set_password_url, {"password1": new_password, "password2": new_password})
    assert response.status_code == 302
    done = client.get(response["Location"]).content.decode()
    assert "Ditt lösenord är nu ändrat." in done

    assert not client.login(email="person@example.se", password=PASSWORD)
    response = client.post(
        "/accounts/login/", {"login": "person@example.se", "password": new_password}
    )
    assert response.status_code == 302
    assert client.get("/konto/").status_code == 200


def test_account_pages_require_login(client):
    for url in ["/konto/", "/konto/mina-uppgifter.json", "/konto/radera/"]:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith("/accounts/login/?next="), url


def test_account_page_shows_and_edits_details(client, user):
    client.force_login(user)
    html = client.get("/konto/").content.decode()
    assert "person@example.se" in html
    assert "/accounts/email/" in html
    assert "/accounts/password/change/" in html
    assert "Ladda ner mina uppgifter" in html
    assert "Radera mitt konto" in html

    response = client.post("/konto/", {"first_name": "Anna", "last_name": "Berg", "language": "en"})
    assert response.status_code == 302
    user.refresh_from_db()
    assert (user.first_name, user.last_name, user.language) == ("Anna", "Berg", "en")
    assert "Dina uppgifter har sparats." in client.get("/konto/").content.decode()


def test_export_contains_only_the_requesters_data(client, user, django_user_model):
    make_user(django_user_model, "annan@example.se")
    client.force_login(user)
    response = client.get("/konto/mina-uppgifter.json")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert response["Content-Disposition"].startswith("attachment;")
    data = json.loads(response.content)
    assert data["data"]["account"]["email"] == "person@example.se"
    assert "annan@example.se" not in response.content.decode()


def test_export_is_get_only(client, user):
    client.force_login(user)
    assert client.post("/konto/mina-uppgifter.json").status_code == 405


def test_delete_with_wrong_password_keeps_the_account(client, user, django_user_model):
    client.force_login(user)
    response = client.post("/konto/radera/", {"password": "fel-losenord"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Lösenordet är inte rätt. Ditt konto har inte raderats." in html
    assert 'aria-invalid="true"' in html
    assert django_user_model.objects.filter(pk=user.pk).exists()


def test_delete_erases_the_user_and_logs_out(client, user, django_user_model):
    other = make_user(django_user_model, "annan@example.se")
    client.force_login(user)
    page = client.get("/konto/radera/")
    assert page.status_code == 200
    response = client.post("/konto/radera/", {"password": PASSWORD}, follow=True)
    assert response.redirect_chain[-1][0] == "/"
    assert "Ditt konto och dina personuppgifter har raderats." in response.content.decode()
    assert not django_user_model.objects.filter(email="person@example.se").exists()
    assert django_user_model.objects.filter(pk=other.pk).exists()
    assert client.get("/konto/").status_code == 302


def test_allauth_pages_use_the_portal_layout_in_swedish(client, user):
    pages = {
        "/accounts/login/": "Logga in",
        "/accounts/signup/": "Skapa konto",
        "/accounts/password/reset/": "Nytt lösenord",
        "/accounts/password/reset/done/": "Nytt lösenord",
        "/accounts/confirm-email/": "Bekräfta din e-postadress",
    }
    for url, heading in pages.items():
        html = client.get(url).content.decode()
        assert '<html lang="sv">' in html, url
        assert 'class="skip-link"' in html, url
        assert len(re.findall(r"<h1[\s>]", html)) == 1, url
        assert heading in html, url
    client.force_login(user)
    for url in ["/accounts/email/", "/accounts/password/change/", "/accounts/logout/"]:
        html = client.get(url).content.decode()
        assert 'class="skip-link"' in html, url
        assert len(re.findall(r"<h1[\s>]", html)) == 1, url


def test_too_many_sign_ups_give_the_swedish_429_page(client, settings):
    settings.ACCOUNT_RATE_LIMITS = {"signup": "1/m/ip"}
    assert sign_up(client, email="en@example.se").status_code == 302
    response = sign_up(client, email="tva@example.se")
    assert response.status_code == 429
    html = response.content.decode()
    assert "För många försök" in html
    assert 'class="skip-link"' in html


def test_adding_an_address_mails_it_no_text_the_person_typed(client, user, committed):
    """allauth names the account by its address in the mail to the added one (and on
    the page that confirms it): a name like an advert never reaches a stranger."""
    user.first_name, user.last_name = "Vinn 10 000 kr! Gå till http://evil.example", ""
    user.save()
    client.force_login(user)
    with committed():
        response = client.post(
            "/accounts/email/", {"email": "stranger@example.com", "action_add": ""}
        )
    assert response.status_code == 302
    assert [m.to for m in mail.outbox] == [["stranger@example.com"]]
    body = mail.outbox[0].body
    assert "person@example.se" in body
    assert "Vinn" not in body and "evil.example" not in body
    client.logout()  # the stranger opens the link
    page = client.get(link_in(mail.outbox[0])).content.decode()
    assert "person@example.se" in page and "Vinn" not in page


def test_at_most_three_addresses(client, user):
    client.force_login(user)
    for n in range(3):
        client.post("/accounts/email/", {"email": f"extra{n}@example.com", "action_add": ""})
    assert user.emailaddress_set.count() == 3
