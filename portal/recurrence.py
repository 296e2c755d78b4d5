"""Things that repeat (a weekly training, a monthly café, a forum's series of
meetings) as an RFC 5545 RRULE, expanded with python-dateutil.

People pick one of a few plain patterns and an end (a date or a number of times);
``build`` turns that into RRULE text, which is what is stored and what the feeds
carry. Expansion runs in Stockholm wall-clock time, so 18:00 stays 18:00 over the
change to summer time; UNTIL is written in UTC, as RFC 5545 requires beside a
DTSTART with a TZID."""

import re
from collections.abc import Iterator
from datetime import UTC, date, datetime, time

from dateutil.rrule import rrulestr
from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.dates import WEEKDAYS
from django.utils.formats import date_format
from django.utils.text import capfirst
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from .ical import LOCAL


class Pattern(models.TextChoices):
    NONE = "", _("Does not repeat")
    WEEKLY = "weekly", _("Every week")
    BIWEEKLY = "biweekly", _("Every other week")
    MONTHLY_WEEKDAY = (
        "monthly_weekday",
        _("Every month on the same weekday (e.g. the first Tuesday)"),
    )
    MONTHLY_DATE = "monthly_date", _("Every month on the same date")


_WEEKDAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]


def build(
    pattern: str, start: datetime, *, until: date | None = None, count: int | None = None
) -> str:
    """The RRULE text (without the ``RRULE:`` prefix) for a pattern starting at
    ``start``; empty for ``Pattern.NONE``."""
    if not pattern:
        return ""
    local_start = start.astimezone(LOCAL)
    parts = {
        Pattern.WEEKLY: ["FREQ=WEEKLY"],
        Pattern.BIWEEKLY: ["FREQ=WEEKLY", "INTERVAL=2"],
        Pattern.MONTHLY_DATE: ["FREQ=MONTHLY"],
    }.get(pattern)
    if pattern == Pattern.MONTHLY_WEEKDAY:
        nth = (local_start.day - 1) // 7 + 1
        nth = -1 if nth == 5 else nth  # the fifth Tuesday is the last one
        parts = ["FREQ=MONTHLY", f"BYDAY={nth}{_WEEKDAYS[local_start.weekday()]}"]
    if parts is None:
        raise ValueError(f"unknown pattern {pattern!r}")
    if until is not None:
        end = datetime.combine(until, time(23, 59, 59), tzinfo=LOCAL).astimezone(UTC)
        parts.append(f"UNTIL={end.strftime('%Y%m%dT%H%M%SZ')}")
    elif count is not None:
        parts.append(f"COUNT={count}")
    return ";".join(parts)


def each_occurrence(
    rule: str, start: datetime, *, after: datetime | None = None, before: datetime | None = None
) -> Iterator[datetime]:
    """The start times the rule gives from ``start`` (inclusive), in local time and
    one at a time, so an open-ended rule can be read as far as needed: only those in
    [after, before) when given."""
    series = rrulestr(rule, dtstart=start.astimezone(LOCAL))
    moments = series.xafter(after, inc=True) if after is not None else iter(series)
    for moment in moments:
        if before is not None and moment >= before:
            return
        yield moment


def occurrences(
    rule: str,
    start: datetime,
    *,
    after: datetime | None = None,
    before: datetime | None = None,
    limit: int | None = None,
) -> list[datetime]:
    """The start times the rule gives from ``start`` (inclusive), in local time,
    optionally only those in [after, before) and at most ``limit`` of them."""
    found = []
    for moment in each_occurrence(rule, start, after=after, before=before):
        found.append(moment)
        if limit is not None and len(found) >= limit:
            break
    return found


def last_occurrence(rule: str, start: datetime) -> datetime | None:
    """The last start time of a rule that ends (UNTIL or COUNT); None for one that
    goes on, or that gives no dates."""
    if "UNTIL=" not in rule and "COUNT=" not in rule:
        return None
    last = None
    for last in each_occurrence(rule, start):  # noqa: B007 - the last one is wanted
        pass
    return last


# "Every week on Tuesdays": the weekday's plural, which Django's calendar words lack.
_WEEKDAYS_PLURAL = [
    _("Mondays"),
    _("Tuesdays"),
    _("Wednesdays"),
    _("Thursdays"),
    _("Fridays"),
    _("Saturdays"),
    _("Sundays"),
]
_NTH = {1: _("first"), 2: _("second"), 3: _("third"), 4: _("fourth"), -1: _("last")}


