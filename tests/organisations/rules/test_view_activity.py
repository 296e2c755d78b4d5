"""The grid for "organisations.view_activity" (an activity's own page and its .ics):
every role against every state of the association and of the activity, and the
queryset twin the page looks activities up through."""

import pytest
from django.utils import timezone

from organisations.models import Activity
from tests.organisations.factories import (
    ROLES,
    STATES,
    ActivityFactory,
    organisation_in_state,
    user_in_role,
)

PERM = "organisations.view_activity"
ACTIVITY_STATES = ("published", "cancelled", "hidden")
PEOPLE = {"editor", "admin", "department_coordinator", "municipal_coordinator"}


def permission_object(organisation, activity_state):
    if activity_state == "hidden":
        return ActivityFactory(
            organisation=organisation, hidden_at=timezone.now(), hidden_reason="Fel plats"
        )
    return ActivityFactory(organisation=organisation, is_cancelled=activity_state == "cancelled")


def allowed(state, activity_state):
    """What the calendar shows, everyone; the rest, the association's people."""
    if state == "active" and activity_state != "hidden":
        return set(ROLES)
    return PEOPLE


@pytest.mark.django_db
@pytest.mark.parametrize("activity_state", ACTIVITY_STATES)
@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("role", ROLES)
def test_grid(state, activity_state, role):
    organisation = organisation_in_state(state)
    user = user_in_role(role, organisation)
    activity = permission_object(organisation, activity_state)
    assert user.has_perm(PERM, activity) is (role in allowed(state, activity_state))


@pytest.mark.django_db
@pytest.mark.parametrize("activity_state", ACTIVITY_STATES)
@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("role", ROLES)
def test_the_queryset_twin_agrees(state, activity_state, role):
    organisation = organisation_in_state(state)
    user = user_in_role(role, organisation)
    activity = permission_object(organisation, activity_state)
    found = Activity.objects.visible_to(user).filter(pk=activity.pk).exists()
    assert found is (role in allowed(state, activity_state))
