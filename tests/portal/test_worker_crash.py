"""Reminders through a crash: 200 reminders queued, the Celery worker killed with
SIGKILL in the middle of sending them, a new worker started. None is lost, and none
goes out as a second message: the task is acknowledged only after it ran
(acks_late), so the killed worker's tasks are handed out again after the broker's
visibility timeout; reminder_send marks a row sent in the transaction that holds its
lock while the mail server accepts the message, so a task for a sent row sends
nothing. Only a worker killed between the server's acceptance and that commit hands
the same message over again, with the same Message-ID (at most one per process)."""

import os
import signal
import subprocess
import sys

import psycopg
import pytest
from django.conf import settings

from .stack import ROOT, SERVE, environment, run, smtp, stack_database, wait_for

pytestmark = pytest.mark.skipif(not settings.REDIS_URL, reason="needs REDIS_URL")
__all__ = ["environment", "smtp", "stack_database"]  # fixtures
REMINDERS = 200
CONCURRENCY = 2  # the worker's processes (scripts/serve worker: one per CPU here)

SEED = f"""
import django
django.setup()
from django.db import transaction
from django.utils import timezone
from portal import reminders
from portal.models import User
from tests.portal.factories import DepartmentFactory
department = DepartmentFactory()
# Accounts without a password (nothing to hash): only their addresses are mailed.
users = User.objects.bulk_create(
    [User(email=f"crash{{n}}@example.se", password="!") for n in range({REMINDERS})]
)
with transaction.atomic():  # enqueued when it commits, as a sweep's are
    for user in users:
        reminders.reminder_schedule(
            kind="account.verify_email", target=department, recipient=user,
            due=timezone.localdate(),
        )
"""


def test_a_killed_worker_loses_no_reminder_and_sends_none_twice(environment, smtp, tmp_path):
    sink, _port = smtp
    sink.delay = 0.03
    env = {
        **environment,
        "BROKER_VISIBILITY_TIMEOUT": "5",
        "BROKER_RESTORE_INTERVAL": "1",
        "BROKER_RESTORE_THROTTLE": "1",
    }
    run(env, sys.executable, SERVE, "migrate")
    run(env, sys.executable, "-c", SEED)

    def worker(name):
        log = open(tmp_path / f"{name}.log", "w")  # noqa: SIM115
        return subprocess.Popen(
            [sys.executable, SERVE, "worker"],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group: the kill takes the pool too
        )

    first = worker("first")
    try:
        assert wait_for(lambda: len(sink.messages) >= 60, 90), "the worker sent nothing"
    finally:
        os.killpg(first.pid, signal.SIGKILL)
        first.wait(timeout=30)
    at_kill = len(sink.messages)
    assert at_kill < REMINDERS, "the worker finished before it was killed"

    second = worker("second")
    try:

        def ids():
            return {message["Message-ID"] for message in sink.messages}

        def unsent():
            with psycopg.connect(env["DATABASE_URL"]) as db:
                query = "SELECT count(*) FROM portal_reminderdelivery WHERE sent_at IS NULL"
                return db.execute(query).fetchone()[0]

        # Every message arrives first; a row the killed worker handed over but did
        # not mark is marked when its task comes back after the visibility timeout.
        assert wait_for(lambda: len(ids()) == REMINDERS and unsent() == 0, 120), (
            at_kill,
            len(ids()),
            unsent(),
        )
    finally:
        second.send_signal(signal.SIGTERM)
        second.wait(timeout=60)

    recipients = [message["To"] for message in sink.messages]
    assert set(recipients) == {f"crash{n}@example.se" for n in range(REMINDERS)}
    # A message handed over twice is the same message: its Message-ID is the row's.
    assert len(sink.messages) - REMINDERS <= CONCURRENCY
    by_id = {}
    for message in sink.messages:
        by_id.setdefault(message["Message-ID"], set()).add(message["To"])
    assert all(len(to) == 1 for to in by_id.values())
