"""Who may see a forum: anyone when it is public (not internal), representatives of
a participating association, and coordinators. A meeting is seen by whoever sees
its forum; its coordinators (the forum's, the municipal ones and those of the
forum's department) see who signed up and invite associations.

``Forum.objects.visible_to(user)`` and ``Meeting.objects.visible_to(user)`` are
the same rules as queries, for lists, and ``associations_that_may_sign_up`` is
the sign-up rule; tests/dialogues/rules/ holds each pair to the same grid."""

import rules
from django.db.models import Exists, OuterRef, Q

from organisations.models import Membership, Organisation
from portal.models import CoordinatorAssignment
from portal.rules import is_coordinator

from .models import Forum, ForumMembership, Meeting, MeetingInvitation


def _forum(obj):
    if isinstance(obj, Meeting):
        return obj.forum
    return obj if isinstance(obj, Forum) else None


def _meeting(obj):
    return obj if isinstance(obj, Meeting) else None


@rules.predicate
def has_forum(user, obj) -> bool:
    return _forum(obj) is not None


@rules.predicate
def is_public_forum(user, obj) -> bool:
    forum = _forum(obj)
    return forum is not None and forum.is_public


@rules.predicate
def represents_participant(user, obj) -> bool:
    """The user represents one of the forum's participating associations."""
    forum = _forum(obj)
    if forum is None or not user.is_authenticated:
        return False
    return ForumMembership.objects.filter(
        forum=forum, organisation__memberships__user=user
    ).exists()


@rules.predicate
def is_meeting_coordinator(user, obj) -> bool:
    """One of the forum's coordinators, a municipal coordinator, or a coordinator
    of the forum's department: one query."""
    meeting = _meeting(obj)
    if meeting is None or not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    forum = meeting.forum
    scope = Q(department__isnull=True)
    if forum.department_id is not None:
        scope |= Q(department_id=forum.department_id)
    return (
        Forum.objects.filter(pk=forum.pk)
        .filter(
            Q(coordinators=user) | Exists(CoordinatorAssignment.objects.filter(scope, user=user))
        )
        .exists()
    )


can_view = is_public_forum | represents_participant | (has_forum & is_coordinator)

rules.add_perm("dialogues.view_forum", can_view)
rules.add_perm("dialogues.view_meeting", can_view)
# Attendees' names and needs, the waiting list and the questions sent in.
rules.add_perm("dialogues.view_participants", is_meeting_coordinator)
rules.add_perm("dialogues.invite_to_meeting", is_meeting_coordinator)


def associations_that_may_sign_up(user, meeting):
    """The associations ``user`` may sign up for ``meeting`` (the sign-up rule, used
    by the page and re-checked by the service under the lock): active ones they
    represent; for a forum by invitation or an internal one, only its participating
    associations and those invited to the meeting."""
    if not user.is_authenticated:
        return Organisation.objects.none()
    associations = Organisation.objects.active().filter(
        Exists(Membership.objects.filter(organisation=OuterRef("pk"), user=user))
    )
    if meeting.forum.audience != Forum.Audience.OPEN:
        associations = associations.filter(
            Exists(ForumMembership.objects.filter(organisation=OuterRef("pk"), forum=meeting.forum))
            | Exists(MeetingInvitation.objects.filter(organisation=OuterRef("pk"), meeting=meeting))
        )
    return associations.order_by("name", "pk")
