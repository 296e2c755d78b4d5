"""Agreements on other apps' pages."""

from django.db.models import F

from ..models import Agreement


def organisation_agreements(request, organisation) -> dict | None:
    """The section of an association's page (organisations.views.register_detail_section):
    the agreements it is party to that the user may see, the newest term first. One
    query, however many agreements; None (no section) when there are none."""
    agreements = list(
        Agreement.objects.visible_to(request.user)
        .with_organisation(organisation)
        .order_by(F("starts_on").desc(nulls_first=True), "title", "pk")
    )
    if not agreements:
        return None
    return {"agreements": agreements}
