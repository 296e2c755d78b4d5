"""What associations do and when: activities, one-off or repeating (an RRULE), for
the shared calendar."""

from datetime import timedelta

from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.inputs import WITHIN_YEARS_MESSAGE, within_years
from portal.recurrence import each_occurrence, last_occurrence, validate_rule

from .memberships import Membership
from .organisations import DESCRIPTION_MAX_LENGTH, Organisation, _is_coordinator
from .vocabulary import District

REPEATS = ~Q(recurrence="")


def _repeats_past(moment) -> Q:
    """A series with an occasion that ends at or after ``moment`` (``repeats_until``
    is when its last one ends; null while it goes on)."""
    return REPEATS & (Q(repeats_until__isnull=True) | Q(repeats_until__gte=moment))


class ActivityQuerySet(models.QuerySet):
    def upcoming(self, now=None):
        """Not over yet: a one-off that ends (or, without an end, starts) from now on,
        and a series with an occasion still to come."""
        now = now or timezone.now()
        return self.filter(
            Q(ends_at__gte=now) | Q(ends_at__isnull=True, starts_at__gte=now) | _repeats_past(now)
        )

    def starting_from(self, moment):
        """Those with an occasion from ``moment`` on: a one-off starting then or later,
        a series whose rule reaches it (the calendar expands which occasions)."""
        return self.filter(Q(starts_at__gte=moment) | _repeats_past(moment))

    def published(self):
        """Not hidden by a coordinator: every public surface (the association's page,
        the calendar, its feeds, the open data) starts here. Cancelled ones stay, to
        be shown as cancelled."""
        return self.filter(hidden_at__isnull=True)

    def public(self):
        """Published, of an association the directory shows."""
        return self.published().filter(
            organisation__status=Organisation.Status.ACTIVE,
            organisation__is_public=True,
        )

    def changeable_by(self, user, *, archived: bool = False):
        """The twin of "organisations.change_activity": the activities of the
        associations the user may change (``archived``: as for organisations)."""
        changeable = Organisation.objects.changeable_by(user, archived=archived)
        return self.filter(organisation__in=changeable)

    def visible_to(self, user):
        """The twin of "organisations.view_activity" (rules.py): published ones of
        public associations for everyone; also hidden ones and those of associations
        not shown (awaiting approval, not public, archived) for the association's
        representatives, and all of them for coordinators."""
        if not user.is_authenticated:
            return self.public()
        if user.is_superuser or _is_coordinator(user, municipal=False):
            return self.all()
        members = Membership.objects.filter(organisation=OuterRef("organisation_id"), user=user)
        return self.filter(
            Q(
                hidden_at__isnull=True,
                organisation__status=Organisation.Status.ACTIVE,
                organisation__is_public=True,
            )
            | Exists(members)
        )


class Activity(models.Model):
    """An association's public event in the shared calendar."""

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="activities",
        verbose_name=_("association"),
    )
    title = models.CharField(_("title"), max_length=200)
    starts_at = models.DateTimeField(_("starts"), db_index=True)
    ends_at = models.DateTimeField(_("ends"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=255, blank=True)
    district = models.ForeignKey(
        District,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="activities",
        verbose_name=_("district"),
    )
    description = models.TextField(
        _("description"), blank=True, validators=[MaxLengthValidator(DESCRIPTION_MAX_LENGTH)]
    )
    url = models.URLField(_("link"), blank=True)
    # RFC 5545 RRULE text (portal/recurrence.py builds it from the form's choices):
    # one row, one VEVENT in the feeds, occasions expanded for the calendar.
    recurrence = models.CharField(
        _("repeats"),
        max_length=200,
        blank=True,
        default="",
        db_default="",
        validators=[validate_rule],
    )
    # When the series' last occasion ends, from the rule (series_end, set by the
    # services); null while it goes on. Keeps the calendar's query on an index.
    repeats_until = models.DateTimeField(_("repeats until"), null=True, blank=True)
    is_cancelled = models.BooleanField(_("cancelled"), default=False)
    # A coordinator's reasons are sent to the association, never published: the
    # public sees "cancelled", or nothing of a hidden activity.
    cancelled_reason = models.TextField(
        _("reason for cancelling"), blank=True, default="", db_default=""
    )
    hidden_at = models.DateTimeField(_("hidden"), null=True, blank=True)
    hidden_reason = models.TextField(_("reason for hiding"), blank=True, default="", db_default="")
    # The coordinator who hid it (the audit log keeps who, this the banner's state).
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("hidden by"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = ActivityQuerySet.as_manager()

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__isnull=True) | Q(ends_at__gte=models.F("starts_at")),
                name="activity_ends_after_start",
                violation_error_message=_("The activity cannot end before it starts."),
            ),
            # A year-1 start is stored before year 1 in UTC, which no page can read.
            models.CheckConstraint(
                condition=within_years("starts_at"),
                name="activity_starts_within_years",
                violation_error_message=WITHIN_YEARS_MESSAGE,
            ),
            models.CheckConstraint(
                condition=within_years("ends_at", null=True),
                name="activity_ends_within_years",
                violation_error_message=WITHIN_YEARS_MESSAGE,
            ),
            models.CheckConstraint(
                condition=Q(hidden_at__isnull=True) | ~Q(hidden_reason=""),
                name="activity_hidden_has_reason",
                violation_error_message=_("Give a reason for hiding the activity."),
            ),
            models.CheckConstraint(
                condition=Q(repeats_until__isnull=True)
                | (REPEATS & Q(repeats_until__gte=models.F("starts_at"))),
                name="activity_repeats_until_of_a_series",
                violation_error_message=_(
                    "Only an activity that repeats has an end of its series, after its start."
                ),
            ),
        ]
        indexes = [
            # The calendar filtered by district reads that district's activities in
            # time order; with the time index alone it read every district's (a
            # tenth of a millisecond per thousand rows, 18,000 rows at 100,000).
            models.Index(
                fields=["district", "starts_at"],
                condition=Q(hidden_at__isnull=True),
                name="activity_district_starts",
            ),
            # The series still going on in a period (upcoming, starting_from): a few
            # rows among the one-offs, found without reading those.
            models.Index(
                fields=["repeats_until"],
                condition=REPEATS & Q(hidden_at__isnull=True),
                name="activity_series_until",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("organisations:activity", args=[self.pk])

    @property
    def is_hidden(self) -> bool:
        return self.hidden_at is not None

    @property
    def duration(self) -> timedelta:
        return self.ends_at - self.starts_at if self.ends_at else timedelta(0)

    def series_end(self):
        """What ``repeats_until`` holds for the rule: when the last occasion ends,
        None for a series that goes on, or for one that does not repeat."""
        if not self.recurrence:
            return None
        last = last_occurrence(self.recurrence, self.starts_at)
        return last + self.duration if last is not None else None

    def occasions(self, *, after=None, before=None):
        """(start, end) of each occasion starting in [after, before), lazily: the
        activity itself, or each time its rule gives."""
        if not self.recurrence:
            if (after is None or self.starts_at >= after) and (
                before is None or self.starts_at < before
            ):
                yield self.starts_at, self.ends_at
            return
        duration = self.duration
        for start in each_occurrence(self.recurrence, self.starts_at, after=after, before=before):
            yield start, start + duration if self.ends_at else None
