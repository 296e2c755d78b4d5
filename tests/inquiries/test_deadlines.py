"""Deadlines and escalation over Easter, midsommar and Christmas: a reminder to
whoever holds the case on the working day before each deadline and an escalation
to the municipal coordinators after it, each exactly once although the sweeps run
twice at every step; a case forecast late asks for a delay notice; a closed day
added in the admin moves open cases' deadlines."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.urls import reverse

from portal import sweeps
from portal.inquiries import services
from portal.inquiries.deadlines import forecast_late
from portal.inquiries.models import ClosedDay, Inquiry
from portal.inquiries.sweeps import (
    ACK_ESCALATION,
    ACK_REMINDER,
    ANSWER_ESCALATION,
    ANSWER_REMINDER,
)
from portal.models import ReminderDelivery
from tests.organisations.factories import make_municipal_coordinator

from .factories import make_official, submit

pytestmark = pytest.mark.django_db
TZ = ZoneInfo("Europe/Stockholm")
KINDS = (ACK_REMINDER, ACK_ESCALATION, ANSWER_REMINDER, ANSWER_ESCALATION)


def at(day: str, hour: int) -> datetime:
    return datetime.fromisoformat(day).replace(hour=hour, tzinfo=TZ)


def day_after(day: str, hour: int) -> datetime:
    following = date.fromordinal(date.fromisoformat(day).toordinal() + 1)
    return datetime(following.year, following.month, following.day, hour, tzinfo=TZ)


def run_twice(capture, moment):
    with time_machine.travel(moment, tick=False):
        for _ in range(2):
            with capture(execute=True):
                sweeps.run_all(moment)


def sent() -> dict[str, set[str]]:
    result = {kind: set() for kind in KINDS}
    for kind, email in ReminderDelivery.objects.values_list("kind", "recipient_email"):
        if kind in result:
            result[kind].add(email)
    return result


SEASONS = {
    # received, acknowledge by, answer by, (ack reminder, answer reminder) mornings
    "easter": ("2026-04-01", "2026-04-07", "2026-04-17", "2026-04-02", "2026-04-16"),
    "midsommar": ("2026-06-17", "2026-06-22", "2026-07-02", "2026-06-18", "2026-07-01"),
    "christmas": ("2026-12-22", "2026-12-28", "2027-01-12", "2026-12-23", "2027-01-11"),
}


@pytest.mark.parametrize("season", SEASONS)
def test_reminders_and_escalations_each_once(season, django_capture_on_commit_callbacks):
    received, ack_by, answer_by, ack_reminder, answer_reminder = SEASONS[season]
    triage = make_municipal_coordinator()
    coordinators = {triage.email, make_municipal_coordinator().email}
    official = make_official()
    with time_machine.travel(at(received, 10), tick=False):
        inquiry, _token = submit()
    assert inquiry.acknowledge_due_at.astimezone(TZ).date() == date.fromisoformat(ack_by)
    assert inquiry.answer_due_at.astimezone(TZ).date() == date.fromisoformat(answer_by)

    run_twice(django_capture_on_commit_callbacks, at(received, 12))
    assert sent() == {kind: set() for kind in KINDS}

    # The working day before the acknowledgement deadline: the holders (nobody is
    # assigned, so the municipal coordinators) are reminded, once.
    run_twice(django_capture_on_commit_callbacks, at(ack_reminder, 8))
    assert sent()[ACK_REMINDER] == coordinators
    reminded = len(mail.outbox)
    assert reminded == 2

    # The deadline day passes; the next morning it is escalated, once.
    run_twice(django_capture_on_commit_callbacks, at(ack_by, 16))
    assert sent()[ACK_ESCALATION] == set()
    run_twice(django_capture_on_commit_callbacks, day_after(ack_by, 9))
    assert sent()[ACK_ESCALATION] == coordinators

    # Assigned: the official is reminded before the answer deadline, the
    # coordinators told after it, each once.
    with time_machine.travel(day_after(ack_by, 10), tick=False):
        services.inquiry_assign(
            inquiry=inquiry,
            to_department=official.department,
            to_user=official,
            reason="Hen kan detta.",
            by=triage,
        )
        inquiry.refresh_from_db()
        assert not forecast_late(inquiry)
    run_twice(django_capture_on_commit_callbacks, at(answer_reminder, 8))
    assert sent()[ANSWER_REMINDER] == {official.email}
    with time_machine.travel(at(answer_reminder, 8), tick=False):
        assert forecast_late(inquiry)
    run_twice(django_capture_on_commit_callbacks, day_after(answer_by, 9))
    assert sent()[ANSWER_ESCALATION] == coordinators
    totals = {kind: ReminderDelivery.objects.filter(kind=kind).count() for kind in KINDS}
    assert totals == {
        ACK_REMINDER: 2,
        ACK_ESCALATION: 2,
        ANSWER_REMINDER: 1,
        ANSWER_ESCALATION: 2,
    }
    reminder = next(m for m in mail.outbox if m.to == [official.email] and "Frist" in m.subject)
    assert reverse("inquiries:case", args=[inquiry.reference]) in reminder.body
    assert "förseningsbesked" in reminder.body


def test_a_closed_case_is_neither_reminded_nor_escalated(django_capture_on_commit_callbacks):
    coordinator = make_municipal_coordinator()
    with time_machine.travel(at("2026-04-01", 10), tick=False):
        inquiry, _token = submit()
        services.inquiry_close(inquiry=inquiry, outcome="answered", text="Klart.", by=coordinator)
    run_twice(django_capture_on_commit_callbacks, at("2026-04-08", 9))
    run_twice(django_capture_on_commit_callbacks, at("2026-04-20", 9))
    assert not ReminderDelivery.objects.filter(kind__in=KINDS).exists()


def test_a_paused_case_is_not_escalated_until_the_clock_runs(django_capture_on_commit_callbacks):
    make_municipal_coordinator()
    with time_machine.travel(at("2026-03-02", 10), tick=False):
        inquiry, _token = submit()
    with time_machine.travel(at("2026-03-03", 10), tick=False):
        services.inquiry_reply(
            inquiry=Inquiry.objects.get(pk=inquiry.pk),
            body="Vilka dagar?",
            by=make_municipal_coordinator(),
            waits_for_sender=True,
        )
    run_twice(django_capture_on_commit_callbacks, at("2026-03-20", 9))  # past the 10 days
    assert not ReminderDelivery.objects.filter(kind=ANSWER_ESCALATION).exists()


def test_a_closed_day_moves_open_deadlines(client):
    coordinator = make_municipal_coordinator()
    with time_machine.travel(at("2026-05-13", 10), tick=False):
        inquiry, _token = submit()
    assert inquiry.acknowledge_due_at.astimezone(TZ).date() == date(2026, 5, 18)
    client.force_login(coordinator)
    response = client.post(
        "/admin/inquiries/closedday/add/", {"date": "2026-05-15", "reason": "Klämdag"}
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert ClosedDay.objects.get().reason == "Klämdag"
    inquiry.refresh_from_db()
    assert inquiry.acknowledge_due_at.astimezone(TZ).date() == date(2026, 5, 19)


def test_nothing_due_costs_the_same_whatever_the_history(django_capture_on_commit_callbacks):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from portal.inquiries.sweeps import deadlines_sweep, erase_personal_data_sweep

    def cost():
        with CaptureQueriesContext(connection) as queries:
            deadlines_sweep(at("2026-03-02", 6))
            erase_personal_data_sweep(at("2026-03-02", 6))
        return len(queries)

    empty = cost()
    with time_machine.travel(at("2026-01-05", 10), tick=False):
        for _ in range(10):
            submit()
    assert cost() == empty == 5  # one statement per kind, one for erasure
