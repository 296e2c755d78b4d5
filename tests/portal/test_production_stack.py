"""The production stack as processes: with portal.settings.prod and the environment a
deployment gives, `scripts/serve migrate`, then gunicorn (2 workers), a Celery worker
and Celery beat as real subprocesses, against this machine's PostgreSQL and Redis and
a real SMTP server. The home page, /healthz and a static file through gunicorn; beat
triggers the sweeps, and a reminder arrives by SMTP; every process stops cleanly and
none logged an error. docker-compose.yml is checked to start the same commands."""

import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from email import message_from_bytes
from pathlib import Path

import psycopg
import pytest
import redis
import yaml
from aiosmtpd.controller import Controller
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
SERVE = str(ROOT / "scripts" / "serve")
REDIS_DB = 14  # a Redis database of its own: the worker takes every task in it
ROLES = ("web", "worker", "beat")

pytestmark = pytest.mark.skipif(not settings.REDIS_URL, reason="needs REDIS_URL")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Sink:
    """An SMTP server that keeps what it is given."""

    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(message_from_bytes(envelope.content))
        return "250 OK"


def _base_url(name: str) -> str:
    db = settings.DATABASES["default"]
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    return f"postgres://{db['USER']}{password}@{db['HOST']}:{db['PORT']}/{name}"


