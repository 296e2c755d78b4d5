"""The yearly review of contact paths, as one reminder sweep.

A published path whose last review is REVIEW_MONTHS old is flagged to its owner on
that day, then on the same day of every following month until someone marks it
reviewed (or edits it). The owner is the named person when they have an active
account, else the department's coordinators, else the municipal coordinators:
officials of the department see their paths flagged on their own page, and a
department's officials are too many to mail.

A reminder's due date is the step's day, so the delivery log sends each step once
per recipient; a run after downtime sends only the latest step. The sweep reads the
published paths by ``reviewed_at`` (index contactpath_review): what is due, not
every path. Visitors see "not reviewed" once the grace period
(CONTACT_PATH_REVIEW_GRACE_DAYS) has passed too.
"""

from datetime import date, datetime

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal import sweeps
from portal.mail import site_url
from portal.models import CoordinatorAssignment
from portal.reminders import Reminder, register_kind, reminders_schedule_many

from .models import REVIEW_MONTHS, ContactPath, add_months

REMINDER = "contacts.review_reminder"


def _context(delivery) -> dict:
    path = delivery.target
    return {
        "path": path,
        "review_url": site_url(reverse("contacts:review", args=[path.pk])),
        "edit_url": site_url(reverse("contacts:edit", args=[path.pk])),
        "page_url": site_url(path.get_absolute_url()),
    }


register_kind(
    REMINDER,
    label=_("Contact path not reviewed for a year"),
    template="contacts/emails/review_reminder",
    context=_context,
)


def current_step(reviewed_on: date, today: date) -> date | None:
    """The day of the latest reminder due by ``today`` for a path last reviewed on
    ``reviewed_on``: REVIEW_MONTHS later, then monthly; None before the first."""
    first = add_months(reviewed_on, REVIEW_MONTHS)
    if today < first:
        return None
    months = (today.year - first.year) * 12 + today.month - first.month
    step = add_months(first, months)
    return step if step <= today else add_months(first, months - 1)


@sweeps.register("contacts.review")
def remind_unreviewed(now: datetime) -> int:
    today = timezone.localdate(now)
    paths = list(
        ContactPath.objects.review_due(today).values_list(
            "pk", "reviewed_at", "department_id", "person_id", "person__email", "person__is_active"
        )
    )
    if not paths:
        return 0
    coordinators: dict[int | None, list[tuple[int, str]]] = {}
    for department_id, user_id, email in CoordinatorAssignment.objects.filter(
        user__is_active=True
    ).values_list("department_id", "user_id", "user__email"):
        coordinators.setdefault(department_id, []).append((user_id, email))
    rows = []
    for pk, reviewed_at, department_id, person_id, person_email, person_active in paths:
        due = current_step(timezone.localdate(reviewed_at), today)
        if person_id and person_active:
            owners = [(person_id, person_email)]
        else:
            owners = coordinators.get(department_id) or coordinators.get(None, [])
        rows += [Reminder(pk, user_id, email, due) for user_id, email in owners]
    return len(reminders_schedule_many(kind=REMINDER, target_model=ContactPath, rows=rows))
