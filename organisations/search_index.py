"""The register's search index: the stored ``Organisation.search_vector`` and the
vocabulary of known words (``organisations.search`` searches them).

The vector (``VECTOR_SQL``) is built with the ``swedish`` configuration, GIN-indexed:
name A, categories and areas B, in Swedish and English, districts C, description D,
and, without positions (so without weight or rank), filter tokens for the
organisation's categories, areas and districts and name tokens: every lexeme of the
name again as '#n' + lexeme ('#nidrottsförening'), so "the name holds the word" is
answered by the same GIN index (``search``).

The vocabulary (the model ``SearchWord``, trigram-indexed on PostgreSQL) holds the
distinct words of names, categories, areas and districts: a few thousand words, where
compounds and misspellings are looked up (``search_words``) instead of in every name.
The descriptions' words written with å, ä, ö or é (``SearchTextWord``) are kept
beside it, with their stems, for one thing only: reading a word typed without those
letters that no name holds ("traning" as "träning"). A word goes as soon as no
association's vector holds its stem: ``reindex`` checks the stems a changed
description no longer holds, and a deleted association's (``search_sync``), not
every word: each check is a GIN probe, milliseconds for a common word.

Another app's rows are searched the same way through an ``Index`` naming their table
and vocabulary, and synonym groups if it has them (the contact paths:
portal/contacts/search.py); the search functions take it, the register's ``REGISTER``
by default.
"""

from dataclasses import dataclass

from django.db import connection

from .models import SearchSynonymGroup, SearchTextWord, SearchWord

CONFIG = "swedish"
STEMMER = "swedish_stem"  # the dictionary of the swedish configuration
WORD_TABLE = SearchWord._meta.db_table
SYNONYM_TABLE = SearchSynonymGroup._meta.db_table
TEXT_WORD_TABLE = SearchTextWord._meta.db_table
# Letters typed without their marks on a keyboard or phone set to English: "forening",
# "pensionarer" (``search_words._restored_sql``). Lower case only: the query words are.
FOLDED_FROM, FOLDED_TO = "åäöéèüáà", "aaoeeuaa"
# Filter tokens in the stored vector: the ids of the organisation's categories, areas
# and districts as lexemes without positions ('#kat12'), so a search filtered by them
# is one GIN scan. Only array_to_tsvector writes them (no parser, no stemmer); they start
# with "#", which no query word (letters and digits) or its prefix query can match, and
# having no positions they carry no weight and leave ts_rank as it was.
CATEGORY_TOKEN = "#kat"
AREA_TOKEN = "#omr"
DISTRICT_TOKEN = "#dist"
# Name tokens: every lexeme of the name again, as '#n' + lexeme, without position (so
# without weight or rank): "the name holds the word" as a plain GIN match.
NAME_TOKEN = "#n"


@dataclass(frozen=True)
class Index:
    """What a search reads: ``table``, whose rows hold a stored ``search_vector``
    (GIN-indexed, with NAME_TOKEN lexemes of ``name``), and ``words``, its vocabulary
    table of known words (a ``word`` column, trigram-indexed) for compounds and
    misspellings. The register's is ``REGISTER``; another app that searches its own
    rows the same way (the contact paths) names its tables and reuses the search."""

    table: str
    words: str
    name: str = "name"  # the column that breaks ties of rank
    synonyms: str | None = None  # a table of synonym groups (words[], abbreviations[])
    text_words: str | None = None  # a table of the texts' words with marks (word, stem)


REGISTER = Index(
    table="organisations_organisation",
    words=WORD_TABLE,
    synonyms=SYNONYM_TABLE,
    text_words=TEXT_WORD_TABLE,
)

VECTOR_SQL = f"""
    setweight(to_tsvector('{CONFIG}', coalesce(o.name, '')), 'A')
    || setweight(to_tsvector('{CONFIG}', coalesce((
        SELECT string_agg(concat_ws(' ', c.name, c.name_en), ' ')
        FROM organisations_category c
        JOIN organisations_organisation_categories oc ON oc.category_id = c.id
        WHERE oc.organisation_id = o.id), '')), 'B')
    || setweight(to_tsvector('{CONFIG}', coalesce((
        SELECT string_agg(concat_ws(' ', a.name, a.name_en), ' ')
        FROM organisations_activityarea a
        JOIN organisations_organisation_areas oa ON oa.activityarea_id = a.id
        WHERE oa.organisation_id = o.id), '')), 'B')
    || setweight(to_tsvector('{CONFIG}', coalesce((
        SELECT string_agg(d.name, ' ')
        FROM organisations_district d
        JOIN organisations_organisation_districts od ON od.district_id = d.id
        WHERE od.organisation_id = o.id), '')), 'C')
    || setweight(to_tsvector('{CONFIG}', coalesce(o.description, '')), 'D')
    || array_to_tsvector(ARRAY(
        SELECT '{CATEGORY_TOKEN}' || oc.category_id FROM organisations_organisation_categories oc
        WHERE oc.organisation_id = o.id
        UNION ALL SELECT '{AREA_TOKEN}' || oa.activityarea_id
        FROM organisations_organisation_areas oa WHERE oa.organisation_id = o.id
        UNION ALL SELECT '{DISTRICT_TOKEN}' || od.district_id
        FROM organisations_organisation_districts od WHERE od.organisation_id = o.id
        UNION ALL SELECT '{NAME_TOKEN}' || n.lexeme
        FROM unnest(to_tsvector('{CONFIG}', coalesce(o.name, ''))) n))
"""

