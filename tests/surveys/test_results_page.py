"""The results page: reached from the survey's page and the list, for the
survey's managers only, filtered by respondent group with small-group
protection, and in the same number of queries for 2 or 20 questions and
responses."""

import pytest
from django.urls import reverse

from surveys.models import Question
from tests.organisations.factories import UserFactory, make_department_coordinator

from .results_factories import answered_survey

pytestmark = pytest.mark.django_db

GROUPS = [("Idrott", "Väster", 7), ("Kultur", "Väster", 5), ("Kultur", "Öster", 2)]


def url(survey, **params):
    from urllib.parse import urlencode

    base = reverse("surveys:results", args=[survey.slug])
    return f"{base}?{urlencode(params)}" if params else base


@pytest.fixture
def survey():
    given = [{"samverkar": "Ja", "nojd": 4, "synpunkter": "Idrottens röst."}] * 7 + [
        {"samverkar": "Nej", "nojd": 2, "synpunkter": "Kulturens röst."}
    ] * 7
    return answered_survey(GROUPS, given)


def test_the_survey_page_and_the_list_link_to_the_results(client, survey):
    client.force_login(survey.coordinator)
    assert url(survey) in client.get(survey.get_absolute_url()).content.decode()
    assert url(survey) in client.get(reverse("surveys:index")).content.decode()


def test_the_page_shows_each_question_with_chart_and_table(client, survey):
    client.force_login(survey.coordinator)
    page = client.get(url(survey))
    html = page.content.decode()
    assert page.status_code == 200
    assert "14 inskickade svar." in html
    assert '<h2 id="section-' in html and "<h3" in html
    assert 'role="img"' in html and "<desc" in html and "Ja: 7 (50,0 %)" in html
    assert '<td class="num">7</td><td class="num">50,0 %</td>' in html
    assert "Idrottens röst." in html
    assert "Förening nummer" not in html  # anonymous: no association named
    assert "<dt>Median</dt><dd>3 </dd>" in html


def test_a_filter_narrows_the_results_to_a_group(client, survey):
    client.force_login(survey.coordinator)
    idrott = survey.responses.first().categories.model.objects.get(name="Idrott")
    html = client.get(url(survey, category=idrott.pk)).content.decode()
    assert "7 inskickade svar i den valda gruppen, av 14 totalt." in html
    assert "Ja: 7 (100,0 %)" in html and "Kulturens röst." not in html


def test_only_the_groups_that_answered_are_offered(client, survey):
    from tests.organisations.factories import CategoryFactory, DistrictFactory

    CategoryFactory(name="Studieförbund")
    DistrictFactory(name="Norr")
    client.force_login(survey.coordinator)
    html = client.get(url(survey)).content.decode()
    assert "Idrott</option>" in html and "Öster</option>" in html
    assert "Studieförbund" not in html and "Norr</option>" not in html


def test_a_small_group_is_not_shown_nor_its_free_text(client, survey):
    client.force_login(survey.coordinator)
    oster = (
        survey.responses.get(district__name="Öster", pk__in=survey.responses.values("pk")[:14])
        if False
        else None
    )  # noqa: E501
    from organisations.models import District

    oster = District.objects.get(name="Öster")
    html = client.get(url(survey, district=oster.pk)).content.decode()
    assert "färre än 5 svar" in html
    assert "Kulturens röst." not in html and 'role="img"' not in html


def test_a_group_whose_complement_is_small_is_not_shown(client, survey):
    from organisations.models import District

    client.force_login(survey.coordinator)
    vaster = District.objects.get(name="Väster")  # 12 of 14: the other 2 would show
    html = client.get(url(survey, district=vaster.pk)).content.decode()
    assert "utanför gruppen" in html
    assert "Idrottens röst." not in html
    # Combined filters narrow further: Kultur in Väster is 5 of 14.
    kultur = survey.responses.first().categories.model.objects.get(name="Kultur")
    html = client.get(url(survey, district=vaster.pk, category=kultur.pk)).content.decode()
    assert "5 inskickade svar i den valda gruppen" in html


