"""Search in the association register.

Full-text search with the ``swedish`` configuration over a stored,
GIN-indexed ``Organisation.search_vector`` (name A, categories and areas B, in
Swedish and English, districts C, description D). Every word of the query becomes
a prefix query (``idrott:*``), so inflected forms are stemmed ("idrottsföreningar"
-> ``idrottsförening``) and the head of a Swedish compound finds the compound
("idrott" finds "Idrottsförening").

Compounds: Swedish puts a compound's head last ("Bollklubben"), which no prefix
query reaches; a query word also looks for the known words ending with it ("klubb"
-> bollklubb, tennisklubben; see ``_alternatives``, and benchmarks/compounds.py for
why not hunspell-sv's ispell dictionary).

Misspellings: a small table of the distinct words of names, categories, areas and
districts (the model ``SearchWord``, trigram-indexed on PostgreSQL) is consulted
once per search (the same query as the compounds); a query word whose stem starts
no known word is widened with the two most similar known words (``similarity`` via
pg_trgm), so "Trångsumd" also looks for "trångsunds". Trigram matching over a few
thousand words costs a millisecond where trigram similarity over every name costs
hundreds at 50,000 associations.

Synonyms and abbreviations: query-time expansion, not a PostgreSQL ``synonym``
dictionary. Coordinators edit groups of words that mean the same for search
(``SearchSynonymGroup``: "ridning, ridskola, ryttarförening" and the abbreviation
"RF"), and a dictionary is a file on the database server, read when a session first
uses it and applied when the vector is built: an edit would need a file written on the
server and all 50,000 vectors rebuilt. Instead the groups are read by the same query
as the compounds and corrections, and a query word's group adds its other entries to
the word's OR group of the tsquery, each as a typed word (a prefix, and the known
compounds ending with it: "skådespel" finds "Teaterförening" and "Ungdomsteater" through
"teater"), so an edit counts in the next search and the stored vector and its GIN
index serve as they are; nothing is cached, so nothing goes stale.
Abbreviations are the same mechanism, one column of the group: "IF" finds
"idrottsförening" and "idrottsförening" finds "IF". An abbreviation in the query is
matched as the whole word ('ik', not the prefix 'ik:*' that found "Ikaros") and gets
no compounds or corrections. A name holding the words only through synonyms ranks
below one holding them as typed.

Partial matches: when nothing holds every word of a query of several words, the
directory shows ``search_partial.partial``: the organisations holding any of them,
ranked by how many they hold, bounded like ``bounded``.

Ranking: an organisation named as the query first, then names holding every query
word, then names holding them through synonyms, then ``ts_rank``, then the name. The
name test is a second tsquery on name tokens: every lexeme of the name is also in the
vector as '#n' + lexeme, without position ('#nidrottsförening'), so "the name holds
the word" is answered by the same GIN index and, per row, without reading weights
(the query restricted to weight A had cost as much as the ranking). The tsquery is a
constant, folded once per query by the planner, not parsed per row. The directory
reads a page and the number of matches in one pass (``views.OnePassPaginator``). A
search filtered by an offer flag reads only the rows with the flag: one partial GIN
index on the vector per flag (migration 0005).

Broad words ("förening", "barn") match most of the register: ranking the 45,000
matches of "förening" took 150 ms. The directory ranks at most the first CANDIDATES
organisations whose name holds the words and the first CANDIDATES others
(``bounded``), and says "over 1,000" then. Exports and the open-data API read every
match.

Another app's rows are searched the same way through an ``Index`` naming their table
and vocabulary, and synonym groups if it has them (the contact paths:
portal/contacts/search.py); the functions here take it, the register's ``REGISTER`` by
default.
"""

import re
from dataclasses import dataclass

from django.contrib.postgres.expressions import ArraySubquery
from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connection
from django.db.models import BooleanField, Case, F, FloatField, Func, Value, When
from django.db.models.functions import Lower
from django.db.models.lookups import Exact

from .models import SearchSynonymGroup, SearchWord

