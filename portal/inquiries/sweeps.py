"""En väg in's sweeps: a reminder to whoever holds a case the working day before
each deadline, an escalation to the municipal coordinators once it has passed,
and the erasure of the sender's data a while after the case closes.

Each reads only what is due, by the partial indexes on open cases (the moments are
stored on the row, deadlines.py), within a look-back window so that a run after
downtime catches up; the delivery log's key (kind, deadline, case, recipient)
sends each reminder once per deadline, however often the sweep runs. A deadline
that moves (a pause, a closed day) is a new deadline with reminders of its own."""

from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Exists, F, OuterRef
from django.db.models.functions import TruncDate
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal import sweeps
from portal.mail import site_url
from portal.models import CoordinatorAssignment, ReminderDelivery, User
from portal.reminders import Reminder, register_kind, reminders_schedule_many

from .models import Inquiry

LOOK_BACK = timedelta(days=14)
ACK_REMINDER = "inquiries.acknowledge_reminder"
ACK_ESCALATION = "inquiries.acknowledge_escalation"
ANSWER_REMINDER = "inquiries.answer_reminder"
ANSWER_ESCALATION = "inquiries.answer_escalation"
STAGES = {
    ACK_REMINDER: "acknowledge",
    ACK_ESCALATION: "acknowledge",
    ANSWER_REMINDER: "answer",
    ANSWER_ESCALATION: "answer",
}


def _context(delivery) -> dict:
    return {
        "case_url": site_url(reverse("inquiries:case", args=[delivery.target.reference])),
        "stage": STAGES[delivery.kind],
    }


register_kind(
    ACK_REMINDER,
    label=_("One way in: reminder before the acknowledgement deadline"),
    template="inquiries/emails/deadline_reminder",
    context=_context,
)
register_kind(
    ANSWER_REMINDER,
    label=_("One way in: reminder before the answer deadline"),
    template="inquiries/emails/deadline_reminder",
    context=_context,
)
register_kind(
    ACK_ESCALATION,
    label=_("One way in: not acknowledged in time, to coordinators"),
    template="inquiries/emails/deadline_escalation",
    context=_context,
)
register_kind(
    ANSWER_ESCALATION,
    label=_("One way in: not answered in time, to coordinators"),
    template="inquiries/emails/deadline_escalation",
    context=_context,
)


def _unacknowledged():
    return Inquiry.objects.open().filter(acknowledged_at__isnull=True)


def due(now: datetime) -> dict[str, tuple]:
    """Each kind's cases due at ``now`` and the field holding their deadline."""
    since = now - LOOK_BACK
    return {
        ACK_REMINDER: (
            _unacknowledged().filter(
                acknowledge_remind_at__lte=now, acknowledge_remind_at__gt=since
            ),
            "acknowledge_due_at",
        ),
        ACK_ESCALATION: (
            _unacknowledged().filter(acknowledge_due_at__lte=now, acknowledge_due_at__gt=since),
            "acknowledge_due_at",
        ),
        ANSWER_REMINDER: (
            Inquiry.objects.open().filter(answer_remind_at__lte=now, answer_remind_at__gt=since),
            "answer_due_at",
        ),
        ANSWER_ESCALATION: (
            Inquiry.objects.open().filter(answer_due_at__lte=now, answer_due_at__gt=since),
            "answer_due_at",
        ),
    }


def _recipients(cases: list[tuple], *, escalate: bool) -> dict[int, list[tuple[int, str]]]:
    """{case id: [(user id, e-mail)]}: the holders (assignee, else the department's
    coordinators, else the municipal ones), or the municipal coordinators. A few
    queries for all the cases due, not one per case."""
    assignments = CoordinatorAssignment.objects.filter(user__is_active=True)
    municipal = list(assignments.municipal().values_list("user_id", "user__email"))
    if escalate:
        return {pk: municipal for pk, *_rest in cases}
    departments = {department for _pk, _due, _user, department in cases if department}
    by_department: dict[int, list] = {}
    for department, user_id, email in assignments.filter(department_id__in=departments).values_list(
        "department_id", "user_id", "user__email"
    ):
        by_department.setdefault(department, []).append((user_id, email))
    assignees = dict(
        User.objects.filter(
            pk__in={user for _pk, _due, user, _dep in cases if user}, is_active=True
        ).values_list("pk", "email")
    )
    result = {}
    for pk, _due, user, department in cases:
        if user in assignees:
            result[pk] = [(user, assignees[user])]
        else:
            result[pk] = by_department.get(department) or municipal
    return result


def schedule(kind: str, queryset, deadline: str, now: datetime) -> int:
    """Record (and after commit send) the reminders of ``kind`` for the cases due,
    leaving out in the query those the log already holds for this deadline. A
    reminder whose deadline has passed (the sweep was down) is left to the
    escalation; that is checked on the few rows due, so that the query is one range
    of the reminder moment's index."""
    recorded = ReminderDelivery.objects.filter(
        kind=kind,
        due=OuterRef("reminder_due"),
        content_type=ContentType.objects.get_for_model(Inquiry),
        object_id=OuterRef("pk"),
    )
    rows = (
        queryset.order_by()
        .annotate(reminder_due=TruncDate(F(deadline), tzinfo=timezone.get_current_timezone()))
        .filter(~Exists(recorded))
        .values_list("pk", "reminder_due", "assignee_id", "department_id", deadline)
    )
    reminder = kind in (ACK_REMINDER, ANSWER_REMINDER)
    cases = [row[:4] for row in rows if not reminder or row[4] > now]
    if not cases:
        return 0
    recipients = _recipients(cases, escalate=kind in (ACK_ESCALATION, ANSWER_ESCALATION))
    rows = [
        Reminder(pk, user_id, email, due_on)
        for pk, due_on, _user, _department in cases
        for user_id, email in recipients[pk]
    ]
    return len(reminders_schedule_many(kind=kind, target_model=Inquiry, rows=rows))


@sweeps.register("inquiries.deadlines")
def deadlines_sweep(now: datetime) -> int:
    return sum(schedule(kind, queryset, field, now) for kind, (queryset, field) in due(now).items())


def due_for_erasure(now: datetime):
    """Closed cases whose sender's data is kept no longer (index inquiry_to_erase)."""
    cutoff = now - timedelta(days=settings.INQUIRY_RETENTION_DAYS)
    return Inquiry.objects.filter(
        status=Inquiry.Status.CLOSED, erased_at__isnull=True, closed_at__lt=cutoff
    ).order_by()


@sweeps.register("inquiries.erase_personal_data")
def erase_personal_data_sweep(now: datetime) -> int:
    """Find the cases due; each is erased by a task of its own after commit."""
    from .tasks import erase_inquiry_personal_data

    ids = list(due_for_erasure(now).values_list("pk", flat=True))
    if ids:
        transaction.on_commit(lambda: [erase_inquiry_personal_data.delay(pk) for pk in ids])
    return len(ids)
