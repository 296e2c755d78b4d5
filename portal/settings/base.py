"""Settings shared by every environment, switched only by environment variables.

Development, CI and production run the same code paths; ``dev``, ``test`` and
``prod`` only change defaults (see CONVENTIONS.md, "Settings").
"""

import os
from pathlib import Path

import dj_database_url
import dj_email_url
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

from portal.embedded_db import database_url as embedded_database_url

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


# --- Core -------------------------------------------------------------------
SECRET_KEY = os.environ.get("SECRET_KEY", "django-insecure-development-only-key-not-for-production")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
# The portal's address (scheme, host and port): every link in a mail is made from
# it (portal.mail.site_url). `make run` sets it to the address it serves.
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
# The proxies in front of the portal, so that rate limits see the client's own
# address: a number of proxies ("1") or their addresses/networks ("10.0.0.0/8").
# Empty: X-Forwarded-For is ignored (portal/client_ip.py).
TRUSTED_PROXIES = os.environ.get("TRUSTED_PROXIES", "")

INSTALLED_APPS = [
    # Our apps first so that their templates and translations win.
    "portal",
    "organisations",
    "portal.contacts",
    "portal.inquiries",
    "dialogues",
    "partnerships",
    "surveys",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "allauth",
    "allauth.account",
    "django_filters",
    "rules.apps.AutodiscoverRulesConfig",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "portal.middleware.SwedishFirstLocaleMiddleware",
    "portal.middleware.RejectNulMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"
ASGI_APPLICATION = "portal.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "portal.context_processors.portal",
            ],
        },
    },
]

