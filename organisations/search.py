"""Search in the association register.

On PostgreSQL: full-text search with the ``swedish`` configuration over a stored,
GIN-indexed ``Organisation.search_vector`` (name A, categories and areas B,
districts C, description D). Every word of the query becomes a prefix query
(``idrott:*``), so inflected forms are stemmed ("idrottsföreningar" ->
``idrottsförening``) and the head of a Swedish compound finds the compound
("idrott" finds "Idrottsförening").

Misspellings: a small table of the distinct words of names, categories, areas and
districts (``organisations_searchword``, trigram-indexed) is consulted once per
search; a query word that starts no known word is widened with the two most similar
known words (``similarity`` via pg_trgm), so "Trångsumd" also looks for
"trångsunds". Trigram matching over a few thousand words costs a millisecond
where trigram similarity over every name costs hundreds at 50,000 associations.

On SQLite (the quick start) a plain fallback: every word must occur in the name or
the description (``icontains``).
"""

import re

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connection
from django.db.models import F, FloatField, Q, Value
from django.db.models.expressions import RawSQL

CONFIG = "swedish"
WORD_TABLE = "organisations_searchword"
MIN_FUZZY_LENGTH = 4  # shorter words have too few trigrams to correct reliably
SIMILARITY = 0.35
MAX_WORDS = 8
_WORD = re.compile(r"[^\W_]+")

VECTOR_SQL = f"""
    setweight(to_tsvector('{CONFIG}', coalesce(o.name, '')), 'A')
    || setweight(to_tsvector('{CONFIG}', coalesce((
        SELECT string_agg(c.name, ' ')
        FROM organisations_category c
        JOIN organisations_organisation_categories oc ON oc.category_id = c.id
        WHERE oc.organisation_id = o.id), '')), 'B')
    || setweight(to_tsvector('{CONFIG}', coalesce((
        SELECT string_agg(a.name, ' ')
        FROM organisations_activityarea a
        JOIN organisations_organisation_areas oa ON oa.activityarea_id = a.id
        WHERE oa.organisation_id = o.id), '')), 'B')
    || setweight(to_tsvector('{CONFIG}', coalesce((
        SELECT string_agg(d.name, ' ')
        FROM organisations_district d
        JOIN organisations_organisation_districts od ON od.district_id = d.id
        WHERE od.organisation_id = o.id), '')), 'C')
    || setweight(to_tsvector('{CONFIG}', coalesce(o.description, '')), 'D')
"""

# Distinct lower-case words (3+ letters) of the given texts, for spelling correction.
_WORDS_SQL = f"""
    INSERT INTO {WORD_TABLE} (word)
    SELECT DISTINCT w FROM (
        SELECT regexp_split_to_table(lower(t), '[^[:alnum:]]+') AS w FROM ({{texts}}) s(t)
    ) words
    WHERE length(w) >= 3
    ON CONFLICT (word) DO NOTHING
"""
_VOCABULARY_TEXTS = """
    SELECT name FROM organisations_category
    UNION ALL SELECT name FROM organisations_activityarea
    UNION ALL SELECT name FROM organisations_district
"""


def is_postgres() -> bool:
    return connection.vendor == "postgresql"


def reindex(pks) -> None:
    """Recompute the search vector of the given organisations (PostgreSQL only).

    Call it after an organisation, or the categories/areas/districts it links to,
    changed. One UPDATE for all of them, then the misspelling vocabulary is topped up.
    """
    pks = [int(pk) for pk in pks]
    if not pks or not is_postgres():
        return
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE organisations_organisation o SET search_vector = {VECTOR_SQL} "
            "WHERE o.id = ANY(%s)",
            [pks],
        )
        cursor.execute(
            _WORDS_SQL.format(
                texts="SELECT name FROM organisations_organisation WHERE id = ANY(%s) "
                f"UNION ALL {_VOCABULARY_TEXTS}"
            ),
            [pks],
        )


def reindex_all() -> None:
    """Every organisation (after a bulk load or a renamed category)."""
    if not is_postgres():
        return
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE organisations_organisation o SET search_vector = {VECTOR_SQL}")
        cursor.execute(
            _WORDS_SQL.format(
                texts=f"SELECT name FROM organisations_organisation UNION ALL {_VOCABULARY_TEXTS}"
            )
        )


def words(q: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(q or "")][:MAX_WORDS]


def _corrections(query_words: list[str]) -> dict[str, list[str]]:
    """Known words similar to query words that start no known word (one query)."""
    candidates = sorted({w for w in query_words if len(w) >= MIN_FUZZY_LENGTH})
    if not candidates:
        return {}
    sql = f"""
        SELECT q.w, s.word
        FROM unnest(%s::text[]) AS q(w)
        CROSS JOIN LATERAL (
            SELECT sw.word FROM {WORD_TABLE} sw
            WHERE sw.word %% q.w AND similarity(sw.word, q.w) >= %s
            ORDER BY similarity(sw.word, q.w) DESC, sw.word
            LIMIT 2
        ) s
        WHERE NOT EXISTS (SELECT 1 FROM {WORD_TABLE} e WHERE starts_with(e.word, q.w))
    """
    result: dict[str, list[str]] = {}
    with connection.cursor() as cursor:
        cursor.execute(sql, [candidates, SIMILARITY])
        for word, correction in cursor.fetchall():
            result.setdefault(word, []).append(correction)
    return result


def _tsquery_text(query_words: list[str], corrections: dict[str, list[str]]) -> str:
    """'(idrott:*) & (trångsumd:* | trångsunds)' — words are letters and digits only, so
    nothing to escape
    but the operators we add. Stop words ("i", "och") drop out in to_tsquery."""
    groups = []
    for word in query_words:
        alternatives = [f"{word}:*", *corrections.get(word, [])]
        groups.append("(" + " | ".join(alternatives) + ")")
    return " & ".join(groups)


def search(queryset, q: str):
    """Filter ``queryset`` (of Organisation) by the query and order it by relevance."""
    query_words = words(q)
    if not query_words:
        return queryset
    if not is_postgres():
        condition = Q()
        for word in query_words:
            condition &= Q(name__icontains=word) | Q(description__icontains=word)
        return queryset.filter(condition).annotate(rank=Value(0.0, FloatField()))
    text = _tsquery_text(query_words, _corrections(query_words))
    query = SearchQuery(text, config=CONFIG, search_type="raw")
    exact = " ".join(query_words)
    return (
        queryset.filter(search_vector=query)
        .annotate(
            rank=SearchRank(F("search_vector"), query)
            # A name that contains the query as typed comes first.
            + RawSQL(
                "CASE WHEN lower(organisations_organisation.name) LIKE %s THEN 1.0 ELSE 0 END",
                ["%" + exact.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"],
                output_field=FloatField(),
            )
        )
        .order_by("-rank", "name", "pk")
    )
