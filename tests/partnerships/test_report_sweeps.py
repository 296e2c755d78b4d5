"""The reports' reminders, each sent once: to the representatives two weeks before a
report is due and when it is overdue, and weekly to the coordinators while any is
overdue. Run twice, nothing is sent twice."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail

from partnerships.models import ReportDue
from partnerships.services.reports import report_submit
from partnerships.sweeps_reports import (
    remind_coordinators_weekly,
    remind_due_soon,
    remind_overdue,
)
from portal.models import ReminderDelivery
from tests.inquiries.factories import make_coordinator_of
from tests.organisations.factories import make_municipal_coordinator
from tests.partnerships.report_factories import ReportDueFactory, content, setting

pytestmark = pytest.mark.django_db
TZ = ZoneInfo("Europe/Stockholm")
NOW = datetime(2026, 6, 20, 9, 0, tzinfo=TZ)  # a Saturday


def run(sweep, capture, now=NOW):
    with time_machine.travel(now, tick=False), capture(execute=True):
        return sweep(now)


def test_due_soon_once_to_each_representative(django_capture_on_commit_callbacks):
    s = setting(due_on=date(2026, 6, 30))
    ReportDueFactory(agreement=s.agreement, due_on=date(2026, 9, 30))  # not yet
    assert run(remind_due_soon, django_capture_on_commit_callbacks) == 1
    assert [m.to for m in mail.outbox] == [[s.representative.email]]
    assert "30 juni 2026" in mail.outbox[0].body
    assert run(remind_due_soon, django_capture_on_commit_callbacks) == 0
    assert len(mail.outbox) == 1


def test_a_submitted_report_is_not_reminded(django_capture_on_commit_callbacks):
    s = setting(due_on=date(2026, 6, 30))
    report_submit(report=s.report, by=s.representative, **content())
    assert run(remind_due_soon, django_capture_on_commit_callbacks) == 0


def test_overdue_once_and_only_for_running_agreements(django_capture_on_commit_callbacks):
    s = setting(due_on=date(2026, 6, 1))
    idea = setting(due_on=date(2026, 6, 1))
    idea.agreement.status = "idea"
    idea.agreement.save()
    assert run(remind_overdue, django_capture_on_commit_callbacks) == 1
    assert mail.outbox[0].to == [s.representative.email]
    assert run(remind_overdue, django_capture_on_commit_callbacks) == 0


def test_weekly_to_the_coordinators_while_overdue(django_capture_on_commit_callbacks):
    s = setting(due_on=date(2026, 6, 1))
    municipal = make_municipal_coordinator()
    ours = make_coordinator_of(s.department)
    make_coordinator_of(setting(due_on=date(2026, 12, 1)).department)  # nothing overdue there
    assert run(remind_coordinators_weekly, django_capture_on_commit_callbacks) == 2
    assert sorted(m.to[0] for m in mail.outbox) == sorted([municipal.email, ours.email])
    assert s.report.title in mail.outbox[0].body
    # The same week: nothing; the next week: again.
    later = NOW + timedelta(days=1)
    assert run(remind_coordinators_weekly, django_capture_on_commit_callbacks, later) == 0
    next_week = NOW + timedelta(days=7)
    assert run(remind_coordinators_weekly, django_capture_on_commit_callbacks, next_week) == 2
    # Once submitted, nothing is overdue.
    report_submit(report=s.report, by=s.representative, **content())
    after = NOW + timedelta(days=14)
    assert run(remind_coordinators_weekly, django_capture_on_commit_callbacks, after) == 0
    assert ReminderDelivery.objects.filter(kind="partnerships.reports_overdue_weekly").count() == 4


def test_nothing_due_sends_nothing(django_capture_on_commit_callbacks):
    setting(due_on=date(2026, 12, 1))
    make_municipal_coordinator()
    for sweep in (remind_due_soon, remind_overdue, remind_coordinators_weekly):
        assert run(sweep, django_capture_on_commit_callbacks) == 0
    assert ReportDue.objects.count() == 1
