"""Search: a query of several words that no association holds all of shows the best
partial matches, ranked by how many words they hold, under a heading that says so."""

import pytest
from django.urls import reverse

from organisations import search, search_partial
from organisations.models import Organisation

from .factories import DistrictFactory, OrganisationFactory
from .synonyms import ensure_starter_set

pytestmark = pytest.mark.django_db
URL = reverse("organisations:directory")
HEADING = "Inga föreningar matchar alla orden. Här är de som matchar flest:"


@pytest.fixture
def register():
    ensure_starter_set()
    varby = DistrictFactory(name="Vårby", slug="varby")
    orgs = [
        OrganisationFactory(
            name="Vårby Ryttarförening", description="Ridning för unga.", districts=[varby]
        ),
        OrganisationFactory(name="Vårby Schackklubb", description="Schack på tisdagar."),
        OrganisationFactory(name="Sjödalens Ridskola", description="Lektioner för alla."),
        OrganisationFactory(name="Stuvsta Konstförening", description="Måleri och kurser."),
    ]
    search.reindex([o.pk for o in orgs])
    return orgs


def _names(response):
    return [o.name for o in response.context["organisations"]]


def test_every_word_held_is_not_a_partial_match(client, register):
    response = client.get(URL, {"q": "Vårby ridning"})
    assert _names(response) == ["Vårby Ryttarförening"]
    assert HEADING not in response.content.decode()


def test_nothing_holding_every_word_shows_the_best_partial_matches(client, register):
    response = client.get(URL, {"q": "Vårby ridning tennis"})
    html = response.content.decode()
    assert HEADING in html
    assert "Inga föreningar hittades" not in html
    names = _names(response)
    # Two of the three words first; then one word each, the one in the name first.
    assert names[0] == "Vårby Ryttarförening"
    assert set(names[1:]) == {"Vårby Schackklubb", "Sjödalens Ridskola"}
    assert "Stuvsta Konstförening" not in names
    assert response.context["form"]["q"].value() == "Vårby ridning tennis"  # kept


def test_a_partial_match_keeps_the_filters(client, register):
    district = register[0].districts.get()
    response = client.get(URL, {"q": "Schack ridning tennis", "district": district.pk})
    assert _names(response) == ["Vårby Ryttarförening"]
    assert HEADING in response.content.decode()


def test_one_word_found_nowhere_is_no_partial_match(client, register):
    html = client.get(URL, {"q": "zzyxq"}).content.decode()
    assert HEADING not in html
    assert "Inga föreningar hittades" in html
    html = client.get(URL, {"q": "zzyxq qqxyz"}).content.decode()
    assert HEADING not in html  # several words, none found: nothing to show either


def test_partial_matches_are_ranked_by_how_many_words_they_hold(register):
    ranked = search_partial.partial(Organisation.objects.public(), "vårby schack ridning konst")
    names = [o.name for o in ranked]
    assert set(names[:2]) == {"Vårby Schackklubb", "Vårby Ryttarförening"}  # two words each
    assert set(names[2:]) == {"Sjödalens Ridskola", "Stuvsta Konstförening"}
    assert [o.rank for o in ranked] == sorted((o.rank for o in ranked), reverse=True)
    assert search_partial.partial(Organisation.objects.public(), "ridning").count() == 0


def test_partial_matches_are_bounded(register, monkeypatch):
    for i in range(6):
        OrganisationFactory(name=f"Aaa Ridklubb {i}", description="Hästar.")
    search.reindex(list(Organisation.objects.values_list("pk", flat=True)))
    monkeypatch.setattr(search, "CANDIDATES", 2)
    ranked = search_partial.partial(Organisation.objects.public(), "vårby ridning tennis")
    # CANDIDATES // 3 (one) from each word's part (ridning's synonyms a part of their
    # own: four parts), CANDIDATES from each of the three all-but-one parts.
    assert len(ranked) <= 4 * 1 + 3 * 2
    assert ranked[0].name == "Vårby Ryttarförening"


def test_a_partial_search_costs_the_same_queries_at_any_size(
    client, register, django_assert_max_num_queries
):
    params = {"q": "Vårby ridning tennis"}
    with django_assert_max_num_queries(20) as few:
        assert HEADING in client.get(URL, params).content.decode()
    for i in range(10):
        OrganisationFactory(name=f"Vårby Ridskola {i}", districts=[DistrictFactory()])
    search.reindex(list(Organisation.objects.values_list("pk", flat=True)))
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert HEADING in client.get(URL, params).content.decode()


def test_over_the_bound_the_page_does_not_ask_for_more_words(client, monkeypatch):
    orgs = [OrganisationFactory(name=f"Alfa Beta {i}") for i in range(3)]
    orgs += [OrganisationFactory(name=f"Alfa Gamma {i}") for i in range(3)]
    search.reindex([o.pk for o in orgs])
    monkeypatch.setattr(search, "CANDIDATES", 2)
    html = client.get(URL, {"q": "alfa beta gamma"}).content.decode()
    assert HEADING in html
    assert "Över 2 föreningar hittades" in html
    assert "Lägg till ett ord" not in html  # nothing holds every word: more would not help
