"""Search in the association register.

Full-text search with the ``swedish`` configuration over the stored, GIN-indexed
search vector (``search_index``). Every word of the query becomes a prefix query
(``idrott:*``), so inflected forms are stemmed ("idrottsföreningar" ->
``idrottsförening``) and the head of a Swedish compound finds the compound ("idrott"
finds "Idrottsförening"); each word's OR group adds what it also stands for:
compounds ending with it, corrections of a misspelling, synonyms and abbreviations
(``search_words``).

Partial matches: when nothing holds every word of a query of several words, the
directory shows ``search_partial.partial``: the organisations holding any of them,
ranked by how many they hold, bounded like ``bounded``.

Ranking: an organisation named as the query first, then names holding every query
word, then names holding them through synonyms, then ``ts_rank``, then the name. The
name test is a second tsquery on the name tokens ('#nidrottsförening', see
``search_index``), so "the name holds the word" is answered by the same GIN index and,
per row, without reading weights (the query restricted to weight A had cost as much as
the ranking). The tsquery is a constant, folded once per query by the planner, not
parsed per row. The directory reads a page and the number of matches in one pass
(``views.OnePassPaginator``). A search filtered by an offer flag reads only the rows
with the flag: one partial GIN index on the vector per flag (migration 0005).

Broad words ("förening", "barn") match most of the register: ranking the 45,000
matches of "förening" took 150 ms. The directory ranks at most the first CANDIDATES
organisations whose name holds the words and the first CANDIDATES others
(``bounded``), and says "over 1,000" then. Exports and the open-data API read every
match.

This module is the entry point the rest of the code imports the search from: it
re-exports the index's and the query words' public names (``__all__``).
"""

from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db.models import (
    BigIntegerField,
    BooleanField,
    Case,
    Expression,
    F,
    FloatField,
    Func,
    Q,
    Value,
    When,
)
from django.db.models.functions import Length, Lower
from django.db.models.lookups import Exact

from .search_index import (
    AREA_TOKEN,
    CATEGORY_TOKEN,
    CONFIG,
    DISTRICT_TOKEN,
    NAME_TOKEN,
    REGISTER,
    Index,
    reindex,
    reindex_all,
    vocabulary_sql,
)
from .search_words import (
    Alternatives,
    Folded,
    Found,
    _alternatives,
    alternatives,
    corrected,
    included,
    included_by_word,
    words,
)

__all__ = [
    "AREA_TOKEN",
    "CANDIDATES",
    "CATEGORY_TOKEN",
    "CONFIG",
    "DISTRICT_TOKEN",
    "NAME_TOKEN",
    "REGISTER",
    "Alternatives",
    "Found",
    "Index",
    "alternatives",
    "bounded",
    "corrected",
    "filter_by_tokens",
    "included",
    "included_by_word",
    "reindex",
    "reindex_all",
    "search",
    "token_query",
    "tsquery_groups",
    "vocabulary_sql",
    "with_synonyms",
    "words",
]

CANDIDATES = 1000  # the directory ranks this many name matches and as many others


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


def _match_text(query_words: list[str], found: Found) -> str:
    """The tsquery of what matches: each word, its corrections, compounds and synonyms."""
    corrections, compounds = found
    either = {w: corrections.get(w, []) + compounds.get(w, []) for w in query_words}
    return _tsquery_text(query_words, with_synonyms(either, found), found.whole)


def _exact_name(index: Index, query_words: list[str]):
    """The name is the query's words, case and left-out å, ä and ö aside ("skogas ff"
    names "Skogås FF"): plain comparisons, cheap per row, the length first (folding
    every ranked name cost more than the rest of the tiers)."""
    typed = " ".join(query_words)
    return Q(
        Exact(Length(index.name), len(typed)),
        Exact(Folded(Lower(F(index.name))), Folded(Value(typed))),
    )


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
    corrections, _compounds = found
    query = SearchQuery(_match_text(query_words, found), config=CONFIG, search_type="raw")
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