CONFIG = "swedish"
STEMMER = "swedish_stem"  # the dictionary of the swedish configuration
WORD_TABLE = SearchWord._meta.db_table
SYNONYM_TABLE = SearchSynonymGroup._meta.db_table
MIN_ABBREVIATION_LENGTH = 2  # "IF", "IK"
MIN_FUZZY_LENGTH = 4  # shorter words have too few trigrams to correct reliably
SIMILARITY = 0.35
MIN_COMPOUND_LENGTH = 3  # "kör" finds "Kammarkören"
MAX_COMPOUNDS = 30  # compound words per query word, the shortest first
MAX_ENTRY_COMPOUNDS = 10  # compound words per synonym entry (a group has several)
MIN_COMPOUND_WORD = 7  # letters before the ending: "ridklubb", not "ungdom" for "dom"
# What may follow the head of a compound in a vocabulary word: an inflection ending.
COMPOUND_ENDINGS = "(en|ens|et|ets|n|ns|t|ts|ar|arna|arnas|er|erna|ernas|or|orna|ornas|na|s|a|e)?"
MAX_WORDS = 8
_WORD = re.compile(r"[^\W_]+")
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
CANDIDATES = 1000  # the directory ranks this many name matches and as many others


@dataclass(frozen=True)
class Index:
    """What a search reads: ``table``, whose rows hold a stored ``search_vector``
    (GIN-indexed, with NAME_TOKEN lexemes of ``name``), and ``words``, its vocabulary
    table of known words (a ``word`` column, trigram-indexed) for compounds and
    misspellings. The register's is ``REGISTER``; another app that searches its own
    rows the same way (the contact paths) names its tables and reuses these functions."""

    table: str
    words: str
    name: str = "name"  # the column that breaks ties of rank
    synonyms: str | None = None  # a table of synonym groups (words[], abbreviations[])


REGISTER = Index(table="organisations_organisation", words=WORD_TABLE, synonyms=SYNONYM_TABLE)

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


def reindex(pks) -> None:
    """Recompute the search vector of the given organisations.

    Call it after an organisation, or the categories/areas/districts it links to,
    changed. One UPDATE for all of them, then the misspelling vocabulary is topped up.
    """
    pks = [int(pk) for pk in pks]
    if not pks:
        return
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


def reindex_all() -> None:
    """Every organisation (after a bulk load)."""
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE organisations_organisation o SET search_vector = {VECTOR_SQL}")
        cursor.execute(
            vocabulary_sql(
                f"SELECT name FROM organisations_organisation UNION ALL {_VOCABULARY_TEXTS}"
            )
        )


Alternatives = dict[str, list[str]]  # query word -> known words it also stands for


@dataclass(frozen=True)
class Synonym:
    """A word or phrase of a synonym group; ``whole``: an abbreviation, matched only as
    the whole word; ``compounds``: the known words whose head it is (``_alternatives``)."""

    text: str
    whole: bool = False
    compounds: tuple[str, ...] = ()

    def fragment(self, *, compounds: bool = True) -> str:
        """Its tsquery, as a typed word's: '(teater:* | ungdomsteater)', '(gymnastik:* &
        och:* & idrottsförening:*)' (to_tsquery stems the words and drops the stop word),
        an abbreviation whole: '(rf)'. A prefix, so an entry reaches the compounds it
        begins and its inflections ("teater" -> "Teaterförening"), and its compounds, so
        it reaches those it ends ("Ungdomsteater"); ``compounds=False`` for the name
        tier, where a typed word's compounds do not count either (``search``)."""
        if self.whole:
            return "(" + " & ".join(words(self.text)) + ")"
        terms = [" & ".join(f"{word}:*" for word in words(self.text))]
        return "(" + " | ".join(terms + list(self.compounds if compounds else ())) + ")"


class Found(tuple):
    """What ``alternatives`` found: unpacks as ``(corrections, compounds)`` as it always
    did, and carries ``synonyms`` (query word -> the Synonyms of its groups) and
    ``whole`` (the query words that are abbreviations, matched as whole words)."""

    synonyms: dict[str, list[Synonym]]
    whole: frozenset[str]

    def __new__(cls, corrections=None, compounds=None, synonyms=None, whole=frozenset()):
        found = super().__new__(cls, (corrections or {}, compounds or {}))
        found.synonyms = synonyms or {}
        found.whole = frozenset(whole)
        return found


def words(q: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(q or "")][:MAX_WORDS]


