"""Workflows of the core that touch several models and write the audit log."""

from django.contrib.auth.models import Group
from django.db import transaction
from django.utils.translation import gettext as _

from . import roles
from .audit import audit_log
from .models import CoordinatorAssignment, Department, User


class CoordinatorError(ValueError):
    """A coordinator assignment that cannot be made (the view shows the message)."""


def _group_for(department: Department | None) -> str:
    return roles.MUNICIPAL_COORDINATOR if department is None else roles.DEPARTMENT_COORDINATOR


@transaction.atomic
def coordinator_assign(
    *, user: User, department: Department | None = None, by: User | None
) -> CoordinatorAssignment:
    """Make ``user`` coordinator of ``department`` (or of the whole municipality
    when ``department`` is None): the assignment, the role's group, admin access
    and an audit row."""
    existing = CoordinatorAssignment.objects.filter(user=user, department=department)
    if existing.exists():
        raise CoordinatorError(
            _("%(user)s already coordinates %(scope)s.")
            % {"user": user, "scope": department or _("the whole municipality")}
        )
    assignment = CoordinatorAssignment.objects.create(user=user, department=department)
    group, _created = Group.objects.get_or_create(name=_group_for(department))
    user.groups.add(group)
    if not user.is_staff:
        user.is_staff = True
        user.save(update_fields=["is_staff"])
    # The target is the department (or none for the municipality), not the person:
    # the audit log outlives an erased account and must not keep their name.
    audit_log(
        actor=by,
        action="coordinator.assigned",
        target=department,
        data={"user_id": user.pk, "municipal": department is None},
    )
    return assignment


@transaction.atomic
def coordinator_unassign(*, assignment: CoordinatorAssignment, by: User | None) -> None:
    """End one coordinator assignment. The user leaves the role's group when no
    assignment of that kind remains, and loses admin access when no coordinator
    role remains (unless they are an administrator)."""
    user = assignment.user
    department = assignment.department
    assignment.delete()
    remaining = CoordinatorAssignment.objects.filter(user=user)
    same_kind = remaining.filter(department__isnull=department is None)
    if not same_kind.exists():
        user.groups.remove(*Group.objects.filter(name=_group_for(department)))
    keeps_admin = (
        user.is_superuser
        or remaining.exists()
        or user.groups.filter(name=roles.ADMINISTRATOR).exists()
    )
    if user.is_staff and not keeps_admin:
        user.is_staff = False
        user.save(update_fields=["is_staff"])
    audit_log(
        actor=by,
        action="coordinator.unassigned",
        target=department,
        data={"user_id": user.pk, "municipal": department is None},
    )
