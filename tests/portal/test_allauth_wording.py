"""allauth's pages and mails in the portal's words, in Swedish and English: "Log in"
and "Create account" as in the header, and Swedish as public services write it
(e-post, e-postadress, "Bekräfta din e-postadress"); portal/allauth_strings.py."""

import gettext
import re
from html import unescape
from pathlib import Path

import allauth
import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.utils import translation

from portal.allauth_strings import ALLAUTH_STRINGS

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-passphrase-123"
ANONYMOUS_PAGES = [
    "/accounts/login/",
    "/accounts/signup/",
    "/accounts/password/reset/",
    "/accounts/password/reset/done/",
    "/accounts/password/reset/key/1-wrong-key/",
    "/accounts/confirm-email/",
    "/accounts/confirm-email/no-such-key/",
]
LOGGED_IN_PAGES = ["/accounts/email/", "/accounts/password/change/", "/accounts/logout/"]
# allauth's words that the portal says otherwise, in each language.
NOT_IN = {
    "sv": ["Sign Up", "Sign In", "Sign Out", "Remember Me", "epost", "Epost", "Verifier",
           "verifier", "Verifierings", "mail "],
    "en": ["Sign Up", "Sign In", "Sign Out", "Signup", "Remember Me", "Email", "email",
           "Verify", "Verification"],
}  # fmt: skip


def text(response) -> str:
    """What a person reads: the page's <main> without tags (attributes such as
    type="email" or autocomplete="email" are not wording)."""
    html = response.content.decode()
    main = re.search(r"<main[\s>].*?</main>", html, re.S)
    assert main, html
    title = re.search(r"<title>(.*?)</title>", html, re.S).group(1)
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", title + " " + main.group(0))).split())


def in_language(client, language):
    client.cookies["portal_language"] = language
    return client


def test_the_overridden_msgids_are_allauth_s_own():
    """When allauth renames one, its page shows allauth's wording again: drop or fix
    the entry then."""
    catalogue = gettext.translation(
        "django", str(Path(allauth.__file__).parent / "locale"), languages=["sv"]
    )
    for msgid in ALLAUTH_STRINGS:
        assert catalogue.gettext(msgid) != msgid, msgid  # allauth has it (in Swedish)
        with translation.override("sv"):
            ours = translation.gettext(msgid)
        assert not re.search(r"epost|Epost|[Vv]erifi", ours), (msgid, ours)


@pytest.mark.parametrize("language", ["sv", "en"])
def test_allauth_s_pages_in_the_portal_s_words(client, user, language):
    in_language(client, language)
    pages = [(url, text(client.get(url))) for url in ANONYMOUS_PAGES]
    client.force_login(user)
    pages += [(url, text(client.get(url))) for url in LOGGED_IN_PAGES]
    for url, words in pages:
        for word in NOT_IN[language]:
            assert word not in words, (url, word, words)


@pytest.mark.parametrize(
    "language, login, signup",
    [
        ("sv", ["Logga in", "Kom ihåg mig", "E-postadress"], ["Skapa konto", "E-postadress"]),
        ("en", ["Log in", "Remember me", "E-mail address"], ["Create account", "E-mail address"]),
    ],
)
def test_log_in_and_create_account_as_the_header_says(client, language, login, signup):
    in_language(client, language)
    page = text(client.get("/accounts/login/"))
    assert all(word in page for word in login), page
    page = text(client.get("/accounts/signup/"))
    assert all(word in page for word in signup), page


def test_a_wrong_password_and_the_message_after_logging_in(client, user):
    in_language(client, "en")
    response = client.post("/accounts/login/", {"login": user.email, "password": "wrong-one"})
    assert "Wrong e-mail address or password." in text(response)
    response = client.post(
        "/accounts/login/", {"login": user.email, "password": PASSWORD}, follow=True
    )
    assert f"You are logged in as {user.email}." in response.content.decode()
    in_language(client, "sv")
    response = client.post("/accounts/logout/", follow=True)
    assert "Du är utloggad." in response.content.decode()


def test_the_confirmation_page_says_what_is_confirmed(client, user, settings):
    address = EmailAddress.objects.create(user=user, email="ny@example.se")
    confirmation = address.send_confirmation(None)
    page = text(client.get(f"/accounts/confirm-email/{confirmation.key}/"))
    assert "Bekräfta din e-postadress" in page
    assert "Bekräfta att ny@example.se är din e-postadress." in page
    assert "Adressen läggs då till i kontot person@example.se." in page


@pytest.mark.parametrize(
    "language, subject, greeting",
    [
        ("sv", "Bekräfta din e-postadress", "Hej från Samverkansportalen!"),
        ("en", "Confirm your e-mail address", "Hello from Samverkansportalen!"),
    ],
)
def test_the_confirmation_mail_names_the_portal_not_a_host(
    client, django_capture_on_commit_callbacks, settings, language, subject, greeting
):
    settings.SITE_URL = "http://127.0.0.1:8301"
    in_language(client, language)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            "/accounts/signup/",
            {"email": "ny@example.se", "password1": PASSWORD, "password2": PASSWORD},
            HTTP_HOST="127.0.0.1:8301",
        )
    [message] = mail.outbox
    assert message.subject == f"[Samverkansportalen] {subject}"
    assert message.body.startswith(greeting)
    first_line = message.body.splitlines()[0]
    assert "127.0.0.1" not in first_line + message.subject
    assert "epost" not in message.body.lower() and "verifier" not in message.body.lower()
