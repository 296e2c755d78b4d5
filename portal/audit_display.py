"""The audit log as people read it: each action code's translated label and its
details as a list of readable rows.

Apps register the labels of the actions their services write, in
``AppConfig.ready()``:

    audit_display.register_actions({"organisation.approved": _("Association approved")})

Admin saves (``<name>.admin_created`` / ``.admin_changed``, portal/audit.py) get
a generic label. Details name fields by their verbose names; ``fields`` lists
what changed, ``changes`` maps a field to ``[old, new]`` (choices by label) or
to None when only the fact of the change is kept. Secrets were masked
when the entry was written, and personal data is recorded as changed, never
by value, so what is shown here is what the log holds.
"""

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import FieldDoesNotExist
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

_LABELS: dict[str, Any] = {}

_SUFFIX_LABELS = {
    "admin_created": _("Created in the administration"),
    "admin_changed": _("Changed in the administration"),
}

# Detail keys that are not field names, with their labels.
_KEY_LABELS = {
    "fields": _("Changed fields"),
    "inlines": _("Changed lists"),
    "from": _("Previous status"),
    "to": _("New value"),
    "reason": _("Reason"),
    "message": _("Message"),
    "role": _("Role"),
    "user": _("Person (id)"),
    "accepted": _("Accepted"),
    "email": _("E-mail address"),
    "name": _("Name"),
    "title": _("Title"),
    "invitation": _("Invitation (id)"),
    "organisation_number": _("Organisation number"),
}


def register_actions(labels: dict[str, Any]) -> None:
    _LABELS.update(labels)


def registered_actions() -> dict[str, Any]:
    return dict(_LABELS)


def action_label(code: str):
    """The translated label of ``code``; the code itself if nobody registered one."""
    if code in _LABELS:
        return _LABELS[code]
    suffix = code.rsplit(".", 1)[-1]
    return _SUFFIX_LABELS.get(suffix, code)


@dataclass(frozen=True)
class DetailRow:
    label: Any
    value: str


def _field_label(model, name: str):
    """A key's label: its field's name, or for a reverse relation (a collaboration's
    ``payments``), which has no verbose_name of its own, the related model's plural."""
    if model is not None:
        try:
            field = model._meta.get_field(name)
        except FieldDoesNotExist:
            pass
        else:
            if hasattr(field, "verbose_name"):
                return capfirst(field.verbose_name)
            return capfirst(field.related_model._meta.verbose_name_plural)
    return capfirst(_KEY_LABELS.get(name, name.replace("_", " ")))


def _choice(model, name: str, value):
    """A choice field's value as its label ("ideell_forening" → "Ideell förening")."""
    try:
        field = model._meta.get_field(name) if model is not None else None
    except FieldDoesNotExist:
        return value
    if field is not None and field.choices and not isinstance(value, list | dict):
        return dict(field.flatchoices).get(value, value)
    return value


def _text(value) -> str:
    if value is None or value == "":
        return "–"
    if isinstance(value, bool):
        return str(_("yes") if value else _("no"))
    if isinstance(value, list | tuple):
        return ", ".join(_text(v) for v in value) or "–"
    return str(value)


def detail_rows(entry) -> list[DetailRow]:
    """``entry.data`` as rows: changed fields by their names, ``old → new`` changes."""
    model = entry.content_type.model_class() if entry.content_type_id else None
    data = entry.data or {}
    rows = []
    for key, value in data.items():
        if key == "fields" and isinstance(value, list) and "changes" in data:
            continue  # the changes below name them, with their values
        if key == "fields" and isinstance(value, list):
            names = ", ".join(str(_field_label(model, name)) for name in value)
            rows.append(DetailRow(_KEY_LABELS["fields"], names or "–"))
        elif key == "changes" and isinstance(value, dict):
            for name, change in value.items():
                if isinstance(change, list) and len(change) == 2:
                    old, new = (_choice(model, name, v) for v in change)
                    text = f"{_text(old)} → {_text(new)}"
                else:
                    text = str(_("changed"))
                rows.append(DetailRow(_field_label(model, name), text))
        else:
            rows.append(DetailRow(_field_label(model, key), _text(value)))
    return rows
