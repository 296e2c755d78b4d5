"""The inventory's tables 1–8 from a known set of nine departments' answers (the
report's departments, one more that never answers), every figure checked; the
sorting; the page, its query count and who may see it."""

from decimal import Decimal as D

import pytest
from django.urls import reverse

from surveys.inventory import Inventory, inventory_tables, table_3, table_7
from surveys.shipped import inventory as shipped
from tests.organisations.factories import UserFactory, make_department_coordinator

from .inventory_factories import DEPARTMENTS, SILENT, answer_all, sent_inventory

pytestmark = pytest.mark.django_db

SOC, FUFA, FSK, KSF, KOF, MK, SB, TF, VOF = DEPARTMENTS
IDR, KUL, STU, EKO = "idrottsforening", "kulturforening", "studieforbund", "ekonomisk-forening"
HR, KLIMAT, BILDNING = "manskliga-rattigheter", "klimat", "bildning"

ANSWERS = {
    SOC: {"samverkan": {IDR: ["dialog-enstaka", "dialog-aterkommande", "lokaler"],
                        KUL: ["dialog-enstaka", "projekt"]},
          "delmal": [HR, KLIMAT], "medel": "250 000", "andel-anstallda": "80"},
    FUFA: {"samverkan": {IDR: ["dialog-enstaka", "avtal"], STU: ["kunskapsutbyte"]},
           "delmal": [HR], "medel": "150 000", "andel-anstallda": "90"},
    FSK: {"samverkan": {KUL: ["dialog-enstaka", "dialog-aterkommande", "samrad",
                              "informationsutbyte"]},
          "delmal": [HR, BILDNING], "andel-anstallda": "50"},
    KSF: {"samverkan": {IDR: ["lokaler"]}, "medel": "6 000 000", "andel-anstallda": "50 %"},
    KOF: {"delmal": [KLIMAT], "medel": "44000000", "andel-anstallda": "50"},
    MK: {"samverkan": {STU: ["kunskapsutbyte", "informationsutbyte"]}, "delmal": [BILDNING],
         "svart": "Tid och resurser."},
    SB: {"samverkan": {EKO: ["avtal"]}, "medel": "280 000 kr", "andel-anstallda": "30"},
    TF: {"samverkan": {KUL: ["lokaler"]}, "andel-anstallda": "75"},
    VOF: {"andel-anstallda": "60", "positivt": "Kunskap och närhet till invånarna."},
}  # fmt: skip


@pytest.fixture
def survey():
    survey, recipients = sent_inventory(departments=[*DEPARTMENTS, SILENT])
    answer_all(recipients, ANSWERS)
    return survey


def by_label(table) -> dict:
    return {row[0]: row[1:] for row in table.rows}


CAT = {code: label for code, label, _en in shipped.CATEGORIES}
FORM = {code: label for code, label, _en in shipped.FORMS}
GOAL = {code: label for code, label, _en in shipped.GOAL_AREAS}

# Per category: departments, distinct forms, reported forms, average over the nine
# departments, average over the collaborating ones.
CATEGORY_FIGURES = {
    CAT[IDR]: (3, 4, 6, D("0.7"), D("2.0")),
    CAT[KUL]: (3, 6, 7, D("0.8"), D("2.3")),
    CAT[STU]: (2, 2, 3, D("0.3"), D("1.5")),
    CAT[EKO]: (1, 1, 1, D("0.1"), D("1.0")),
}
NONE = (0, 0, 0, D("0.0"), None)


def test_tables_1_to_4_per_category(survey):
    tables = inventory_tables(survey)
    assert len(tables) == 8 and [t.number for t in tables] == list(range(1, 9))
    expected = {name: CATEGORY_FIGURES.get(name, NONE) for name in CAT.values()}
    assert by_label(tables[0]) == {name: f[:1] for name, f in expected.items()}
    assert by_label(tables[1]) == {name: f[:2] for name, f in expected.items()}
    assert by_label(tables[2]) == {name: f[:4] for name, f in expected.items()}
    assert by_label(tables[3]) == {name: (*f[:3], f[4]) for name, f in expected.items()}
    # The report's order: most first, ties in the template's order.
    assert [row[0] for row in tables[0].rows[:4]] == [CAT[IDR], CAT[KUL], CAT[STU], CAT[EKO]]
    assert [row[0] for row in tables[1].rows[:4]] == [CAT[KUL], CAT[IDR], CAT[STU], CAT[EKO]]
    assert [row[0] for row in tables[3].rows[:4]] == [CAT[KUL], CAT[IDR], CAT[STU], CAT[EKO]]
    assert tables[3].rows[-1][-1] is None  # no department collaborates: no average


