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

Results (PostgreSQL 15.20, hunspell-sv 1:7.5.0-1, 2 CPUs, load < 1)
---------------------------------------------------------------------
Installing. ``apt-get install -y hunspell-sv`` (+ dictionaries-common, emacsen-common,
libtext-iconv-perl; 5 MB). Its dpkg trigger on postgresql-common runs
``pg_updatedicts`` by itself ("Building PostgreSQL dictionaries from installed
myspell/hunspell packages... sv_fi sv_se"): UTF-8 copies in /var/cache/postgresql/dicts/
linked as /usr/share/postgresql/15/tsearch_data/sv_se.dict (2.3 MB) and sv_se.affix
(18 kB). Run ``pg_updatedicts`` by hand only if PostgreSQL came after the package. The
files must be on the *database* server: docker-compose's stock ``postgres:16`` image
has none (it would need a derived image), and managed PostgreSQL services do not
take custom dictionary files at all. Then, in the database (see SETUP_SQL):
CREATE TEXT SEARCH DICTIONARY sv_hunspell (TEMPLATE = ispell, DictFile = sv_se,
AffFile = sv_se, StopWords = swedish); CREATE TEXT SEARCH CONFIGURATION
swedish_compound (COPY = swedish); ALTER ... ALTER MAPPING FOR asciiword, asciihword,
hword_asciipart, word, hword, hword_part WITH sv_hunspell, swedish_stem. The hunspell
.aff loads without error in the ispell template (it takes COMPOUNDBEGIN/MIDDLE/END,
ONLYINCOMPOUND, COMPOUNDPERMITFLAG and skips what it does not know, e.g.
COMPOUNDRULE); unknown words return NULL and fall through to swedish_stem. Missing
files fail with: could not open dictionary file ".../tsearch_data/sv_se.dict".

What it finds (counts of matches):

    query                  (a)  (b=)  (b*)   (c)  (c-)   (d)
    förening / föreningar 3844  4246  4246  4246  4246  4739
    idrott                 490   360   490   490   490   490
    idrottsföreningar      429   488   488   429   429   429
    fotboll                  3     1     3     3     3     3
    ungdomar               591   487   591   591   591   591
    unga                  2010  1939  2010  2010  2010  2010
    pensionärer            391     1   391   391   391   391
    kultur                1363  1301  1363  1363  1363  1363
    dans                   110    51   110   110   110   110
    volontär              1545  1487  1545  1545  1545  1545
    klubb                    2   179   181   181   180   232
    sång                     1     1     2     2     1     1
    dom                      1   487   488   488   139     1
    domare                   1   359   359   488   139     1
    idrottsförening skogås  29    35    35    29    29    29
    läxhjälp 976, språkcafé 314, musik 1152, kör 361, scouter 1, invandrare 2,
    funktionsnedsättning 532, simning 1, hyresgästförening 1, boende 339, konst 68,
    senior 442, mat 390, huddinge 541, fotbollsförening 1, kör ungdomar 6: identical
    in (a), (b*), (c), (c-) and (d) (b= a little lower for some).

- (b*) never loses what (a) finds (0 of 32 queries), and the plain ispell query (b=)
  is worse than today's prefix query: "idrott" 360 vs 490 (the compound part is
  "idrotts", not "idrott"), "pensionärer" 1 vs 391 (pensionärsförening is a dictionary
  word, not split), "dans" 51 vs 110. Prefix matching stays needed with any dictionary.
- The prefix query already finds the head of a compound (idrott, fotboll, kultur,
  pensionär). What splitting adds is the *tail*: "klubb" 2 -> 181 (Bollklubb,
  Tennisklubben, "idrottsklubbarna"), "förening" +402 (categories Kulturförening,
  Idrottsförening; moot, 3,844 already match), "sång" -> "Körsångare".
- It splits only about half of the compounds in the register's names: of 203 words of
  8+ letters, 56 split, 113 known whole (including the compounds pensionärsförening,
  hembygdsförening, handbollsklubb, ridklubb, kammarkör, gospelkör, ungdomsgården,
  bostadsrättsföreningen), 34 unknown (fotbollsförening, orienteringsklubb,
  volontärförening, funktionsrättsföreningen, pensionärsklubben, domarklubben ...).
  So "förening" still misses every Pensionärsförening and Fotbollsförening, and
  "kör" never reaches Kammarkör/Gospelkör through splitting.