# --- Database: PostgreSQL, the only one -------------------------------------
# DATABASE_URL: postgres://user:pass@host:5432/name (psycopg 3). Unset, the embedded
# cluster in var/postgres/ that `make run` starts (portal/embedded_db.py).
DATABASES = {
    "default": dj_database_url.config(
        default=embedded_database_url(BASE_DIR / "var" / "postgres"),
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
    raise ImproperlyConfigured("DATABASE_URL must name a PostgreSQL database (postgres://...)")
# The default random_page_cost (4, for spinning disks) makes the planner scan the
# whole register instead of the search index for a word matching a few thousand rows;
# 1.1 is the usual value for SSDs.
# A broad search ranks a bounded set, the first matches a scan meets (search.bounded).
# Synchronized scans (on by default for a table over a quarter of shared_buffers, as
# the register at 50,000) start each scan where the last one was, so every request met
# other candidates: a count and pages that changed from one page to the next. Off, a
# scan starts at the table's first page.
DATABASES["default"].setdefault("OPTIONS", {}).setdefault(
    "options",
    "-c random_page_cost="
    + os.environ.get("DB_RANDOM_PAGE_COST", "1.1")
    + " -c synchronize_seqscans=off",
)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# In production two roles (README, "Database roles"): `migrate` runs as the owner
# of the tables; web, worker and beat connect as a runtime role that may not alter
# them, so it cannot disable the audit log's triggers. `manage.py grant_runtime_role`,
# run as the owner after each migrate, creates that role from this URL (its user
# and password) if it is missing and gives it exactly what the app needs.
DATABASE_RUNTIME_URL = os.environ.get("DATABASE_RUNTIME_URL", "")

# --- Cache and Celery -------------------------------------------------------
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "portal",
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Anonymous visitors' pages (the directory, the calendar, an association's page, the
# home page) are kept whole in the cache this many seconds (portal/pagecache.py); a
# change to the data shows at once all the same (the content version). 0: off. On by
# default only with Redis, the cache every process shares.
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS") or (300 if REDIS_URL else 0))
# How long a client may keep a calendar feed or an open-data answer before it asks
# again; asking with the ETag it got gives 304 while nothing changed.
FEED_MAX_AGE_SECONDS = int(os.environ.get("FEED_MAX_AGE_SECONDS") or 300)

CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = None
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", not REDIS_URL)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
# A task is acknowledged when it has run (acks_late), so one whose worker died is
# handed out again after the visibility timeout; a reminder is still sent once, since
# reminder_send re-checks its row under a lock. A short timeout is therefore safe.
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": int(os.environ.get("BROKER_VISIBILITY_TIMEOUT", "3600")),
    # How often a worker looks for such tasks: every interval × throttle seconds.
    "unacked_restore_interval": int(os.environ.get("BROKER_RESTORE_INTERVAL", "10")),
    "unacked_restore_throttle": int(os.environ.get("BROKER_RESTORE_THROTTLE", "10")),
}
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_DEFAULT_QUEUE = "portal"
CELERY_TIMEZONE = "Europe/Stockholm"
# Periodic sweeps: each finds what is due with a look-back window, so a missed
# run catches up; the delivery log makes a repeated run send nothing twice.
# Hourly; SWEEPS_EVERY_SECONDS runs them that often instead (the production-stack
# test lets beat trigger them within seconds).
CELERY_BEAT_SCHEDULE = {
    "run-sweeps-hourly": {
        "task": "portal.tasks.run_sweeps",
        "schedule": (
            float(os.environ["SWEEPS_EVERY_SECONDS"])
            if os.environ.get("SWEEPS_EVERY_SECONDS")
            else crontab(minute=7)
        ),
    },
}

# --- Auth (django-allauth: e-mail is the login) -------------------------------
AUTH_USER_MODEL = "portal.User"
AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "account_profile"
ACCOUNT_LOGOUT_REDIRECT_URL = "home"
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_LOGIN_ON_PASSWORD_RESET = False
ACCOUNT_EMAIL_CONFIRMATION_EXPIRE_DAYS = 3
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https" if SITE_URL.startswith("https") else "http"
ACCOUNT_ADAPTER = "portal.adapters.AccountAdapter"
ACCOUNT_FORMS = {"signup": "portal.forms.SignupForm"}
# allauth's own rate limits (login failures, sign-ups, reset mails), made explicit.
# Failed logins count per account and per client address (portal/client_ip.py):
# an office behind one address may mistype more often than one account may.
ACCOUNT_RATE_LIMITS = {
    "login_failed": "20/5m/ip,5/5m/key",
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,5/m/key",
    "confirm_email": "1/3m/key",
    # Adding an address mails it: a bound per day too, with at most three addresses.
    "manage_email": "10/m/user,30/d/user",
}
ACCOUNT_MAX_EMAIL_ADDRESSES = 3
ACCOUNT_USER_DISPLAY = "portal.adapters.user_display"
ACCOUNT_PREVENT_ENUMERATION = True

# --- Internationalisation ---------------------------------------------------
LANGUAGE_CODE = "sv"
LANGUAGES = [("sv", _("Swedish")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Stockholm"
USE_I18N = True
USE_TZ = True
LANGUAGE_COOKIE_NAME = "portal_language"
LANGUAGE_COOKIE_SECURE = env_bool("SECURE_COOKIES", not DEBUG)
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"

# --- Static files (WhiteNoise; nothing from a CDN) ----------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
# Files only the parties of a case may read (En väg in's attachments): outside
# MEDIA_ROOT, never served as they are, read through permission-checked views.
PRIVATE_MEDIA_ROOT = Path(os.environ.get("PRIVATE_MEDIA_ROOT", BASE_DIR / "var" / "private"))
SERVE_MEDIA = env_bool("SERVE_MEDIA", True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": os.environ.get(
            "STATICFILES_STORAGE", "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# --- E-mail -----------------------------------------------------------------
# EMAIL_URL: smtp://user:pass@host:587/?tls=True, console:, or locmem:.
EMAIL_URL = os.environ.get("EMAIL_URL", "console:")


def _mailer_from_url(url: str) -> dict:
    """EMAIL_URL -> a MAILERS entry (Django 6.1 replaces the EMAIL_* settings)."""
    if url.startswith("locmem"):
        return {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}
    parsed = dj_email_url.parse(url)
    mailer: dict = {"BACKEND": parsed["EMAIL_BACKEND"]}
    if parsed["EMAIL_BACKEND"].endswith("smtp.EmailBackend"):
        mailer["OPTIONS"] = {
            "host": parsed["EMAIL_HOST"],
            "port": parsed["EMAIL_PORT"],
            "username": parsed["EMAIL_HOST_USER"] or "",
            "password": parsed["EMAIL_HOST_PASSWORD"] or "",
            "use_tls": parsed["EMAIL_USE_TLS"],
            "use_ssl": parsed["EMAIL_USE_SSL"],
            "timeout": 20,
        }
    return mailer


MAILERS = {"default": _mailer_from_url(EMAIL_URL)}
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Samverkansportalen <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Security (tightened further in prod.py) ---------------------------------
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "object-src": [CSP.NONE],
}
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = env_bool("SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

# --- Logging: one line per record on stdout; JSON when LOG_FORMAT=json --------
LOG_FORMAT = os.environ.get("LOG_FORMAT", "text")
LOG_LEVEL = os.environ.get("LOG_LEVEL", "INFO")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s %(message)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        },
        "text": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
    },
    "handlers": {
        "stdout": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "formatter": "json" if LOG_FORMAT == "json" else "text",
        }
    },
    "root": {"handlers": ["stdout"], "level": LOG_LEVEL},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
    },
}

