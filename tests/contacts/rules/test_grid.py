"""The grid of Hitta rätt's rules: every role against every state of a path, the
rule and its queryset twin alike. Officials of the path's department and its
coordinators change it, the municipal coordinators every path; an official or a
coordinator of another department does not; the named person may mark it reviewed."""

import pytest
from django.contrib.auth.models import AnonymousUser

from portal.contacts.models import ContactPath
from tests.contacts.factories import (
    IN_CHARGE,
    ROLES,
    STATES,
    ContactPathFactory,
    make_official,
    path_in_state,
    user_in_role,
)
from tests.portal.factories import DepartmentFactory, UserFactory

pytestmark = pytest.mark.django_db


def _setup(role, state):
    department = DepartmentFactory()
    user = user_in_role(role, department)
    person = user if role == "named_person" else None
    path = path_in_state(state, department=department, person=person)
    ContactPathFactory()  # another department's path, never in charge
    return user, path


@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("role", ROLES)
def test_change(role, state):
    user, path = _setup(role, state)
    expected = role in IN_CHARGE
    assert user.has_perm("contacts.change_contactpath", path) is expected
    assert (path in ContactPath.objects.changeable_by(user)) is expected


@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("role", ROLES)
def test_review(role, state):
    user, path = _setup(role, state)
    expected = role in IN_CHARGE | {"named_person"}
    assert user.has_perm("contacts.review_contactpath", path) is expected
    assert (path in ContactPath.objects.reviewable_by(user)) is expected


@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("role", ROLES)
def test_view(role, state):
    user, path = _setup(role, state)
    expected = state == "published" or role in IN_CHARGE
    assert user.has_perm("contacts.view_contactpath", path) is expected
    assert (path in ContactPath.objects.visible_to(user)) is expected


@pytest.mark.parametrize("role", ROLES)
def test_add(role):
    user = user_in_role(role, DepartmentFactory())
    expected = role in IN_CHARGE | {"official_elsewhere", "coordinator_elsewhere"}
    assert user.has_perm("contacts.add_contactpath") is expected


def test_an_official_without_a_department_or_a_user_with_one_but_no_role_publishes_nothing():
    department = DepartmentFactory()
    without = make_official(None)
    not_official = UserFactory(department=department)
    path = ContactPathFactory(department=department)
    for user in (without, not_official):
        assert not user.has_perm("contacts.add_contactpath")
        assert not user.has_perm("contacts.change_contactpath", path)
        assert not ContactPath.objects.changeable_by(user).exists()


def test_a_superuser_changes_every_path():
    path = ContactPathFactory()
    superuser = UserFactory(is_superuser=True, is_staff=True)
    assert superuser.has_perm("contacts.change_contactpath", path)
    assert path in ContactPath.objects.changeable_by(superuser)


def test_without_an_object_change_grants_nothing():
    """The admin asks for the model permission without an object: that comes from
    the role's group (portal/roles.py), not from these rules."""
    assert not make_official(DepartmentFactory()).has_perm("contacts.change_contactpath")
    assert not AnonymousUser().has_perm("contacts.view_contactpath")
