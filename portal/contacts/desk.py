"""The contact paths' panel on the coordinators' desk: the paths the reader is in
charge of that nobody has reviewed for a year, oldest first, linked to the admin's
list of exactly those (where "Mark as reviewed" is an action) and each to its own
page for editing. Officials, who have no desk, see the same on their own page."""

from django.db.models import Count, Min
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal import desk

from .models import ContactPath

OLDEST_SHOWN = 5


def review_items(user) -> list[desk.DeskItem]:
    due = ContactPath.objects.changeable_by(user).review_due(timezone.localdate())
    figures = due.aggregate(count=Count("pk"), since=Min("reviewed_at"))
    oldest = due.order_by("reviewed_at", "pk").only("pk", "title", "reviewed_at")[:OLDEST_SHOWN]
    return [
        desk.DeskItem(
            label=_("Not reviewed for a year"),
            count=figures["count"],
            url=reverse("admin:contacts_contactpath_changelist") + "?review=due",
            oldest=figures["since"],
            entries=[
                desk.DeskEntry(
                    label=path.title,
                    url=reverse("admin:contacts_contactpath_change", args=[path.pk]),
                    since=path.reviewed_at,
                )
                for path in oldest
            ],
        )
    ]


desk.register_panel(
    "contacts",
    title=_("Contact paths"),
    permission="contacts.add_contactpath",
    items=review_items,
    order=30,
)
