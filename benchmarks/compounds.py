"""Swedish compounds in the register search: what hunspell-sv's ispell dictionary finds.

    .venv/bin/python benchmarks/compounds.py     # database portal_compounds, made if missing

Compares, for 32 queries a volunteer would type, on 5,020 public associations (the
197 demo ones, 35 hand-written realistic ones with typical compounds, 5,000 seeded the
way benchmarks/register.py seeds them):

(a)   today: ``organisations.search.search`` (``swedish`` vector, prefix per word,
      trigram corrections from SearchWord);
(b=)  a ``swedish_compound`` configuration (hunspell-sv's ispell dictionary before
      ``swedish_stem``), vector and plain query built with it;
(b*)  the same vector, today's query text (prefix per word, corrections) in that config;
(c)   today's vector plus the ispell lexemes it lacks (compound parts, dictionary forms)
      in weight D, queried exactly as today; (c-) the same, extra lexemes from name,
      categories and areas only (not the description);
(d)   no dictionary: today's vector and query, each word widened with the known words
      (SearchWord: names, categories, areas, districts) holding its stem after the first
      letter ("klubb" -> bollklubb | tennisklubben ...; stems of 4+ letters).

It prints the counts, the tsqueries, examples of what only (b*)/only (a) find and what
(c)/(d) add (the matching word in [brackets]), how hunspell-sv treats the long words of
the register's names, then index sizes, build time, and first-use cost. The
configuration lives only in portal_compounds; product tables are only read and seeded.
Environment: DATABASE_URL, COMPOUNDS_ORGANISATIONS (seeded, default 5,000; keep <= 10,000).

The figures and the decision taken on them are in benchmarks/README.md.
"""

import os
import statistics
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from compounds_data import HAND_PREFIX, HANDWRITTEN, QUERIES

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.test")
os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/portal_compounds")
SEEDED = int(os.environ.get("COMPOUNDS_ORGANISATIONS", 5_000))
os.environ["BENCH_ORGANISATIONS"] = str(SEEDED)
os.environ["BENCH_ACTIVITIES"] = "0"


def ensure_database(url: str) -> None:
    import psycopg

    base, name = url.rsplit("/", 1)
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{name}"')


ensure_database(os.environ["DATABASE_URL"])

import psycopg  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.utils.text import slugify  # noqa: E402

import benchmarks.register as register  # noqa: E402  (runs django.setup())
from organisations import demo, search, search_index, search_words  # noqa: E402
from organisations.models import ActivityArea, Category, District, Organisation  # noqa: E402

say = register.say
DICTIONARY = "sv_hunspell"
CONFIG = "swedish_compound"
WORD_TOKENS = "asciiword, asciihword, hword_asciipart, word, hword, hword_part"
SETUP_SQL = [
    f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {CONFIG}",
    f"DROP TEXT SEARCH DICTIONARY IF EXISTS {DICTIONARY}",
    # Files: /usr/share/postgresql/15/tsearch_data/sv_se.{dict,affix}, links that
    # postgresql-common's pg_updatedicts (run by apt's trigger) makes to UTF-8 copies
    # of /usr/share/hunspell/sv_SE.{dic,aff} in /var/cache/postgresql/dicts/.
    f"CREATE TEXT SEARCH DICTIONARY {DICTIONARY} "
    "(TEMPLATE = ispell, DictFile = sv_se, AffFile = sv_se, StopWords = swedish)",
    f"CREATE TEXT SEARCH CONFIGURATION {CONFIG} (COPY = swedish)",
    # A word the ispell dictionary does not know (place names, "språkcafé") falls
    # through to the stemmer: an ispell dictionary returns NULL for unknown words.
    f"ALTER TEXT SEARCH CONFIGURATION {CONFIG} ALTER MAPPING FOR {WORD_TOKENS} "
    f"WITH {DICTIONARY}, swedish_stem",
]

