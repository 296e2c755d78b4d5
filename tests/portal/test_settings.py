"""Settings are read from the environment when the module is imported, so each
case runs in a fresh interpreter with a controlled environment."""

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from portal import embedded_db

ROOT = Path(__file__).resolve().parents[2]
# What the settings read; none of it leaks in from the shell running the tests.
SETTINGS_VARIABLES = {
    "DATABASE_URL",
    "REDIS_URL",
    "SECRET_KEY",
    "DEBUG",
    "ALLOWED_HOSTS",
    "EMAIL_URL",
    "CELERY_TASK_ALWAYS_EAGER",
    "LOG_FORMAT",
    "LOG_LEVEL",
    "SECURE_COOKIES",
    "SITE_URL",
    "DJANGO_SETTINGS_MODULE",
    "STATICFILES_STORAGE",
    "PYTEST_XDIST_WORKER",
    "DB_CONN_MAX_AGE",
    "CONTACT_EMAIL",
    "CONTACT_PHONE",
}
PROD_SECRET = "x7#kP2m!Qw9zR4vT8yU1nB6cL3jH5gF0dS2aZ7xV4bN9mQ1wE8rT5yU3iO6pA"


def run(code: str, module: str = "portal.settings.test", **env) -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items() if k not in SETTINGS_VARIABLES}
    environment["DJANGO_SETTINGS_MODULE"] = module
    environment.update(env)
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )


