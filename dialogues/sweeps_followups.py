"""Sweeps that keep the follow-up loop moving: the forum's coordinators are
reminded when a held meeting has no published minutes two weeks after it, an
item's owner when the item passes its due date, and the coordinators get a
weekly digest of their forum's overdue items while any are left.

The first two read only a look-back window (indexes meeting_status_start and
followup_unresolved_due), so a run after downtime catches up and the history is
never read; the digest reads the unresolved overdue items, which is what it is
about. The delivery log's unique key sends each reminder once: per meeting, per
item and due date (a new due date is a new reminder), per forum and week."""

from datetime import date, datetime, timedelta

from django.db.models import DateTimeField, ExpressionWrapper, F, Value
from django.db.models.functions import TruncDate
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal import sweeps
from portal.mail import site_url
from portal.reminders import register_kind, reminders_schedule_each

from .models import FollowUpItem, Forum, Meeting

MINUTES_KIND = "dialogues.minutes_overdue"
ITEM_KIND = "dialogues.follow_up_overdue"
DIGEST_KIND = "dialogues.follow_up_digest"
MINUTES_DAYS = 14
LOOK_BACK = timedelta(days=30)
DIGEST_ITEMS = 30


def _admin_url(name: str, pk: int) -> str:
    return site_url(reverse(f"admin:dialogues_{name}_change", args=[pk]))


def _minutes_context(delivery) -> dict:
    meeting = delivery.target
    return {
        "meeting": meeting,
        "forum": meeting.forum,
        "days": MINUTES_DAYS,
        "meeting_admin_url": _admin_url("meeting", meeting.pk),
    }


def _item_context(delivery) -> dict:
    item = delivery.target
    return {
        "item": item,
        "meeting": item.meeting,
        "forum": item.meeting.forum,
        "meeting_admin_url": _admin_url("meeting", item.meeting_id),
        "meeting_url": site_url(item.meeting.get_absolute_url()),
    }


def _digest_context(delivery) -> dict:
    forum = delivery.target
    items = overdue_items(timezone.localdate()).filter(meeting__forum=forum)
    shown = list(
        items.select_related("meeting", "owner", "owner_department").order_by("due_on", "pk")[
            : DIGEST_ITEMS + 1
        ]
    )
    return {
        "forum": forum,
        "items": [
            {
                "item": item,
                "owner": owner_name(item),
                "admin_url": _admin_url("meeting", item.meeting_id),
            }
            for item in shown[:DIGEST_ITEMS]
        ],
        "more": len(shown) > DIGEST_ITEMS,
        "forum_url": site_url(forum.get_absolute_url()),
        "changelist_url": site_url(reverse("admin:dialogues_meeting_changelist")),
    }


def owner_name(item: FollowUpItem) -> str:
    """Who answers for the item, as the digest names them."""
    if item.owner:
        return item.owner.get_full_name() or item.owner.email
    return item.owner_department.name if item.owner_department else ""


register_kind(
    MINUTES_KIND,
    label=_("Forum meeting: minutes not published two weeks after, to the coordinators"),
    template="dialogues/emails/minutes_overdue",
    context=_minutes_context,
)
register_kind(
    ITEM_KIND,
    label=_("Follow-up item past its due date, to its owner"),
    template="dialogues/emails/follow_up_overdue",
    context=_item_context,
)
register_kind(
    DIGEST_KIND,
    label=_("Forum: weekly digest of overdue follow-up items, to the coordinators"),
    template="dialogues/emails/follow_up_digest",
    context=_digest_context,
)


def minutes_late(now: datetime):
    """Held meetings that ended more than ``MINUTES_DAYS`` ago, within the look-back
    window, still without published minutes (status "held")."""
    late = now - timedelta(days=MINUTES_DAYS)
    return Meeting.objects.filter(
        status=Meeting.Status.HELD,
        starts_at__gte=late - LOOK_BACK,
        starts_at__lt=late,
        ends_at__lt=late,
    )


def overdue_items(today: date):
    """Unresolved items whose due date has passed (``FollowUpQuerySet.overdue``)."""
    return FollowUpItem.objects.overdue(today)


def week_start(today: date) -> date:
    return today - timedelta(days=today.weekday())


@sweeps.register("dialogues.minutes_reminders")
def remind_minutes(now: datetime) -> int:
    """One reminder per coordinator and meeting, due the day the two weeks end."""
    meetings = minutes_late(now).filter(forum__coordinators__is_active=True)
    return len(
        reminders_schedule_each(
            kind=MINUTES_KIND,
            queryset=meetings,
            recipient="forum__coordinators",
            email="forum__coordinators__email",
            due=TruncDate(
                ExpressionWrapper(
                    F("ends_at") + timedelta(days=MINUTES_DAYS), output_field=DateTimeField()
                ),
                tzinfo=timezone.get_current_timezone(),
            ),
            now=now,
        )
    )


@sweeps.register("dialogues.follow_up_reminders")
def remind_owners(now: datetime) -> int:
    """One reminder per item and due date to its owner, the day after it was due;
    an item owned by a department only goes to the department's address."""
    today = timezone.localdate(now)
    items = overdue_items(today).filter(due_on__gte=today - LOOK_BACK)
    sent = reminders_schedule_each(
        kind=ITEM_KIND,
        queryset=items.filter(owner__is_active=True),
        recipient="owner_id",
        email="owner__email",
        due="due_on",
        now=now,
    )
    sent += reminders_schedule_each(
        kind=ITEM_KIND,
        queryset=items.filter(owner__isnull=True).exclude(owner_department__email=""),
        email="owner_department__email",
        due="due_on",
        now=now,
    )
    return len(sent)


@sweeps.register("dialogues.follow_up_digests")
def send_digests(now: datetime) -> int:
    """Each week (due its Monday) one digest per coordinator of each forum with
    overdue items."""
    today = timezone.localdate(now)
    forums = Forum.objects.filter(
        pk__in=overdue_items(today).values("meeting__forum_id"), coordinators__is_active=True
    )
    return len(
        reminders_schedule_each(
            kind=DIGEST_KIND,
            queryset=forums,
            recipient="coordinators",
            email="coordinators__email",
            due=Value(week_start(today)),
            now=now,
        )
    )
