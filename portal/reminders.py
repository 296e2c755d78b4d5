"""The reminder mechanism every app uses.

A sweep (see ``portal.sweeps``) hands what is due to ``reminders_schedule_each``
(a queryset: what the delivery log holds is left out by the query itself, the rest
recorded in the same statement), ``reminders_schedule_many`` (rows in hand) or
``reminder_schedule`` (one). Each records ``ReminderDelivery`` rows and, only after
the surrounding transaction commits, enqueues ``portal.tasks.send_reminder`` once
per row. The row's unique key (kind, due date, target, recipient) is what makes a
repeated, retried or overlapping sweep send nothing twice: the insert skips what
it already holds, without an error or a savepoint.

Each kind of reminder is declared once with ``register_kind``: the label
coordinators read in the delivery log, the e-mail template to render and,
optionally, a function that adds context at send time (for example a fresh link).
"""

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, NamedTuple
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import connections, models, router, transaction
from django.db.models import Exists, F, OuterRef, Value
from django.db.models.functions import Cast, Lower
from django.utils import timezone
from django.utils.functional import Promise

from .models import ReminderDelivery

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class ReminderKind:
    code: str
    label: Promise  # lazily translated: kinds are registered at import, before a language
    template: str  # e.g. "portal/emails/verify_email_reminder" (.txt, optional .html, _subject.txt)
    context: Callable[[ReminderDelivery], dict[str, Any]] | None = None


_KINDS: dict[str, ReminderKind] = {}


def register_kind(
    code: str,
    *,
    label: Promise,
    template: str,
    context: Callable[[ReminderDelivery], dict[str, Any]] | None = None,
) -> ReminderKind:
    """Declare a kind of reminder. ``label`` must be ``gettext_lazy``'s: a label
    translated here, at import, would keep the language of whoever imported first."""
    if not isinstance(label, Promise):
        raise TypeError(f"The label of reminder kind {code!r} must be lazily translated")
    kind = ReminderKind(code=code, label=label, template=template, context=context)
    _KINDS[code] = kind
    return kind


def get_kind(code: str) -> ReminderKind:
    return _KINDS[code]


def kind_label(code: str):
    """What the delivery log calls a kind: its label, or the code of a kind that
    is no longer registered (old rows outlive a removed sweep)."""
    kind = _KINDS.get(code)
    return kind.label if kind else code


def registered_kinds() -> dict[str, ReminderKind]:
    return dict(_KINDS)


class Reminder(NamedTuple):
    """One reminder for ``reminders_schedule_many``: about the object with id
    ``target_id``, to a user (``recipient_id``) or only an address, due on ``due``."""

    target_id: int
    recipient_id: int | None
    email: str
    due: date


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
    if isinstance(recipient, str):
        user, email = None, recipient
    else:
        user, email = recipient, recipient.email
    now = timezone.now()
    row = Reminder(target.pk, user.pk if user else None, email, due)
    ids = reminders_schedule_many(kind=kind, target_model=type(target), rows=[row], now=now)
    if not ids:
        return None
    delivery = ReminderDelivery(
        pk=ids[0],
        kind=kind,
        content_type=ContentType.objects.get_for_model(target),
        object_id=target.pk,
        recipient=user,
        recipient_email=email.lower(),
        due=due,
        created_at=now,
    )
    delivery._state.adding, delivery._state.db = False, router.db_for_write(ReminderDelivery)
    return delivery


def reminders_schedule_many(
    *,
    kind: str,
    target_model: type[models.Model],
    rows: Iterable[Reminder],
    now: datetime | None = None,
) -> list[int]:
    """Record many reminders in one statement and enqueue each after commit.

    What the log already holds is skipped by its unique index (``ON CONFLICT DO
    NOTHING``: no error, no savepoint, no dead row), so a repeated or concurrent
    call records and sends each reminder once. Returns the new rows' ids. A sweep
    over a queryset uses ``reminders_schedule_each``, which leaves out in the query
    what is recorded; this form suits rows already in hand."""
    rows = list(rows)
    if not rows:
        _check_kind(kind)
        return []
    targets, recipients, emails, dues = (list(column) for column in zip(*rows, strict=True))
    return _insert(
        kind=kind,
        target_model=target_model,
        select="SELECT r.target, r.recipient, lower(r.email), r.due"
        " FROM unnest(%s::bigint[], %s::bigint[], %s::text[], %s::date[])"
        " AS r(target, recipient, email, due)",
        params=[targets, recipients, emails, dues],
        using=router.db_for_write(ReminderDelivery),
        now=now,
    )