def read_settings(module: str = "portal.settings.test", **env) -> dict:
    result = run(
        """
        import json
        from django.conf import settings
        db = settings.DATABASES["default"]
        print(json.dumps({
            "engine": db["ENGINE"],
            "name": str(db["NAME"]),
            "host": db.get("HOST", ""),
            "cache": settings.CACHES["default"]["BACKEND"],
            "cache_location": settings.CACHES["default"].get("LOCATION", ""),
            "broker": settings.CELERY_BROKER_URL,
            "eager": settings.CELERY_TASK_ALWAYS_EAGER,
            "debug": settings.DEBUG,
            "email_backend": settings.MAILERS["default"]["BACKEND"],
            "email_host": settings.MAILERS["default"].get("OPTIONS", {}).get("host"),
            "email_port": settings.MAILERS["default"].get("OPTIONS", {}).get("port"),
            "email_user": settings.MAILERS["default"].get("OPTIONS", {}).get("username"),
            "email_password": settings.MAILERS["default"].get("OPTIONS", {}).get("password"),
            "email_tls": settings.MAILERS["default"].get("OPTIONS", {}).get("use_tls"),
            "session_cookie_secure": settings.SESSION_COOKIE_SECURE,
            "conn_max_age": db["CONN_MAX_AGE"],
        }))
        """,
        module,
        **env,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_embedded_cluster_when_database_url_is_unset():
    # The socket of var/postgres/, the cluster `make run` starts: PostgreSQL still.
    values = read_settings()
    assert values["engine"] == "django.db.backends.postgresql"
    assert values["host"] == str(embedded_db.socket_dir(ROOT / "var" / "postgres"))
    assert values["name"] == "portal"


def test_a_database_other_than_postgresql_is_refused():
    result = run("from django.conf import settings; settings.DATABASES", DATABASE_URL="sqlite:///x")
    assert result.returncode != 0
    assert "DATABASE_URL must name a PostgreSQL database" in result.stderr


def test_postgresql_when_database_url_is_set():
    values = read_settings(DATABASE_URL="postgres://portal:pw@db.example:5433/portal")
    assert values["engine"] == "django.db.backends.postgresql"
    assert values["host"] == "db.example"
    assert values["name"] == "portal"
    # psycopg 3 is the driver Django uses for it.
    result = run("import psycopg, django.db.backends.postgresql.base as b; print(b.is_psycopg3)")
    assert result.stdout.strip() == "True", result.stderr


def test_redis_url_gives_redis_cache_and_broker_and_real_tasks():
    values = read_settings("portal.settings.base", REDIS_URL="redis://cache.example:6379/2")
    assert values["cache"] == "django.core.cache.backends.redis.RedisCache"
    assert values["broker"] == "redis://cache.example:6379/2"
    assert values["eager"] is False


def test_each_test_process_has_its_own_redis_cache_database():
    # cache.clear() flushes a whole Redis database: never the broker's, never another's.
    first = read_settings(REDIS_URL="redis://:pw@redis.example:6379/4", PYTEST_XDIST_WORKER="gw0")
    second = read_settings(REDIS_URL="redis://:pw@redis.example:6379/4", PYTEST_XDIST_WORKER="gw1")
    assert first["broker"] == second["broker"] == "redis://:pw@redis.example:6379/4"
    assert first["cache_location"] == "redis://:pw@redis.example:6379/5"
    assert second["cache_location"] == "redis://:pw@redis.example:6379/6"
    assert first["eager"] is True  # the test settings run tasks eagerly


def test_without_redis_url_locmem_cache_and_eager_tasks():
    values = read_settings("portal.settings.base")
    assert values["cache"] == "django.core.cache.backends.locmem.LocMemCache"
    assert values["broker"] == "memory://"
    assert values["eager"] is True


def test_connections_close_after_each_request_in_development_and_tests():
    # runserver's keep-alive clients would each hold a connection for a minute.
    assert read_settings("portal.settings.dev")["conn_max_age"] == 0
    assert read_settings("portal.settings.test")["conn_max_age"] == 0
    assert read_settings("portal.settings.test", DB_CONN_MAX_AGE="30")["conn_max_age"] == 30


def test_debug_is_off_unless_set():
    assert read_settings("portal.settings.base")["debug"] is False
    assert read_settings("portal.settings.base", DEBUG="")["debug"] is False
    assert read_settings("portal.settings.base", DEBUG="true")["debug"] is True
    # `make run` too: no traceback pages unless a developer asks for them.
    assert read_settings("portal.settings.dev", DEBUG="")["debug"] is False
    assert read_settings("portal.settings.dev")["debug"] is False
    # Secure cookies follow DEBUG unless said otherwise; runserver speaks plain HTTP.
    assert read_settings("portal.settings.base")["session_cookie_secure"] is True
    assert read_settings("portal.settings.dev")["session_cookie_secure"] is False


def test_email_url_smtp_is_parsed():
    values = read_settings(
        "portal.settings.base", EMAIL_URL="smtp://mailer:s%40cret@smtp.example.se:587/?tls=True"
    )
    assert values["email_backend"] == "django.core.mail.backends.smtp.EmailBackend"
    assert values["email_host"] == "smtp.example.se"
    assert values["email_port"] == 587
    assert values["email_user"] == "mailer"
    assert values["email_password"] == "s@cret"
    assert values["email_tls"] is True
    assert read_settings("portal.settings.base", EMAIL_URL="locmem:")["email_backend"] == (
        "django.core.mail.backends.locmem.EmailBackend"
    )


@pytest.mark.parametrize(
    "missing",
    [
        ("SECRET_KEY",),
        ("DATABASE_URL",),
        ("REDIS_URL",),
        ("EMAIL_URL",),
        ("SITE_URL",),
        ("SECRET_KEY", "REDIS_URL"),
        ("CONTACT_EMAIL", "CONTACT_PHONE"),  # the placeholder contact would be a dead end
    ],
)
def test_prod_refuses_to_start_without_its_variables(missing):
    env = {
        "SECRET_KEY": PROD_SECRET,
        "DATABASE_URL": "postgres://portal@db.example:5432/portal",
        "REDIS_URL": "redis://redis.example:6379/0",
        "EMAIL_URL": "smtp://mailer:secret@smtp.example.se:587/?tls=True",
        "CONTACT_EMAIL": "kontaktcenter@kommun.example.se",
        "CONTACT_PHONE": "08-123 456 00",
        "SITE_URL": "https://samverkan.example.se",
    }
    for name in missing:
        del env[name]
    result = run("import django; django.setup()", "portal.settings.prod", **env)
    assert result.returncode != 0
    line = result.stderr.strip().splitlines()[-1]
    assert line.startswith("django.core.exceptions.ImproperlyConfigured:"), result.stderr
    for name in missing:
        assert name in line
    for name in set(env):
        assert name not in line


def test_prod_refuses_a_site_url_without_tls():
    """Every mail's links are made from SITE_URL: in production they must be https."""
    result = run(
        "import django; django.setup()",
        "portal.settings.prod",
        SECRET_KEY=PROD_SECRET,
        DATABASE_URL="postgres://portal@db.example:5432/portal",
        REDIS_URL="redis://redis.example:6379/0",
        EMAIL_URL="smtp://mailer:secret@smtp.example.se:587/?tls=True",
        CONTACT_EMAIL="kontaktcenter@kommun.example.se",
        CONTACT_PHONE="08-123 456 00",
        SITE_URL="http://samverkan.example.se",
    )
    assert result.returncode != 0
    assert "SITE_URL must be the portal's https:// address" in result.stderr


def test_prod_passes_check_deploy_without_warnings():
    # check --deploy does not connect; the real PostgreSQL is used when the suite has one.
    database_url = os.environ["DATABASE_URL"]
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env={
            **{k: v for k, v in os.environ.items() if k not in SETTINGS_VARIABLES},
            "DJANGO_SETTINGS_MODULE": "portal.settings.prod",
            "SECRET_KEY": PROD_SECRET,
            "DATABASE_URL": database_url,
            "REDIS_URL": "redis://redis.invalid:6379/0",
            "EMAIL_URL": "smtp://mailer:secret@smtp.example.se:587/?tls=True",
            "CONTACT_EMAIL": "kontaktcenter@kommun.example.se",
            "CONTACT_PHONE": "08-123 456 00",
            "ALLOWED_HOSTS": "samverkan.example.se",
            "SITE_URL": "https://samverkan.example.se",
        },
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_check_deploy_does_fail_on_an_insecure_configuration():
    # The check above can fail: the same command with a short key and DEBUG on does.
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env={
            **{k: v for k, v in os.environ.items() if k not in SETTINGS_VARIABLES},
            "DJANGO_SETTINGS_MODULE": "portal.settings.dev",
            "DEBUG": "true",
        },
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "security.W018" in result.stdout + result.stderr  # DEBUG on


def test_json_logs_are_one_object_per_line_on_stdout():
    result = run(
        """
        import logging
        import django
        django.setup()
        log = logging.getLogger("portal.test")
        log.info("first message", extra={"sweep": "account.verify_email"})
        log.warning("second\\nspans lines")
        try:
            1 / 0
        except ZeroDivisionError:
            log.exception("failed")
        """,
        LOG_FORMAT="json",
    )
    assert result.returncode == 0, result.stderr
    lines = [line for line in result.stdout.splitlines() if line.strip()]
    records = [json.loads(line) for line in lines]
    assert [r["message"] for r in records] == ["first message", "second\nspans lines", "failed"]
    first = records[0]
    assert first["level"] == "INFO"
    assert first["logger"] == "portal.test"
    assert first["sweep"] == "account.verify_email"
    assert "time" in first
    assert "ZeroDivisionError" in records[2]["exc_info"]


def test_text_logs_by_default():
    result = run(
        """
        import logging
        import django
        django.setup()
        logging.getLogger("portal.test").info("plain")
        """
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().endswith("INFO portal.test plain")
    with pytest.raises(json.JSONDecodeError):
        json.loads(result.stdout.strip())


def test_an_unreachable_database_gives_one_clear_line_not_a_traceback():
    # `make run` starts with this check; nothing listens on port 1.
    environment = {k: v for k, v in os.environ.items() if k not in SETTINGS_VARIABLES}
    result = subprocess.run(
        [sys.executable, "manage.py", "check_database"],
        cwd=ROOT,
        env={
            **environment,
            "DJANGO_SETTINGS_MODULE": "portal.settings.dev",
            "DATABASE_URL": "postgres://portal@127.0.0.1:1/portal",
        },
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "Kan inte nå databasen på 127.0.0.1" in result.stderr, result.stderr
