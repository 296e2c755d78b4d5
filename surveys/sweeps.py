"""Reminders 7 and 2 days before a survey closes, to the recipients who have not
answered, each once through the core's delivery log. A reminder is due in a
window (from 7 days before closing until the 2-day one is due, and from 2 days
until closing), so a sweep after downtime still sends it, and never both at once.
The query starts from the open surveys closing within the week (index on the
recipients not answered), whatever the size of the register.

Drafts of a closed survey can no longer be sent, so they are deleted: no sealed
draft (surveys/drafts.py) stays tied to its recipient after closing."""

from datetime import datetime, timedelta

from django.db.models import DateTimeField, ExpressionWrapper, F, Q
from django.db.models.functions import TruncDate
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal import sweeps
from portal.reminders import register_kind

from .links import answer_url
from .models import Draft, Recipient, Survey
from .services.sending import schedule_mails

REMINDERS = (("surveys.reminder_7", 7), ("surveys.reminder_2", 2))


def _context(delivery) -> dict:
    recipient = delivery.target
    return {
        "recipient": recipient,
        "survey": recipient.survey,
        "answer_url": answer_url(recipient),
        "closes_at": recipient.survey.closes_at,
    }


register_kind(
    REMINDERS[0][0],
    label=_("Survey: reminder a week before closing, to those who have not answered"),
    template="surveys/emails/reminder",
    context=_context,
)
register_kind(
    REMINDERS[1][0],
    label=_("Survey: reminder two days before closing, to those who have not answered"),
    template="surveys/emails/reminder",
    context=_context,
)


def due_recipients(now: datetime, *, days: int, until_days: int):
    """Recipients not answered of open surveys closing between ``until_days`` and
    ``days`` days from ``now``."""
    surveys = Survey.objects.filter(
        status=Survey.Status.OPEN,
        opens_at__lte=now,
        closes_at__gt=now + timedelta(days=until_days),
        closes_at__lte=now + timedelta(days=days),
    )
    return Recipient.objects.not_answered().filter(survey__in=surveys.values("pk"))


@sweeps.register("surveys.reminders")
def remind_not_answered(now: datetime) -> int:
    """One probe when no open survey closes within the week; else the reminders
    of both kinds, each person once (four statements a kind)."""
    closing = Survey.objects.filter(
        status=Survey.Status.OPEN,
        closes_at__gt=now,
        closes_at__lte=now + timedelta(days=REMINDERS[0][1]),
    )
    if not closing.exists():
        return 0
    sent = 0
    for (kind, days), until in zip(REMINDERS, (2, 0), strict=True):
        due = TruncDate(
            ExpressionWrapper(
                F("survey__closes_at") - timedelta(days=days), output_field=DateTimeField()
            ),
            tzinfo=timezone.get_current_timezone(),
        )
        sent += schedule_mails(
            kind=kind, recipients=due_recipients(now, days=days, until_days=until), due=due
        )
    return sent


@sweeps.register("surveys.drafts")
def drop_closed_drafts(now: datetime) -> int:
    """The drafts of surveys closed by ``now``: one DELETE."""
    closed = Survey.objects.filter(Q(status=Survey.Status.CLOSED) | Q(closes_at__lte=now))
    deleted, _by_model = Draft.objects.filter(recipient__survey__in=closed.values("pk")).delete()
    return deleted
