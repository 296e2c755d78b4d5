"""The grid for "organisations.change_organisation":
every role against every state of the association."""

import pytest

from organisations.models import Organisation
from tests.organisations.factories import ROLES, STATES, organisation_in_state, user_in_role

PERM = "organisations.change_organisation"


def permission_object(organisation):
    return organisation


def allowed(state):
    if state == "archived":  # read-only until a coordinator restores it
        return set()
    return {"editor", "admin", "municipal_coordinator"}


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
    found = Organisation.objects.changeable_by(user).filter(pk=obj.pk).exists()
    assert found is (role in allowed(state))
