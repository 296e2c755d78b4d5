"""Which personal data the portal holds, and how to export and erase it.

Each app declares its models' personal data here in ``AppConfig.ready()``:

    personal_data.register(
        "organisations.memberships",
        label=_("Association memberships"),
        export=lambda user: [...],   # JSON-serialisable
        erase=lambda user: ...,      # delete or anonymise; keep organisations administered
    )

The account page's "download my data" calls ``export_user_data`` and "delete
my account" calls ``erase_user``, which runs every eraser and then deletes
the user, all in one transaction.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class PersonalDataEntry:
    name: str
    label: Any
    export: Callable[[Any], Any]
    erase: Callable[[Any], None]


_REGISTRY: dict[str, PersonalDataEntry] = {}


def register(name: str, *, label, export: Callable, erase: Callable) -> None:
    _REGISTRY[name] = PersonalDataEntry(name=name, label=label, export=export, erase=erase)


def registered() -> dict[str, PersonalDataEntry]:
    return dict(_REGISTRY)


def export_user_data(user) -> dict[str, Any]:
    return {
        "exported_at": timezone.now().isoformat(),
        "data": {name: entry.export(user) for name, entry in _REGISTRY.items()},
    }


@transaction.atomic
def erase_user(user) -> None:
    from .audit import audit_log

    audit_log(actor=None, action="account.erased", data={"user_id": user.pk})
    for entry in _REGISTRY.values():
        entry.erase(user)
    user.delete()


# --- The core's own personal data -------------------------------------------


def _export_account(user) -> dict[str, Any]:
    from allauth.account.models import EmailAddress

    return {
        "email": user.email,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "language": user.language,
        "department": str(user.department) if user.department_id else None,
        "email_shown_to_officials": user.email_shown_to_officials,
        "date_joined": user.date_joined.isoformat(),
        "last_login": user.last_login.isoformat() if user.last_login else None,
        "email_addresses": [
            {"email": a.email, "verified": a.verified, "primary": a.primary}
            for a in EmailAddress.objects.filter(user=user)
        ],
        "coordinator_for": [
            str(a.department or "municipality")
            for a in user.coordinator_assignments.select_related("department")
        ],
    }


def _erase_account(user) -> None:
    # The user row itself (with its department and choice to show the address), its
    # e-mail addresses, sessions' owner and coordinator assignments go with
    # user.delete() (CASCADE).
    pass


def _export_audit(user) -> list[dict[str, Any]]:
    from .models import AuditEntry

    return [
        {"time": e.created_at.isoformat(), "action": e.action, "object": e.object_repr}
        for e in AuditEntry.objects.filter(actor=user)
    ]


def _erase_audit(user) -> None:
    from .models import AuditEntry

    # The log itself stays (it records what happened to shared objects); who did it
    # is anonymised. The PostgreSQL trigger allows exactly this update.
    AuditEntry.objects.filter(actor=user).update(actor=None)


def _export_reminders(user) -> list[dict[str, Any]]:
    from .models import ReminderDelivery

    return [
        {"kind": d.kind, "due": d.due.isoformat(), "sent_at": d.sent_at and d.sent_at.isoformat()}
        for d in ReminderDelivery.objects.filter(recipient=user)
    ]


def _erase_reminders(user) -> None:
    from .models import ReminderDelivery

    # Addresses are recorded in lower case (portal.reminders), so an equality on the
    # indexed column finds them; iexact would read the whole log per erased account.
    ReminderDelivery.objects.filter(recipient_email=user.email.lower()).delete()


register("account", label=_("Account"), export=_export_account, erase=_erase_account)
register("audit", label=_("Audit log"), export=_export_audit, erase=_erase_audit)
register("reminders", label=_("Reminders sent"), export=_export_reminders, erase=_erase_reminders)