# The texts a vector is made of, as in organisations.search_index.VECTOR_SQL.
FIELDS = {
    "name": ("A", "coalesce(o.name, '')"),
    "categories": (
        "B",
        """coalesce((SELECT string_agg(c.name, ' ') FROM organisations_category c
        JOIN organisations_organisation_categories oc ON oc.category_id = c.id
        WHERE oc.organisation_id = o.id), '')""",
    ),
    "areas": (
        "B",
        """coalesce((SELECT string_agg(a.name, ' ') FROM organisations_activityarea a
        JOIN organisations_organisation_areas oa ON oa.activityarea_id = a.id
        WHERE oa.organisation_id = o.id), '')""",
    ),
    "districts": (
        "C",
        """coalesce((SELECT string_agg(d.name, ' ') FROM organisations_district d
        JOIN organisations_organisation_districts od ON od.district_id = d.id
        WHERE od.organisation_id = o.id), '')""",
    ),
    "description": ("D", "coalesce(o.description, '')"),
}
SHORT_FIELDS = ["name", "categories", "areas"]
TODAY_SQL = search_index.VECTOR_SQL
ISPELL_SQL = search_index.VECTOR_SQL.replace(f"'{search.CONFIG}'", f"'{CONFIG}'")
assert ISPELL_SQL != TODAY_SQL


def fields_sql(config: str, names) -> str:
    return " || ".join(
        f"setweight(to_tsvector('{config}', {FIELDS[n][1]}), '{FIELDS[n][0]}')" for n in names
    )


def extra(base: str, ispell: str) -> str:
    """``base`` plus the lexemes of ``ispell`` it lacks, in weight D."""
    return f"{base} || setweight(ts_delete({ispell}, tsvector_to_array({base})), 'D')"


COLUMNS = {
    # column: (expression over o, for timing; stored expression over the side table)
    "swedish": TODAY_SQL,
    "ispell": ISPELL_SQL,
    "combo": extra("s", "i"),
    "combo_short": extra("s", "i_short"),
}
LABELS = {
    "swedish": "(a) today",
    "ispell": "(b) ispell",
    "combo": "(c) today + ispell D",
    "combo_short": "(c-) today + ispell D, name/cat/areas",
}


def sql(query, params=None):
    with connection.cursor() as cursor:
        cursor.execute(query, params)
        return cursor.fetchall() if cursor.description else None


# --- data -----------------------------------------------------------------------------


class _Out:
    def write(self, text):
        say("  " + text)


def seed_handwritten() -> None:
    if Organisation.objects.filter(slug__startswith=HAND_PREFIX).count() == len(HANDWRITTEN):
        return
    Organisation.objects.filter(slug__startswith=HAND_PREFIX).delete()
    categories = {c.name: c for c in Category.objects.all()}
    districts = {d.name: d for d in District.objects.all()}
    areas = {a.name: a for a in ActivityArea.objects.all()}
    pks = []
    for name, category, district, area_names, description in HANDWRITTEN:
        organisation = Organisation.objects.create(
            name=name,
            slug=HAND_PREFIX + slugify(name),
            description=description,
            status=Organisation.Status.ACTIVE,
            is_public=True,
        )
        organisation.categories.set([categories[category]])
        organisation.districts.set([districts[district]])
        organisation.areas.set([areas[a] for a in area_names])
        pks.append(organisation.pk)
    search.reindex(pks)


def prepare() -> None:
    call_command("migrate", verbosity=0)
    connection.close()
    demo.load(_Out())
    seed_handwritten()
    register.ORGANISATIONS, register.ACTIVITIES = SEEDED, 0
    if not register.seeded():
        say(f"Seeding {SEEDED:,} associations as benchmarks/register.py does …")
        register.seed()
    register.settle()


