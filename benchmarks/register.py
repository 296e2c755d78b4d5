"""Benchmark of the association register's search and calendar (PostgreSQL).

Seeds 50,000 associations and 100,000 activities into the database in
DATABASE_URL (default: postgres://postgres@127.0.0.1:5432/portal_bench) with COPY,
once: a later run reuses them. Then times whole requests through Django's test
client: twenty-one directory searches and the calendar, RUNS times each after a warm-up,
the same searches done naively (icontains over name and description, the filters as
joins) request by request in turn with ours, and the floor (PostgreSQL's own ranked
full-text top 20 for the same words) in the same run, the open-data API's search
bounded and ranking every match, and three searches after many changes with and
without the GIN indexes' pending list. Prints median and 95th percentile of the
request and of its database time, the ratios naive/ours and ours/floor, and whether
the targets hold.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/portal_bench .venv/bin/python benchmarks/register.py
"""  # noqa: E501

import os
import random
import statistics
import time
from contextlib import contextmanager, nullcontext
from datetime import UTC, datetime, timedelta
from importlib import import_module
from unittest import mock

from harness import load_average, migrated, p95, say, settle  # sets Django up first

# isort: split
from django.conf import settings  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.db.models import Q  # noqa: E402
from django.http import QueryDict  # noqa: E402
from django.test import Client, RequestFactory  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from organisations import demo, search, search_partial  # noqa: E402
from organisations.filters import OrganisationFilter  # noqa: E402
from organisations.models import Activity, Category, District, Organisation  # noqa: E402
from organisations.views import directory_queryset, filtered_activities  # noqa: E402

ORGANISATIONS = int(os.environ.get("BENCH_ORGANISATIONS", 50_000))
ACTIVITIES = int(os.environ.get("BENCH_ACTIVITIES", 100_000))
RUNS = int(os.environ.get("BENCH_RUNS", 30))
DB_RUNS = 15
WARM_UP = 5
TARGET_P95_MS = 60
SLUG_PREFIX = "bench-"

MORE_PLACES = [
    "Alby", "Fittja", "Hallunda", "Norsborg", "Tumba", "Tullinge", "Hågelby", "Rönninge",
    "Salem", "Södertälje", "Hjulsta", "Farsta", "Fruängen", "Hägersten", "Älvsjö", "Årsta",
    "Bandhagen", "Högdalen", "Rågsved", "Hagsätra", "Tyresö", "Haninge", "Handen", "Jordbro",
    "Västerhaninge", "Brandbergen", "Nacka", "Orminge", "Gustavsberg", "Värmdö", "Solna",
    "Sundbyberg", "Rinkeby", "Tensta", "Kista", "Husby", "Akalla", "Spånga", "Bromma",
    "Vällingby", "Hässelby", "Sollentuna", "Upplands Väsby", "Märsta", "Täby", "Danderyd",
    "Lidingö", "Vaxholm", "Nynäshamn", "Ösmo", "Gnesta", "Trosa", "Järna", "Nykvarn",
]  # fmt: skip
SUFFIXES = [
    "Ungdom", "Senior", "Dam", "Herr", "Motion", "Vänner", "Syd", "Norr", "Öst", "Väst",
    "Centrum", "1923", "1958", "1971", "1990", "2004", "Mitt", "Bygd", "Gård", "Allians",
]  # fmt: skip
SENTENCES = [
    "Vi träffas varje vecka och välkomnar nya medlemmar i alla åldrar.",
    "Verksamheten drivs av ideella krafter och finansieras av medlemsavgifter och bidrag.",
    "Vi samarbetar med skolor, bibliotek och andra föreningar i kommunen.",
    "Under sommaren ordnar vi läger och utflykter för barn och unga.",
    "Föreningen har en egen lokal som kan hyras av andra föreningar.",
    "Vi söker fler volontärer som vill engagera sig några timmar i månaden.",
    "Årsmötet hålls i mars och alla medlemmar har rösträtt.",
    "Vi erbjuder kurser, föreläsningar och studiecirklar.",
]  # fmt: skip

