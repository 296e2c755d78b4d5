"""What came back: a response per recipient (or per visitor of an open link), and
its answers as rows that the database can count: one row per chosen option or
matrix cell, or a number, or a text.

While an answer is being written it is a ``Draft``: sealed with a key from the
respondent's link (surveys/drafts.py), so the database holds nothing readable
tied to the recipient. Submitting writes the ``Response`` and its ``Answer``
rows; in an anonymous survey they carry no recipient or association, only the
respondent group (category, district, department) for breakdowns that
small-group protection guards. Responses, their answers and their categories
have random UUID keys: a sequential key would tell the order in which answers
came, which beside the recipients' answered dates ties an answer to its sender.
PostgreSQL's own row headers (``xmin``, ``ctid``) still tell whoever has SQL
access which rows one transaction wrote, until the rows are rewritten."""

import uuid

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ResponseQuerySet(models.QuerySet):
    def submitted(self):
        return self.filter(submitted_at__isnull=False)


class Response(models.Model):
    id = models.UUIDField(_("key"), primary_key=True, default=uuid.uuid4, editable=False)
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
        help_text=_("Empty in an anonymous survey."),
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
        through="surveys.ResponseCategory",
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
        return str(self.survey)


class ResponseCategory(models.Model):
    """A response's category, with a random key like the response's own."""

    id = models.UUIDField(_("key"), primary_key=True, default=uuid.uuid4, editable=False)
    response = models.ForeignKey(Response, on_delete=models.CASCADE, verbose_name=_("response"))
    category = models.ForeignKey(
        "organisations.Category", on_delete=models.CASCADE, verbose_name=_("category")
    )

    class Meta:
        verbose_name = _("response's category")
        verbose_name_plural = _("responses' categories")
        constraints = [
            models.UniqueConstraint(
                fields=["response", "category"], name="response_category_unique"
            )
        ]

    def __str__(self) -> str:
        return str(self.category)


class Answer(models.Model):
    id = models.UUIDField(_("key"), primary_key=True, default=uuid.uuid4, editable=False)
    response = models.ForeignKey(
        Response, on_delete=models.CASCADE, related_name="answers", verbose_name=_("response")
    )
    question = models.ForeignKey(
        "surveys.Question",
        on_delete=models.CASCADE,
        related_name="answers",
        verbose_name=_("question"),
        db_index=False,  # the (question, response) index leads with it
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
        indexes = [
            models.Index(fields=["question", "option"], name="answer_question_option"),
            # How many answered each question: an index-only scan in (question,
            # response) order, where COUNT(DISTINCT) over the rows had to sort them.
            models.Index(fields=["question", "response"], name="answer_question_response"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["response", "question", "row", "option"],
                nulls_distinct=False,
                name="answer_unique_cell",
            )
        ]

    def __str__(self) -> str:
        return f"{self.question}: {self.number if self.number is not None else self.text}"


class Draft(models.Model):
    """A recipient's answer being written, sealed with a key from their link
    (surveys/drafts.py): save and continue, readable only with the same link.
    Deleted when the answer is submitted."""

    recipient = models.OneToOneField(
        "surveys.Recipient",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="draft",
        verbose_name=_("recipient"),
    )
    sealed = models.BinaryField(_("sealed answers"))
    started_at = models.DateTimeField(_("started"), default=timezone.now)
    saved_at = models.DateTimeField(_("saved"), default=timezone.now)

    class Meta:
        verbose_name = _("draft answer")
        verbose_name_plural = _("draft answers")

    def __str__(self) -> str:
        return str(self.recipient)
