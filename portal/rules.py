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

rules.add_perm("portal.view_dashboard", is_coordinator | is_administrator)
rules.add_perm("portal.view_auditentry", is_municipal_coordinator | is_administrator)
# The page for officials (what they can do, whom to ask): the cheapest check first.
rules.add_perm("portal.view_officials_page", is_administrator | is_official | is_coordinator)
