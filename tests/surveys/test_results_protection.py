"""Small-group protection: a group or its complement below the threshold is not
shown, and a breakdown hides small cells and enough others that no hidden cell
can be worked out from the totals of its row or column (tried here as someone
would: by subtracting what is shown from each total)."""

import random

import pytest
from django.urls import reverse
from django.utils import translation

from organisations.models import Category
from surveys.results.breakdown import breakdown
from surveys.results.filters import ResultFilter
from surveys.results.protection import check_group, check_narrowing, suppressed
from surveys.results.protection import derivable as is_derivable
from tests.organisations.factories import OrganisationFactory

from .factories import sent_survey
from .results_factories import answered_survey, submit_all


def chosen(survey, **params):
    """The responses a request with ``params`` chooses, as the results page reads them."""
    return ResultFilter(params, survey=survey).chosen


def derivable(table, hidden):
    """The hidden cells someone could work out from the row and column totals:
    a line with one unknown gives it away, and so does a line whose unknowns
    must add up to nothing (counts are never negative); each found cell may
    give away another."""
    known = [[not h for h in row] for row in hidden]
    lines = [[(r, c) for c in range(len(row))] for r, row in enumerate(table)]
    lines += [[(r, c) for r in range(len(table))] for c in range(len(table[0]))]
    found, progress = set(), True
    while progress:
        progress = False
        for line in lines:
            unknown = [(r, c) for r, c in line if not known[r][c]]
            rest = sum(table[r][c] for r, c in unknown)
            if len(unknown) == 1 or (unknown and rest == 0):
                for r, c in unknown:
                    known[r][c] = True
                    found.add((r, c))
                progress = True
    return found


def test_a_group_below_the_threshold_is_not_shown():
    assert not check_group(size=4, total=40, threshold=5, filtered=True).shown
    assert check_group(size=5, total=40, threshold=5, filtered=True).shown
    assert "5" in check_group(size=0, total=40, threshold=5, filtered=True).reason


def test_a_group_whose_complement_is_small_is_not_shown():
    # 38 of 40: the whole minus the group would show the other two's answers.
    with translation.override("en"):
        check = check_group(size=38, total=40, threshold=5, filtered=True)
    assert not check.shown and "outside the group" in check.reason
    assert check_group(size=35, total=40, threshold=5, filtered=True).shown
    assert check_group(size=40, total=40, threshold=5, filtered=True).shown  # no one else
    assert check_group(size=3, total=3, threshold=5, filtered=False).shown  # the whole


def test_one_small_cell_in_a_line_takes_the_next_smallest_with_it():
    # Two small cells in one column: that column is safe, but each row would
    # hide one alone (35 - 12 - 20 = 3), so each row hides its next smallest.
    table = [[12, 3, 20], [8, 4, 30]]
    hidden = suppressed(table, threshold=5)
    assert hidden == [[True, True, False], [True, True, False]]
    assert not derivable(table, hidden)
    # One small cell: its row hides 12, the column of 12 then 8, and the row of 8
    # its next smallest, which also covers the column of the 3.
    table = [[12, 3, 20], [8, 30, 30]]
    hidden = suppressed(table, threshold=5)
    assert hidden == [[True, True, False], [True, True, False]]
    assert not derivable(table, hidden)


def test_zero_is_not_small_and_covers_another_only_as_a_last_resort():
    assert suppressed([[0, 10, 10]], threshold=5) == [[False, False, False]]
    # Hiding the 0 beside the 2 would tell nothing: the line's total is 2.
    assert suppressed([[0, 2, 10]], threshold=5) == [[False, True, True]]
    # Where hiding cannot help (a column of zeros is known to be zeros, so the
    # 3 beside one is its row's total), the table is refused as derivable.
    table = [[3, 0], [10, 0]]
    hidden = suppressed(table, threshold=5)
    assert derivable(table, hidden) and is_derivable(table, hidden)


def test_no_hidden_cell_of_any_table_can_be_derived():
    """The attack above on many tables: each is either safe as hidden, or the
    module knows it is not (and the breakdown then withholds it)."""
    rng = random.Random(14)
    refused = 0
    for _ in range(1000):
        rows, columns = rng.randint(2, 5), rng.randint(2, 6)
        values = [0, 1, 2, 4, 5, 7, 12, 30]
        table = [[rng.choice(values) for _ in range(columns)] for _ in range(rows)]
        hidden = suppressed(table, threshold=5)
        for row, flags in zip(table, hidden, strict=True):
            assert all(flag for value, flag in zip(row, flags, strict=True) if 0 < value < 5)
        assert bool(derivable(table, hidden)) == is_derivable(table, hidden), table
        refused += is_derivable(table, hidden)
    assert refused < 50  # hiding is enough for nearly every table