def setup_configuration() -> None:
    try:
        for statement in SETUP_SQL:
            sql(statement)
    except Exception as error:  # noqa: BLE001
        sys.exit(
            f"{error}\nThe ispell dictionary is missing: apt-get install hunspell-sv "
            "(its trigger runs pg_updatedicts, which links sv_se.dict/sv_se.affix into "
            "/usr/share/postgresql/<version>/tsearch_data/)."
        )


def build_vectors() -> None:
    sql("DROP TABLE IF EXISTS compounds_vectors")
    # One statement, no UPDATE: with dead row versions that an open snapshot elsewhere
    # can still see, CREATE INDEX indexes them too and the sizes come out doubled.
    sql(
        f"""CREATE TABLE compounds_vectors AS
        SELECT id, swedish, ispell, {extra("swedish", "ispell")} AS combo,
               {extra("swedish", "ispell_short")} AS combo_short
        FROM (SELECT o.id, o.search_vector AS swedish, {ISPELL_SQL} AS ispell,
                     ({fields_sql(CONFIG, SHORT_FIELDS)}) AS ispell_short
              FROM organisations_organisation o OFFSET 0) v"""
    )
    sql("ALTER TABLE compounds_vectors ADD PRIMARY KEY (id)")
    for column in COLUMNS:
        sql(f"CREATE INDEX compounds_vectors_{column} ON compounds_vectors USING gin ({column})")
    sql("VACUUM ANALYZE compounds_vectors")
    # Sanity: the vector of (a) built here is the product's stored one.
    differing = sql(
        f"SELECT count(*) FROM organisations_organisation o "
        f"WHERE o.search_vector IS DISTINCT FROM ({TODAY_SQL})"
    )[0][0]
    assert differing == 0, f"{differing} stored vectors differ from VECTOR_SQL"


# --- queries ----------------------------------------------------------------------------


def tsquery(config: str, text: str) -> str:
    return sql("SELECT to_tsquery(%s::regconfig, %s)::text", [config, text])[0][0]


def matches(column: str, config: str, text: str, public: set[int]) -> set[int]:
    rows = sql(
        f"SELECT id FROM compounds_vectors WHERE {column} @@ to_tsquery(%s::regconfig, %s)",
        [config, text],
    )
    return {pk for (pk,) in rows} & public


HEADLINE_TEXT = (
    f"{FIELDS['name'][1]} || ' · ' || {FIELDS['categories'][1]} || ' · ' || "
    f"{FIELDS['areas'][1]} || ' · ' || {FIELDS['description'][1]}"
)


def infix_alternatives(query_words: list[str]) -> dict[str, list[str]]:
    """(d): known words (names, categories, areas, districts) holding a query word's stem
    after their first letter: "klubb" -> bollklubb, tennisklubben; no dictionary."""
    rows = sql(
        f"""WITH q AS MATERIALIZED (
            SELECT w, coalesce((ts_lexize('{search_index.STEMMER}', w))[1], w) AS stem
            FROM unnest(%s::text[]) AS u(w))
        SELECT q.w, sw.word FROM q JOIN {search_index.WORD_TABLE} sw ON strpos(sw.word, q.stem) > 1
        WHERE length(q.stem) >= %s ORDER BY sw.word""",
        [query_words, search_words.MIN_FUZZY_LENGTH],
    )
    result: dict[str, list[str]] = {}
    for word, known in rows:
        result.setdefault(word, []).append(known)
    return result


def infix_text(query_words, corrections, infixes) -> str:
    groups = []
    for word in query_words:
        alternatives = [f"{word}:*", *corrections.get(word, []), *infixes.get(word, [])]
        groups.append("(" + " | ".join(alternatives) + ")")
    return " & ".join(groups)


