"""The core's sweep (one reminder to verify the e-mail address), run_all and
``manage.py run_sweeps``."""

import datetime
import re
from io import StringIO

import pytest
import time_machine
from allauth.account.models import EmailAddress
from django.core.management import CommandError, call_command
from django.db import IntegrityError, transaction
from django.utils import timezone, translation

from portal import sweeps
from portal.models import Department, ReminderDelivery

from .factories import UserFactory

pytestmark = pytest.mark.django_db

START = datetime.datetime(2026, 3, 2, 9, 0, tzinfo=datetime.UTC)
LINK = re.compile(r"https?://[^/\s]+(/\S*confirm-email/\S+/)")


@pytest.fixture
def sweep(django_capture_on_commit_callbacks):
    """Run every sweep as beat would, executing what they enqueue after commit."""

    def run():
        with django_capture_on_commit_callbacks(execute=True):
            return sweeps.run_all()

    return run


@pytest.fixture
def extra_sweeps():
    before = sweeps.registered()
    yield sweeps.register
    sweeps._SWEEPS.clear()
    sweeps._SWEEPS.update(before)


def unverified(email="new@example.se", **extra):
    return UserFactory(email=email, verified=False, **extra)


def test_nothing_before_three_days(sweep, mailoutbox):
    with time_machine.travel(START, tick=False) as traveller:
        unverified()
        traveller.shift(datetime.timedelta(days=2, hours=23))
        assert sweep()["account.verify_email"] == 0
    assert mailoutbox == []


def test_one_reminder_after_three_days_even_when_swept_twice(sweep, mailoutbox):
    with time_machine.travel(START, tick=False) as traveller:
        user = unverified()
        traveller.shift(datetime.timedelta(days=3, minutes=1))
        assert sweep()["account.verify_email"] == 1
        traveller.shift(datetime.timedelta(hours=1))
        assert sweep()["account.verify_email"] == 0
        traveller.shift(datetime.timedelta(days=5))
        assert sweep()["account.verify_email"] == 0
    assert [m.to for m in mailoutbox] == [[user.email]]
    assert ReminderDelivery.objects.get().sent_at is not None


def test_the_link_in_the_reminder_verifies_the_address(sweep, mailoutbox, client):
    with time_machine.travel(START, tick=False) as traveller:
        user = unverified()
        traveller.shift(datetime.timedelta(days=4))
        sweep()
        match = LINK.search(mailoutbox[0].body)
        assert match, mailoutbox[0].body
        path = match.group(1)
        # Opening the link shows the confirmation page; it does not confirm on GET.
        assert client.get(path).status_code == 200
        assert not EmailAddress.objects.get(user=user).verified
        response = client.post(path)
        assert response.status_code == 302
    assert EmailAddress.objects.get(user=user).verified


def test_verified_and_inactive_users_get_nothing(sweep, mailoutbox):
    with time_machine.travel(START, tick=False) as traveller:
        UserFactory(email="verified@example.se")
        unverified("inactive@example.se", is_active=False)
        traveller.shift(datetime.timedelta(days=4))
        assert sweep()["account.verify_email"] == 0
    assert mailoutbox == []


def test_a_sweep_after_downtime_catches_up_once(sweep, mailoutbox):
    with time_machine.travel(START, tick=False) as traveller:
        user = unverified()
        late = unverified("late@example.se")
        late.date_joined = timezone.now() + datetime.timedelta(days=2)
        late.save()
        # No sweep ran for ten days.
        traveller.shift(datetime.timedelta(days=10))
        assert sweep()["account.verify_email"] == 2
        assert sweep()["account.verify_email"] == 0
    assert sorted(m.to[0] for m in mailoutbox) == sorted([user.email, late.email])
    delivery = ReminderDelivery.objects.get(recipient=user)
    assert delivery.due == datetime.date(2026, 3, 5)


def test_the_reminder_is_in_the_users_language(sweep, mailoutbox):
    with time_machine.travel(START, tick=False) as traveller:
        unverified(language="en")
        traveller.shift(datetime.timedelta(days=4))
        sweep()
    assert mailoutbox[0].subject == "Please confirm your e-mail address for Samverkansportalen"


def test_one_failing_sweep_does_not_stop_the_others(sweep, extra_sweeps, mailoutbox):
    @extra_sweeps("test.fails")
    def fails(now):
        # A database error: on PostgreSQL it would abort the whole transaction
        # if the sweep did not run in its own savepoint.
        Department.objects.create(name="Twice", slug="twice-1")
        Department.objects.create(name="Twice", slug="twice-2")
        return 0

    @extra_sweeps("test.after")
    def after(now):
        return Department.objects.count() + 1

    with time_machine.travel(START, tick=False) as traveller:
        unverified()
        traveller.shift(datetime.timedelta(days=4))
        with pytest.raises(IntegrityError), transaction.atomic():
            fails(timezone.now())  # the failing sweep really fails
        results = sweep()
    assert results["account.verify_email"] == 1
    assert results["test.fails"] == -1
    assert results["test.after"] == 1
    assert len(mailoutbox) == 1
    assert not Department.objects.exists()


def test_run_sweeps_command_prints_each_sweep(mailoutbox, django_capture_on_commit_callbacks):
    with time_machine.travel(START, tick=False) as traveller:
        unverified()
        traveller.shift(datetime.timedelta(days=4))
        out = StringIO()
        with translation.override("en"), django_capture_on_commit_callbacks(execute=True):
            call_command("run_sweeps", stdout=out)
    assert "account.verify_email: 1 scheduled" in out.getvalue()
    assert len(mailoutbox) == 1


def test_run_sweeps_command_reports_a_failure_after_running_the_rest(extra_sweeps):
    @extra_sweeps("test.broken")
    def broken(now):
        raise RuntimeError("boom")

    @extra_sweeps("test.fine")
    def fine(now):
        return 2

    out = StringIO()
    with pytest.raises(CommandError, match=f"1 of {len(sweeps.registered())} sweeps failed"):
        with translation.override("en"):
            call_command("run_sweeps", stdout=out)
    assert "test.broken: failed" in out.getvalue()
    assert "test.fine: 2 scheduled" in out.getvalue()
