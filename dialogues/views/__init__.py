"""The dialogues' pages: meetings.py (the meeting page and its sign-up),
participants.py (the coordinators' list and export), my_meetings.py (a
representative's meetings and personal feed). Here: the forums on other apps'
pages: the forums an association takes part in and what became of what it raised."""

from django.utils.translation import gettext_lazy as _

from portal.contacts.related import RelatedLinks

from ..models import FollowUpItem, Forum
from .my_meetings import organisation_invitations

__all__ = ["organisation_follow_ups", "organisation_forums", "organisation_invitations"]
RAISED_ON_PAGE = 10


def organisation_forums(request, organisation) -> dict | None:
    """The section of an association's page (organisations.views.register_detail_section):
    the active forums it takes part in that the user may see. One query, however many
    forums; None (no section) when there are none."""
    forums = list(
        Forum.objects.active()
        .visible_to(request.user)
        .with_organisation(organisation)
        .select_related("department")
        .order_by("name", "pk")
    )
    if not forums:
        return None
    return {"forums": forums}


def organisation_follow_ups(request, organisation) -> dict | None:
    """The section of an association's page with what it raised at forum meetings
    and has an answer to, newest first: the participants hear back where they look.
    One query; None (no section) when there is nothing to show."""
    items = list(
        FollowUpItem.objects.visible_to(request.user)
        .published()
        .filter(raised_by_organisation=organisation)
        .select_related("meeting__forum", "owner_department")
        .order_by("-answer_published_at", "-pk")[:RAISED_ON_PAGE]
    )
    if not items:
        return None
    return {"items": items}


def contact_path_forums(path, user):
    """A contact path's forums in Hitta rätt (portal.contacts.related): the active
    ones linked to it that the reader may see. One query."""
    forums = Forum.objects.active().visible_to(user).filter(contact_paths=path).order_by("name")
    return RelatedLinks(
        title=_("Forums for this"),
        links=[(forum.name, forum.get_absolute_url()) for forum in forums],
    )