def coverage() -> None:
    """How hunspell-sv treats the long words of names, categories, areas, districts."""
    rows = sql(
        f"SELECT word, ts_lexize('{DICTIONARY}', word) FROM {search_index.WORD_TABLE} "
        "WHERE length(word) >= 8 ORDER BY word"
    )
    kinds: dict[str, list[str]] = {"split": [], "known whole": [], "unknown": []}
    for word, lexemes in rows:
        if lexemes is None:
            kinds["unknown"].append(word)
        elif any(word.find(lexeme) > 0 for lexeme in lexemes):
            kinds["split"].append(f"{word}→{'+'.join(dict.fromkeys(lexemes))}")
        else:
            kinds["known whole"].append(word)
    say(
        f"\nhunspell-sv on the {len(rows)} words of 8+ letters in names, categories, areas "
        "and districts:"
    )
    for kind, words in kinds.items():
        more = " …" if len(words) > 14 else ""
        say(f"  {kind:<12} {len(words):>4}: {', '.join(words[:14])}{more}")


def examples(pks: set[int], config: str, text: str, limit: int = 3) -> list[str]:
    """Distinct names (hand-written and demo ones first) with the matched words."""
    if not pks:
        return []
    rows = sql(
        f"""SELECT o.name, ts_headline(%s::regconfig, {HEADLINE_TEXT},
                to_tsquery(%s::regconfig, %s),
                'StartSel=[, StopSel=], MaxWords=9, MinWords=4, MaxFragments=1')
        FROM organisations_organisation o WHERE o.id = ANY(%s)
        ORDER BY o.slug LIKE 'bench-%%', o.slug LIKE '{HAND_PREFIX}%%' DESC, o.name""",
        [config, config, text, list(pks)],
    )
    seen, result = set(), []
    for name, headline in rows:
        family = " ".join(name.split()[:2])  # seeded names differ only by a suffix
        if family in seen:
            continue
        seen.add(family)
        result.append(f"{name}: …{' '.join(headline.split())}…")
        if len(result) == limit:
            break
    return result


@dataclass
class Result:
    q: str
    prefix_text: str  # today's tsquery text: prefix per word, trigram corrections
    plain_text: str
    infix_text: str
    corrections: dict
    infixes: dict
    found: dict = field(default_factory=dict)  # variant -> pks


VARIANTS = {
    # variant: (column, configuration, which query text)
    "(a)": ("swedish", search.CONFIG, "prefix_text"),
    "(b=)": ("ispell", CONFIG, "plain_text"),
    "(b*)": ("ispell", CONFIG, "prefix_text"),
    "(c)": ("combo", search.CONFIG, "prefix_text"),
    "(c-)": ("combo_short", search.CONFIG, "prefix_text"),
    "(d)": ("swedish", search.CONFIG, "infix_text"),
}