# Sports clubs as Swedes write them, beside demo.PROFILES' "{p} IF", "{g} FF", "{p} IK":
# abbreviations (IFK, GIF, BK, SK) and riding clubs, for the searches with an
# abbreviation and with a synonym ("ridning"). One sports club in four takes one.
MORE_SPORT = [
    "IFK {p}", "{p} GIF", "{p} BK", "{g} SK", "{g} Ryttarförening", "{p} Ridklubb",
    "Ridskolan {p}", "{g} Ridsällskap",
]  # fmt: skip
# A name of its own, as half of real names have ("Kören Cantabile", "IK Hymir"): made
# of these syllables, tens of thousands of words, so the vocabulary the search reads
# is a real register's size, not the few hundred words of the patterns alone.
SYLLABLES = [
    "ka", "lo", "vi", "ne", "stra", "mö", "gå", "ber", "ling", "sen", "dal", "vik", "hol",
    "ry", "tä", "nor", "sil", "fa", "gne", "ro", "bä", "kul", "mi", "ra", "tor", "ön",
    "hy", "mir", "val", "ske",
]  # fmt: skip
SEED_MARK = "Cantabile"  # a name only this seed writes: an older seed is redone


def own_name(rng) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))).capitalize()


SEARCHES = [
    ("plain word", {"q": "idrottsförening"}),
    ("inflected + place", {"q": "idrottsföreningar i Flemingsberg"}),
    ("compound head (prefix)", {"q": "idrott"}),
    ("compound head (end)", {"q": "klubb"}),
    ("broad word (45,000 hits)", {"q": "förening"}),
    ("broad word (20,000 hits)", {"q": "barn"}),
    ("inflected", {"q": "pensionärer"}),
    ("two words", {"q": "språkcafé läxhjälp"}),
    ("misspelled name", {"q": "Skogås-Trångsund FF"}),
    ("two typos", {"q": "Flemmingsbergs Konstförning"}),
    ("word + district", {"q": "bollklubb", "district": "__district__"}),
    ("word + offers", {"q": "volontärer", "offers": "offers_volunteers"}),
    ("word + category + staff", {"q": "kultur", "category": "__category__", "has_staff": "no"}),
    ("word + category + staffed", {"q": "kultur", "category": "__category__", "has_staff": "yes"}),
    ("abbreviation", {"q": "IFK"}),
    ("abbreviation + place", {"q": "Tullinge IF"}),
    ("spelled out + place", {"q": "Tullinge idrottsförening"}),
    ("partial (no one has all)", {"q": "Tullinge ridklubb simsällskap"}),
    ("synonym (ridning)", {"q": "ridning"}),
    ("synonym (seniorer)", {"q": "seniorer"}),
    ("without å, ä, ö", {"q": "pensionarer"}),
]
TARGET_NAIVE_RATIO = 5  # every search at least this many times faster than the naive way
TARGET_FLOOR_RATIO = 3  # every search's p95 within this many times its floor's p95
# The floor: PostgreSQL's own ranked full-text top 20 for the same words, over the
# stored vector (GIN), without our prefixes, compounds, corrections or filters.
FLOOR_SQL = """
    SELECT id FROM organisations_organisation, websearch_to_tsquery('swedish', %s) query
    WHERE search_vector @@ query
    ORDER BY ts_rank(search_vector, query) DESC LIMIT 20
"""


def seeded() -> bool:
    bench = Organisation.objects.filter(slug__startswith=SLUG_PREFIX)
    return bench.count() >= ORGANISATIONS and bench.filter(name__contains=SEED_MARK).exists()


