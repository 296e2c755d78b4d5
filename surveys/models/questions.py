"""A survey: its sections and questions, with the options of choice and matrix
questions, conditions that show a question or section only after a given answer,
and the stable codes by which two rounds of a survey are compared.

Every text a respondent reads is Swedish with an optional English beside it
(``<field>_en``, portal/languages.py): pages read the ``display_<field>``
properties, which give the English while English is active and one is written."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.inputs import WITHIN_YEARS_MESSAGE, within_years
from portal.languages import Localized


class SurveyQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The surveys ``user`` manages (surveys/rules.py's ``is_manager``)."""
        from portal.models import CoordinatorAssignment

        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self
        assignments = CoordinatorAssignment.objects.filter(user=user)
        if assignments.filter(department__isnull=True).exists():
            return self
        if assignments.exists():
            return self.filter(created_by=user)
        return self.none()

    def open(self, now=None):
        now = now or timezone.now()
        return self.filter(status=Survey.Status.OPEN, opens_at__lte=now, closes_at__gt=now)


class Survey(models.Model):
    class Kind(models.TextChoices):
        SURVEY = "survey", _("Survey")
        INVENTORY = "inventory", _("Inventory")

    class Audience(models.TextChoices):
        ASSOCIATIONS = "associations", _("Associations in the register")
        DEPARTMENTS = "departments", _("The municipality's departments")
        OPEN_LINK = "open_link", _("Anyone with the link")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed")

    title = models.CharField(_("title"), max_length=200)
    title_en = models.CharField(_("title in English"), max_length=200, blank=True)
    slug = models.SlugField(_("address"), max_length=220, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.SURVEY)
    template = models.CharField(
        _("made from template"),
        max_length=50,
        blank=True,
        help_text=_("The shipped template it was made from, e.g. the inventory of collaboration."),
    )
    introduction = models.TextField(_("introduction"), blank=True)
    introduction_en = models.TextField(_("introduction in English"), blank=True)
    audience = models.CharField(
        _("sent to"), max_length=20, choices=Audience.choices, default=Audience.ASSOCIATIONS
    )
    anonymous = models.BooleanField(
        _("anonymous"),
        default=True,
        help_text=_(
            "Answers keep no tie to the person or association that gave them; the "
            "portal still knows who has not answered, so reminders reach only them."
        ),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    opens_at = models.DateTimeField(_("opens"), null=True, blank=True)
    closes_at = models.DateTimeField(_("closes"), null=True, blank=True)
    small_group_threshold = models.PositiveSmallIntegerField(
        _("smallest group shown"),
        default=5,
        help_text=_("Breakdowns with fewer respondents than this are not shown."),
    )
    retention_days = models.PositiveIntegerField(
        _("keep answers tied to respondents for (days)"),
        default=365,
        help_text=_("After this many days from closing, answers lose their tie to respondents."),
    )
    previous_round = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="next_rounds",
        verbose_name=_("previous round"),
        help_text=_("The earlier round of the same survey, to compare answers with."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = SurveyQuerySet.as_manager()

    display_title = Localized("title")
    display_introduction = Localized("introduction")

    class Meta:
        verbose_name = _("survey")
        verbose_name_plural = _("surveys")
        ordering = ["-created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_at__isnull=True)
                | Q(opens_at__isnull=True)
                | Q(closes_at__gt=F("opens_at")),
                name="survey_closes_after_opening",
                violation_error_message=_("The survey must close after it opens."),
            ),
            *(
                models.CheckConstraint(
                    condition=within_years(field, null=True),
                    name=f"survey_{field}_within_years",
                    violation_error_message=WITHIN_YEARS_MESSAGE,
                )
                for field in ("opens_at", "closes_at")
            ),
            models.CheckConstraint(
                condition=Q(small_group_threshold__gte=1),
                name="survey_threshold_positive",
                violation_error_message=_("The smallest group shown is at least 1."),
            ),
        ]

    def __str__(self) -> str:
        return self.display_title

    def get_absolute_url(self) -> str:
        return reverse("surveys:survey", args=[self.slug])

    def is_open(self, now=None) -> bool:
        now = now or timezone.now()
        return (
            self.status == self.Status.OPEN
            and self.opens_at is not None
            and self.closes_at is not None
            and self.opens_at <= now < self.closes_at
        )


class Condition(models.Model):
    """Show this only when an earlier single or multiple choice question was
    answered with the given option."""

    condition_option = models.ForeignKey(
        "surveys.Option",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("shown only when answered"),
        help_text=_("An option of an earlier question; empty to always show."),
    )

    class Meta:
        abstract = True


class Section(Condition):
    survey = models.ForeignKey(
        Survey, on_delete=models.CASCADE, related_name="sections", verbose_name=_("survey")
    )
    title = models.CharField(_("title"), max_length=200)
    title_en = models.CharField(_("title in English"), max_length=200, blank=True)
    description = models.TextField(_("description"), blank=True)
    description_en = models.TextField(_("description in English"), blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    display_title = Localized("title")
    display_description = Localized("description")

    class Meta:
        verbose_name = _("section")
        verbose_name_plural = _("sections")
        ordering = ["survey", "position", "pk"]

    def __str__(self) -> str:
        return self.display_title


class Question(Condition):
    class Kind(models.TextChoices):
        SINGLE = "single", _("Single choice")
        MULTIPLE = "multiple", _("Multiple choice")
        SCALE = "scale", _("Scale")
        NUMBER = "number", _("Number")
        AMOUNT = "amount", _("Amount in SEK")
        PERCENTAGE = "percentage", _("Percentage")
        TEXT = "text", _("Free text")
        MATRIX = "matrix", _("Matrix")

    class Cell(models.TextChoices):
        CHECKBOX = "checkbox", _("A checkbox in each cell")
        CHOICE = "choice", _("One column per row")
        NUMBER = "number", _("A number in each cell")

    CHOICE_KINDS = (Kind.SINGLE, Kind.MULTIPLE)
    NUMERIC_KINDS = (Kind.SCALE, Kind.NUMBER, Kind.AMOUNT, Kind.PERCENTAGE)

    survey = models.ForeignKey(
        Survey, on_delete=models.CASCADE, related_name="questions", verbose_name=_("survey")
    )
    section = models.ForeignKey(
        Section, on_delete=models.CASCADE, related_name="questions", verbose_name=_("section")
    )
    code = models.SlugField(
        _("code"),
        max_length=50,
        help_text=_("A short stable name, the same in every round, by which rounds are compared."),
    )
    text = models.CharField(_("question"), max_length=500)
    text_en = models.CharField(_("question in English"), max_length=500, blank=True)
    help_text = models.CharField(_("help text"), max_length=500, blank=True)
    help_text_en = models.CharField(_("help text in English"), max_length=500, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    required = models.BooleanField(_("required"), default=False)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    min_value = models.DecimalField(
        _("lowest value"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    max_value = models.DecimalField(
        _("highest value"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    min_label = models.CharField(_("label of the lowest value"), max_length=100, blank=True)
    max_label = models.CharField(_("label of the highest value"), max_length=100, blank=True)
    min_label_en = models.CharField(
        _("label of the lowest value in English"), max_length=100, blank=True
    )
    max_label_en = models.CharField(
        _("label of the highest value in English"), max_length=100, blank=True
    )
    cell = models.CharField(_("matrix cells"), max_length=20, choices=Cell.choices, blank=True)
    rows_required = models.BooleanField(
        _("every row must be answered"),
        default=False,
        help_text=_("For a matrix: each row needs an answer."),
    )

    display_text = Localized("text")
    display_help_text = Localized("help_text")
    display_min_label = Localized("min_label")
    display_max_label = Localized("max_label")

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["section__position", "position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["survey", "code"], name="question_unique_code"),
            models.CheckConstraint(
                condition=Q(min_value__isnull=True)
                | Q(max_value__isnull=True)
                | Q(max_value__gt=F("min_value")),
                name="question_range_ordered",
                violation_error_message=_("The highest value must be above the lowest."),
            ),
            models.CheckConstraint(
                condition=~Q(kind="matrix") | ~Q(cell=""),
                name="question_matrix_has_cells",
                violation_error_message=_("Say what each cell of the matrix holds."),
            ),
        ]

    def __str__(self) -> str:
        return self.display_text


class Option(models.Model):
    """An option of a choice question, or a row or a column of a matrix."""

    class Role(models.TextChoices):
        CHOICE = "choice", _("Option")
        ROW = "row", _("Row")
        COLUMN = "column", _("Column")

    question = models.ForeignKey(
        Question, on_delete=models.CASCADE, related_name="options", verbose_name=_("question")
    )
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.CHOICE)
    label = models.CharField(_("label"), max_length=300)
    label_en = models.CharField(_("label in English"), max_length=300, blank=True)
    code = models.SlugField(
        _("code"), max_length=50, help_text=_("Stable between rounds, as the question's code.")
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    display_label = Localized("label")

    class Meta:
        verbose_name = _("option")
        verbose_name_plural = _("options")
        ordering = ["question", "role", "position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["question", "role", "code"], name="option_unique_code")
        ]

    def __str__(self) -> str:
        return self.display_label
