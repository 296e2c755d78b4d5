"""The forums' cadence as a sweep: a forum should meet every ``cadence_months``
after its last meeting; when the next meeting is due within a month (or overdue)
and none is planned in time, its coordinators are reminded.

The reminder's due date is the day the next meeting should be (the last one's
start plus the cadence), so the delivery log's unique key sends it once per gap:
a new meeting planned and cancelled again leaves the same date. Each forum with a
cadence is read with two probes of the index meeting_forum_start, never the
meetings' history or the delivery log beyond its unique index."""

from datetime import datetime, timedelta

from django.db.models import (
    DateTimeField,
    Exists,
    ExpressionWrapper,
    F,
    Func,
    OuterRef,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce, Greatest, TruncDate
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal import sweeps
from portal.mail import site_url
from portal.reminders import register_kind, reminders_schedule_each

from .models import Forum, Meeting

KIND = "dialogues.cadence_gap"
LEAD = timedelta(days=30)


class Months(Func):
    """``make_interval(months => n)``: PostgreSQL adds calendar months."""

    template = "make_interval(months => %(expressions)s)"
    output_field = DateTimeField()


def _context(delivery) -> dict:
    forum = delivery.target
    return {
        "forum": forum,
        "due": delivery.due,
        "forum_admin_url": site_url(reverse("admin:dialogues_forum_change", args=[forum.pk])),
        "series_url": site_url(reverse("admin:dialogues_forum_series", args=[forum.pk])),
    }


register_kind(
    KIND,
    label=_("Forum: no meeting planned within its cadence, to its coordinators"),
    template="dialogues/emails/cadence_reminder",
    context=_context,
)


def forums_in_gap(now: datetime):
    """Active forums with a cadence whose next meeting is due by ``now + LEAD``
    and which have none planned (not cancelled) between now and then, annotated
    with ``next_due`` (when the next meeting should be)."""
    last = (
        Meeting.objects.filter(forum=OuterRef("pk"), starts_at__lt=now)
        .exclude(status=Meeting.Status.CANCELLED)
        .order_by("-starts_at")
        .values("starts_at")[:1]
    )
    planned = Meeting.objects.filter(
        forum=OuterRef("pk"),
        starts_at__gte=now,
        starts_at__lte=Greatest(OuterRef("next_due"), Value(now + LEAD)),
    ).exclude(status=Meeting.Status.CANCELLED)
    return (
        Forum.objects.filter(is_active=True, cadence_months__isnull=False)
        .annotate(
            next_due=ExpressionWrapper(
                Coalesce(Subquery(last), F("created_at")) + Months(F("cadence_months")),
                output_field=DateTimeField(),
            )
        )
        .filter(next_due__lte=now + LEAD)
        .filter(~Exists(planned))
    )


@sweeps.register("dialogues.cadence_reminders")
def remind_cadence(now: datetime) -> int:
    """One reminder per coordinator and gap (the forum's coordinators with an
    active account)."""
    rows = forums_in_gap(now).filter(coordinators__is_active=True)
    return len(
        reminders_schedule_each(
            kind=KIND,
            queryset=rows,
            recipient="coordinators",
            email="coordinators__email",
            due=TruncDate("next_due", tzinfo=timezone.get_current_timezone()),
            now=now,
        )
    )
