"""Benchmark of En väg in (PostgreSQL): the coordinators' desk, the list of cases
with filters, and the deadline sweep with nothing due, at 200,000 inquiries and
1,000,000 messages.

Seeds them once with INSERT … SELECT over generate_series (a later run reuses
them): nine departments, ten topics, fifty officials; 49 cases in 50 closed (4,000 open,
about two weeks' worth at 10 working days to answer), the open ones spread over the departments with deadlines ahead. Then times whole
requests through Django's test client as a municipal coordinator (who sees every
case), RUNS times each after a warm-up, and the sweeps' deadline step in a
transaction that is rolled back. Prints median and 95th percentile.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/portal_bench .venv/bin/python benchmarks/inquiries.py
"""  # noqa: E501

import os
import statistics
import time

from harness import load_average, migrated, p95, say, settle  # sets Django up first

# isort: split
from django.conf import settings  # noqa: E402
from django.contrib.auth.models import Group  # noqa: E402
from django.core.cache import cache  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

from portal import roles  # noqa: E402
from portal.inquiries.models import Inquiry, InquiryMessage, Topic  # noqa: E402
from portal.inquiries.sweeps import deadlines_sweep, erase_personal_data_sweep  # noqa: E402
from portal.models import CoordinatorAssignment, Department, User  # noqa: E402

INQUIRIES = int(os.environ.get("BENCH_INQUIRIES", 200_000))
MESSAGES = int(os.environ.get("BENCH_MESSAGES", 1_000_000))
RUNS = int(os.environ.get("BENCH_RUNS", 30))
WARM_UP = 5
TARGET_PAGE_P95_MS = 150
TARGET_SWEEP_MS = 50
TABLES = ["inquiries_inquiry", "inquiries_inquirymessage", "inquiries_inquiry_topics"]
COORDINATOR = "bench-samordnare@example.se"


def seeded() -> bool:
    return Inquiry.objects.count() >= INQUIRIES


def seed() -> None:
    departments = [
        Department.objects.get_or_create(slug=f"bench-{n}", defaults={"name": f"Förvaltning {n}"})[
            0
        ]
        for n in range(9)
    ]
    for n in range(10):
        Topic.objects.get_or_create(slug=f"bench-{n}", defaults={"name": f"Ämne {n}"})
    officials = []
    for n in range(50):
        user, _created = User.objects.get_or_create(
            email=f"bench-official-{n}@example.se",
            defaults={"first_name": "Tjänsteperson", "last_name": str(n)},
        )
        if user.department_id is None:
            user.department = departments[n % 9]
            user.save(update_fields=["department"])
        officials.append(user)
    department_ids = [d.pk for d in departments]
    official_ids = [u.pk for u in officials]
    now = timezone.now()
    started = time.perf_counter()
    with connection.cursor() as cursor:
        # Nine in ten closed; the open tenth spread over received, assigned, dialogue,
        # with every deadline and reminder ahead (nothing due for the sweep).
        cursor.execute(
            """
            INSERT INTO inquiries_inquiry (
              reference, kind, "offer", subject, message, sender_name, sender_email,
              sender_language, status, outcome, outcome_text, outcome_link, referred_to,
              referred_contact, department_id, assignee_id, handover_count, token_hash,
              received_at, acknowledged_at, acknowledge_due_at, acknowledge_remind_at,
              answer_due_at, answer_remind_at, paused_working_days, closed_at,
              acknowledge_working_days, close_working_days, erased_at)
            SELECT
              'EVI-B-' || lpad(g::text, 7, '0'),
              (ARRAY['question','idea','offer','complaint'])[1 + g %% 4],
              CASE WHEN g %% 4 = 2 THEN 'premises' ELSE '' END,
              'Ärende ' || g, 'Ett meddelande om ärende ' || g,
              'Avsändare ' || g, 'avsandare' || g || '@example.se', 'sv',
              CASE WHEN g %% 50 > 0 THEN 'closed'
                   ELSE (ARRAY['received','assigned','dialogue'])[1 + g %% 3] END,
              CASE WHEN g %% 50 > 0 THEN 'answered' ELSE '' END,
              '', '', '', '',
              CASE WHEN g %% 50 > 0 OR g %% 3 > 0 THEN (%(departments)s::bigint[])[1 + g %% 9] END,
              CASE WHEN g %% 50 = 0 AND g %% 3 > 0 THEN (%(officials)s::bigint[])[1 + g %% 50] END,
              (g %% 4)::smallint,
              md5(g::text) || md5((g + 1)::text),
              CASE WHEN g %% 50 > 0 THEN %(now)s - (g %% 700) * interval '1 day'
                   ELSE %(now)s - (g %% 3) * interval '1 hour' END,
              CASE WHEN g %% 50 > 0 OR g %% 3 > 0 THEN %(now)s - (g %% 700) * interval '1 day' END,
              %(now)s + interval '20 days', %(now)s + interval '19 days',
              CASE WHEN g %% 50 > 0 THEN %(now)s ELSE %(now)s + interval '30 days' END,
              CASE WHEN g %% 50 > 0 THEN %(now)s ELSE %(now)s + interval '29 days' END,
              0,
              CASE WHEN g %% 50 > 0 THEN %(now)s - (g %% 700) * interval '1 day'
                   + interval '5 days' END,
              CASE WHEN g %% 50 > 0 OR g %% 3 > 0 THEN (g %% 3)::smallint END,
              CASE WHEN g %% 50 > 0 THEN (g %% 15)::smallint END,
              -- Closed more than a year ago: already erased by the retention sweep.
              CASE WHEN g %% 50 > 0 AND g %% 700 > 360 THEN %(now)s END
            FROM generate_series(1, %(count)s) AS g
            """,
            {
                "departments": department_ids,
                "officials": official_ids,
                "now": now,
                "count": INQUIRIES,
            },
        )
        cursor.execute("SELECT min(id) FROM inquiries_inquiry")
        (first,) = cursor.fetchone()
        cursor.execute(
            """
            INSERT INTO inquiries_inquiry_topics (inquiry_id, topic_id)
            SELECT i.id, (SELECT min(id) FROM inquiries_topic) + i.id % 10
            FROM inquiries_inquiry AS i
            """
        )
        cursor.execute(
            """
            INSERT INTO inquiries_inquirymessage (
              inquiry_id, kind, event, body, details, waits_for_sender, created_at)
            SELECT %(first)s + g %% %(count)s,
              (ARRAY['from_sender','to_sender','note','event'])[1 + g %% 4],
              CASE WHEN g %% 4 = 3 THEN 'handed_over' ELSE '' END,
              'Meddelande ' || g, '{}', false, %(now)s - (g %% 700) * interval '1 day'
            FROM generate_series(1, %(messages)s) AS g
            """,
            {"first": first, "count": INQUIRIES, "messages": MESSAGES, "now": now},
        )
    say(f"  seeded in {time.perf_counter() - started:.1f} s")