def seed() -> None:
    rng = random.Random(50_000)
    categories, districts, areas = demo._reference_data()
    category_ids = {name: c.pk for name, c in categories.items()}
    district_ids = [d.pk for d in districts.values()]
    area_ids = {name: a.pk for name, a in areas.items()}
    target_ids = [area_ids[name] for name in demo.TARGET_GROUPS]
    places = demo.PLACES + MORE_PLACES
    now = datetime.now(UTC)
    Organisation.objects.filter(slug__startswith=SLUG_PREFIX).delete()
    with connection.cursor() as cursor:
        cursor.execute("SELECT coalesce(max(id), 0) FROM organisations_organisation")
        first_id = cursor.fetchone()[0] + 1
    raw = connection.connection
    org_columns = (
        "id, name, slug, legal_form, description, logo, website, email, phone, address, "
        "social_media, contact_name, contact_email, contact_phone, contact_is_public, "
        "has_staff, seeks_collaboration, offers_premises, offers_volunteers, offers_knowledge, "
        "offers_needs_text, status, status_reason, is_public, created_at, updated_at, "
        "approved_at, confirmed_at, needs_administrator"
    )
    links_c, links_d, links_a = [], [], []
    started = time.perf_counter()
    with raw.cursor() as cursor:
        with cursor.copy(f"COPY organisations_organisation ({org_columns}) FROM STDIN") as copy:
            for i in range(ORGANISATIONS):
                pk = first_id + i
                category = rng.choice(demo.CATEGORIES)
                patterns, area_names, description, _titles = demo.PROFILES[category]
                place = rng.choice(places)
                if category == "Idrottsförening" and rng.random() < 0.25:
                    patterns = MORE_SPORT
                name = rng.choice(patterns).format(p=place, g=demo.genitive(place))
                if rng.random() < 0.6:
                    name += " " + rng.choice(SUFFIXES)
                if rng.random() < 0.5:
                    name += " " + own_name(rng)
                if i == 12_345:
                    name, category, place = "Skogås Trångsunds FF", "Idrottsförening", "Skogås"
                if i == 23_456:
                    name = f"Kören {SEED_MARK}"
                text = description.format(p=place) + " " + " ".join(rng.sample(SENTENCES, 2))
                status = "pending" if rng.random() < 0.02 else "active"
                copy.write_row(
                    (
                        pk, name, f"{SLUG_PREFIX}{pk}", "ideell_forening", text, "", "", "",
                        "", "", "", "", "", "", False, rng.random() < 0.2,
                        rng.random() < 0.4, rng.random() < 0.2, rng.random() < 0.25,
                        rng.random() < 0.3, "", status, "", rng.random() > 0.02, now, now,
                        now, now, False,
                    )
                )  # fmt: skip
                cats = {category_ids[category]}
                if rng.random() < 0.2:
                    cats.add(category_ids[rng.choice(demo.CATEGORIES)])
                links_c += [(pk, c) for c in cats]
                dists = set(rng.sample(district_ids, rng.randrange(1, 3)))
                links_d += [(pk, d) for d in dists]
                chosen = {area_ids[a] for a in rng.sample(area_names, min(2, len(area_names)))}
                chosen.add(rng.choice(target_ids))
                links_a += [(pk, a) for a in chosen]
        for table, column, rows in [
            ("organisations_organisation_categories", "category_id", links_c),
            ("organisations_organisation_districts", "district_id", links_d),
            ("organisations_organisation_areas", "activityarea_id", links_a),
        ]:
            with cursor.copy(f"COPY {table} (organisation_id, {column}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        activity_columns = (
            "organisation_id, title, starts_at, ends_at, place, district_id, description, "
            "url, is_cancelled, created_at, updated_at"
        )
        with cursor.copy(f"COPY organisations_activity ({activity_columns}) FROM STDIN") as copy:
            for _i in range(ACTIVITIES):
                pk = first_id + rng.randrange(ORGANISATIONS)
                starts = now + timedelta(days=rng.randrange(-30, 180), hours=rng.randrange(24))
                copy.write_row(
                    (
                        pk, rng.choice(["Träning", "Öppet hus", "Konsert", "Språkcafé",
                                        "Årsmöte", "Loppis", "Föreläsning"]),
                        starts, starts + timedelta(hours=2), "Medborgarhuset",
                        rng.choice(district_ids), "Välkomna!", "", rng.random() < 0.02, now, now,
                    )
                )  # fmt: skip
    raw.commit() if not raw.autocommit else None
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT setval(pg_get_serial_sequence('organisations_organisation', 'id'), "
            "(SELECT max(id) FROM organisations_organisation))"
        )
    say(f"  copied in {time.perf_counter() - started:.1f} s; indexing …")
    started = time.perf_counter()
    search.reindex_all()
    with connection.cursor() as cursor:
        # Writing every vector once leaves a half-empty table; a live one is compact.
        cursor.execute("VACUUM FULL ANALYZE organisations_organisation")
        cursor.execute("ANALYZE")
    say(f"  search vectors in {time.perf_counter() - started:.1f} s")