@pytest.mark.django_db
def test_a_breakdown_hides_small_groups_and_cells():
    # Districts: Väster 8, Öster 6, Norr 2, Söder 1: Norr and Söder are hidden,
    # and Söder's answers could not be had as the whole minus the others.
    given = (
        [{"samverkar": "Ja"}] * 6
        + [{"samverkar": "Nej"}] * 2
        + [{"samverkar": "Ja"}] * 3
        + [{"samverkar": "Nej"}] * 3
        + [{"samverkar": "Ja"}] * 3
    )
    survey = answered_survey(
        [
            ("Idrott", "Väster", 8),
            ("Idrott", "Öster", 6),
            ("Idrott", "Norr", 2),
            ("Idrott", "Söder", 1),
        ],
        given,
    )
    split = breakdown(
        survey,
        chosen(survey),
        by="district",
        questions=list(survey.questions.prefetch_related("options")),
    )
    assert [(g.label, g.size) for g in split.groups] == [("Väster", 8), ("Öster", 6)]
    assert split.hidden_groups == 2
    (table,) = [t for t in split.tables if t.question.code == "samverkar"]
    # Väster: Ja 6, Nej 2 (small, hidden); Öster: Ja 3 (small), Nej 3 (small).
    # Row "Ja" hides 3 alone among (6, 3): so 6 too.
    assert [(label, [c for _g, c in cells]) for label, cells in table.rows] == [
        ("Ja", [None, None]),
        ("Nej", [None, None]),
    ]


@pytest.mark.django_db
def test_a_breakdown_shows_what_is_large_enough():
    given = [{"samverkar": "Ja"}] * 6 + [{"samverkar": "Nej"}] * 5 + [{"samverkar": "Ja"}] * 7
    survey = answered_survey([("Idrott", "Väster", 11), ("Kultur", "Öster", 7)], given)
    split = breakdown(
        survey,
        chosen(survey),
        by="category",
        questions=list(survey.questions.prefetch_related("options")),
    )
    assert [(g.label, g.size) for g in split.groups] == [("Idrott", 11), ("Kultur", 7)]
    (table,) = [t for t in split.tables if t.question.code == "samverkar"]
    # Kultur's Nej is 0: not small, so nothing is hidden.
    assert table.rows == [
        ("Ja", [("Idrott", 6), ("Kultur", 7)]),
        ("Nej", [("Idrott", 5), ("Kultur", 0)]),
    ]


@pytest.mark.django_db
def test_a_breakdown_by_category_within_a_category_sees_every_category():
    idrott = Category.objects.create(name="Idrott", slug="idrott")
    kultur = Category.objects.create(name="Kultur", slug="kultur")
    both = [OrganisationFactory(categories=[idrott, kultur]) for _ in range(6)]
    one = [OrganisationFactory(categories=[idrott]) for _ in range(6)]
    survey = sent_survey(both + one)
    submit_all(survey, [{"samverkar": "Ja"}] * 12)
    split = breakdown(
        survey,
        chosen(survey, category=idrott.pk),
        by="category",
        questions=list(survey.questions.prefetch_related("options")),
    )
    assert [(g.label, g.size) for g in split.groups] == [("Idrott", 12), ("Kultur", 6)]


@pytest.mark.django_db
def test_a_breakdown_that_hiding_cannot_protect_is_withheld(client):
    # Väster: 6 responses, 3 of them "Ja", the rest skipped; Öster: 10, all "Ja";
    # nobody "Nej". Hiding the 3 leaves a row of zeros that tells it anyway.
    given = [{"samverkar": "Ja"}] * 3 + [{}] * 3 + [{"samverkar": "Ja"}] * 10
    survey = answered_survey([("Idrott", "Väster", 6), ("Idrott", "Öster", 10)], given)
    split = breakdown(
        survey,
        chosen(survey),
        by="district",
        questions=list(survey.questions.prefetch_related("options")),
    )
    (table,) = [t for t in split.tables if t.question.code == "samverkar"]
    assert table.withheld and table.rows == []
    client.force_login(survey.coordinator)
    page = client.get(reverse("surveys:results", args=[survey.slug]) + "?by=district")
    assert "Tabellen per grupp visas inte" in page.content.decode()


def results_url(survey, **params):
    from urllib.parse import urlencode

    base = reverse("surveys:results", args=[survey.slug])
    return f"{base}?{urlencode(params)}" if params else base


def groups_of(survey):
    """The survey's categories and districts by name."""
    from organisations.models import District

    names = {c.name: c.pk for c in Category.objects.filter(survey_responses__survey=survey)}
    names |= {d.name: d.pk for d in District.objects.filter(survey_responses__survey=survey)}
    return names


