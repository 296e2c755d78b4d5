"""Sweeps about sign-ups: reminders to registrants a week and a day before the
meeting, and the erasure of attendees' needs a while after it.

Each reads only the meetings in its window (index meeting_status_start) or the
needs still held (index registration_needs_held), so it costs what is due, not
the history; the delivery log's unique key makes each reminder go out once, and a
run after downtime catches up within the window."""

from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import DateTimeField, ExpressionWrapper, F
from django.db.models.functions import TruncDate
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal import sweeps
from portal.audit import audit_log
from portal.reminders import register_kind, reminders_schedule_each

from .models import Meeting, Registration

# (kind, days before the meeting); each reaches the meetings between its day and
# the next reminder's, so a late sign-up gets the next one only.
REMINDERS = (("dialogues.meeting_reminder_7", 7), ("dialogues.meeting_reminder_1", 1))


def _reminder_context(days: int):
    def context(delivery) -> dict:
        from .tasks import registration_mail_context

        return {**registration_mail_context(delivery.target), "days": days}

    return context


register_kind(
    REMINDERS[0][0],
    label=_("Forum meeting: reminder a week before, to those signed up"),
    template="dialogues/emails/meeting_reminder",
    context=_reminder_context(7),
)
register_kind(
    REMINDERS[1][0],
    label=_("Forum meeting: reminder the day before, to those signed up"),
    template="dialogues/emails/meeting_reminder",
    context=_reminder_context(1),
)


def due_registrations(now: datetime, days: int, until_days: int):
    """Confirmed sign-ups for meetings that start between ``until_days`` and
    ``days`` days from now and were made before the reminder's moment."""
    before = timedelta(days=days)
    return Registration.objects.filter(
        status=Registration.Status.CONFIRMED,
        meeting__status__in=[Meeting.Status.OPEN, Meeting.Status.CLOSED],
        meeting__starts_at__gt=now + timedelta(days=until_days),
        meeting__starts_at__lte=now + before,
        created_at__lte=F("meeting__starts_at") - before,
    )


@sweeps.register("dialogues.meeting_reminders")
def remind_registrants(now: datetime) -> int:
    sent = 0
    for (kind, days), until_days in zip(REMINDERS, (REMINDERS[1][1], 0), strict=True):
        registrations = due_registrations(now, days, until_days)
        due = TruncDate(
            ExpressionWrapper(
                F("meeting__starts_at") - timedelta(days=days), output_field=DateTimeField()
            ),
            tzinfo=timezone.get_current_timezone(),
        )
        # The person who signed up; when their account is gone, the association.
        sent += len(
            reminders_schedule_each(
                kind=kind,
                queryset=registrations.filter(registered_by__is_active=True),
                recipient="registered_by_id",
                email="registered_by__email",
                due=due,
            )
        )
        sent += len(
            reminders_schedule_each(
                kind=kind,
                queryset=registrations.filter(registered_by__isnull=True).exclude(
                    organisation__email=""
                ),
                email="organisation__email",
                due=due,
            )
        )
    return sent


@sweeps.register("dialogues.erase_needs")
@transaction.atomic
def erase_needs(now: datetime) -> int:
    """Attendees' needs (possibly health data) serve the meeting only: erased
    ``DIALOGUES_NEEDS_RETENTION_DAYS`` after it ended.
    One audit entry per meeting, without the needs."""
    cutoff = now - timedelta(days=settings.DIALOGUES_NEEDS_RETENTION_DAYS)
    held = list(
        Registration.objects.exclude(needs="")
        .filter(meeting__ends_at__lt=cutoff)
        .values_list("pk", "meeting_id")
    )
    if not held:
        return 0
    counts: dict[int, int] = {}
    for _pk, meeting_id in held:
        counts[meeting_id] = counts.get(meeting_id, 0) + 1
    for meeting in Meeting.objects.filter(pk__in=counts).select_related("forum"):
        audit_log(
            actor=None,
            action="registration.needs_erased",
            target=meeting,
            data={"registrations": counts[meeting.pk]},
        )
    return Registration.objects.filter(pk__in=[pk for pk, _meeting in held]).update(needs="")