REGISTER_TABLES = [
    "organisations_organisation",
    "organisations_organisation_categories",
    "organisations_organisation_districts",
    "organisations_organisation_areas",
    "organisations_activity",
    "organisations_searchword",
]


def naive(queryset, q, *_alternatives):
    """What one would write first: every word in the name or the description."""
    condition = Q()
    for word in search.words(q):
        condition &= Q(name__icontains=word) | Q(description__icontains=word)
    return queryset.filter(condition)


@contextmanager
def the_naive_way():
    """The naive way for the whole request: ``naive`` instead of the search and of the
    bounded search, and the filters as joins (the filter tokens in the vector are the
    search's, which the naive way does not have)."""
    with (
        mock.patch.multiple(search, search=naive, bounded=naive),
        mock.patch.object(OrganisationFilter, "_in_search", lambda self, token, pks: False),
    ):
        yield


def compared(client, path, params) -> tuple[list[float], list[float], list[float], list[float]]:
    """Ours and the naive way's request times (ms) and database times (ms), the two
    ways taking turns request by request: one after the other, a change in the
    machine's load between them had moved their ratio as much as the code."""
    ways = [nullcontext, the_naive_way]
    for _i in range(WARM_UP):
        for way in ways:
            with way():
                response = client.get(path, params)
            assert response.status_code == 200, response.status_code
    times: list[list[float]] = [[], []]
    for _i in range(RUNS):
        for n, way in enumerate(ways):
            with way():
                started = time.perf_counter()
                client.get(path, params)
                times[n].append((time.perf_counter() - started) * 1000)
    dbs: list[list[float]] = [[], []]
    for _i in range(DB_RUNS):
        for n, way in enumerate(ways):
            with way():
                dbs[n].append(db_time(client, path, params))
    return times[0], times[1], dbs[0], dbs[1]


def timed(client, path, params) -> tuple[list[float], object]:
    for _i in range(WARM_UP):
        response = client.get(path, params)
        assert response.status_code == 200, response.status_code
    times = []
    for _i in range(RUNS):
        started = time.perf_counter()
        response = client.get(path, params)
        times.append((time.perf_counter() - started) * 1000)
    return times, response


def db_time(client, path, params) -> float:
    """The time the database spent on one request's queries (ms), measured apart from
    the request's own time: capturing queries slows the request itself."""
    with CaptureQueriesContext(connection) as context:
        client.get(path, params)
    return sum(float(q["time"]) for q in context.captured_queries) * 1000


