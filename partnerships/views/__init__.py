"""The partnerships' start page, and agreements on other apps' pages."""

from django.db.models import F
from django.shortcuts import render

from organisations.models import Organisation

from ..models import Agreement


def index(request):
    """Samverkan & IOP: where each part is, as far as the reader may go, and how an
    association with an idea starts. The associations a representative acts for are
    linked, since their agreements, reports and collaborations are on their pages."""
    user = request.user
    represented = (
        list(Organisation.objects.filter(memberships__user=user).order_by("name")[:10])
        if user.is_authenticated
        else []
    )
    return render(request, "partnerships/index.html", {"represented": represented})


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
