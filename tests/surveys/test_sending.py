"""Sending: one recipient per association or department, each person mailed
their link once however often the survey is sent; opening, closing and copying
with their guards, audited."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from portal.models import AuditEntry, CoordinatorAssignment
from surveys.links import recipient_token
from surveys.models import Recipient, Survey
from surveys.models.distribution import token_hash
from surveys.services import SurveyError
from surveys.services.lifecycle import survey_close, survey_copy, survey_open
from surveys.services.sending import survey_send
from tests.organisations.factories import (
    CategoryFactory,
    MembershipFactory,
    OrganisationFactory,
    UserFactory,
)
from tests.portal.factories import DepartmentFactory

from .factories import build_survey, open_survey

pytestmark = pytest.mark.django_db


def test_sending_twice_mails_each_representative_once(django_capture_on_commit_callbacks):
    sport = CategoryFactory(name="Idrott")
    club = OrganisationFactory(categories=[sport])
    MembershipFactory(organisation=club, user__email="a@klubb.se")
    MembershipFactory(organisation=club, user__email="b@klubb.se", role="editor")
    lonely = OrganisationFactory(categories=[sport], email="info@ensam.se")
    OrganisationFactory(categories=[CategoryFactory(name="Kultur")])  # not chosen
    survey = open_survey()
    with django_capture_on_commit_callbacks(execute=True):
        assert survey_send(survey=survey, by=survey.coordinator, categories=[sport]) == (2, 3)
        assert survey_send(survey=survey, by=survey.coordinator, categories=[sport]) == (0, 0)
    assert sorted(m.to[0] for m in mail.outbox) == ["a@klubb.se", "b@klubb.se", "info@ensam.se"]
    assert Recipient.objects.filter(survey=survey).count() == 2
    # The link in the mail is the recipient's, and only its hash is stored.
    recipient = Recipient.objects.get(organisation=lonely)
    token = recipient_token(recipient)
    assert token not in recipient.token_hash and recipient.token_hash == token_hash(token)
    assert token in next(m.body for m in mail.outbox if m.to == ["info@ensam.se"])
    assert AuditEntry.objects.filter(action="survey.sent").count() == 2


def test_departments_are_answered_by_their_coordinators(django_capture_on_commit_callbacks):
    culture = DepartmentFactory(name="Kulturförvaltningen")
    DepartmentFactory(name="Miljöförvaltningen")
    coordinator = UserFactory(email="kultur@kommun.se")
    CoordinatorAssignment.objects.create(user=coordinator, department=culture)
    survey = open_survey(audience=Survey.Audience.DEPARTMENTS)
    with django_capture_on_commit_callbacks(execute=True):
        added, mails = survey_send(survey=survey, by=survey.coordinator)
    assert (added, mails) == (2, 1)
    assert [m.to for m in mail.outbox] == [["kultur@kommun.se"]]


def test_a_draft_is_not_sent_and_others_may_not_send():
    survey = build_survey()
    with pytest.raises(SurveyError, match="Öppna enkäten"):
        survey_send(survey=survey, by=UserFactory(is_superuser=True))
    opened = open_survey()
    with pytest.raises(SurveyError, match="behörighet"):
        survey_send(survey=opened, by=UserFactory())


def test_open_and_close_guards():
    survey = build_survey(opens_at=None, closes_at=None)
    admin = UserFactory(is_superuser=True)
    with pytest.raises(SurveyError, match="datum"):
        survey_open(survey=survey, by=admin)
    survey.opens_at = timezone.now()
    survey.closes_at = timezone.now() + timedelta(days=3)
    survey.save()
    survey_open(survey=survey, by=admin)
    with pytest.raises(SurveyError, match="redan öppen"):
        survey_open(survey=survey, by=admin)
    survey_close(survey=survey, by=admin)
    survey.refresh_from_db()
    assert survey.status == Survey.Status.CLOSED and survey.closes_at <= timezone.now()
    assert list(AuditEntry.objects.values_list("action", flat=True).order_by("pk")) == [
        "survey.opened",
        "survey.closed",
    ]


def test_copy_keeps_structure_and_conditions_not_answers():
    survey = open_survey()
    copy = survey_copy(survey=survey, by=survey.coordinator)
    assert copy.status == Survey.Status.DRAFT and copy.previous_round == survey
    assert copy.questions.count() == survey.questions.count()
    conditional = copy.questions.get(code="former")
    assert conditional.condition_option.question.survey == copy
    assert copy.title.endswith("(kopia)")


def test_addresses_alone_add_only_them(django_capture_on_commit_callbacks):
    OrganisationFactory()
    survey = open_survey()
    with django_capture_on_commit_callbacks(execute=True):
        assert survey_send(survey=survey, by=survey.coordinator, emails=["Ny@Example.se"]) == (1, 1)
    assert [m.to for m in mail.outbox] == [["ny@example.se"]]