def test_a_selection_a_few_short_of_a_coarser_one_is_refused():
    with translation.override("en"):
        check = check_narrowing(size=17, coarser={"Idrott": 20, "Väster": 27}, threshold=5)
    assert not check.shown and "“Idrott”" in check.reason and "fewer than 5" in check.reason
    assert check_narrowing(size=17, coarser={"Idrott": 17, "Väster": 22}, threshold=5).shown
    assert check_narrowing(size=17, coarser={"Idrott": 20}, threshold=3).shown
    assert not check_narrowing(size=17, coarser={"Idrott": 20}, threshold=4).shown


# Idrott 20 (17 of them in Väster), Väster 27, of 40: each shown alone, and
# Idrott + Väster (17) is large enough itself and leaves 23 outside it.
IDROTT_FEW_OUTSIDE_VASTER = [
    ("Idrott", "Väster", 17),
    ("Idrott", "Öster", 3),
    ("Kultur", "Väster", 10),
    ("Kultur", "Öster", 10),
]
# Väster 20 (17 of them Idrott), Idrott 27, of 40.
VASTER_FEW_OUTSIDE_IDROTT = [
    ("Idrott", "Väster", 17),
    ("Kultur", "Väster", 3),
    ("Idrott", "Öster", 10),
    ("Kultur", "Öster", 10),
]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("groups", "coarser"),
    [(IDROTT_FEW_OUTSIDE_VASTER, "Idrott"), (VASTER_FEW_OUTSIDE_IDROTT, "Väster")],
)
def test_a_combination_a_few_short_of_one_filter_alone_is_refused(
    client, settings, groups, coarser
):
    survey = answered_survey(groups, [{"samverkar": "Ja", "synpunkter": "Hemligt."}] * 40)
    ids = groups_of(survey)
    client.force_login(survey.coordinator)
    alone = client.get(results_url(survey, category=ids["Idrott"]))
    assert "Ja: " in alone.content.decode()  # each filter alone is shown
    html = client.get(
        results_url(survey, category=ids["Idrott"], district=ids["Väster"])
    ).content.decode()
    assert "17 inskickade svar i den valda gruppen, av 40 totalt." in html
    assert (
        "Resultaten visas inte: gruppen skiljer sig med färre än 5 svar från "
        f"”{coarser}”, så skillnaden mellan dem skulle visa hur de få har svarat."
    ) in html
    assert "Hemligt." not in html and 'role="img"' not in html and "Ladda ner" not in html
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = client.get(
        results_url(survey, category=ids["Idrott"], district=ids["Väster"])
    ).content.decode()
    assert (
        "These results are not shown: fewer than 5 responses separate this group "
        f"from “{coarser}”, so subtracting the one from the other"
    ) in html


@pytest.mark.django_db
def test_a_combination_that_differs_by_none_or_enough_is_shown(client, django_assert_num_queries):
    # Idrott is all in Väster (a difference of 0); Väster has 5 more (the threshold).
    survey = answered_survey(
        [("Idrott", "Väster", 12), ("Kultur", "Väster", 5), ("Kultur", "Öster", 10)],
        [{"samverkar": "Ja"}] * 27,
    )
    ids = groups_of(survey)
    client.force_login(survey.coordinator)
    both = {"category": ids["Idrott"], "district": ids["Väster"], "by": "district"}
    html = client.get(results_url(survey, **both)).content.decode()
    assert "12 inskickade svar i den valda gruppen, av 27 totalt." in html
    assert "Ja: 12 (100,0 %)" in html and 'Väster <span class="meta">(n = 12)' in html
    assert "En grupp döljs också" not in html
    # Every count the protection weighs is one query: beside the page without
    # filters, only the two filter values are looked up.
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as plain:
        client.get(results_url(survey, by="district"))
    with django_assert_num_queries(len(plain) + 2):
        client.get(results_url(survey, **both))


@pytest.mark.django_db
def test_a_breakdown_column_a_few_short_of_a_coarser_selection_is_hidden(client):
    survey = answered_survey(IDROTT_FEW_OUTSIDE_VASTER, [{"samverkar": "Ja"}] * 40)
    ids = groups_of(survey)
    # Idrott by district: the column Väster (17) is Idrott + Väster, 3 short of
    # the page (Idrott, 20); Öster (3) is small. Both are hidden.
    split = breakdown(
        survey,
        chosen(survey, category=ids["Idrott"]),
        by="district",
        questions=list(survey.questions.prefetch_related("options")),
    )
    assert split.groups == [] and split.hidden_groups == 2 and split.close_groups == 1
    client.force_login(survey.coordinator)
    html = client.get(results_url(survey, category=ids["Idrott"], by="district")).content.decode()
    assert "Ja: 20 (100,0 %)" in html  # the page itself is shown
    assert "(n = 17)" not in html and "2 grupper är dolda." in html
    assert (
        "En grupp döljs också när den skiljer sig med färre än 5 svar från alla svar på "
        "sidan eller från gruppen för sig"
    ) in html
    # Kultur by district: Väster (10) is 17 short of Väster alone, Öster (10)
    # 3 short of Öster alone (13), so Öster goes, and Väster with it (the page
    # minus Väster would be Öster).
    split = breakdown(
        survey,
        chosen(survey, category=ids["Kultur"]),
        by="district",
        questions=list(survey.questions.prefetch_related("options")),
    )
    assert split.groups == [] and split.close_groups == 1


