"""Answers for the results' tests, given as a respondent gives them: each
recipient's answers saved and submitted through ``response_save``, so the
response carries its group (categories, district, department) as it would."""

from decimal import Decimal

from surveys.models import Answer, Option, Question, Recipient
from surveys.services.answering import response_save
from tests.organisations.factories import CategoryFactory, DistrictFactory, OrganisationFactory

from .factories import sent_survey


def associations(groups: list[tuple[str, str, int]]):
    """``count`` associations for each (category, district, count)."""
    categories, districts, made = {}, {}, []
    for category, district, count in groups:
        categories.setdefault(category, CategoryFactory(name=category))
        districts.setdefault(district, DistrictFactory(name=district))
        made += [
            OrganisationFactory(categories=[categories[category]], districts=[districts[district]])
            for _ in range(count)
        ]
    return made


def answers(survey, **given) -> list[Answer]:
    """Unsaved answers to ``build_survey``'s questions by code: an option's label
    (or a list of them), a number, a text, or for the matrix ``{(row, column): n}``."""
    made = []
    for code, value in given.items():
        q = survey.q[code]
        options = {(o.role, o.label): o for o in q.options.all()}
        if q.kind in Question.CHOICE_KINDS:
            for label in [value] if isinstance(value, str) else value:
                made.append(Answer(question=q, option=options[(Option.Role.CHOICE, label)]))
        elif q.kind == Question.Kind.TEXT:
            made.append(Answer(question=q, text=value))
        elif q.kind == Question.Kind.MATRIX:
            for (row, column), number in value.items():
                made.append(
                    Answer(
                        question=q,
                        row=options[(Option.Role.ROW, row)],
                        option=options[(Option.Role.COLUMN, column)],
                        number=None if number is True else Decimal(str(number)),
                    )
                )
        else:
            made.append(Answer(question=q, number=Decimal(str(value))))
    return made


def submit_all(survey, given: list[dict]) -> None:
    """The survey's recipients, in order, each submitting one of ``given``."""
    recipients = list(Recipient.objects.filter(survey=survey).order_by("organisation_id", "pk"))
    assert len(recipients) >= len(given)
    for recipient, values in zip(recipients, given, strict=False):
        response_save(recipient=recipient, answers=answers(survey, **values), submit=True)


def answered_survey(groups, given, **kwargs):
    """A survey sent to the associations of ``groups`` and answered with ``given``."""
    survey = sent_survey(associations(groups), **kwargs)
    submit_all(survey, given)
    return survey
