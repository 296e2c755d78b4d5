"""Test defaults: fast hashing, mail captured in memory, static files unhashed."""

import os

os.environ.setdefault("EMAIL_URL", "locmem:")
os.environ.setdefault(
    "STATICFILES_STORAGE", "django.contrib.staticfiles.storage.StaticFilesStorage"
)

from .base import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# A real worker runs only where a test starts one (tests/portal/test_celery_worker.py).
CELERY_TASK_ALWAYS_EAGER = True
# allauth's limits would trip over a test suite logging in hundreds of times.
ACCOUNT_RATE_LIMITS = False
