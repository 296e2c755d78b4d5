"""The directory's choice lists (categories, districts, areas), and the chosen ones a
filter validates, are read once per content version (portal.pagecache.kept), and a
change shows at once: committed, on the next page; in an open transaction, on that
transaction's own pages.

The writes here commit as the admin's do (a transactional test): in the usual test
transaction the version never moves, so the lists are read on every page there."""

import re

import pytest
from django.db import transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from organisations.models import Category, District

from .factories import ActivityAreaFactory, CategoryFactory, DistrictFactory, OrganisationFactory

pytestmark = pytest.mark.django_db(transaction=True)
URL = reverse("organisations:directory")
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')
LISTS = ('FROM "organisations_category"', 'FROM "organisations_district"')


def _get(client, params=None):
    with CaptureQueriesContext(transaction.get_connection()) as queries:
        html = TOKEN.sub("", client.get(URL, params or {}).content.decode())
    return html, [q["sql"] for q in queries.captured_queries]


def _reads_lists(sql) -> bool:
    return any(table in query for query in sql for table in LISTS)


@pytest.fixture
def register():
    culture = CategoryFactory(name="Kulturförening", name_en="Cultural association")
    district = DistrictFactory(name="Flemingsberg")
    ActivityAreaFactory(name="Musik")
    OrganisationFactory(name="Vårby Kulturförening", categories=[culture], districts=[district])
    return culture, district


def test_lists_are_read_once_per_version(client, register):
    first, sql = _get(client, {"q": "kultur"})
    assert _reads_lists(sql)
    second, sql = _get(client, {"q": "kultur"})
    assert not _reads_lists(sql)
    # The known words, the page's ids and count, its rows with their categories and
    # districts.
    assert len(sql) == 3
    assert second == first


def test_a_chosen_category_and_district_cost_no_query(client, register):
    culture, district = register
    params = {"q": "kultur", "category": culture.pk, "district": district.pk}
    first, _sql = _get(client, params)
    second, sql = _get(client, params)
    assert not _reads_lists(sql)
    assert len(sql) == 3
    assert second == first
    assert "Vårby Kulturförening" in second
    assert 'value="%d" id="id_category_0" checked' % culture.pk in second


def test_a_category_added_can_be_chosen_at_once(client, register):
    _get(client, {"category": 999_999})
    added = CategoryFactory(name="Musikförening")
    OrganisationFactory(name="Vårby Musikförening", categories=[added])
    html, _sql = _get(client, {"category": added.pk})
    assert "Vårby Musikförening" in html
    assert "Vårby Kulturförening" not in html


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"category": "999999"}, "Select a valid choice. 999999 is not one of the available"),
        ({"category": "abc"}, "“abc” is not a valid value."),
        ({"district": "999999"}, "Select a valid choice. That choice is not one of the"),
    ],
)
def test_an_unknown_choice_is_refused_as_before(client, register, params, message):
    client.cookies["portal_language"] = "en"
    html, _sql = _get(client, params)
    assert message in html
    assert "Vårby Kulturförening" in html  # the filter left out, the register shown


def test_an_id_written_as_a_whole_decimal_is_that_id(client, register):
    """The open-data API's description lists the ids as integers, and JSON Schema
    counts 2.0 as 2 (the schema test's generator sends it): the API and the directory
    read it so, and refuse a fraction as an unknown choice."""
    culture, district = register
    OrganisationFactory(name="Alby Konstförening")  # in neither filter
    api = reverse("organisations:api_organisations")
    for params in ({"category": f"{culture.pk}.0"}, {"district": f"{district.pk}.00"}):
        body = client.get(api, params).json()
        assert [o["name"] for o in body["results"]] == ["Vårby Kulturförening"], params
        html, _sql = _get(client, params)
        assert "Alby Konstförening" not in html
    assert client.get(api, {"district": f"{district.pk}.5"}).status_code == 400


def test_a_committed_change_shows_at_once(client, register):
    culture, district = register
    _get(client)
    Category.objects.filter(pk=culture.pk).update(name="Musikförening")
    District.objects.filter(pk=district.pk).update(name="Visättra")
    html, sql = _get(client)
    assert _reads_lists(sql)
    assert "Musikförening" in html and "Kulturförening</label>" not in html  # the option
    assert "<span>Musikförening</span>" in html  # the card
    assert ">Visättra</option>" in html


def test_each_language_has_its_own_lists(client, register):
    _get(client)
    client.cookies["portal_language"] = "en"
    html, _sql = _get(client)
    assert "Cultural association" in html


def test_an_open_transaction_sees_its_own_change(client, register):
    culture, _district = register
    _get(client)
    with transaction.atomic():
        Category.objects.filter(pk=culture.pk).update(name="Musikförening")
        html, _sql = _get(client)
        transaction.set_rollback(True)
    assert "Musikförening" in html
    assert "Musikförening" not in _get(client)[0]
