"""Failed logins are limited per account and per real client address: behind the
TLS proxy one client's typos must not lock everyone out, and a forged
X-Forwarded-For must not let a client dodge its own limit."""

import pytest
from django.core.cache import cache
from django.test import RequestFactory

from portal.client_ip import client_ip
from portal.settings import base
from tests.conftest import make_user

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-passphrase-123"
PROXY = "10.0.0.2"
LOCKED = "För många misslyckade inloggningsförsök"


@pytest.fixture(autouse=True)
def _production_limits(settings):
    """The limits production runs with (the test settings turn them off)."""
    settings.ACCOUNT_RATE_LIMITS = base.ACCOUNT_RATE_LIMITS
    cache.clear()
    yield
    cache.clear()


def login(client, email, password, *, remote=PROXY, forwarded=None):
    headers = {"REMOTE_ADDR": remote}
    if forwarded:
        headers["HTTP_X_FORWARDED_FOR"] = forwarded
    return client.post("/accounts/login/", {"login": email, "password": password}, **headers)


def locked_out(response) -> bool:
    return LOCKED in response.content.decode()


def test_typos_behind_the_proxy_do_not_lock_out_another(client, settings, django_user_model):
    settings.TRUSTED_PROXIES = "1"
    make_user(django_user_model, email="anna@example.se", password=PASSWORD)
    make_user(django_user_model, email="bo@example.se", password=PASSWORD)
    for n in range(6):
        login(client, f"nobody{n}@example.se", "wrong", forwarded="203.0.113.5")
    response = login(client, "bo@example.se", PASSWORD, forwarded="198.51.100.7")
    assert response.status_code == 302, response.content.decode()[:500]


def test_a_client_is_limited_across_accounts(client, settings, django_user_model):
    settings.TRUSTED_PROXIES = "1"
    make_user(django_user_model, email="anna@example.se", password=PASSWORD)
    for n in range(20):
        assert not locked_out(login(client, f"x{n}@example.se", "wrong", forwarded="203.0.113.5"))
    # The right password from the same address is refused now; another address is not.
    assert locked_out(login(client, "anna@example.se", PASSWORD, forwarded="203.0.113.5"))
    assert login(client, "anna@example.se", PASSWORD, forwarded="203.0.113.9").status_code == 302


def test_an_account_is_limited_from_every_address(client, settings, django_user_model):
    settings.TRUSTED_PROXIES = "1"
    make_user(django_user_model, email="anna@example.se", password=PASSWORD)
    for n in range(5):
        login(client, "anna@example.se", "wrong", forwarded=f"203.0.113.{n + 1}")
    assert locked_out(login(client, "anna@example.se", PASSWORD, forwarded="198.51.100.7"))


def test_forged_header_cannot_rotate_addresses(client, settings, django_user_model):
    """The client writes the left of the header; the proxy appends the real address."""
    settings.TRUSTED_PROXIES = "1"
    for n in range(20):
        forged = f"192.0.2.{n}, 203.0.113.5"
        login(client, f"x{n}@example.se", "wrong", forwarded=forged)
    make_user(django_user_model, email="anna@example.se", password=PASSWORD)
    assert locked_out(login(client, "anna@example.se", PASSWORD, forwarded="1.2.3.4, 203.0.113.5"))


def test_without_trusted_proxies_the_header_is_ignored(client, settings, django_user_model):
    settings.TRUSTED_PROXIES = ""
    for n in range(20):
        login(client, f"x{n}@example.se", "wrong", remote="203.0.113.5", forwarded=f"192.0.2.{n}")
    make_user(django_user_model, email="anna@example.se", password=PASSWORD)
    response = login(client, "anna@example.se", PASSWORD, remote="203.0.113.5")
    assert locked_out(response)


def ip(settings, proxies, remote, forwarded=None):
    settings.TRUSTED_PROXIES = proxies
    meta = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded
    return client_ip(RequestFactory().get("/", **meta))


@pytest.mark.parametrize(
    ("proxies", "remote", "forwarded", "expected"),
    [
        ("", "203.0.113.5", "192.0.2.1", "203.0.113.5"),
        ("1", PROXY, "192.0.2.1", "192.0.2.1"),
        ("1", PROXY, "evil, 192.0.2.1", "192.0.2.1"),
        ("2", PROXY, "6.6.6.6, 192.0.2.1, 10.0.0.9", "192.0.2.1"),
        ("2", PROXY, "192.0.2.1", "192.0.2.1"),  # fewer hops than proxies: no 500
        ("1", PROXY, "not-an-address", PROXY),
        ("1", PROXY, None, PROXY),
        ("10.0.0.0/8", PROXY, "6.6.6.6, 192.0.2.1, 10.0.0.9", "192.0.2.1"),
        ("10.0.0.0/8", "203.0.113.5", "192.0.2.1", "203.0.113.5"),  # not our proxy
        ("10.0.0.2,10.0.0.9", PROXY, "10.0.0.9", PROXY),  # only proxies: the last hop
        ("1", PROXY, "[2001:db8::1]:443", "2001:db8::1"),
        ("1", PROXY, "192.0.2.1:5678", "192.0.2.1"),
    ],
)
def test_client_ip(settings, proxies, remote, forwarded, expected):
    assert ip(settings, proxies, remote, forwarded) == expected
