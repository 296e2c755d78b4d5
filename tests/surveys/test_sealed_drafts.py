"""Anonymity before and after submitting: a draft is sealed with the link, so the
database holds nothing readable tied to the recipient; the same link restores it
and any other token restores nothing; a submitted response, its answers and its
categories have random keys that tell nothing of the order in which they came."""

import uuid

import pytest
from django.contrib import admin
from django.db import connection

from surveys.drafts import PAD_TO, draft_values, seal, unseal
from surveys.links import recipient_token
from surveys.models import Answer, Draft, Recipient, Response, ResponseCategory
from tests.organisations.factories import MembershipFactory, OrganisationFactory

from .factories import full_answer, link, sent_survey

pytestmark = pytest.mark.django_db

SECRET = "Hemlig synpunkt om förvaltningen"


@pytest.fixture
def survey(django_capture_on_commit_callbacks):
    organisations = [OrganisationFactory(name=f"Förening {n}") for n in range(3)]
    for org in organisations:
        MembershipFactory(organisation=org)
    with django_capture_on_commit_callbacks(execute=True):
        survey = sent_survey(organisations)
    survey.recipient, survey.other = Recipient.objects.filter(survey=survey).order_by("pk")[:2]
    return survey


def draft_data(survey) -> dict:
    data = full_answer(survey)
    del data["submit"]
    data["save"] = "1"
    data[f"q{survey.q['synpunkter'].pk}"] = SECRET
    data[f"q{survey.q['bidrag'].pk}"] = "987 654"
    return data


def rows_of(table: str, column: str, value) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {table} WHERE {column} = %s", [value])
        return cursor.fetchall()


def test_a_draft_holds_nothing_readable_tied_to_its_recipient(client, survey):
    assert client.post(link(survey.recipient), draft_data(survey)).status_code == 302
    assert not Response.objects.exists() and not Answer.objects.exists()
    (row,) = rows_of("surveys_draft", "recipient_id", survey.recipient.pk)
    raw = b"".join(bytes(v) if isinstance(v, memoryview) else str(v).encode() for v in row)
    for typed in (SECRET, "987654", "987 654", "Bra dialog", f"q{survey.q['synpunkter'].pk}"):
        assert typed.encode() not in raw
    sealed = bytes(Draft.objects.get(recipient=survey.recipient).sealed)
    assert (len(sealed) - 12 - 16) % PAD_TO == 0  # nonce and tag beside the padded body


def test_the_same_link_restores_the_draft_and_submitting_unties_it(
    client, survey, django_capture_on_commit_callbacks
):
    client.post(link(survey.recipient), draft_data(survey))
    page = client.get(link(survey.recipient)).content.decode()
    assert SECRET in page and 'value="987654"' in page
    data = draft_data(survey)
    del data["save"]
    data["submit"] = "1"
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(link(survey.recipient), data).status_code == 200
    assert not Draft.objects.exists()
    response = Response.objects.get()
    assert response.recipient is None and response.organisation is None
    assert response.answers.get(question=survey.q["synpunkter"]).text == SECRET


def test_a_wrong_token_restores_nothing(client, survey):
    client.post(link(survey.recipient), draft_data(survey))
    token = recipient_token(survey.recipient)
    assert draft_values(survey.recipient, token)[f"q{survey.q['synpunkter'].pk}"] == [SECRET]
    assert draft_values(survey.recipient, recipient_token(survey.other)) is None
    assert draft_values(survey.recipient, token[:-1] + ("0" if token[-1] != "0" else "1")) is None
    # Another recipient's link shows an empty form, not this draft.
    assert SECRET not in client.get(link(survey.other)).content.decode()
    # A sealed draft copied to another recipient's row opens there with no token.
    sealed = bytes(Draft.objects.get(recipient=survey.recipient).sealed)
    assert unseal(sealed, token=token, recipient=survey.other) is None


def test_seal_round_trips_and_differs_each_time(survey):
    values = {"q1": ["åäö"], "q2_r3_c4": ["12,5"]}
    token = recipient_token(survey.recipient)
    first = seal(values, token=token, recipient=survey.recipient)
    assert first != seal(values, token=token, recipient=survey.recipient)  # a fresh nonce
    assert unseal(first, token=token, recipient=survey.recipient) == values
    assert unseal(first[:-1], token=token, recipient=survey.recipient) is None


def test_non_anonymous_draft_is_sealed_too_and_the_response_keeps_its_recipient(
    client, django_capture_on_commit_callbacks
):
    org = OrganisationFactory()
    MembershipFactory(organisation=org)
    with django_capture_on_commit_callbacks(execute=True):
        survey = sent_survey([org], anonymous=False)
    recipient = Recipient.objects.get(survey=survey)
    client.post(link(recipient), draft_data(survey))
    started = Draft.objects.get(recipient=recipient).started_at
    data = draft_data(survey)
    del data["save"]
    data["submit"] = "1"
    with django_capture_on_commit_callbacks(execute=True):
        client.post(link(recipient), data)
    response = Response.objects.get()
    assert response.recipient == recipient and response.organisation == org
    assert response.started_at == started and not Draft.objects.exists()


def test_responses_answers_and_categories_have_random_keys(
    client, survey, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        for recipient in Recipient.objects.filter(survey=survey):
            client.post(link(recipient), full_answer(survey))
    assert Response.objects.count() == 3
    for model in (Response, Answer, ResponseCategory):
        keys = list(model.objects.values_list("pk", flat=True))
        assert keys and all(isinstance(k, uuid.UUID) and k.version == 4 for k in keys)
    # No sequence behind them for the order of answering to be read from.
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_class WHERE relkind = 'S' AND relname LIKE %s",
            ["surveys_response%"],
        )
        assert cursor.fetchone()[0] == 0
        cursor.execute(
            "SELECT count(*) FROM pg_class WHERE relkind = 'S' AND relname LIKE %s",
            ["surveys_answer%"],
        )
        assert cursor.fetchone()[0] == 0


def test_the_admin_shows_neither_drafts_nor_responses():
    registered = set(admin.site._registry)
    assert not registered & {Draft, Response, Answer, ResponseCategory}


def test_drafts_of_a_closed_survey_are_deleted_by_the_sweep(
    client, survey, django_assert_num_queries
):
    from datetime import timedelta

    from surveys.sweeps import drop_closed_drafts

    client.post(link(survey.recipient), draft_data(survey))
    with django_assert_num_queries(1):
        assert drop_closed_drafts(survey.closes_at - timedelta(minutes=1)) == 0
    assert Draft.objects.exists()
    with django_assert_num_queries(1):
        assert drop_closed_drafts(survey.closes_at) == 1
    assert not Draft.objects.exists()