- Noise: "ungdomar" -> ungdom | ung+domare | ung+dom, so "dom" finds 487 and
  "domare" 358 associations that only mention ungdomar (today: 1, Domarklubben);
  place names split (Bandhagen -> band+hage, Segeltorp -> segel+torp, Jordbro ->
  jord+bro); "idrottsklubbarna" -> klubba; "idrottsföreningar" as a query also matches
  'idrotts' & 'förening' anywhere (+59, e.g. Huddinge Idrottsallians). (c-) keeps the
  noise out of descriptions (dom 139: the names "... Ungdom").
- (d), with no dictionary, finds more of the tails than ispell (klubb 232, incl.
  Orienteringsklubben, Pensionärsklubben, Domarklubben; förening 4739, incl.
  Fotbollsförening, Pensionärsförening) without the dom/domare noise, but only for
  words of names/categories/areas/districts (not "Körsångare" in a description).

Cost (per 1,000 associations, warm connection, median of 3; 251-character descriptions):

    vector                         build ms   GIN kB   lexemes/row
    (a) today                            50      592          33.9
    (b) ispell                          289      704          40.3
    (c) today + ispell in D             360      928          53.1
    (c-) same, name/categories/areas    139      672          37.9

  to_tsvector on one description: swedish 23 µs, swedish_compound 180-200 µs.
  The dictionary is read per backend on first use: 180-230 ms for the first
  to_tsvector/to_tsquery in a fresh connection (swedish: 1.6 ms), then 18.1 MiB of
  private memory in that backend for its lifetime (DB_CONN_MAX_AGE=60 keeps
  connections a minute). CREATE TEXT SEARCH DICTIONARY itself: ~0.2 s. Matching alone
  (32 queries, GIN on this side table) is the same order for all: 16-30 ms in total
  for (a), 28-40 for (b*), 40-60 for (c), 22-33 for (d) depending on load.

Recommendation: keep today's prefix search; do not adopt the ispell configuration for
search (b), not even for some fields. What it adds is tails ("klubb" -> Bollklubb),
but for only about half of the compounds, with noise (ungdomar -> dom/domare, place
names), at 6x the indexing cost, a 180-230 ms / 18 MiB hit on every new connection
that searches, a Debian package on every database server (CI, Docker image, prod;
impossible on managed PostgreSQL) and a migration that must fail on machines without
it. If "klubb" finding "Tennisklubben" matters, (d) gets more of it for the price of a
LIKE over SearchWord in the query that _corrections already runs (cap the number of
widening words); that
would be a change to organisations/search.py, for its owner. If ispell is ever wanted
anyway, take (c-): name/categories/areas only, weight D, queries unchanged in
``swedish`` (so only the backends that write vectors load the dictionary), plus:
``.ci/run`` apt-installing hunspell-sv (the trigger runs pg_updatedicts; the embedded
server of the quick start would need the dictionary files too), a Dockerfile for
the database image, and a migration (RunPython) creating the dictionary and
configuration, catching "could not open dictionary file" and raising an error that
names the package, reversible by DROP; then ``search.reindex_all()``.

