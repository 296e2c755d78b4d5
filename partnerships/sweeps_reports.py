"""Reminders about the follow-up reports, each sent once through the delivery log:
to the parties' representatives before a report is due and when it is overdue,
and to the coordinators weekly while any report is overdue.

Each sweep reads only open reports in a window of dates (the partial index
report_open_due), never the history of approved ones. The weekly reminder's due
date is the Monday of the week, so a coordinator gets one per week."""

from datetime import datetime, timedelta

from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal import sweeps
from portal.mail import site_url
from portal.reminders import register_kind, reminders_schedule_each

from .models import Agreement, ReportDue

DUE_SOON = "partnerships.report_due_soon"
OVERDUE = "partnerships.report_overdue"
OVERDUE_WEEKLY = "partnerships.reports_overdue_weekly"
LEAD = timedelta(days=14)
LOOK_BACK = timedelta(days=60)
# Reports are owed while the agreement runs (and for the final one, after it ends).
REPORTING_STATUSES = (Agreement.Status.DECIDED, Agreement.Status.ACTIVE, Agreement.Status.ENDED)
REPRESENTATIVE = "agreement__agreement_parties__organisation__memberships__user"


def _report_context(delivery) -> dict:
    report = delivery.target
    return {
        "report": report,
        "agreement": report.agreement,
        "due": report.due_on,
        "report_url": site_url(report.get_absolute_url()),
    }


def _weekly_context(delivery) -> dict:
    today = timezone.localdate()
    reports = (
        ReportDue.objects.reviewed_by(delivery.recipient)
        .overdue(today)
        .filter(agreement__status__in=REPORTING_STATUSES)
        .select_related("agreement")
        .order_by("due_on", "pk")
    )
    return {
        "reports": list(reports[:20]),
        "count": reports.count(),
        "list_url": site_url(reverse("partnerships:reports") + "?overdue=true"),
    }


register_kind(
    DUE_SOON,
    label=_("Follow-up report due within two weeks, to the association"),
    template="partnerships/emails/report_due_soon",
    context=_report_context,
)
register_kind(
    OVERDUE,
    label=_("Follow-up report overdue, to the association"),
    template="partnerships/emails/report_overdue",
    context=_report_context,
)
register_kind(
    OVERDUE_WEEKLY,
    label=_("Follow-up reports overdue, weekly to the coordinators"),
    template="partnerships/emails/reports_overdue_weekly",
    context=_weekly_context,
)


def owed():
    """Open reports of agreements that are decided, active or ended."""
    return ReportDue.objects.open().filter(agreement__status__in=REPORTING_STATUSES)


def _to_representatives(kind: str, reports, now: datetime) -> int:
    rows = reports.filter(**{f"{REPRESENTATIVE}__is_active": True})
    return len(
        reminders_schedule_each(
            kind=kind,
            queryset=rows,
            recipient=REPRESENTATIVE,
            email=f"{REPRESENTATIVE}__email",
            due="due_on",
            now=now,
        )
    )


@sweeps.register(DUE_SOON)
def remind_due_soon(now: datetime) -> int:
    today = timezone.localdate(now)
    due = owed().filter(due_on__gte=today, due_on__lte=today + LEAD)
    return _to_representatives(DUE_SOON, due, now)


@sweeps.register(OVERDUE)
def remind_overdue(now: datetime) -> int:
    today = timezone.localdate(now)
    late = owed().filter(due_on__lt=today, due_on__gte=today - LOOK_BACK)
    return _to_representatives(OVERDUE, late, now)


@sweeps.register(OVERDUE_WEEKLY)
def remind_coordinators_weekly(now: datetime) -> int:
    """Municipal coordinators while any report is overdue, department coordinators
    while one of their departments' is; once per coordinator and week."""
    from portal.models import CoordinatorAssignment

    today = timezone.localdate(now)
    late = owed().filter(due_on__lt=today)
    departments = Agreement.departments.through.objects.filter(
        agreement__reports_due__in=late.values("pk")
    ).values("department_id")
    assignments = CoordinatorAssignment.objects.filter(user=OuterRef("pk")).filter(
        (Q(department__isnull=True) & Exists(late)) | Q(department__in=departments)
    )
    coordinators = get_user_model().objects.filter(is_active=True).filter(Exists(assignments))
    monday = today - timedelta(days=today.weekday())
    return len(
        reminders_schedule_each(
            kind=OVERDUE_WEEKLY,
            queryset=coordinators,
            recipient="pk",
            email="email",
            due=monday,
            now=now,
        )
    )
