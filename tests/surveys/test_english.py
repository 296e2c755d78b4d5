"""Surveys in English beside Swedish: a survey made from a shipped template is
answered, read in its results, its comparison with the previous round and its
export in the reader's language, in Swedish where no English is written, with
the same number of queries in both; copies and next rounds keep the English;
the admin shows the English fields."""

import csv
import io
from datetime import timedelta
from html import unescape

import pytest
from django.conf import settings
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from openpyxl import load_workbook

from surveys.demo_answers import answer_as
from surveys.inventory import inventory_tables
from surveys.models import Option, Question, Recipient, Survey
from surveys.results.compare import Status, compare_rounds
from surveys.services.lifecycle import survey_close, survey_copy, survey_next_round, survey_open
from surveys.services.sending import survey_send
from surveys.services.templates import survey_from_template
from surveys.shipped import TEMPLATES, civil_society, inventory
from tests.organisations.factories import (
    MembershipFactory,
    OrganisationFactory,
    make_municipal_coordinator,
)

from .factories import civil_society_survey, link

pytestmark = pytest.mark.django_db

ANSWER = {
    "samverkar": "ja-regelbundet",
    "former": ["lokaler", "iop"],
    "fungerar": "4",
    "kontakt": "2",
    "medlemmar": "120",
    "omraden": {
        "barn-unga": "mycket-viktigt",
        "aldre": "ganska-viktigt",
        "integration": "mycket-viktigt",
        "folkhalsa": "inte-viktigt",
    },
    "forbattra": "Snabbare svar.",
}


def answered(coordinator, count: int, **fields) -> Survey:
    organisations = [OrganisationFactory() for _ in range(count)]
    survey = civil_society_survey(coordinator, organisations, **fields)
    for recipient in Recipient.objects.filter(survey=survey):
        answer_as(recipient, ANSWER)
    return survey


def page(client, url, *, english: bool) -> tuple[str, int]:
    """The page's text as read, and the number of queries it took."""
    if english:
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    else:
        client.cookies.pop(settings.LANGUAGE_COOKIE_NAME, None)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return unescape(response.content.decode()), len(queries)


def english_structure(survey) -> list:
    return [
        (
            q.section.title_en,
            q.section.description_en,
            q.code,
            q.text_en,
            q.help_text_en,
            q.min_label_en,
            q.max_label_en,
            [(o.role, o.code, o.label_en) for o in q.options.order_by("role", "position")],
        )
        for q in survey.questions.select_related("section").order_by("pk")
    ]


@pytest.mark.parametrize("key", list(TEMPLATES))
def test_every_text_of_a_template_survey_has_its_english(key):
    survey = survey_from_template(key=key, by=make_municipal_coordinator())
    template = TEMPLATES[key]
    assert survey.title_en == template.TITLE_EN
    assert survey.introduction_en == template.INTRODUCTION_EN
    for section in survey.sections.all():
        assert section.title_en and bool(section.description_en) == bool(section.description)
    for q in survey.questions.all():
        assert q.text_en and q.text_en != q.text
        for field in ("help_text", "min_label", "max_label"):
            assert bool(getattr(q, f"{field}_en")) == bool(getattr(q, field)), (q.code, field)
    assert not Option.objects.filter(question__survey=survey, label_en="").exists()


def test_a_template_survey_is_answered_in_english_and_swedish_where_none_is_written(client):
    coordinator = make_municipal_coordinator()
    survey = civil_society_survey(coordinator, [OrganisationFactory()])
    Question.objects.filter(survey=survey, code="medlemmar").update(text_en="")
    Option.objects.filter(question__survey=survey, question__code="samverkar", code="nej").update(
        label_en=""
    )
    url = link(Recipient.objects.get(survey=survey))
    swedish, swedish_queries = page(client, url, english=False)
    english, english_queries = page(client, url, english=True)
    assert english_queries == swedish_queries
    assert "<h1>Civil society's view of collaboration</h1>" in english
    for text in (
        "Answer once for your association",
        "Your association and the municipality",
        "Does the association collaborate with the municipality today?",
        ">Yes, regularly</label>",
        "1 – Very badly",
        "5 – Very well",
        "How important is collaboration in these areas?",
        ">Children and young people<",
        ">Fairly important</span>",
    ):
        assert text in english, text
    assert "Samverkar föreningen med kommunen i dag?" not in english
    # No English written: the Swedish.
    assert "Hur många medlemmar har föreningen?" in english and ">Nej</label>" in english
    assert "Does the association" not in swedish and ">Ja, regelbundet</label>" in swedish

    bidrag = survey.questions.get(code="bidrag")
    wrong = client.post(url, {"submit": "1", f"q{bidrag.pk}": "a lot"})
    html = unescape(wrong.content.decode())
    assert wrong.status_code == 400
    assert "Write an amount in kronor" in html and 'value="a lot"' in html
    assert ">How well does collaboration with the municipality work?</a>" in html


