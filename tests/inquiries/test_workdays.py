"""Swedish working days (portal/workdays.py): weekends, public holidays, the de
facto ones (midsommarafton, julafton, nyårsafton) and the coordinators' closed
days are not counted; the day of receipt does not count, and something received on
a day off counts from the next working day."""

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest

from portal.inquiries.models import ClosedDay
from portal.workdays import WorkCalendar, add_working_days, working_days_between

TZ = ZoneInfo("Europe/Stockholm")


def at(day: str, hour: int = 10) -> datetime:
    return datetime.combine(date.fromisoformat(day), time(hour), tzinfo=TZ)


def end_of(day: str) -> datetime:
    return datetime.combine(date.fromisoformat(day), time.max, tzinfo=TZ)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("received", "n", "due"),
    [
        # An ordinary week: Monday + 2 = Wednesday; Thursday + 2 = Monday.
        ("2026-03-02", 2, "2026-03-04"),
        ("2026-03-05", 2, "2026-03-09"),
        # Received on a Saturday: counts as received on Monday.
        ("2026-03-07", 2, "2026-03-11"),
        # Easter 2026: Långfredagen 3 April, Annandag påsk 6 April.
        ("2026-04-01", 2, "2026-04-07"),
        ("2026-04-02", 1, "2026-04-07"),
        ("2026-04-03", 2, "2026-04-09"),  # received on Good Friday: from Tuesday
        ("2026-03-30", 10, "2026-04-15"),
        # Ascension Day, Thursday 14 May 2026 (and 1 May, a Friday).
        ("2026-05-13", 1, "2026-05-15"),
        ("2026-04-30", 1, "2026-05-04"),
        # Midsommar 2026: midsommarafton Friday 19 June (de facto), midsommardagen 20th.
        ("2026-06-18", 1, "2026-06-22"),
        ("2026-06-17", 2, "2026-06-22"),
        # Christmas and New Year 2026: julafton Thursday, juldagen, annandag jul,
        # nyårsafton Thursday, nyårsdagen Friday, trettondedag jul Wednesday 6 January.
        ("2026-12-22", 2, "2026-12-28"),
        ("2026-12-23", 1, "2026-12-28"),
        ("2026-12-24", 1, "2026-12-29"),
        ("2026-12-30", 2, "2027-01-05"),
        ("2026-12-30", 3, "2027-01-07"),
        # National day: Saturday 6 June 2026 changes nothing; Sunday 6 June 2027 neither.
        ("2026-06-05", 1, "2026-06-08"),
        # No days: the end of the day of receipt (of the next working day if off).
        ("2026-03-02", 0, "2026-03-02"),
        ("2026-03-08", 0, "2026-03-09"),
    ],
)
def test_add_working_days(received, n, due):
    assert add_working_days(at(received), n) == end_of(due)
    assert working_days_between(at(received), end_of(due)) == n


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("closed", "received", "n", "due"),
    [
        # A bridge day: Friday after Ascension 2026.
        (["2026-05-15"], "2026-05-13", 1, "2026-05-18"),
        # A closed office between Christmas and New Year.
        (["2026-12-28", "2026-12-29", "2026-12-30"], "2026-12-22", 2, "2027-01-04"),
        # Received on a closed day: counts from the next working day.
        (["2026-03-02"], "2026-03-02", 1, "2026-03-04"),
        # A closed day on a weekend changes nothing.
        (["2026-03-07"], "2026-03-06", 1, "2026-03-09"),
    ],
)
def test_closed_days_are_not_working_days(closed, received, n, due):
    for day in closed:
        ClosedDay.objects.create(date=date.fromisoformat(day), reason="Stängt")
    assert add_working_days(at(received), n) == end_of(due)
    assert working_days_between(at(received), end_of(due)) == n


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("a", "b", "days"),
    [
        ("2026-03-02", "2026-03-02", 0),
        ("2026-03-02", "2026-03-06", 4),
        ("2026-03-06", "2026-03-09", 1),
        ("2026-04-02", "2026-04-07", 1),  # over Easter
        ("2026-12-23", "2027-01-07", 6),  # 28, 29, 30 Dec, 4, 5, 7 Jan
        ("2026-03-06", "2026-03-02", -4),
    ],
)
def test_working_days_between(a, b, days):
    assert working_days_between(at(a), at(b)) == days


@pytest.mark.django_db
def test_de_facto_holidays_are_days_off():
    calendar = WorkCalendar()
    for day in ("2026-06-19", "2026-12-24", "2026-12-31", "2027-06-25"):
        assert not calendar.is_working_day(date.fromisoformat(day)), day
    assert calendar.is_working_day(date(2026, 12, 23))


@pytest.mark.django_db
def test_a_calendar_reads_each_year_once(django_assert_num_queries):
    calendar = WorkCalendar()
    with django_assert_num_queries(2):  # the closed days of 2026 and of 2027
        calendar.add_working_days(at("2026-12-22"), 10)
        calendar.add_working_days(at("2026-12-01"), 10)
        calendar.working_days_between(at("2026-12-01"), at("2027-01-20"))