def _synonym_entries(index: Index) -> str:
    """The synonym groups' entries as rows (group, text, whole, lower-case, stem), the
    stem for one-word entries only: a query word finds a group through its stem
    ("pensionärerna" -> "pensionärer"), an abbreviation through its letters."""
    if index.synonyms is None:
        return "SELECT NULL::bigint, NULL::text, false, NULL::text, NULL::text WHERE false"
    return f"""
        SELECT g.id, e.text, e.whole, lower(e.text),
            CASE WHEN e.text ~ '^[[:alnum:]]+$'
                THEN (ts_lexize('{STEMMER}', lower(e.text)))[1] END
        FROM {index.synonyms} g
        CROSS JOIN LATERAL (
            SELECT unnest(g.words), false UNION ALL SELECT unnest(g.abbreviations), true
        ) e(text, whole)
    """


def _alternatives(query_words: list[str], index: Index = REGISTER) -> Found:
    """Known words a query word also stands for (one query): corrections of misspelled
    words, compounds whose head the word is, and the word's synonyms.

    Corrections: a word nothing known starts with, contains as a compound's head or
    holds in a search vector gets its two most similar vocabulary words. A word counts
    as known when a vocabulary word starts with its stem:
    "volontärer" (stem "volontär") is known through "volontärförening" and is left
    alone, where comparing the word as typed widened it with two lookalikes and tripled
    the matches. The vocabulary holds names, categories, areas and districts, not
    descriptions, so without the stem every inflected word was "corrected". A word
    that some search vector holds (a description's "språkcafé") is known too: one
    GIN probe, where widening it with "språk" added 5,000 unrelated matches.

    Compounds: Swedish puts the head of a compound last ("bollklubb", "kammarkören",
    "pensionärsföreningen"), and the prefix query only finds what a word begins. So a
    known word also looks for the vocabulary words that end with its stem, after at
    least three letters and before at most an inflection ending, the compound (without
    the ending) seven letters or more: "klubb" finds "Tennisklubben" and "Ridklubb",
    "förening" finds "Pensionärsföreningen", "kör" finds "Gospelkören" but not "skör"
    nor "körsbär", and "dom" does not find "ungdom". MAX_COMPOUNDS of the shortest per
    word. A compound ranks below the word itself: only corrections count as the name
    holding the word (``search``). Measured
    against hunspell-sv's compound splitting (benchmarks/compounds.py): this finds
    more compound heads, without its noise ("ungdomar" -> "dom", "domare") or its
    per-connection cost, but only in the vocabulary (not descriptions).

    Synonyms: the other entries of every group (``SearchSynonymGroup``) that holds the
    word, by stem or, for an abbreviation, as written, each one-word entry with the
    compounds it is the head of, as a query word's (``_compounds_sql``), but
    MAX_ENTRY_COMPOUNDS of them: a group has several entries and the planner's estimate
    grows with every term of the OR. A query word that is an abbreviation gets neither
    compounds nor corrections, and ``search`` matches it whole."""
    candidates = sorted({w for w in query_words if len(w) >= MIN_ABBREVIATION_LENGTH})
    if not candidates:
        return Found()
    # The stems are computed once (a materialised CTE): inlined into the anti-join,
    # ts_lexize ran once per vocabulary word and query word (3 ms for three words).
    # A stop word's lexize is empty: no stem, no compounds, no synonyms.
    sql = f"""
        WITH entries(id, text, whole, low, stem) AS MATERIALIZED ({_synonym_entries(index)}
        ), q AS MATERIALIZED (
            SELECT w, (ts_lexize('{STEMMER}', w))[1] AS stem,
                EXISTS (SELECT 1 FROM entries e WHERE e.whole AND e.low = u.w) AS whole
            FROM unnest(%s::text[]) AS u(w)
        ), synonyms AS MATERIALIZED (
            SELECT DISTINCT q.w, other.text, other.whole, other.stem
            FROM q
            JOIN entries hit
                ON (hit.whole AND hit.low = q.w) OR (NOT hit.whole AND hit.stem = q.stem)
            JOIN entries other ON other.id = hit.id
            WHERE NOT (other.whole AND other.low = q.w)
            AND other.stem IS DISTINCT FROM q.stem
        ), compounds AS MATERIALIZED (
            {_compounds_sql("SELECT w, stem FROM q WHERE NOT q.whole", MAX_COMPOUNDS, index)}
        ), entry_compounds AS MATERIALIZED (
            {
        _compounds_sql(
            "SELECT DISTINCT lower(text), stem FROM synonyms WHERE NOT whole",
            MAX_ENTRY_COMPOUNDS,
            index,
        )
    }
        ), unknown AS MATERIALIZED (
            SELECT w FROM q
            WHERE length(w) >= %s AND NOT q.whole
            AND NOT EXISTS (
                SELECT 1 FROM {index.words} e WHERE starts_with(e.word, coalesce(q.stem, q.w))
            )
            AND NOT EXISTS (
                SELECT 1 FROM {index.table} o
                WHERE o.search_vector @@ to_tsquery('{CONFIG}', q.w || ':*')
            )
            AND w NOT IN (SELECT head FROM compounds)
        )
        SELECT 'compound', head, word, false FROM compounds
        UNION ALL
        SELECT 'correction', unknown.w, s.word, false
        FROM unknown
        CROSS JOIN LATERAL (
            SELECT sw.word FROM {index.words} sw
            WHERE sw.word %% unknown.w AND similarity(sw.word, unknown.w) >= %s
            ORDER BY similarity(sw.word, unknown.w) DESC, sw.word
            LIMIT 2
        ) s
        UNION ALL
        SELECT 'synonym', w, text, whole FROM synonyms
        UNION ALL
        SELECT 'entry compound', head, word, false FROM entry_compounds
        UNION ALL
        SELECT 'whole', w, w, true FROM q WHERE q.whole
    """
    corrections: Alternatives = {}
    compounds: Alternatives = {}
    found_synonyms: dict[str, list[tuple[str, bool]]] = {}
    entry_compounds: Alternatives = {}
    whole = set()
    with connection.cursor() as cursor:
        cursor.execute(sql, [candidates, MIN_FUZZY_LENGTH, SIMILARITY])
        for kind, word, alternative, is_whole in cursor.fetchall():
            if kind == "compound":
                compounds.setdefault(word, []).append(alternative)
            elif kind == "correction":
                corrections.setdefault(word, []).append(alternative)
            elif kind == "entry compound":
                entry_compounds.setdefault(word, []).append(alternative)
            elif kind == "whole":
                whole.add(word)
            elif words(alternative):  # a synonym; one without letters would break the tsquery
                found_synonyms.setdefault(word, []).append((alternative, is_whole))
    synonyms = {
        word: sorted(
            (
                Synonym(
                    text, is_whole, () if is_whole else tuple(entry_compounds.get(text.lower(), ()))
                )
                for text, is_whole in listed
            ),
            key=lambda synonym: (synonym.whole, synonym.text.lower()),
        )
        for word, listed in found_synonyms.items()
    }
    return Found(corrections, compounds, synonyms, whole)


