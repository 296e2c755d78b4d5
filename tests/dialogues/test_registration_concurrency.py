"""Places are exact under concurrency, on PostgreSQL with a connection per sign-up:
fifty associations signing up at the same moment for ten places give ten confirmed
and forty waiting, and cancellations, even two at once, promote one each."""

import threading

import pytest
from django.db import connections

from dialogues.models import Registration
from dialogues.services.registrations import registration_cancel, registration_create
from tests.concurrency import first_holds_then
from tests.organisations.factories import MembershipFactory

from .factories import MeetingFactory

pytestmark = pytest.mark.django_db(transaction=True)
SIGN_UPS, PLACES = 50, 10


def _in_parallel(actions) -> list:
    """Run each action in a thread of its own (so a connection of its own), all let
    go at once; their outcomes (a value or the exception raised), in order."""
    barrier = threading.Barrier(len(actions))
    outcomes = [None] * len(actions)

    def run(index, action):
        try:
            connections["default"].ensure_connection()
            barrier.wait(timeout=30)
            outcomes[index] = action()
        except Exception as exc:  # noqa: BLE001 - reported to the test
            outcomes[index] = exc
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=item) for item in enumerate(actions)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    return outcomes


def _sign_up(meeting, membership):
    return lambda: registration_create(
        meeting=meeting, organisation=membership.organisation, by=membership.user, attendees=1
    )


def test_fifty_at_once_for_ten_places():
    meeting = MeetingFactory(capacity=PLACES)
    memberships = [MembershipFactory() for _ in range(SIGN_UPS)]
    outcomes = _in_parallel([_sign_up(meeting, m) for m in memberships])
    assert all(isinstance(o, Registration) for o in outcomes), outcomes
    registrations = meeting.registrations.all()
    assert registrations.confirmed().count() == PLACES
    assert registrations.waiting().count() == SIGN_UPS - PLACES
    assert meeting.places_taken() == PLACES

    # One cancellation promotes exactly one: the first in the waiting list.
    first_waiting = registrations.waiting().first()
    cancelled = registrations.confirmed().first()
    registration_cancel(registration=cancelled, by=cancelled.registered_by)
    assert registrations.confirmed().count() == PLACES
    assert registrations.waiting().count() == SIGN_UPS - PLACES - 1
    assert Registration.objects.get(pk=first_waiting.pk).status == "confirmed"

    # Two at the same moment: the second waits for the first's lock, and each
    # promotes one, never the same one twice.
    one, two = registrations.confirmed()[:2]
    first, second = first_holds_then(
        lambda: registration_cancel(registration=one, by=one.registered_by),
        lambda: registration_cancel(registration=two, by=two.registered_by),
    )
    assert isinstance(first, Registration) and isinstance(second, Registration)
    assert registrations.confirmed().count() == PLACES
    assert registrations.waiting().count() == SIGN_UPS - PLACES - 3
    assert registrations.filter(promoted_at__isnull=False).count() == 3


def test_the_same_association_twice_at_once_is_signed_up_once():
    meeting = MeetingFactory(capacity=PLACES)
    membership = MembershipFactory()
    outcomes = _in_parallel([_sign_up(meeting, membership) for _ in range(5)])
    assert sum(isinstance(o, Registration) for o in outcomes) == 1
    assert all(isinstance(o, Registration) or o.field == "organisation" for o in outcomes), outcomes
    assert meeting.registrations.count() == 1
