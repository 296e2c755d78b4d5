"""The yearly confirmation of the register's data, as one reminder sweep.

For the current round (the latest ``ConfirmationRound`` that has started),
every active organisation not confirmed since the round started is asked to
confirm: the request on ``starts_on``, reminders 14 and 28 days later. A run
after downtime catches up, but sends only the most recent step that applies
(one mail that says "please confirm", not three on the same day). After the
deadline the organisations still unconfirmed get ``unconfirmed_since`` (they
are shown as unconfirmed, never deleted) and the municipal coordinators are
told once per round. The delivery log makes every step happen at most once.

The admin shows each round's plan and progress from here too (``round_plan``,
``with_progress``), read from ``STEPS`` and the delivery log, so what it says is
what the sweep does.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.contrib.contenttypes.models import ContentType
from django.db.models import (
    Count,
    DateField,
    Exists,
    F,
    Func,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
)
from django.db.models.functions import Cast, Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.text import get_text_list
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from portal import sweeps
from portal.audit import audit_log
from portal.mail import site_url
from portal.models import CoordinatorAssignment, ReminderDelivery
from portal.reminders import (
    register_kind,
    reminders_recorded,
    reminders_schedule_each,
    reminders_swept_at,
)

from .models import ConfirmationRound, Membership, Organisation

REQUEST = "organisations.confirm_request"
REMINDER_14 = "organisations.confirm_reminder_14"
REMINDER_28 = "organisations.confirm_reminder_28"
UNCONFIRMED_REPORT = "organisations.unconfirmed_report"

STEPS = ((REQUEST, 0), (REMINDER_14, 14), (REMINDER_28, 28))
APPROVAL_LAG = timedelta(hours=1)


def current_round(today):
    return ConfirmationRound.objects.filter(starts_on__lte=today).order_by("-starts_on").first()


def _organisation_context(delivery) -> dict:
    org = delivery.target
    round_ = current_round(delivery.due)
    return {
        "organisation": org,
        "confirm_url": site_url(reverse("organisations:confirm", args=[org.slug])),
        "edit_url": site_url(reverse("organisations:edit", args=[org.slug])),
        "deadline": round_.deadline if round_ else None,
    }


def _report_context(delivery) -> dict:
    round_ = delivery.target
    return {
        "round": round_,
        "organisations": list(Organisation.objects.unconfirmed().order_by("name")),
        "list_url": site_url(
            reverse("admin:organisations_organisation_changelist") + "?unconfirmed=yes"
        ),
    }


register_kind(
    REQUEST,
    label=_("Yearly confirmation: request to confirm"),
    template="organisations/emails/confirm_request",
    context=_organisation_context,
)
register_kind(
    REMINDER_14,
    label=_("Yearly confirmation: first reminder"),
    template="organisations/emails/confirm_reminder",
    context=_organisation_context,
)
register_kind(
    REMINDER_28,
    label=_("Yearly confirmation: second reminder"),
    template="organisations/emails/confirm_reminder",
    context=_organisation_context,
)
register_kind(
    UNCONFIRMED_REPORT,
    label=_("Yearly confirmation: unconfirmed associations, to coordinators"),
    template="organisations/emails/unconfirmed_report",
    context=_report_context,
)


def _start_of(day) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


@sweeps.register("organisations.yearly_confirmation")
def yearly_confirmation(now: datetime) -> int:
    today = timezone.localdate(now)
    round_ = current_round(today)
    if round_ is None:
        return 0
    pending = Organisation.objects.awaiting_confirmation(since=_start_of(round_.starts_on))
    if today > round_.deadline:
        return _mark_unconfirmed(round_, pending, now)
    # The most recent step whose day has come.
    kind, offset = [(k, o) for k, o in STEPS if round_.starts_on + timedelta(days=o) <= today][-1]
    due = round_.starts_on + timedelta(days=offset)
    # A pass of a step reaches every association pending then, so after the first
    # only an approval makes one due (APPROVAL_LAG covers an approval that committed
    # while a pass ran). A step reaches an association once: an administrator who
    # joins after it gets the next step.
    swept_at = reminders_swept_at(kind=kind, due=due, model=Organisation)
    if swept_at is not None:
        pending = pending.filter(approved_at__gte=swept_at - APPROVAL_LAG)
    pending = pending.exclude(Exists(reminders_recorded(kind=kind, due=due, model=Organisation)))
    # Each active administrator, or the association's own address when it has none.
    admins = Membership.objects.filter(role=Membership.Role.ADMIN, user__is_active=True)
    to_admins = reminders_schedule_each(
        kind=kind,
        queryset=admins.filter(organisation__in=pending),
        target="organisation_id",
        target_model=Organisation,
        recipient="user_id",
        email="user__email",
        due=due,
    )
    to_associations = reminders_schedule_each(
        kind=kind,
        queryset=pending.exclude(email="").exclude(
            Exists(admins.filter(organisation=OuterRef("pk")))
        ),
        email="email",
        due=due,
    )
    return len(to_admins) + len(to_associations)


def _mark_unconfirmed(round_, pending, now) -> int:
    newly = list(pending.filter(unconfirmed_since__isnull=True).values_list("pk", flat=True))
    if newly:
        Organisation.objects.filter(pk__in=newly).update(unconfirmed_since=now)
        audit_log(
            actor=None,
            action="organisation.marked_unconfirmed",
            target=round_,
            data={"organisations": newly, "deadline": round_.deadline.isoformat()},
        )
    scheduled = []
    if newly or Organisation.objects.unconfirmed().exists():
        scheduled = reminders_schedule_each(
            kind=UNCONFIRMED_REPORT,
            queryset=CoordinatorAssignment.objects.municipal().filter(user__is_active=True),
            target=round_.pk,
            target_model=ConfirmationRound,
            recipient="user_id",
            email="user__email",
            due=round_.deadline + timedelta(days=1),
        )
    return len(newly) + len(scheduled)


# --- What the admin shows of a round -------------------------------------------


def schedule_summary() -> str:
    """The schedule in a sentence, for the round's form before it has dates."""
    days = [offset for _kind, offset in STEPS if offset]
    return ngettext(
        "On the start date, every active association that has not confirmed its details "
        "since then is asked to confirm them, with a reminder %(days)s days later. After "
        "the deadline, those still unconfirmed are marked as unconfirmed and the "
        "coordinators get a list.",
        "On the start date, every active association that has not confirmed its details "
        "since then is asked to confirm them, with reminders %(days)s days later. After "
        "the deadline, those still unconfirmed are marked as unconfirmed and the "
        "coordinators get a list.",
        len(days),
    ) % {"days": get_text_list([str(d) for d in days], gettext("and"))}


