"""A representative's personal iCalendar feed of their associations' meetings."""

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def new_feed_token() -> str:
    return secrets.token_urlsafe(32)


class CalendarFeed(models.Model):
    """The secret address of one person's feed (dialogues:my_meetings_ics). The
    address is the only key, so renewing it replaces the token and the old address
    stops working at once."""

    # Personal data: whose feed it is (exported and erased through
    # dialogues/personal_data.py; deleted with the account).
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="meeting_feed",
        verbose_name=_("person"),
    )
    token = models.CharField(
        _("secret address"), max_length=64, unique=True, default=new_feed_token
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("personal meeting calendar")
        verbose_name_plural = _("personal meeting calendars")

    def __str__(self) -> str:
        return str(self.user)
