"""What was raised at a meeting and what became of it: each item has an owner at
the municipality, a due date, a status and an answer that is published back to
the people who took part."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.inputs import WITHIN_YEARS_MESSAGE, within_years


class FollowUpQuerySet(models.QuerySet):
    def unresolved(self):
        return self.filter(status__in=FollowUpItem.UNRESOLVED)

    def overdue(self, today=None):
        return self.unresolved().filter(due_on__lt=today or timezone.localdate())

    def published(self):
        return self.filter(answer_published_at__isnull=False)

    def on_record(self):
        """What the forum page lists: items of meetings whose minutes are out (open
        ones too, with their status) and any whose answer is published."""
        return self.filter(
            Q(meeting__minutes_published_at__isnull=False) | Q(answer_published_at__isnull=False)
        )

    def visible_to(self, user):
        """The queryset twin of ``dialogues.view_followupitem``: the items of the
        meetings the user may see."""
        from .meetings import Meeting

        return self.filter(meeting__in=Meeting.objects.visible_to(user))


class FollowUpItem(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Done")
        WONT_DO = "wont_do", _("Will not be done")

    UNRESOLVED = (Status.OPEN, Status.IN_PROGRESS)

    meeting = models.ForeignKey(
        "dialogues.Meeting",
        on_delete=models.CASCADE,
        related_name="follow_ups",
        verbose_name=_("raised at"),
    )
    title = models.CharField(_("what was raised"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    raised_by_organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="raised_follow_ups",
        verbose_name=_("raised by (association)"),
    )
    # Personal data: the name of a person who raised it, as written in the minutes.
    raised_by_name = models.CharField(_("raised by (person)"), max_length=200, blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="owned_follow_ups",
        verbose_name=_("owner (official)"),
    )
    owner_department = models.ForeignKey(
        "portal.Department",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="owned_follow_ups",
        verbose_name=_("owner (department)"),
    )
    due_on = models.DateField(_("due"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.OPEN
    )
    reason = models.TextField(
        _("why it will not be done"),
        blank=True,
        help_text=_("Required when the item will not be done: participants read it."),
    )
    answer = models.TextField(_("answer"), blank=True)
    answer_published_at = models.DateTimeField(_("answer published"), null=True, blank=True)
    carried_to = models.ForeignKey(
        "dialogues.Meeting",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="carried_follow_ups",
        verbose_name=_("on the agenda of"),
        help_text=_("The later meeting where the open item comes back."),
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = FollowUpQuerySet.as_manager()

    class Meta:
        verbose_name = _("follow-up item")
        verbose_name_plural = _("follow-up items")
        ordering = ["meeting", "pk"]
        indexes = [
            models.Index(
                fields=["due_on"],
                condition=Q(status__in=["open", "in_progress"]),
                name="followup_unresolved_due",
            )
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="wont_do") | ~Q(reason=""),
                name="followup_wont_do_has_reason",
                violation_error_message=_("Say why the item will not be done."),
            ),
            models.CheckConstraint(
                condition=within_years("due_on", dates=True, null=True),
                name="followup_due_within_years",
                violation_error_message=WITHIN_YEARS_MESSAGE,
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_resolved(self) -> bool:
        return self.status not in self.UNRESOLVED
