"""The search and filter panel of the directory and the calendar on a phone: folded
to "Ändra filter" once results are shown, open to show a filter's error (the browser
test sees it; these the rule)."""

import pytest
from django.urls import reverse

from .factories import ActivityFactory, DistrictFactory, OrganisationFactory

pytestmark = pytest.mark.django_db
DIRECTORY = reverse("organisations:directory")
CALENDAR = reverse("organisations:calendar")
OPEN = '<details class="register-panel" open>'


@pytest.fixture
def district():
    district = DistrictFactory(name="Segeltorp")
    ActivityFactory(organisation=OrganisationFactory(name="Segeltorps IF", districts=[district]))
    return district


def summary(response) -> str:
    text = response.content.decode().split('<summary class="register-panel__summary">')[1]
    return " ".join(text.split("</summary>")[0].split())


@pytest.mark.parametrize(
    ("params", "folded"),
    [
        ({}, False),  # nothing searched yet: the search box first
        ({"page": "2"}, False),
        ({"q": "  "}, False),
        ({"q": "segeltorp"}, True),
        ({"offers": "offers_premises"}, True),
        ({"district": "not-a-number"}, False),  # the error is shown in the open panel
    ],
)
def test_the_directory_folds_its_panel_once_a_search_or_filter_shows_results(
    client, district, params, folded
):
    response = client.get(DIRECTORY, params)
    assert response.context["results_first"] is folded
    assert (OPEN not in response.content.decode()) is folded


def test_the_folded_panel_says_what_is_applied(client, district):
    response = client.get(
        DIRECTORY, {"q": "segeltorp", "district": district.pk, "offers": ["offers_premises"]}
    )
    assert summary(response) == (
        'Ändra filter <span class="register-panel__current">Sökord: segeltorp · 2 filter</span>'
    )
    assert summary(client.get(DIRECTORY)) == "Sök och filtrera"


@pytest.mark.parametrize(
    ("params", "folded", "label"),
    [
        ({}, True, "Filtrera kalendern"),  # the activities are the page: always first
        ({"to": "2099-12-31"}, True, "Ändra filter"),
        ({"from": "not-a-date"}, False, "Ändra filter"),
    ],
)
def test_the_calendar_keeps_its_filters_folded_above_the_activities(
    client, district, params, folded, label
):
    response = client.get(CALENDAR, params)
    assert (OPEN not in response.content.decode()) is folded
    assert summary(response).startswith(label)
