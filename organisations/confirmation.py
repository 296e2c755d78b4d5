"""The yearly confirmation of the register's data, as one reminder sweep.

For the current round (the latest ``ConfirmationRound`` that has started),
every active organisation not confirmed since the round started is asked to
confirm: the request on ``starts_on``, reminders 14 and 28 days later. A run
after downtime catches up, but sends only the most recent step that applies
(one mail that says "please confirm", not three on the same day). After the
deadline the organisations still unconfirmed get ``unconfirmed_since`` (they
are shown as unconfirmed, never deleted) and the municipal coordinators are
told once per round. The delivery log makes every step happen at most once.
"""

from datetime import datetime, time, timedelta

from django.conf import settings
from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal import sweeps
from portal.audit import audit_log
from portal.models import CoordinatorAssignment
from portal.reminders import (
    register_kind,
    reminders_recorded,
    reminders_schedule_each,
    reminders_swept_at,
)

from .models import ConfirmationRound, Membership, Organisation

REQUEST = "organisations.confirm_request"
REMINDER_14 = "organisations.confirm_reminder_14"
REMINDER_28 = "organisations.confirm_reminder_28"
UNCONFIRMED_REPORT = "organisations.unconfirmed_report"

STEPS = ((REQUEST, 0), (REMINDER_14, 14), (REMINDER_28, 28))
APPROVAL_LAG = timedelta(hours=1)


def current_round(today):
    return ConfirmationRound.objects.filter(starts_on__lte=today).order_by("-starts_on").first()


def _organisation_context(delivery) -> dict:
    org = delivery.target
    round_ = current_round(delivery.due)
    return {
        "organisation": org,
        "confirm_url": settings.SITE_URL + reverse("organisations:confirm", args=[org.slug]),
        "edit_url": settings.SITE_URL + reverse("organisations:edit", args=[org.slug]),
        "deadline": round_.deadline if round_ else None,
    }


def _report_context(delivery) -> dict:
    round_ = delivery.target
    return {
        "round": round_,
        "organisations": list(Organisation.objects.unconfirmed().order_by("name")),
        "list_url": settings.SITE_URL
        + reverse("admin:organisations_organisation_changelist")
        + "?unconfirmed=yes",
    }


register_kind(
    REQUEST,
    label=_("Yearly confirmation: request to confirm"),
    template="organisations/emails/confirm_request",
    context=_organisation_context,
)
register_kind(
    REMINDER_14,
    label=_("Yearly confirmation: first reminder"),
    template="organisations/emails/confirm_reminder",
    context=_organisation_context,
)
register_kind(
    REMINDER_28,
    label=_("Yearly confirmation: second reminder"),
    template="organisations/emails/confirm_reminder",
    context=_organisation_context,
)
register_kind(
    UNCONFIRMED_REPORT,
    label=_("Yearly confirmation: unconfirmed associations, to coordinators"),
    template="organisations/emails/unconfirmed_report",
    context=_report_context,
)


def _start_of(day) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


@sweeps.register("organisations.yearly_confirmation")
def yearly_confirmation(now: datetime) -> int:
    today = timezone.localdate(now)
    round_ = current_round(today)
    if round_ is None:
        return 0
    pending = Organisation.objects.awaiting_confirmation(since=_start_of(round_.starts_on))
    if today > round_.deadline:
        return _mark_unconfirmed(round_, pending, now)
    # The most recent step whose day has come.
    kind, offset = [(k, o) for k, o in STEPS if round_.starts_on + timedelta(days=o) <= today][-1]
    due = round_.starts_on + timedelta(days=offset)
    # A pass of a step reaches every association pending then, so after the first
    # only an approval makes one due (APPROVAL_LAG covers an approval that committed
    # while a pass ran). A step reaches an association once: an administrator who
    # joins after it gets the next step.
    swept_at = reminders_swept_at(kind=kind, due=due, model=Organisation)
    if swept_at is not None:
        pending = pending.filter(approved_at__gte=swept_at - APPROVAL_LAG)
    pending = pending.exclude(Exists(reminders_recorded(kind=kind, due=due, model=Organisation)))
    # Each active administrator, or the association's own address when it has none.
    admins = Membership.objects.filter(role=Membership.Role.ADMIN, user__is_active=True)
    to_admins = reminders_schedule_each(
        kind=kind,
        queryset=admins.filter(organisation__in=pending),
        target="organisation_id",
        target_model=Organisation,
        recipient="user_id",
        email="user__email",
        due=due,
    )
    to_associations = reminders_schedule_each(
        kind=kind,
        queryset=pending.exclude(email="").exclude(
            Exists(admins.filter(organisation=OuterRef("pk")))
        ),
        email="email",
        due=due,
    )
    return len(to_admins) + len(to_associations)


def _mark_unconfirmed(round_, pending, now) -> int:
    newly = list(pending.filter(unconfirmed_since__isnull=True).values_list("pk", flat=True))
    if newly:
        Organisation.objects.filter(pk__in=newly).update(unconfirmed_since=now)
        audit_log(
            actor=None,
            action="organisation.marked_unconfirmed",
            target=round_,
            data={"organisations": newly, "deadline": round_.deadline.isoformat()},
        )
    scheduled = []
    if newly or Organisation.objects.unconfirmed().exists():
        scheduled = reminders_schedule_each(
            kind=UNCONFIRMED_REPORT,
            queryset=CoordinatorAssignment.objects.municipal().filter(user__is_active=True),
            target=round_.pk,
            target_model=ConfirmationRound,
            recipient="user_id",
            email="user__email",
            due=round_.deadline + timedelta(days=1),
        )
    return len(newly) + len(scheduled)
