"""A new survey from a shipped template (surveys/shipped/): a draft with the
template's sections, questions and options, their codes as shipped, for the
coordinator to adjust before opening it, in Swedish and English as the template
has them. Bulk inserts: one statement for the sections, one for the questions,
one for the options."""

from django.db import transaction
from django.utils.translation import gettext as _

from portal.audit import audit_log

from ..models import Option, Question, Section, Survey
from ..shipped import TEMPLATES
from . import SurveyError
from .lifecycle import free_slug

QUESTION_FIELDS = (
    "text_en",
    "help_text",
    "help_text_en",
    "required",
    "min_value",
    "max_value",
    "min_label",
    "min_label_en",
    "max_label",
    "max_label_en",
    "cell",
    "rows_required",
)


def _options(question: Question, spec: dict) -> list[Option]:
    roles = (
        ("options", Option.Role.CHOICE),
        ("rows", Option.Role.ROW),
        ("columns", Option.Role.COLUMN),
    )
    return [
        Option(
            question=question,
            role=role,
            code=code,
            label=label,
            label_en=label_en,
            position=position,
        )
        for key, role in roles
        for position, (code, label, label_en) in enumerate(spec.get(key, ()))
    ]


@transaction.atomic
def survey_from_template(*, key: str, by, title: str = "", title_en: str = "") -> Survey:
    """A draft survey made from the template ``key``, titled ``title`` and
    ``title_en``. Both empty: the template's own titles; a Swedish title alone
    has no English one (it shows in Swedish), as the template's would not fit it."""
    if not by.has_perm("surveys.add_survey"):
        raise SurveyError(_("You do not have permission to do that."))
    template = TEMPLATES.get(key)
    if template is None:
        raise SurveyError(_("There is no such template."))
    if not title:
        title, title_en = template.TITLE, title_en or template.TITLE_EN
    survey = Survey.objects.create(
        title=title[:200],
        title_en=title_en[:200],
        slug=free_slug(title),
        kind=template.KIND,
        template=template.KEY,
        introduction=template.INTRODUCTION,
        introduction_en=template.INTRODUCTION_EN,
        audience=template.AUDIENCE,
        anonymous=template.ANONYMOUS,
        created_by=by,
    )
    sections = Section.objects.bulk_create(
        Section(
            survey=survey,
            title=spec["title"],
            title_en=spec.get("title_en", ""),
            description=spec.get("description", ""),
            description_en=spec.get("description_en", ""),
            position=position,
        )
        for position, spec in enumerate(template.SECTIONS)
    )
    specs, questions = [], []
    for section, section_spec in zip(sections, template.SECTIONS, strict=True):
        for position, spec in enumerate(section_spec["questions"]):
            specs.append(spec)
            extra = {field: spec[field] for field in QUESTION_FIELDS if field in spec}
            questions.append(
                Question(
                    survey=survey,
                    section=section,
                    code=spec["code"],
                    kind=spec["kind"],
                    text=spec["text"],
                    position=position,
                    **extra,
                )
            )
    questions = Question.objects.bulk_create(questions)
    options = Option.objects.bulk_create(
        option
        for question, spec in zip(questions, specs, strict=True)
        for option in _options(question, spec)
    )
    # Conditions name an earlier question's option by their codes.
    by_code = {(o.question.code, o.code): o for o in options if o.role == Option.Role.CHOICE}
    conditioned = []
    for question, spec in zip(questions, specs, strict=True):
        if "condition" in spec:
            question.condition_option = by_code[spec["condition"]]
            conditioned.append(question)
    Question.objects.bulk_update(conditioned, ["condition_option"])
    audit_log(
        actor=by,
        action="survey.created_from_template",
        target=survey,
        data={"template": template.KEY},
    )
    return survey
