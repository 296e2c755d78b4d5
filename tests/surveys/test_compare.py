"""Comparing two rounds of a survey question by question: every figure from a known
set of answers, reworded and changed questions flagged without figures, new and
removed questions, a small round withheld, who may see it, and a query count that
does not grow with the questions."""

from decimal import Decimal

import pytest
from django.urls import reverse

from surveys.models import Option, Question
from surveys.results.compare import Status, compare_rounds
from surveys.templatetags.survey_figures import signed
from tests.organisations.factories import (
    UserFactory,
    make_department_coordinator,
    make_municipal_coordinator,
)

from .compare_factories import (
    answered_rounds,
    first_round_answers,
    next_round,
    respond,
    reword,
    two_rounds,
)

pytestmark = pytest.mark.django_db

D = Decimal


def by_code(rounds) -> dict:
    return {item.question.code: item for item in rounds.questions}


def test_every_figure_of_two_known_rounds(client):
    first, second = answered_rounds()
    # A draft saved for later is not an answer.
    respond(first.waiting[6], {"samverkar": "o0", "nojd": 5}, submit=False)
    rounds = compare_rounds(second, first)
    assert (rounds.previous_responses, rounds.current_responses, rounds.threshold) == (6, 8, 5)
    assert not rounds.withheld and not rounds.new and not rounds.removed
    items = by_code(rounds)

    samverkar = items["samverkar"]
    assert samverkar.status == Status.COMPARED
    assert (samverkar.previous_answered, samverkar.current_answered) == (6, 8)
    assert [
        (s.label, s.previous, s.previous_share, s.current, s.current_share, s.change)
        for s in samverkar.shares
    ] == [
        ("Ja", 3, D("50.0"), 6, D("75.0"), D("25.0")),
        ("Nej", 3, D("50.0"), 2, D("25.0"), D("-25.0")),
    ]

    # Only three answered the follow-up question in the first round: fewer than five.
    former = items["former"]
    assert former.status == Status.TOO_FEW and not former.shares
    assert (former.previous_answered, former.current_answered) == (3, 6)

    def numbers(code):
        n = items[code].numbers
        return [
            (x.previous_n, x.current_n, x.previous_mean, x.current_mean, x.mean_change)
            + (x.previous_median, x.current_median, x.median_change)
            for x in n
        ]

    assert numbers("nojd") == [(6, 8, D("3.3"), D("4.0"), D("0.7"), D("3.5"), D("4.0"), D("0.5"))]
    assert numbers("medlemmar") == [
        (6, 5, D("35.0"), D("3000.0"), D("2965.0"), D("35.0"), D("3000.0"), D("2965.0"))
    ]
    assert numbers("bidrag") == [
        (6, 8, D("10000"), D("13000"), D("3000"), D("10000"), D("13000"), D("3000"))
    ]
    assert numbers("anstallda") == [
        (6, 8, D("40.0"), D("50.0"), D("10.0"), D("40.0"), D("50.0"), D("10.0"))
    ]
    assert items["synpunkter"].status == Status.TEXT and not items["synpunkter"].numbers

    matrix = items["matris"]
    assert matrix.status == Status.COMPARED
    cells = {x.label: x for x in matrix.numbers}
    assert list(cells) == ["Idrott: Dialog", "Idrott: Bidrag", "Kultur: Dialog", "Kultur: Bidrag"]
    dialog = cells["Idrott: Dialog"]
    assert (dialog.previous_n, dialog.current_n) == (6, 8)
    assert (dialog.previous_mean, dialog.current_mean, dialog.mean_change) == (
        D("3.5"),
        D("2.0"),
        D("-1.5"),
    )
    assert (dialog.previous_median, dialog.current_median) == (D("3.5"), D("2.0"))
    assert cells["Idrott: Bidrag"].mean_change == D("1.0")
    assert cells["Kultur: Dialog"].mean_change == D("1.0")
    # Only three filled in this cell in the first round: withheld.
    assert cells["Kultur: Bidrag"].withheld and cells["Kultur: Bidrag"].current_mean is None

    client.force_login(first.coordinator)
    survey_page = client.get(second.get_absolute_url()).content.decode()
    url = reverse("surveys:compare", args=[second.slug])
    assert f'href="{url}"' in survey_page
    html = client.get(url).content.decode()
    assert "Jämförelse med förra omgången" in html
    assert "6 inskickade svar" in html and "8 inskickade svar" in html
    assert "50,0 % (3)" in html and "75,0 % (6)" in html
    assert "+25,0 procentenheter" in html and "−25,0 procentenheter" in html
    assert "+10,0 procentenheter" in html  # the percentage's mean
    assert "3\xa0000,0" in html and "+2\xa0965,0" in html
    assert "+3\xa0000 kr" in html and "13\xa0000 kr" in html
    assert "Fritext jämförs inte." in html and "Bra dialog." not in html
    assert "Jämförs inte: färre än 5 besvarade frågan" in html
    assert "Färre än 5 svarade i en omgång: visas inte." in html
    assert 'role="region"' in html and 'tabindex="0"' in html and "<caption" in html
    client.cookies["portal_language"] = "en"
    english = client.get(url).content.decode()
    assert "+25.0 percentage points" in english and "+3,000 SEK" in english


