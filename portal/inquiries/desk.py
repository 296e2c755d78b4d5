"""En väg in's panel on the coordinators' desk: new cases to assign with their age
in working days, cases past a deadline, and cases handed over more than twice,
each counted among those the reader may handle and linked to the filtered list."""

from datetime import timedelta

from django.db.models import Count, Min, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal import desk
from portal.workdays import WorkCalendar

from . import stats
from .models import Inquiry

OLDEST_SHOWN = 5
OPEN = [Inquiry.Status.RECEIVED, Inquiry.Status.ASSIGNED, Inquiry.Status.DIALOGUE]


def _list(query: str) -> str:
    return f"{reverse('inquiries:list')}?{query}"


def inquiry_items(user) -> list[desk.DeskItem]:
    now = timezone.now()
    visible = Inquiry.objects.visible_to(user)
    new = Q(status=Inquiry.Status.RECEIVED)
    # Inquiry.objects.overdue() within the open cases the aggregate reads.
    overdue = Q(acknowledged_at__isnull=True, acknowledge_due_at__lt=now) | Q(answer_due_at__lt=now)
    around = Q(handover_count__gt=Inquiry.HANDOVER_FLAG)
    # Open cases only (by the status index): a few hundred, not every case ever sent.
    figures = visible.filter(status__in=OPEN).aggregate(
        new=Count("pk", filter=new),
        new_since=Min("received_at", filter=new),
        overdue=Count("pk", filter=overdue),
        overdue_since=Min("received_at", filter=overdue),
        around=Count("pk", filter=around),
    )
    closed = visible.filter(status=Inquiry.Status.CLOSED, closed_at__gte=now - timedelta(days=30))
    calendar = WorkCalendar()
    oldest = (
        visible.filter(new)
        .order_by("received_at", "pk")
        .only("pk", "reference", "subject", "received_at")[:OLDEST_SHOWN]
    )
    handed = (
        visible.filter(around, status__in=OPEN)
        .order_by("-handover_count", "received_at")
        .only("pk", "reference", "subject", "received_at", "handover_count")[:OLDEST_SHOWN]
    )

    def age(moment):
        return calendar.working_days_between(moment, now) if moment else None

    def entry(inquiry):
        return desk.DeskEntry(
            label=f"{inquiry.reference} {inquiry.subject}".strip(),
            url=reverse("inquiries:case", args=[inquiry.reference]),
            since=inquiry.received_at,
            working_days=age(inquiry.received_at),
        )

    return [
        desk.DeskItem(
            label=_("New inquiries to assign"),
            count=figures["new"],
            url=_list("status=received"),
            oldest=figures["new_since"],
            oldest_working_days=age(figures["new_since"]),
            entries=[entry(inquiry) for inquiry in oldest],
        ),
        desk.DeskItem(
            label=_("Past a deadline"),
            count=figures["overdue"],
            url=_list("overdue=yes"),
            oldest=figures["overdue_since"],
            oldest_working_days=age(figures["overdue_since"]),
        ),
        desk.DeskItem(
            label=_("Handed over more than twice"),
            count=figures["around"],
            url=_list("overdue=handed_around"),
            entries=[entry(inquiry) for inquiry in handed],
        ),
        desk.DeskItem(
            label=_("Closed in the last 30 days: how fast we answer"),
            count=closed.count(),
            url=reverse("inquiries:statistics"),
            urgent=False,
        ),
    ]


desk.register_panel(
    "inquiries",
    title=_("One way in"),
    permission="inquiries.view_desk_panel",
    items=inquiry_items,
    order=5,
    details=("inquiries/_desk_speed.html", stats.speed_for),
)
