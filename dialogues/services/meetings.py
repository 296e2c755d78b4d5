"""A forum's meetings: made one by one or as a series from a recurrence rule, a
single occasion moved, and the status moved along the table on the model
(``Meeting.can_transition``), cancelling telling everyone signed up or waiting.

Every change locks the meeting's row (or the forum's, for new meetings), checks
that the user coordinates the forum (dialogues.rules.is_meeting_coordinator) and
writes the audit log in the same transaction; a refusal is a ``MeetingError``
with the form field it concerns, so a form shows it beside the field."""

from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from portal.audit import audit_log
from portal.recurrence import occurrences, validate_rule

from ..models import Forum, Meeting, MeetingSeries
from ..rules import is_meeting_coordinator
from .registrations import notify_cancelled, notify_moved

MAX_OCCASIONS = 24
# The audit code of each status a meeting is moved to (labels in audit_actions.py).
TRANSITION_ACTIONS = {
    Meeting.Status.PLANNED: "meeting.planned",
    Meeting.Status.OPEN: "meeting.registration_opened",
    Meeting.Status.CLOSED: "meeting.registration_closed",
    Meeting.Status.HELD: "meeting.held",
    Meeting.Status.CANCELLED: "meeting.cancelled",
}
# What a new meeting may be given besides forum, theme and times.
MEETING_FIELDS = (
    "agenda",
    "place",
    "online_url",
    "hearing_loop",
    "step_free",
    "interpretation",
    "accessibility_notes",
    "capacity",
    "asks_for_names",
)


