"""Benchmark of the dialogue forums (PostgreSQL): the forum map, a forum page, a
meeting page, and every dialogues sweep with nothing due and with 1,000 due, at
2,000 forums, 100,000 meetings, 1,000,000 registrations, 176,000 answered
follow-up items and 1,000,000 rows in the reminder delivery log.

Seeds them once (a later run reuses them): associations and forums with the ORM,
meetings, registrations and the log with INSERT … SELECT over generate_series.
Each forum has 45 meetings behind it (held, minutes published) and 5 ahead, the
first in three weeks, so nothing is due. "1,000 due" is made inside a transaction
that is rolled back after the sweep: the sweep's own time is measured.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/portal_bench .venv/bin/python benchmarks/dialogues.py
"""  # noqa: E501

import os
import statistics
import time
from datetime import timedelta

from harness import load_average, migrated, p95, say, settle  # sets Django up first

# isort: split
from django.contrib.contenttypes.models import ContentType  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client, override_settings  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

from dialogues.models import FollowUpItem, Forum, Meeting, Registration  # noqa: E402
from organisations.models import Organisation  # noqa: E402
from portal import sweeps  # noqa: E402
from portal.models import User  # noqa: E402

FORUMS = int(os.environ.get("BENCH_FORUMS", 2_000))
PER_FORUM = 50  # meetings: 45 behind, 5 ahead
PER_MEETING = 10  # registrations
LOG_ROWS = int(os.environ.get("BENCH_LOG_ROWS", 1_000_000))
ORGANISATIONS = 2_000
DUE = int(os.environ.get("BENCH_DUE", 1_000))
RUNS = int(os.environ.get("BENCH_RUNS", 30))
WARM_UP = 5
TARGET_PAGE_P95_MS, TARGET_SWEEP_MS = 100, 50
SLUG = "bench-forum-"
TABLES = [
    "dialogues_forum",
    "dialogues_forum_coordinators",
    "dialogues_meeting",
    "dialogues_registration",
    "dialogues_followupitem",
    "portal_reminderdelivery",
    "organisations_organisation",
]


def sql(statement: str, params=()) -> int:
    with connection.cursor() as cursor:
        cursor.execute(statement, params)
        return cursor.rowcount


def seeded() -> bool:
    return Forum.objects.filter(slug__startswith=SLUG).count() >= FORUMS


def seed() -> None:
    started = time.perf_counter()
    now = timezone.now()
    Organisation.objects.bulk_create(
        Organisation(
            name=f"Benchförening {n}",
            slug=f"bench-forening-{n}",
            email=f"bench-forening-{n}@example.se",
            status=Organisation.Status.ACTIVE,
            approved_at=now,
            confirmed_at=now,
        )
        for n in range(ORGANISATIONS)
    )
    org_first = Organisation.objects.filter(slug="bench-forening-0").values_list("pk", flat=True)[0]
    Forum.objects.bulk_create(
        Forum(
            name=f"Benchforum {n}",
            slug=f"{SLUG}{n}",
            kind=Forum.Kind.choices[n % len(Forum.Kind.choices)][0],
            audience=Forum.Audience.OPEN if n % 5 else Forum.Audience.INVITED,
            cadence_months=6,
            description="Föreningar och kommunen möts.",
            created_at=now - timedelta(days=3000),
        )
        for n in range(FORUMS)
    )
    User.objects.bulk_create(
        User(email=f"bench-coordinator-{n}@example.se", first_name="Samordnare", last_name=str(n))
        for n in range(DUE)
    )
    # Meetings: forum f's j-th, a month apart; j < 45 behind (held or with minutes),
    # j >= 45 ahead, the first in three weeks.
    sql(
        """
        INSERT INTO dialogues_meeting (forum_id, theme, agenda, starts_at, ends_at, place,
          online_url, hearing_loop, step_free, interpretation, accessibility_notes, capacity,
          registration_deadline, asks_for_names, status, cancelled_reason, minutes,
          minutes_file, minutes_checked_by, created_at, updated_at)
        SELECT f.id, 'Möte ' || j, '', m.starts_at, m.starts_at + interval '2 hours',
          'Medborgarhuset', '', false, false, '', '', 30, m.starts_at - interval '2 days',
          false,
          CASE WHEN j < 44 THEN 'minutes_published' WHEN j < 45 THEN 'held' ELSE 'open' END,
          '', CASE WHEN j < 44 THEN 'Protokoll.' ELSE '' END, '', '', %s, %s
        FROM dialogues_forum f
        CROSS JOIN generate_series(0, %s - 1) j
        CROSS JOIN LATERAL (SELECT %s::timestamptz + interval '21 days'
          + (j - 45) * interval '1 month' AS starts_at) m
        WHERE f.slug LIKE %s
        """,
        [now, now, PER_FORUM, now, SLUG + "%"],
    )
    say(f"  meetings seeded in {time.perf_counter() - started:.0f} s")
    sql(
        """
        INSERT INTO dialogues_registration (meeting_id, organisation_id, attendees,
          attendee_names, needs, status, created_at, updated_at)
        SELECT m.id, %s + (m.id * 7 + k) %% %s, 1 + k %% 3, '', '', 'confirmed',
          m.starts_at - interval '30 days', m.starts_at - interval '30 days'
        FROM dialogues_meeting m JOIN dialogues_forum f ON f.id = m.forum_id
        CROSS JOIN generate_series(0, %s - 1) k
        WHERE f.slug LIKE %s
        """,
        [org_first, ORGANISATIONS, PER_MEETING, SLUG + "%"],
    )
    say(f"  registrations seeded in {time.perf_counter() - started:.0f} s")
    content_type = ContentType.objects.get_for_model(Registration)
    sql(
        """
        INSERT INTO portal_reminderdelivery (kind, content_type_id, object_id, recipient_id,
          recipient_email, due, created_at, sent_at)
        SELECT CASE WHEN r.id %% 2 = 0 THEN 'dialogues.meeting_reminder_7'
                    ELSE 'dialogues.meeting_reminder_1' END,
          %s, r.id, NULL, 'bench-forening-' || r.organisation_id || '@example.se',
          (m.starts_at - interval '7 days')::date, m.starts_at - interval '7 days',
          m.starts_at - interval '7 days'
        FROM dialogues_registration r JOIN dialogues_meeting m ON m.id = r.meeting_id
        WHERE m.starts_at < %s
        ORDER BY r.id
        LIMIT %s
        """,
        [content_type.pk, now, LOG_ROWS],
    )
    say(f"Seeded in {time.perf_counter() - started:.0f} s")