def _compounds_sql(heads: str, limit: int, index: Index) -> str:
    """The compounds whose head is a stem, as rows (head, word): for each row
    (head, stem) of the query ``heads``, the ``limit`` shortest vocabulary words that
    end with the stem after three letters or more and before at most an inflection
    ending, seven letters or more without the ending (``_alternatives``). The one
    definition for a query word's compounds and a synonym entry's. The stem is NULL for
    a stop word and for an entry of several words: no compounds."""
    return f"""
        SELECT c.head, h.word
        FROM ({heads}) AS c(head, stem)
        CROSS JOIN LATERAL (
            SELECT sw.word FROM {index.words} sw
            WHERE sw.word LIKE '%%' || c.stem || '%%'
            AND length(substring(
                sw.word FROM '^([[:alnum:]]{{3,}}' || c.stem || '){COMPOUND_ENDINGS}$'
            )) >= {MIN_COMPOUND_WORD}
            ORDER BY length(sw.word), sw.word
            LIMIT {int(limit)}
        ) h
        WHERE length(c.stem) >= {MIN_COMPOUND_LENGTH}
    """


def _tsquery_text(
    query_words: list[str], alternatives: Alternatives, whole: frozenset[str] = frozenset()
) -> str:
    """'(idrott:*) & (trångsumd:* | trångsunds)' — words are letters and digits only, so
    nothing to escape but the operators we add. Stop words ("i", "och") drop out in
    to_tsquery. A word in ``whole`` (an abbreviation) is matched as it is: 'ik', not
    'ik:*', which found "Ikaros"."""
    return " & ".join(tsquery_groups(query_words, alternatives, whole))


