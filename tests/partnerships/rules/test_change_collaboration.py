"""The grid for "partnerships.change_collaboration" and "add_collaboration": the
officials and coordinators of a collaborating department and the municipal
coordinators change it, whether it is public or not. ``changeable_by`` answers the
same."""

import pytest

from partnerships.models import Collaboration
from tests.organisations.factories import OrganisationFactory, UserFactory
from tests.partnerships.collaboration_factories import (
    IN_CHARGE,
    ROLES,
    STAFF,
    CollaborationFactory,
    user_in_role,
)
from tests.portal.factories import DepartmentFactory

PERM = "partnerships.change_collaboration"


@pytest.mark.django_db
@pytest.mark.parametrize("is_public", [True, False], ids=["public", "not_public"])
@pytest.mark.parametrize("role", ROLES)
def test_grid(is_public, role):
    department, organisation = DepartmentFactory(), OrganisationFactory()
    collaboration = CollaborationFactory(
        is_public=is_public,
        departments=[DepartmentFactory(), department],
        associations=[organisation],
    )
    CollaborationFactory(is_public=is_public)  # another department's
    user = user_in_role(role, department=department, organisation=organisation)
    expected = role in IN_CHARGE
    assert user.has_perm(PERM, collaboration) is expected
    assert (collaboration in Collaboration.objects.changeable_by(user)) is expected
    assert Collaboration.objects.changeable_by(user).count() == (
        2 if role == "municipal_coordinator" else int(expected)
    )


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_who_records_and_lists_collaborations(role):
    user = user_in_role(role, department=DepartmentFactory(), organisation=OrganisationFactory())
    assert user.has_perm("partnerships.add_collaboration") is (role in STAFF)
    assert user.has_perm("partnerships.list_collaborations") is (role in STAFF)


@pytest.mark.django_db
def test_an_official_without_a_department_lists_but_does_not_record():
    from tests.contacts.factories import make_official

    official = make_official(None)
    assert official.has_perm("partnerships.list_collaborations")
    assert not official.has_perm("partnerships.add_collaboration")
    assert not official.has_perm(PERM, CollaborationFactory())


@pytest.mark.django_db
def test_superuser_changes_every_collaboration():
    superuser = UserFactory(is_superuser=True, is_staff=True)
    assert superuser.has_perm(PERM, CollaborationFactory(is_public=False))