@pytest.fixture
def stack_database():
    name = f"{settings.DATABASES['default']['NAME']}_stack"
    with psycopg.connect(_base_url("postgres"), autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{name}"')
    yield _base_url(name)
    with psycopg.connect(_base_url("postgres"), autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def smtp():
    sink = Sink()
    controller = Controller(sink, hostname="127.0.0.1", port=free_port())
    controller.start()
    yield sink, controller.port
    controller.stop()


@pytest.fixture
def environment(tmp_path, stack_database, smtp):
    _sink, smtp_port = smtp
    redis_url = re.sub(r"/\d*$", f"/{REDIS_DB}", settings.REDIS_URL.rstrip("/"))
    if not redis_url.endswith(f"/{REDIS_DB}"):
        redis_url = f"{redis_url}/{REDIS_DB}"
    broker = redis.Redis.from_url(redis_url)
    broker.flushdb()
    # Only what a deployment gives: nothing of this process's (test) settings.
    env = {key: os.environ[key] for key in ("PATH", "HOME") if key in os.environ}
    env.update(
        LANG="C.UTF-8",
        DJANGO_SETTINGS_MODULE="portal.settings.prod",
        SECRET_KEY="stack-test-" + "x" * 40,
        DATABASE_URL=stack_database,
        REDIS_URL=redis_url,
        EMAIL_URL=f"smtp://127.0.0.1:{smtp_port}",
        SITE_URL="https://samverkan.example.se",
        CONTACT_EMAIL="kontakt@kommun.example.se",
        CONTACT_PHONE="08-123 456 78",
        ALLOWED_HOSTS="127.0.0.1",
        SECURE_SSL_REDIRECT="false",
        SECURE_COOKIES="false",
        PORT=str(free_port()),
        WEB_WORKERS="2",
        BEAT_SCHEDULE_FILE=str(tmp_path / "celerybeat-schedule"),
        SWEEPS_EVERY_SECONDS="2",
        STATIC_ROOT=str(tmp_path / "static"),
        MEDIA_ROOT=str(tmp_path / "media"),
        PRIVATE_MEDIA_ROOT=str(tmp_path / "private"),
        LOG_LEVEL="INFO",
    )
    yield env
    broker.flushdb()
    broker.close()


def run(env, *args, timeout=300):
    result = subprocess.run(
        [*args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stdout


# A contact path not reviewed for over a year: the review sweep reminds its owner.
SEED = """
import django
django.setup()
from datetime import timedelta
from django.utils import timezone
from portal.contacts.models import ContactPath
from tests.contacts.factories import ContactPathFactory
from tests.portal.factories import UserFactory
owner = UserFactory(email="agare@kommun.example.se")
path = ContactPathFactory(title="Lokalbokning", person=owner)
ContactPath.objects.filter(pk=path.pk).update(reviewed_at=timezone.now() - timedelta(days=400))
"""


def get(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def wait_for(predicate, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.25)
    return False


def test_the_stack_serves_and_beat_sends_a_reminder(environment, smtp, tmp_path):
    sink, _port = smtp
    env = environment
    run(env, sys.executable, SERVE, "migrate")
    run(env, sys.executable, "manage.py", "collectstatic", "--no-input", "-v0")
    run(env, sys.executable, "-c", SEED)

    logs = {role: open(tmp_path / f"{role}.log", "w+") for role in ROLES}  # noqa: SIM115
    processes = {
        role: subprocess.Popen(
            [sys.executable, SERVE, role],
            cwd=ROOT,
            env=env,
            stdout=logs[role],
            stderr=subprocess.STDOUT,
        )
        for role in ROLES
    }
    base = f"http://127.0.0.1:{env['PORT']}"
    try:
        assert wait_for(lambda: _answers(base + "/healthz"), 60), _tail(logs)
        status, body = get(base + "/healthz")
        assert status == 200
        status, home = get(base + "/")
        assert status == 200 and "Samverkansportalen" in home.decode()
        stylesheet = re.search(rb'href="(/static/[^"]+\.css)"', home).group(1).decode()
        assert re.search(r"\.[0-9a-f]{12}\.css$", stylesheet)  # the manifest's name
        status, css = get(base + stylesheet)
        assert status == 200 and css

        def reminded():
            return any("agare@kommun.example.se" in m["To"] for m in sink.messages)

        assert wait_for(reminded, 90), _tail(logs)
        time.sleep(5)  # beat fires again meanwhile: the reminder must not come twice
        assert [m["To"] for m in sink.messages].count("agare@kommun.example.se") == 1
    finally:
        for process in processes.values():
            process.send_signal(signal.SIGTERM)
        codes = {role: process.wait(timeout=60) for role, process in processes.items()}
    assert codes == {"web": 0, "worker": 0, "beat": 0}, (codes, _tail(logs))
    for role, log in logs.items():
        log.seek(0)
        text = log.read()
        # Django logs JSON in production, Celery and gunicorn their own formats.
        for error in ("Traceback", '"level": "ERROR"', ": ERROR/", "[ERROR]", "CRITICAL"):
            assert error not in text, (role, error, text[-3000:])
        log.close()


def _answers(url: str) -> bool:
    try:
        return get(url)[0] == 200
    except OSError:
        return False


def _tail(logs) -> str:
    parts = []
    for role, log in logs.items():
        log.flush()
        log.seek(0)
        parts.append(f"--- {role}\n{log.read()[-2000:]}")
    return "\n".join(parts)


def test_compose_starts_what_the_test_starts():
    """docker-compose.yml cannot rot unnoticed: its app services run scripts/serve's
    roles, with the production settings, a health check on /healthz, and the
    variables the production settings require."""
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    services = compose["services"]
    for role in ("migrate", *ROLES):
        assert services[role]["command"] == ["scripts/serve", role], role
        assert services[role]["environment"]["DJANGO_SETTINGS_MODULE"] == "portal.settings.prod"
    assert "/healthz" in " ".join(services["web"]["healthcheck"]["test"])
    example = (ROOT / ".env.example").read_text()
    for variable in ("SECRET_KEY", "DATABASE_URL", "REDIS_URL", "EMAIL_URL", "SITE_URL"):
        assert re.search(rf"^{variable}=", example, re.MULTILINE), variable
    for variable in ("CONTACT_EMAIL", "CONTACT_PHONE"):
        assert variable in example, variable
    assert services["web"]["depends_on"]["migrate"]["condition"] == (
        "service_completed_successfully"
    )