def coordinator() -> User:
    user, _created = User.objects.get_or_create(email=COORDINATOR, defaults={"is_staff": True})
    CoordinatorAssignment.objects.get_or_create(user=user, department=None)
    user.groups.add(Group.objects.get_or_create(name=roles.MUNICIPAL_COORDINATOR)[0])
    return user


def timed(client, path, params=None, *, cold=False) -> tuple[list[float], int]:
    """Times of ``RUNS`` requests; ``cold`` empties the cache before each, as the first
    visit in ten minutes finds it (the medians, stats.speed_for)."""
    for _i in range(WARM_UP):
        response = client.get(path, params or {})
        assert response.status_code == 200, (path, response.status_code)
    times = []
    for _i in range(RUNS):
        if cold:
            cache.clear()
        started = time.perf_counter()
        client.get(path, params or {})
        times.append((time.perf_counter() - started) * 1000)
    with CaptureQueriesContext(connection) as queries:
        client.get(path, params or {})
    return times, len(queries)


def sweep_times() -> tuple[list[float], int]:
    now = timezone.now()
    times, count = [], 0
    for _i in range(WARM_UP + RUNS):
        with transaction.atomic(), CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            due = deadlines_sweep(now) + erase_personal_data_sweep(now)
            times.append((time.perf_counter() - started) * 1000)
            assert due == 0, f"{due} due: the seed should leave nothing due"
            count = len(queries)
            transaction.set_rollback(True)
    return times[WARM_UP:], count


def main() -> None:
    # Not setup_test_environment(): its instrumented template rendering copies every
    # context for the test client, which costs more than the page itself.
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    migrated()
    if seeded():
        say(f"Reusing {Inquiry.objects.count():,} seeded inquiries.")
    else:
        say(f"Seeding {INQUIRIES:,} inquiries and {MESSAGES:,} messages …")
        seed()
    settle(TABLES)
    say(
        f"Inquiries: {Inquiry.objects.count():,} ({Inquiry.objects.open().count():,} open), "
        f"messages: {InquiryMessage.objects.count():,}; {RUNS} runs after {WARM_UP} warm-up"
    )
    client = Client()
    client.force_login(coordinator())
    department = Department.objects.filter(slug="bench-3").values_list("pk", flat=True).first()
    topic = Topic.objects.filter(slug="bench-2").values_list("pk", flat=True).first()
    cases = [
        ("desk", "/skrivbord/", {}),
        ("desk, medians computed", "/skrivbord/", {}),
        ("list", "/en-vag-in/arenden/", {}),
        ("list: closed ideas", "/en-vag-in/arenden/", {"status": "closed", "kind": "idea"}),
        (
            "list: department+topic",
            "/en-vag-in/arenden/",
            {"department": department, "topic": topic},
        ),
        ("list: overdue", "/en-vag-in/arenden/", {"overdue": "yes"}),
        ("list: page 200", "/en-vag-in/arenden/", {"status": "closed", "page": 200}),
        ("statistics", "/en-vag-in/statistik/", {}),
    ]
    header = f"{'what':<26} {'p50 ms':>7} {'p95 ms':>7} {'queries':>7}"
    say(header)
    say("-" * len(header))
    worst = 0.0
    for label, path, params in cases:
        times, queries = timed(client, path, params, cold="computed" in label)
        counted = label.startswith(("desk", "list")) and "computed" not in label
        worst = max(worst, p95(times)) if counted else worst
        say(f"{label:<26} {statistics.median(times):>7.1f} {p95(times):>7.1f} {queries:>7}")
    times, queries = sweep_times()
    say(
        f"{'sweep, nothing due':<26} {statistics.median(times):>7.1f} {p95(times):>7.1f} "
        f"{queries:>7}"
    )
    say(load_average())
    say(
        f"Pages p95 at most {worst:.1f} ms (target {TARGET_PAGE_P95_MS}); sweep p95 "
        f"{p95(times):.1f} ms (target {TARGET_SWEEP_MS})."
    )


if __name__ == "__main__":
    main()