def seed_follow_ups() -> None:
    """Two answered items per meeting with minutes: the history the follow-up
    sweeps must not read."""
    started = time.perf_counter()
    sql(
        """
        INSERT INTO dialogues_followupitem (meeting_id, title, description,
          raised_by_name, due_on, status, reason, answer, answer_published_at,
          created_at, updated_at)
        SELECT m.id, 'Fråga ' || k, '', '', (m.starts_at + interval '60 days')::date,
          CASE WHEN k = 0 THEN 'done' ELSE 'wont_do' END,
          CASE WHEN k = 0 THEN '' ELSE 'Ryms inte i budgeten.' END,
          'Svar.', m.starts_at + interval '30 days', m.starts_at, m.starts_at
        FROM dialogues_meeting m JOIN dialogues_forum f ON f.id = m.forum_id
        CROSS JOIN generate_series(0, 1) k
        WHERE f.slug LIKE %s AND m.status = 'minutes_published'
        """,
        [SLUG + "%"],
    )
    say(f"  follow-up items seeded in {time.perf_counter() - started:.0f} s")


def timed(func, runs=RUNS) -> list[float]:
    for _ in range(WARM_UP):
        func()
    values = []
    for _ in range(runs):
        started = time.perf_counter()
        func()
        values.append((time.perf_counter() - started) * 1000)
    return values


def report(label: str, values, target=None, queries=None) -> None:
    line = f"  {label:44} median {statistics.median(values):7.1f} ms  p95 {p95(values):7.1f} ms"
    if queries is not None:
        line += f"  {queries} queries"
    if target is not None:
        line += "  ok" if p95(values) <= target else f"  OVER {target} ms"
    say(line)


def page(url: str):
    client = Client()

    def get():
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)

    return get


COORDINATED = {
    "dialogues.cadence_reminders",
    "dialogues.minutes_reminders",
    "dialogues.follow_up_digests",
}


