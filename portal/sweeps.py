"""Periodic sweeps: each finds what is due (with a look-back window, so a run
after downtime catches up) and schedules reminders through
``portal.reminders``. Apps register theirs in ``AppConfig.ready()``; Celery
beat runs them all through ``portal.tasks.run_sweeps`` and
``manage.py run_sweeps`` runs them once without a worker."""

import logging
from collections.abc import Callable
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import DateTimeField, Exists, ExpressionWrapper, F, OuterRef
from django.db.models.functions import TruncDate
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .mail import site_url
from .models import ReminderDelivery
from .reminders import register_kind, reminders_schedule_each

logger = logging.getLogger(__name__)

Sweep = Callable[[datetime], int]
_SWEEPS: dict[str, Sweep] = {}


def register(name: str) -> Callable[[Sweep], Sweep]:
    """Decorator: ``@sweeps.register("organisations.yearly_confirmation")``."""

    def decorator(func: Sweep) -> Sweep:
        _SWEEPS[name] = func
        return func

    return decorator


def registered() -> dict[str, Sweep]:
    return dict(_SWEEPS)


def run_all(now: datetime | None = None) -> dict[str, int]:
    """Run every sweep once; one failing sweep does not stop the others."""
    now = now or timezone.now()
    results: dict[str, int] = {}
    for name, func in _SWEEPS.items():
        try:
            # A savepoint per sweep: a database error in one leaves the connection
            # (and any outer transaction) usable for the next.
            with transaction.atomic():
                results[name] = func(now)
        except Exception:
            logger.exception("sweep failed", extra={"sweep": name})
            results[name] = -1
    return results


# --- Reminders recorded but never sent --------------------------------------

RESEND_AFTER = timedelta(minutes=15)
RESEND_LOOK_BACK = timedelta(days=7)
RESEND_BATCH = 1000


@register("reminders.unsent")
def resend_unsent(now: datetime) -> int:
    """Hand reminders recorded a while ago and still unsent to the worker again: their
    task was lost (Redis restarted without it) or failed for good. Sending twice is
    not possible: reminder_send locks the row and sends only while it is unsent. Read
    through the partial index of unsent rows, so it costs what is unsent."""
    from .tasks import send_reminder

    ids = list(
        ReminderDelivery.objects.filter(
            sent_at__isnull=True,
            created_at__lt=now - RESEND_AFTER,
            created_at__gte=now - RESEND_LOOK_BACK,
        )
        .order_by("created_at")
        .values_list("pk", flat=True)[:RESEND_BATCH]
    )
    if ids:
        transaction.on_commit(lambda: [send_reminder.delay(pk) for pk in ids])
    return len(ids)


# --- The core's own sweep: one reminder to verify the e-mail address ---------

LOOK_BACK = timedelta(days=30)


def _verification_context(delivery) -> dict:
    from allauth.account.models import EmailAddress, EmailConfirmationHMAC

    address = EmailAddress.objects.filter(
        user=delivery.recipient, email__iexact=delivery.recipient_email
    ).first()
    if address is None:
        return {"activate_url": site_url(reverse("account_login"))}
    key = EmailConfirmationHMAC(address).key
    return {"activate_url": site_url(reverse("account_confirm_email", args=[key]))}


register_kind(
    "account.verify_email",
    label=_("Reminder to confirm the e-mail address"),
    template="portal/emails/verify_email_reminder",
    context=_verification_context,
)


@register("account.verify_email")
def remind_unverified_accounts(now: datetime) -> int:
    from allauth.account.models import EmailAddress

    from .models import User

    delay = timedelta(days=settings.UNVERIFIED_EMAIL_REMINDER_DAYS)
    # Sign-ups in the window (index user_date_joined), not every account; every
    # column the log's anti-join compares comes from the user row, so each probe
    # of the unique index is an exact match.
    users = User.objects.filter(
        is_active=True,
        date_joined__lte=now - delay,
        date_joined__gt=now - delay - LOOK_BACK,
    ).filter(Exists(EmailAddress.objects.filter(user=OuterRef("pk"), primary=True, verified=False)))
    due = TruncDate(
        ExpressionWrapper(F("date_joined") + delay, output_field=DateTimeField()),
        tzinfo=timezone.get_current_timezone(),
    )
    return len(
        reminders_schedule_each(
            kind="account.verify_email",
            queryset=users,
            recipient="pk",
            email="email",
            due=due,
        )
    )


# --- Retention: an account never verified is not kept -------------------------


def _unverified_accounts(now: datetime):
    """Accounts never verified and never logged in, past the retention period: the
    sweep's query and the task's re-check (only accounts that never logged in,
    index user_never_logged_in, not every account)."""
    from allauth.account.models import EmailAddress

    from .models import User

    cutoff = now - timedelta(days=settings.UNVERIFIED_ACCOUNT_RETENTION_DAYS)
    verified = EmailAddress.objects.filter(user=OuterRef("pk"), verified=True)
    return User.objects.filter(
        date_joined__lt=cutoff,
        last_login__isnull=True,
        is_staff=False,
        is_superuser=False,
    ).exclude(Exists(verified))


@register("account.purge_unverified")
def purge_unverified_accounts(now: datetime) -> int:
    """Erase accounts whose address was never verified and that never logged in,
    ``UNVERIFIED_ACCOUNT_RETENTION_DAYS`` after sign-up. The sweep only finds them;
    each is erased by a task of its own (every app's data goes through the
    personal-data registry), so a thousand due cost the sweep one query."""
    from .tasks import erase_unverified_account

    ids = list(_unverified_accounts(now).values_list("pk", flat=True))
    if ids:
        transaction.on_commit(lambda: [erase_unverified_account.delay(pk) for pk in ids])
    return len(ids)


def unverified_account_erase(*, user_id: int) -> bool:
    """Erase one account if it is still unverified and unused (it may have been
    verified since the sweep found it). Returns whether it was erased."""
    from .personal_data import erase_user

    with transaction.atomic():
        user = _unverified_accounts(timezone.now()).select_for_update().filter(pk=user_id).first()
        if user is None:
            return False
        erase_user(user)
    return True
