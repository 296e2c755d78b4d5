"""The best partial matches of a search (``organisations.search``): for a query of
several words that nothing holds all of, those holding the most of them, instead of
an empty page."""

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db.models import Case, F, Value, When

from . import search


def wanted(q: str, matches: int) -> bool:
    """Whether a search shows its partial matches: a query of several words that no
    association holds all of (``matches``: how many hold them all). The one rule of
    the directory and the open-data API."""
    return not matches and len(search.words(q)) > 1


def exact_below(q: str) -> int:
    """Up to this many partial matches (the smallest part's LIMIT, see ``partial``) no
    part was cut and the count is every partial match; from it on, more may match."""
    return max(search.CANDIDATES // max(len(search.words(q)), 1), 1)


def partial(
    queryset,
    q: str,
    found_alternatives: search.Found | None = None,
    index: search.Index = search.REGISTER,
):
    """The best partial matches of a query of several words that nothing matches
    whole: ``queryset`` (every filter applied) narrowed to the organisations holding
    any of the words, ranked by how many they hold, then by ``ts_rank``, then by name.

    Bounded as ``search.bounded`` is: only the first CANDIDATES holding any one word
    (shared by the words), and for three words or more the first CANDIDATES holding
    all but one, are ranked, each part a GIN scan that stops at its LIMIT. Empty for a
    query of one word."""
    query_words = search.words(q)
    if len(query_words) < 2:
        return queryset.none()
    found = found_alternatives or search.alternatives(q, index)
    corrections, compounds = found
    either = {w: corrections.get(w, []) + compounds.get(w, []) for w in query_words}
    groups = search.tsquery_groups(query_words, search.with_synonyms(either, found), found.whole)

    def query(text: str) -> SearchQuery:
        return SearchQuery(text, config=search.CONFIG, search_type="raw")

    ids = queryset.order_by().values("pk")
    # Those holding one word are the weakest matches: CANDIDATES of them in all, and a
    # word's synonyms a part of their own (see ``bounded``: as one OR query the planner
    # read the table in sequence).
    single = exact_below(q)
    parts = []
    for word in query_words:
        typed = search.tsquery_groups([word], either, found.whole)[0]
        parts.append(ids.filter(search_vector=query(typed))[:single])
        if found.synonyms.get(word):
            synonyms = " | ".join(synonym.fragment() for synonym in found.synonyms[word])
            parts.append(ids.filter(search_vector=query(synonyms))[:single])
    if len(groups) > 2:
        parts += [
            ids.filter(search_vector=query(" & ".join(groups[:i] + groups[i + 1 :])))[
                : search.CANDIDATES
            ]
            for i in range(len(groups))
        ]
    held = sum(
        (
            Case(When(search_vector=query(group), then=Value(1.0)), default=Value(0.0))
            for group in groups
        ),
        start=Value(0.0),
    )
    any_word = query(" | ".join(groups))
    return (
        queryset.filter(pk__in=parts[0].union(*parts[1:]))
        .annotate(rank=held + SearchRank(F("search_vector"), any_word))
        .order_by("-rank", index.name, "pk")
    )