def floor_times(q: str) -> tuple[list[float], int]:
    """The floor's times (ms) and how many it matches (it ranks them all for its 20)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM organisations_organisation "
            "WHERE search_vector @@ websearch_to_tsquery('swedish', %s)",
            [q],
        )
        (matched,) = cursor.fetchone()
        for _i in range(WARM_UP):
            cursor.execute(FLOOR_SQL, [q])
            cursor.fetchall()
        times = []
        for _i in range(RUNS):
            started = time.perf_counter()
            cursor.execute(FLOOR_SQL, [q])
            cursor.fetchall()
            times.append((time.perf_counter() - started) * 1000)
    return times, matched


def _checks(ratio: float, floor_ratio: float) -> str:
    return "".join(
        [
            "✓" if ratio >= TARGET_NAIVE_RATIO else "✗",
            "✓" if floor_ratio <= TARGET_FLOOR_RATIO else "✗",
        ]
    )


def main() -> None:
    # Not setup_test_environment(): its instrumented template rendering copies every
    # context for the test client, which costs more than the page itself.
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    migrated()
    if seeded():
        say(f"Reusing {ORGANISATIONS:,} seeded associations.")
    else:
        say(f"Seeding {ORGANISATIONS:,} associations and {ACTIVITIES:,} activities …")
        seed()
    settle(REGISTER_TABLES)
    say(
        f"Associations: {Organisation.objects.count():,}, activities: "
        f"{Activity.objects.count():,}; {RUNS} runs after {WARM_UP} warm-up, whole requests"
    )
    district = District.objects.get(slug="flemingsberg").pk
    category = Category.objects.get(slug="kulturforening").pk
    client = Client()
    header = (
        f"{'search':<26} {'q':<30} {'hits':>6} {'p50':>6} {'p95':>6} {'db50':>5} {'db95':>5} "
        f"{'naive50':>7} {'naive95':>7} {'ndb50':>6} {'x req':>5} {'x db':>5} {'fl hits':>7} "
        f"{'floor95':>7} "
        f"{'/fl req':>7} {'/fl db':>6} {'req':>3} {'db':>3}  first result"
    )
    say(header)
    say("-" * len(header))
    say("(hits: the matches of every word; with p, the partial matches the page shows)")
    worst, held = 0.0, {"req": True, "db": True}
    for label, params in SEARCHES:
        params = {
            k: (district if v == "__district__" else category if v == "__category__" else v)
            for k, v in params.items()
        }
        ours, slow, ours_db, slow_db = compared(client, "/foreningar/", params)
        data = QueryDict(mutable=True)
        for key, value in params.items():
            data[key] = str(value)
        hits, shown = shown_by_directory(data)
        first = shown[0].name if shown else "—"  # what the page shows first
        floor_runs, floor_hits = floor_times(params["q"])
        floor = p95(floor_runs)
        ratio = statistics.median(slow) / statistics.median(ours)
        db_ratio = statistics.median(slow_db) / statistics.median(ours_db)
        to_floor, db_to_floor = p95(ours) / floor, p95(ours_db) / floor
        req_ok, db_ok = _checks(ratio, to_floor), _checks(db_ratio, db_to_floor)
        held["req"] &= req_ok == "✓✓"
        held["db"] &= db_ok == "✓✓"
        worst = max(worst, p95(ours))
        say(
            f"{label:<26} {params['q'][:30]:<30} {hits:>6} {statistics.median(ours):>6.1f} "
            f"{p95(ours):>6.1f} {statistics.median(ours_db):>5.1f} {p95(ours_db):>5.1f} "
            f"{statistics.median(slow):>7.1f} {p95(slow):>7.1f} {statistics.median(slow_db):>6.1f} "
            f"{ratio:>4.1f}x {db_ratio:>4.1f}x {floor_hits:>7} {floor:>7.1f} {to_floor:>6.1f}x "
            f"{db_to_floor:>5.1f}x {req_ok:>3} {db_ok:>3}  {first[:34]}"
        )
    for label, params in [
        ("calendar", {}),
        ("calendar, district+category", {"district": district, "category": category}),
    ]:
        times, _response = timed(client, "/foreningar/kalender/", params)
        hits = filtered_activities(RequestFactory().get("/", params))[1].count()
        say(f"{label:<57} {hits:>6} {statistics.median(times):>6.1f} {p95(times):>6.1f}")
    api_search(client)
    after_changes(client, district, category)
    say(load_average())
    verdict = "OK" if worst <= TARGET_P95_MS else "OVER TARGET"
    say(f"\nWorst search p95: {worst:.1f} ms (target ≤ {TARGET_P95_MS} ms): {verdict}")
    for what, ok in held.items():
        say(
            f"Targets on the {'whole request' if what == 'req' else 'database time'}: "
            f"≥ {TARGET_NAIVE_RATIO}x faster than naive and p95 ≤ {TARGET_FLOOR_RATIO}x the "
            f"floor for every search: {'held' if ok else 'NOT held (see ✗)'}"
        )


def shown_by_directory(data) -> tuple[str, list]:
    """The hits the directory counts for a search, as the column shows them (every
    match, or its partial matches marked "p" when no association holds every word:
    search_partial.wanted, the directory's own rule), and its first page's first row."""
    filterset = OrganisationFilter(data, queryset=directory_queryset())
    hits = filterset.qs.count()
    if not search_partial.wanted(data.get("q", ""), hits):
        return str(hits), list(filterset.bounded_qs()[:1])
    filterset.bounded_qs()  # as the directory: the partial matches after the full search
    partial = filterset.partial_qs()
    return f"{partial.count()}p", list(partial[:1])


def api_search(client) -> None:
    """The open-data API's search, bounded as the directory (now) and ranking every
    match with a COUNT of them all (before: Paginator over the ranked queryset)."""
    from django.core.paginator import Paginator

    from organisations import api

    say(f"\n{'open-data API':<26} {'q':<30} {'count':>6} {'p50':>6} {'p95':>6}  lower bound")
    path = "/foreningar/api/foreningar/"
    params = {"q": "förening"}
    now, response = timed(client, path, params)
    body = response.json()
    say(
        f"{'bounded (now)':<26} {'förening':<30} {body['count']:>6} "
        f"{statistics.median(now):>6.1f} {p95(now):>6.1f}  {body['count_is_lower_bound']}"
    )
    with (
        mock.patch.object(OrganisationFilter, "bounded_qs", lambda self: self.qs),
        mock.patch.object(api, "OnePassPaginator", lambda qs, size, fetch: Paginator(qs, size)),
    ):
        before, response = timed(client, path, params)
    say(
        f"{'every match (before)':<26} {'förening':<30} {response.json()['count']:>6} "
        f"{statistics.median(before):>6.1f} {p95(before):>6.1f}"
    )


CHANGED = 3_000  # associations reindexed between two vacuums, as edits and renames do
GIN_INDEXES = import_module("organisations.migrations.0027_search_gin_without_pending_list").INDEXES


def after_changes(client, district: int, category: int) -> None:
    """Three searches after CHANGED associations were reindexed with no vacuum since:
    the GIN indexes as migration 0027 leaves them (each write goes into the index) and
    as before (fastupdate on: the writes wait in a pending list that every search
    reads in full). Each way is rolled back, and any pending list merged afterwards."""
    pks = list(
        Organisation.objects.filter(slug__startswith=SLUG_PREFIX).values_list("pk", flat=True)[
            :CHANGED
        ]
    )
    searches = [
        ("idrottsförening", {"q": "idrottsförening"}),
        ("bollklubb + district", {"q": "bollklubb", "district": district}),
        ("kultur + category + staff", {"q": "kultur", "category": category, "has_staff": "no"}),
    ]
    heading = f"After {CHANGED:,} changes, no vacuum since"
    say(f"\n{heading:<36} {'search':<26} {'p50':>6} {'p95':>6}")
    for label, pending in (("no pending list (now)", False), ("a pending list (before)", True)):
        with transaction.atomic(), connection.cursor() as cursor:
            if pending:
                for index in GIN_INDEXES:
                    cursor.execute(f"ALTER INDEX {index} RESET (fastupdate)")
            search.reindex(pks)
            for search_label, params in searches:
                times, _response = timed(client, "/foreningar/", params)
                say(
                    f"{label:<36} {search_label:<26} {statistics.median(times):>6.1f} "
                    f"{p95(times):>6.1f}"
                )
            transaction.set_rollback(True)
    with connection.cursor() as cursor:
        for index in GIN_INDEXES:
            cursor.execute("SELECT gin_clean_pending_list(%s::regclass)", [index])


if __name__ == "__main__":
    main()