def test_a_checkbox_matrix_is_compared_cell_by_cell():
    def add_matrix(survey):
        question = Question.objects.create(
            survey=survey,
            section=survey.sections.first(),
            code="formmatris",
            kind=Question.Kind.MATRIX,
            cell=Question.Cell.CHECKBOX,
            text="Former per kategori",
            position=20,
        )
        for role, labels in (
            (Option.Role.ROW, ["Idrott"]),
            (Option.Role.COLUMN, ["Möten", "Avtal"]),
        ):
            for n, label in enumerate(labels):
                Option.objects.create(question=question, role=role, label=label, code=f"o{n}")

    first, second = two_rounds(8)
    add_matrix(first)
    add_matrix(second)
    for i, recipient in enumerate(first.waiting[:5]):
        respond(recipient, {"formmatris": {"o0": ["o0", "o1"] if i < 2 else ["o0"]}})
    for i, recipient in enumerate(second.waiting[:8]):
        respond(recipient, {"formmatris": {"o0": ["o0", "o1"] if i < 6 else ["o1"]}})
    item = by_code(compare_rounds(second, first))["formmatris"]
    assert [
        (s.label, s.previous, s.previous_share, s.current, s.current_share, s.change)
        for s in item.shares
    ] == [
        ("Idrott: Möten", 5, D("100.0"), 6, D("75.0"), D("-25.0")),
        ("Idrott: Avtal", 2, D("40.0"), 8, D("100.0"), D("60.0")),
    ]


def test_changed_questions_are_flagged_with_both_wordings_and_no_figures(client):
    first, second = answered_rounds(change=reword)
    rounds = compare_rounds(second, first)
    items = by_code(rounds)
    nojd = items["nojd"]
    assert nojd.status == Status.CHANGED and not nojd.numbers
    assert [(c.what, c.before, c.after) for c in nojd.changes] == [
        ("Frågan formulerades om", "Hur nöjda är ni?", "Hur nöjda är ni med samverkan i år?")
    ]
    samverkar = items["samverkar"]
    assert samverkar.status == Status.CHANGED and not samverkar.shares
    assert [(c.before, c.after) for c in samverkar.changes] == [("Ja; Nej", "Ja; Nej, inte ännu")]
    assert items["anstallda"].status == Status.CHANGED
    former = items["former"]
    assert former.status == Status.CHANGED and not former.shares
    assert [(c.what, c.before, c.after) for c in former.changes] == [
        (
            "Vilka som får frågan ändrades",
            "De som svarade ”Ja” på ”Samverkar ni med kommunen?”",
            "Alla",
        )
    ]
    assert [q.code for q in rounds.new] == ["lokaler"]
    assert [q.code for q in rounds.removed] == ["medlemmar"]
    assert items["bidrag"].status == Status.COMPARED  # the rest is still compared

    client.force_login(first.coordinator)
    html = client.get(reverse("surveys:compare", args=[second.slug])).content.decode()
    assert "Frågan formulerades om:" in html
    assert "Hur nöjda är ni?" in html and "Hur nöjda är ni med samverkan i år?" in html
    assert "Svarsalternativen ändrades:" in html and "Nej, inte ännu" in html
    assert "Frågetypen ändrades:" in html
    assert "Svaren jämförs inte, eftersom frågan ändrades." in html
    assert "Nytt i denna omgång" in html and "Har ni egna lokaler?" in html
    assert "Ställdes bara i förra omgången" in html and "Antal medlemmar" in html


