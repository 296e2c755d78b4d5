"""Permission predicates of the core. Read as a table at the bottom."""

import rules

from . import roles
from .models import CoordinatorAssignment


@rules.predicate
def is_municipal_coordinator(user) -> bool:
    if not user.is_authenticated:
        return False
    return CoordinatorAssignment.objects.municipal().filter(user=user).exists()


@rules.predicate
def is_department_coordinator(user) -> bool:
    if not user.is_authenticated:
        return False
    return CoordinatorAssignment.objects.exclude(department=None).filter(user=user).exists()


@rules.predicate
def coordinates_department(user, department) -> bool:
    if not user.is_authenticated or department is None:
        return False
    return CoordinatorAssignment.objects.filter(user=user, department=department).exists()


is_coordinator = is_municipal_coordinator | is_department_coordinator
is_administrator = rules.is_superuser
# One query for the user's groups, cached on the user for the request.
is_official = rules.is_group_member(roles.OFFICIAL)


def departments_in_charge(user) -> set[int] | None:
    """The departments whose work ``user`` is in charge of: those they coordinate and,
    for an official, their own; ``None`` for every department (a municipal
    coordinator, a superuser). The one definition behind who publishes contact paths,
    records collaborations and reviews follow-up reports, and their querysets."""
    if not user.is_authenticated:
        return set()
    if user.is_superuser:
        return None
    ids = set()
    for department_id in CoordinatorAssignment.objects.filter(user=user).values_list(
        "department_id", flat=True
    ):
        if department_id is None:
            return None
        ids.add(department_id)
    if user.department_id is not None and is_official(user):
        ids.add(user.department_id)
    return ids


rules.add_perm("portal.view_dashboard", is_coordinator | is_administrator)
rules.add_perm("portal.view_auditentry", is_municipal_coordinator | is_administrator)
# The page for officials (what they can do, whom to ask): the cheapest check first.
rules.add_perm("portal.view_officials_page", is_administrator | is_official | is_coordinator)
