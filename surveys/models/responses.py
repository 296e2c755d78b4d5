"""What came back: a response per recipient (or per visitor of an open link), and
its answers as rows that the database can count: one row per chosen option or
matrix cell, or a number, or a text.

While a response is being filled in it belongs to its recipient (save and continue
with the same link). When an anonymous survey's response is submitted the tie is
cut: ``recipient`` is cleared and only the respondent group (category, district,
department) stays, for breakdowns that small-group protection guards."""

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ResponseQuerySet(models.QuerySet):
    def submitted(self):
        return self.filter(submitted_at__isnull=False)


class Response(models.Model):
    survey = models.ForeignKey(
        "surveys.Survey",
        on_delete=models.CASCADE,
        related_name="responses",
        verbose_name=_("survey"),
    )
    recipient = models.OneToOneField(
        "surveys.Recipient",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="response",
        verbose_name=_("recipient"),
        help_text=_("Cleared when an anonymous survey's answer is submitted."),
    )
    # The respondent group, for breakdowns (anonymous or not).
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="survey_responses",
        verbose_name=_("association"),
        help_text=_("Only in surveys that are not anonymous."),
    )
    department = models.ForeignKey(
        "portal.Department",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="survey_responses",
        verbose_name=_("department"),
    )
    district = models.ForeignKey(
        "organisations.District",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="survey_responses",
        verbose_name=_("district"),
    )
    categories = models.ManyToManyField(
        "organisations.Category",
        blank=True,
        related_name="survey_responses",
        verbose_name=_("categories"),
    )
    idempotency_key = models.CharField(_("form key"), max_length=64, unique=True)
    started_at = models.DateTimeField(_("started"), default=timezone.now)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)

    objects = ResponseQuerySet.as_manager()

    class Meta:
        verbose_name = _("response")
        verbose_name_plural = _("responses")
        indexes = [
            models.Index(
                fields=["survey"],
                condition=Q(submitted_at__isnull=False),
                name="response_submitted",
            )
        ]

    def __str__(self) -> str:
        return f"{self.survey} #{self.pk}"


class Answer(models.Model):
    response = models.ForeignKey(
        Response, on_delete=models.CASCADE, related_name="answers", verbose_name=_("response")
    )
    question = models.ForeignKey(
        "surveys.Question",
        on_delete=models.CASCADE,
        related_name="answers",
        verbose_name=_("question"),
    )
    option = models.ForeignKey(
        "surveys.Option",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="answers",
        verbose_name=_("option or column"),
    )
    row = models.ForeignKey(
        "surveys.Option",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="row_answers",
        verbose_name=_("matrix row"),
    )
    number = models.DecimalField(
        _("number"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    # Personal data when the survey is not anonymous: what the respondent wrote.
    text = models.TextField(_("text"), blank=True, max_length=5000)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        indexes = [models.Index(fields=["question", "option"], name="answer_question_option")]
        constraints = [
            models.UniqueConstraint(
                fields=["response", "question", "row", "option"],
                nulls_distinct=False,
                name="answer_unique_cell",
            )
        ]

    def __str__(self) -> str:
        return f"{self.question}: {self.number if self.number is not None else self.text}"
