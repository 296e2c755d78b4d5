"""/metrics for Prometheus: off unless a token or a network is configured, a 404 to
anyone else, and the unsent reminders as the delivery log has them."""

import datetime

import pytest
import time_machine

from portal import reminders

from .factories import DepartmentFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_off_unless_configured(client, settings):
    settings.METRICS_TOKEN = ""
    settings.METRICS_ALLOWED_NETWORKS = []
    assert client.get("/metrics").status_code == 404


def test_a_token_or_an_allowed_network(client, settings):
    settings.METRICS_TOKEN = "s3cret-token"
    settings.METRICS_ALLOWED_NETWORKS = []
    assert client.get("/metrics").status_code == 404
    assert client.get("/metrics", HTTP_AUTHORIZATION="Bearer wrong").status_code == 404
    assert client.get("/metrics", HTTP_AUTHORIZATION="Bearer s3cret-token").status_code == 200
    settings.METRICS_TOKEN = ""
    settings.METRICS_ALLOWED_NETWORKS = ["10.0.0.0/8"]
    assert client.get("/metrics", REMOTE_ADDR="10.1.2.3").status_code == 200
    # A forwarded header is written by the sender: it is not an address.
    assert (
        client.get("/metrics", REMOTE_ADDR="192.0.2.1", HTTP_X_FORWARDED_FOR="10.1.2.3")
    ).status_code == 404


def test_the_unsent_reminders(client, settings):
    settings.METRICS_TOKEN = "s3cret-token"
    now = datetime.datetime(2026, 3, 2, 9, tzinfo=datetime.UTC)
    with time_machine.travel(now - datetime.timedelta(minutes=10), tick=False):
        for n in range(3):  # recorded; their tasks run only when the test commits
            reminders.reminder_schedule(
                kind="account.verify_email",
                target=DepartmentFactory(),
                recipient=UserFactory(email=f"m{n}@example.se"),
                due=datetime.date(2026, 3, 1),
            )
    with time_machine.travel(now, tick=False):
        body = client.get("/metrics", HTTP_AUTHORIZATION="Bearer s3cret-token").content.decode()
    assert "portal_reminders_unsent 3.0" in body
    assert "portal_reminder_oldest_unsent_seconds 600.0" in body
    assert "process_resident_memory_bytes" in body
