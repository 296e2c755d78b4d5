"""The follow-up reports' panel on the coordinators' desk: reports overdue and
reports waiting for review, among those of the reader's departments, linked to the
list of reports filtered to exactly those."""

from datetime import datetime, time

from django.db.models import Min
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal import desk

from .models import ReportDue
from .sweeps_reports import owed

OLDEST_SHOWN = 5


def report_items(user) -> list[desk.DeskItem]:
    today = timezone.localdate()
    mine = owed().filter(pk__in=ReportDue.objects.reviewed_by(user).values("pk"))
    overdue = mine.filter(due_on__lt=today)
    late = list(
        overdue.order_by("due_on", "pk").values_list("pk", "title", "agreement__title", "due_on")[
            :OLDEST_SHOWN
        ]
    )
    waiting = ReportDue.objects.reviewed_by(user).filter(status=ReportDue.Status.SUBMITTED)
    waiting_since = waiting.aggregate(since=Min("submitted_at"))["since"]
    base = reverse("partnerships:reports")
    return [
        desk.DeskItem(
            label=_("Follow-up reports overdue"),
            count=overdue.count(),
            url=f"{base}?overdue=true",
            oldest=_midnight(late[0][3]) if late else None,
            entries=[
                desk.DeskEntry(
                    label=f"{title} – {agreement}",
                    url=reverse("partnerships:report", args=[pk]),
                    since=_midnight(due_on),
                )
                for pk, title, agreement, due_on in late
            ],
        ),
        desk.DeskItem(
            label=_("Follow-up reports waiting for review"),
            count=waiting.count(),
            url=f"{base}?status=submitted",
            oldest=waiting_since,
        ),
    ]


def _midnight(day):
    return timezone.make_aware(datetime.combine(day, time()))


desk.register_panel(
    "partnerships_reports",
    title=_("Follow-up reports"),
    permission="partnerships.view_agreement",
    items=report_items,
    order=35,
)
