"""Search as people type it: without å, ä and ö (a phone or keyboard set to English),
and words of a synonym group, which are never "corrected" to a lookalike."""

import re

import pytest
from django.urls import reverse

from organisations import search
from organisations.models import Organisation, SearchWord
from portal.contacts import search as contact_search
from portal.contacts.models import ContactPath
from tests.contacts.factories import ContactPathFactory

from .factories import OrganisationFactory
from .plans import vocabulary_plan
from .synonyms import ensure_starter_set

pytestmark = pytest.mark.django_db
DIRECTORY = reverse("organisations:directory")
API = reverse("organisations:api_organisations")


@pytest.fixture
def register():
    ensure_starter_set()
    orgs = [
        OrganisationFactory(name="Kvarnbergets Pensionärsförening", description="Kaffe."),
        # Only the description holds the word: no correction to a known word reaches it.
        OrganisationFactory(name="Sjödalens Träffpunkt", description="Vi är pensionärer."),
        OrganisationFactory(name="Flemingsbergs PRO", description="Resor och gemenskap."),
        OrganisationFactory(name="Föreningen Vårby Gård", description="Hembygd."),
        OrganisationFactory(name="Masmo Fiberförening", description="Bredband i Masmo."),
        OrganisationFactory(name="Skogås FF", description="Lag för alla åldrar."),
        OrganisationFactory(name="Akallas Handbollsklubb", description="Handboll."),
        OrganisationFactory(name="Tullinge Simsällskap", description="Simskola."),
        OrganisationFactory(name="Alby Filmklubb", description="Film varje vecka."),
        OrganisationFactory(name="Skogås Trångsunds FF", description="Fotboll."),
    ]
    search.reindex([o.pk for o in orgs])
    return orgs


def _names(q):
    return [o.name for o in search.search(Organisation.objects.public(), q)]


def test_a_word_typed_without_its_letters_finds_what_the_word_finds(register):
    assert _names("pensionarer") == _names("pensionärer")
    assert "Sjödalens Träffpunkt" in _names("pensionarer")
    assert "Flemingsbergs PRO" in _names("pensionarer")  # its synonyms too
    # Before, "forening" was corrected to its lookalikes and "Fiberförening" came first.
    assert _names("forening") == _names("förening")
    assert _names("forening")[0] == "Föreningen Vårby Gård"
    assert _names("Skogas FF") == ["Skogås FF", "Skogås Trångsunds FF"]  # the name first


def test_the_directory_says_how_it_read_the_word(client, register):
    html = client.get(DIRECTORY, {"q": "pensionarer"}).content.decode()
    assert "även efter: <strong>pensionärer</strong>" in html
    assert "Sjödalens Träffpunkt" in html
    assert "pensionärer:*" not in html


def test_the_api_reads_the_word_as_the_directory_does(client, register):
    typed = client.get(API, {"q": "pensionarer"}).json()
    spelled = client.get(API, {"q": "pensionärer"}).json()
    assert [o["name"] for o in typed["results"]] == [o["name"] for o in spelled["results"]]
    assert typed["count"] == spelled["count"] == 3
    # It says how it read the word, as the directory does.
    assert (typed["corrected"], spelled["corrected"]) == (["pensionärer"], [])
    misspelled = client.get(API, {"q": "Trangsumd"}).json()
    assert misspelled["corrected"][0] == "trångsunds"


def test_a_word_of_a_synonym_group_is_not_corrected_to_a_lookalike(client, register):
    # No name holds "fotbollsklubb", and "handbollsklubb" looks like it; before, the
    # handball club came first. The group (fotboll, FF, FK …) says what it means.
    assert set(_names("fotbollsklubb")) == {"Skogås FF", "Skogås Trångsunds FF"}
    assert _names("simklubb") == ["Tullinge Simsällskap"]
    html = client.get(DIRECTORY, {"q": "fotbollsklubb"}).content.decode()
    assert "Skogås FF" in html
    assert "Akallas Handbollsklubb" not in html
    assert "även efter" not in html  # nothing corrected
    assert "Sökningen tog också med" in html


def test_a_misspelled_word_is_still_corrected(register):
    assert _names("Fleminsbergs")[0] == "Flemingsbergs PRO"
    # Misspelled and without its å: compared with the letters read plainly.
    assert _names("Trangsumd") == ["Skogås Trångsunds FF"]
    assert search.corrected(search.alternatives("Trangsumd"))[0] == "trångsunds"


def test_the_vocabulary_is_read_by_its_folded_index(register):
    """Both lookups of a word typed without its letters (the words its stem starts,
    the words it resembles) can be answered by migration 0024's indexes, whose
    expression must stay ``search_words._folded``'s: at the vocabulary's size in a
    test the planner rightly reads it in sequence, so sequential scans are ruled out."""
    plan = vocabulary_plan(["pensionarer", "trangsumd"])
    assert "organisations_searchword_folded_prefix" in plan  # the words its stem starts
    assert "organisations_searchword_folded_trgm" in plan  # the words it resembles


def test_whether_a_word_is_known_is_read_by_the_folded_index(register):
    """Whether a vocabulary word starts with the query word's stem: tested on every
    word in turn, each query word read the whole vocabulary (a real register's names
    hold tens of thousands of words); in the folded index's range, only a few."""
    SearchWord.objects.bulk_create(SearchWord(word=f"ord{n:04}") for n in range(2000))
    plan = vocabulary_plan(["pensionarer", "konstförning"], analyze=True)
    removed = [int(n) for n in re.findall(r"Rows Removed by Filter: (\d+)", plan)]
    assert max(removed, default=0) < 2000


def test_an_abbreviation_or_a_short_word_is_not_restored(register):
    found = search.alternatives("ff pro sim")
    assert found[0] == {}  # nothing read in place of what was typed


def test_finding_the_right_contact_reads_the_word_too():
    ContactPathFactory(title="Föreningsbidrag", description="Bidrag till föreningar.")
    ContactPathFactory(title="Boka lokal", description="Lokaler för möten.")
    contact_search.reindex_all()
    titles = contact_search.search_paths(ContactPath.objects.published(), "foreningsbidrag")
    assert list(titles.values_list("title", flat=True)) == ["Föreningsbidrag"]


def test_a_stop_word_is_not_corrected(client, register):
    # "vara" (to be) is a stop word the search leaves out; it looks like "vårby".
    assert search.alternatives("vara ute")[0] == {}
    html = client.get(DIRECTORY, {"q": "vara i Vårby"}).content.decode()
    assert "även efter" not in html
    assert "Föreningen Vårby Gård" in html


def test_a_word_like_a_synonym_reaches_the_synonyms_group(client, register):
    # No name holds "fotboll" nor "simsällskap". A word a group's entry begins
    # ("fotbol", as the prefix query reads it) reaches the group's names (the FF clubs),
    # and a misspelling of an entry is read as the entry it resembles.
    assert set(_names("fotbol")) == {"Skogås FF", "Skogås Trångsunds FF"}
    assert set(_names("fotbolk")) == {"Skogås FF", "Skogås Trångsunds FF"}
    assert _names("simsälskap") == ["Tullinge Simsällskap"]
    assert search.corrected(search.alternatives("fotbol fotbolk simsälskap")) == [
        "fotboll",
        "simsällskap",
    ]
    html = client.get(DIRECTORY, {"q": "fotbolk"}).content.decode()
    assert "även efter: <strong>fotboll</strong>" in html
    assert "Sökningen tog också med: <strong>fotbollsförening" in html
    # A word the group lists as typed is not read as another.
    assert search.corrected(search.alternatives("fotbollsklubb simning")) == []
