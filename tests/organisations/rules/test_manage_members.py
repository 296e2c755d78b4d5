"""The grid for "organisations.manage_members":
every role against every state of the association."""

import pytest

from organisations.models import Organisation
from tests.organisations.factories import ROLES, STATES, organisation_in_state, user_in_role

PERM = "organisations.manage_members"


def permission_object(organisation):
    return organisation


def allowed(state):
    if state == "archived":  # read-only until a coordinator restores it
        return set()
    return {"admin", "municipal_coordinator"}


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
    """ "Mina föreningar" shows who asks to join through the twin: it must hold
    what the rule holds."""
    organisation = organisation_in_state(state)
    user = user_in_role(role, organisation)
    found = Organisation.objects.members_managed_by(user).filter(pk=organisation.pk).exists()
    assert found is (role in allowed(state))