def tsquery_groups(
    query_words: list[str], alternatives: Alternatives, whole=frozenset()
) -> list[str]:
    """One tsquery group per query word: the word (a prefix unless ``whole``) or any
    of its alternatives."""
    return [
        "(" + " | ".join([w if w in whole else f"{w}:*", *alternatives.get(w, [])]) + ")"
        for w in query_words
    ]


def with_synonyms(
    alternatives: Alternatives, found: Found, *, compounds: bool = True
) -> Alternatives:
    """``alternatives`` and, for each query word, its synonyms' tsquery fragments
    (without their compounds for the name tests: ``Synonym.fragment``)."""
    merged = {w: list(alts) for w, alts in alternatives.items()}
    for word, synonyms in found.synonyms.items():
        merged.setdefault(word, []).extend(
            synonym.fragment(compounds=compounds) for synonym in synonyms
        )
    return merged


class _NameQuery(SearchQuery):
    """The same query on the name tokens: to_tsquery's result with NAME_TOKEN before
    every lexeme ('idrott':* -> '#nidrott':*), so stemming and stop words stay
    to_tsquery's. Lexemes are letters and digits: no quote inside to trip the pattern."""

    template = (
        f"regexp_replace(to_tsquery('{CONFIG}'::regconfig, %(expressions)s)::text, "
        r"'''([^'']+)''', " + f"'''{NAME_TOKEN}" + r"\1''', 'g')::tsquery"
    )

    def __init__(self, text: str):
        super().__init__(text, search_type="raw")


class _TokenQuery(SearchQuery):
    """A tsquery of filter tokens, cast from text: to_tsquery would split them at "#"."""

    template = "%(expressions)s::tsquery"

    def __init__(self, text: str):
        super().__init__(text, search_type="raw")


def token_query(token: str, pks) -> str:
    """('#kat12' | '#kat15'): any of the given ids, one term for ``filter_by_tokens``."""
    return "(" + " | ".join(f"'{token}{int(pk)}'" for pk in pks) + ")"


def filter_by_tokens(queryset, terms):
    """Organisations whose vector holds every term (PostgreSQL, with a search).

    A category, area or district filter as a join made PostgreSQL check the vector of
    every linked organisation in a loop (4,000 rows for a category); as a condition on
    the vector it is answered by the search's own GIN index scan. A condition of its
    own, not part of the search's tsquery: the rank stays that of the words, and a
    query of stop words only still matches nothing."""
    if not terms:
        return queryset
    return queryset.filter(search_vector=_TokenQuery(" & ".join(terms)))


def alternatives(q: str, index: Index = REGISTER) -> Found:
    """What the query's words also stand for: ``(corrections, compounds)``, with
    ``synonyms`` and ``whole`` beside (``Found``)."""
    query_words = words(q)
    if not query_words:
        return Found()
    return _alternatives(query_words, index)


def included_by_word(q: str, found: Found) -> list[tuple[str, list[str]]]:
    """What the search also looked for: each query word as typed with its synonyms
    (the open-data API's ``included``)."""
    typed = {word.lower(): word for word in _WORD.findall(q or "")}
    return [
        (typed.get(word, word), [synonym.text for synonym in synonyms])
        for word, synonyms in found.synonyms.items()
    ]


def included(q: str, found: Found) -> list[str]:
    """What the search also looked for, as the directory says it: "idrottsförening (IF)",
    "ridskola, RF (ridning)": a query word's synonyms, then the word as typed."""
    return [f"{', '.join(also)} ({word})" for word, also in included_by_word(q, found)]


def _exact_name(index: Index, query_words: list[str]):
    """The name is the query's words, case aside: a plain comparison, cheap per row."""
    return Exact(Lower(F(index.name)), Value(" ".join(query_words)))


