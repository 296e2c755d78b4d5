"""The grid for "dialogues.view_participants" (and "dialogues.invite_to_meeting",
the same rule): the meeting's coordinators only, whatever its state: the forum's
own coordinators, the coordinators of the forum's department and the municipal
ones; not another department's, not the representatives, not visitors."""

import pytest
from django.contrib.auth.models import AnonymousUser

from dialogues.models import Meeting
from portal.models import CoordinatorAssignment
from tests.dialogues.factories import ForumFactory, MeetingFactory
from tests.organisations.factories import (
    MembershipFactory,
    OrganisationFactory,
    UserFactory,
    make_department_coordinator,
    make_municipal_coordinator,
)
from tests.portal.factories import DepartmentFactory

GRID_ROLES = {
    "anonymous": False,
    "other_representative": False,
    "representative": False,
    "forum_coordinator": True,
    "department_coordinator": True,
    "other_department_coordinator": False,
    "municipal_coordinator": True,
    "superuser": True,
}


def user_in(role, meeting, organisation):
    forum = meeting.forum
    if role == "anonymous":
        return AnonymousUser()
    if role == "other_representative":
        return MembershipFactory().user
    if role == "representative":
        return MembershipFactory(organisation=organisation).user
    if role == "forum_coordinator":
        user = UserFactory(is_staff=True)
        forum.coordinators.add(user)
        return user
    if role == "department_coordinator":
        user = UserFactory(is_staff=True)
        CoordinatorAssignment.objects.create(user=user, department=forum.department)
        return user
    if role == "other_department_coordinator":
        return make_department_coordinator()
    if role == "superuser":
        return UserFactory(is_superuser=True, is_staff=True)
    return make_municipal_coordinator()


@pytest.mark.django_db
@pytest.mark.parametrize("perm", ["dialogues.view_participants", "dialogues.invite_to_meeting"])
@pytest.mark.parametrize("status", [s.value for s in Meeting.Status])
@pytest.mark.parametrize("role", GRID_ROLES)
def test_grid(perm, status, role):
    organisation = OrganisationFactory()
    forum = ForumFactory(department=DepartmentFactory(), organisations=[organisation])
    meeting = MeetingFactory(forum=forum, status=status)
    user = user_in(role, meeting, organisation)
    assert user.has_perm(perm, meeting) is GRID_ROLES[role]


@pytest.mark.django_db
def test_a_forum_without_a_department_is_the_municipal_coordinators():
    meeting = MeetingFactory(forum=ForumFactory(department=None))
    assert not make_department_coordinator().has_perm("dialogues.view_participants", meeting)
    assert make_municipal_coordinator().has_perm("dialogues.view_participants", meeting)
    assert not UserFactory().has_perm("dialogues.view_participants")