def test_table_5_per_form(survey):
    table = inventory_tables(survey)[4]
    counted = {"dialog-enstaka": 4, "dialog-aterkommande": 2, "lokaler": 3, "avtal": 2,
               "projekt": 1, "kunskapsutbyte": 2, "informationsutbyte": 2, "samrad": 1}  # fmt: skip
    assert by_label(table) == {FORM[code]: (counted.get(code, 0),) for code in FORM}
    assert table.rows[0] == (FORM["dialog-enstaka"], 4)
    assert sum(row[1] for row in table.rows) == 17  # every ticked cell, as table 3's sum


def test_table_6_per_goal_area(survey):
    table = inventory_tables(survey)[5]
    counted = {HR: 3, KLIMAT: 2, BILDNING: 2}
    assert by_label(table) == {GOAL[code]: (counted.get(code, 0),) for code in GOAL}
    assert [row[0] for row in table.rows[:3]] == [GOAL[HR], GOAL[BILDNING], GOAL[KLIMAT]]


def test_tables_7_and_8_per_department(survey):
    money, staff = inventory_tables(survey)[6:]
    assert by_label(money) == {
        SOC: (D("250000"),), FUFA: (D("150000"),), FSK: (None,), KSF: (D("6000000"),),
        KOF: (D("44000000"),), MK: (None,), SB: (D("280000"),), TF: (None,), VOF: (None,),
        SILENT: (None,),
    }  # fmt: skip
    assert money.footer[1] == D("50680000")
    assert [row[0] for row in money.rows] == sorted([*DEPARTMENTS, SILENT])
    assert by_label(staff) == {
        SOC: (D("80"),), FUFA: (D("90"),), FSK: (D("50"),), KSF: (D("50"),), KOF: (D("50"),),
        MK: (None,), SB: (D("30"),), TF: (D("75"),), VOF: (D("60"),), SILENT: (None,),
    }  # fmt: skip
    assert staff.footer[1] == D("60.625")  # 485 / 8: the departments that gave one


def test_the_silent_department_is_not_in_the_denominator(survey):
    assert Inventory(survey).departments == 9


def test_sorting_by_any_column_nulls_last(survey):
    inventory = Inventory(survey)
    by_name = table_3(inventory, "name")
    assert [row[0] for row in by_name.rows] == sorted(CAT.values())
    assert by_name.sort == "name" and not by_name.descending
    ascending = table_3(inventory, "average")
    assert [row[4] for row in ascending.rows][-4:] == [D("0.1"), D("0.3"), D("0.7"), D("0.8")]
    money = table_7(inventory, "-value")
    assert [row[1] for row in money.rows][:2] == [D("44000000"), D("6000000")]
    assert [row[1] for row in money.rows][-1] is None
    assert table_7(inventory, "value").rows[-1][1] is None  # nulls last both ways
    # An unknown column is the report's order.
    assert table_3(inventory, "; drop table").sort == "average"


def test_the_page_shows_sortable_tables_in_constant_queries(
    client, survey, django_assert_num_queries
):
    client.force_login(survey.coordinator)
    url = reverse("surveys:inventory", args=[survey.slug])
    assert url in client.get(survey.get_absolute_url()).content.decode()
    with django_assert_num_queries(18) as counted:
        page = client.get(url, {"sort": "7.value"})
    html = page.content.decode()
    assert page.status_code == 200
    assert "44\xa0000\xa0000 kr" in html and "50\xa0680\xa0000 kr" in html
    assert "60,6 %" in html and "0,7" in html and "2,3" in html
    assert 'aria-sort="ascending"><a href="?sort=-7.value#table-7"' in html
    assert 'aria-sort="descending"><a href="?sort=1.departments#table-1"' in html
    assert 'role="region" aria-labelledby="caption-3" tabindex="0"' in html
    # More answers, the same number of queries.
    more, recipients = sent_inventory(by=survey.coordinator, departments=DEPARTMENTS)
    answer_all(recipients, {name: ANSWERS[name] for name in DEPARTMENTS[:3]})
    answer_all(recipients, dict.fromkeys(DEPARTMENTS[3:], ANSWERS[SOC]))
    with django_assert_num_queries(len(counted)):
        client.get(reverse("surveys:inventory", args=[more.slug]))


@pytest.mark.parametrize(
    ("role", "status"),
    [("anonymous", 302), ("other_user", 404), ("department_coordinator", 404), ("manager", 200)],
)
def test_the_page_is_for_those_who_see_the_responses(client, survey, role, status):
    user = {
        "anonymous": None,
        "other_user": UserFactory(),
        "department_coordinator": make_department_coordinator(),
        "manager": survey.coordinator,
    }[role]
    if user:
        client.force_login(user)
    assert client.get(reverse("surveys:inventory", args=[survey.slug])).status_code == status


def test_a_survey_that_is_not_an_inventory_has_no_tables(client):
    from .factories import open_survey

    other = open_survey()
    client.force_login(other.coordinator)
    assert client.get(reverse("surveys:inventory", args=[other.slug])).status_code == 404
    assert (
        reverse("surveys:inventory", args=[other.slug])
        not in client.get(other.get_absolute_url()).content.decode()
    )
