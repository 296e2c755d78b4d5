"""Sweeps cost what is due, not the size of the register: run twice they schedule
each reminder once, with nothing due their queries do not grow with the number of
associations, and two sweeps at the same time in two connections still schedule
each reminder once."""

import threading
import traceback
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import kombu.pools
import pytest
import time_machine
from django.core import mail
from django.db import connection, transaction

from organisations.confirmation import REQUEST, yearly_confirmation
from organisations.models import Organisation
from organisations.services import organisation_approve
from portal import reminders, sweeps
from portal.celery import app
from portal.models import ReminderDelivery
from tests.organisations.factories import (
    ConfirmationRoundFactory,
    MembershipFactory,
    OrganisationFactory,
    make_municipal_coordinator,
)

from .factories import UserFactory

TZ = ZoneInfo("Europe/Stockholm")
START = date(2027, 3, 1)
NOW = datetime(2027, 3, 5, 9, 0, tzinfo=TZ)  # within the round's first step
# With nothing due, run_all costs this many queries whatever the size of the register:
# a savepoint and its release per sweep (and one more in erase_archived_contacts),
# the confirmation round, the probe for its step's last pass, one statement per
# reminder query (administrators,
# associations without one, sign-ups to verify, En väg in's four deadline kinds, the
# forum meetings' two reminders each to signers and to associations), one per
# retention sweep (the needs of forum meetings' attendees in a savepoint of its own),
# and the contact paths due for review; the forums' cadence (a savepoint, its
# release and one statement over the forums with a cadence); the unsent reminders to
# hand to the worker again (a savepoint, its release and one statement); the follow-up
# loop's three sweeps (a savepoint and its release each, one statement for late
# minutes, two for overdue items to owners and to departments, one for the weekly
# digests); the agreements' term ends (a savepoint, its release, one statement each to
# officials and coordinators); the agreements' follow-up reports (three sweeps, each a
# savepoint, its release and one statement); the surveys' reminders (a savepoint, its
# release and the probe for a survey closing within the week), their retention (a
# savepoint, its release and one update) and closed surveys' drafts (a savepoint, its
# release and one delete).
NOTHING_DUE_QUERIES = 84


def register_of(count: int) -> list[Organisation]:
    """``count`` active associations, not confirmed this year, each with an
    administrator; every other one also with an editor (who is not asked)."""
    ConfirmationRoundFactory(starts_on=START, deadline=START + timedelta(days=42))
    orgs = []
    for n in range(count):
        org = OrganisationFactory(confirmed_at=NOW - timedelta(days=300))
        MembershipFactory(organisation=org, role="admin")
        if n % 2:
            MembershipFactory(organisation=org, role="editor")
        orgs.append(org)
    OrganisationFactory(confirmed_at=NOW - timedelta(days=300))  # no members: its own address
    return orgs


def signed_up_unverified(count: int):
    with time_machine.travel(NOW - timedelta(days=4), tick=False):
        return [UserFactory(email=f"new{n}@example.se", verified=False) for n in range(count)]


def run_all(capture):
    with time_machine.travel(NOW, tick=False), capture(execute=True):
        return sweeps.run_all(NOW)


@pytest.mark.django_db
def test_every_sweep_run_twice_schedules_each_reminder_once(django_capture_on_commit_callbacks):
    orgs = register_of(5)
    signed_up_unverified(2)
    first = run_all(django_capture_on_commit_callbacks)
    assert first["organisations.yearly_confirmation"] == len(orgs) + 1
    assert first["account.verify_email"] == 2
    sent = len(mail.outbox)
    assert sent == len(orgs) + 3
    second = run_all(django_capture_on_commit_callbacks)
    assert all(result == 0 for result in second.values()), second
    assert len(mail.outbox) == sent
    assert ReminderDelivery.objects.count() == sent
    # A step reaches an association once: an administrator who joins later gets the
    # next step, not this one again.
    MembershipFactory(organisation=orgs[0], role="admin")
    assert run_all(django_capture_on_commit_callbacks)["organisations.yearly_confirmation"] == 0


