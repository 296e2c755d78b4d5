"""The shared calendar: grouping by date, filters, bad input, query count."""

from datetime import datetime, time, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from organisations.models import Organisation

from .factories import ActivityFactory, CategoryFactory, DistrictFactory, OrganisationFactory

pytestmark = pytest.mark.django_db
URL = reverse("organisations:calendar")


def at(days, hour=18):
    day = timezone.localdate() + timedelta(days=days)
    return timezone.make_aware(datetime.combine(day, time(hour)))


def _titles(response):
    return [o.activity.title for o in response.context["occasions"]]


@pytest.fixture
def data():
    sport = CategoryFactory(name="Idrottsförening", slug="idrottsforening")
    culture = CategoryFactory(name="Kulturförening", slug="kulturforening")
    fleming = DistrictFactory(name="Flemingsberg", slug="flemingsberg")
    club = OrganisationFactory(name="Alfa IF", categories=[sport])
    choir = OrganisationFactory(name="Kören", categories=[culture])
    ActivityFactory(organisation=club, title="Träning", starts_at=at(3), district=fleming)
    ActivityFactory(organisation=choir, title="Konsert", starts_at=at(3, 19))
    ActivityFactory(organisation=choir, title="Repetition", starts_at=at(10))
    ActivityFactory(organisation=choir, title="Förra veckan", starts_at=at(-7))
    ActivityFactory(organisation=choir, title="Inställd", starts_at=at(4), is_cancelled=True)
    hidden = OrganisationFactory(name="Pending", status=Organisation.Status.PENDING)
    ActivityFactory(organisation=hidden, title="Hemlig", starts_at=at(5))
    return {"sport": sport, "culture": culture, "fleming": fleming}


def test_upcoming_public_activities_grouped_by_date(client, data):
    response = client.get(URL)
    html = response.content.decode()
    assert response.status_code == 200
    assert _titles(response) == ["Träning", "Konsert", "Inställd", "Repetition"]
    assert html.count('class="calendar-day__heading"') == 3
    assert html.count("<h1") == 1
    day = timezone.localdate() + timedelta(days=3)
    assert f'<time datetime="{day:%Y-%m-%d}">' in html


def test_swedish_date_format(client, data):
    html = client.get(URL, HTTP_ACCEPT_LANGUAGE="sv").content.decode()
    day = timezone.localdate() + timedelta(days=3)
    months = ["januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti",
              "september", "oktober", "november", "december"]  # fmt: skip
    assert f"{day.day} {months[day.month - 1]} {day.year}" in html


def test_filters(client, data):
    assert _titles(client.get(URL, {"district": data["fleming"].pk})) == ["Träning"]
    culture = client.get(URL, {"category": data["culture"].pk})
    assert _titles(culture) == ["Konsert", "Inställd", "Repetition"]
    start = timezone.localdate() + timedelta(days=5)
    assert _titles(client.get(URL, {"from": start.isoformat()})) == ["Repetition"]
    past = timezone.localdate() - timedelta(days=8)
    end = timezone.localdate() + timedelta(days=3)
    response = client.get(URL, {"from": past.isoformat(), "to": end.isoformat()})
    assert _titles(response) == ["Förra veckan", "Träning", "Konsert"]


@pytest.mark.parametrize(
    "params",
    [
        {"from": "2026-13-45"},
        {"to": "igår"},
        {"district": "abc"},
        {"category": "999999"},
        {"page": "abc"},
        {"page": "0"},
    ],
)
def test_bad_input(client, data, params):
    response = client.get(URL, params)
    assert response.status_code == 200
    assert _titles(response) == ["Träning", "Konsert", "Inställd", "Repetition"]


def test_a_cancelled_activity_stays_marked_as_cancelled(client, data):
    """As the representative's cancel page promises: those who planned to come see it."""
    html = client.get(URL, HTTP_ACCEPT_LANGUAGE="sv").content.decode()
    item = html[html.index("calendar-item--cancelled") :]
    assert item.index('<span class="badge badge--warning">Inställd</span>') < item.index("</h3>")
    assert html.count("calendar-item--cancelled") == 1


def test_bad_date_is_explained(client, data):
    html = client.get(URL, {"from": "2026-13-45"}).content.decode()
    assert 'class="error-summary"' in html


@pytest.mark.parametrize("size", [5, 50])
def test_constant_number_of_queries(client, data, django_assert_max_num_queries, size):
    for i in range(60):
        org = OrganisationFactory(categories=[data["sport"]])
        ActivityFactory(organisation=org, starts_at=at(i % 20 + 1), district=data["fleming"])
    # the category asked for, the period's times, the page's rows (with organisation
    # and district), the form's two lists of choices
    with django_assert_max_num_queries(5):
        response = client.get(URL, {"page_size": size, "category": data["sport"].pk})
    assert len(response.context["occasions"]) == size


def test_count_is_capped(client, data, monkeypatch):
    from organisations import occasions

    monkeypatch.setattr(occasions, "CAP", 2)
    response = client.get(URL)
    assert response.context["capped"]
    assert response.context["page"].paginator.num_pages == 1
    assert len(_titles(response)) == 2
    assert "Fler än 2" in response.content.decode()