class _Candidates(Expression):
    """The ids worth ranking, as an array: the first part of ``every`` (a LIMIT
    CANDIDATES + 1), its other parts (a word's synonyms) only when the first was not
    cut, and the names holding the words (``by_name``) only when the parts together
    hold more than CANDIDATES. Up to CANDIDATES matches the parts hold every match and
    so every name; from CANDIDATES + 1 the page ranks a bounded set anyway, and each
    part left out is a GIN scan not run: one-time filters on the counts of
    materialised CTEs."""

    output_field = ArrayField(BigIntegerField())

    def __init__(self, every, by_name):
        super().__init__()
        self.every, self.by_name = every, by_name

    def as_sql(self, compiler, connection, **extra_context):
        (first, first_params), *others = (
            part.query.get_compiler(connection=connection).as_sql() for part in self.every
        )
        named, named_params = self.by_name.query.get_compiler(connection=connection).as_sql()
        gated = "".join(
            f" UNION ALL SELECT id FROM ({sql}) AS other(id) "
            "WHERE (SELECT count(*) FROM first) <= %s"
            for sql, _params in others
        )
        sql = (
            f"ARRAY(WITH first(id) AS MATERIALIZED ({first}), "
            f"every(id) AS MATERIALIZED (SELECT id FROM first{gated}) "
            "SELECT id FROM every UNION "
            f"SELECT id FROM ({named}) AS named(id) WHERE (SELECT count(*) FROM every) > %s)"
        )
        params = [*first_params]
        for _sql, other_params in others:
            params += [*other_params, CANDIDATES]
        return sql, [*params, *named_params, CANDIDATES]


def bounded(queryset, q: str, found_alternatives: Found | None = None):
    """``search`` of ``queryset`` (every filter applied), ranked among the organisations
    worth ranking: the first CANDIDATES + 1 matches and, when there are more, the first
    CANDIDATES whose name holds the query's words (through synonyms too). Up to
    CANDIDATES matches that is every match; above, the count is over CANDIDATES (the
    directory says "over 1,000"), names first. Each part stops at its LIMIT (a GIN scan
    or a short sequential one) and looks up its own words only (not the whole search
    again), and the ranking reads the candidates by primary key: 15 ms where ranking
    45,000 matches of "förening" took 150.

    A word with synonyms: its matches as typed and its synonyms' are two parts of
    CANDIDATES + 1 each, the synonyms' looked up only when the typed word's was not
    cut. As one OR query the planner expected a fifth of the register to match and
    read it in sequence ("pensionärer": 40 ms instead of 10)."""
    query_words = words(q)
    if not query_words:
        return queryset
    found = found_alternatives or _alternatives(query_words)
    corrections, compounds = found
    by_name = with_synonyms(corrections, found, compounds=False)
    in_name = _NameQuery(_tsquery_text(query_words, by_name, found.whole))
    ids = queryset.order_by().values("pk")
    if len(query_words) == 1 and found.synonyms:
        typed = _match_text(query_words, Found(corrections, compounds, whole=found.whole))
        synonyms = " | ".join(synonym.fragment() for synonym in found.synonyms[query_words[0]])
        # "& the whole match" says nothing more, but on the synonyms alone the planner
        # expected thrice the rows and read the table in sequence for its LIMIT.
        texts = [typed, f"({synonyms}) & {_match_text(query_words, found)}"]
    else:
        texts = [_match_text(query_words, found)]
    every = [
        ids.filter(search_vector=SearchQuery(text, config=CONFIG, search_type="raw"))[
            : CANDIDATES + 1
        ]
        for text in texts
    ]
    # The candidates hold the words and pass every filter: the ranking reads them by
    # primary key alone, as an array (id = ANY(ARRAY(...)): an index scan of the
    # candidates). With the conditions repeated around them PostgreSQL read every match
    # a second time to join them ("kultur" in a category: 4,000 rows for 1,000), and
    # with IN (...) it read the whole table to hash-join the candidates of a broad word.
    ranked = search(queryset, q, found)
    ranked.query.clear_where()
    candidates = _Candidates(every, ids.filter(search_vector=in_name)[:CANDIDATES])
    return ranked.filter(_AnyOf(F("pk"), candidates))
