"""The yearly review: a path not reviewed for a year is flagged to its owner on
that day and then monthly, exactly once per due date however often the sweep runs;
after downtime only the latest step; marking it reviewed stops it. The sweep reads
what is due: with nothing due its queries do not grow with the number of paths."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext

from portal.contacts.models import ContactPath, add_months
from portal.contacts.review import REMINDER, current_step, remind_unreviewed
from portal.contacts.services import contact_path_mark_reviewed
from portal.models import ReminderDelivery
from tests.contacts.factories import (
    ContactPathFactory,
    make_department_coordinator,
    make_municipal_coordinator,
    make_official,
)
from tests.portal.factories import DepartmentFactory, UserFactory

TZ = ZoneInfo("Europe/Stockholm")
REVIEWED = datetime(2026, 3, 10, 14, 0, tzinfo=TZ)


def at(day: date, hour: int = 6) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=TZ)


def sweep(capture, day: date) -> int:
    now = at(day)
    with time_machine.travel(now, tick=False), capture(execute=True):
        return remind_unreviewed(now)


@pytest.fixture
def path(db):
    department = DepartmentFactory(name="Kultur- och fritidsförvaltningen")
    path = ContactPathFactory(title="Föreningsbidrag", department=department)
    ContactPath.objects.filter(pk=path.pk).update(reviewed_at=REVIEWED)
    path.refresh_from_db()
    return path


@pytest.mark.parametrize(
    ("reviewed", "today", "step"),
    [
        (date(2026, 3, 10), date(2027, 3, 9), None),
        (date(2026, 3, 10), date(2027, 3, 10), date(2027, 3, 10)),
        (date(2026, 3, 10), date(2027, 4, 9), date(2027, 3, 10)),
        (date(2026, 3, 10), date(2027, 4, 10), date(2027, 4, 10)),
        (date(2026, 3, 10), date(2028, 1, 2), date(2027, 12, 10)),
        (date(2026, 1, 31), date(2027, 2, 28), date(2027, 2, 28)),
        (date(2026, 1, 31), date(2027, 3, 30), date(2027, 2, 28)),
        (date(2026, 1, 31), date(2027, 3, 31), date(2027, 3, 31)),
        (date(2024, 2, 29), date(2025, 2, 28), date(2025, 2, 28)),
    ],
)
def test_the_steps_are_a_year_then_monthly(reviewed, today, step):
    assert current_step(reviewed, today) == step


def test_add_months_clamps_to_the_month_s_end():
    assert add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert add_months(date(2026, 3, 31), -1) == date(2026, 2, 28)
    assert add_months(date(2026, 12, 15), 1) == date(2027, 1, 15)


@pytest.mark.django_db
def test_the_owner_is_flagged_once_then_monthly(path, django_capture_on_commit_callbacks):
    coordinator = make_department_coordinator(path.department, email="samordnare@kommun.example.se")
    make_official(path.department)  # officials see it on their page; not mailed
    assert sweep(django_capture_on_commit_callbacks, date(2027, 3, 9)) == 0
    assert sweep(django_capture_on_commit_callbacks, date(2027, 3, 10)) == 1
    assert [m.to for m in mail.outbox] == [[coordinator.email]]
    assert "Föreningsbidrag" in mail.outbox[0].subject
    assert "/hitta-ratt/hantera/" in mail.outbox[0].body
    for day in (date(2027, 3, 10), date(2027, 3, 11), date(2027, 4, 9)):
        assert sweep(django_capture_on_commit_callbacks, day) == 0  # once per due date
    assert sweep(django_capture_on_commit_callbacks, date(2027, 4, 10)) == 1
    assert sweep(django_capture_on_commit_callbacks, date(2027, 4, 10)) == 0
    assert len(mail.outbox) == 2
    dues = sorted(ReminderDelivery.objects.filter(kind=REMINDER).values_list("due", flat=True))
    assert dues == [date(2027, 3, 10), date(2027, 4, 10)]


@pytest.mark.django_db
def test_after_downtime_only_the_latest_step_is_sent(path, django_capture_on_commit_callbacks):
    make_department_coordinator(path.department)
    assert sweep(django_capture_on_commit_callbacks, date(2027, 7, 20)) == 1
    assert ReminderDelivery.objects.get(kind=REMINDER).due == date(2027, 7, 10)


@pytest.mark.django_db
def test_marking_it_reviewed_stops_the_reminders(path, django_capture_on_commit_callbacks):
    coordinator = make_department_coordinator(path.department)
    assert sweep(django_capture_on_commit_callbacks, date(2027, 3, 10)) == 1
    with time_machine.travel(at(date(2027, 3, 12)), tick=False):
        contact_path_mark_reviewed(path=path, by=coordinator)
    assert sweep(django_capture_on_commit_callbacks, date(2027, 4, 10)) == 0
    assert sweep(django_capture_on_commit_callbacks, date(2028, 3, 12)) == 1


@pytest.mark.django_db
def test_the_named_person_is_the_owner_when_they_have_an_account(
    path, django_capture_on_commit_callbacks
):
    person = UserFactory(email="tove@kommun.example.se")
    make_department_coordinator(path.department)
    ContactPath.objects.filter(pk=path.pk).update(person=person)
    assert sweep(django_capture_on_commit_callbacks, date(2027, 3, 10)) == 1
    assert [m.to for m in mail.outbox] == [[person.email]]
    # An account closed: the department's coordinators again (a new recipient).
    person.is_active = False
    person.save()
    assert sweep(django_capture_on_commit_callbacks, date(2027, 4, 10)) == 1
    assert mail.outbox[-1].to != [person.email]


@pytest.mark.django_db
def test_without_department_coordinators_the_municipal_ones_are_told(
    path, django_capture_on_commit_callbacks
):
    municipal = make_municipal_coordinator()
    make_department_coordinator(DepartmentFactory())  # another department's
    assert sweep(django_capture_on_commit_callbacks, date(2027, 3, 10)) == 1
    assert [m.to for m in mail.outbox] == [[municipal.email]]


@pytest.mark.django_db
def test_unpublished_paths_are_not_flagged(path, django_capture_on_commit_callbacks):
    make_department_coordinator(path.department)
    ContactPath.objects.filter(pk=path.pk).update(is_published=False)
    assert sweep(django_capture_on_commit_callbacks, date(2027, 3, 10)) == 0


@pytest.mark.django_db
def test_with_nothing_due_the_sweep_reads_only_what_is_due(
    path, django_capture_on_commit_callbacks
):
    make_department_coordinator(path.department)

    def queries(day: date) -> int:
        with CaptureQueriesContext(connection) as captured:
            sweep(django_capture_on_commit_callbacks, day)
        return len(captured)

    assert queries(date(2027, 1, 1)) == 1  # not yet due: one indexed read
    for _n in range(20):
        ContactPathFactory(department=path.department)  # reviewed today: never due
    assert queries(date(2027, 1, 1)) == 1
    sweep(django_capture_on_commit_callbacks, date(2027, 3, 10))
    # Due and already reminded: the paths, the coordinators, one insert of nothing.
    assert queries(date(2027, 3, 11)) == 3
    sql = str(ContactPath.objects.review_due(date(2027, 3, 11)).query)
    assert '"reviewed_at" <' in sql and '"is_published"' in sql  # index contactpath_review


@pytest.mark.parametrize("back", ["99999999999999999999", "hitta-ratt", "/hitta-ratt/"])
def test_marking_it_reviewed_goes_back_to_any_local_next(client, path, back):
    """A ``next`` that is a relative path went through redirect(), which took it for
    a view's name: NoReverseMatch, a 500 (found by the form fuzzer, tests/fuzz)."""
    client.force_login(make_municipal_coordinator())
    response = client.post(f"/hitta-ratt/hantera/{path.pk}/granskad/", {"next": back})
    assert response.status_code == 302
    assert response["Location"] == back
