"""The grid for "dialogues.view_forum": every role against every audience of a forum
the association takes part in. ``Forum.objects.visible_to`` answers the same."""

import pytest

from dialogues.models import Forum
from tests.dialogues.factories import ForumFactory
from tests.organisations.factories import ROLES, OrganisationFactory, UserFactory, user_in_role

PERM = "dialogues.view_forum"
AUDIENCES = [audience.value for audience in Forum.Audience]
REPRESENTATIVES_AND_COORDINATORS = {
    "editor",
    "admin",
    "department_coordinator",
    "municipal_coordinator",
}


def allowed(audience):
    if audience == Forum.Audience.INTERNAL:
        return REPRESENTATIVES_AND_COORDINATORS
    return set(ROLES)


@pytest.mark.django_db
@pytest.mark.parametrize("audience", AUDIENCES)
@pytest.mark.parametrize("role", ROLES)
def test_grid(audience, role):
    organisation = OrganisationFactory()
    forum = ForumFactory(audience=audience, organisations=[organisation])
    ForumFactory(audience=audience)  # another forum, without the association
    user = user_in_role(role, organisation)
    expected = role in allowed(audience)
    assert user.has_perm(PERM, forum) is expected
    assert (forum in Forum.objects.visible_to(user)) is expected


@pytest.mark.django_db
def test_superuser_sees_every_forum():
    superuser = UserFactory(is_superuser=True, is_staff=True)
    forum = ForumFactory(audience=Forum.Audience.INTERNAL)
    assert superuser.has_perm(PERM, forum)
    assert forum in Forum.objects.visible_to(superuser)


@pytest.mark.django_db
def test_without_an_object_the_rule_grants_nothing():
    """The admin asks for the model permission without an object: that comes from the
    role's group (portal/roles.py), not from this rule."""

    assert not UserFactory().has_perm(PERM)
