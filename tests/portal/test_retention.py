"""Personal data is not kept longer than needed: accounts never verified and
invitations never used are erased by sweeps."""

import datetime

import pytest
import time_machine
from django.utils import timezone

from portal import sweeps
from portal.models import User

from .factories import UserFactory

pytestmark = pytest.mark.django_db

START = datetime.datetime(2026, 3, 2, 9, 0, tzinfo=datetime.UTC)


def test_unverified_account_is_erased_after_thirty_days_and_no_sooner(
    django_capture_on_commit_callbacks,
):
    with (
        time_machine.travel(START, tick=False) as traveller,
        django_capture_on_commit_callbacks(execute=True),
    ):
        stale = UserFactory(email="never@example.se", verified=False)
        verified = UserFactory(email="fine@example.se")
        logged_in = UserFactory(email="old-login@example.se", verified=False)
        logged_in.last_login = timezone.now()
        logged_in.save(update_fields=["last_login"])
        staff = UserFactory(email="staff@example.se", verified=False, is_staff=True)

        traveller.shift(datetime.timedelta(days=29, hours=23))
        assert sweeps.run_all()["account.purge_unverified"] == 0
        assert User.objects.filter(pk=stale.pk).exists()

        traveller.shift(datetime.timedelta(hours=2))
        assert sweeps.run_all()["account.purge_unverified"] == 1
    remaining = set(User.objects.values_list("email", flat=True))
    assert remaining == {verified.email, logged_in.email, staff.email}


def test_an_account_verified_after_the_sweep_found_it_is_not_erased(
    django_capture_on_commit_callbacks,
):
    with time_machine.travel(START, tick=False) as traveller:
        late = UserFactory(email="late@example.se", verified=False)
        traveller.shift(datetime.timedelta(days=31))
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            assert sweeps.run_all()["account.purge_unverified"] == 1
        # The address is verified before the worker gets to the erasure.
        late.emailaddress_set.update(verified=True)
        for callback in callbacks:
            callback()
    assert User.objects.filter(pk=late.pk).exists()
