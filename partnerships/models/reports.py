"""The follow-up plan of an agreement and its reports.

A ``ReportDue`` is one report of the plan (kind, date, questions, figures asked)
and holds the report as it stands: the representative's draft, its status and the
sign-offs. Each submission is kept as a ``ReportVersion``, so what was returned and
what was approved stay readable. Attachments are private files.

Personal data: the users who submitted, signed and reviewed (kept as references to
the account, erased with it through SET_NULL); the texts are the association's."""

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.rules import departments_in_charge
from portal.uploads import PrivateFile, attachment_storage

from .agreements import Agreement, AgreementParty

# Statuses in which the association still owes the report.
OPEN_STATUSES = ("draft", "returned")


class ReportDueQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status__in=OPEN_STATUSES)

    def overdue(self, today):
        return self.open().filter(due_on__lt=today)

    def reported_by(self, user):
        """The twin of ``partnerships.submit_report``: reports of agreements the user
        represents a party of (every report for a superuser, as Django's has_perm)."""
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self.all()
        represented = AgreementParty.objects.filter(
            agreement=OuterRef("agreement_id"), organisation__memberships__user=user
        )
        return self.filter(Exists(represented))

    def reviewed_by(self, user):
        """The twin of ``partnerships.review_report``: reports of agreements of the
        departments the user reviews for (portal.rules.departments_in_charge)."""
        departments = departments_in_charge(user)
        if departments is None:
            return self.all()
        through = Agreement.departments.through
        return self.filter(
            Exists(
                through.objects.filter(
                    agreement=OuterRef("agreement_id"), department_id__in=departments
                )
            )
        )

    def visible_to(self, user):
        """The twin of ``partnerships.view_report``: the parties' representatives and
        the reviewers. One query, no DISTINCT."""
        if not user.is_authenticated:
            return self.none()
        departments = departments_in_charge(user)
        if departments is None:
            return self.all()
        return self.filter(
            Q(pk__in=self.reported_by(user).values("pk"))
            | Q(pk__in=self.reviewed_by(user).values("pk"))
        )


class ReportDue(models.Model):
    """One report of an agreement's follow-up plan, and that report as it stands."""

    class Kind(models.TextChoices):
        INTERIM = "interim", _("Interim report")
        FINAL = "final", _("Final joint evaluation")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Not submitted")
        SUBMITTED = "submitted", _("Submitted, awaiting review")
        RETURNED = "returned", _("Returned for revision")
        APPROVED = "approved", _("Approved")

    agreement = models.ForeignKey(
        "partnerships.Agreement",
        on_delete=models.CASCADE,
        related_name="reports_due",
        verbose_name=_("agreement"),
    )
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.INTERIM)
    due_on = models.DateField(_("due on"))
    questions = models.TextField(
        _("questions"),
        help_text=_("One question per line; the association answers each."),
    )
    asks_participants = models.BooleanField(_("asks for the number of participants"), default=True)
    asks_volunteer_hours = models.BooleanField(_("asks for volunteer hours"), default=True)
    is_joint = models.BooleanField(
        _("joint"),
        default=False,
        help_text=_("Both sides sign off: the association and the responsible official."),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    answers = models.JSONField(_("answers"), default=list, blank=True)
    participants = models.PositiveIntegerField(_("participants"), null=True, blank=True)
    volunteer_hours = models.PositiveIntegerField(_("volunteer hours"), null=True, blank=True)
    review_comment = models.TextField(_("comments from the review"), blank=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("submitted by"),
    )
    association_signed_at = models.DateTimeField(
        _("signed by the association"), null=True, blank=True
    )
    municipality_signed_at = models.DateTimeField(
        _("signed by the municipality"), null=True, blank=True
    )
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reviewed by"),
    )

    objects = ReportDueQuerySet.as_manager()

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("follow-up plan: reports")
        ordering = ["due_on", "pk"]
        indexes = [
            # The sweeps and the desk read open reports by date.
            models.Index(
                fields=["due_on"], condition=Q(status__in=OPEN_STATUSES), name="report_open_due"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.due_on:%Y-%m-%d})"

    def get_absolute_url(self) -> str:
        return reverse("partnerships:report", args=[self.pk])

    def question_list(self) -> list[str]:
        return [line.strip() for line in self.questions.splitlines() if line.strip()]

    def answer_pairs(self) -> list[tuple[str, str]]:
        answers = list(self.answers or [])
        return [
            (q, answers[i] if i < len(answers) else "") for i, q in enumerate(self.question_list())
        ]

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    def is_overdue(self, today=None) -> bool:
        return self.is_open and self.due_on < (today or timezone.localdate())

    @property
    def awaits_municipality(self) -> bool:
        """A joint report submitted but not yet signed by the municipality."""
        return (
            self.is_joint
            and self.status == self.Status.SUBMITTED
            and not self.municipality_signed_at
        )


class ReportVersion(models.Model):
    """A submitted version of a report, kept as it was sent."""

    # PROTECT: a report once submitted stays in the plan (the admin refuses to delete it).
    report = models.ForeignKey(
        ReportDue, on_delete=models.PROTECT, related_name="versions", verbose_name=_("report")
    )
    number = models.PositiveIntegerField(_("version"), validators=[MinValueValidator(1)])
    answers = models.JSONField(_("answers"), default=list)
    participants = models.PositiveIntegerField(_("participants"), null=True, blank=True)
    volunteer_hours = models.PositiveIntegerField(_("volunteer hours"), null=True, blank=True)
    attachment_names = models.JSONField(_("attachments"), default=list)
    submitted_at = models.DateTimeField(_("submitted"), default=timezone.now)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("submitted by"),
    )
    return_comment = models.TextField(_("comments when returned"), blank=True)

    class Meta:
        verbose_name = _("report version")
        verbose_name_plural = _("report versions")
        ordering = ["report", "number"]
        constraints = [
            models.UniqueConstraint(fields=["report", "number"], name="reportversion_unique")
        ]

    def __str__(self) -> str:
        return f"{self.report} v{self.number}"

    def answer_pairs(self) -> list[tuple[str, str]]:
        answers = list(self.answers or [])
        questions = self.report.question_list()
        return [(q, answers[i] if i < len(answers) else "") for i, q in enumerate(questions)]


class ReportAttachment(PrivateFile):
    """A file with a report; served only to those who may see the report."""

    report = models.ForeignKey(
        ReportDue, on_delete=models.CASCADE, related_name="attachments", verbose_name=_("report")
    )
    file = models.FileField(_("file"), storage=attachment_storage, upload_to="reports/%Y/%m/")

    class Meta(PrivateFile.Meta):
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")


def agreement_evaluation_approved(agreement) -> bool:
    """Whether the agreement may be renewed: the last report of its plan (the latest
    date) is approved, or it has no plan. One query."""
    last = agreement.reports_due.order_by("-due_on", "-pk").values_list("status", flat=True)[:1]
    statuses = list(last)
    return not statuses or statuses[0] == ReportDue.Status.APPROVED
