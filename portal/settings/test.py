"""Test defaults: fast hashing, mail captured in memory, static files unhashed."""

import os

os.environ.setdefault("EMAIL_URL", "locmem:")
os.environ.setdefault("DEMO_DATA_ALLOWED", "true")
os.environ.setdefault("DB_CONN_MAX_AGE", "0")  # as in development
# A test's writes are never committed (its transaction is rolled back), so the content
# version would not move: the page cache's own tests turn it on.
os.environ.setdefault("PAGE_CACHE_SECONDS", "0")
os.environ.setdefault(
    "STATICFILES_STORAGE", "django.contrib.staticfiles.storage.StaticFilesStorage"
)

from .base import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# A real worker runs only where a test starts one (tests/portal/test_celery_worker.py).
CELERY_TASK_ALWAYS_EAGER = True
# allauth's limits would trip over a test suite logging in hundreds of times.
ACCOUNT_RATE_LIMITS = False

# The autouse fixture's cache.clear() is FLUSHDB on Redis: give each test process
# (pytest -n 2: gw0, gw1) a Redis database of its own, next to the broker's, so one
# process's clear empties neither the other's cache nor the Celery test's queue.
if REDIS_URL:  # noqa: F405
    from urllib.parse import urlsplit, urlunsplit

    _url = urlsplit(REDIS_URL)  # noqa: F405
    _broker_db = int(_url.path.lstrip("/") or 0)
    _worker = os.environ.get("PYTEST_XDIST_WORKER", "gw0").removeprefix("gw")
    _cache_db = (_broker_db + 1 + (int(_worker) if _worker.isdigit() else 0)) % 16
    CACHES["default"]["LOCATION"] = urlunsplit(_url._replace(path=f"/{_cache_db}"))  # noqa: F405

# Static files from static/ as in development (no collectstatic before tests).
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
