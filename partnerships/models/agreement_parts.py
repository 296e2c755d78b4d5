"""What hangs off an agreement: each party's contribution and its documents.

A contribution comes from a party association or, with no association, from the
municipality. That the association is a party of the same agreement is held by the
database: a composite foreign key to the party row (migration
0006_agreement_contributions_documents). Documents are kept in private storage and
served only through a view that checks who asks. No personal data beyond the
uploader (kept with the record of the decision)."""

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from portal.uploads import PrivateFile, attachment_storage

from .agreements import Agreement


class AgreementContribution(models.Model):
    """What one side puts into the agreement: money (SEK), premises, volunteer hours
    or something else in kind."""

    class Kind(models.TextChoices):
        MONEY = "money", _("Money")
        PREMISES = "premises", _("Premises")
        VOLUNTEER_HOURS = "volunteer_hours", _("Volunteer hours")
        IN_KIND = "in_kind", _("Other in kind")

    agreement = models.ForeignKey(
        Agreement,
        on_delete=models.CASCADE,
        related_name="contributions",
        verbose_name=_("agreement"),
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="agreement_contributions",
        verbose_name=_("contributed by"),
        help_text=_("A party association; leave empty for the municipality."),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    amount = models.DecimalField(
        _("value (SEK)"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        help_text=_("For the whole term, in Swedish kronor."),
    )
    hours = models.PositiveIntegerField(
        _("hours"), null=True, blank=True, help_text=_("Volunteer hours over the whole term.")
    )
    description = models.CharField(_("description"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("contribution")
        verbose_name_plural = _("contributions")
        ordering = ["agreement", "organisation", "kind", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__isnull=True) | Q(amount__gte=0),
                name="agreementcontribution_amount_not_negative",
                violation_error_message=_("An amount cannot be negative."),
            ),
            models.CheckConstraint(
                condition=Q(hours__isnull=True) | Q(hours__gte=0),
                name="agreementcontribution_hours_not_negative",
                violation_error_message=_("Hours cannot be negative."),
            ),
            models.CheckConstraint(
                condition=~Q(kind="money") | Q(amount__isnull=False),
                name="agreementcontribution_money_has_amount",
                violation_error_message=_("Give the amount of money."),
            ),
            models.CheckConstraint(
                condition=~Q(kind="volunteer_hours") | Q(hours__isnull=False),
                name="agreementcontribution_hours_given",
                violation_error_message=_("Give the number of hours."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.contributor}: {self.get_kind_display()}"

    @property
    def contributor(self):
        return self.organisation or _("The municipality")


class AgreementDocument(PrivateFile):
    """A signed agreement or a decision, as a file in private storage (no URL)."""

    class Kind(models.TextChoices):
        SIGNED_AGREEMENT = "signed_agreement", _("Signed agreement")
        DECISION = "decision", _("Decision")
        OTHER = "other", _("Other document")

    agreement = models.ForeignKey(
        Agreement, on_delete=models.CASCADE, related_name="documents", verbose_name=_("agreement")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    file = models.FileField(_("file"), storage=attachment_storage, upload_to="agreements/%Y/")
    # Personal data: uploaded_by (cleared when the account is erased).
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )

    class Meta(PrivateFile.Meta):
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["agreement", "kind", "pk"]
