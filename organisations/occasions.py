"""The calendar's occasions: each time an activity happens in the period shown. A
weekly training is one row with a rule; its occasions are expanded here, in Python,
after one bounded query (``ActivityQuerySet.starting_from`` and ``upcoming`` find
a series through its indexed ``repeats_until``).

The query reads the period's rows in start order, their times and rules only, at
most ``CAP`` + 1 of them; each row's occasions are merged lazily in time order, so
an open-ended rule costs only the occasions shown, and the page's rows are then read
whole by primary key."""

import heapq
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from itertools import islice

from django.db.models import Q
from django.utils import timezone

from portal.recurrence import describe, each_occurrence

from .filters import local_day_start
from .models import REPEATS, Activity

CALENDAR_DAYS = 28  # the period shown when no end is chosen: four weeks
RUNNING_DAYS = 31  # without a start day, what began this long ago and still runs
CAP = 1000


@dataclass
class Occasion:
    """One time an activity happens: the activity's own times, or one of its rule's."""

    activity: Activity
    starts_at: datetime
    ends_at: datetime | None

    @property
    def local_day(self) -> date:
        return timezone.localdate(self.starts_at)

    @property
    def repeats(self) -> str:
        """The rule in words ("Every week on Tuesdays"), for a repeating activity."""
        return describe(self.activity.recurrence, self.activity.starts_at)


@dataclass(frozen=True)
class Period:
    """The days the calendar shows, first to last. Without a chosen start it starts
    now and shows what still runs (``since``: begun at most RUNNING_DAYS ago)."""

    first: date
    last: date
    start: datetime
    end: datetime
    since: datetime | None = None

    @classmethod
    def of(cls, filterset, *, now: datetime) -> "Period":
        cleaned = getattr(filterset.form, "cleaned_data", {}) if filterset.is_bound else {}
        chosen_from, chosen_to = cleaned.get("from"), cleaned.get("to")
        first = chosen_from or timezone.localdate(now)
        last = chosen_to or first + timedelta(days=CALENDAR_DAYS - 1)
        end = local_day_start(last + timedelta(days=1))
        if chosen_from:
            return cls(first, last, local_day_start(first), end)
        return cls(first, last, now, end, since=now - timedelta(days=RUNNING_DAYS))

    def shifted_query(self, params, direction: int) -> str | None:
        """``params`` (the other filters) with the "from" and "to" of the period as
        long before (-1) or after (1) this one."""
        length = (self.last - self.first).days + 1
        if length < 1:
            return None
        first = self.first + timedelta(days=direction * length)
        moved = params.copy()
        moved["from"] = first.isoformat()
        moved["to"] = (first + timedelta(days=length - 1)).isoformat()
        return moved.urlencode()

    def series_times(self, pk: int, starts: datetime, ends: datetime | None, rule: str):
        """(start, pk, end) of a series' occasions in the period, in time order; with
        no chosen start day also the one still running now."""
        duration = ends - starts if ends else None
        after = self.start
        if self.since is not None:
            after = max(self.start - (duration or timedelta(0)), self.since)
        for start in each_occurrence(rule, starts, after=after, before=self.end):
            yield start, pk, start + duration if duration is not None else None


def still_running(activities, now: datetime):
    """Without a chosen start day: what is still to come or still runs, begun at most
    RUNNING_DAYS ago (a bound that keeps the query on the starts_at index), and the
    series going on."""
    since = now - timedelta(days=RUNNING_DAYS)
    return activities.upcoming(now).filter(Q(starts_at__gte=since) | REPEATS)


def expand(activities, period: Period, *, cap: int) -> tuple[list[tuple], bool]:
    """[(start, pk, end)] of the occasions in the period in time order, at most
    ``cap``, and whether there were more. ``activities``: those the filters and
    ``still_running`` or ``starting_from`` let through."""
    rows = activities.filter(starts_at__lt=period.end).values_list(
        "pk", "starts_at", "ends_at", "recurrence"
    )[: cap + 1]
    # Plain values, not models: a busy period has hundreds of rows. A one-off row is
    # its occasion, in the query's order (the query holds the period's bounds).
    one_offs, series = [], []
    for pk, starts, ends, rule in rows:
        if rule:
            series.append(period.series_times(pk, starts, ends, rule))
        else:
            one_offs.append((starts, pk, ends))
    found = list(islice(heapq.merge(one_offs, *series), cap + 1))
    return found[:cap], len(found) > cap


def fill(times: list[tuple], queryset) -> list[Occasion]:
    """The page's occasions with their activities, read in one query."""
    activities = queryset.in_bulk({pk for _start, pk, _end in times})
    return [Occasion(activities[pk], start, end) for start, pk, end in times if pk in activities]


def next_occasion(activity: Activity, now: datetime) -> Occasion | None:
    """The activity's occasion running now or coming next; None once it is over."""
    for start, end in activity.occasions(after=now - activity.duration):
        return Occasion(activity, start, end)
    return None


def next_occasions(activities, now: datetime) -> list[Occasion]:
    """Each activity once, at its next occasion, in time order (an association's page,
    its representatives' list)."""
    found = (next_occasion(activity, now) for activity in activities)
    return sorted((o for o in found if o), key=lambda o: (o.starts_at, o.activity.pk))