@dataclass(frozen=True)
class PlannedStep:
    day: date
    text: str
    happens: bool  # False: the day falls after the deadline or in the next round
    done: bool  # the day has come (the sweep runs each day, and catches up)
    reached: int | None = None  # associations asked in this step, from the log


def _step_days(start):
    """Each step's kind and day for a round starting on ``start``: a date, or an
    expression for the outer query's round (a step's reminders are due on its day)."""
    if isinstance(start, date):
        return [(kind, start + timedelta(days=offset)) for kind, offset in STEPS]
    return [(kind, Cast(start + timedelta(days=offset), DateField())) for kind, offset in STEPS]


def _asked(start):
    """The delivery log's rows of the round's own steps, about associations."""
    steps = Q()
    for kind, day in _step_days(start):
        steps |= Q(kind=kind, due=day)
    return ReminderDelivery.objects.filter(
        steps, content_type=ContentType.objects.get_for_model(Organisation)
    )


def round_plan(round_: ConfirmationRound, *, today: date | None = None) -> list[PlannedStep]:
    """The round's schedule as the sweep runs it, with what each step reached so
    far: two queries (the next round's start, the log grouped by step)."""
    today = today or timezone.localdate()
    next_start = (
        ConfirmationRound.objects.filter(starts_on__gt=round_.starts_on)
        .order_by("starts_on")
        .values_list("starts_on", flat=True)
        .first()
    )
    reached = dict(
        _asked(round_.starts_on)
        .order_by()
        .values("kind")
        .annotate(n=Count("object_id", distinct=True))
        .values_list("kind", "n")
    )

    def happens(day: date, *, last: date) -> bool:
        return day <= last and (next_start is None or day < next_start)

    plan = []
    for (kind, offset), (_kind, day) in zip(STEPS, _step_days(round_.starts_on), strict=True):
        text = (
            gettext("Every association not confirmed since the start is asked to confirm.")
            if offset == 0
            else gettext("Reminder, %(days)d days after the start, to those not yet confirmed.")
            % {"days": offset}
        )
        plan.append(
            PlannedStep(
                day=day,
                text=text,
                happens=happens(day, last=round_.deadline),
                done=day <= today,
                reached=reached.get(kind, 0),
            )
        )
    marking = round_.deadline + timedelta(days=1)
    plan.append(
        PlannedStep(
            day=marking,
            text=gettext(
                "Associations still unconfirmed are marked as unconfirmed, and the "
                "municipality's coordinators get a list of them."
            ),
            happens=happens(marking, last=marking),
            done=marking <= today,
        )
    )
    return plan


def _count(queryset, field: str, *, distinct: bool = False):
    """A correlated COUNT of ``queryset`` (0 when empty), as one column of the outer query."""
    template = "COUNT(DISTINCT %(expressions)s)" if distinct else "COUNT(%(expressions)s)"
    counted = queryset.order_by().annotate(
        n=Func(F(field), template=template, output_field=IntegerField())
    )
    return Coalesce(Subquery(counted.values("n")), 0)


def with_progress(rounds):
    """``rounds`` with ``asked`` (associations the round has mailed, from the
    delivery log), ``confirmed`` (of those, confirmed since it started) and
    ``unconfirmed`` (of those, still active and not): subqueries in the one query,
    however many rounds and associations. Counts are of today's data, so a round
    long past counts as confirmed an association that confirmed in a later one."""
    start = OuterRef("starts_on")
    asked = Organisation.objects.filter(pk__in=_asked(OuterRef(start)).values("object_id"))
    confirmed = Q(confirmed_at__date__gte=start)
    return rounds.annotate(
        asked=_count(_asked(start), "object_id", distinct=True),
        confirmed=_count(asked.filter(confirmed), "pk"),
        unconfirmed=_count(asked.active().exclude(confirmed), "pk"),
    )
