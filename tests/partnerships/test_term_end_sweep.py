"""Term-end reminders: six and three months before an agreement's term ends its
departments' officials and coordinators are asked to decide on renewal, each step
once, however often the sweep runs."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from partnerships.models import Agreement
from partnerships.sweeps_renewal import KIND, agreements_due, remind_term_ending
from portal.models import ReminderDelivery
from tests.contacts.factories import make_department_coordinator, make_official
from tests.portal.factories import DepartmentFactory

from .factories import AgreementFactory

pytestmark = pytest.mark.django_db
TZ = ZoneInfo("Europe/Stockholm")


def at(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 9, 0, tzinfo=TZ)


def run(capture, day: date) -> int:
    with time_machine.travel(at(day), tick=False), capture(execute=True):
        return remind_term_ending(at(day))


@pytest.fixture
def department():
    return DepartmentFactory()


def test_six_and_three_months_before_the_end_each_once(
    department, django_capture_on_commit_callbacks, mailoutbox
):
    official = make_official(department)
    coordinator = make_department_coordinator(department)
    make_official(DepartmentFactory())  # another department's: not asked
    agreement = AgreementFactory(ends_on=date(2027, 12, 31), departments=[department])
    assert run(django_capture_on_commit_callbacks, date(2027, 6, 29)) == 0
    assert run(django_capture_on_commit_callbacks, date(2027, 6, 30)) == 2
    assert run(django_capture_on_commit_callbacks, date(2027, 6, 30)) == 0
    assert run(django_capture_on_commit_callbacks, date(2027, 7, 10)) == 0
    assert sorted(m.to[0] for m in mailoutbox) == sorted([official.email, coordinator.email])
    assert agreement.title in mailoutbox[0].subject
    assert f"/samverkan/avtal/{agreement.pk}/" in mailoutbox[0].body
    assert run(django_capture_on_commit_callbacks, date(2027, 9, 30)) == 2
    assert run(django_capture_on_commit_callbacks, date(2027, 10, 1)) == 0
    dues = set(ReminderDelivery.objects.filter(kind=KIND).values_list("due", flat=True))
    assert dues == {date(2027, 6, 30), date(2027, 9, 30)}
    assert len(mailoutbox) == 4


def test_a_missed_run_catches_up_and_a_renewed_or_ended_agreement_is_left(
    department, django_capture_on_commit_callbacks
):
    make_official(department)
    AgreementFactory(ends_on=date(2027, 12, 31), departments=[department])
    renewed = AgreementFactory(
        ends_on=date(2027, 12, 31), departments=[department], status=Agreement.Status.ENDED
    )
    AgreementFactory(
        renewed_from=AgreementFactory(ends_on=date(2027, 12, 31), departments=[department])
    )
    assert run(django_capture_on_commit_callbacks, date(2027, 7, 20)) == 1  # 20 days late
    assert renewed not in agreements_due(at(date(2027, 7, 20)))


def test_someone_both_official_and_coordinator_is_reminded_once(
    department, django_capture_on_commit_callbacks, mailoutbox
):
    official = make_official(department)
    from portal.models import CoordinatorAssignment

    CoordinatorAssignment.objects.create(user=official, department=department)
    AgreementFactory(ends_on=date(2027, 12, 31), departments=[department])
    assert run(django_capture_on_commit_callbacks, date(2027, 6, 30)) == 1
    assert [m.to for m in mailoutbox] == [[official.email]]


@pytest.mark.parametrize("agreements", [3, 30])
def test_with_nothing_due_two_statements_whatever_the_number_of_agreements(
    agreements, department, django_capture_on_commit_callbacks, django_assert_num_queries
):
    make_official(department)
    for _n in range(agreements):
        AgreementFactory(ends_on=date(2029, 12, 31), departments=[department])
    AgreementFactory(ends_on=date(2027, 12, 31), departments=[department])
    assert run(django_capture_on_commit_callbacks, date(2027, 6, 30)) == 1
    with django_assert_num_queries(2):
        assert run(django_capture_on_commit_callbacks, date(2027, 6, 30)) == 0
