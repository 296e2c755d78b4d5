"""The production stack's pieces for the tests that start it as processes
(test_production_stack.py, test_worker_crash.py): a database of its own, a real SMTP
server, the environment a deployment gives, and small waiting helpers."""

import asyncio
import os
import re
import socket
import subprocess
import time
import urllib.error
import urllib.request
from email import message_from_bytes
from pathlib import Path

import psycopg
import pytest
import redis
from aiosmtpd.controller import Controller
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
SERVE = str(ROOT / "scripts" / "serve")
# A Redis database of its own (the worker takes every task in it, and the fixture
# flushes it), one for each test process: the production-stack and crash tests may
# run at once under pytest -n 2, and one's flush had emptied the other's queue.
_WORKER = os.environ.get("PYTEST_XDIST_WORKER", "gw0").removeprefix("gw")
REDIS_DB = 14 - (int(_WORKER) if _WORKER.isdigit() else 0) % 4


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Sink:
    """An SMTP server that keeps what it is given, taking ``delay`` seconds to accept
    each message (as a real server does: a kill then lands while mail is sent)."""

    def __init__(self):
        self.messages = []
        self.delay = 0.0

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(message_from_bytes(envelope.content))
        if self.delay:
            await asyncio.sleep(self.delay)
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


def get(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def answers(url: str) -> bool:
    try:
        return get(url)[0] == 200
    except OSError:
        return False


def wait_for(predicate, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.25)
    return False
