"""Which personal data the portal holds, and how to export and erase it.

Each app declares its models' personal data here in ``AppConfig.ready()``:

    personal_data.register(
        "organisations.memberships",
        label=_("Association memberships"),
        export=lambda user: [...],   # dicts, lists, text, numbers, booleans, dates
        erase=lambda user: ...,      # delete or anonymise; keep organisations administered
        model=Membership,              # keys named as its fields: their verbose names,
        fields={"since": _("Since")},  # codes by their choices; other keys labelled here
    )

The account page's "download my data" calls ``export_user_data`` (JSON, with the
keys and codes as they are, for machines) and "show my data" ``readable_user_data``
(the same content as labelled rows in the reader's language, for people); "delete
my account" calls ``erase_user``, which runs every eraser and then deletes the user,
all in one transaction.
"""

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import FieldDoesNotExist
from django.db import models, transaction
from django.utils import formats, timezone
from django.utils.functional import Promise
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Field:
    """How the readable copy shows one key of an export: its label, and for a code
    the function that gives the code's label."""

    label: Any
    display: Callable[[Any], Any] | None = None


@dataclass(frozen=True)
class PersonalDataEntry:
    name: str
    label: Any
    export: Callable[[Any], Any]
    erase: Callable[[Any], None]
    model: type[models.Model] | None = None
    fields: Mapping[str, Any] = field(default_factory=dict)

    def describe(self, key: str) -> Field | None:
        """``fields[key]`` (a label or a Field), else the model field of that name
        (its verbose name, and its choices' labels for a code), else None."""
        given = self.fields.get(key)
        if isinstance(given, Field):
            return given
        model_field = None
        if self.model is not None:
            try:
                model_field = self.model._meta.get_field(key)
            except FieldDoesNotExist:
                pass
        display = None
        if model_field is not None and model_field.choices:
            choices = dict(model_field.flatchoices)

            def display(value):
                return choices.get(value, value)

        if given is not None:
            return Field(given, display)
        if model_field is not None and hasattr(model_field, "verbose_name"):
            return Field(capfirst(model_field.verbose_name), display)
        return None


_REGISTRY: dict[str, PersonalDataEntry] = {}


def register(
    name: str,
    *,
    label,
    export: Callable,
    erase: Callable,
    model: type[models.Model] | None = None,
    fields: Mapping[str, Any] | None = None,
) -> None:
    _REGISTRY[name] = PersonalDataEntry(
        name=name, label=label, export=export, erase=erase, model=model, fields=fields or {}
    )


def registered() -> dict[str, PersonalDataEntry]:
    return dict(_REGISTRY)


def _jsonable(value):
    if isinstance(value, Mapping):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if isinstance(value, dt.date):  # datetimes too
        return value.isoformat()
    if isinstance(value, Promise):
        return str(value)
    return value


def export_user_data(user) -> dict[str, Any]:
    return {
        "exported_at": timezone.now().isoformat(),
        "data": {name: _jsonable(entry.export(user)) for name, entry in _REGISTRY.items()},
    }


# --- The readable copy --------------------------------------------------------


@dataclass(frozen=True)
class Row:
    label: Any
    value: str


@dataclass(frozen=True)
class Block:
    """One part of the export: a dict's plain values as labelled rows (a list of
    values as one row), its dicts and lists of dicts as labelled ``blocks``; a list
    of dicts has its dicts as ``items``, without labels."""

    label: Any = None
    rows: tuple[Row, ...] = ()
    blocks: tuple["Block", ...] = ()
    items: tuple["Block", ...] = ()
    empty: bool = False


@dataclass
class ReadableData:
    exported_at: dt.datetime
    blocks: list[Block]
    unlabelled: set[str]  # keys nobody gave a label: shown as they are


def readable_user_data(user) -> ReadableData:
    """What ``export_user_data`` holds, for a person to read: in the active
    language, keys by their labels, codes by their display labels, times local."""
    unlabelled: set[str] = set()
    blocks = [
        _block(entry, entry.label, entry.export(user), unlabelled) for entry in _REGISTRY.values()
    ]
    return ReadableData(exported_at=timezone.now(), blocks=blocks, unlabelled=unlabelled)


