"""The plans of a filtered search, at a size where the planner has a choice: the
words, a category or district and the candidates are found by the search vector's
GIN index, never by reading the table in sequence, in the directory and the API."""

import pytest
from django.db import connection
from django.http import QueryDict

from organisations import search
from organisations.filters import OrganisationFilter
from organisations.views import directory_queryset

from .factories import CategoryFactory, DistrictFactory, OrganisationFactory
from .synonyms import ensure_starter_set

pytestmark = pytest.mark.django_db
BULK = 3000
GIN = "Bitmap Index Scan on organisation_search_vector_gin"


@pytest.fixture
def register():
    """BULK associations over two categories and two districts, indexed and analysed:
    with a few rows the planner rightly reads them in sequence."""
    culture = CategoryFactory(name="Kulturförening", slug="kulturforening")
    sport = CategoryFactory(name="Idrottsförening", slug="idrottsforening")
    fleming, alby = DistrictFactory(name="Flemingsberg"), DistrictFactory(name="Alby")
    OrganisationFactory(name="Flemingsbergs Bollklubb", categories=[sport], districts=[fleming])
    with connection.cursor() as cursor:
        cursor.execute(
            """
            INSERT INTO organisations_organisation (name, slug, legal_form, description, logo,
                website, email, phone, address, social_media, contact_name, contact_email,
                contact_phone, contact_is_public, has_staff, seeks_collaboration,
                offers_premises, offers_volunteers, offers_knowledge, offers_needs_text,
                status, status_reason, is_public, created_at, updated_at, needs_administrator)
            SELECT CASE WHEN n %% 2 = 0 THEN 'Kulturföreningen ' ELSE 'Bollklubben ' END || n,
                'plan-' || n, 'ideell_forening', 'Musik, teater och idrott för alla.', '', '',
                '', '', '', '', '', '', '', false, n %% 3 = 0, false, false, false, false, '',
                'active', '', true, now(), now(), false
            FROM generate_series(1, %s) n
            """,
            [BULK],
        )
        for table, column, pks in [
            ("organisations_organisation_categories", "category_id", [culture.pk, sport.pk]),
            ("organisations_organisation_districts", "district_id", [fleming.pk, alby.pk]),
        ]:
            cursor.execute(
                f"INSERT INTO {table} (organisation_id, {column}) "
                "SELECT id, (%s::int[])[1 + id %% 2] FROM organisations_organisation "
                "WHERE slug LIKE 'plan-%%'",
                [pks],
            )
        search.reindex_all()
        cursor.execute("ANALYZE organisations_organisation")
    return {"culture": culture, "fleming": fleming}


def _plan(queryset) -> str:
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN {sql}", params)
        return "\n".join(row[0] for row in cursor.fetchall())


def _filterset(params) -> OrganisationFilter:
    data = QueryDict(mutable=True)
    for key, value in params.items():
        data[key] = str(value)
    return OrganisationFilter(data, queryset=directory_queryset())


def _bounded(params):
    return _filterset(params).bounded_qs()


@pytest.mark.parametrize(
    "params",
    [
        {"q": "kultur", "category": "culture", "has_staff": "no"},
        {"q": "bollklubb", "district": "fleming"},
    ],
    ids=["word + category + staff", "word + district"],
)
def test_a_filtered_search_is_answered_by_the_gin_index(register, params):
    params = {k: register[v].pk if v in register else v for k, v in params.items()}
    found = _bounded(params)
    assert found.count() > 0
    plan = _plan(found)
    assert GIN in plan, plan
    assert "Seq Scan on organisations_organisation " not in plan, plan
    # A category or district is a term of the GIN scan, not a join to its table.
    assert "organisations_organisation_categories" not in plan
    assert "organisations_organisation_districts" not in plan


