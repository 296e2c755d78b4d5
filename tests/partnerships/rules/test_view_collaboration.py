"""The grid for "partnerships.view_collaboration": every role against a public and
a non-public collaboration. ``Collaboration.objects.visible_to`` answers the same."""

import pytest

from partnerships.models import Collaboration
from tests.organisations.factories import OrganisationFactory, UserFactory
from tests.partnerships.collaboration_factories import (
    ROLES,
    STAFF,
    CollaborationFactory,
    user_in_role,
)
from tests.portal.factories import DepartmentFactory

PERM = "partnerships.view_collaboration"


@pytest.mark.django_db
@pytest.mark.parametrize("is_public", [True, False], ids=["public", "not_public"])
@pytest.mark.parametrize("role", ROLES)
def test_grid(is_public, role):
    department, organisation = DepartmentFactory(), OrganisationFactory()
    collaboration = CollaborationFactory(
        is_public=is_public, departments=[department], associations=[organisation]
    )
    CollaborationFactory(is_public=False)  # another, without the association
    user = user_in_role(role, department=department, organisation=organisation)
    expected = is_public or role in STAFF | {"representative"}
    assert user.has_perm(PERM, collaboration) is expected
    assert (collaboration in Collaboration.objects.visible_to(user)) is expected


@pytest.mark.django_db
def test_superuser_sees_every_collaboration():
    superuser = UserFactory(is_superuser=True, is_staff=True)
    collaboration = CollaborationFactory(is_public=False)
    assert superuser.has_perm(PERM, collaboration)
    assert collaboration in Collaboration.objects.visible_to(superuser)


@pytest.mark.django_db
def test_without_an_object_the_rule_grants_nothing():
    assert not UserFactory().has_perm(PERM)
