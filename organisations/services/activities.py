"""Activities an association publishes in the shared calendar."""

from collections.abc import Mapping
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from portal.audit import audit_log

from ..models import Activity, Organisation
from .common import RegisterError, lock_for

ACTIVITY_FIELDS = ("title", "starts_at", "ends_at", "place", "district", "description", "url")


def _lock_activity(activity: Activity, *, by) -> Activity:
    """The activity under its organisation's lock, checked on the locked rows."""
    org = lock_for(activity.organisation, by=by, perm="organisations.change_activity")
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
    activity.save()
    audit_log(actor=by, action="activity.created", target=activity, data={"title": activity.title})
    return activity


@transaction.atomic
def activity_update(*, activity: Activity, by, data: Mapping[str, Any]) -> Activity:
    activity = _lock_activity(activity, by=by)
    changed = []
    for field in ACTIVITY_FIELDS:
        if field in data and getattr(activity, field) != data[field]:
            setattr(activity, field, data[field])
            changed.append(field)
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
