"""The reminder mechanism every app uses.

A sweep (see ``portal.sweeps``) finds what is due and calls
``reminder_schedule``; that records a ``ReminderDelivery`` row and, only after
the surrounding transaction commits, enqueues ``portal.tasks.send_reminder``.
The row's unique key (kind, target, recipient, due date) is what makes a
repeated, retried or overlapping sweep send nothing twice.

Each kind of reminder is declared once with ``register_kind``: the e-mail
template to render and, optionally, a function that adds context at send time
(for example a fresh link).
"""

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, models, transaction

from .models import ReminderDelivery

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class ReminderKind:
    code: str
    template: str  # e.g. "portal/emails/verify_email_reminder" (.txt, optional .html, _subject.txt)
    context: Callable[[ReminderDelivery], dict[str, Any]] | None = None


_KINDS: dict[str, ReminderKind] = {}


def register_kind(
    code: str,
    *,
    template: str,
    context: Callable[[ReminderDelivery], dict[str, Any]] | None = None,
) -> ReminderKind:
    kind = ReminderKind(code=code, template=template, context=context)
    _KINDS[code] = kind
    return kind


def get_kind(code: str) -> ReminderKind:
    return _KINDS[code]


def registered_kinds() -> dict[str, ReminderKind]:
    return dict(_KINDS)


def reminder_schedule(
    *,
    kind: str,
    target: models.Model,
    recipient,
    due: date,
) -> ReminderDelivery | None:
    """Record one reminder and enqueue its sending after commit.

    ``recipient`` is a user or an e-mail address. Returns the new delivery
    row, or ``None`` when this reminder was already recorded (nothing is sent).
    """
    if kind not in _KINDS:
        raise LookupError(f"Unknown reminder kind {kind!r}: call register_kind() first")
    if isinstance(recipient, str):
        user, email = None, recipient
    else:
        user, email = recipient, recipient.email
    from .tasks import send_reminder

    with transaction.atomic():
        try:
            with transaction.atomic():  # a savepoint, so a duplicate leaves the outer block usable
                delivery = ReminderDelivery.objects.create(
                    kind=kind,
                    content_type=ContentType.objects.get_for_model(target),
                    object_id=str(target.pk),
                    recipient=user,
                    recipient_email=email.lower(),
                    due=due,
                )
        except IntegrityError:
            return None
        transaction.on_commit(lambda: send_reminder.delay(delivery.pk))
    return delivery


def reminder_send(*, delivery_id: int) -> bool:
    """Send one recorded reminder unless it has been sent. Returns whether it sent."""
    from django.utils import timezone

    from .mail import send_templated_mail

    with transaction.atomic():
        delivery = (
            # of=("self",): PostgreSQL cannot lock the nullable side of the outer
            # join to the recipient, and only the delivery row needs the lock.
            ReminderDelivery.objects.select_for_update(of=("self",))
            .select_related("recipient", "content_type")
            .filter(pk=delivery_id, sent_at__isnull=True)
            .first()
        )
        if delivery is None:
            return False
        kind = _KINDS[delivery.kind]
        target = delivery.target
        if target is None:  # the object is gone: nothing to remind about
            delivery.sent_at = timezone.now()
            delivery.save(update_fields=["sent_at"])
            return False
        context = {"target": target, "recipient": delivery.recipient, "delivery": delivery}
        if kind.context:
            context.update(kind.context(delivery))
        language = delivery.recipient.language if delivery.recipient else settings.LANGUAGE_CODE
        send_templated_mail(
            template=kind.template,
            to=[delivery.recipient_email],
            context=context,
            language=language,
        )
        delivery.sent_at = timezone.now()
        delivery.save(update_fields=["sent_at"])
    logger.info("reminder sent", extra={"kind": delivery.kind, "delivery": delivery.pk})
    return True
