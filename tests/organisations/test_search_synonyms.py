"""Search: club abbreviations and synonym groups (SearchSynonymGroup, with the shipped
starter set), edited in the admin; the exact name first; the GIN index in the plan."""

import pytest
from django.db import connection
from django.urls import reverse

from organisations import search, search_partial
from organisations.models import Organisation, SearchSynonymGroup

from .factories import OrganisationFactory, make_department_coordinator, make_municipal_coordinator
from .synonyms import ensure_starter_set

pytestmark = pytest.mark.django_db
ADD = reverse("admin:organisations_searchsynonymgroup_add")


@pytest.fixture(autouse=True)
def _starter_set():
    ensure_starter_set()


def _names(q):
    return [o.name for o in search.search(Organisation.objects.public(), q)]


@pytest.fixture
def clubs():
    orgs = [
        OrganisationFactory(name="Stuvsta IF", description="Friidrott och orientering."),
        OrganisationFactory(name="Huddinge Idrottsförening", description="Allidrott."),
        OrganisationFactory(name="Trångsunds IK", description="Bandy på vintern."),
        OrganisationFactory(name="Segeltorps Idrottsklubb", description="Fotboll för unga."),
        OrganisationFactory(name="Ikaros Teaterförening", description="Teater för alla."),
        OrganisationFactory(name="Vårby Ryttarförening", description="Hästar och lektioner."),
        OrganisationFactory(name="Sjödalens Ridskola", description="Lektioner för alla."),
        OrganisationFactory(name="Flemingsbergs PRO", description="Gemenskap och resor."),
        OrganisationFactory(name="Kvarnbergets Pensionärsförening", description="Kaffe."),
        OrganisationFactory(name="Skogås FF", description="Lag för alla åldrar."),
    ]
    search.reindex([o.pk for o in orgs])
    return orgs


def test_an_abbreviation_finds_the_full_word_and_itself_first(clubs):
    assert _names("IF") == ["Stuvsta IF", "Huddinge Idrottsförening"]
    assert _names("ik") == ["Trångsunds IK", "Segeltorps Idrottsklubb"]


def test_the_full_word_finds_the_abbreviation_below_itself(clubs):
    assert _names("idrottsförening") == ["Huddinge Idrottsförening", "Stuvsta IF"]
    # Inflected: the group is found through the stem.
    assert _names("idrottsklubbar") == ["Segeltorps Idrottsklubb", "Trångsunds IK"]


def test_a_two_letter_abbreviation_does_not_match_inside_words(clubs):
    # Before, "ik" was a prefix query (ik:*) and found "Ikaros".
    assert "Ikaros Teaterförening" not in _names("IK")
    assert "Ikaros Teaterförening" in _names("ika")  # not an abbreviation: a prefix still


def test_related_words_find_each_other(clubs):
    assert _names("ridning") == ["Sjödalens Ridskola", "Vårby Ryttarförening"]
    assert set(_names("seniorer")) == {"Flemingsbergs PRO", "Kvarnbergets Pensionärsförening"}
    assert _names("fotboll")[0] == "Skogås FF"  # the name holds it through FF
    assert _names("pensionärer")[0] == "Kvarnbergets Pensionärsförening"  # the word first


def test_a_name_holding_a_synonym_ranks_above_a_description_holding_it(clubs):
    # "Segeltorps Idrottsklubb" has fotboll in its description only.
    assert _names("fotboll") == ["Skogås FF", "Segeltorps Idrottsklubb"]


def test_the_exact_name_comes_first():
    exact = OrganisationFactory(name="Huddinge IF", description="Friidrott.")
    longer = OrganisationFactory(
        name="Huddinge IF Ungdom Huddinge", description="Huddinge IF:s unga i Huddinge."
    )
    search.reindex([exact.pk, longer.pk])
    ranked = list(search.search(Organisation.objects.public(), "huddinge if"))
    assert [o.name for o in ranked] == ["Huddinge IF", "Huddinge IF Ungdom Huddinge"]
    # Not by accident: the longer name holds the words more often.
    assert ranked[0].rank - 2 < ranked[1].rank - 1


def test_the_directory_says_what_the_search_also_included(client, clubs):
    html = client.get(reverse("organisations:directory"), {"q": "IF"}).content.decode()
    assert "Sökningen tog också med: <strong>idrottsförening (IF)</strong>" in html
    html = client.get(reverse("organisations:directory"), {"q": "Ridning"}).content.decode()
    assert "ridklubb, ridskola, ridsport, ryttarförening, RF (Ridning)" in html


def test_a_synonym_search_costs_the_same_queries_at_any_size(
    client, clubs, django_assert_max_num_queries
):
    url = reverse("organisations:directory")
    with django_assert_max_num_queries(7) as few:
        assert client.get(url, {"q": "IF"}).status_code == 200
    for i in range(10):
        OrganisationFactory(name=f"Alby IF {i}")
    search.reindex(list(Organisation.objects.values_list("pk", flat=True)))
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(url, {"q": "IF"})
    assert len(response.context["organisations"]) == 12


