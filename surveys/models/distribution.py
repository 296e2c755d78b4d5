"""Who a survey goes to: one recipient per association (answered by its
representatives), per department (by its coordinators) or per e-mail address,
each with a personal link.

A recipient knows whether it has answered (``responded_at``), so reminders reach
only those who have not; in an anonymous survey the response does not point back
to its recipient once submitted (surveys/models/responses.py)."""

import hashlib
import secrets

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def token_hash(token: str) -> str:
    """Only the hash of a link's token is stored; the token itself is in the mail."""
    return hashlib.sha256(token.encode()).hexdigest()


def new_token() -> str:
    return secrets.token_urlsafe(32)


class RecipientQuerySet(models.QuerySet):
    def not_answered(self):
        return self.filter(responded_at__isnull=True)


class Recipient(models.Model):
    survey = models.ForeignKey(
        "surveys.Survey",
        on_delete=models.CASCADE,
        related_name="recipients",
        verbose_name=_("survey"),
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="survey_recipients",
        verbose_name=_("association"),
    )
    department = models.ForeignKey(
        "portal.Department",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="survey_recipients",
        verbose_name=_("department"),
    )
    # Personal data: the address the link was sent to (for an open or a personal
    # invitation; associations and departments are reached through their people).
    email = models.EmailField(_("e-mail address"), blank=True)
    token_hash = models.CharField(_("link"), max_length=64, unique=True)
    invited_at = models.DateTimeField(_("invited"), null=True, blank=True)
    responded_at = models.DateTimeField(_("answered"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    objects = RecipientQuerySet.as_manager()

    class Meta:
        verbose_name = _("recipient")
        verbose_name_plural = _("recipients")
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "organisation"],
                condition=Q(organisation__isnull=False),
                name="recipient_one_per_association",
                violation_error_message=_("The association already has a link to this survey."),
            ),
            models.UniqueConstraint(
                fields=["survey", "department"],
                condition=Q(department__isnull=False),
                name="recipient_one_per_department",
                violation_error_message=_("The department already has a link to this survey."),
            ),
            models.CheckConstraint(
                condition=Q(organisation__isnull=False)
                | Q(department__isnull=False)
                | ~Q(email=""),
                name="recipient_has_someone",
                violation_error_message=_(
                    "A recipient is an association, a department or an address."
                ),
            ),
        ]
        indexes = [
            models.Index(
                fields=["survey"],
                condition=Q(responded_at__isnull=True),
                name="recipient_not_answered",
            )
        ]

    def __str__(self) -> str:
        return str(self.organisation or self.department or self.email)
