"""Forums on other apps' pages. The public forum map comes later (urls.py)."""

from .models import Forum


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
