"""Answers written by their codes, as the demo and the tests give them, turned
into what a browser posts and saved through the answering services, so that they
are checked and stored as a respondent's are.

An answer is ``{question code: value}``: an option's code (or a list of them)
for a choice question, a text for numbers and free text as people type them, and
for a matrix ``{row code: column code or list of column codes}``. The demo's
surveys are made and opened from the shipped templates here too."""

from datetime import timedelta

from django.utils import timezone

from .answering import Values, build, load_structure
from .models import Option, Question, Survey
from .services.answering import response_save
from .services.lifecycle import survey_open
from .services.templates import survey_from_template


def opened_from_template(*, key, title, by, days_open, days_left, title_en="", **fields) -> Survey:
    """A survey made from the shipped template ``key`` and opened, as a coordinator
    does: open for ``days_open`` days now, closing in ``days_left``."""
    survey = survey_from_template(key=key, by=by, title=title, title_en=title_en)
    now = timezone.now()
    survey.opens_at = now - timedelta(days=days_open)
    survey.closes_at = now + timedelta(days=days_left)
    for name, value in fields.items():
        setattr(survey, name, value)
    survey.save(update_fields=["opens_at", "closes_at", *fields])
    return survey_open(survey=survey, by=by)


def form_values(questions, answer: dict) -> Values:
    """``answer`` as the answering form's values (surveys/answering.py)."""
    values: Values = {}
    for question in questions:
        given = answer.get(question.code)
        if given in (None, "", [], {}):
            continue
        options = {(o.role, o.code): o.pk for o in question.options.all()}
        name = f"q{question.pk}"
        if question.kind == Question.Kind.MATRIX:
            for row, columns in given.items():
                picks = columns if isinstance(columns, list) else [columns]
                values[f"{name}_r{options[Option.Role.ROW, row]}"] = [
                    str(options[Option.Role.COLUMN, c]) for c in picks
                ]
        elif question.kind in Question.CHOICE_KINDS:
            picks = given if isinstance(given, list) else [given]
            values[name] = [str(options[Option.Role.CHOICE, c]) for c in picks]
        else:
            values[name] = [str(given)]
    return values


def answer_as(recipient, answer: dict, *, structure=None):
    """Submit ``answer`` for ``recipient`` as its link's page would;
    ``structure`` is the survey's load_structure, passed when answering many."""
    structure = structure or load_structure(recipient.survey)
    sections, errors = build(
        recipient.survey,
        form_values(structure[1], answer),
        check_required=True,
        structure=structure,
    )
    if errors:
        raise ValueError(f"the answer does not pass the form's checks: {answer}")
    found = [a for s in sections if s.shown for i in s.items if i.shown for a in i.answers]
    return response_save(recipient=recipient, answers=found, submit=True)