def test_the_receipt_is_mailed_in_the_representatives_language(
    django_capture_on_commit_callbacks,
):
    coordinator = make_municipal_coordinator()
    organisation = OrganisationFactory()
    MembershipFactory(organisation=organisation, user__language="en")
    survey = civil_society_survey(coordinator, [organisation])
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        answer_as(Recipient.objects.get(survey=survey), ANSWER)
    assert [m.subject for m in mail.outbox] == ["Receipt: Civil society's view of collaboration"]


def test_the_results_and_their_export_read_in_english(client):
    coordinator = make_municipal_coordinator()
    survey = answered(coordinator, 3)
    client.force_login(coordinator)
    url = reverse("surveys:results", args=[survey.slug])
    _swedish, swedish_queries = page(client, url, english=False)
    english, english_queries = page(client, url, english=True)
    assert english_queries == swedish_queries
    for text in (
        "Results: Civil society's view of collaboration",
        "Your association and the municipality",
        "Chart: Does the association collaborate with the municipality today?",
        "Yes, regularly: 3",
        "Rent premises from the municipality",
        "1 – Very badly",
        "Children and young people",
        "Very important",
    ):
        assert text in english, text
    assert "Ja, regelbundet" not in english

    export = client.get(reverse("surveys:results_export", args=[survey.slug, "csv"]))
    rows = list(csv.reader(io.StringIO(export.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:3] == ["Section", "Question", "Option or row"]
    assert [
        "Your association and the municipality",
        "Does the association collaborate with the municipality today?",
        "Yes, regularly",
    ] in [row[:3] for row in rows]
    assert ["Children and young people", "Very important"] in [row[2:4] for row in rows]
    export = client.get(reverse("surveys:results_export", args=[survey.slug, "xlsx"]))
    sheet = load_workbook(io.BytesIO(export.content)).active
    cells = [[cell or "" for cell in row] for row in sheet.iter_rows(values_only=True)]
    assert cells[0][:2] == ["Section", "Question"]
    assert ["Does the association collaborate with the municipality today?", "Yes, regularly"] in [
        row[1:3] for row in cells
    ]


def test_a_copy_and_the_next_round_keep_the_english():
    coordinator = make_municipal_coordinator()
    survey = answered(coordinator, 1)
    copy = survey_copy(survey=survey, by=coordinator)
    assert copy.title_en == "Civil society's view of collaboration (copy)"
    assert copy.title == "Civilsamhällets syn på samverkan (kopia)"
    assert copy.introduction_en == civil_society.INTRODUCTION_EN
    assert english_structure(copy) == english_structure(survey)
    survey_close(survey=survey, by=coordinator)
    opens = timezone.now() + timedelta(days=300)
    round_ = survey_next_round(
        survey=survey, by=coordinator, opens_at=opens, closes_at=opens + timedelta(days=21)
    )
    year = timezone.localtime(opens).year
    assert round_.title_en == f"Civil society's view of collaboration {year}"
    assert round_.introduction_en == civil_society.INTRODUCTION_EN
    assert english_structure(round_) == english_structure(survey)
    again = survey_next_round(
        survey=survey,
        by=coordinator,
        opens_at=opens,
        closes_at=opens + timedelta(days=21),
        title="Nästa omgång",
        title_en="",
    )
    assert (again.title, again.title_en) == ("Nästa omgång", "")  # no English: the Swedish


def test_the_comparison_reads_in_english_and_compares_the_swedish(client):
    coordinator = make_municipal_coordinator()
    previous = answered(coordinator, 2, small_group_threshold=1)
    survey_close(survey=previous, by=coordinator)
    now = timezone.now()
    current = survey_next_round(
        survey=previous,
        by=coordinator,
        opens_at=now - timedelta(days=1),
        closes_at=now + timedelta(days=20),
    )
    survey_open(survey=current, by=coordinator)
    # English reworded only: the same question. Swedish reworded: another one.
    current.questions.filter(code="fungerar").update(text_en="How well does working with us go?")
    current.questions.filter(code="kontakt").update(text="Hur lätt hittar ni rätt person?")
    organisations = [OrganisationFactory() for _ in range(2)]
    survey_send(survey=current, by=coordinator, organisations=[o.pk for o in organisations])
    for recipient in Recipient.objects.filter(survey=current):
        answer_as(recipient, ANSWER)

    with translation.override("en"):
        rounds = compare_rounds(current, previous)
    status = {item.question.code: item for item in rounds.questions}
    assert status["fungerar"].status == Status.COMPARED
    assert status["kontakt"].status == Status.CHANGED
    # The English reads the same in both rounds: the Swedish versions, which differ.
    change = status["kontakt"].changes[0]
    assert (change.before, change.after) == (
        "Hur lätt är det att hitta rätt person i kommunen?",
        "Hur lätt hittar ni rätt person?",
    )
    client.force_login(coordinator)
    url = reverse("surveys:compare", args=[current.slug])
    _swedish, swedish_queries = page(client, url, english=False)
    english, english_queries = page(client, url, english=True)
    assert english_queries == swedish_queries
    assert "How well does working with us go?" in english
    assert "Yes, regularly" in english and "Children and young people: Very important" in english
    assert "Ja, regelbundet" not in english


def test_the_inventory_tables_name_and_sort_in_english(client):
    coordinator = make_municipal_coordinator()
    survey = survey_from_template(key=inventory.KEY, by=coordinator)
    Option.objects.filter(question__survey=survey, code="natverk").update(label_en="")
    with translation.override("en"):
        tables = inventory_tables(survey, "1.name")
    names = [row[0] for row in tables[0].rows]
    english = [en for code, _sv, en in inventory.CATEGORIES if code != "natverk"]
    assert names == sorted([*english, "Nätverk"])
    assert {row[0] for row in tables[4].rows} == {en for _code, _sv, en in inventory.FORMS}
    assert {row[0] for row in tables[5].rows} == {en for _code, _sv, en in inventory.GOAL_AREAS}
    with translation.override("sv"):
        swedish = inventory_tables(survey, "1.name")
    assert [row[0] for row in swedish[0].rows] == sorted(sv for _c, sv, _en in inventory.CATEGORIES)

    client.force_login(coordinator)
    url = reverse("surveys:inventory", args=[survey.slug])
    _swedish, swedish_queries = page(client, url, english=False)
    html, english_queries = page(client, url, english=True)
    assert english_queries == swedish_queries
    assert '<th scope="row">Sports club</th>' in html
    assert ">Category of civil society<" in html  # the sorting link keeps its name


def test_the_admin_shows_the_english_beside_the_swedish(client):
    coordinator = make_municipal_coordinator()
    survey = survey_from_template(key=civil_society.KEY, by=coordinator)
    client.force_login(coordinator)
    html, _queries = page(
        client, reverse("admin:surveys_survey_change", args=[survey.pk]), english=False
    )
    assert "På engelska" in html
    for name in (
        "title_en",
        "introduction_en",
        "sections-0-title_en",
        "sections-0-description_en",
        "questions-0-text_en",
        "questions-0-min_label_en",
        "questions-0-max_label_en",
    ):
        assert f'name="{name}"' in html, name
    assert 'value="Civil society\'s view of collaboration"' in html
    question = survey.questions.get(code="samverkar")
    html, _queries = page(
        client, reverse("admin:surveys_question_change", args=[question.pk]), english=False
    )
    for name in ("text_en", "help_text_en", "options-0-label_en"):
        assert f'name="{name}"' in html, name
    assert 'value="Yes, regularly"' in html


def test_the_next_round_page_suggests_the_english_title_too(client):
    coordinator = make_municipal_coordinator()
    survey = answered(coordinator, 1)
    survey_close(survey=survey, by=coordinator)
    survey.refresh_from_db()
    client.force_login(coordinator)
    html, _queries = page(
        client, reverse("admin:surveys_survey_next_round", args=[survey.pk]), english=False
    )
    year = timezone.localtime(survey.opens_at).year + 1
    assert f'value="Civil society\'s view of collaboration {year}"' in html
