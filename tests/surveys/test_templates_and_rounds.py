"""A survey from each shipped template (every question and option made, with the
template's codes), through the admin's "New survey from a template" page; and the
next round of a closed survey, through its admin page and the list's action."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from portal.models import AuditEntry
from surveys.models import Option, Question, Survey
from surveys.services import SurveyError
from surveys.services.lifecycle import survey_close, survey_copy, survey_next_round
from surveys.services.templates import survey_from_template
from surveys.shipped import TEMPLATES, civil_society, inventory
from tests.organisations.factories import (
    UserFactory,
    make_department_coordinator,
    make_municipal_coordinator,
)

from .factories import open_survey

pytestmark = pytest.mark.django_db


def shipped_structure(template) -> list:
    """(section, question code, kind, [(role, code, label)]) as the template ships it."""
    rows = []
    for section in template.SECTIONS:
        for spec in section["questions"]:
            options = [
                (role, code, text)
                for key, role in (("options", "choice"), ("rows", "row"), ("columns", "column"))
                for code, text, _english in spec.get(key, ())
            ]
            rows.append((section["title"], spec["code"], spec["kind"], options))
    return rows


def made_structure(survey) -> list:
    return [
        (
            q.section.title,
            q.code,
            q.kind,
            [(o.role, o.code, o.label) for o in q.options.order_by("role", "position")],
        )
        for q in survey.questions.select_related("section").prefetch_related("options")
    ]


@pytest.mark.parametrize("key", list(TEMPLATES))
def test_every_question_and_option_is_made_with_its_code(key):
    coordinator = make_municipal_coordinator()
    survey = survey_from_template(key=key, by=coordinator)
    template = TEMPLATES[key]
    assert survey.status == Survey.Status.DRAFT and survey.template == key
    assert (survey.title, survey.kind, survey.audience) == (
        template.TITLE,
        template.KIND,
        template.AUDIENCE,
    )
    shipped = shipped_structure(template)
    key_of = {"choice": 0, "column": 1, "row": 2}  # the options' ordering in the model
    expected = [(s, c, k, sorted(o, key=lambda o: key_of[o[0]])) for s, c, k, o in shipped]
    assert made_structure(survey) == expected
    entry = AuditEntry.objects.get(action="survey.created_from_template")
    assert entry.data == {"template": key} and entry.actor == coordinator


def test_the_inventory_has_the_reports_categories_forms_and_goal_areas():
    survey = survey_from_template(key=inventory.KEY, by=make_municipal_coordinator())
    matrix = survey.questions.get(code=inventory.MATRIX)
    assert (matrix.kind, matrix.cell) == (Question.Kind.MATRIX, Question.Cell.CHECKBOX)
    assert matrix.options.filter(role=Option.Role.ROW).count() == 15
    assert matrix.options.filter(role=Option.Role.COLUMN).count() == 14
    assert survey.questions.get(code=inventory.GOALS).options.count() == 17
    assert survey.questions.get(code=inventory.MONEY).kind == Question.Kind.AMOUNT
    assert survey.questions.get(code=inventory.STAFF).kind == Question.Kind.PERCENTAGE
    assert not survey.anonymous and survey.kind == Survey.Kind.INVENTORY


def test_the_civil_society_templates_condition_points_at_its_own_option():
    survey = survey_from_template(key=civil_society.KEY, by=make_municipal_coordinator())
    former = survey.questions.get(code="former")
    assert former.condition_option.question.code == "samverkar"
    assert former.condition_option.code == "ja-regelbundet"
    assert former.condition_option.question.survey == survey


def test_two_surveys_from_one_template_keep_the_same_codes():
    coordinator = make_municipal_coordinator()
    first = survey_from_template(key=inventory.KEY, by=coordinator)
    second = survey_from_template(key=inventory.KEY, by=coordinator)
    assert first.slug != second.slug
    codes = lambda s: [(q.code, [o.code for o in q.options.all()]) for q in s.questions.all()]  # noqa: E731
    assert codes(first) == codes(second)


def test_someone_without_the_right_cannot_make_one(client):
    with pytest.raises(SurveyError):
        survey_from_template(key=inventory.KEY, by=UserFactory())
    client.force_login(UserFactory(is_staff=True))
    assert client.get(reverse("admin:surveys_survey_from_template")).status_code == 403


def test_the_admin_page_makes_the_draft_and_opens_it(client):
    coordinator = make_municipal_coordinator()
    client.force_login(coordinator)
    changelist = client.get(reverse("admin:surveys_survey_changelist")).content.decode()
    url = reverse("admin:surveys_survey_from_template")
    assert f'href="{url}"' in changelist
    assert "Civilsamhällets syn på samverkan" in client.get(url).content.decode()
    empty = client.post(url, {"title": "Min enkät"})
    assert empty.status_code == 400 and 'value="Min enkät"' in empty.content.decode()
    response = client.post(url, {"template": inventory.KEY, "title": "Inventering 2027"})
    survey = Survey.objects.get(title="Inventering 2027")
    assert response.url == reverse("admin:surveys_survey_change", args=[survey.pk])
    assert survey.created_by == coordinator and survey.questions.count() == 7


def closed_survey():
    survey = open_survey(title="Civilsamhällets syn på samverkan 2026")
    survey_close(survey=survey, by=survey.coordinator)
    survey.refresh_from_db()
    return survey


def test_the_next_round_copies_the_questions_with_new_dates():
    survey = closed_survey()
    opens = timezone.now() + timedelta(days=300)
    round_ = survey_next_round(
        survey=survey, by=survey.coordinator, opens_at=opens, closes_at=opens + timedelta(days=21)
    )
    assert round_.previous_round == survey and round_.status == Survey.Status.DRAFT
    assert round_.title == f"Civilsamhällets syn på samverkan {timezone.localtime(opens).year}"
    assert (round_.opens_at, round_.closes_at) == (opens, opens + timedelta(days=21))
    assert made_structure(round_) == made_structure(survey)
    assert round_.questions.get(code="former").condition_option.question.survey == round_
    assert not round_.recipients.exists()
    assert AuditEntry.objects.filter(action="survey.next_round", object_id=str(round_.pk)).exists()


def test_only_a_closed_survey_gets_a_next_round():
    survey = open_survey()
    opens = timezone.now() + timedelta(days=300)
    with pytest.raises(SurveyError, match="stängd"):
        survey_next_round(
            survey=survey, by=survey.coordinator, opens_at=opens, closes_at=opens + timedelta(1)
        )


def test_the_admin_next_round_page_and_action(client):
    survey = closed_survey()
    client.force_login(survey.coordinator)
    url = reverse("admin:surveys_survey_next_round", args=[survey.pk])
    change = client.get(reverse("admin:surveys_survey_change", args=[survey.pk]))
    assert f'href="{url}"' in change.content.decode()
    action = client.post(
        reverse("admin:surveys_survey_changelist"),
        {"action": "start_next_round", "_selected_action": [survey.pk]},
    )
    assert action.url == url
    page = client.get(url)
    assert page.status_code == 200
    year = timezone.localtime(survey.opens_at).year + 1
    assert f"Civilsamhällets syn på samverkan {year}" in page.content.decode()
    wrong = {"title": "Nästa", "opens_at_0": "2027-11-20", "opens_at_1": "08:00",
             "closes_at_0": "2027-11-01", "closes_at_1": "08:00"}  # fmt: skip
    response = client.post(url, wrong)
    assert response.status_code == 400 and "stänga efter" in response.content.decode().lower()
    assert 'value="Nästa"' in response.content.decode()
    response = client.post(url, {**wrong, "closes_at_0": "2027-11-30"})
    round_ = Survey.objects.get(title="Nästa")
    assert response.url == reverse("admin:surveys_survey_change", args=[round_.pk])
    assert round_.previous_round == survey


def test_the_action_wants_one_closed_survey(client):
    survey = open_survey()
    client.force_login(survey.coordinator)
    response = client.post(
        reverse("admin:surveys_survey_changelist"),
        {"action": "start_next_round", "_selected_action": [survey.pk]},
        follow=True,
    )
    assert "stängd enkät" in response.content.decode()
    assert not Survey.objects.filter(previous_round=survey).exists()


def test_a_coordinator_who_does_not_manage_the_survey_gets_no_next_round(client):
    survey = closed_survey()
    other = make_department_coordinator()
    opens = timezone.now() + timedelta(days=300)
    with pytest.raises(SurveyError):
        survey_next_round(survey=survey, by=other, opens_at=opens, closes_at=opens + timedelta(1))
    client.force_login(other)
    url = reverse("admin:surveys_survey_next_round", args=[survey.pk])
    assert client.get(url).status_code == 404
    assert not Survey.objects.filter(previous_round=survey).exists()


def test_a_coordinator_who_does_not_manage_the_survey_cannot_copy_it():
    survey = closed_survey()
    other = make_department_coordinator()
    with pytest.raises(SurveyError):
        survey_copy(survey=survey, by=other)
    assert not Survey.objects.filter(previous_round=survey).exists()
