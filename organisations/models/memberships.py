"""Who acts for an association: memberships, invitations to join, requests to join
and the yearly confirmation round."""

import secrets
from datetime import timedelta

from allauth.account.models import EmailAddress
from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Upper
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

JOIN_MESSAGE_MAX_LENGTH = 2000


class Membership(models.Model):
    """A user represents an organisation. Every organisation keeps at least one admin."""

    class Role(models.TextChoices):
        ADMIN = "admin", _("Administrator")
        EDITOR = "editor", _("Editor")

    organisation = models.ForeignKey(
        "Organisation",
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("association"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("person"),
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.EDITOR)
    created_at = models.DateTimeField(_("since"), default=timezone.now)

    class Meta:
        verbose_name = _("representative")
        verbose_name_plural = _("representatives")
        ordering = ["organisation", "role", "created_at"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "user"], name="membership_unique")
        ]
        indexes = [
            # Who is asked to confirm: an association's administrators, from the index alone.
            models.Index(
                fields=["organisation", "user"],
                condition=Q(role="admin"),
                name="membership_admins",
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.organisation} ({self.get_role_display()})"


def _invitation_token() -> str:
    return secrets.token_urlsafe(32)


INVITATION_VALIDITY = timedelta(days=14)


def _invitation_expiry():
    return timezone.now() + INVITATION_VALIDITY


class InvitationQuerySet(models.QuerySet):
    def unanswered(self):
        """Neither accepted nor withdrawn (expired ones too, until they are purged):
        at most one per association and address, which "send again" renews."""
        return self.filter(accepted_at__isnull=True, withdrawn_at__isnull=True)


class Invitation(models.Model):
    """A representative invites someone by e-mail to represent the organisation."""

    organisation = models.ForeignKey(
        "Organisation",
        on_delete=models.CASCADE,
        related_name="invitations",
        verbose_name=_("association"),
    )
    # Personal data: email (erased when accepted or withdrawn; the invitation is
    # deleted 90 days after it expired unused).
    email = models.EmailField(_("e-mail"))
    role = models.CharField(
        _("role"), max_length=20, choices=Membership.Role.choices, default=Membership.Role.EDITOR
    )
    token = models.CharField(
        _("token"), max_length=64, unique=True, default=_invitation_token, editable=False
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("invited by"),
    )
    created_at = models.DateTimeField(_("sent"), default=timezone.now)
    resent_at = models.DateTimeField(_("sent again"), null=True, blank=True)
    expires_at = models.DateTimeField(_("expires"), default=_invitation_expiry)
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at"]
        constraints = [
            # Inviting the same address again renews this one (membership_invite).
            models.UniqueConstraint(
                models.F("organisation"),
                Upper("email"),
                condition=Q(accepted_at__isnull=True, withdrawn_at__isnull=True),
                name="invitation_one_unanswered_per_address",
                violation_error_message=_("This address has already been invited."),
            )
        ]
        indexes = [
            models.Index(
                fields=["expires_at"],
                condition=Q(accepted_at__isnull=True),
                name="invitation_unaccepted_expiry",
            ),
            # Erasing an account finds its invitations case-insensitively (iexact).
            models.Index(Upper("email"), name="invitation_email_upper"),
        ]

    def __str__(self) -> str:
        return f"{self.email} → {self.organisation}"

    @property
    def is_expired(self) -> bool:
        return timezone.now() >= self.expires_at

    @property
    def is_open(self) -> bool:
        return self.accepted_at is None and self.withdrawn_at is None and not self.is_expired

    def is_addressed_to(self, user) -> bool:
        """Whether the address it was sent to is a verified address of ``user``'s
        account: a forwarded link does not make someone else a representative."""
        return (
            bool(self.email)
            and user.is_authenticated
            and EmailAddress.objects.filter(
                user=user, email__iexact=self.email, verified=True
            ).exists()
        )


class JoinRequest(models.Model):
    """Someone asks to represent an organisation that is already registered
    (offered instead of registering a duplicate)."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")

    organisation = models.ForeignKey(
        "Organisation",
        on_delete=models.CASCADE,
        related_name="join_requests",
        verbose_name=_("association"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="join_requests",
        verbose_name=_("person"),
    )
    message = models.TextField(
        _("message"), blank=True, validators=[MaxLengthValidator(JOIN_MESSAGE_MAX_LENGTH)]
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.OPEN
    )
    created_at = models.DateTimeField(_("asked"), default=timezone.now)
    decided_at = models.DateTimeField(_("answered"), null=True, blank=True)

    class Meta:
        verbose_name = _("request to join")
        verbose_name_plural = _("requests to join")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "user"],
                condition=Q(status="open"),
                name="joinrequest_one_open",
                violation_error_message=_(
                    "This person has already asked to join; the request awaits an answer."
                ),
            )
        ]
        indexes = [
            models.Index(
                fields=["decided_at"], condition=~Q(status="open"), name="joinrequest_decided"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} → {self.organisation}"


class ConfirmationRound(models.Model):
    """The yearly confirmation: on ``starts_on`` representatives are asked to
    confirm or update their data; reminders follow after 14 and 28 days; after
    ``deadline`` unconfirmed organisations are marked (never deleted)."""

    starts_on = models.DateField(_("starts on"), unique=True)
    deadline = models.DateField(_("deadline"))
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("yearly confirmation")
        verbose_name_plural = _("yearly confirmations")
        ordering = ["-starts_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(deadline__gt=models.F("starts_on")),
                name="confirmationround_deadline_after_start",
                violation_error_message=_("The deadline must come after the start date."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.starts_on:%Y-%m-%d} – {self.deadline:%Y-%m-%d}"


# A weekly training or a monthly café: one row with a rule (Activity.recurrence).
