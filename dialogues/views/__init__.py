"""The dialogues' pages: meetings.py (the meeting page and its sign-up),
participants.py (the coordinators' list and export), my_meetings.py (a
representative's meetings and personal feed). Here: the forums on other apps'
pages (the public forum map comes later, urls.py)."""

from ..models import Forum
from .my_meetings import organisation_invitations

__all__ = ["organisation_forums", "organisation_invitations"]


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
