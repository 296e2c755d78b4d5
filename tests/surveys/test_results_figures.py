"""Every figure of the results for a known set of answers: counts and shares
(of those who answered), the numeric statistics with the median, a scale's
distribution, the matrix's cells, the free texts (named only when the survey
is not anonymous), all in a constant number of queries."""

from decimal import Decimal

import pytest

from surveys.models import Option, Question
from surveys.results.aggregate import question_results

from .results_factories import answered_survey

pytestmark = pytest.mark.django_db

MATRIX = {("Idrott", "Dialog"): 1, ("Idrott", "Bidrag"): 2, ("Kultur", "Dialog"): 3}
GIVEN = [
    {
        "samverkar": "Ja",
        "former": ["Möten", "Projekt"],
        "nojd": 4,
        "medlemmar": 120,
        "bidrag": 25000,
        "anstallda": "40.5",
        "synpunkter": "Bra dialog.",
        "matris": MATRIX,
    },
    {
        "samverkar": "Ja",
        "former": ["Möten"],
        "nojd": 5,
        "medlemmar": 30,
        "synpunkter": "Mer stöd.",
        "matris": {("Idrott", "Dialog"): 3, ("Kultur", "Dialog"): 1, ("Kultur", "Bidrag"): 2},
    },
    {"samverkar": "Nej", "nojd": 2, "medlemmar": 50, "bidrag": 1000},
    {"samverkar": "Ja", "former": ["Avtal"], "nojd": 4, "matris": {("Idrott", "Dialog"): 2}},
]


def by_code(results):
    return {r.question.code: r for r in results}


@pytest.fixture
def survey():
    return answered_survey([("Idrott", "Väster", 4)], GIVEN, anonymous=False)


def test_choices_count_and_share_of_those_who_answered(survey):
    results = by_code(question_results(survey, survey.responses.submitted()))
    single = results["samverkar"]
    assert (single.n, single.answers) == (4, 4)
    assert [(s.label, s.count, s.share) for s in single.options] == [
        ("Ja", 3, 75.0),
        ("Nej", 1, 25.0),
    ]
    multiple = results["former"]
    assert (multiple.n, multiple.answers) == (3, 4)
    assert [(s.label, s.count, s.share) for s in multiple.options] == [
        ("Möten", 2, 66.7),
        ("Projekt", 1, 33.3),
        ("Avtal", 1, 33.3),
    ]
    assert multiple.shares_may_exceed_100 and not single.shares_may_exceed_100


def test_numbers_have_mean_median_lowest_and_highest(survey):
    results = by_code(question_results(survey, survey.responses.submitted()))
    scale = results["nojd"].stats
    assert (scale.n, scale.mean, scale.median, scale.minimum, scale.maximum) == (
        4,
        Decimal("3.75"),
        Decimal("4.00"),
        Decimal("2.00"),
        Decimal("5.00"),
    )
    assert [(s.label, s.count, s.share) for s in results["nojd"].distribution] == [
        ("1 – Inte alls", 0, 0.0),
        ("2", 1, 25.0),
        ("3", 0, 0.0),
        ("4", 2, 50.0),
        ("5 – Mycket", 1, 25.0),
    ]
    members = results["medlemmar"].stats
    assert (members.n, members.mean, members.median) == (3, Decimal("66.67"), Decimal("50.00"))
    money = results["bidrag"].stats
    assert (money.n, money.mean, money.median, money.minimum, money.maximum) == (
        2,
        Decimal("13000.00"),
        Decimal("13000.00"),
        Decimal("1000.00"),
        Decimal("25000.00"),
    )
    assert results["anstallda"].stats.mean == Decimal("40.50")
    assert results["medlemmar"].distribution == []


