"""Production: refuses to start without its secrets and services."""

import os

from django.core.exceptions import ImproperlyConfigured

_missing = [
    name
    for name in (
        "SECRET_KEY",
        "DATABASE_URL",
        "REDIS_URL",
        "EMAIL_URL",
        "SITE_URL",
        # A municipality must be reachable by e-mail and phone (förvaltningslagen 7 §):
        # the placeholder contact of development would be a dead end.
        "CONTACT_EMAIL",
        "CONTACT_PHONE",
    )
    if not os.environ.get(name)
]
if _missing:
    raise ImproperlyConfigured(
        "Production settings need these environment variables: " + ", ".join(_missing)
    )

# The links in every mail are made from it; production is served over TLS only.
if not os.environ["SITE_URL"].startswith("https://"):
    raise ImproperlyConfigured("SITE_URL must be the portal's https:// address in production")

os.environ.setdefault("LOG_FORMAT", "json")

from .base import *  # noqa: E402,F403

DEBUG = False
DEMO_DATA_ALLOWED = False
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)  # noqa: F405
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
LANGUAGE_COOKIE_SECURE = True
# healthz and metrics are read over plain HTTP inside the compose network.
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^metrics$"]
