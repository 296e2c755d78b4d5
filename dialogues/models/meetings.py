"""Meetings of a forum, alone or as a series from a recurrence rule, and what
associations do about them: invitations, registrations (with a waiting list) and
questions sent in before the meeting.

Guards live here as methods (``meeting.registration_refusal(now)``); the changes
of state with mail and audit are in dialogues/services/."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q, Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.inputs import WITHIN_YEARS_MESSAGE, within_years
from portal.recurrence import validate_rule

MAX_ATTENDEES = 50


class MeetingSeries(models.Model):
    """Meetings made together from one rule ("the first Tuesday each month in the
    spring"). Each meeting is its own row afterwards, so one can be moved or
    cancelled alone; the series remembers the rule it came from."""

    forum = models.ForeignKey(
        "dialogues.Forum",
        on_delete=models.CASCADE,
        related_name="series",
        verbose_name=_("forum"),
    )
    rule = models.CharField(_("recurrence rule"), max_length=200, validators=[validate_rule])
    first_starts_at = models.DateTimeField(_("first meeting starts"))
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("series of meetings")
        verbose_name_plural = _("series of meetings")

    def __str__(self) -> str:
        return f"{self.forum} ({self.rule})"


class MeetingQuerySet(models.QuerySet):
    def upcoming(self, now=None):
        return self.filter(starts_at__gte=now or timezone.now()).exclude(
            status=Meeting.Status.CANCELLED
        )

    def past(self, now=None):
        return self.filter(starts_at__lt=now or timezone.now())

    def with_minutes(self):
        return self.filter(status=Meeting.Status.MINUTES_PUBLISHED)

    def visible_to(self, user):
        """The queryset twin of ``dialogues.view_meeting``: the meetings of the
        forums the user may see (dialogues/rules.py)."""
        from .forums import Forum

        return self.filter(forum__in=Forum.objects.visible_to(user))


class Meeting(models.Model):
    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        OPEN = "open", _("Open for registration")
        CLOSED = "closed", _("Registration closed")
        HELD = "held", _("Held")
        MINUTES_PUBLISHED = "minutes_published", _("Minutes published")
        CANCELLED = "cancelled", _("Cancelled")

    forum = models.ForeignKey(
        "dialogues.Forum",
        on_delete=models.CASCADE,
        related_name="meetings",
        verbose_name=_("forum"),
    )
    series = models.ForeignKey(
        MeetingSeries,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="meetings",
        verbose_name=_("series"),
    )
    theme = models.CharField(_("theme"), max_length=200)
    agenda = models.TextField(_("agenda"), blank=True)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    online_url = models.URLField(_("link to join online"), blank=True)
    hearing_loop = models.BooleanField(_("hearing loop"), default=False)
    step_free = models.BooleanField(_("step-free access"), default=False)
    interpretation = models.CharField(
        _("interpretation"),
        max_length=200,
        blank=True,
        help_text=_("E.g. sign language interpretation, or on request."),
    )
    accessibility_notes = models.TextField(_("more about accessibility"), blank=True)
    capacity = models.PositiveIntegerField(
        _("places"),
        null=True,
        blank=True,
        help_text=_("Number of attendees who fit; empty for no limit."),
    )
    registration_deadline = models.DateTimeField(_("last day to register"), null=True, blank=True)
    asks_for_names = models.BooleanField(
        _("ask for attendees' names"),
        default=False,
        help_text=_("Names are shown only to the meeting's coordinators."),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PLANNED
    )
    cancelled_reason = models.TextField(_("why it was cancelled"), blank=True)
    minutes = models.TextField(_("minutes"), blank=True)
    minutes_file = models.FileField(
        _("minutes as PDF"), upload_to="dialogues/minutes/%Y/", blank=True
    )
    # Personal data: the name of the person who checked the minutes (justering), as
    # published with them.
    minutes_checked_by = models.CharField(_("minutes checked by"), max_length=200, blank=True)
    minutes_published_at = models.DateTimeField(_("minutes published"), null=True, blank=True)
    # iCalendar's SEQUENCE: raised each time the meeting is moved, so calendars
    # that hold the event (same UID) take the new time.
    sequence = models.PositiveIntegerField(
        _("times moved"), default=0, db_default=0, editable=False
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = MeetingQuerySet.as_manager()

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["starts_at", "pk"]
        indexes = [
            models.Index(fields=["forum", "starts_at"], name="meeting_forum_start"),
            models.Index(fields=["status", "starts_at"], name="meeting_status_start"),
        ]
        constraints = [
            *(
                models.CheckConstraint(
                    condition=within_years(field, null=field == "registration_deadline"),
                    name=f"meeting_{field}_within_years",
                    violation_error_message=WITHIN_YEARS_MESSAGE,
                )
                for field in ("starts_at", "ends_at", "registration_deadline")
            ),
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")),
                name="meeting_ends_after_start",
                violation_error_message=_("The meeting must end after it starts."),
            ),
            models.CheckConstraint(
                condition=Q(registration_deadline__isnull=True)
                | Q(registration_deadline__lte=F("starts_at")),
                name="meeting_deadline_before_start",
                violation_error_message=_(
                    "The last day to register must be before the meeting starts."
                ),
            ),
            models.CheckConstraint(
                condition=Q(capacity__isnull=True) | Q(capacity__gt=0),
                name="meeting_capacity_positive",
                violation_error_message=_("A meeting with places has at least one."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.theme} ({self.forum})"

    def get_absolute_url(self) -> str:
        return reverse("dialogues:meeting", args=[self.forum.slug, self.pk])

    @property
    def is_cancelled(self) -> bool:
        return self.status == self.Status.CANCELLED

    def can_transition(self, to: str) -> bool:
        """Whether the status may go from the current one to ``to`` (the table
        ``TRANSITIONS``; the time guards are in ``transition_refusal``)."""
        return to in TRANSITIONS.get(self.status, ())

    def transition_refusal(self, to: str, now=None):
        """Why the status cannot become ``to`` now (a translated message), or None."""
        now = now or timezone.now()
        if not self.can_transition(to):
            return _("A meeting that is “%(current)s” cannot become “%(to)s”.") % {
                "current": self.get_status_display(),
                "to": self.Status(to).label,
            }
        if to == self.Status.OPEN and now >= self.starts_at:
            return _("The meeting has already started: registration cannot open.")
        if to == self.Status.HELD and now < self.starts_at:
            return _("The meeting has not started yet.")
        return None

    def registration_is_open(self, now=None) -> bool:
        now = now or timezone.now()
        if self.status != self.Status.OPEN or now >= self.starts_at:
            return False
        return self.registration_deadline is None or now <= self.registration_deadline

    def registration_refusal(self, now=None):
        """Why an association cannot sign up now (a translated message), or None."""
        now = now or timezone.now()
        if self.is_cancelled:
            return _("The meeting is cancelled.")
        if self.status == self.Status.PLANNED:
            return _("Registration has not opened yet.")
        if self.registration_is_open(now):
            return None
        return _("Registration has closed.")

    def places_taken(self) -> int:
        return (
            self.registrations.filter(status=Registration.Status.CONFIRMED).aggregate(
                n=Sum("attendees")
            )["n"]
            or 0
        )


_S = Meeting.Status
# Where each status may go; minutes are published by the minutes' service, and a
# cancelled meeting or one with minutes stays as it is.
TRANSITIONS = {
    _S.PLANNED: {_S.OPEN, _S.HELD, _S.CANCELLED},
    _S.OPEN: {_S.CLOSED, _S.HELD, _S.CANCELLED},
    _S.CLOSED: {_S.OPEN, _S.HELD, _S.CANCELLED},
    _S.HELD: {_S.MINUTES_PUBLISHED},
    _S.MINUTES_PUBLISHED: set(),
    _S.CANCELLED: set(),
}


class RegistrationQuerySet(models.QuerySet):
    def active(self):
        return self.exclude(status=Registration.Status.CANCELLED)

    def confirmed(self):
        return self.filter(status=Registration.Status.CONFIRMED)

    def waiting(self):
        return self.filter(status=Registration.Status.WAITING).order_by("created_at", "pk")


class Registration(models.Model):
    """An association signed up for a meeting, with a place or on the waiting list."""

    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("Signed up")
        WAITING = "waiting", _("On the waiting list")
        CANCELLED = "cancelled", _("Sign-up cancelled")

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="registrations", verbose_name=_("meeting")
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.CASCADE,
        related_name="meeting_registrations",
        verbose_name=_("association"),
    )
    # Personal data: who signed up, the attendees' names and their needs (needs may
    # be health data). Shown only to the meeting's coordinators; needs are erased a
    # while after the meeting (dialogues/personal_data.py).
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="meeting_registrations",
        verbose_name=_("signed up by"),
    )
    attendees = models.PositiveSmallIntegerField(_("number of attendees"), default=1)
    attendee_names = models.TextField(_("attendees' names"), blank=True)
    needs = models.TextField(
        _("accessibility or dietary needs"),
        blank=True,
        help_text=_(
            "Only the meeting's coordinators see this, and it is deleted after the meeting."
        ),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.CONFIRMED
    )
    created_at = models.DateTimeField(_("signed up"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    cancelled_at = models.DateTimeField(_("sign-up cancelled"), null=True, blank=True)
    promoted_at = models.DateTimeField(
        _("given a place from the waiting list"), null=True, blank=True
    )

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["meeting", "created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "organisation"],
                condition=~Q(status="cancelled"),
                name="registration_one_per_association",
                violation_error_message=_("The association is already registered."),
            ),
            models.CheckConstraint(
                condition=Q(attendees__gte=1) & Q(attendees__lte=MAX_ATTENDEES),
                name="registration_attendees_range",
                violation_error_message=_("Between 1 and 50 attendees."),
            ),
        ]
        indexes = [
            models.Index(fields=["meeting", "status"], name="registration_meeting_status"),
            # The needs still held, for the sweep that erases them after the meeting
            # (dialogues/sweeps_registrations.py): erased rows leave the index.
            models.Index(
                fields=["meeting"], condition=~Q(needs=""), name="registration_needs_held"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} – {self.meeting}"


class MeetingInvitation(models.Model):
    """An association invited to a meeting; its representatives are mailed once."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="invitations", verbose_name=_("meeting")
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.CASCADE,
        related_name="meeting_invitations",
        verbose_name=_("association"),
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("invited by"),
    )
    created_at = models.DateTimeField(_("invited"), default=timezone.now)

    class Meta:
        verbose_name = _("invitation to a meeting")
        verbose_name_plural = _("invitations to meetings")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "organisation"], name="meetinginvitation_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation} – {self.meeting}"


class MeetingQuestion(models.Model):
    """A question or topic an association sends in before the meeting."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="questions", verbose_name=_("meeting")
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.CASCADE,
        related_name="meeting_questions",
        verbose_name=_("association"),
    )
    # Personal data: who sent it (the association is shown, the person is not).
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("sent by"),
    )
    topic = models.CharField(_("topic"), max_length=200)
    text = models.TextField(_("question"), max_length=3000, blank=True)
    created_at = models.DateTimeField(_("sent"), default=timezone.now)

    class Meta:
        verbose_name = _("question before the meeting")
        verbose_name_plural = _("questions before the meeting")
        ordering = ["meeting", "topic", "created_at"]

    def __str__(self) -> str:
        return self.topic


__all__ = [
    "MAX_ATTENDEES",
    "Meeting",
    "MeetingInvitation",
    "MeetingQuestion",
    "MeetingSeries",
    "Registration",
    "TRANSITIONS",
]