def test_number_matrix_cells_have_count_sum_and_mean(survey):
    matrix = by_code(question_results(survey, survey.responses.submitted()))["matris"]
    assert matrix.n == 3
    assert [c.label for c in matrix.columns] == ["Dialog", "Bidrag"]
    cells = {row.label: [(c.count, c.total, c.mean) for c in row.cells] for row in matrix.rows}
    assert cells == {
        "Idrott": [(3, Decimal("6.00"), Decimal("2.00")), (1, Decimal("2.00"), Decimal("2.00"))],
        "Kultur": [(2, Decimal("4.00"), Decimal("2.00")), (1, Decimal("2.00"), Decimal("2.00"))],
    }


def test_free_texts_name_the_association_only_when_not_anonymous(survey):
    texts = by_code(question_results(survey, survey.responses.submitted()))["synpunkter"]
    assert [t.text for t in texts.texts] == ["Bra dialog.", "Mer stöd."]
    assert all(t.association.startswith("Förening nummer") for t in texts.texts)
    anonymous = answered_survey([("Idrott", "Väster", 2)], GIVEN[:2], anonymous=True)
    texts = by_code(question_results(anonymous, anonymous.responses.submitted()))["synpunkter"]
    assert [(t.text, t.association) for t in texts.texts] == [
        ("Bra dialog.", ""),
        ("Mer stöd.", ""),
    ]
    shown = by_code(question_results(anonymous, anonymous.responses.submitted(), texts_shown=1))[
        "synpunkter"
    ]
    assert len(shown.texts) == 1 and shown.texts_left_out == 1


def choice_matrices(survey):
    """A checkbox matrix and a choice matrix added to ``survey``."""
    made = {}
    for code, cell in (("kryss", Question.Cell.CHECKBOX), ("val", Question.Cell.CHOICE)):
        q = Question.objects.create(
            survey=survey,
            section=survey.sections.last(),
            code=code,
            kind=Question.Kind.MATRIX,
            cell=cell,
            text=f"Matris {code}",
            position=50,
        )
        for n, label in enumerate(("Barn", "Äldre")):
            Option.objects.create(question=q, role="row", label=label, code=f"r{n}", position=n)
        for n, label in enumerate(("Lite", "Mycket")):
            Option.objects.create(question=q, role="column", label=label, code=f"c{n}", position=n)
        survey.q[code] = q
        made[code] = q
    return made


def test_checkbox_and_choice_matrices_count_cells():
    from .factories import sent_survey
    from .results_factories import associations, submit_all

    survey = sent_survey(associations([("Idrott", "Väster", 3)]))
    choice_matrices(survey)
    submit_all(
        survey,
        [
            {
                "kryss": {("Barn", "Lite"): True, ("Barn", "Mycket"): True},
                "val": {("Barn", "Lite"): True},
            },
            {
                "kryss": {("Barn", "Mycket"): True},
                "val": {("Barn", "Mycket"): True, ("Äldre", "Lite"): True},
            },
            {"val": {("Barn", "Mycket"): True}},
        ],
    )
    results = by_code(question_results(survey, survey.responses.submitted()))
    checkbox = results["kryss"]
    assert checkbox.n == 2 and checkbox.shares_may_exceed_100
    assert [[(c.count, c.share) for c in row.cells] for row in checkbox.rows] == [
        [(1, 50.0), (2, 100.0)],
        [(0, 0.0), (0, 0.0)],
    ]
    choice = results["val"]
    # One choice a row: a share of those who answered the row.
    assert [[(c.count, c.share) for c in row.cells] for row in choice.rows] == [
        [(1, 33.3), (2, 66.7)],
        [(1, 100.0), (0, 0.0)],
    ]


def test_figures_take_the_same_queries_for_few_and_many(django_assert_num_queries):
    few = answered_survey([("Idrott", "Väster", 2)], GIVEN[:2])
    many = answered_survey([("Kultur", "Öster", 20)], GIVEN * 5)
    for extra in range(18):
        Question.objects.create(
            survey=many,
            section=many.sections.first(),
            code=f"extra{extra}",
            kind=Question.Kind.SCALE,
            text=f"Fråga {extra}",
            position=100 + extra,
        )
    for survey in (few, many):
        with django_assert_num_queries(8):
            question_results(survey, survey.responses.submitted())