class MeetingError(Exception):
    """A guard refused; ``message`` is for the user, ``field`` the form field it
    concerns (None for the whole form)."""

    def __init__(self, message: str, *, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field


def time_errors(starts_at, ends_at, registration_deadline=None) -> dict[str, str]:
    """The messages, by field, for times that do not fit together (the model's
    constraints, worded for the field that has to change)."""
    errors = {}
    if starts_at and ends_at and ends_at <= starts_at:
        errors["ends_at"] = _("The meeting must end after it starts.")
    if starts_at and registration_deadline and registration_deadline > starts_at:
        errors["registration_deadline"] = _(
            "The last day to register must be before the meeting starts."
        )
    return errors


def _check_times(starts_at, ends_at, registration_deadline=None) -> None:
    for field, message in time_errors(starts_at, ends_at, registration_deadline).items():
        raise MeetingError(message, field=field)


def _refuse_unless_coordinator(by, forum: Forum) -> None:
    if by is None or not is_meeting_coordinator(by, Meeting(forum=forum)):
        raise MeetingError(_("Only the forum's coordinators may do this."))


def _lock_forum(forum: Forum, by) -> Forum:
    locked = Forum.objects.select_for_update().filter(pk=forum.pk).first()
    if locked is None:
        raise MeetingError(_("The forum no longer exists."))
    if not locked.is_active:
        raise MeetingError(_("The forum no longer meets: make it active first."))
    _refuse_unless_coordinator(by, locked)
    return locked


def _lock_meeting(meeting: Meeting, by) -> Meeting:
    locked = (
        Meeting.objects.select_for_update(of=("self",))
        .select_related("forum")
        .filter(pk=meeting.pk)
        .first()
    )
    if locked is None:
        raise MeetingError(_("The meeting no longer exists."))
    _refuse_unless_coordinator(by, locked.forum)
    return locked


def _full_clean(meeting: Meeting) -> None:
    try:
        meeting.full_clean(exclude=["forum", "series"])
    except ValidationError as error:
        field, messages = next(iter(error.message_dict.items()))
        raise MeetingError(messages[0], field=None if field == "__all__" else field) from error


@transaction.atomic
def meeting_create(
    *,
    forum: Forum,
    by,
    theme: str,
    starts_at: datetime,
    ends_at: datetime,
    registration_deadline: datetime | None = None,
    **fields,
) -> Meeting:
    """One meeting, planned (registration is opened later)."""
    forum = _lock_forum(forum, by)
    _check_times(starts_at, ends_at, registration_deadline)
    meeting = Meeting(
        forum=forum,
        theme=theme,
        starts_at=starts_at,
        ends_at=ends_at,
        registration_deadline=registration_deadline,
        **{name: value for name, value in fields.items() if name in MEETING_FIELDS},
    )
    _full_clean(meeting)
    meeting.save()
    audit_log(
        actor=by,
        action="meeting.created",
        target=meeting,
        data={"forum": forum.pk, "starts_at": starts_at.isoformat()},
    )
    return meeting


def series_dates(rule: str, first_starts_at: datetime) -> list[datetime]:
    """The start times a rule gives, at most ``MAX_OCCASIONS``; a rule that does
    not parse, gives none or gives more is a ``MeetingError`` on the field ``rule``."""
    rule = (rule or "").strip().removeprefix("RRULE:")
    try:
        validate_rule(rule)
    except ValidationError as error:
        raise MeetingError(error.messages[0], field="rule") from error
    if not rule:
        raise MeetingError(_("Write a recurrence rule."), field="rule")
    try:
        dates = occurrences(rule, first_starts_at, limit=MAX_OCCASIONS + 1)
    except (ValueError, TypeError) as error:
        raise MeetingError(_("This is not a recurrence rule."), field="rule") from error
    if not dates:
        raise MeetingError(_("The rule gives no dates at all."), field="rule")
    if len(dates) > MAX_OCCASIONS:
        raise MeetingError(
            ngettext(
                "The rule gives more than %(max)d date: end it sooner (UNTIL or COUNT).",
                "The rule gives more than %(max)d dates: end it sooner (UNTIL or COUNT).",
                MAX_OCCASIONS,
            )
            % {"max": MAX_OCCASIONS},
            field="rule",
        )
    return dates


@transaction.atomic
def series_create(
    *,
    forum: Forum,
    by,
    rule: str,
    first_starts_at: datetime,
    duration: timedelta,
    theme: str,
    deadline_days_before: int | None = None,
    **fields,
) -> MeetingSeries:
    """A series and one planned meeting for each date the rule gives, all or none."""
    forum = _lock_forum(forum, by)
    if duration <= timedelta(0):
        raise MeetingError(_("The meeting must end after it starts."), field="duration")
    if deadline_days_before is not None and deadline_days_before < 0:
        raise MeetingError(
            _("The last day to register must be before the meeting starts."),
            field="deadline_days_before",
        )
    dates = series_dates(rule, first_starts_at)
    rule = rule.strip().removeprefix("RRULE:")
    series = MeetingSeries.objects.create(forum=forum, rule=rule, first_starts_at=first_starts_at)
    meetings = []
    for starts_at in dates:
        deadline = None
        if deadline_days_before is not None:
            deadline = starts_at - timedelta(days=deadline_days_before)
        meeting = Meeting(
            forum=forum,
            series=series,
            theme=theme,
            starts_at=starts_at,
            ends_at=starts_at + duration,
            registration_deadline=deadline,
            **{name: value for name, value in fields.items() if name in MEETING_FIELDS},
        )
        _full_clean(meeting)
        meetings.append(meeting)
    Meeting.objects.bulk_create(meetings)
    audit_log(
        actor=by,
        action="meeting.series_created",
        target=series,
        data={"forum": forum.pk, "rule": rule, "meetings": len(meetings)},
    )
    return series


@transaction.atomic
def meeting_move(
    *,
    meeting: Meeting,
    by,
    starts_at: datetime,
    ends_at: datetime,
    registration_deadline: datetime | None = None,
) -> Meeting:
    """Move one occasion (of a series or not) to another time, before it is held.
    The meeting keeps its calendar UID and raises its SEQUENCE; everyone signed up
    or waiting is told once (a repeated move to the same time is refused)."""
    meeting = _lock_meeting(meeting, by)
    if meeting.status not in (Meeting.Status.PLANNED, Meeting.Status.OPEN, Meeting.Status.CLOSED):
        raise MeetingError(
            _("A meeting that is “%(status)s” is not moved.")
            % {"status": meeting.get_status_display()}
        )
    _check_times(starts_at, ends_at, registration_deadline)
    if (meeting.starts_at, meeting.ends_at, meeting.registration_deadline) == (
        starts_at,
        ends_at,
        registration_deadline,
    ):
        raise MeetingError(_("The meeting is already at this time."), field="starts_at")
    moved_from = meeting.starts_at
    meeting.starts_at, meeting.ends_at = starts_at, ends_at
    meeting.registration_deadline = registration_deadline
    meeting.sequence += 1
    _full_clean(meeting)
    meeting.save(
        update_fields=["starts_at", "ends_at", "registration_deadline", "sequence", "updated_at"]
    )
    told = 0
    if moved_from != starts_at:
        told = notify_moved(meeting, moved_from)
    audit_log(
        actor=by,
        action="meeting.moved",
        target=meeting,
        data={"starts_at": [moved_from.isoformat(), starts_at.isoformat()], "told": told},
    )
    return meeting


@transaction.atomic
def meeting_transition(*, meeting: Meeting, to: str, by, reason: str = "") -> Meeting:
    """Move the meeting's status to ``to`` if the table and the clock allow it.
    Cancelling needs a reason and tells everyone signed up or waiting."""
    now = timezone.now()
    meeting = _lock_meeting(meeting, by)
    if to not in TRANSITION_ACTIONS:
        raise MeetingError(_("The minutes are published on their own page."))
    refusal = meeting.transition_refusal(to, now)
    if refusal:
        raise MeetingError(str(refusal))
    reason = (reason or "").strip()
    if to == Meeting.Status.CANCELLED and not reason:
        raise MeetingError(_("Say why the meeting is cancelled."), field="reason")
    previous = meeting.status
    meeting.status = to
    update = ["status", "updated_at"]
    if to == Meeting.Status.CANCELLED:
        meeting.cancelled_reason = reason
        update.append("cancelled_reason")
    meeting.save(update_fields=update)
    data = {"from": previous, "to": to}
    if to == Meeting.Status.CANCELLED:
        data["told"] = notify_cancelled(meeting)
    audit_log(actor=by, action=TRANSITION_ACTIONS[to], target=meeting, data=data)
    return meeting


def meeting_cancel(*, meeting: Meeting, by, reason: str) -> Meeting:
    return meeting_transition(meeting=meeting, to=Meeting.Status.CANCELLED, by=by, reason=reason)