Settled (2026-11-24): (d) is in organisations/search.py (``_alternatives``), tighter
than measured above: the stem must follow three letters or more, the compound
(without its inflection ending) must have seven letters or more, and only an
inflection ending may follow ("klubb" finds Ridklubb and Tennisklubben, "kör"
Kammarkören; not "skörd", and "dom" not "ungdom"); at most 30 words per query word,
and a compound ranks below the word itself. Run again, column (a) is the search with
it: förening 4739, klubb 232, kör 361 (+ gospelkör, kammarkör), dans 111, dom 1,
domare 1; every other query as before. hunspell-sv is not used.
"""

import os
import statistics
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

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
from organisations import demo, search  # noqa: E402
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

QUERIES = [
    "förening", "föreningar", "idrott", "idrottsföreningar", "fotboll", "ungdomar", "unga",
    "pensionärer", "läxhjälp", "språkcafé", "kultur", "musik", "kör", "scouter",
    "invandrare", "funktionsnedsättning", "dans", "simning", "hyresgästförening", "boende",
    "klubb", "konst", "senior", "volontär", "mat", "sång", "huddinge", "dom", "domare",
    "idrottsförening skogås", "fotbollsförening", "kör ungdomar",
]  # fmt: skip

# Realistic associations with the compounds a volunteer might look for:
# (name, category, district, areas, description). Slugs start with HAND_PREFIX.
HAND_PREFIX = "compounds-"
HANDWRITTEN = [
    ("Hyresgästföreningen Visättra", "Social förening", "Visättra", ["Social gemenskap"],
     "Lokal hyresgästförening för alla boende i Visättra. Vi ordnar grannfester, loppis "
     "och läxhjälp i kvarterslokalen."),
    ("Stuvsta Scoutkår", "Idéburen förening", "Stuvsta", ["Natur och miljö", "Barn", "Unga"],
     "Scoutkåren i Stuvsta har avdelningar för spårare, upptäckare och äventyrare. Hajker, "
     "friluftsliv och ledarskap för barn och ungdomar."),
    ("Flemingsbergs Fotbollsförening", "Idrottsförening", "Flemingsberg", ["Idrott och motion"],
     "Fotboll för flickor och pojkar från sex år, damlag och herrlag i division fyra."),
    ("Segeltorps Simklubb", "Idrottsförening", "Segeltorp", ["Idrott och motion", "Barn"],
     "Simskola, simträning och vattengympa i Sjödalsbadet."),
    ("Dansskolan Vårby", "Kulturförening", "Vårby", ["Kultur och musik"],
     "Barndans, streetdans och folkdans för alla åldrar. Dansuppvisning varje vår."),
    ("Huddinge Kammarkör", "Kulturförening", "Huddinge centrum", ["Kultur och musik"],
     "Blandad kör som sjunger klassisk körmusik. Körsångare med notvana sökes."),
    ("Invandrarföreningen i Flemingsberg", "Etnisk förening", "Flemingsberg",
     ["Integration och språk", "Nyanlända"],
     "Stöd för invandrare och nyanlända: samhällsinformation, språkkurser och rådgivning."),
    ("Ungdomsgården Masmo", "Idéburen förening", "Masmo", ["Social gemenskap", "Unga"],
     "Fritidsgård för unga mellan 13 och 19 år med musikstudio, pingis och läxläsning."),
    ("Funktionsrättsföreningen Huddinge", "Social förening", "Huddinge centrum",
     ["Funktionsrätt", "Personer med funktionsnedsättning"],
     "Intresseförening för personer med funktionsnedsättningar och deras anhöriga."),
    ("Skogås Musikskola", "Kulturförening", "Skogås", ["Kultur och musik", "Barn"],
     "Musikundervisning i piano, gitarr och sång. Ensemblespel och konserter."),
    ("Pensionärsklubben Trångsund", "Pensionärsförening", "Trångsund", ["Äldre"],
     "Träffar för pensionärer med bingo, boule och föreläsningar."),
    ("Läxhjälpsföreningen Vårby", "Volontärförening", "Vårby", ["Utbildning och läxhjälp"],
     "Ideella läxhjälpare hjälper elever i matematik och svenska."),
    ("Språkcaféet på Glömsta bibliotek", "Volontärförening", "Glömsta",
     ["Integration och språk"],
     "Öva svenska över en kopp kaffe. Samtalsledarna är volontärer."),
    ("Kulturhuset Fullersta", "Kulturförening", "Fullersta", ["Kultur och musik"],
     "Kulturverksamhet med teater, konstutställningar och kulturkvällar."),
    ("Boendeföreningen Snättringe", "Social förening", "Snättringe", ["Trygghet i närområdet"],
     "Föreningen för de boende i radhusområdet: lekplatser, städdagar och grannsamverkan."),
    ("Bostadsrättsföreningen Kungsklippan", "Ekonomisk förening", "Huddinge centrum",
     ["Social gemenskap"],
     "Brf med 120 lägenheter. Styrelsen ordnar gårdsfest och en trädgårdsgrupp."),
    ("Tennisklubben Länna", "Idrottsförening", "Länna", ["Idrott och motion"],
     "Tennisskola för juniorer och motionsspel för vuxna."),
    ("Domarklubben Huddinge", "Idrottsförening", "Huddinge centrum", ["Idrott och motion"],
     "Förening för fotbollsdomare: utbildning av nya domare och matchdomare."),
    ("Ungdomsrådet Huddinge", "Politisk förening", "Huddinge centrum",
     ["Demokrati och inflytande", "Unga"],
     "Unga mellan 15 och 25 år som påverkar kommunens beslut."),
    ("Matbanken Segeltorp", "Volontärförening", "Segeltorp", ["Stöd till utsatta"],
     "Vi delar ut överblivna livsmedel till familjer som behöver det."),
    ("Seniordans Stuvsta", "Pensionärsförening", "Stuvsta", ["Äldre", "Hälsa och omsorg"],
     "Bugg och lindy för seniorer på måndagar i Folkets hus."),
    ("Huddinge Ridklubb", "Idrottsförening", "Huddinge centrum", ["Idrott och motion", "Barn"],
     "Ridskola och ridläger för barn och ungdomar, hästskötsel och tävlingsridning."),
    ("Kvinnoföreningen Dalia", "Etnisk förening", "Vårby", ["Integration och språk", "Kvinnor"],
     "Mötesplats för kvinnor med utländsk bakgrund: syjunta, motion och svenskundervisning."),
    ("Somaliska Ungdomsföreningen", "Etnisk förening", "Flemingsberg", ["Unga"],
     "Idrott, läxhjälp och ledarskap för somaliska ungdomar."),
    ("Vårby Gospelkör", "Församling/trossamfund", "Vårby", ["Kultur och musik"],
     "Gospelkören sjunger på gudstjänster och konserter. Nya körmedlemmar är välkomna."),
    ("Idrottsalliansen Skogås", "Paraplyorganisation", "Skogås", ["Idrott och motion"],
     "Samarbete mellan idrottsklubbarna i Skogås om hallar, planer och ledarutbildning."),
    ("Parasport Huddinge", "Idrottsförening", "Huddinge centrum",
     ["Funktionsrätt", "Personer med funktionsnedsättning"],
     "Idrott för barn och vuxna med funktionsnedsättning: simning, bowling och innebandy."),
    ("Orienteringsklubben Snättringe", "Idrottsförening", "Snättringe", ["Natur och miljö"],
     "Orientering i skog och mark för alla åldrar, nybörjarkurser varje vår."),
    ("Föräldraföreningen Visättraskolan", "Idéburen förening", "Visättra", ["Familjer"],
     "Föräldrar som ordnar skoldiscon, nattvandring och läxcafé tillsammans med skolan."),
    ("Sjödalens Konstnärsgille", "Kulturförening", "Sjödalen", ["Kultur och musik"],
     "Konstnärer som målar tillsammans, ställer ut och håller kurser i akvarell."),
    ("Seniorsimmet Fullersta", "Pensionärsförening", "Fullersta", ["Äldre"],
     "Motionssim och vattengympa för seniorer på förmiddagarna."),
    ("Hembygdsgillet Balingsnäs", "Hembygdsförening", "Balingsnäs", ["Hembygd och historia"],
     "Vi vårdar torpet, ordnar midsommarfest och berättar bygdens historia."),
    ("Fotbollsskolan Vista", "Idrottsförening", "Vista", ["Idrott och motion", "Barn"],
     "Fotbollsträning för barn sex till tolv år, utan krav på förkunskaper."),
    ("Kulturföreningen Fenix", "Kulturförening", "Flemingsberg", ["Kultur och musik"],
     "Musik, dans och teater från hela världen, kulturfestival varje höst."),
    ("Invandrarkvinnors Syförening", "Etnisk förening", "Skogås",
     ["Integration och språk", "Kvinnor"],
     "Syförening där invandrade kvinnor syr, lagar mat och pratar svenska."),
]  # fmt: skip

# The texts a vector is made of, as in organisations.search.VECTOR_SQL.
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
TODAY_SQL = search.VECTOR_SQL
ISPELL_SQL = search.VECTOR_SQL.replace(f"'{search.CONFIG}'", f"'{CONFIG}'")
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
            SELECT w, coalesce((ts_lexize('{search.STEMMER}', w))[1], w) AS stem
            FROM unnest(%s::text[]) AS u(w))
        SELECT q.w, sw.word FROM q JOIN {search.WORD_TABLE} sw ON strpos(sw.word, q.stem) > 1
        WHERE length(q.stem) >= %s ORDER BY sw.word""",
        [query_words, search.MIN_FUZZY_LENGTH],
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
        f"SELECT word, ts_lexize('{DICTIONARY}', word) FROM {search.WORD_TABLE} "
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
        corrections, compounds = search._alternatives(query_words)
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
