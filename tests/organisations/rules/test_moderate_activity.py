"""The grid for "organisations.moderate_activity" (a coordinator cancels, hides or
shows again an association's activity): every role against every state."""

import pytest
from django.contrib.auth.models import AnonymousUser

from tests.organisations.factories import (
    ROLES,
    STATES,
    ActivityFactory,
    UserFactory,
    make_department_coordinator,
    make_municipal_coordinator,
    organisation_in_state,
    user_in_role,
)

PERM = "organisations.moderate_activity"


def permission_object(organisation):
    return ActivityFactory(organisation=organisation)


def allowed(state):
    if state == "archived":  # not public, and not changed, until it is restored
        return set()
    return {"municipal_coordinator"}


@pytest.mark.django_db
@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("role", ROLES)
def test_grid(state, role):
    organisation = organisation_in_state(state)
    user = user_in_role(role, organisation)
    assert user.has_perm(PERM, permission_object(organisation)) is (role in allowed(state))


@pytest.mark.django_db
def test_without_an_object_it_says_who_moderates_at_all():
    """What the admin asks before it offers the actions."""
    assert make_municipal_coordinator().has_perm(PERM)
    assert not make_department_coordinator().has_perm(PERM)
    assert not UserFactory().has_perm(PERM)
    assert not AnonymousUser().has_perm(PERM)