# Distinct lower-case words (3+ letters) of the given texts, for spelling correction.
_WORDS_SQL = """
    INSERT INTO {table} (word)
    SELECT DISTINCT w FROM (
        SELECT regexp_split_to_table(lower(t), '[^[:alnum:]]+') AS w FROM ({texts}) s(t)
    ) words
    WHERE length(w) >= 3
    ON CONFLICT (word) DO NOTHING
"""


def vocabulary_sql(texts: str, *, table: str = WORD_TABLE) -> str:
    """The statement that adds the words of ``texts`` (a query of one text column)
    to the vocabulary ``table``."""
    return _WORDS_SQL.format(table=table, texts=texts)


_VOCABULARY_TEXTS = """
    SELECT name FROM organisations_category
    UNION ALL SELECT name_en FROM organisations_category
    UNION ALL SELECT name FROM organisations_activityarea
    UNION ALL SELECT name_en FROM organisations_activityarea
    UNION ALL SELECT name FROM organisations_district
"""


# The words with marks (3+ letters, no digits, not a stop word) of the descriptions of
# the rows the query {rows} gives (o: the organisation), with their stems.
_TEXT_WORDS_SQL = f"""
    INSERT INTO {TEXT_WORD_TABLE} (word, stem)
    SELECT w, stem FROM (
        SELECT DISTINCT w FROM ({{rows}}) o,
            regexp_split_to_table(lower(o.description), '[^[:alnum:]]+') AS w
    ) words
    CROSS JOIN LATERAL (SELECT (ts_lexize('{STEMMER}', w))[1]) AS s(stem)
    WHERE w ~ '[{FOLDED_FROM}]' AND w !~ '[[:digit:]]' AND length(w) >= 3
    AND stem IS NOT NULL
    ON CONFLICT (word) DO NOTHING
"""
_ROWS = "SELECT description FROM organisations_organisation WHERE id = ANY(%s)"


def description_stems(pks) -> list[str]:
    """The lexemes the descriptions of these organisations hold now (weight D, which
    only the description writes): the stems whose words may go once they change."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT coalesce(array_agg(DISTINCT l.lexeme), '{}') "
            "FROM organisations_organisation o, unnest(o.search_vector) l "
            "WHERE o.id = ANY(%s) AND 'D' = ANY(l.weights)",
            [list(pks)],
        )
        return cursor.fetchone()[0]


def stems_of(descriptions) -> list[str]:
    """The lexemes these description texts give, as a vector's weight D holds them:
    a deleted association's, read from its text in memory rather than row by row."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT coalesce(array_agg(DISTINCT l.lexeme), '{}') "
            f"FROM unnest(%s::text[]) d, unnest(to_tsvector('{CONFIG}', d)) l",
            [list(descriptions)],
        )
        return cursor.fetchone()[0]


def drop_text_words(stems) -> None:
    """Forget the description words of these stems that no vector holds any more."""
    if not stems:
        return
    with connection.cursor() as cursor:
        cursor.execute(
            f"DELETE FROM {TEXT_WORD_TABLE} t WHERE t.stem = ANY(%s) AND NOT EXISTS ("
            "SELECT 1 FROM organisations_organisation o "
            "WHERE o.search_vector @@ quote_literal(t.stem)::tsquery)",
            [list(stems)],
        )


def reindex(pks) -> None:
    """Recompute the search vector of the given organisations.

    Call it after an organisation, or the categories/areas/districts it links to,
    changed. One UPDATE for all of them, then the vocabulary is topped up, and the
    description words whose stems only the old descriptions held are dropped.
    """
    pks = [int(pk) for pk in pks]
    if not pks:
        return
    before = description_stems(pks)
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE organisations_organisation o SET search_vector = {VECTOR_SQL} "
            "WHERE o.id = ANY(%s)",
            [pks],
        )
        cursor.execute(
            vocabulary_sql(
                "SELECT name FROM organisations_organisation WHERE id = ANY(%s) "
                f"UNION ALL {_VOCABULARY_TEXTS}"
            ),
            [pks],
        )
        cursor.execute(_TEXT_WORDS_SQL.format(rows=_ROWS), [pks])
    # Only what the descriptions no longer hold can have gone: a category renamed
    # for thousands of associations, or an edit that keeps most words, checks nothing.
    drop_text_words(set(before) - set(description_stems(pks)))


def reindex_all() -> None:
    """Every organisation (after a bulk load); the description words anew."""
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE organisations_organisation o SET search_vector = {VECTOR_SQL}")
        cursor.execute(
            vocabulary_sql(
                f"SELECT name FROM organisations_organisation UNION ALL {_VOCABULARY_TEXTS}"
            )
        )
        cursor.execute(f"DELETE FROM {TEXT_WORD_TABLE}")
        cursor.execute(
            _TEXT_WORDS_SQL.format(rows="SELECT description FROM organisations_organisation")
        )
