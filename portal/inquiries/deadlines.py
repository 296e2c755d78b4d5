"""An inquiry's deadlines in working days, stored on its row so that the sweeps
find what is due by an index instead of computing every open case's dates.

Acknowledged by a person within INQUIRY_ACKNOWLEDGE_WORKING_DAYS and answered
(closed) within INQUIRY_ANSWER_WORKING_DAYS after the day of receipt, plus the
working days it waited for the sender. Each deadline has a reminder moment: the
start of the working day before it (REMINDER_HOUR, local time).
"""

from datetime import datetime, time

from django.conf import settings
from django.utils import timezone

from portal.workdays import WorkCalendar

REMINDER_HOUR = 7


def remind_at(calendar: WorkCalendar, due_at: datetime) -> datetime:
    day = calendar.previous_working_day(timezone.localdate(due_at))
    return timezone.make_aware(datetime.combine(day, time(REMINDER_HOUR)))


def set_acknowledge_deadline(inquiry, calendar: WorkCalendar) -> None:
    due = calendar.add_working_days(inquiry.received_at, settings.INQUIRY_ACKNOWLEDGE_WORKING_DAYS)
    inquiry.acknowledge_due_at = due
    inquiry.acknowledge_remind_at = remind_at(calendar, due)


def set_answer_deadline(inquiry, calendar: WorkCalendar) -> None:
    """The answer deadline counts the pauses; while one lasts there is none."""
    if inquiry.is_paused:
        inquiry.answer_due_at = inquiry.answer_remind_at = None
        return
    days = settings.INQUIRY_ANSWER_WORKING_DAYS + inquiry.paused_working_days
    due = calendar.add_working_days(inquiry.received_at, days)
    inquiry.answer_due_at = due
    inquiry.answer_remind_at = remind_at(calendar, due)


DEADLINE_FIELDS = [
    "acknowledge_due_at",
    "acknowledge_remind_at",
    "answer_due_at",
    "answer_remind_at",
]


def set_deadlines(inquiry, calendar: WorkCalendar | None = None) -> None:
    calendar = calendar or WorkCalendar()
    set_acknowledge_deadline(inquiry, calendar)
    set_answer_deadline(inquiry, calendar)


def expected_answer_date(inquiry):
    """What the sender is told to expect: the delay notice's date, else the
    answer deadline's (the receipt's date while none is running)."""
    if inquiry.expected_answer_on:
        return inquiry.expected_answer_on
    if inquiry.answer_due_at:
        return timezone.localdate(inquiry.answer_due_at)
    return None


def forecast_late(inquiry, now: datetime | None = None) -> bool:
    """Open, not noticed as delayed, and its answer deadline passed or coming within
    the next working day: the assignee is asked to send a delay notice (§ 11)."""
    if inquiry.is_closed or inquiry.answer_due_at is None or inquiry.delay_noticed_at:
        return False
    now = now or timezone.now()
    return inquiry.answer_remind_at is not None and inquiry.answer_remind_at <= now
