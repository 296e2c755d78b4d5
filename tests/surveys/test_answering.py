"""Answering through a personal link: every kind of question, bad input kept
beside its message, save and continue, submitted once, closed and wrong links."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from surveys.models import Answer, Draft, Recipient, Response
from surveys.services.answering import response_save
from tests.organisations.factories import MembershipFactory, OrganisationFactory

from .factories import full_answer, link, sent_survey

pytestmark = pytest.mark.django_db


@pytest.fixture
def survey(django_capture_on_commit_callbacks):
    org = OrganisationFactory(name="Vivalla Schackklubb")
    MembershipFactory(organisation=org, user__email="ordforande@schack.se")
    with django_capture_on_commit_callbacks(execute=True):
        survey = sent_survey([org])
    survey.recipient = Recipient.objects.get(survey=survey)
    mail.outbox.clear()
    return survey


def test_page_renders_every_kind_accessibly(client, survey):
    page = client.get(link(survey.recipient))
    html = page.content.decode()
    assert page.status_code == 200
    assert "<legend" in html and 'scope="col"' in html and 'scope="row"' in html
    assert "Vivalla Schackklubb" in html
    assert "Inte alls" in html and "Mycket" in html
    # The condition's question is hidden until "Ja" is chosen.
    former = survey.q["former"]
    assert f'id="q{former.pk}" data-shown-when="{survey.yes.pk}" hidden' in html


def test_submit_stores_the_answers_once_and_mails_a_receipt(
    client, survey, django_capture_on_commit_callbacks
):
    data = full_answer(survey)
    with django_capture_on_commit_callbacks(execute=True):
        first = client.post(link(survey.recipient), data)
        second = client.post(link(survey.recipient), data)  # a double click
    assert first.status_code == 200 and "Tack" in first.content.decode()
    assert second.status_code == 200
    assert Response.objects.submitted().count() == 1
    response = Response.objects.get()
    assert response.answers.filter(question=survey.q["matris"]).count() == 4
    assert response.answers.get(question=survey.q["bidrag"]).number == 25000
    assert str(response.answers.get(question=survey.q["anstallda"]).number) == "40.50"
    assert [m.to for m in mail.outbox] == [["ordforande@schack.se"]]
    assert "Kvitto" in mail.outbox[0].subject or survey.title in mail.outbox[0].subject
    survey.recipient.refresh_from_db()
    assert survey.recipient.responded_at is not None


def test_anonymous_answer_keeps_no_tie(client, survey, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(link(survey.recipient), full_answer(survey))
    response = Response.objects.get()
    assert response.recipient is None and response.organisation is None
    assert response.submitted_at == response.started_at  # the day only
    survey.recipient.refresh_from_db()
    assert survey.recipient.responded_at == response.submitted_at
    assert Recipient.objects.not_answered().count() == 0
    assert list(response.categories.all()) == list(survey.recipient.organisation.categories.all())


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("medlemmar", "många", "Skriv ett tal"),
        ("medlemmar", "-3", "Skriv ett tal från 0 till 100000"),
        ("anstallda", "120", "En procentsats kan vara högst 100"),
        ("bidrag", "tjugo", "Skriv ett belopp i kronor"),
        ("samverkar", "", "Välj ett svar"),
    ],
)
def test_bad_input_is_shown_beside_the_question_and_kept(client, survey, field, value, message):
    data = full_answer(survey)
    data[f"q{survey.q[field].pk}"] = value
    page = client.post(link(survey.recipient), data)
    html = page.content.decode()
    assert page.status_code == 400
    assert message in html
    assert f'id="q{survey.q[field].pk}-error"' in html
    assert "Bra dialog." in html and 'value="25 000"' in html or field == "bidrag"
    assert not Answer.objects.exists()


def test_half_filled_matrix_row_is_refused(client, survey):
    data = full_answer(survey)
    matrix = survey.q["matris"]
    row = matrix.options.filter(role="row").first()
    column = matrix.options.filter(role="column").first()
    data[f"q{matrix.pk}_r{row.pk}_c{column.pk}"] = ""
    page = client.post(link(survey.recipient), data)
    assert page.status_code == 400
    assert "Fyll i alla kolumner på raden" in page.content.decode()


def test_save_and_continue_with_the_same_link(client, survey):
    data = full_answer(survey)
    del data["submit"]
    data["save"] = "1"
    data[f"q{survey.q['samverkar'].pk}"] = ""  # required, but a draft may lack it
    saved = client.post(link(survey.recipient), data)
    assert saved.status_code == 302
    page = client.get(saved["Location"]).content.decode()
    assert "Bra dialog." in page and 'value="120"' in page
    assert not Response.objects.exists() and not Answer.objects.exists()
    assert Draft.objects.filter(recipient=survey.recipient).exists()


def test_hidden_question_is_not_checked_nor_stored(client, survey):
    data = full_answer(survey)
    data[f"q{survey.q['samverkar'].pk}"] = str(survey.no.pk)
    assert client.post(link(survey.recipient), data).status_code == 200
    assert not Answer.objects.filter(question=survey.q["former"]).exists()


def test_wrong_token_is_a_clear_404(client, survey):
    page = client.get("/enkater/svar/" + "x" * 64 + "/")
    assert page.status_code == 404
    assert "Länken till enkäten fungerar inte" in page.content.decode()


def test_closed_and_not_yet_open_say_so_with_the_date(client, survey):
    now = timezone.now()
    survey.closes_at = now - timedelta(hours=1)
    survey.opens_at = now - timedelta(days=3)
    survey.save()
    page = client.get(link(survey.recipient)).content.decode()
    closed_on = timezone.localtime(survey.closes_at).strftime("%Y-%m-%d")
    assert "Enkäten stängde" in page and closed_on in page
    survey.opens_at, survey.closes_at = now + timedelta(days=2), now + timedelta(days=9)
    survey.save()
    assert "Enkäten öppnar" in client.get(link(survey.recipient)).content.decode()


def test_an_answer_after_closing_is_refused(survey):
    survey.closes_at = timezone.now() - timedelta(minutes=1)
    survey.opens_at = timezone.now() - timedelta(days=2)
    survey.save()
    with pytest.raises(Exception, match="stängde"):
        response_save(recipient=survey.recipient, answers=[], submit=True)
