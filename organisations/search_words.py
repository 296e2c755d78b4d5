"""What the words of a search query also stand for (``organisations.search``):
compounds, corrections and synonyms, found in one query per search.

Compounds: Swedish puts a compound's head last ("Bollklubben"), which no prefix
query reaches; a query word also looks for the known words ending with it ("klubb"
-> bollklubb, tennisklubben; see ``_alternatives``, and benchmarks/compounds.py for
why not hunspell-sv's ispell dictionary).

Misspellings: the vocabulary (``search_index``) is consulted once per search (the same
query as the compounds); a query word whose stem starts no known word is widened with
the two most similar known words (``similarity`` via pg_trgm), so "Trångsumd" also
looks for "trångsunds". Trigram matching over a few thousand words costs a millisecond
where trigram similarity over every name costs hundreds at 50,000 associations.

Letters left out: on a phone or keyboard set to English people write "forening" and
"pensionarer". A word whose stem starts no known word, but does once å, ä, ö and é
are read as a, a, o and e, is read with its letters ("pensionärer") and searched as
if typed so: a prefix, with its compounds and synonyms. Trigram similarity alone
had "corrected" "forening" to "fiberförening" and "pensionarer" to "pensioners".
A word no name holds is read from the descriptions' words with those letters
("traning" -> "träning", "lakare" -> "läkare"), but only when no description holds it
as typed: "anda" (a good spirit) stays "anda", not "ända".
A word of a synonym group is known: "fotbollsklubb", which no name holds, means
FF and FK, not its lookalike "handbollsklubb"; and a misspelled one is read as the
entry it resembles, with its group: "fotbolk" finds the FF clubs.

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
below one holding them as typed (``search``).
"""

import re
from dataclasses import dataclass

from django.db import connection
from django.db.models import Func, TextField, Value

from .search_index import CONFIG, FOLDED_FROM, FOLDED_TO, REGISTER, STEMMER, Index

MIN_ABBREVIATION_LENGTH = 2  # "IF", "IK"
MIN_FUZZY_LENGTH = 4  # shorter words have too few trigrams to correct reliably
SIMILARITY = 0.35
MIN_COMPOUND_LENGTH = 3  # "kör" finds "Kammarkören"
MAX_COMPOUNDS = 30  # compound words per query word, the shortest first
MAX_ENTRY_COMPOUNDS = 10  # compound words per synonym entry (a group has several)
MIN_COMPOUND_WORD = 7  # letters before the ending: "ridklubb", not "ungdom" for "dom"
# What may follow the head of a compound in a vocabulary word: an inflection ending.
# "ern" and "erns": the definite form of a noun in -er whose stem drops it ("teater",
# stem "teat" -> "Ungdomsteatern").
COMPOUND_ENDINGS = (
    "(en|ens|et|ets|n|ns|t|ts|ar|arna|arnas|er|ern|erns|erna|ernas|or|orna|ornas|na|s|a|e)?"
)
MAX_WORDS = 8
# The last code point: in byte order (COLLATE "C") every string starting with a prefix
# sorts below the prefix followed by it.
LAST_LETTER = 0x10FFFF
_WORD = re.compile(r"[^\W_]+")


