"""Swedish working days, for deadlines promised "within N working days".

A working day is a weekday that is neither a Swedish public holiday nor one of the
de facto holidays (midsommarafton, julafton, nyårsafton: python-holidays lists them
in a category of their own), nor a day an app declares closed with
``register_closed_days`` (En väg in's table of bridge days and closed offices,
which coordinators extend in the admin). The core never imports those apps.

A deadline of N working days falls at the end of the Nth working day after the day
of receipt: the day of receipt does not count, and something received on a day
that is not a working day counts as received on the next working day (so it is
never due sooner than something received on the working day before it).
"""

from collections.abc import Callable, Iterable
from datetime import date, datetime, time, timedelta
from functools import lru_cache

import holidays
from django.utils import timezone

ClosedDays = Callable[[date, date], Iterable[date]]
_SOURCES: list[ClosedDays] = []


def register_closed_days(source: ClosedDays) -> None:
    """Add a source of closed days: ``source(first, last)`` gives the closed dates
    between the two, inclusive (called from an app's ``AppConfig.ready()``)."""
    if source not in _SOURCES:
        _SOURCES.append(source)


@lru_cache(maxsize=32)
def _holidays(year: int) -> frozenset[date]:
    return frozenset(holidays.Sweden(years=year, categories=(holidays.PUBLIC, holidays.DE_FACTO)))


class WorkCalendar:
    """The days that are not working days, read a year at a time: one query per
    year to each source of closed days, however many dates are asked about. Make
    one per request or task and reuse it for all the dates at hand."""

    def __init__(self):
        self._closed: dict[int, frozenset[date]] = {}

    def _closed_in(self, year: int) -> frozenset[date]:
        if year not in self._closed:
            first, last = date(year, 1, 1), date(year, 12, 31)
            days = set(_holidays(year))
            for source in _SOURCES:
                days.update(source(first, last))
            self._closed[year] = frozenset(days)
        return self._closed[year]

    def is_working_day(self, day: date) -> bool:
        return day.weekday() < 5 and day not in self._closed_in(day.year)

    def next_working_day(self, day: date) -> date:
        """``day`` itself if it is a working day, else the first one after it."""
        while not self.is_working_day(day):
            day += timedelta(days=1)
        return day

    def previous_working_day(self, day: date) -> date:
        """The last working day before ``day``."""
        day -= timedelta(days=1)
        while not self.is_working_day(day):
            day -= timedelta(days=1)
        return day

    def receipt_day(self, moment: datetime | date) -> date:
        """The working day something received at ``moment`` counts as received on."""
        day = timezone.localdate(moment) if isinstance(moment, datetime) else moment
        return self.next_working_day(day)

    def add_working_days(self, received_at: datetime | date, n: int) -> datetime:
        """The end (local time) of the Nth working day after the day of receipt."""
        day = self.receipt_day(received_at)
        for _ in range(n):
            day = self.next_working_day(day + timedelta(days=1))
        return end_of_day(day)

    def working_days_between(self, a: datetime | date, b: datetime | date) -> int:
        """Working days after the day of receipt ``a`` up to and including ``b``'s day:
        ``working_days_between(a, add_working_days(a, n)) == n``. Negative when ``b``
        comes first."""
        start = self.receipt_day(a)
        end = timezone.localdate(b) if isinstance(b, datetime) else b
        if end < start:
            return -self.working_days_between(end, start)
        count, day = 0, start + timedelta(days=1)
        while day <= end:
            count += self.is_working_day(day)
            day += timedelta(days=1)
        return count


def end_of_day(day: date) -> datetime:
    """The last moment of ``day`` in the portal's time zone."""
    return timezone.make_aware(datetime.combine(day, time.max))


def add_working_days(received_at: datetime | date, n: int) -> datetime:
    """See ``WorkCalendar.add_working_days`` (a calendar of its own)."""
    return WorkCalendar().add_working_days(received_at, n)


def working_days_between(a: datetime | date, b: datetime | date) -> int:
    """See ``WorkCalendar.working_days_between`` (a calendar of its own)."""
    return WorkCalendar().working_days_between(a, b)
