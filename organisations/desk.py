"""The register's panel on the coordinators' desk: associations awaiting
approval (oldest first, with their age), unconfirmed ones, open requests to
join and associations without an administrator, each linked to the admin's
list filtered to exactly those."""

from django.db.models import Count, Min, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from portal import desk

from .models import JoinRequest, Organisation

OLDEST_SHOWN = 5
# An archived association needs no administrator.
OPEN_STATUSES = (Organisation.Status.PENDING, Organisation.Status.ACTIVE)


def _changelist(model: str, query: str) -> str:
    return f"{reverse(f'admin:organisations_{model}_changelist')}?{query}"


def register_items(user) -> list[desk.DeskItem]:
    pending = Q(status=Organisation.Status.PENDING)
    unconfirmed = Q(status=Organisation.Status.ACTIVE, unconfirmed_since__isnull=False)
    orphaned = Q(status__in=OPEN_STATUSES, needs_administrator=True)
    figures = Organisation.objects.aggregate(
        pending=Count("pk", filter=pending),
        pending_since=Min("created_at", filter=pending),
        unconfirmed=Count("pk", filter=unconfirmed),
        unconfirmed_since=Min("unconfirmed_since", filter=unconfirmed),
        orphaned=Count("pk", filter=orphaned),
    )
    oldest = Organisation.objects.filter(pending).order_by("created_at", "pk")[:OLDEST_SHOWN]
    requests = JoinRequest.objects.filter(status=JoinRequest.Status.OPEN).aggregate(
        count=Count("pk"), since=Min("created_at")
    )
    return [
        desk.DeskItem(
            label=_("Awaiting approval"),
            count=figures["pending"],
            url=_changelist("organisation", "status__exact=pending"),
            oldest=figures["pending_since"],
            entries=[
                desk.DeskEntry(
                    label=org.name,
                    url=reverse("admin:organisations_organisation_change", args=[org.pk]),
                    since=org.created_at,
                )
                for org in oldest.only("pk", "name", "created_at")
            ],
        ),
        desk.DeskItem(
            label=_("Without an administrator"),
            count=figures["orphaned"],
            url=_changelist(
                "organisation", f"needs_administrator__exact=1&status__in={','.join(OPEN_STATUSES)}"
            ),
        ),
        desk.DeskItem(
            label=_("Open requests to join"),
            count=requests["count"],
            url=_changelist("joinrequest", "status__exact=open"),
            oldest=requests["since"],
        ),
        desk.DeskItem(
            label=_("Unconfirmed this year"),
            count=figures["unconfirmed"],
            url=_changelist("organisation", "status__exact=active&unconfirmed=yes"),
            oldest=figures["unconfirmed_since"],
            urgent=False,
        ),
    ]


desk.register_panel(
    "organisations",
    title=_("Association register"),
    permission="organisations.approve_organisation",
    items=register_items,
    order=10,
)