def make_due(name: str, now) -> None:
    """Inside the benchmark's rolled-back transaction: 1,000 of what ``name`` sends."""
    forums = list(
        Forum.objects.filter(slug__startswith=SLUG).order_by("pk").values_list("pk", flat=True)
    )
    users = list(
        User.objects.filter(email__startswith="bench-coordinator-")
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    chosen = forums[:DUE]
    if name in COORDINATED:
        through = Forum.coordinators.through
        through.objects.bulk_create(
            through(forum_id=forum, user_id=user)
            for forum, user in zip(chosen, users, strict=False)
        )
    if name == "dialogues.cadence_reminders":
        # No meeting in the last seven months or ahead: each of them is in a gap.
        Meeting.objects.filter(forum__in=chosen, starts_at__gte=now - timedelta(days=215)).update(
            status="cancelled"
        )
    elif name == "dialogues.minutes_reminders":
        # Each forum's meeting of about six weeks ago is held, its minutes not out.
        Meeting.objects.filter(
            forum__in=chosen,
            starts_at__gte=now - timedelta(days=44),
            starts_at__lt=now - timedelta(days=14),
        ).update(status="held")
    elif name in ("dialogues.follow_up_reminders", "dialogues.follow_up_digests"):
        # One unresolved item, due last week, at each forum's last meeting.
        last = (
            Meeting.objects.filter(forum__in=chosen, starts_at__lt=now)
            .order_by("forum_id", "-starts_at")
            .distinct("forum_id")
            .values_list("pk", flat=True)
        )
        FollowUpItem.objects.bulk_create(
            FollowUpItem(
                meeting_id=meeting,
                title="Fråga som väntar på svar",
                owner_id=user,
                due_on=now.date() - timedelta(days=7),
            )
            for meeting, user in zip(last, users, strict=False)
        )
    elif name == "dialogues.meeting_reminders":
        first = Meeting.objects.filter(
            forum__in=forums[: DUE // PER_MEETING], starts_at__gte=now
        ).order_by("forum_id", "starts_at")
        ids = [m.pk for m in first.distinct("forum_id").only("pk")]
        Meeting.objects.filter(pk__in=ids).update(
            starts_at=now + timedelta(days=5),
            ends_at=now + timedelta(days=5, hours=2),
            registration_deadline=now + timedelta(days=4),
        )
    elif name == "dialogues.erase_needs":
        ids = list(
            Registration.objects.filter(meeting__starts_at__lt=now - timedelta(days=400))
            .order_by("pk")
            .values_list("pk", flat=True)[:DUE]
        )
        Registration.objects.filter(pk__in=ids).update(needs="Hörslinga")


def sweep_timing(name: str, func, *, due: bool) -> tuple[list[float], int, int]:
    values, queries, result = [], 0, 0
    for n in range(WARM_UP + (RUNS if not due else 5)):
        with transaction.atomic():
            now = timezone.now()
            if due:
                make_due(name, now)
            with CaptureQueriesContext(connection) as captured:
                started = time.perf_counter()
                result = func(now)
                elapsed = (time.perf_counter() - started) * 1000
            transaction.set_rollback(True)
        if n >= WARM_UP:
            values.append(elapsed)
            queries = len(captured)
    return values, queries, result


@override_settings(ALLOWED_HOSTS=["testserver"])
def main() -> None:
    migrated()
    if not seeded():
        say("Seeding …")
        seed()
    if not FollowUpItem.objects.filter(meeting__forum__slug=f"{SLUG}0").exists():
        seed_follow_ups()
    settle(TABLES)
    say(
        f"Forums {Forum.objects.count():,}, meetings {Meeting.objects.count():,},"
        f" registrations {Registration.objects.count():,}"
    )
    forum = Forum.objects.filter(slug=f"{SLUG}1").get()
    meeting = forum.meetings.filter(starts_at__gte=timezone.now()).order_by("starts_at").first()
    say(f"Pages, {RUNS} runs each after {WARM_UP} to warm up (anonymous)")
    for label, url in (
        ("forum map /forum/", "/forum/"),
        ("forum page", forum.get_absolute_url()),
        ("meeting page", meeting.get_absolute_url()),
    ):
        try:
            with CaptureQueriesContext(connection) as captured:
                page(url)()
        except (AssertionError, TypeError) as error:  # a page another branch builds
            say(f"  {label:44} not measured: {error!r}")
            continue
        report(label, timed(page(url)), TARGET_PAGE_P95_MS, len(captured))
    say("Sweeps (each in a transaction rolled back)")
    for name, func in sweeps.registered().items():
        if not name.startswith("dialogues."):
            continue
        values, queries, _result = sweep_timing(name, func, due=False)
        report(f"{name}, nothing due", values, TARGET_SWEEP_MS, queries)
        values, queries, result = sweep_timing(name, func, due=True)
        report(f"{name}, {result:,} due", values, None, queries)
    say(load_average())


if __name__ == "__main__":
    main()
