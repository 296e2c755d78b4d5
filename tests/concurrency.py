"""Two changes at the same moment, on two real database connections, in the order
that loses a race: the first holds its transaction (and its locks) open until the
second waits for a lock or has finished; then the first commits. For
``transaction=True`` tests."""

import threading
import time

from django.db import connection, connections, transaction

TIMEOUT = 10


def _outcome(action):
    """What the action returned, or what it raised (a 500 shows up as that)."""
    try:
        return action()
    except Exception as exc:  # noqa: BLE001 - reported to the test, which asserts on it
        return exc


def _someone_waits_for_a_lock() -> bool:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity "
            "WHERE datname = current_database() AND wait_event_type = 'Lock'"
        )
        return cursor.fetchone()[0] > 0


def first_holds_then(first, second) -> tuple:
    """Run ``first`` in a transaction left open while ``second`` starts; return the
    outcome of each (a value or the exception raised)."""
    outcomes = {}
    holding, release = threading.Event(), threading.Event()

    def run_first():
        try:
            with transaction.atomic():
                outcomes["first"] = _outcome(first)
                holding.set()
                release.wait(TIMEOUT)
        finally:
            holding.set()
            connections.close_all()

    def run_second():
        holding.wait(TIMEOUT)
        try:
            outcomes["second"] = _outcome(second)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run_first), threading.Thread(target=run_second)]
    for thread in threads:
        thread.start()
    holding.wait(TIMEOUT)
    deadline = time.monotonic() + TIMEOUT
    while threads[1].is_alive() and not _someone_waits_for_a_lock():
        assert time.monotonic() < deadline, "the second change neither waited nor finished"
        time.sleep(0.01)
    release.set()
    for thread in threads:
        thread.join(TIMEOUT)
    return outcomes["first"], outcomes["second"]