@pytest.mark.django_db
def test_after_a_steps_first_pass_only_newly_approved_associations_are_read(
    django_capture_on_commit_callbacks,
):
    register_of(3)
    run_all(django_capture_on_commit_callbacks)
    # Approval confirms the data, so the service's approvals are never due in the
    # round; one left unconfirmed (as an import would) is asked in the next pass.
    pending = OrganisationFactory(status=Organisation.Status.PENDING, confirmed_at=None)
    with time_machine.travel(NOW + timedelta(hours=2), tick=False):
        organisation_approve(organisation=pending, by=make_municipal_coordinator())
        imported = OrganisationFactory(
            confirmed_at=NOW - timedelta(days=300), approved_at=NOW + timedelta(hours=2)
        )
    admin = MembershipFactory(organisation=imported, role="admin").user
    sent = len(mail.outbox)
    later = NOW + timedelta(hours=3)
    with time_machine.travel(later, tick=False), django_capture_on_commit_callbacks(execute=True):
        assert yearly_confirmation(later) == 1
    assert [m.to for m in mail.outbox[sent:]] == [[admin.email]]
    assert not ReminderDelivery.objects.filter(kind=REQUEST, object_id=pending.pk).exists()


@pytest.mark.django_db
@pytest.mark.parametrize("associations", [10, 200])
def test_nothing_due_makes_the_same_queries_whatever_the_register(
    associations, django_capture_on_commit_callbacks, django_assert_num_queries
):
    register_of(associations)
    signed_up_unverified(3)
    make_municipal_coordinator()
    assert run_all(django_capture_on_commit_callbacks)["organisations.yearly_confirmation"] > 0
    sent = len(mail.outbox)
    with django_assert_num_queries(NOTHING_DUE_QUERIES):
        results = run_all(django_capture_on_commit_callbacks)
    assert all(result == 0 for result in results.values()), results
    assert len(mail.outbox) == sent


@pytest.mark.django_db
@pytest.mark.parametrize("associations", [10, 200])
def test_after_the_deadline_nothing_due_makes_the_same_queries(
    associations, django_capture_on_commit_callbacks, django_assert_num_queries
):
    register_of(associations)
    make_municipal_coordinator()
    after_deadline = NOW + timedelta(days=45)
    with time_machine.travel(after_deadline, tick=False):
        with django_capture_on_commit_callbacks(execute=True):
            assert yearly_confirmation(after_deadline) == associations + 2  # marked + report
        # The round, who is left to mark, whether any is unconfirmed, the report.
        with django_assert_num_queries(4):
            with django_capture_on_commit_callbacks(execute=True):
                assert yearly_confirmation(after_deadline) == 0


def _in_two_connections(work):
    """Run ``work()`` in two threads at once, each in its own connection and
    transaction, released together by a barrier; returns both results."""
    barrier = threading.Barrier(2, timeout=30)
    # Even eager, Celery takes a producer from kombu's pools; test_celery_worker
    # closes the pooled connections it used, and kombu's registry keeps them.
    kombu.pools.reset()
    app._pool, app.amqp._producer_pool = None, None
    results, errors = [], []

    def worker():
        # Celery's current app is per thread (another test's worker may have left
        # a different default): this thread enqueues through the portal's, as a
        # process does.
        app.set_current()
        try:
            with time_machine.travel(NOW, tick=False), transaction.atomic():
                barrier.wait()
                results.append(work())
        except Exception as error:  # noqa: BLE001  (reported by the test below)
            errors.append("".join(traceback.format_exception(error)))
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == [], "\n".join(errors)
    return results


@pytest.mark.django_db(transaction=True)
def test_two_sweeps_at_once_schedule_each_reminder_once():
    orgs = register_of(20)
    results = _in_two_connections(lambda: yearly_confirmation(NOW))
    assert sorted(results)[0] + sorted(results)[1] == len(orgs) + 1
    assert ReminderDelivery.objects.filter(kind=REQUEST).count() == len(orgs) + 1
    assert len(mail.outbox) == len(orgs) + 1


@pytest.mark.django_db(transaction=True)
def test_the_same_reminder_at_once_in_two_connections_is_recorded_once():
    org = OrganisationFactory()
    user = UserFactory()

    def schedule():
        return reminders.reminder_schedule(kind=REQUEST, target=org, recipient=user, due=START)

    results = _in_two_connections(schedule)
    assert sum(result is not None for result in results) == 1
    assert ReminderDelivery.objects.count() == 1
    assert len(mail.outbox) == 1
