"""The grid for "dialogues.view_meeting": whoever sees the forum sees its meetings,
in every state; ``Meeting.objects.visible_to`` answers the same."""

import pytest

from dialogues.models import Forum, Meeting
from tests.dialogues.factories import ForumFactory, MeetingFactory
from tests.organisations.factories import ROLES, OrganisationFactory, user_in_role

from .test_view_forum import allowed

PERM = "dialogues.view_meeting"


@pytest.mark.django_db
@pytest.mark.parametrize("status", [s.value for s in Meeting.Status])
@pytest.mark.parametrize("audience", [a.value for a in Forum.Audience])
@pytest.mark.parametrize("role", ROLES)
def test_grid(status, audience, role):
    organisation = OrganisationFactory()
    meeting = MeetingFactory(
        status=status, forum=ForumFactory(audience=audience, organisations=[organisation])
    )
    MeetingFactory(forum=ForumFactory(audience=audience))  # another forum's meeting
    user = user_in_role(role, organisation)
    expected = role in allowed(audience)
    assert user.has_perm(PERM, meeting) is expected
    assert (meeting in Meeting.objects.visible_to(user)) is expected