def test_a_group_added_in_the_admin_counts_at_once(client, clubs):
    assert _names("skådespel") == []
    client.force_login(make_municipal_coordinator())
    response = client.post(ADD, {"words": "skådespel, teater", "abbreviations": ""})
    assert response.status_code == 302
    assert _names("skådespel") == ["Ikaros Teaterförening"]
    group = SearchSynonymGroup.objects.get(words=["skådespel", "teater"])
    change = reverse("admin:organisations_searchsynonymgroup_change", args=[group.pk])
    response = client.post(change, {"words": "skådespel, drama", "abbreviations": ""})
    assert response.status_code == 302
    assert _names("skådespel") == []


def test_an_entry_without_letters_is_left_out(clubs):
    SearchSynonymGroup.objects.create(words=["drama", "--"])  # not through the admin
    assert _names("drama") == []
    found = search.alternatives("drama")
    assert found.synonyms == {} and found.whole == frozenset()


def test_bad_input_in_the_admin_is_refused_with_a_message_and_kept(client):
    client.force_login(make_municipal_coordinator())
    response = client.post(ADD, {"words": "fotboll, <b>boll</b>", "abbreviations": "I F"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Använd bara bokstäver och siffror" in html
    assert "En förkortning är ett ord" in html
    assert "fotboll, &lt;b&gt;boll&lt;/b&gt;" in html
    response = client.post(ADD, {"words": "schack", "abbreviations": ""})
    assert "En grupp behöver minst två ord eller förkortningar." in response.content.decode()
    assert not SearchSynonymGroup.objects.filter(words__contains=["schack"]).exists()


def test_only_municipal_coordinators_edit_the_groups(client):
    group = SearchSynonymGroup.objects.first()  # of the starter set
    change = reverse("admin:organisations_searchsynonymgroup_change", args=[group.pk])
    assert client.get(ADD).status_code == 302  # anonymous: the login page
    client.force_login(make_department_coordinator())
    assert client.get(change).status_code == 200  # may read
    assert client.get(ADD).status_code == 403
    response = client.post(change, {"words": "ändrat, ord", "abbreviations": ""})
    assert response.status_code == 403
    group.refresh_from_db()
    assert group.words != ["ändrat", "ord"]


@pytest.fixture
def many():
    """3,000 associations, analysed: with a few rows the planner rightly reads them in
    sequence, so a plan says something only at a realistic size."""
    Organisation.objects.bulk_create(
        OrganisationFactory.build(name=f"Förening {n} i Huddinge", description="Vi träffas.")
        for n in range(3000)
    )
    OrganisationFactory(name="Stuvsta IF")
    OrganisationFactory(name="Huddinge Idrottsförening")
    OrganisationFactory(name="Vårby Ryttarförening")
    search.reindex_all()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE organisations_organisation")


def _plan(queryset) -> str:
    sql, params = queryset.values("pk").query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN {sql}", params)
        return "\n".join(row[0] for row in cursor.fetchall())


def _plan_without_sequential_scans(queryset) -> str:
    """The plan when reading the table in sequence is ruled out: a query the GIN
    index can answer then uses it, one it cannot (a tsquery the index's operator
    class does not serve, a function around the vector) still reads in sequence."""
    with connection.cursor() as cursor:
        cursor.execute("SET enable_seqscan = off")
        try:
            return _plan(queryset)
        finally:
            cursor.execute("RESET enable_seqscan")


def test_the_search_is_answered_by_the_gin_index(many):
    """Whether the planner takes the index for a prefix query of many alternatives
    ("ridning" and its synonyms) rests on an estimate that the table's statistics,
    left by earlier tests, shift; what is fixed is that every search can be answered
    by the index, so that is what is checked. Over every organisation, not the public
    ones: with the status condition the planner may read the status index instead
    (every row, in order), which says nothing of the search vector's."""
    queryset = Organisation.objects.all()
    for ranked in (
        search.search(queryset, "IF"),
        search.search(queryset, "idrottsförening"),
        search.search(queryset, "ridning"),
        # The synonyms' part of the candidates: an entry is a prefix query (ridskola:*).
        search.bounded(queryset, "ridning"),
        search_partial.partial(queryset, "vårby ridning xyz"),
    ):
        assert ranked.exists()
        plan = _plan_without_sequential_scans(ranked)
        assert "Bitmap Index Scan on organisation_search_vector_gin" in plan, plan


def test_the_shipped_groups_include_more_clubs_and_words_people_search_with():
    orgs = [
        OrganisationFactory(name="Tullinge OK", description="Karta och kompass."),
        OrganisationFactory(name="Huddinge Orienteringsklubb", description="Skogen."),
        OrganisationFactory(name="Fullerstas Brottarklubb", description="Mattan."),
        OrganisationFactory(name="Vårby Pingstförsamling", description="Gudstjänst."),
    ]
    search.reindex([o.pk for o in orgs])
    assert _names("Tullinge orienteringsklubb")[0] == "Tullinge OK"
    assert set(_names("OK")) == {"Tullinge OK", "Huddinge Orienteringsklubb"}
    assert _names("brottning") == ["Fullerstas Brottarklubb"]
    assert _names("kyrka") == ["Vårby Pingstförsamling"]  # "församling", as its compound
