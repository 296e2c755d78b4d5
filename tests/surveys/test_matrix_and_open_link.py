"""A matrix of choices with every row required, checked row by row, and an
answer through a survey's open link, stored once per form."""

import pytest

from surveys.answering import build
from surveys.models import Option, Question, Response, Survey

from .factories import open_survey

pytestmark = pytest.mark.django_db


def choice_matrix(survey):
    matrix = Question.objects.create(
        survey=survey,
        section=survey.sections.first(),
        code="vikt",
        kind=Question.Kind.MATRIX,
        cell=Question.Cell.CHOICE,
        text="Hur viktigt?",
        rows_required=True,
        position=99,
    )
    rows = [
        Option.objects.create(question=matrix, role="row", label=label, code=label.lower())
        for label in ("Barn", "Äldre")
    ]
    columns = [
        Option.objects.create(question=matrix, role="column", label=label, code=label.lower())
        for label in ("Lite", "Mycket")
    ]
    return matrix, rows, columns


def test_each_row_of_a_required_choice_matrix_needs_its_answer():
    survey = open_survey()
    matrix, rows, columns = choice_matrix(survey)
    values = {f"q{matrix.pk}_r{rows[0].pk}": [str(columns[1].pk)]}
    sections, errors = build(survey, values, check_required=False)
    item = next(i for s in sections for i in s.items if i.question == matrix)
    assert not item.error and [(a.row, a.option) for a in item.answers] == [(rows[0], columns[1])]
    sections, errors = build(survey, values, check_required=True)
    item = next(i for s in sections for i in s.items if i.question == matrix)
    assert errors and [r.error for r in item.rows] == ["", "Svara på den här raden."]
    assert item.rows[0].cells[1].checked  # what was chosen is kept


def test_an_open_link_answer_is_stored_once_per_form(client):
    survey = open_survey(audience=Survey.Audience.OPEN_LINK)
    url = f"/enkater/oppen/{survey.slug}/"
    data = {
        "form_key": "f" * 32,
        f"q{survey.q['samverkar'].pk}": str(survey.no.pk),
        **{
            f"q{survey.q['matris'].pk}_r{row.pk}_c{column.pk}": "1"
            for row in survey.q["matris"].options.filter(role="row")
            for column in survey.q["matris"].options.filter(role="column")
        },
    }
    assert "Tack!" in client.post(url, data).content.decode()
    assert "redan inskickat" in client.post(url, data).content.decode()
    assert Response.objects.submitted().count() == 1


def test_an_open_link_of_a_personal_survey_does_not_exist(client):
    survey = open_survey()
    assert client.get(f"/enkater/oppen/{survey.slug}/").status_code == 404