Alternatives = dict[str, list[str]]  # query word -> known words it also stands for, as
# tsquery terms: a word read with its left-out letters is a prefix ("pensionärer:*")


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

    Corrections: a word nothing known starts with, contains as a compound's head,
    holds in a search vector or lists in a synonym group gets its two most similar
    vocabulary words, unless it is known once its left-out letters are restored
    (``_restored_sql``): then it is the restored word, as a prefix. A word counts
    as known when a vocabulary word starts with its stem, or a synonym group lists it:
    "volontärer" (stem "volontär") is known through "volontärförening" and is left
    alone, where comparing the word as typed widened it with two lookalikes and tripled
    the matches. The vocabulary holds names, categories, areas and districts, not
    descriptions, so without the stem every inflected word was "corrected". A word
    that some search vector holds (a description's "språkcafé") is known too: one
    GIN probe, where widening it with "språk" added 5,000 unrelated matches. A stop
    word ("vara", "inte") is no misspelling: the search leaves it out, and correcting
    it had "vara ute i skogen" look for "vårby".

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
    word, by stem (or an entry's stem beginning with the stem of a word of
    MIN_FUZZY_LENGTH letters or more, as the prefix query reads it: "fotbol" is
    "fotboll"'s) or, for an abbreviation, as written, each one-word entry with the
    compounds it is the head of, as a query word's (``_compounds_sql``), but
    MAX_ENTRY_COMPOUNDS of them: a group has several entries and the planner's estimate
    grows with every term of the OR. A query word that is an abbreviation gets neither
    compounds nor corrections, and ``search`` matches it whole. A word to correct
    that resembles a group's one-word entry ("fotbolk", "simsälskap") is read as that
    entry (``near``) and gets the group's other entries."""
    candidates = sorted({w for w in query_words if len(w) >= MIN_ABBREVIATION_LENGTH})
    if not candidates:
        return Found()
    # The stems are computed once (a materialised CTE): inlined into the anti-join,
    # ts_lexize ran once per vocabulary word and query word (3 ms for three words).
    # A stop word's lexize is empty: no stem, no compounds, no synonyms.
    sql = f"""
        WITH entries(id, text, whole, low, stem) AS MATERIALIZED ({_synonym_entries(index)}
        ), typed AS MATERIALIZED (
            SELECT w, s.stem,
                EXISTS (SELECT 1 FROM entries e WHERE e.whole AND e.low = u.w) AS whole,
                EXISTS (
                    SELECT 1 FROM {index.words} e
                    WHERE {_folded_range("e.word", "coalesce(s.stem, w)")}
                    AND starts_with(e.word, coalesce(s.stem, w))
                ) OR EXISTS (SELECT 1 FROM entries e WHERE NOT e.whole AND e.stem = s.stem)
                AS known
            FROM unnest(%s::text[]) AS u(w)
            CROSS JOIN LATERAL (SELECT (ts_lexize('{STEMMER}', w))[1]) AS s(stem)
        ), q AS MATERIALIZED (
            SELECT t.w, coalesce(r.stem, t.stem) AS stem, t.whole,
                t.known OR r.stem IS NOT NULL AS known, r.word AS restored
            FROM typed t
            LEFT JOIN LATERAL ({_restored_sql("t", index)}) r ON true
        ), synonyms AS MATERIALIZED (
            SELECT DISTINCT q.w, other.text, other.whole, other.stem
            FROM q
            JOIN entries hit
                ON (hit.whole AND hit.low = q.w) OR (NOT hit.whole AND (hit.stem = q.stem
                    OR length(q.stem) >= {MIN_FUZZY_LENGTH} AND starts_with(hit.stem, q.stem)))
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
            WHERE length(w) >= %s AND NOT q.whole AND NOT q.known AND q.stem IS NOT NULL
            AND NOT {_held("q.w", index)}
            AND w NOT IN (SELECT head FROM compounds)
            AND w NOT IN (SELECT w FROM synonyms)
        ), near AS MATERIALIZED (
            SELECT unknown.w, e.id, e.low FROM unknown
            CROSS JOIN LATERAL (
                SELECT e.id, e.low FROM entries e
                WHERE NOT e.whole AND e.stem IS NOT NULL
                AND similarity({_folded("e.low")}, {_folded("unknown.w")}) >= %s
                ORDER BY similarity({_folded("e.low")}, {_folded("unknown.w")}) DESC, e.low
                LIMIT 1
            ) e
        )
        SELECT 'compound', head, word, false FROM compounds
        UNION ALL
        SELECT 'correction', unknown.w, s.word, false
        FROM unknown
        CROSS JOIN LATERAL (
            SELECT sw.word FROM {index.words} sw
            WHERE {_folded("sw.word")} %% {_folded("unknown.w")}
            AND similarity({_folded("sw.word")}, {_folded("unknown.w")}) >= %s
            ORDER BY similarity({_folded("sw.word")}, {_folded("unknown.w")}) DESC,
                similarity(sw.word, unknown.w) DESC, sw.word
            LIMIT 2
        ) s
        UNION ALL
        SELECT 'synonym', w, text, whole FROM synonyms
        UNION ALL
        SELECT 'entry compound', head, word, false FROM entry_compounds
        UNION ALL
        SELECT 'whole', w, w, true FROM q WHERE q.whole
        UNION ALL
        SELECT 'restored', w, restored, false FROM q WHERE restored IS NOT NULL
        UNION ALL
        SELECT 'restored', w, low, false FROM near
        UNION ALL
        SELECT 'synonym', near.w, other.text, other.whole
        FROM near JOIN entries other ON other.id = near.id AND other.low <> near.low
    """
    corrections: Alternatives = {}
    compounds: Alternatives = {}
    found_synonyms: dict[str, list[tuple[str, bool]]] = {}
    entry_compounds: Alternatives = {}
    whole = set()
    with connection.cursor() as cursor:
        cursor.execute(
            sql, [candidates, MIN_FUZZY_LENGTH, MIN_FUZZY_LENGTH, SIMILARITY, SIMILARITY]
        )
        for kind, word, alternative, is_whole in cursor.fetchall():
            if kind == "compound":
                compounds.setdefault(word, []).append(alternative)
            elif kind == "correction":
                corrections.setdefault(word, []).append(alternative)
            elif kind == "entry compound":
                entry_compounds.setdefault(word, []).append(alternative)
            elif kind == "whole":
                whole.add(word)
            elif kind == "restored":  # as the word typed is: a prefix
                corrections.setdefault(word, []).append(f"{alternative}:*")
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


def _restored_sql(typed: str, index: Index) -> str:
    """The word of the row ``typed`` (w, stem, whole, known) with the letters it was
    typed without, as (stem, word): for a word of MIN_FUZZY_LENGTH letters or more whose
    stem starts no vocabulary word, the stem as the shortest vocabulary word starting
    with it writes it, once å, ä, ö and é are read as a, a, o and e ("pensionar" ->
    "pensionär"), and the typed word's ending after it ("pensionärer"), or that word
    itself if it is the typed word with its letters ("språkcafé"). Failing that,
    and if no vector holds the word as typed, the same from the descriptions' words
    (``index.text_words``). No row for an abbreviation, a stop word (no stem) or a
    word nothing restores."""
    branches = [_restoring(typed, index.words)]
    if index.text_words:
        branches.append(
            _restoring(
                typed,
                index.text_words,
                also=f"AND left(sw.word, length({typed}.stem)) <> {typed}.stem "
                f"AND NOT {_held(f'{typed}.w', index)}",
            )
        )
    return f"""
        SELECT * FROM ({" UNION ALL ".join(branches)}) r
        WHERE NOT {typed}.whole AND NOT {typed}.known AND length({typed}.w) >= %s
        LIMIT 1
    """


def _restoring(typed: str, table: str, also: str = "") -> str:
    """One vocabulary ``table``'s restoration of the row ``typed`` (``_restored_sql``):
    its shortest word whose folded form the folded stem starts, read by its folded
    index as a range."""
    return f"""(
        SELECT left(sw.word, length({typed}.stem)) AS stem,
            CASE WHEN {_folded("sw.word")} = {_folded(f"{typed}.w")} THEN sw.word
            ELSE left(sw.word, length({typed}.stem)) || substr({typed}.w, length({typed}.stem) + 1)
            END AS word
        FROM {table} sw
        WHERE {_folded_range("sw.word", f"{typed}.stem")}
        {also}
        ORDER BY length(sw.word), sw.word
        LIMIT 1
    )"""


def _folded_range(word: str, prefix: str) -> str:
    """The condition that the folded ``word`` starts with the folded ``prefix`` (two SQL
    expressions), as the range the vocabularies' folded index serves: a word with its
    letters as typed starts so too, so an exact prefix test on top reads only these."""
    return (
        f'{_folded(word)} COLLATE "C" >= {_folded(prefix)} '
        f'AND {_folded(word)} COLLATE "C" < {_folded(prefix)} || chr({LAST_LETTER})'
    )


def _held(word: str, index: Index) -> str:
    """Whether some row's vector holds ``word`` (an SQL expression) as a prefix: one GIN
    probe."""
    return f"""EXISTS (
        SELECT 1 FROM {index.table} o
        WHERE o.search_vector @@ to_tsquery('{CONFIG}', {word} || ':*')
    )"""


def _folded(expression: str) -> str:
    """``expression`` with the letters a keyboard without them leaves out read plainly:
    the expression of the vocabulary's two folded indexes (migration 0024): a trigram
    one for pg_trgm's %, and one in byte order for the words a stem starts, as a range
    (from the stem to the stem and the last code point), which a stem from another
    row of the query can use (LIKE or starts_with with it read the whole vocabulary)."""
    return f"translate({expression}, '{FOLDED_FROM}', '{FOLDED_TO}')"


class Folded(Func):
    """``_folded`` as an expression, for the ORM (the exact-name tier of ``search``)."""

    function = "translate"
    output_field = TextField()

    def __init__(self, expression):
        super().__init__(expression, Value(FOLDED_FROM), Value(FOLDED_TO))


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


def alternatives(q: str, index: Index = REGISTER) -> Found:
    """What the query's words also stand for: ``(corrections, compounds)``, with
    ``synonyms`` and ``whole`` beside (``Found``)."""
    query_words = words(q)
    if not query_words:
        return Found()
    return _alternatives(query_words, index)


def corrected(found: Found) -> list[str]:
    """The words a search looked for in place of words not found as typed, as the
    directory shows them: corrections and restored letters ("pensionärer", not the
    prefix query 'pensionärer:*')."""
    return sorted({word.removesuffix(":*") for words in found[0].values() for word in words})


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
