"""Search: a synonym group's entry works as a typed word does, so it reaches the
compounds and inflections of the entry ("skådespel" finds "Teaterförening
Maskrosen" through "teater"), in the directory and the API, ranked below the words
as typed."""

import pytest
from django.urls import reverse

from organisations import search
from organisations.models import Organisation, SearchSynonymGroup

from .factories import OrganisationFactory

pytestmark = pytest.mark.django_db
DIRECTORY = reverse("organisations:directory")
API = reverse("organisations:api_organisations")


@pytest.fixture
def theatres():
    SearchSynonymGroup.objects.create(words=["teater", "skådespel", "drama"])
    orgs = {
        "head": OrganisationFactory(name="Teaterförening Maskrosen", description="Lördagar."),
        "end": OrganisationFactory(name="Ungdomsteater Fyren", description="Öppen scen."),
        "inflected": OrganisationFactory(name="Skådespelarna i Alby", description="Improvisation."),
        "exact": OrganisationFactory(name="Drama", description="Vi spelar för alla."),
        "other": OrganisationFactory(name="Alby Schackklubb", description="Schack på tisdagar."),
    }
    search.reindex([o.pk for o in orgs.values()])
    return {key: o.name for key, o in orgs.items()}


def _names(q):
    return [o.name for o in search.search(Organisation.objects.public(), q)]


def test_a_synonym_reaches_the_compounds_headed_by_an_entry(theatres):
    # "teater:*", as a typed "teater" would be, not the stem "teater" alone.
    assert theatres["head"] in _names("skådespel")
    assert theatres["head"] in _names("drama")


def test_a_synonym_reaches_the_compounds_ending_with_an_entry(theatres):
    # Through the vocabulary's compounds, as a typed word's: "ungdomsteater".
    assert theatres["end"] in _names("skådespel")


def test_it_works_both_ways(theatres):
    # The entry "skådespel" reaches the inflected "Skådespelarna" for "teater".
    names = _names("teater")
    assert {theatres["head"], theatres["end"], theatres["inflected"]} <= set(names)
    assert theatres["other"] not in names


def test_the_words_as_typed_rank_above_their_synonyms(theatres):
    names = _names("teater")
    assert names[0] == theatres["head"]  # the name holds "teater" as typed
    names = _names("drama")
    assert names[0] == theatres["exact"]  # the exact name first
    assert names.index(theatres["inflected"]) > 0


def test_the_directory_and_the_api_find_the_same(client, theatres):
    page = client.get(DIRECTORY, {"q": "skådespel"}).context["organisations"]
    body = client.get(API, {"q": "skådespel"}).json()
    assert [o.name for o in page] == [o["name"] for o in body["results"]]
    assert {theatres["head"], theatres["end"], theatres["inflected"]} <= {o.name for o in page}