# --- Portal-specific --------------------------------------------------------
PORTAL_NAME = os.environ.get("PORTAL_NAME", "Samverkansportalen")
MUNICIPALITY_NAME = os.environ.get("MUNICIPALITY_NAME", "Huddinge kommun")
# The municipality's contact (its contact centre), shown in the footer, on the contact
# page, the error pages and wherever a site page's text says {contact_email} or
# {contact_phone} (portal/contact.py). Until En väg in exists it is every contact path.
# The defaults are a reserved domain and a number set aside for fiction (PTS), so a
# test site never sends people to a real switchboard; production must set both.
CONTACT_EMAIL = os.environ.get("CONTACT_EMAIL") or "kontaktcenter@kommun.example"
CONTACT_PHONE = os.environ.get("CONTACT_PHONE") or "08-465 004 00"
ACCOUNT_EMAIL_SUBJECT_PREFIX = f"[{PORTAL_NAME}] "
# Days after sign-up before one reminder to verify the e-mail address.
UNVERIFIED_EMAIL_REMINDER_DAYS = 3
# An account never verified is erased this many days after sign-up.
UNVERIFIED_ACCOUNT_RETENTION_DAYS = 30
# A contact path not reviewed for a year is shown as "not reviewed" this many days
# after its owner was first reminded (portal/contacts/review.py).
CONTACT_PATH_REVIEW_GRACE_DAYS = int(os.environ.get("CONTACT_PATH_REVIEW_GRACE_DAYS", "30"))


# Attendees' accessibility and dietary needs at forum meetings (may be health data)
# are erased this many days after the meeting ended.
DIALOGUES_NEEDS_RETENTION_DAYS = 30
# `manage.py load_demo` creates logins with a published password: only where allowed.
DEMO_DATA_ALLOWED = env_bool("DEMO_DATA_ALLOWED", False)
# What a person may send to others through the portal, at most (portal/ratelimit.py):
# per account and per association, in an hour and in a (UTC) day. Invitations and
# requests to join mail people outside the sender's control.
PORTAL_RATE_LIMITS = {
    "organisations.invitation": {"user": "10/h,25/d", "organisation": "25/d"},
    "organisations.join_request": {"user": "5/h,10/d", "organisation": "10/d"},
    # En väg in's public form, per client address and per sender's address; the
    # sender's replies through the private link, per case.
    "inquiries.submit": {"ip": "10/h,30/d", "email": "5/h,10/d"},
    "inquiries.sender_reply": {"inquiry": "20/h,50/d"},
}

# --- En väg in (portal/inquiries) --------------------------------------------
# A person acknowledges an inquiry within this many working days, and it is answered
# (closed) within this many (portal/workdays.py; waiting for the sender pauses it).
INQUIRY_ACKNOWLEDGE_WORKING_DAYS = int(os.environ.get("INQUIRY_ACKNOWLEDGE_WORKING_DAYS", "2"))
INQUIRY_ANSWER_WORKING_DAYS = int(os.environ.get("INQUIRY_ANSWER_WORKING_DAYS", "10"))
# The sender's name, address and messages are erased this many days after the case
# closes; the case stays as anonymous statistics.
INQUIRY_RETENTION_DAYS = int(os.environ.get("INQUIRY_RETENTION_DAYS", "365"))
# An attachment: at most this size, of these types (checked from the file's content).
INQUIRY_ATTACHMENT_MAX_BYTES = 5 * 1024 * 1024

# An agreement's documents (the signed agreement, the decision): at most this size.
AGREEMENT_DOCUMENT_MAX_BYTES = 10 * 1024 * 1024

# --- Metrics (portal/metrics.py) ----------------------------------------------
# /metrics answers only a bearer token or an address in these networks; off if neither.
METRICS_TOKEN = os.environ.get("METRICS_TOKEN", "")
METRICS_ALLOWED_NETWORKS = [
    n for n in os.environ.get("METRICS_ALLOWED_NETWORKS", "").split(",") if n.strip()
]

# --- Error reports (portal/error_reports.py) ----------------------------------
# Unhandled errors in views and tasks go to Sentry when SENTRY_DSN is set, with no
# personal data (send_default_pii off, and e-mail addresses, personal identity
# numbers and phone numbers scrubbed from every event).
SENTRY_DSN = os.environ.get("SENTRY_DSN", "")
if SENTRY_DSN:
    from portal import error_reports

    error_reports.init(
        SENTRY_DSN,
        environment=os.environ.get("SENTRY_ENVIRONMENT", "production"),
        release=os.environ.get("SENTRY_RELEASE", ""),
        traces_sample_rate=float(os.environ.get("SENTRY_TRACES_SAMPLE_RATE", "0")),
    )
