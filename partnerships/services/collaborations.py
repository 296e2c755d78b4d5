"""Recording and changing collaborations: each checks the rule (on the locked row
when changing), holds the guards the form shows beside its fields, saves the
relations and the payments per department and year, and writes the audit log."""

from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from portal.audit import audit_log, field_changes

from ..models import Collaboration, CollaborationPayment
from ..models.collaborations import departments_in_charge

FIELDS = ("title", "description", "starts_on", "ends_on", "contact_role", "is_public")
RELATIONS = ("departments", "associations", "forms", "goal_areas", "target_groups")


class CollaborationError(Exception):
    """A guard refused the change; ``message`` is for the person who tried."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def check_departments(user, departments) -> None:
    """At least one of the collaboration's departments is one ``user`` is in charge
    of, so that they can still change what they recorded."""
    in_charge = departments_in_charge(user) if user is not None else None
    if not departments:
        raise CollaborationError(_("Choose at least one department."))
    if in_charge is not None and not in_charge & {d.pk for d in departments}:
        raise CollaborationError(
            _("Choose at least one department that you work in or coordinate.")
        )


def check_payments(departments, payments: Iterable[Mapping[str, Any]]) -> None:
    """Amounts are never negative, each from one of the collaboration's departments,
    once per department and year (the form says so beside the field first)."""
    seen = set()
    allowed = {d.pk for d in departments}
    for payment in payments:
        key = (payment["department"].pk, payment["year"])
        if payment["amount"] < 0:
            raise CollaborationError(_("The amount cannot be negative."))
        if key[0] not in allowed:
            raise CollaborationError(
                _("A payment must come from one of the collaboration's departments.")
            )
        if key in seen:
            raise CollaborationError(_("This department already has a payment for that year."))
        seen.add(key)


def _check_dates(data: Mapping[str, Any]) -> None:
    starts, ends = data.get("starts_on"), data.get("ends_on")
    if starts and ends and ends < starts:
        raise CollaborationError(_("The collaboration cannot end before it starts."))


def _set_relations(collaboration: Collaboration, data: Mapping[str, Any]) -> list[str]:
    changed = []
    for name in RELATIONS:
        if name not in data:
            continue
        new = {obj.pk for obj in data[name]}
        manager = getattr(collaboration, name)
        if set(manager.values_list("pk", flat=True)) != new:
            manager.set(new)
            changed.append(name)
    return changed


def _payment_table(collaboration: Collaboration) -> dict[tuple[int, int], Decimal]:
    return {
        (p.department_id, p.year): p.amount
        for p in CollaborationPayment.objects.filter(collaboration=collaboration)
    }


def _set_payments(collaboration: Collaboration, payments) -> list[dict]:
    """Make the payments exactly ``payments``; the changes as [year, department id,
    old amount, new amount] rows for the audit log (amounts are not personal)."""
    before = _payment_table(collaboration)
    after = {(p["department"].pk, p["year"]): p["amount"] for p in payments}
    changes = []
    for key in sorted(before.keys() | after.keys()):
        old, new = before.get(key), after.get(key)
        if old == new:
            continue
        department_id, year = key
        lookup = {"collaboration": collaboration, "department_id": department_id, "year": year}
        if new is None:
            CollaborationPayment.objects.filter(**lookup).delete()
        else:
            CollaborationPayment.objects.update_or_create(**lookup, defaults={"amount": new})
        changes.append(
            {
                "year": year,
                "department": department_id,
                "from": None if old is None else str(old),
                "to": None if new is None else str(new),
            }
        )
    return changes


@transaction.atomic
def collaboration_create(
    *, by, data: Mapping[str, Any], payments: Iterable[Mapping[str, Any]] = ()
) -> Collaboration:
    """Record a collaboration with its relations and payments (``by`` None: the
    system, as the demo loader)."""
    payments = list(payments)
    if by is not None and not by.has_perm("partnerships.add_collaboration"):
        raise CollaborationError(_("You may not record collaborations."))
    check_departments(by, data.get("departments"))
    _check_dates(data)
    check_payments(data["departments"], payments)
    collaboration = Collaboration(
        **{name: data[name] for name in FIELDS if name in data}, created_by=by
    )
    collaboration.full_clean()
    collaboration.save()
    _set_relations(collaboration, data)
    payment_changes = _set_payments(collaboration, payments)
    audit_log(
        actor=by,
        action="collaboration.created",
        target=collaboration,
        data={
            "title": collaboration.title,
            "departments": sorted(d.pk for d in data["departments"]),
            "payments": payment_changes,
        },
    )
    return collaboration


@transaction.atomic
def collaboration_update(
    *,
    collaboration: Collaboration,
    by,
    changes: Mapping[str, Any],
    payments: Iterable[Mapping[str, Any]] | None = None,
) -> Collaboration:
    """Save an editor's changes; ``payments`` (when given) is the whole new set."""
    locked = Collaboration.objects.select_for_update().get(pk=collaboration.pk)
    if by is not None and not by.has_perm("partnerships.change_collaboration", locked):
        raise CollaborationError(
            _("You may change only the collaborations of your own departments.")
        )
    departments = changes.get("departments", list(locked.departments.all()))
    check_departments(by, departments)
    before = {name: getattr(locked, name) for name in FIELDS}
    for name in FIELDS:
        if name in changes:
            setattr(locked, name, changes[name])
    _check_dates({"starts_on": locked.starts_on, "ends_on": locked.ends_on})
    if payments is None:
        payments = [
            {"department": p.department, "year": p.year, "amount": p.amount}
            for p in locked.payments.select_related("department")
        ]
    payments = list(payments)
    check_payments(departments, payments)
    changed = [name for name in FIELDS if getattr(locked, name) != before[name]]
    locked.full_clean()
    locked.save()
    changed += _set_relations(locked, changes)
    payment_changes = _set_payments(locked, payments)
    after = {name: getattr(locked, name) for name in FIELDS}
    audit_log(
        actor=by,
        action="collaboration.updated",
        target=locked,
        data={
            "changes": field_changes(before, after, changed, keep=Collaboration.audit_values),
            "payments": payment_changes,
        },
    )
    return locked