def test_a_round_with_fewer_answers_than_the_threshold_is_not_compared(client):
    first, second = answered_rounds(first_answers=6, second_answers=4)
    rounds = compare_rounds(second, first)
    assert rounds.withheld and (rounds.previous_responses, rounds.current_responses) == (6, 4)
    assert all(not item.shares and not item.numbers for item in rounds.questions)
    client.force_login(first.coordinator)
    html = client.get(reverse("surveys:compare", args=[second.slug])).content.decode()
    assert "En omgång med färre än 5 inskickade svar jämförs inte" in html
    assert "procentenheter" not in html and "<table" not in html


@pytest.mark.parametrize(
    ("role", "status"),
    [("anonymous", 302), ("other_user", 404), ("department_coordinator", 404), ("manager", 200)],
)
def test_the_comparison_is_for_the_surveys_managers(client, role, status):
    first, second = two_rounds(1)
    user = {
        "anonymous": None,
        "other_user": UserFactory(),
        "department_coordinator": make_department_coordinator(),
        "manager": make_municipal_coordinator(),
    }[role]
    if user:
        client.force_login(user)
    assert client.get(reverse("surveys:compare", args=[second.slug])).status_code == status


def test_a_previous_round_the_coordinator_cannot_see_is_named_hidden_not_shown(client):
    first, _second = two_rounds(6, title="Hemlig omgång 2024")
    for i, recipient in enumerate(first.waiting[:6]):
        respond(recipient, first_round_answers(i))
    coordinator = make_department_coordinator()

    def hand_over(second):
        """Started by the first round's coordinator, the new round is the
        department coordinator's, who never managed the first."""
        second.title, second.created_by = "Ny omgång 2025", coordinator
        second.save(update_fields=["title", "created_by"])

    second = next_round(first, by=first.coordinator, categories=[], change=hand_over)
    client.force_login(coordinator)
    page = client.get(reverse("surveys:compare", args=[second.slug]))
    html = page.content.decode()
    assert page.status_code == 200
    assert "Du kan inte se enkätens förra omgång" in html
    assert "Ny omgång 2025" in html and "Hemlig omgång 2024" not in html
    assert "procentenheter" not in html and "<table" not in html


def test_a_survey_without_a_previous_round_says_so(client):
    first, _second = two_rounds(1)
    client.force_login(first.coordinator)
    html = client.get(reverse("surveys:compare", args=[first.slug])).content.decode()
    assert "Enkäten har ingen förra omgång att jämföra med." in html
    assert (
        reverse("surveys:compare", args=[first.slug])
        not in client.get(first.get_absolute_url()).content.decode()
    )


@pytest.mark.parametrize(
    ("change", "unit", "shown"),
    [
        (D("12.5"), "points", "+12,5 procentenheter"),
        (D("-1.0"), "points", "−1,0 procentenhet"),
        (D("0.0"), "points", "±0,0 procentenheter"),
        (D("-2500"), "amount", "−2\xa0500 kr"),
        (D("0.4"), "", "+0,4"),
        (None, "", "–"),
    ],
)
def test_a_change_reads_with_its_sign_and_unit_in_words(change, unit, shown):
    assert signed(change, unit) == shown


COMPARE_QUERIES = 14


def test_the_page_makes_the_same_queries_for_2_and_12_questions(client, django_assert_num_queries):
    def extra_questions(survey, count):
        section = survey.sections.first()
        for n in range(count):
            question = Question.objects.create(
                survey=survey,
                section=section,
                code=f"extra{n}",
                kind=Question.Kind.SINGLE,
                text=f"Extra fråga {n}",
                position=40 + n,
            )
            for m in range(2):
                Option.objects.create(question=question, label=f"Svar {m}", code=f"o{m}")

    small_first, small_second = answered_rounds()
    for survey in (small_first, small_second):
        survey.questions.exclude(code__in=["samverkar", "nojd"]).delete()
    large_first, large_second = answered_rounds()
    for survey in (large_first, large_second):
        extra_questions(survey, 4)
    assert large_second.questions.count() == 12 and small_second.questions.count() == 2
    coordinator = make_municipal_coordinator()
    client.force_login(coordinator)
    for survey in (small_second, large_second):
        with django_assert_num_queries(COMPARE_QUERIES):
            page = client.get(reverse("surveys:compare", args=[survey.slug]))
        assert page.status_code == 200 and "procentenheter" in page.content.decode()