def test_a_search_for_those_with_staff_has_its_own_index(register):
    """The partial GIN index of migration 0023 holds only the associations with
    staff. Whether the planner takes it or the main index rests on its estimate
    for a prefix query, which shifts with the table's statistics (it did between
    runs of the suite), so the test holds what is fixed: the index is there with its
    predicate, and the search is answered by a GIN index, not read in sequence.
    benchmarks/README.md shows the buffers it saves at 50,000 associations."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexdef FROM pg_indexes WHERE indexname = 'organisation_search_has_staff_gin'"
        )
        (definition,) = cursor.fetchone()
    assert "USING gin (search_vector)" in definition
    assert definition.endswith(" WHERE has_staff")
    found = _bounded({"q": "kultur", "has_staff": "yes"})
    assert found.count() > 0 and all(o.has_staff for o in found)
    plan = _plan(found)
    assert "Bitmap Index Scan on organisation_search" in plan, plan
    assert "Seq Scan on organisations_organisation " not in plan, plan


def _executed(queryset) -> str:
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF) {sql}", params)
        return "\n".join(row[0] for row in cursor.fetchall())


def _scans_with(plan: str, term: str) -> list[str]:
    """The plan's nodes with a condition (an index's, a recheck or a filter) holding
    ``term``, whichever way the planner reads them."""
    nodes, node = [], ""
    for line in (line.strip() for line in plan.splitlines()):
        if line.startswith(("Index Cond:", "Recheck Cond:", "Filter:")):
            if term in line and node not in nodes:
                nodes.append(node)
        else:
            node = line
    return nodes


def _names_scans(plan: str) -> list[str]:
    """The scans of the names' part: their condition is on the name tokens ('#nkultur')."""
    return _scans_with(plan, "#nkultur")


def test_the_names_part_runs_only_when_a_part_was_cut(register, monkeypatch):
    """Up to CANDIDATES matches the candidates are every match, so the names holding
    the words (a GIN scan of their own) are not looked up; above, they are."""
    # Every association of the category matches "kultur" through the category's name.
    params = {"q": "kultur", "category": register["culture"].pk}
    matches = _filterset(params).qs.count()  # every match, not bounded
    monkeypatch.setattr(search, "CANDIDATES", matches)
    scans = _names_scans(_executed(_bounded(params)))
    assert scans and all("never executed" in scan for scan in scans), scans
    monkeypatch.setattr(search, "CANDIDATES", matches - 1)
    scans = _names_scans(_executed(_bounded(params)))
    assert scans and not any("never executed" in scan for scan in scans), scans


def _synonyms_scans(plan: str) -> list[str]:
    """The scans of a word's synonyms' part: their condition holds the synonym 'spf' as
    itself, not as a name token ('#nspf', the names' part)."""
    return _scans_with(plan, "'spf'")


def test_the_synonyms_part_runs_only_when_the_typed_word_was_not_cut(monkeypatch):
    """Up to CANDIDATES matches of the word as typed, its synonyms' matches are
    candidates too; from CANDIDATES + 1 the page ranks a bounded set anyway, and the
    synonyms' GIN scan is left out (the names holding them are still looked up)."""
    ensure_starter_set()
    orgs = [OrganisationFactory(name=f"Träffpunkt {n}", description="Pensionärer.") for n in "ABC"]
    orgs.append(OrganisationFactory(name="SPF Seniorerna Alby", description="Resor."))
    search.reindex([o.pk for o in orgs])
    monkeypatch.setattr(search, "CANDIDATES", 3)
    found = _bounded({"q": "pensionärer"})
    scans = _synonyms_scans(_executed(found))
    assert scans and not any("never executed" in scan for scan in scans), scans
    assert found.count() == 4
    monkeypatch.setattr(search, "CANDIDATES", 2)
    found = _bounded({"q": "pensionärer"})
    scans = _synonyms_scans(_executed(found))
    assert scans and all("never executed" in scan for scan in scans), scans
    # A name holding a synonym is still a candidate (the names' part), and first.
    assert [o.name for o in found][0] == "SPF Seniorerna Alby"


def test_no_gin_index_keeps_a_pending_list():
    """Every search reads a GIN index's pending list in full until a vacuum merges it
    (migration 0027): each GIN index, the register's, the contact paths' and any
    added later, is written without one."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.relname, coalesce(c.reloptions, '{}') FROM pg_class c "
            "JOIN pg_am a ON a.oid = c.relam JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE a.amname = 'gin' AND n.nspname = current_schema()"
        )
        options = dict(cursor.fetchall())
    assert "organisation_search_vector_gin" in options
    assert {name: opts for name, opts in options.items() if "fastupdate=off" not in opts} == {}
