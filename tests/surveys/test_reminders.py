"""Reminders 7 and 2 days before closing reach only those who have not
answered, each once however often the sweep runs; personal data of surveys
that are not anonymous is exported, erased, and loses its tie after retention."""

from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.utils import timezone

from portal import personal_data, sweeps
from surveys.links import recipient_token
from surveys.models import Recipient, Response
from surveys.personal_data import cut_expired_ties
from surveys.services.answering import response_save
from surveys.services.sending import survey_send
from surveys.sweeps import remind_not_answered
from tests.organisations.factories import MembershipFactory, OrganisationFactory, UserFactory

from .factories import open_survey, sent_survey

pytestmark = pytest.mark.django_db


def test_reminders_reach_those_not_answered_once_each(django_capture_on_commit_callbacks):
    quick, slow = OrganisationFactory(), OrganisationFactory()
    MembershipFactory(organisation=quick, user__email="snabb@forening.se")
    MembershipFactory(organisation=slow, user__email="langsam@forening.se")
    closes = timezone.now() + timedelta(days=10)
    with django_capture_on_commit_callbacks(execute=True):
        survey = sent_survey([quick, slow], closes_at=closes)
        response_save(recipient=Recipient.objects.get(organisation=quick), answers=[], submit=True)
    mail.outbox.clear()

    assert remind_not_answered(timezone.now()) == 0  # more than a week left
    week_before = closes - timedelta(days=6)
    with django_capture_on_commit_callbacks(execute=True):
        assert remind_not_answered(week_before) == 1
        assert remind_not_answered(week_before + timedelta(hours=1)) == 0  # run twice
    assert [m.to for m in mail.outbox] == [["langsam@forening.se"]]
    token = recipient_token(Recipient.objects.get(organisation=slow))
    assert token in mail.outbox[0].body and "Påminnelse" in mail.outbox[0].subject

    two_days = closes - timedelta(days=1, hours=12)
    with django_capture_on_commit_callbacks(execute=True):
        assert remind_not_answered(two_days) == 1
        assert sweeps.run_all(two_days)["surveys.reminders"] == 0
    assert len(mail.outbox) == 2
    assert survey.recipients.not_answered().count() == 1


def personal_survey(django_capture_on_commit_callbacks, user, **kwargs):
    survey = open_survey(anonymous=False, **kwargs)
    with django_capture_on_commit_callbacks(execute=True):
        survey_send(survey=survey, by=survey.coordinator, emails=[user.email.upper()])
    return survey


def test_answers_of_a_named_survey_are_exported_and_erased(django_capture_on_commit_callbacks):
    user = UserFactory(email="person@example.se")
    survey = personal_survey(django_capture_on_commit_callbacks, user)
    recipient = Recipient.objects.get(survey=survey)
    q = survey.q["synpunkter"]
    from surveys.models import Answer

    response_save(recipient=recipient, answers=[Answer(question=q, text="Mitt svar")], submit=True)
    (row,) = personal_data.export_user_data(user)["data"]["surveys.answers"]
    assert row["answers"] == [{"question": q.text, "answer": "Mitt svar"}]
    personal_data.registered()["surveys.answers"].erase(user)
    response = Response.objects.get()
    assert response.recipient is None and not response.answers.exclude(text="").exists()
    assert not Recipient.objects.filter(survey=survey).exists()


def test_ties_are_cut_after_the_survey_s_retention(django_capture_on_commit_callbacks):
    user = UserFactory()
    survey = personal_survey(django_capture_on_commit_callbacks, user)
    response_save(recipient=survey.recipients.get(), answers=[], submit=True)
    survey.retention_days = 30
    survey.save()
    after = survey.closes_at + timedelta(days=31)
    assert cut_expired_ties(survey.closes_at + timedelta(days=29)) == 0
    with time_machine.travel(after, tick=False):
        assert cut_expired_ties(after) == 1
        assert cut_expired_ties(after) == 0
    assert Response.objects.get().recipient is None
