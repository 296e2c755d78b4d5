"""Activities an association publishes in the shared calendar."""

from collections.abc import Mapping
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.audit import audit_log

from ..models import Activity, Organisation
from .common import RegisterError, lock_for, mail_org

ACTIVITY_FIELDS = (
    "title",
    "starts_at",
    "ends_at",
    "place",
    "district",
    "description",
    "url",
    "recurrence",
)
MODERATE = "organisations.moderate_activity"


def _lock_activity(
    activity: Activity, *, by, perm: str = "organisations.change_activity"
) -> Activity:
    """The activity under its organisation's lock, checked on the locked rows."""
    org = lock_for(activity.organisation, by=by, perm=perm)
    locked = Activity.objects.select_for_update().filter(pk=activity.pk, organisation=org).first()
    if locked is None:
        raise RegisterError(_("The activity no longer exists."))
    locked.organisation = org
    return locked


@transaction.atomic
def activity_create(*, organisation: Organisation, by, data: Mapping[str, Any]) -> Activity:
    org = lock_for(organisation, by=by, perm="organisations.add_activity")
    activity = Activity(organisation=org, created_by=by)
    for field in ACTIVITY_FIELDS:
        if field in data:
            setattr(activity, field, data[field])
    activity.repeats_until = activity.series_end()
    activity.save()
    audit_log(
        actor=by,
        action="activity.created",
        target=activity,
        data={"title": activity.title, "recurrence": activity.recurrence},
    )
    return activity


@transaction.atomic
def activity_update(*, activity: Activity, by, data: Mapping[str, Any]) -> Activity:
    activity = _lock_activity(activity, by=by)
    changed = []
    for field in ACTIVITY_FIELDS:
        if field in data and getattr(activity, field) != data[field]:
            setattr(activity, field, data[field])
            changed.append(field)
    # The rule, the start or the end may have moved the series' last occasion.
    activity.repeats_until = activity.series_end()
    activity.save()
    audit_log(actor=by, action="activity.updated", target=activity, data={"fields": changed})
    return activity


@transaction.atomic
def activity_cancel(*, activity: Activity, by) -> Activity:
    activity = _lock_activity(activity, by=by)
    if activity.is_cancelled:
        raise RegisterError(_("The activity is already cancelled."))
    activity.is_cancelled = True
    activity.save(update_fields=["is_cancelled", "updated_at"])
    audit_log(actor=by, action="activity.cancelled", target=activity)
    return activity


# --- a coordinator's moderation ------------------------------------------------
# Each is told to the association's administrators, with the coordinator's words
# quoted; the public never sees the reason (a cancelled activity reads "cancelled").


def _required(reason: str, message: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise RegisterError(message)
    return reason


def _tell_association(activity: Activity, template: str, reason: str) -> None:
    mail_org(
        activity.organisation,
        f"organisations/emails/{template}",
        {"activity_id": activity.pk, "reason": reason},
    )


@transaction.atomic
def activity_cancel_by_coordinator(*, activity: Activity, by, reason: str) -> Activity:
    """As a representative's cancel (it stays in the calendar, marked cancelled),
    with a reason the association is sent."""
    activity = _lock_activity(activity, by=by, perm=MODERATE)
    reason = _required(reason, _("Give a reason for cancelling the activity."))
    if activity.is_cancelled:
        raise RegisterError(_("The activity is already cancelled."))
    activity.is_cancelled = True
    activity.cancelled_reason = reason
    activity.save(update_fields=["is_cancelled", "cancelled_reason", "updated_at"])
    audit_log(
        actor=by,
        action="activity.cancelled_by_coordinator",
        target=activity,
        data={"reason": reason},
    )
    _tell_association(activity, "activity_cancelled", reason)
    return activity


@transaction.atomic
def activity_hide(*, activity: Activity, by, reason: str) -> Activity:
    """Take the activity out of every public surface (``Activity.objects.published``);
    its representatives still see it, with the reason, among their activities."""
    activity = _lock_activity(activity, by=by, perm=MODERATE)
    reason = _required(reason, _("Give a reason for hiding the activity."))
    if activity.is_hidden:
        raise RegisterError(_("The activity is already hidden."))
    activity.hidden_at = timezone.now()
    activity.hidden_reason = reason
    activity.hidden_by = by
    activity.save(update_fields=["hidden_at", "hidden_reason", "hidden_by", "updated_at"])
    audit_log(actor=by, action="activity.hidden", target=activity, data={"reason": reason})
    _tell_association(activity, "activity_hidden", reason)
    return activity


@transaction.atomic
def activity_restore(*, activity: Activity, by, message: str = "") -> Activity:
    """Show a hidden activity again; ``message`` (optional) is sent with the news."""
    activity = _lock_activity(activity, by=by, perm=MODERATE)
    if not activity.is_hidden:
        raise RegisterError(_("The activity is not hidden."))
    message = (message or "").strip()
    hidden_reason = activity.hidden_reason
    activity.hidden_at, activity.hidden_reason, activity.hidden_by = None, "", None
    activity.save(update_fields=["hidden_at", "hidden_reason", "hidden_by", "updated_at"])
    audit_log(
        actor=by,
        action="activity.restored",
        target=activity,
        data={"hidden_reason": hidden_reason, "message": message},
    )
    _tell_association(activity, "activity_restored", message)
    return activity