def compare() -> None:
    public = set(Organisation.objects.public().values_list("pk", flat=True))
    say(f"\nPublic associations searched: {len(public):,}\n")
    header = f"{'query':<24}" + "".join(f"{v:>7}" for v in VARIANTS) + "  b* not a  a not b*"
    say(header)
    say("-" * len(header))
    results = []
    for q in QUERIES:
        query_words = search.words(q)
        corrections, compounds = search_words._alternatives(query_words)
        corrections = {w: corrections.get(w, []) + compounds.get(w, []) for w in query_words}
        infixes = infix_alternatives(query_words)
        result = Result(
            q=q,
            prefix_text=search._tsquery_text(query_words, corrections),
            plain_text=" & ".join(query_words),
            infix_text=infix_text(query_words, corrections, infixes),
            corrections=corrections,
            infixes=infixes,
        )
        for variant, (column, config, text) in VARIANTS.items():
            result.found[variant] = matches(column, config, getattr(result, text), public)
        # (a) through the product's own function: the same associations.
        today = set(search.search(Organisation.objects.public(), q).values_list("pk", flat=True))
        assert today == result.found["(a)"], (q, len(today), len(result.found["(a)"]))
        a, b = result.found["(a)"], result.found["(b*)"]
        say(
            f"{q:<24}"
            + "".join(f"{len(pks):>7}" for pks in result.found.values())
            + f"  {len(b - a):>8}  {len(a - b):>8}"
        )
        results.append(result)
    timings = {variant: [] for variant in ["(a)", "(b*)", "(c)", "(d)"]}
    for result in results:
        for variant, times in timings.items():
            column, config, text = VARIANTS[variant]
            times.append(
                median_ms(
                    f"SELECT count(*) FROM compounds_vectors "
                    f"WHERE {column} @@ to_tsquery(%s::regconfig, %s)",
                    [config, getattr(result, text)],
                    runs=5,
                )
            )
    say(
        "\n(a) today; (b=) ispell vector, plain query; (b*) ispell vector, prefix query with "
        "today's corrections;\n(c) today's vector + ispell lexemes it lacks in weight D, "
        "today's query; (c-) as (c) with the extra lexemes\nfrom name, categories and areas "
        "only; (d) today's vector and query, each word widened with the known words\n"
        "(SearchWord: names, categories, areas, districts) that hold its stem after the first "
        "letter. Counts over public associations."
    )
    say(
        "Matching alone (count(*) on the side table's GIN index, warm), sum over the "
        f"{len(QUERIES)} queries: "
        + ", ".join(f"{variant} {sum(ms):.1f} ms" for variant, ms in timings.items())
    )
    for result in results:
        a, b, c, d = (result.found[v] for v in ["(a)", "(b*)", "(c)", "(d)"])
        say(f"\n■ {result.q!r}")
        say(f"    (a)  {tsquery(search.CONFIG, result.prefix_text)}")
        say(f"    (b=) {tsquery(CONFIG, result.plain_text)}")
        say(f"    (b*) {tsquery(CONFIG, result.prefix_text)}")
        if result.corrections:
            say(f"    corrections (today's trigram table): {result.corrections}")
        for label, pks, config, text in [
            (f"only (b*) [{len(b - a)}]", b - a, CONFIG, result.prefix_text),
            (f"only (a)  [{len(a - b)}]", a - b, search.CONFIG, result.prefix_text),
            (f"(c) adds  [{len(c - a)}]", c - a, CONFIG, result.prefix_text),
            (f"(d) adds  [{len(d - a)}]", d - a, search.CONFIG, result.infix_text),
        ]:
            for i, line in enumerate(examples(pks, config, text)):
                say(f"    {label if i == 0 else '':<16} {line}")
        if result.infixes:
            say(f"    (d) widened with: {result.infixes}")
        short = result.found["(c-)"]
        if short - a != c - a:
            say(f"    (c-) adds {len(short - a)} of them (name/categories/areas)")


# --- costs -------------------------------------------------------------------------------


