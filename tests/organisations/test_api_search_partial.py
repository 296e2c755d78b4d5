"""The open-data API's search falls back on the best partial matches as the directory
does (``search_partial``): when no association holds every word of a query of several
words, and says so (``match``), with the synonyms it looked for and an honest count."""

import pytest
from django.urls import reverse

from organisations import search

from .factories import DistrictFactory, OrganisationFactory
from .synonyms import ensure_starter_set

pytestmark = pytest.mark.django_db
URL = reverse("organisations:api_organisations")
DIRECTORY = reverse("organisations:directory")
HEADING = "Inga föreningar matchar alla orden. Här är de som matchar flest:"


@pytest.fixture
def register():
    ensure_starter_set()
    varby = DistrictFactory(name="Vårby", slug="varby")
    OrganisationFactory(
        name="Vårby Ryttarförening", description="Ridning för unga.", districts=[varby]
    )
    OrganisationFactory(name="Vårby Schackklubb", description="Schack på tisdagar.")
    OrganisationFactory(name="Sjödalens Ridskola", description="Lektioner för alla.")
    OrganisationFactory(name="Stuvsta Konstförening", description="Måleri och kurser.")
    return varby


def _names(body) -> list[str]:
    return [o["name"] for o in body["results"]]


def test_nothing_holding_every_word_gives_the_partial_matches_the_directory_shows(client, register):
    params = {"q": "Vårby ridning tennis"}
    body = client.get(URL, params).json()
    assert body["match"] == "partial"
    assert (body["count"], body["count_is_lower_bound"], body["num_pages"]) == (3, False, 1)
    names = _names(body)
    assert names[0] == "Vårby Ryttarförening"  # two of the three words
    assert set(names[1:]) == {"Vårby Schackklubb", "Sjödalens Ridskola"}
    response = client.get(DIRECTORY, params)
    assert HEADING in response.content.decode()  # the directory as it was
    assert names == [o.name for o in response.context["organisations"]]
    ridning = next(i for i in body["included"] if i["word"] == "ridning")
    assert {"ridskola", "ryttarförening", "RF"} <= set(ridning["synonyms"])


def test_every_word_held_is_a_full_match(client, register):
    body = client.get(URL, {"q": "Vårby ridning"}).json()
    assert (body["match"], _names(body)) == ("all", ["Vårby Ryttarförening"])
    body = client.get(URL, {"q": "Vårby"}).json()
    assert (body["match"], body["included"]) == ("all", [])
    body = client.get(URL).json()  # no search: every association, all of them a match
    assert (body["match"], body["count"]) == ("all", 4)


def test_nothing_found_at_all_is_no_partial_match(client, register):
    for q in ("zzyxq", "zzyxq qqxyz"):
        body = client.get(URL, {"q": q}).json()
        assert (body["match"], body["count"], body["results"]) == ("all", 0, []), q


def test_a_partial_match_keeps_the_filters(client, register):
    body = client.get(URL, {"q": "Schack ridning tennis", "district": register.pk}).json()
    assert (body["match"], _names(body)) == ("partial", ["Vårby Ryttarförening"])


def test_the_partial_count_says_when_more_may_match_and_the_pages_add_up(
    client, register, monkeypatch
):
    for i in range(6):
        OrganisationFactory(name=f"Aaa Tennisklubb {i}", description="Tennis.")
    monkeypatch.setattr(search, "CANDIDATES", 6)
    params = {"q": "Vårby ridning tennis", "page_size": 2}
    first = client.get(URL, params).json()
    # Each word's part holds at most 6 // 3 = 2: six tennis clubs are cut to two.
    assert (first["match"], first["count_is_lower_bound"]) == ("partial", True)
    assert first["count"] < 3 + 6  # a bounded set, not every association holding a word
    names = _names(first)
    for number in range(2, first["num_pages"] + 1):
        body = client.get(URL, {**params, "page": number}).json()
        assert (body["match"], body["count"]) == ("partial", first["count"])
        names += _names(body)
    assert len(names) == len(set(names)) == first["count"]
    assert names[0] == "Vårby Ryttarförening"
    past = client.get(URL, {**params, "page": first["num_pages"] + 1})
    assert past.status_code == 404
    assert past.json()["errors"]["page"][0]["code"] == "past_the_end"


def test_a_partial_search_costs_the_same_queries_at_any_size(
    client, register, django_assert_max_num_queries
):
    params = {"q": "Vårby ridning tennis"}
    with django_assert_max_num_queries(12) as few:
        assert client.get(URL, params).json()["match"] == "partial"
    for i in range(10):
        OrganisationFactory(name=f"Vårby Ridskola {i}", districts=[DistrictFactory()])
    with django_assert_max_num_queries(len(few.captured_queries)):
        body = client.get(URL, {**params, "page_size": 50}).json()
    assert (body["match"], body["count"]) == ("partial", 13)


def test_the_fallback_is_documented(client):
    spec = client.get(reverse("organisations:api_openapi")).json()
    answer = spec["paths"]["/foreningar/"]["get"]["responses"]["200"]["content"]
    schema = answer["application/json"]["schema"]
    assert {"match", "included"} <= set(schema["required"])
    assert schema["properties"]["match"]["enum"] == ["all", "partial"]
    assert "partial" in schema["properties"]["match"]["description"]
    activities = spec["paths"]["/aktiviteter/"]["get"]["responses"]["200"]["content"]
    assert "match" not in activities["application/json"]["schema"]["properties"]
    html = client.get(reverse("organisations:api_docs")).content.decode()
    assert "de bästa delträffarna" in html  # in Swedish, the reader's language
