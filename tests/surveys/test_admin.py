"""The builder in the admin: a coordinator adds a survey with its sections,
adds questions inline and a matrix's rows and columns on the question's page;
the status changes only through the actions (open, close, copy), all audited;
a department coordinator sees only the surveys they made."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from portal.models import AuditEntry
from surveys.models import Option, Question, Survey
from tests.organisations.factories import (
    MembershipFactory,
    make_department_coordinator,
    make_municipal_coordinator,
)

from .factories import build_survey

pytestmark = pytest.mark.django_db
CHANGELIST = reverse("admin:surveys_survey_changelist")


def management(prefix: str, total: int = 0) -> dict:
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def test_build_a_survey_with_a_matrix_in_the_admin(client):
    coordinator = make_municipal_coordinator()
    client.force_login(coordinator)
    now = timezone.localtime()
    data = {
        "title": "Inventering av samverkan",
        "slug": "inventering-2027",
        "kind": "inventory",
        "introduction": "",
        "audience": "departments",
        "anonymous": "",
        "opens_at_0": now.strftime("%Y-%m-%d"),
        "opens_at_1": "08:00",
        "closes_at_0": (now + timedelta(days=30)).strftime("%Y-%m-%d"),
        "closes_at_1": "16:00",
        "small_group_threshold": "5",
        "retention_days": "365",
        **management("sections", 1),
        "sections-0-title": "Samverkan",
        "sections-0-position": "1",
        **management("questions"),
    }
    response = client.post(reverse("admin:surveys_survey_add"), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    survey = Survey.objects.get(slug="inventering-2027")
    assert survey.created_by == coordinator and survey.status == Survey.Status.DRAFT
    change = reverse("admin:surveys_survey_change", args=[survey.pk])
    page = client.get(change)
    assert page.status_code == 200
    section = survey.sections.get()
    edit = {**data, **management("questions", 1)}
    edit.update(
        {
            "sections-INITIAL_FORMS": "1",
            "sections-0-id": str(section.pk),
            "sections-0-survey": str(survey.pk),
            "questions-0-section": str(section.pk),
            "questions-0-position": "1",
            "questions-0-code": "former",
            "questions-0-text": "Former av samverkan per kategori",
            "questions-0-kind": "matrix",
            "questions-0-cell": "checkbox",
        }
    )
    response = client.post(change, edit)
    assert response.status_code == 302
    question = survey.questions.get()
    options = {
        **management("options", 2),
        "options-0-role": "row",
        "options-0-label": "Idrott",
        "options-0-code": "idrott",
        "options-0-position": "1",
        "options-1-role": "column",
        "options-1-label": "Dialog",
        "options-1-code": "dialog",
        "options-1-position": "1",
        "section": str(section.pk),
        "position": "1",
        "code": "former",
        "text": question.text,
        "kind": "matrix",
        "cell": "checkbox",
    }
    response = client.post(reverse("admin:surveys_question_change", args=[question.pk]), options)
    assert response.status_code == 302
    assert set(Option.objects.values_list("role", flat=True)) == {"row", "column"}
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {"survey.admin_created", "survey.admin_changed", "survey_question.admin_changed"} <= (
        actions
    )


def test_actions_open_and_copy_through_the_services(client):
    coordinator = make_municipal_coordinator()
    survey = build_survey(by=coordinator)
    client.force_login(coordinator)
    client.post(CHANGELIST, {"action": "open_surveys", "_selected_action": [survey.pk]})
    survey.refresh_from_db()
    assert survey.status == Survey.Status.OPEN
    client.post(CHANGELIST, {"action": "copy_surveys", "_selected_action": [survey.pk]})
    copy = Survey.objects.exclude(pk=survey.pk).get()
    assert copy.questions.count() == Question.objects.filter(survey=survey).count()
    assert AuditEntry.objects.filter(action="survey.copied").exists()


def test_department_coordinators_see_their_own_and_representatives_nothing(client):
    theirs_maker = make_department_coordinator()
    theirs = build_survey(by=theirs_maker, title="Förvaltningens enkät")
    other = build_survey(by=make_municipal_coordinator(), title="Kommunens enkät")
    client.force_login(theirs_maker)
    listing = client.get(CHANGELIST).content.decode()
    assert theirs.title in listing and other.title not in listing
    change = reverse("admin:surveys_survey_change", args=[other.pk])
    assert client.get(change).status_code == 302  # the admin's "not found" redirect
    client.force_login(MembershipFactory(user__is_staff=True).user)
    assert client.get(CHANGELIST).status_code == 403
