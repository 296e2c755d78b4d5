"""The register's section of the account page: the associations a person
represents, with the ways to register one or to find one to join."""

from portal import account_sections

from .models import Membership

SHOWN = 10


def associations_of(request) -> dict:
    """The first few associations the person represents, and how many more."""
    memberships = list(
        Membership.objects.filter(user=request.user)
        .select_related("organisation")
        .order_by("organisation__name")[: SHOWN + 1]
    )
    more = 0
    if len(memberships) > SHOWN:
        more = Membership.objects.filter(user=request.user).count() - SHOWN
    return {"memberships": memberships[:SHOWN], "more": more}


account_sections.register_section("organisations/_account_section.html", associations_of, order=10)
