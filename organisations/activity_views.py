"""An activity's own page, and its .ics file ("Lägg till i min kalender"): what the
calendar links to. Found through ``Activity.objects.visible_to`` (the twin of
"organisations.view_activity"), so one a person may not see is a 404 like one that
does not exist."""

from itertools import islice

from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from portal.pagecache import versioned_etag
from portal.recurrence import describe

from .models import Activity, Organisation
from .views import ics_response

OCCASIONS_SHOWN = 5


def _activity(request, pk: int) -> Activity:
    return get_object_or_404(
        Activity.objects.visible_to(request.user).select_related("organisation", "district"),
        pk=pk,
    )


def not_shown_reason(activity: Activity) -> str:
    """Why the calendar does not show the activity, for the banner its own people
    see; empty when everyone sees it."""
    organisation = activity.organisation
    if activity.is_hidden:
        return _(
            "The municipality has hidden this activity: %(reason)s. Only the association's "
            "representatives and the coordinators see this page."
        ) % {"reason": activity.hidden_reason.rstrip(". ")}
    if organisation.status == Organisation.Status.PENDING:
        return _(
            "The association awaits approval by a coordinator. The activity will be shown "
            "in the calendar, and this page to everyone, once it is approved."
        )
    if organisation.status == Organisation.Status.ARCHIVED:
        return _(
            "The association is archived, so its activities are not shown to others. Only "
            "its representatives and the coordinators see this page."
        )
    if not organisation.is_public:
        return _(
            "The association is not shown in the public directory, so neither are its "
            "activities. Only its representatives and the coordinators see this page."
        )
    return ""


@require_GET
def activity(request, pk):
    activity = _activity(request, pk)
    now = timezone.now()
    coming = list(islice(activity.occasions(after=now - activity.duration), OCCASIONS_SHOWN))
    return render(
        request,
        "organisations/activity.html",
        {
            "activity": activity,
            "organisation": activity.organisation,
            "repeats": describe(activity.recurrence, activity.starts_at),
            "coming": [{"starts_at": start, "ends_at": end} for start, end in coming],
            "not_shown_reason": not_shown_reason(activity),
            "can_change": request.user.has_perm("organisations.change_activity", activity),
        },
    )


@require_GET
@versioned_etag(public=False)  # one only its people see may be asked for
def activity_ics(request, pk):
    """The activity alone as a file a calendar opens and adds; a repeating one with
    its rule, a cancelled one as cancelled."""
    activity = _activity(request, pk)
    return ics_response(
        [activity],
        name=activity.title,
        filename=f"{slugify(activity.title) or 'aktivitet'}.ics",
        request=request,
        attachment=True,
    )
