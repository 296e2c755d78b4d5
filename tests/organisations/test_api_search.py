"""The open-data API's search: ranked as the directory ranks (a bounded set, names
holding every word first), with a count that says when it is a lower bound, pages
that add up to it, and a constant number of queries."""

import pytest
from django.urls import reverse

from organisations import search

from .factories import CategoryFactory, OrganisationFactory

pytestmark = pytest.mark.django_db
URL = reverse("organisations:api_organisations")
DIRECTORY = reverse("organisations:directory")


def _names(body) -> list[str]:
    return [o["name"] for o in body["results"]]


def _every_page(client, params) -> tuple[list[str], dict]:
    """The names on every page, in order, and the first page's answer."""
    first = client.get(URL, params).json()
    names = _names(first)
    for number in range(2, first["num_pages"] + 1):
        body = client.get(URL, {**params, "page": number}).json()
        assert (body["count"], body["count_is_lower_bound"]) == (
            first["count"],
            first["count_is_lower_bound"],
        )
        names += _names(body)
    return names, first


@pytest.fixture
def riders():
    sport = CategoryFactory(name="Idrottsförening", slug="idrottsforening")
    OrganisationFactory(name="Alby Ridklubb", description="Ridning i Tullinge och Alby.")
    OrganisationFactory(name="Tullinge Idrottsförening", description="Fotboll och ridklubb.")
    OrganisationFactory(name="Aaa Tullinge", description="En ridklubb för alla.")
    exact = OrganisationFactory(name="Tullinge Ridklubb", categories=[sport])
    OrganisationFactory(name="Tumba Ridklubb", description="Vi rider.")
    return exact


def test_the_exact_name_ranks_first_as_in_the_directory(client, riders):
    body = client.get(URL, {"q": "tullinge ridklubb"}).json()
    names = _names(body)
    assert names[0] == "Tullinge Ridklubb"  # the name holds every word
    assert set(names) == {"Tullinge Ridklubb", "Alby Ridklubb", "Tullinge Idrottsförening",
                          "Aaa Tullinge"}  # fmt: skip
    assert (body["count"], body["count_is_lower_bound"]) == (4, False)
    page = client.get(DIRECTORY, {"q": "tullinge ridklubb"}).context["organisations"]
    assert names == [o.name for o in page]  # the same ranking, not alphabetical ("Aaa")


@pytest.fixture
def broad():
    """Eight associations with "förening" in the description, two in the name."""
    for i in range(8):
        OrganisationFactory(name=f"Aaa Klubb {i}", description="En förening för alla.")
    for name in ("Östra Föreningen", "Västra Föreningen"):
        OrganisationFactory(name=name, description="Vi träffas.")


def test_above_the_cap_the_count_is_a_lower_bound_and_the_pages_add_up(client, broad, monkeypatch):
    monkeypatch.setattr(search, "CANDIDATES", 3)
    names, first = _every_page(client, {"q": "förening", "page_size": 2})
    # Ten match; the ranked candidates are the two names and the first four of all.
    assert first["count_is_lower_bound"] is True
    assert search.CANDIDATES < first["count"] <= 2 + search.CANDIDATES + 1
    assert first["count"] < 10  # the bounded set, not every match: hence the flag
    assert len(names) == len(set(names)) == first["count"]
    assert first["num_pages"] == -(-first["count"] // 2)
    assert set(names[:2]) == {"Östra Föreningen", "Västra Föreningen"}
    past = client.get(URL, {"q": "förening", "page_size": 2, "page": first["num_pages"] + 1})
    assert past.status_code == 404
    assert past.json()["errors"]["page"][0]["code"] == "past_the_end"


def test_up_to_the_cap_the_count_is_exact(client, broad, monkeypatch):
    monkeypatch.setattr(search, "CANDIDATES", 3)
    OrganisationFactory(name="Västra Föreningen Två", description="Vi träffas.")
    body = client.get(URL, {"q": "västra"}).json()
    assert (body["count"], body["count_is_lower_bound"], body["num_pages"]) == (2, False, 1)
    assert _names(body) == ["Västra Föreningen", "Västra Föreningen Två"]
    # Without search words every association is listed by name, counted exactly.
    for params in ({}, {"q": "!!"}):
        body = client.get(URL, params).json()
        assert (body["count"], body["count_is_lower_bound"]) == (11, False), params
        assert _names(body)[0] == "Aaa Klubb 0"


def test_nothing_found_is_an_empty_first_page(client, broad):
    body = client.get(URL, {"q": "zzzxxyy"}).json()
    assert (body["count"], body["count_is_lower_bound"], body["results"]) == (0, False, [])
    assert client.get(URL, {"q": "zzzxxyy", "page": 2}).status_code == 404


@pytest.mark.parametrize("size", [5, 50])
def test_a_search_costs_the_same_queries_whatever_the_page_size(
    client, django_assert_num_queries, size
):
    sport = CategoryFactory(name="Idrottsförening", slug="idrottsforening")
    for i in range(60):
        OrganisationFactory(name=f"Tullinge IF {i:02d}", categories=[sport])
    # The search's known words, the page's ids with the count, the page's rows, then
    # their categories, districts and areas.
    with django_assert_num_queries(6):
        body = client.get(URL, {"q": "tullinge", "page_size": size}).json()
    assert len(body["results"]) == size
    assert body["count"] == 60


def test_the_bound_is_documented(client):
    spec = client.get(reverse("organisations:api_openapi")).json()
    answer = spec["paths"]["/foreningar/"]["get"]["responses"]["200"]["content"]
    schema = answer["application/json"]["schema"]
    assert "count_is_lower_bound" in schema["required"]
    assert schema["properties"]["count_is_lower_bound"]["type"] == "boolean"
    q = next(p for p in spec["paths"]["/foreningar/"]["get"]["parameters"] if p["name"] == "q")
    assert f"{search.CANDIDATES:,}" in q["description"]
    html = client.get(reverse("organisations:api_docs")).content.decode()
    assert "count_is_lower_bound är true" in html  # in Swedish, the reader's language


def test_a_scan_starts_at_the_first_page(db):
    """The bounded set is the first matches a scan meets: synchronized scans (large
    tables only, so not seen at a test's size) started each request elsewhere, and
    the count and the pages changed between requests (portal/settings/base.py)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SHOW synchronize_seqscans")
        assert cursor.fetchone() == ("off",)
