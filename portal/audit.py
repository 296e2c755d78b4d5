"""The append-only audit log that services write to."""

from collections.abc import Mapping
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models

from .models import AuditEntry

_SECRET_MARKERS = ("password", "token", "secret", "key")
MASK = "********"


def _mask(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {
            k: (MASK if any(m in str(k).lower() for m in _SECRET_MARKERS) else _mask(v))
            for k, v in value.items()
        }
    if isinstance(value, list | tuple):
        return [_mask(v) for v in value]
    if isinstance(value, models.Model):
        return str(value.pk)
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return str(value)


def audit_log(
    *,
    actor,
    action: str,
    target: models.Model | None = None,
    data: Mapping[str, Any] | None = None,
) -> AuditEntry:
    """Record that ``actor`` did ``action`` (a dotted code such as
    ``organisation.approved``) to ``target``. Secrets in ``data`` are masked."""
    entry = AuditEntry(
        actor=actor if actor is not None and getattr(actor, "is_authenticated", False) else None,
        action=action,
        data=_mask(dict(data or {})),
    )
    if target is not None:
        entry.content_type = ContentType.objects.get_for_model(target)
        entry.object_id = str(target.pk)
        entry.object_repr = str(target)[:255]
    entry.save()
    return entry


def field_changes(before: Mapping[str, Any], after: Mapping[str, Any], fields, *, keep) -> dict:
    """``{field: [old, new]}`` for the fields in ``keep`` (short, not personal), and
    ``{field: None}`` ("changed") for the others: an append-only log outlives an
    erasure, so a person's data never goes into it by value."""
    return {
        name: [_mask(before.get(name)), _mask(after.get(name))] if name in keep else None
        for name in fields
    }


class AuditedAdminMixin:
    """For a ModelAdmin: every save in the admin is audited as
    ``<audit_name>.admin_created`` or ``.admin_changed``, with the changed fields
    (old → new for the model's ``audit_values``, see ``field_changes``) and the
    inlines that changed, after the related objects are saved too."""

    audit_name: str

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        keep = getattr(form.instance, "audit_values", ())
        after = {name: form.cleaned_data.get(name) for name in form.changed_data}
        audit_log(
            actor=request.user,
            action=f"{self.audit_name}.admin_{'changed' if change else 'created'}",
            target=form.instance,
            data={
                "changes": field_changes(form.initial, after, form.changed_data, keep=keep),
                "inlines": [formset.prefix for formset in formsets if formset.has_changed()],
            },
        )
