"""Who may see a forum: anyone when it is public (not internal), representatives of
a participating association, and coordinators.

``Forum.objects.visible_to(user)`` is the same rule as a query, for lists (the
association's page); tests/dialogues/rules/ holds the two to the same grid."""

import rules

from portal.rules import is_coordinator

from .models import Forum, ForumMembership


def _forum(obj):
    return obj if isinstance(obj, Forum) else None


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


can_view = is_public_forum | represents_participant | (has_forum & is_coordinator)

rules.add_perm("dialogues.view_forum", can_view)