def describe(rule: str, start: datetime | None = None) -> str:
    """The pattern in words, for pages ("Every week"); empty when it does not repeat.
    Given ``start`` (the first time), it names the day and the end: "Every week on
    Tuesdays, until 30 June 2026"."""
    if not rule:
        return ""
    if start is None:
        if "FREQ=WEEKLY" in rule:
            label = Pattern.BIWEEKLY.label if "INTERVAL=2" in rule else Pattern.WEEKLY.label
        elif "BYDAY=" in rule:
            label = _("Every month on the same weekday")
        else:
            label = Pattern.MONTHLY_DATE.label
        return str(label)
    local_start = start.astimezone(LOCAL)
    weekday = local_start.weekday()
    if "FREQ=WEEKLY" in rule:
        words = (
            gettext("Every other week on %(weekdays)s")
            if "INTERVAL=2" in rule
            else gettext("Every week on %(weekdays)s")
        ) % {"weekdays": _WEEKDAYS_PLURAL[weekday]}
    elif "BYDAY=" in rule:
        nth = int(re.search(r"BYDAY=(-?\d)", rule).group(1))
        words = gettext("Every month on the %(nth)s %(weekday)s") % {
            "nth": _NTH.get(nth, ""),
            "weekday": WEEKDAYS[weekday],
        }
    else:
        words = gettext("Every month on day %(day)d") % {"day": local_start.day}
    initial = initial_for(rule)
    if "repeat_until" in initial:
        words = gettext("%(pattern)s, until %(date)s") % {
            "pattern": words,
            "date": date_format(initial["repeat_until"], "j F Y"),
        }
    elif "repeat_count" in initial:
        count = initial["repeat_count"]
        words = ngettext("%(pattern)s, %(count)d time", "%(pattern)s, %(count)d times", count) % {
            "pattern": words,
            "count": count,
        }
    return capfirst(words)


class RecurrenceForm(forms.Form):
    """The fields that make a rule, for any form that also has a start time: mix it
    into the model form and call ``clean_recurrence(start)`` from ``clean()``.
    ``maximum`` bounds the number of dates; ``open_ended`` allows no end at all."""

    repeat = forms.ChoiceField(label=_("Repeats"), choices=Pattern.choices, required=False)
    repeat_until = forms.DateField(
        label=_("Repeats until"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("The last day it may happen. Leave empty to give a number of times."),
    )
    repeat_count = forms.IntegerField(
        label=_("Number of times"), required=False, min_value=1, max_value=1000
    )

    recurrence_maximum = 104
    recurrence_open_ended = False

    def clean_recurrence(self, start: datetime | None) -> str:
        """The RRULE text for the chosen pattern (empty when it does not repeat), or
        an error beside the field that has to change."""
        data = self.cleaned_data
        pattern = data.get("repeat") or ""
        until, count = data.get("repeat_until"), data.get("repeat_count")
        if not pattern:
            return ""
        if start is None:
            return ""
        if until is not None and count is not None:
            self.add_error(
                "repeat_count", _("Give either an end date or a number of times, not both.")
            )
            return ""
        if until is None and count is None and not self.recurrence_open_ended:
            self.add_error(
                "repeat_until", _("Say when it stops: an end date or a number of times.")
            )
            return ""
        if until is not None and until < start.astimezone(LOCAL).date():
            self.add_error("repeat_until", _("The end date is before the first time."))
            return ""
        rule = build(pattern, start, until=until, count=count)
        if until is None and count is None:
            return rule
        dates = occurrences(rule, start, limit=self.recurrence_maximum + 1)
        if not dates:
            self.add_error("repeat_until", _("These choices give no dates at all."))
            return ""
        if len(dates) > self.recurrence_maximum:
            field = "repeat_count" if count is not None else "repeat_until"
            self.add_error(
                field,
                ngettext(
                    "That gives more than %(max)d date. Choose an earlier end.",
                    "That gives more than %(max)d dates. Choose an earlier end.",
                    self.recurrence_maximum,
                )
                % {"max": self.recurrence_maximum},
            )
            return ""
        return rule


def initial_for(rule: str) -> dict:
    """The form's initial values for a stored rule, so editing shows what was chosen."""
    if not rule:
        return {"repeat": Pattern.NONE}
    if "FREQ=WEEKLY" in rule:
        pattern = Pattern.BIWEEKLY if "INTERVAL=2" in rule else Pattern.WEEKLY
    else:
        pattern = Pattern.MONTHLY_WEEKDAY if "BYDAY=" in rule else Pattern.MONTHLY_DATE
    initial = {"repeat": pattern}
    for part in rule.split(";"):
        key, _sep, value = part.partition("=")
        if key == "COUNT":
            initial["repeat_count"] = int(value)
        elif key == "UNTIL":
            moment = datetime.strptime(value, "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC)
            initial["repeat_until"] = moment.astimezone(LOCAL).date()
    return initial


def validate_rule(rule: str) -> None:
    """A model field validator: the stored text must parse as an RRULE."""
    if not rule:
        return
    try:
        rrulestr(rule, dtstart=datetime(2000, 1, 1, tzinfo=LOCAL))
    except (ValueError, TypeError) as error:
        raise ValidationError(_("This is not a recurrence rule.")) from error
