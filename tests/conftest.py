"""Shared fixtures. Every test runs on PostgreSQL (DATABASE_URL, or the embedded
server of ``tests/embedded_db.py``). Tests marked ``celery_worker`` need Redis and
``e2e`` tests Debian's chromium: they skip, saying why, on a laptop without them and
fail in CI, where PORTAL_REQUIRE_SERVICES=1 says they must be there."""

import os
import shutil

import pytest
from django.conf import settings

REQUIRE_SERVICES = os.environ.get("PORTAL_REQUIRE_SERVICES") == "1"


def _missing(item) -> str | None:
    if item.get_closest_marker("celery_worker") and not settings.REDIS_URL:
        return "needs Redis (set REDIS_URL)"
    if item.get_closest_marker("e2e") and not shutil.which("chromium"):
        return "needs Debian's chromium on PATH"
    return None


def pytest_runtest_setup(item):
    reason = _missing(item)
    if reason:
        if REQUIRE_SERVICES:
            pytest.fail(f"CI requires this test to run: {reason}")
        pytest.skip(reason)


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in Swedish: a test that activates English (mail rendered in
    the recipient's language, say) must not leave it to the next one on the worker."""
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _clear_cache():
    from django.core.cache import cache

    from portal import pagecache

    cache.clear()
    pagecache._asked.clear()  # and the addresses this process saw asked for
    yield


@pytest.fixture
def user(django_user_model):
    return make_user(django_user_model, "person@example.se")


def make_user(model, email, *, verified=True, password="a-long-passphrase-123", **extra):
    from allauth.account.models import EmailAddress

    u = model.objects.create_user(email=email, password=password, **extra)
    EmailAddress.objects.create(user=u, email=email, verified=verified, primary=True)
    return u