def median_ms(statement: str, params, runs: int = 3) -> float:
    times = []
    for _i in range(runs):
        started = time.perf_counter()
        sql(statement, params)
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def costs() -> None:
    sample = [
        pk for (pk,) in sql("SELECT id FROM organisations_organisation ORDER BY id DESC LIMIT 1000")
    ]
    sql(f"SELECT to_tsvector('{CONFIG}', 'idrottsföreningar')")  # dictionary loaded here
    say(f"\nCosts ({len(sample)} rows, warm connection, median of 3)")
    header = f"{'vector':<40} {'build ms/1,000':>15} {'GIN index kB':>13} {'avg lexemes':>12}"
    say(header)
    say("-" * len(header))
    short = fields_sql(CONFIG, SHORT_FIELDS)
    timing_sql = {
        "swedish": f"SELECT sum(length({TODAY_SQL})) FROM organisations_organisation o "
        "WHERE o.id = ANY(%s)",
        "ispell": f"SELECT sum(length({ISPELL_SQL})) FROM organisations_organisation o "
        "WHERE o.id = ANY(%s)",
        "combo": f"SELECT sum(length({COLUMNS['combo']})) FROM organisations_organisation o "
        f"CROSS JOIN LATERAL (SELECT {TODAY_SQL} AS s, {ISPELL_SQL} AS i OFFSET 0) x "
        "WHERE o.id = ANY(%s)",
        "combo_short": f"SELECT sum(length({COLUMNS['combo_short']})) "
        f"FROM organisations_organisation o CROSS JOIN LATERAL "
        f"(SELECT {TODAY_SQL} AS s, ({short}) AS i_short OFFSET 0) x WHERE o.id = ANY(%s)",
    }
    for column, statement in timing_sql.items():
        ms = median_ms(statement, [sample])
        size, lexemes = sql(
            f"SELECT pg_relation_size('compounds_vectors_{column}'), avg(length({column})) "
            "FROM compounds_vectors"
        )[0]
        say(f"{LABELS[column]:<40} {ms:>15.0f} {size / 1024:>13,.0f} {lexemes:>12.1f}")
    length = sql(
        "SELECT avg(length(description)) FROM organisations_organisation WHERE id = ANY(%s)",
        [sample],
    )[0][0]
    say(f"\nto_tsvector on one description (average {length:.0f} characters), warm connection:")
    for config in (search.CONFIG, CONFIG):
        ms = median_ms(
            "SELECT sum(length(to_tsvector(%s::regconfig, description))) "
            "FROM organisations_organisation WHERE id = ANY(%s)",
            [config, sample],
        )
        say(f"  {config:<18} {ms / len(sample) * 1000:>7.0f} µs per call")
    first_use()


def first_use() -> None:
    """The ispell dictionary is read from its files once per backend, on first use."""
    settings = connection.settings_dict
    dsn = (
        f"host={settings['HOST']} port={settings['PORT'] or 5432} "
        f"dbname={settings['NAME']} user={settings['USER']}"
    )
    text = "Idrottsförening i Skogås med träning för barn, ungdomar och vuxna."
    say("\nFirst use in a fresh connection (median of 5 connections):")
    for config in (search.CONFIG, CONFIG):
        firsts, seconds, memory = [], [], []
        for _i in range(5):
            with psycopg.connect(dsn, autocommit=True) as conn:
                conn.execute("SELECT 1")
                started = time.perf_counter()
                conn.execute("SELECT to_tsvector(%s::regconfig, %s)", [config, text])
                firsts.append((time.perf_counter() - started) * 1000)
                started = time.perf_counter()
                conn.execute("SELECT to_tsvector(%s::regconfig, %s)", [config, text])
                seconds.append((time.perf_counter() - started) * 1000)
                memory.append(
                    conn.execute(
                        "SELECT coalesce(sum(total_bytes), 0) FROM pg_backend_memory_contexts "
                        "WHERE name = 'TS dictionary'"
                    ).fetchone()[0]
                )
        say(
            f"  {config:<18} first call {statistics.median(firsts):>6.1f} ms, next "
            f"{statistics.median(seconds):>5.2f} ms; dictionaries' memory in the backend "
            f"{statistics.median(memory) / 2**20:>5.1f} MiB"
        )
    started = time.perf_counter()
    sql(
        f"CREATE TEXT SEARCH DICTIONARY {DICTIONARY}_probe "
        "(TEMPLATE = ispell, DictFile = sv_se, AffFile = sv_se, StopWords = swedish)"
    )
    elapsed = (time.perf_counter() - started) * 1000
    say(f"  CREATE TEXT SEARCH DICTIONARY (as a migration would) {elapsed:.0f} ms")
    sql(f"DROP TEXT SEARCH DICTIONARY {DICTIONARY}_probe")


def main() -> None:
    prepare()
    setup_configuration()
    started = time.perf_counter()
    build_vectors()
    say(
        f"Vectors for {Organisation.objects.count():,} associations in "
        f"{time.perf_counter() - started:.1f} s"
    )
    coverage()
    compare()
    costs()
    say(f"\nLoad average: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")


if __name__ == "__main__":
    main()
