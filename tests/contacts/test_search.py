"""Searching the contact paths in Swedish, the register's way: inflections, the
parts of compounds, misspellings, ranking by title, filters by topic, department
and target group, vectors that follow renamed topics, and the GIN index."""

import pytest
from django.db import connection

from organisations.models import ActivityArea
from portal.contacts import search
from portal.contacts.models import ContactPath
from tests.contacts.factories import ContactPathFactory, TopicFactory
from tests.organisations.factories import ActivityAreaFactory
from tests.portal.factories import DepartmentFactory

pytestmark = pytest.mark.django_db


def found(q: str, queryset=None) -> list[str]:
    queryset = queryset if queryset is not None else ContactPath.objects.published()
    return list(search.search_paths(queryset, q).values_list("title", flat=True))


@pytest.fixture
def paths():
    culture = DepartmentFactory(name="Kultur- och fritidsförvaltningen")
    social = DepartmentFactory(name="Socialförvaltningen")
    grants = TopicFactory(name="Bidrag och ekonomiskt stöd", name_en="Grants", slug="bidrag")
    premises = TopicFactory(name="Lokaler", name_en="Premises", slug="lokaler")
    young = ActivityAreaFactory(name="Unga", slug="unga", kind=ActivityArea.Kind.TARGET_GROUP)
    return {
        "grants": ContactPathFactory(
            title="Föreningsbidrag och aktivitetsstöd",
            description="Startbidrag för nya föreningar och hur bidragen redovisas.",
            department=culture,
            topics=[grants],
            target_groups=[young],
        ),
        "halls": ContactPathFactory(
            title="Boka idrottshallar",
            description="Träningstider i kommunens hallar.",
            department=culture,
            role="Bokningsansvarig",
            topics=[premises],
        ),
        "social": ContactPathFactory(
            title="Stöd till föreningar som möter utsatta",
            description="Samverkan med socialtjänsten.",
            department=social,
            role="Samordnare",
            topics=[grants],
        ),
        "departments": (culture, social),
        "topics": (grants, premises),
        "young": young,
    }


def test_the_last_part_of_a_compound_finds_the_compound(paths):
    # "bidrag" is the head of "Föreningsbidrag": no prefix query reaches it.
    assert found("bidrag")[0] == "Föreningsbidrag och aktivitetsstöd"
    assert "Boka idrottshallar" not in found("bidrag")


def test_inflections_and_the_first_part_of_a_compound(paths):
    assert found("idrottshallen") == ["Boka idrottshallar"]
    assert found("idrott") == ["Boka idrottshallar"]
    assert set(found("föreningarna")) == {
        "Stöd till föreningar som möter utsatta",
        "Föreningsbidrag och aktivitetsstöd",
    }


def test_a_misspelled_word_is_corrected(paths):
    assert "Föreningsbidrag och aktivitetsstöd" in found("föreningsbidarg")


def test_topics_are_searched_in_english_too(paths):
    assert found("premises") == ["Boka idrottshallar"]


def test_the_role_and_the_department_are_searched(paths):
    assert found("bokningsansvarig") == ["Boka idrottshallar"]
    assert found("socialförvaltningen") == ["Stöd till föreningar som möter utsatta"]


def test_paths_whose_title_holds_the_words_come_first(paths):
    # Both have the topic "Bidrag"; only one has a grant in its title.
    result = found("bidrag")
    assert result.index("Föreningsbidrag och aktivitetsstöd") < result.index(
        "Stöd till föreningar som möter utsatta"
    )


def test_stop_words_alone_find_nothing_and_an_empty_query_everything(paths):
    assert found("och i") == []
    assert len(found("")) == 3


def test_renaming_a_topic_reindexes_its_paths(paths):
    grants, _premises = paths["topics"]
    grants.name = "Ekonomiskt stöd"
    grants.name_en = "Money"
    grants.save()
    assert "Stöd till föreningar som möter utsatta" in found("money")
    assert found("grants") == []


def test_renaming_a_target_group_or_a_department_reindexes(paths):
    young = paths["young"]
    young.name = "Ungdomar"
    young.save()
    assert found("ungdomar") == ["Föreningsbidrag och aktivitetsstöd"]
    social = paths["departments"][1]
    social.name = "Omsorgsförvaltningen"
    social.save()
    assert found("omsorgsförvaltningen") == ["Stöd till föreningar som möter utsatta"]


def test_a_changed_path_is_found_by_its_new_words(paths):
    from portal.contacts.services import contact_path_update

    contact_path_update(path=paths["halls"], by=None, changes={"title": "Boka gymnastiksalar"})
    assert found("gymnastiksal") == ["Boka gymnastiksalar"]
    assert found("idrottshall") == []


BULK = 3000


@pytest.fixture
def many_paths(paths):
    """BULK more published paths, their words in the vocabulary, the tables analysed:
    with a few rows the planner rightly reads them in sequence, so a plan says
    something only at a realistic size."""
    department = paths["departments"][0]
    with connection.cursor() as cursor:
        cursor.execute(
            """
            INSERT INTO contacts_contactpath (title, slug, description, department_id, role,
                email, phone, person_name, person_email, person_phone, person_is_public,
                opening_hours, related_page, related_page_title, is_published, reviewed_at,
                created_at, updated_at)
            SELECT 'Ärende ' || n, 'arende-' || n, 'Gata ' || n || ' och parkering',
                %s, 'Handläggare', '', '', '', '', '', false, '', '', '', true, now(), now(),
                now()
            FROM generate_series(1, %s) n
            """,
            [department.pk, BULK],
        )
        search.reindex_all()
        cursor.execute("ANALYZE contacts_contactpath")
        cursor.execute("ANALYZE contacts_searchword")


def _plan(sql: str, params) -> str:
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN {sql}", params)
        return "\n".join(row[0] for row in cursor.fetchall())


def test_the_search_is_answered_by_the_gin_index(many_paths):
    queryset = search.search_paths(ContactPath.objects.published(), "bidrag")
    assert len(queryset) == 2
    sql, params = queryset.values("pk").query.sql_with_params()
    assert "Bitmap Index Scan on contactpath_search_vector" in _plan(sql, params)
