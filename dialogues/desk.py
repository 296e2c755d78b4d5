"""The forums' panel on the coordinators' desk: forums without a meeting planned
within their cadence, meetings held without minutes for two weeks or more,
meetings still open for registration past their deadline, meetings with
follow-up items past their due date, and the meetings of the coming month, each counted among the
forums and meetings the reader coordinates and linked to the admin's list
filtered to exactly those (the filters in admin_meetings.py)."""

from datetime import timedelta

from django.db.models import Exists, Min, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from portal import desk
from portal.models import CoordinatorAssignment

from .models import FollowUpItem, Forum, Meeting
from .sweeps_cadence import forums_in_gap

MINUTES_DAYS = 14
AHEAD_DAYS = 30
OLDEST_SHOWN = 5


def _changelist(model: str, query: str) -> str:
    return f"{reverse(f'admin:dialogues_{model}_changelist')}?{query}"


def coordinated_forums(user):
    """The forums ``user`` coordinates: their own, their department's, or every
    forum for a municipal coordinator (is_meeting_coordinator as a query)."""
    if user.is_superuser:
        return Forum.objects.all()
    assignments = CoordinatorAssignment.objects.filter(user=user)
    scope = Q(coordinators=user) | Q(department__in=assignments.values("department_id"))
    if assignments.filter(department__isnull=True).exists():
        return Forum.objects.all()
    return Forum.objects.filter(scope)


def minutes_overdue(now):
    return Q(status=Meeting.Status.HELD, ends_at__lt=now - timedelta(days=MINUTES_DAYS))


def deadline_passed(now):
    return Q(status=Meeting.Status.OPEN, registration_deadline__lt=now)


def coming(now):
    """Meetings, not cancelled, in the next ``AHEAD_DAYS`` days."""
    return Q(starts_at__gte=now, starts_at__lt=now + timedelta(days=AHEAD_DAYS)) & ~Q(
        status=Meeting.Status.CANCELLED
    )


def follow_ups_overdue(now):
    """Meetings with an unresolved follow-up item past its due date."""
    items = FollowUpItem.objects.overdue(timezone.localdate(now)).filter(meeting=OuterRef("pk"))
    return Exists(items)


def meeting_items(user) -> list[desk.DeskItem]:
    now = timezone.now()
    forums = coordinated_forums(user)
    gaps = list(
        forums_in_gap(now)
        .filter(pk__in=forums.values("pk"))
        .order_by("next_due", "pk")
        .values_list("pk", "name", "next_due")
    )
    meetings = Meeting.objects.filter(forum__in=forums.values("pk"))
    late_minutes = meetings.filter(minutes_overdue(now))
    late_open = meetings.filter(deadline_passed(now))
    late_items = meetings.filter(follow_ups_overdue(now))
    ahead = meetings.filter(coming(now))
    next_ones = list(
        ahead.order_by("starts_at", "pk").values_list("pk", "theme", "starts_at")[:OLDEST_SHOWN]
    )
    minutes_since = late_minutes.aggregate(since=Min("ends_at"))["since"]
    open_since = late_open.aggregate(since=Min("registration_deadline"))["since"]
    items_since = (
        FollowUpItem.objects.overdue(timezone.localdate(now))
        .filter(meeting__forum__in=forums.values("pk"))
        .aggregate(since=Min("due_on"))["since"]
    )
    return [
        desk.DeskItem(
            label=_("Forums without a meeting planned within their cadence"),
            count=len(gaps),
            url=_changelist("forum", "cadence=gap"),
            oldest=gaps[0][2] if gaps else None,
            entries=[
                desk.DeskEntry(
                    label=name,
                    url=reverse("admin:dialogues_forum_change", args=[pk]),
                    since=next_due,
                )
                for pk, name, next_due in gaps[:OLDEST_SHOWN]
            ],
        ),
        desk.DeskItem(
            label=_("Meetings held without minutes for 14 days or more"),
            count=late_minutes.count(),
            url=_changelist("meeting", "waiting=minutes"),
            oldest=minutes_since,
        ),
        desk.DeskItem(
            label=_("Meetings open for registration past their deadline"),
            count=late_open.count(),
            url=_changelist("meeting", "waiting=deadline"),
            oldest=open_since,
        ),
        desk.DeskItem(
            label=_("Meetings with follow-up items past their due date"),
            count=late_items.count(),
            url=_changelist("meeting", "waiting=follow_ups"),
            oldest=items_since,
        ),
        desk.DeskItem(
            label=_("Meetings in the coming 30 days"),
            count=ahead.count(),
            url=_changelist("meeting", f"ahead={AHEAD_DAYS}"),
            urgent=False,
            entries=[
                desk.DeskEntry(
                    label=f"{theme}, {date_format(timezone.localtime(starts_at), 'j F H:i')}",
                    url=reverse("admin:dialogues_meeting_change", args=[pk]),
                )
                for pk, theme, starts_at in next_ones
            ],
        ),
    ]


desk.register_panel(
    "dialogues",
    title=_("Dialogue forums"),
    permission="dialogues.change_meeting",
    items=meeting_items,
    order=20,
)
