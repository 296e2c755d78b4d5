"""A real Celery worker against the real Redis broker delivers a scheduled reminder.

The test settings run tasks eagerly; here the task really travels through Redis
to a worker (in a thread of this process, so the locmem outbox is shared)."""

import datetime
import time
import uuid

import pytest
import redis
from celery.contrib.testing.worker import start_worker
from django.conf import settings
from django.core import mail
from django.db import connections

from portal import reminders
from portal.celery import app
from portal.models import ReminderDelivery

from .factories import DepartmentFactory, UserFactory

pytestmark = [pytest.mark.celery_worker]


def _reset_broker_connections() -> None:
    """Forget pooled broker connections so changed transport options take effect.
    (Not ``app.close()``: that also deregisters the app, and shared tasks imported
    later would then not be registered with it.)"""
    if app._pool is not None:
        app._pool.force_close_all()
        app._pool = None
    app.amqp._producer_pool = None


@pytest.fixture
def celery_worker(transactional_db):
    saved = {
        "task_always_eager": app.conf.task_always_eager,
        "broker_transport_options": app.conf.broker_transport_options,
    }
    # Every Redis key this test uses gets its own prefix, so a parallel test run
    # (pytest -n 2, another checkout, a running worker) never takes its tasks.
    prefix = f"portal-test-{uuid.uuid4().hex}:"
    app.conf.task_always_eager = False
    app.conf.broker_transport_options = {
        **(saved["broker_transport_options"] or {}),
        "global_keyprefix": prefix,
    }
    _reset_broker_connections()
    try:
        with start_worker(app, perform_ping_check=False, shutdown_timeout=30) as worker:
            yield worker
    finally:
        app.conf.update(saved)
        _reset_broker_connections()
        broker = redis.Redis.from_url(settings.REDIS_URL)
        for key in broker.scan_iter(match=f"{prefix}*"):
            broker.delete(key)
        broker.close()
        # The worker thread's database connection is gone with the thread; make sure
        # this thread's does not hold the test database open either.
        connections.close_all()


def wait_for(predicate, timeout: float = 20.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.1)
    return False


def test_the_worker_delivers_a_scheduled_reminder(celery_worker):
    mail.outbox = []
    user = UserFactory(email="worker@example.se")
    department = DepartmentFactory()
    delivery = reminders.reminder_schedule(
        kind="account.verify_email",
        target=department,
        recipient=user,
        due=datetime.date(2026, 3, 1),
    )
    assert delivery is not None
    delivered = wait_for(
        lambda: ReminderDelivery.objects.filter(pk=delivery.pk, sent_at__isnull=False).exists()
    )
    assert delivered, "the worker did not send the reminder within 20 seconds"
    assert [m.to for m in mail.outbox] == [["worker@example.se"]]
    assert "confirm" in mail.outbox[0].body.lower()