@pytest.mark.django_db
def test_without_a_filter_a_column_a_few_short_of_the_whole_is_hidden():
    # Väster 17 of 20: the whole minus the column would show the other 3, as
    # the page refuses the filter Väster alone; Öster 2 and Norr 1 are small.
    survey = answered_survey(
        [("Idrott", "Väster", 17), ("Idrott", "Öster", 2), ("Idrott", "Norr", 1)],
        [{"samverkar": "Ja"}] * 20,
    )
    split = breakdown(
        survey,
        chosen(survey),
        by="district",
        questions=list(survey.questions.prefetch_related("options")),
    )
    assert split.groups == [] and split.hidden_groups == 3 and split.close_groups == 1


@pytest.mark.django_db
def test_a_category_column_within_a_category_is_weighed_against_that_category_alone():
    # Associations can have several categories: Idrott + Kultur (8) within the
    # filter Idrott is 3 short of Kultur alone (11), the 3 without Idrott.
    idrott = Category.objects.create(name="Idrott", slug="idrott")
    kultur = Category.objects.create(name="Kultur", slug="kultur")
    social = Category.objects.create(name="Social", slug="social")
    made = (
        [OrganisationFactory(categories=[idrott, kultur]) for _ in range(8)]
        + [OrganisationFactory(categories=[idrott]) for _ in range(12)]
        + [OrganisationFactory(categories=[kultur]) for _ in range(3)]
        + [OrganisationFactory(categories=[social]) for _ in range(10)]
    )
    survey = sent_survey(made)
    submit_all(survey, [{"samverkar": "Ja"}] * 33)
    within = chosen(survey, category=idrott.pk)
    assert (within.size, within.total) == (20, 33)
    split = breakdown(
        survey,
        within,
        by="category",
        questions=list(survey.questions.prefetch_related("options")),
    )
    # Kultur is hidden for the difference, and Idrott (the page) with it, as
    # one column alone is never hidden.
    assert split.close_groups == 1 and split.groups == []
    # Without the filter the columns are the categories alone: all shown.
    split = breakdown(
        survey,
        chosen(survey),
        by="category",
        questions=list(survey.questions.prefetch_related("options")),
    )
    assert [(g.label, g.size) for g in split.groups] == [
        ("Idrott", 20),
        ("Kultur", 11),
        ("Social", 10),
    ]


@pytest.mark.django_db
@pytest.mark.parametrize(("threshold", "shown"), [(3, True), (4, False)])
def test_the_difference_is_weighed_against_the_surveys_threshold(client, threshold, shown):
    survey = answered_survey(
        IDROTT_FEW_OUTSIDE_VASTER, [{"samverkar": "Ja"}] * 40, small_group_threshold=threshold
    )
    ids = groups_of(survey)
    client.force_login(survey.coordinator)
    html = client.get(
        results_url(survey, category=ids["Idrott"], district=ids["Väster"])
    ).content.decode()
    assert ("Ja: 17 (100,0 %)" in html) is shown
    assert (f"färre än {threshold} svar från ”Idrott”" in html) is not shown


@pytest.mark.django_db
def test_the_export_refuses_what_the_page_refuses(client):
    from portal.models import AuditEntry

    survey = answered_survey(IDROTT_FEW_OUTSIDE_VASTER, [{"samverkar": "Ja"}] * 40)
    ids = groups_of(survey)
    client.force_login(survey.coordinator)
    query = f"category={ids['Idrott']}&district={ids['Väster']}"
    for fmt in ("csv", "xlsx"):
        url = reverse("surveys:results_export", args=[survey.slug, fmt]) + f"?{query}"
        refused = client.get(url)
        assert refused.status_code == 302
        assert refused["Location"] == reverse("surveys:results", args=[survey.slug]) + f"?{query}"
        page = client.get(refused["Location"]).content.decode()
        assert "skillnaden mellan dem skulle visa hur de få har svarat" in page
    assert not AuditEntry.objects.filter(action="survey.results_exported").exists()
    alone = reverse("surveys:results_export", args=[survey.slug, "csv"])
    assert client.get(f"{alone}?category={ids['Idrott']}").status_code == 200
