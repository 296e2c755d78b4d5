"""A representative's personal meeting calendar: its secret address, made or
replaced on request."""

from django.db import transaction
from django.utils import timezone

from portal.audit import audit_log

from ..models import CalendarFeed
from ..models.feeds import new_feed_token


@transaction.atomic
def calendar_feed_renew(*, user) -> tuple[CalendarFeed, bool]:
    """Make the address, or replace it: the old one stops working at once (it is
    the only key). Returns the feed and whether it is new."""
    feed, created = CalendarFeed.objects.select_for_update().get_or_create(user=user)
    if not created:
        feed.token = new_feed_token()
        feed.created_at = timezone.now()
        feed.save(update_fields=["token", "created_at"])
    audit_log(actor=user, action="calendar_feed.renewed", target=feed)
    return feed, created
