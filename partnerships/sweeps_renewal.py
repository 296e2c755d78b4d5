"""Term-end reminders: six and three months before an agreement's term ends, the
officials and coordinators of its departments are asked to decide on renewal.

The reminder's due date is the end of the term less six or three months, so the
delivery log's unique key sends each step once per person. Only agreements whose
term ends within a narrow window around each step are read (index
agreement_ends_on), and a run after downtime catches up within ``LOOK_BACK``."""

from datetime import datetime, timedelta

from dateutil.relativedelta import relativedelta
from django.db.models import Case, DateField, F, Func, Q, When
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal import sweeps
from portal.mail import site_url
from portal.reminders import register_kind, reminders_schedule_each
from portal.roles import OFFICIAL

from .models import Agreement

KIND = "partnerships.term_ending"
STEPS = (6, 3)  # months before the end of the term
LOOK_BACK = timedelta(days=30)
SLACK = timedelta(days=3)  # month lengths: the exact due date is compared too


def _context(delivery) -> dict:
    agreement = delivery.target
    return {
        "agreement": agreement,
        "ends_on": agreement.ends_on,
        "agreement_url": site_url(reverse("partnerships:agreement_detail", args=[agreement.pk])),
    }


register_kind(
    KIND,
    label=_("Agreement: its term ends within six or three months, to its officials"),
    template="partnerships/emails/term_end_reminder",
    context=_context,
)


class MonthsBefore(Func):
    """``(date - make_interval(months => n))::date``: PostgreSQL's calendar months."""

    template = "(%(expressions)s - make_interval(months => %(months)d))::date"
    output_field = DateField()

    def __init__(self, expression, *, months: int):
        super().__init__(expression, months=months)


def agreements_due(now: datetime):
    """Agreements with a reminder step due (in the look-back window), annotated with
    ``reminder_due``: the end of the term less the step's months."""
    today = timezone.localdate(now)
    in_window = Q()
    for months in STEPS:
        ahead = relativedelta(months=months)
        in_window |= Q(
            ends_on__lte=today + ahead + SLACK,
            ends_on__gt=today - LOOK_BACK + ahead - SLACK,
        )
    first, last = STEPS
    due = Case(
        When(
            ends_on__gt=today + relativedelta(months=last) + SLACK,
            then=MonthsBefore(F("ends_on"), months=first),
        ),
        default=MonthsBefore(F("ends_on"), months=last),
    )
    return (
        Agreement.objects.filter(
            in_window,
            status__in=(Agreement.Status.DECIDED, Agreement.Status.ACTIVE),
            renewal__isnull=True,
        )
        .annotate(reminder_due=due)
        .filter(reminder_due__lte=today, reminder_due__gt=today - LOOK_BACK)
    )


@sweeps.register("partnerships.term_ending")
def remind_term_ending(now: datetime) -> int:
    """One reminder per person and step: the departments' officials, then their
    coordinators (one statement each; someone who is both is reminded once)."""
    officials = agreements_due(now).filter(
        departments__officials__is_active=True,
        departments__officials__groups__name=OFFICIAL,
    )
    coordinators = agreements_due(now).filter(
        departments__coordinator_assignments__user__is_active=True
    )
    sent = reminders_schedule_each(
        kind=KIND,
        queryset=officials,
        recipient="departments__officials",
        email="departments__officials__email",
        due="reminder_due",
        now=now,
    )
    sent += reminders_schedule_each(
        kind=KIND,
        queryset=coordinators,
        recipient="departments__coordinator_assignments__user",
        email="departments__coordinator_assignments__user__email",
        due="reminder_due",
        now=now,
    )
    return len(sent)
