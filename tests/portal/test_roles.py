"""Roles as groups, the coordinator services and the core's predicates."""

import pytest
from django.contrib.auth.models import AnonymousUser, Group

from portal import roles
from portal.models import AuditEntry, CoordinatorAssignment
from portal.rules import (
    coordinates_department,
    is_department_coordinator,
    is_municipal_coordinator,
)
from portal.services import CoordinatorError, coordinator_assign, coordinator_unassign

from .factories import DepartmentFactory, UserFactory

pytestmark = pytest.mark.django_db


def perms_of(group_name: str) -> set[str]:
    group = Group.objects.get(name=group_name)
    return {
        f"{p.content_type.app_label}.{p.codename}"
        for p in group.permissions.select_related("content_type")
    }


def test_the_five_groups_exist_after_migrate_with_their_permissions():
    assert set(Group.objects.values_list("name", flat=True)) >= set(roles.ROLES)
    for role in roles.ROLES:
        assert perms_of(role) == roles.permissions_for(role), role
    assert "portal.view_auditentry" in perms_of(roles.MUNICIPAL_COORDINATOR)
    assert "portal.change_department" in perms_of(roles.MUNICIPAL_COORDINATOR)
    assert "portal.change_department" not in perms_of(roles.DEPARTMENT_COORDINATOR)
    # sync_role_permissions skips unknown codenames: the equality above catches typos.
    # No role may change or delete the audit log.
    for role in roles.ROLES:
        assert not {"portal.change_auditentry", "portal.delete_auditentry"} & perms_of(role)


@pytest.fixture
def department():
    return DepartmentFactory(name="Kultur- och fritidsförvaltningen")


def test_coordinator_assign_for_a_department(department):
    boss, user = UserFactory(), UserFactory()
    assignment = coordinator_assign(user=user, department=department, by=boss)
    user.refresh_from_db()
    assert assignment.department == department
    assert user.is_staff
    assert list(user.groups.values_list("name", flat=True)) == [roles.DEPARTMENT_COORDINATOR]
    assert user.has_perm("portal.view_department")
    entry = AuditEntry.objects.get(action="coordinator.assigned")
    assert entry.actor == boss
    assert entry.target == department
    assert entry.data == {"user_id": user.pk, "municipal": False}


def test_coordinator_assign_municipality_wide():
    user = UserFactory()
    coordinator_assign(user=user, by=None)
    user.refresh_from_db()
    assert user.is_staff
    assert user.groups.filter(name=roles.MUNICIPAL_COORDINATOR).exists()
    assert user.has_perm("portal.view_auditentry")
    assert AuditEntry.objects.get(action="coordinator.assigned").data["municipal"] is True


def test_coordinator_assign_twice_is_refused(department):
    user = UserFactory()
    coordinator_assign(user=user, department=department, by=None)
    with pytest.raises(CoordinatorError):
        coordinator_assign(user=user, department=department, by=None)
    coordinator_assign(user=user, by=None)
    with pytest.raises(CoordinatorError):
        coordinator_assign(user=user, by=None)
    assert CoordinatorAssignment.objects.filter(user=user).count() == 2


def test_coordinator_unassign_removes_group_and_admin_access_with_the_last_role(department):
    user = UserFactory()
    second = DepartmentFactory(name="Miljökontoret")
    first_assignment = coordinator_assign(user=user, department=department, by=None)
    second_assignment = coordinator_assign(user=user, department=second, by=None)

    coordinator_unassign(assignment=first_assignment, by=None)
    user.refresh_from_db()
    assert user.is_staff
    assert user.groups.filter(name=roles.DEPARTMENT_COORDINATOR).exists()

    coordinator_unassign(assignment=second_assignment, by=None)
    user.refresh_from_db()
    assert not user.is_staff
    assert not user.groups.exists()
    assert AuditEntry.objects.filter(action="coordinator.unassigned").count() == 2


def test_an_administrator_keeps_admin_access_after_unassign():
    user = UserFactory(roles=[roles.ADMINISTRATOR], is_staff=True)
    coordinator_unassign(assignment=coordinator_assign(user=user, by=None), by=None)
    user.refresh_from_db()
    assert user.is_staff
    assert not user.groups.filter(name=roles.MUNICIPAL_COORDINATOR).exists()


# --- Predicates: anonymous, other user, department coordinator, municipal coordinator


@pytest.fixture
def people(department):
    dept_coordinator, municipal = UserFactory(), UserFactory()
    coordinator_assign(user=dept_coordinator, department=department, by=None)
    coordinator_assign(user=municipal, by=None)
    return {
        "anonymous": AnonymousUser(),
        "other": UserFactory(),
        "department_coordinator": dept_coordinator,
        "municipal_coordinator": municipal,
    }


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("anonymous", False),
        ("other", False),
        ("department_coordinator", False),
        ("municipal_coordinator", True),
    ],
)
def test_is_municipal_coordinator(people, who, expected):
    assert is_municipal_coordinator(people[who]) is expected


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("anonymous", False),
        ("other", False),
        ("department_coordinator", True),
        ("municipal_coordinator", False),
    ],
)
def test_is_department_coordinator(people, who, expected):
    assert is_department_coordinator(people[who]) is expected


@pytest.mark.parametrize(
    ("who", "own", "elsewhere"),
    [
        ("anonymous", False, False),
        ("other", False, False),
        ("department_coordinator", True, False),
        ("municipal_coordinator", False, False),
    ],
)
def test_coordinates_department(people, department, who, own, elsewhere):
    other_department = DepartmentFactory(name="Tekniska förvaltningen")
    assert coordinates_department(people[who], department) is own
    assert coordinates_department(people[who], other_department) is elsewhere
    assert coordinates_department(people[who], None) is False


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("anonymous", False),
        ("other", False),
        ("department_coordinator", True),
        ("municipal_coordinator", True),
    ],
)
def test_view_dashboard_permission(people, who, expected):
    assert people[who].has_perm("portal.view_dashboard") is expected