def _describe(entry: PersonalDataEntry, key: str, unlabelled: set[str]) -> Field:
    described = entry.describe(key)
    if described is None:
        unlabelled.add(f"{entry.name}.{key}")
        return Field(key)
    return described


def _is_plain(value) -> bool:
    return not isinstance(value, Mapping) and not (
        isinstance(value, list | tuple) and any(isinstance(v, Mapping) for v in value)
    )


def _block(entry, label, value, unlabelled) -> Block:
    if isinstance(value, Mapping):
        rows, blocks = [], []
        for key, item in value.items():
            described = _describe(entry, key, unlabelled)
            if _is_plain(item):
                rows.append(Row(described.label, _text(item, described.display)))
            else:
                blocks.append(_block(entry, described.label, item, unlabelled))
        return Block(label=label, rows=tuple(rows), blocks=tuple(blocks))
    if isinstance(value, list | tuple) and not _is_plain(value):
        items = tuple(_block(entry, None, item, unlabelled) for item in value)
        return Block(label=label, items=items)
    if isinstance(value, list | tuple) and not value:
        return Block(label=label, empty=True)
    return Block(label=label, rows=(Row(None, _text(value)),))


def _text(value, display: Callable | None = None) -> str:
    if isinstance(value, list | tuple):
        return ", ".join(_text(v, display) for v in value) or "–"
    if display is not None and value not in (None, ""):
        value = display(value)
    if value is None or value == "":
        return "–"
    if isinstance(value, bool):
        return str(_("yes") if value else _("no"))
    if isinstance(value, dt.datetime):
        return formats.date_format(timezone.localtime(value), "DATETIME_FORMAT")
    if isinstance(value, dt.date):
        return formats.date_format(value, "DATE_FORMAT")
    return str(value)


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
        "date_joined": user.date_joined,
        "last_login": user.last_login,
        "email_addresses": [
            {"email": a.email, "verified": a.verified, "primary": a.primary}
            for a in EmailAddress.objects.filter(user=user)
        ],
        "coordinator_for": [
            str(a.department or MUNICIPALITY)
            for a in user.coordinator_assignments.select_related("department")
        ],
    }


MUNICIPALITY = "municipality"  # a municipal coordinator's assignment, in the export


def _coordinator_scope(value: str):
    return _("the whole municipality") if value == MUNICIPALITY else value


def _erase_account(user) -> None:
    # The user row itself (with its department and choice to show the address), its
    # e-mail addresses, sessions' owner and coordinator assignments go with
    # user.delete() (CASCADE).
    pass


def _export_audit(user) -> list[dict[str, Any]]:
    from .models import AuditEntry

    return [
        {"time": e.created_at, "action": e.action, "object": e.object_repr}
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
        {"kind": d.kind, "due": d.due, "sent_at": d.sent_at}
        for d in ReminderDelivery.objects.filter(recipient=user)
    ]


def _erase_reminders(user) -> None:
    from .models import ReminderDelivery

    # Addresses are recorded in lower case (portal.reminders), so an equality on the
    # indexed column finds them; iexact would read the whole log per erased account.
    ReminderDelivery.objects.filter(recipient_email=user.email.lower()).delete()


def _register_core() -> None:
    """Imported from ``PortalConfig.ready()``, when the models are loaded."""
    from .audit_display import action_label
    from .models import AuditEntry, ReminderDelivery, User
    from .reminders import kind_label

    register(
        "account",
        label=_("Account"),
        export=_export_account,
        erase=_erase_account,
        model=User,
        fields={
            "email_addresses": _("E-mail addresses"),
            "verified": _("Confirmed"),
            "primary": _("Primary address"),
            "coordinator_for": Field(_("Coordinator for"), display=_coordinator_scope),
        },
    )
    register(
        "audit",
        label=_("Audit log"),
        export=_export_audit,
        erase=_erase_audit,
        model=AuditEntry,
        fields={
            "time": _("Time"),
            "action": Field(_("What was done"), display=action_label),
            "object": _("Concerning"),
        },
    )
    register(
        "reminders",
        label=_("Reminders sent"),
        export=_export_reminders,
        erase=_erase_reminders,
        model=ReminderDelivery,
        fields={"kind": Field(_("Reminder"), display=kind_label)},
    )


_register_core()
