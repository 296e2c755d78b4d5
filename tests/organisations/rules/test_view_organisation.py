"""The grid for "organisations.view_organisation":
every role against every state of the association."""

import pytest

from organisations.models import Organisation
from tests.organisations.factories import ROLES, STATES, organisation_in_state, user_in_role

PERM = "organisations.view_organisation"


def permission_object(organisation):
    return organisation


MEMBERS_AND_COORDINATORS = {"editor", "admin", "department_coordinator", "municipal_coordinator"}


def allowed(state):
    if state == "active":
        return set(ROLES)
    return MEMBERS_AND_COORDINATORS


@pytest.mark.django_db
@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("role", ROLES)
def test_grid(state, role):
    organisation = organisation_in_state(state)
    user = user_in_role(role, organisation)
    assert user.has_perm(PERM, permission_object(organisation)) is (role in allowed(state))


@pytest.mark.django_db
@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("role", ROLES)
def test_the_queryset_twin_agrees(state, role):
    """The views look objects up through the twin: it must hold what the rule holds."""
    organisation = organisation_in_state(state)
    user = user_in_role(role, organisation)
    obj = permission_object(organisation)
    found = Organisation.objects.visible_to(user).filter(pk=obj.pk).exists()
    assert found is (role in allowed(state))