def reminders_schedule_each(
    *,
    kind: str,
    queryset: models.QuerySet,
    email,
    due,
    target="pk",
    recipient=None,
    target_model: type[models.Model] | None = None,
    now: datetime | None = None,
) -> list[int]:
    """For each row of ``queryset`` not yet in the delivery log, record a reminder
    and enqueue it after commit; returns the new rows' ids.

    ``target``, ``recipient`` (a user id, or ``None`` for an address only),
    ``email`` and ``due`` are field names, expressions or constants evaluated per
    row; ``target_model`` is the target's model when it is not the queryset's.
    The query leaves out what the log holds (an anti-join on the log's unique
    index) and the rest is inserted by the same statement, so a run with nothing
    new due reads indexes and writes nothing, whatever the size of the queryset."""
    target_model = target_model or queryset.model
    content_type = ContentType.objects.db_manager(queryset.db).get_for_model(target_model)
    rows = (
        queryset.order_by()
        .annotate(
            reminder_target=_expression(target, models.BigIntegerField()),
            reminder_recipient=_expression(recipient, models.BigIntegerField()),
            reminder_email=Lower(_expression(email, models.CharField())),
            reminder_due=_expression(due, models.DateField()),
        )
        .filter(
            ~Exists(
                ReminderDelivery.objects.filter(
                    kind=kind,
                    due=OuterRef("reminder_due"),
                    content_type=content_type,
                    object_id=OuterRef("reminder_target"),
                    recipient_email=OuterRef("reminder_email"),
                )
            )
        )
        .values_list("reminder_target", "reminder_recipient", "reminder_email", "reminder_due")
    )
    sql, params = rows.query.get_compiler(using=queryset.db).as_sql()
    return _insert(
        kind=kind,
        target_model=target_model,
        select=sql,
        params=list(params),
        using=queryset.db,
        now=now,
    )


def reminders_recorded(*, kind: str, due: date, model: type[models.Model], target="pk"):
    """The log's rows of ``kind`` due on ``due`` about the outer query's ``target``:
    for ``Exists(...)`` in a sweep that reaches each object once, whoever the
    recipients are (the log's unique index starts with kind, due and target)."""
    return ReminderDelivery.objects.filter(
        kind=kind,
        due=due,
        content_type=ContentType.objects.get_for_model(model),
        object_id=OuterRef(target),
    )


def reminders_swept_at(*, kind: str, due: date, model: type[models.Model]) -> datetime | None:
    """When a sweep recorded reminders of ``kind`` due on ``due`` (any one of its
    rows; None before the first): a sweep whose every pass records all that is due
    then needs to look only at what became due since. One probe of the log's index."""
    rows = ReminderDelivery.objects.filter(
        kind=kind, due=due, content_type=ContentType.objects.get_for_model(model)
    )
    return next(iter(rows.order_by().values_list("created_at", flat=True)[:1]), None)


def _expression(value, output_field):
    if isinstance(value, str):
        return F(value)
    if hasattr(value, "resolve_expression"):
        return value
    # Typed, so that a constant (even None) has its column's type in the INSERT.
    return Cast(Value(value), output_field=output_field)


def _check_kind(kind: str) -> None:
    if kind not in _KINDS:
        raise LookupError(f"Unknown reminder kind {kind!r}: call register_kind() first")


def _insert(*, kind, target_model, select, params, using, now) -> list[int]:
    """The one statement that records reminders; enqueues the new ones after commit."""
    _check_kind(kind)
    content_type = ContentType.objects.db_manager(using).get_for_model(target_model)
    table = connections[using].ops.quote_name(ReminderDelivery._meta.db_table)
    with connections[using].cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (kind, content_type_id, created_at, object_id, recipient_id,"
            f" recipient_email, due) SELECT %s, %s, %s, s.* FROM ({select}) AS s"
            " ON CONFLICT ON CONSTRAINT reminder_delivery_once DO NOTHING RETURNING id",
            [kind, content_type.pk, now or timezone.now(), *params],
        )
        ids = [pk for (pk,) in cursor.fetchall()]
    if ids:
        from .tasks import send_reminder

        def enqueue():
            for pk in ids:  # one task per delivery, so a retry never resends the others
                send_reminder.delay(pk)

        transaction.on_commit(enqueue, using=using)
    return ids


def reminder_context(delivery: ReminderDelivery) -> dict[str, Any]:
    """What a reminder's template is rendered with: the target, the recipient and
    the delivery, and what its kind adds (a fresh link, for example)."""
    kind = _KINDS[delivery.kind]
    context = {"target": delivery.target, "recipient": delivery.recipient, "delivery": delivery}
    if kind.context:
        context.update(kind.context(delivery))
    return context


def message_id(delivery: ReminderDelivery) -> str:
    """The same Message-ID however often the reminder is handed to the mail server.

    The row is marked sent in the transaction that holds its lock while the server
    accepts the message, so a second task for it waits and then finds it sent; only
    a worker killed between the server's acceptance and the commit leaves it unsent,
    and the resend is then the same message, which mail systems recognise by its id.
    """
    domain = urlsplit(settings.SITE_URL).hostname or "localhost"
    return f"<reminder-{delivery.pk}.{delivery.kind}@{domain}>"


def reminder_send(*, delivery_id: int) -> bool:
    """Send one recorded reminder unless it has been sent. Returns whether it sent."""
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
        context = reminder_context(delivery)
        language = delivery.recipient.language if delivery.recipient else settings.LANGUAGE_CODE
        send_templated_mail(
            template=kind.template,
            to=[delivery.recipient_email],
            context=context,
            language=language,
            headers={"Message-ID": message_id(delivery)},
        )
        delivery.sent_at = timezone.now()
        delivery.save(update_fields=["sent_at"])
    logger.info("reminder sent", extra={"kind": delivery.kind, "delivery": delivery.pk})
    return True
