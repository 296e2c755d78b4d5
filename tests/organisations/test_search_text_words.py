"""A word typed without å, ä and ö that no name holds is read from the descriptions'
words ("traning" as "träning"), which follow the descriptions: a word goes once no
description holds it."""

from importlib import import_module

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from organisations import search, services
from organisations.models import Organisation, SearchTextWord

from .factories import MembershipFactory, OrganisationFactory
from .plans import vocabulary_plan

pytestmark = pytest.mark.django_db
DIRECTORY = reverse("organisations:directory")
API = reverse("organisations:api_organisations")


@pytest.fixture
def register():
    return {
        "gym": OrganisationFactory(name="Kvarnbergets IK", description="Träning varje tisdag."),
        "care": OrganisationFactory(name="Sjödalens Vänner", description="Besök av läkare."),
        "team": OrganisationFactory(name="Masmo Lag", description="God anda i laget."),
        "end": OrganisationFactory(name="Vårby Båtklubb", description="Bryggan i ända."),
    }


def _names(q):
    return [o.name for o in search.search(Organisation.objects.public(), q)]


def test_a_description_word_typed_without_its_letters_is_read_with_them(client, register):
    assert _names("traning") == _names("träning") == ["Kvarnbergets IK"]
    assert _names("lakare") == ["Sjödalens Vänner"]
    html = client.get(DIRECTORY, {"q": "traning"}).content.decode()
    assert "även efter: <strong>träning</strong>" in html
    assert "Kvarnbergets IK" in html
    api = client.get(API, {"q": "lakare"}).json()
    assert [o["name"] for o in api["results"]] == ["Sjödalens Vänner"]


def test_a_word_a_description_holds_as_typed_is_left_as_typed(register):
    # "anda" (spirit) is a word of its own; "ända" (end) only looks like it.
    assert search.alternatives("anda")[0] == {}
    assert _names("anda") == ["Masmo Lag"]


def test_only_words_with_the_letters_are_kept(register):
    OrganisationFactory(name="Ett", description="Ring 070-1234567 eller 08åk, vi är öppna.")
    words = set(SearchTextWord.objects.values_list("word", flat=True))
    assert {"träning", "läkare", "ända", "besök", "öppna"} <= words
    assert not words & {"tisdag", "anda", "08åk", "är", "i"}  # no marks, digits, stop words
    assert SearchTextWord.objects.get(word="träning").stem == "träning"


def test_the_words_follow_the_descriptions(register, django_capture_on_commit_callbacks):
    admin = MembershipFactory(organisation=register["gym"]).user
    OrganisationFactory(name="Tumba Dans", description="Besök oss gärna.")
    services.organisation_update(
        organisation=register["gym"], by=admin, changes={"description": "Besök oss."}
    )
    assert not SearchTextWord.objects.filter(word="träning").exists()
    assert _names("traning") == []
    assert SearchTextWord.objects.filter(word="besök").exists()
    with django_capture_on_commit_callbacks(execute=True):
        register["care"].delete()
    assert not SearchTextWord.objects.filter(word="läkare").exists()
    assert SearchTextWord.objects.filter(word="besök").exists()  # Tumba Dans holds it


def test_deleting_many_checks_their_words_once(register, django_capture_on_commit_callbacks):
    with (
        CaptureQueriesContext(connection) as queries,
        django_capture_on_commit_callbacks(execute=True),
    ):
        Organisation.objects.filter(pk__in=[register["gym"].pk, register["end"].pk]).delete()
    drops = [
        q
        for q in queries.captured_queries
        if "DELETE FROM organisations_searchtextword" in q["sql"]
    ]
    assert len(drops) == 1
    assert len([q for q in queries.captured_queries if "lexeme" in q["sql"]]) == 1  # not per row
    assert not SearchTextWord.objects.filter(word__in=["träning", "ända"]).exists()
    assert SearchTextWord.objects.filter(word="läkare").exists()


def test_a_reindex_that_keeps_the_words_checks_none_of_them(register):
    # Each check is a GIN probe; a category renamed for thousands of associations
    # reindexes them all with their descriptions as they were.
    with CaptureQueriesContext(connection) as queries:
        search.reindex([org.pk for org in register.values()])
    assert not [q for q in queries.captured_queries if q["sql"].startswith("DELETE")]
    assert SearchTextWord.objects.filter(word="träning").exists()


def test_the_migration_fills_the_words_as_the_index_does(register):
    migration = import_module("organisations.migrations.0025_search_text_words")
    search.reindex_all()
    indexed = set(SearchTextWord.objects.values_list("word", "stem"))
    SearchTextWord.objects.all().delete()
    with connection.cursor() as cursor:
        cursor.execute(migration.FILL)
    assert set(SearchTextWord.objects.values_list("word", "stem")) == indexed
    assert ("träning", "träning") in indexed


def test_the_description_words_are_read_by_their_folded_index(register):
    plan = vocabulary_plan(["traning"])
    assert "organisations_searchtextword_folded_prefix" in plan
