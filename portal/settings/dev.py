"""Local development (`make run`): plain-HTTP cookies, static files straight from
static/, demo data allowed. DEBUG stays off unless DEBUG=true is set, so a
visitor never sees a traceback page."""

import os

os.environ.setdefault("SECURE_COOKIES", "false")  # runserver speaks plain HTTP
os.environ.setdefault(
    "STATICFILES_STORAGE", "django.contrib.staticfiles.storage.StaticFilesStorage"
)
os.environ.setdefault("DEMO_DATA_ALLOWED", "true")
# runserver keeps one connection per keep-alive client for this long: close each at once.
os.environ.setdefault("DB_CONN_MAX_AGE", "0")

from .base import *  # noqa: E402,F403

# Serve static/ directly (and pick up edits) without collectstatic.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