def test_bad_filter_input_is_a_message_not_an_error(client, survey):
    client.force_login(survey.coordinator)
    page = client.get(url(survey, district="abc", by="nonsense"))
    assert page.status_code == 400
    html = page.content.decode()
    assert "Välj ett giltigt alternativ" in html
    assert "14 inskickade svar." in html


def test_the_breakdown_by_category_shows_a_table_per_choice_question(client, survey):
    client.force_login(survey.coordinator)
    html = client.get(url(survey, by="category")).content.decode()
    assert "(n = 7)" in html
    assert html.count("Per grupp") >= 1


@pytest.mark.parametrize(
    ("role", "status"),
    [("anonymous", 302), ("other_user", 404), ("department_coordinator", 404), ("manager", 200)],
)
def test_the_results_are_for_the_surveys_managers(client, survey, role, status):
    user = {
        "anonymous": None,
        "other_user": UserFactory(),
        "department_coordinator": make_department_coordinator(),
        "manager": survey.coordinator,
    }[role]
    if user:
        client.force_login(user)
    page = client.get(url(survey))
    assert page.status_code == status
    if role == "anonymous":
        assert page["Location"].startswith(reverse("account_login"))
    for fmt in ("csv", "xlsx"):
        export = client.get(reverse("surveys:results_export", args=[survey.slug, fmt]))
        assert export.status_code == status


def test_the_page_takes_the_same_queries_for_2_and_20(client, django_assert_num_queries):
    few = answered_survey([("Idrott", "Väster", 2)], [{"samverkar": "Ja"}] * 2)
    many = answered_survey(
        [("Kultur", "Öster", 20)], [{"samverkar": "Nej", "nojd": 3, "synpunkter": "Ja."}] * 20
    )
    for extra in range(12):
        Question.objects.create(
            survey=many,
            section=many.sections.last(),
            code=f"extra{extra}",
            kind=Question.Kind.TEXT if extra % 2 else Question.Kind.NUMBER,
            text=f"Fråga {extra}",
            position=100 + extra,
        )
    counts = []
    for survey in (few, many):
        client.force_login(survey.coordinator)
        for params in ({}, {"by": "district"}):
            from django.db import connection
            from django.test.utils import CaptureQueriesContext

            with CaptureQueriesContext(connection) as queries:
                assert client.get(url(survey, **params)).status_code == 200
            counts.append(len(queries))
    assert counts[0] == counts[2] and counts[1] == counts[3], counts
    with django_assert_num_queries(counts[0]):
        client.get(url(many))


def test_the_page_reads_in_english_too(client, survey, settings):
    client.force_login(survey.coordinator)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = client.get(url(survey)).content.decode()
    assert "14 submitted responses." in html and "Chart: Samverkar ni med kommunen?" in html


def test_the_filters_are_the_groups_of_the_surveys_audience(client, survey):
    from surveys.models import Survey
    from surveys.services.sending import survey_send
    from tests.portal.factories import DepartmentFactory

    from .factories import open_survey

    client.force_login(survey.coordinator)
    html = client.get(url(survey)).content.decode()
    assert 'name="category"' in html and 'name="department"' not in html
    departments = open_survey(audience=Survey.Audience.DEPARTMENTS, by=survey.coordinator)
    survey_send(survey=departments, by=survey.coordinator, departments=[DepartmentFactory().pk])
    html = client.get(url(departments)).content.decode()
    assert 'name="department"' in html and 'name="category"' not in html
    assert 'value="department"' in html and 'value="district"' not in html
    link = open_survey(audience=Survey.Audience.OPEN_LINK, by=survey.coordinator)
    html = client.get(url(link)).content.decode()
    assert 'role="search"' not in html
    assert client.get(url(link, district="1")).status_code == 200  # nothing to filter by