def search(queryset, q: str, found_alternatives: Found | None = None, index: Index = REGISTER):
    """Filter ``queryset`` (of Organisation, or of ``index``'s rows) by the query and
    order it by relevance: an organisation named as the query first, then those whose
    name holds every word of the query, then those whose name holds them through
    synonyms, each by ``ts_rank`` (name A, categories and areas B, districts C,
    description D), then by name.

    The name test is the query on the name tokens (see the module's docstring).
    ``found_alternatives``: what ``alternatives(q)`` gave, if the caller has it.
    """
    query_words = words(q)
    if not query_words:
        return queryset
    found = found_alternatives or _alternatives(query_words, index)
    corrections, compounds = found
    either = {w: corrections.get(w, []) + compounds.get(w, []) for w in query_words}
    text = _tsquery_text(query_words, with_synonyms(either, found), found.whole)
    query = SearchQuery(text, config=CONFIG, search_type="raw")
    in_name = _NameQuery(_tsquery_text(query_words, corrections, found.whole))
    tiers = [
        When(_exact_name(index, query_words), then=Value(2.0)),
        When(search_vector=in_name, then=Value(1.0)),
    ]
    if found.synonyms:
        in_name_by_synonyms = _NameQuery(
            _tsquery_text(
                query_words, with_synonyms(corrections, found, compounds=False), found.whole
            )
        )
        tiers.append(When(search_vector=in_name_by_synonyms, then=Value(0.5)))
    return (
        queryset.filter(search_vector=query)
        .annotate(
            rank=SearchRank(F("search_vector"), query)
            + Case(*tiers, default=Value(0.0), output_field=FloatField())
        )
        .order_by("-rank", index.name, "pk")
    )


class _AnyOf(Func):
    """``column = ANY(array)``: with the array of a subquery, PostgreSQL reads the rows
    by the column's index, one probe per element, whatever it expects the subquery to
    hold (for ``IN (subquery)`` it expected more and read the whole table)."""

    output_field = BooleanField()

    def as_sql(self, compiler, connection, **extra_context):
        (column, column_params), (array, array_params) = (
            compiler.compile(expression) for expression in self.get_source_expressions()
        )
        return f"{column} = ANY({array})", [*column_params, *array_params]


def bounded(queryset, q: str, found_alternatives: Found | None = None):
    """Restrict a ``search`` result (with every filter applied) to the organisations
    worth ranking: the first CANDIDATES whose name holds the query's words (through
    synonyms too) and the first CANDIDATES + 1 of all. Up to CANDIDATES matches that is
    every match; above, the count is over CANDIDATES (the directory says "over
    1,000"), names first. Each part stops at its LIMIT (a GIN scan or a short
    sequential one), and the ranking reads the candidates by primary key: 15 ms where
    ranking 45,000 matches of "förening" took 150.

    A word with synonyms: its matches as typed and its synonyms' are two parts of
    CANDIDATES + 1 each. As one OR query the planner expected a fifth of the register
    to match and read it in sequence ("pensionärer": 40 ms instead of 10)."""
    query_words = words(q)
    if not query_words:
        return queryset
    found = found_alternatives or _alternatives(query_words)
    corrections, compounds = found
    by_name = with_synonyms(corrections, found, compounds=False)
    in_name = _NameQuery(_tsquery_text(query_words, by_name, found.whole))
    ids = queryset.order_by().values("pk")
    # Without the ranking (unused here) the parts copy and compile in half the time.
    ids.query.annotations = {}
    parts = [ids.filter(search_vector=in_name)[:CANDIDATES]]
    if len(query_words) == 1 and found.synonyms:
        word = query_words[0]
        typed = _tsquery_text(
            query_words, {word: corrections.get(word, []) + compounds.get(word, [])}, found.whole
        )
        synonyms = " | ".join(synonym.fragment() for synonym in found.synonyms[word])
        for text in (typed, synonyms):
            query = SearchQuery(text, config=CONFIG, search_type="raw")
            parts.append(ids.filter(search_vector=query)[: CANDIDATES + 1])
    else:
        parts.append(ids[: CANDIDATES + 1])
    # The candidates hold the words and pass every filter: the ranking reads them by
    # primary key alone, as an array (id = ANY(ARRAY(...)): an index scan of the
    # candidates). With the conditions repeated around them PostgreSQL read every match
    # a second time to join them ("kultur" in a category: 4,000 rows for 1,000), and
    # with IN (...) it read the whole table to hash-join the candidates of a broad word.
    ranked = queryset.all()
    ranked.query.clear_where()
    candidates = ArraySubquery(parts[0].union(*parts[1:]).order_by())
    return ranked.filter(_AnyOf(F("pk"), candidates))
