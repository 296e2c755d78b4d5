"""Activities an association publishes in the shared calendar."""

from collections.abc import Mapping
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from portal.audit import audit_log

from ..models import Activity, Organisation
from .common import RegisterError, require

ACTIVITY_FIELDS = ("title", "starts_at", "ends_at", "place", "district", "description", "url")


@transaction.atomic
def activity_create(*, organisation: Organisation, by, data: Mapping[str, Any]) -> Activity:
    require(by, "organisations.add_activity", organisation)
    if organisation.status == Organisation.Status.ARCHIVED:
        raise RegisterError(_("An archived association cannot publish activities."))
    activity = Activity(organisation=organisation, created_by=by)
    for field in ACTIVITY_FIELDS:
        if field in data:
            setattr(activity, field, data[field])
    activity.save()
    audit_log(actor=by, action="activity.created", target=activity, data={"title": activity.title})
    return activity


@transaction.atomic
def activity_update(*, activity: Activity, by, data: Mapping[str, Any]) -> Activity:
    require(by, "organisations.change_activity", activity)
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
    require(by, "organisations.change_activity", activity)
    if activity.is_cancelled:
        raise RegisterError(_("The activity is already cancelled."))
    activity.is_cancelled = True
    activity.save(update_fields=["is_cancelled", "updated_at"])
    audit_log(actor=by, action="activity.cancelled", target=activity)
    return activity
