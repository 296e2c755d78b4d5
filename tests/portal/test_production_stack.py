"""The production stack as processes: with portal.settings.prod and the environment a
deployment gives, `scripts/serve migrate`, then gunicorn (2 workers), a Celery worker
and Celery beat as real subprocesses, against this machine's PostgreSQL and Redis and
a real SMTP server. The home page, /healthz and a static file through gunicorn; beat
triggers the sweeps, and a reminder arrives by SMTP; every process stops cleanly and
none logged an error. docker-compose.yml is checked to start the same commands."""

import re
import signal
import subprocess
import sys
import time

import pytest
import yaml
from django.conf import settings

from .stack import ROOT, SERVE, answers, environment, get, run, smtp, stack_database, wait_for

ROLES = ("web", "worker", "beat")

pytestmark = pytest.mark.skipif(not settings.REDIS_URL, reason="needs REDIS_URL")
__all__ = ["environment", "smtp", "stack_database"]  # fixtures


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
        assert wait_for(lambda: answers(base + "/healthz"), 60), _tail(logs)
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
