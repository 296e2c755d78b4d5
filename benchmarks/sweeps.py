"""Benchmark of the reminder and retention sweeps (PostgreSQL).

Seeds, once, into the database in DATABASE_URL: the register's 50,000 associations
(register.py's seed, without activities), an administrator with an e-mail address
for each, a yearly confirmation round open with its requests recorded, 1,000
accounts reminded to verify their address, and 1,000,000 older rows in the
delivery log (earlier rounds), all with INSERT ... SELECT over generate_series.

For every registered sweep it prints the time with nothing new due (median of
RUNS), its number of queries, the delivery log's dead tuples before and after
those runs, and the time with 1,000 due (reminders recorded and enqueued to an
in-memory broker, or rows purged). Then run_sweeps as a whole, and the old way
(one savepoint and INSERT per reminder) over a sample, for the "before" figure.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/portal17_bench .venv/bin/python benchmarks/sweeps.py
"""  # noqa: E501

import os
import statistics
import time
from datetime import datetime, timedelta

os.environ.setdefault("BENCH_ACTIVITIES", "0")  # the register's seed, without a calendar

from harness import load_average, migrated, say, settle  # sets Django up first

# isort: split
import register  # noqa: E402
from django.contrib.contenttypes.models import ContentType  # noqa: E402
from django.db import IntegrityError, connection, transaction  # noqa: E402
from django.db.models import Prefetch, Q  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

from organisations import confirmation  # noqa: E402
from organisations.models import ConfirmationRound, Membership, Organisation  # noqa: E402
from portal import sweeps  # noqa: E402
from portal.celery import app  # noqa: E402
from portal.models import ReminderDelivery, User  # noqa: E402

LOG_ROWS = int(os.environ.get("BENCH_LOG_ROWS", 1_000_000))
DUE = int(os.environ.get("BENCH_DUE", 1_000))
RUNS = int(os.environ.get("BENCH_RUNS", 20))
NAIVE_ORGS = int(os.environ.get("BENCH_NAIVE_ORGANISATIONS", 2_000))
TARGET_NOTHING_MS, TARGET_DUE_S = 50, 2.0
ADMIN = "bench-admin-"
LOG = "portal_reminderdelivery"
TABLES = [
    LOG,
    "portal_user",
    "account_emailaddress",
    "organisations_organisation",
    "organisations_membership",
    "organisations_invitation",
    "organisations_joinrequest",
    "portal_auditentry",
]


def sql(statement: str, params=()) -> int:
    with connection.cursor() as cursor:
        cursor.execute(statement, params)
        return cursor.rowcount


def scalar(statement: str, params=()):
    with connection.cursor() as cursor:
        cursor.execute(statement, params)
        return cursor.fetchone()[0]


def bench_now() -> datetime:
    """The sweeps run five days into the seeded round, whatever today is."""
    round_ = ConfirmationRound.objects.order_by("-starts_on").first()
    day = round_.starts_on + timedelta(days=5)
    return timezone.make_aware(datetime.combine(day, datetime.min.time())) + timedelta(hours=9)


def seeded() -> bool:
    return (
        User.objects.filter(email__startswith=ADMIN).exists()
        and ReminderDelivery.objects.count() >= LOG_ROWS
    )


def seed() -> None:
    """Everything with INSERT ... SELECT: a few seconds for a million rows."""
    started = time.perf_counter()
    today = timezone.localdate()
    ConfirmationRound.objects.all().delete()
    round_ = ConfirmationRound.objects.create(
        starts_on=today - timedelta(days=5), deadline=today + timedelta(days=37)
    )
    now = bench_now()
    org_ct = ContentType.objects.get_for_model(Organisation).pk
    user_ct = ContentType.objects.get_for_model(User).pk
    sql(
        f"TRUNCATE {LOG}, organisations_membership, account_emailaddress,"
        " organisations_joinrequest, organisations_invitation CASCADE"
    )
    sql("DELETE FROM portal_user WHERE email LIKE 'bench-%%'")
    sql(
        "UPDATE organisations_organisation SET status = 'active', unconfirmed_since = NULL,"
        " approved_at = %s, confirmed_at = %s, email = 'info-' || id || '@example.se'"
        " WHERE slug LIKE 'bench-%%'",
        [now - timedelta(days=800), now - timedelta(days=400)],
    )
    user_columns = (
        "password, last_login, is_superuser, first_name, last_name, is_staff, is_active,"
        " date_joined, email, language"
    )
    sql(
        f"INSERT INTO portal_user ({user_columns}) SELECT '!', %s, false, 'Admin', o.id::text,"
        f" false, true, %s, '{ADMIN}' || o.id || '@example.se', 'sv'"
        " FROM organisations_organisation o WHERE o.slug LIKE 'bench-%%'",
        [now - timedelta(days=2), now - timedelta(days=500)],
    )
    # Signed up four days ago, not verified: reminded once already.
    sql(
        f"INSERT INTO portal_user ({user_columns}) SELECT '!', NULL, false, 'Ny', g::text,"
        " false, true, %s, 'bench-unverified-' || g || '@example.se', 'sv'"
        " FROM generate_series(1, %s) g",
        [now - timedelta(days=4), DUE],
    )
    sql(
        'INSERT INTO account_emailaddress (user_id, email, verified, "primary")'
        " SELECT id, email, email LIKE %s, true FROM portal_user WHERE email LIKE 'bench-%%'",
        [ADMIN + "%"],
    )
    sql(
        "INSERT INTO organisations_membership (organisation_id, user_id, role, created_at)"
        " SELECT last_name::bigint, id, 'admin', date_joined FROM portal_user"
        " WHERE email LIKE %s",
        [ADMIN + "%"],
    )
    columns = "kind, due, content_type_id, object_id, recipient_id, recipient_email, created_at"
    # This round's requests, already recorded and sent.
    sql(
        f"INSERT INTO {LOG} ({columns}, sent_at) SELECT %s, %s, %s, m.organisation_id,"
        " u.id, u.email, %s, %s FROM organisations_membership m"
        " JOIN portal_user u ON u.id = m.user_id WHERE u.email LIKE %s",
        [confirmation.REQUEST, round_.starts_on, org_ct, now, now, ADMIN + "%"],
    )
    sql(
        f"INSERT INTO {LOG} ({columns}, sent_at) SELECT 'account.verify_email',"
        " (date_joined + interval '3 days')::date, %s, id, id, email, %s, %s"
        " FROM portal_user WHERE email LIKE 'bench-unverified-%%'",
        [user_ct, now, now],
    )
    # Earlier rounds: request and both reminders, year after year, to the same admins.
    sql(
        "CREATE TEMP TABLE bench_admins AS SELECT row_number() OVER (ORDER BY m.organisation_id)"
        " - 1 AS n, m.organisation_id, u.id AS user_id, u.email FROM organisations_membership m"
        " JOIN portal_user u ON u.id = m.user_id WHERE u.email LIKE %s",
        [ADMIN + "%"],
    )
    admins = scalar("SELECT count(*) FROM bench_admins")
    kinds = [confirmation.REQUEST, confirmation.REMINDER_14, confirmation.REMINDER_28]
    sql(
        f"INSERT INTO {LOG} ({columns}, sent_at) SELECT (%s::text[])[(g.i / %s) %% 3 + 1],"
        " %s::date - (365 * ((g.i / %s) / 3 + 1) - 14 * ((g.i / %s) %% 3))::int, %s,"
        " a.organisation_id, a.user_id, a.email, %s, %s FROM generate_series(0, %s - 1) g(i)"
        " JOIN bench_admins a ON a.n = g.i %% %s",
        [kinds, admins, round_.starts_on, admins, admins, org_ct, now, now, LOG_ROWS, admins],
    )
    sql("DROP TABLE bench_admins")
    # Retention: what is kept and not due (open invitations, recent answers to join).
    sql(
        "INSERT INTO organisations_invitation (organisation_id, email, role, token, created_at,"
        " expires_at) SELECT id, 'invited-' || id || '@example.se', 'editor', 'bench-' || id,"
        " %s, %s FROM organisations_organisation WHERE slug LIKE 'bench-%%'",
        [now - timedelta(days=3), now + timedelta(days=11)],
    )
    join_requests(decided=now - timedelta(days=10), limit=None)
    say(f"  sweeps' data in {time.perf_counter() - started:.1f} s")


# --- Making DUE things due, per sweep -----------------------------------------


def due_confirmation(now):
    """DUE associations approved since the round's request went out: not yet asked."""
    sql(
        f"DELETE FROM {LOG} WHERE id IN (SELECT id FROM {LOG} WHERE kind = %s AND due = %s"
        " ORDER BY object_id LIMIT %s)",
        [confirmation.REQUEST, bench_round().starts_on, DUE],
    )
    sql(
        "UPDATE organisations_organisation SET approved_at = %s WHERE id IN (SELECT o.id"
        " FROM organisations_organisation o WHERE o.slug LIKE 'bench-%%' AND NOT EXISTS ("
        f"SELECT 1 FROM {LOG} d WHERE d.kind = %s AND d.due = %s AND d.object_id = o.id))",
        [now - timedelta(minutes=30), confirmation.REQUEST, bench_round().starts_on],
    )


def due_verification(now):
    sql(
        f"DELETE FROM {LOG} WHERE kind = 'account.verify_email' AND recipient_email LIKE"
        " 'bench-unverified-%%'"
    )


def due_invitations(now):
    sql(
        "INSERT INTO organisations_invitation (organisation_id, email, role, token, created_at,"
        " expires_at) SELECT id, 'expired-' || id || '@example.se', 'editor',"
        " 'bench-expired-' || id, %s, %s FROM organisations_organisation"
        " WHERE slug LIKE 'bench-%%' ORDER BY id LIMIT %s",
        [now - timedelta(days=120), now - timedelta(days=100), DUE],
    )


def join_requests(*, decided, limit):
    """Answered requests to join, one per association (by its administrator)."""
    sql(
        "INSERT INTO organisations_joinrequest (organisation_id, user_id, message, status,"
        " created_at, decided_at) SELECT organisation_id, user_id, 'Hej', 'accepted', %s, %s"
        " FROM organisations_membership ORDER BY organisation_id LIMIT %s",
        [decided - timedelta(days=7), decided, limit],
    )


def due_join_requests(now):
    join_requests(decided=now - timedelta(days=100), limit=DUE)


def due_archived_contacts(now):
    sql(
        "UPDATE organisations_organisation SET status = 'archived', status_reason = 'Upplöst',"
        " archived_at = %s, contact_name = 'Kontakt', contact_email = 'kontakt@example.se'"
        " WHERE id IN (SELECT id FROM organisations_organisation WHERE slug LIKE 'bench-%%'"
        " ORDER BY id DESC LIMIT %s)",
        [now - timedelta(days=400), DUE],
    )


def restore_archived_contacts(now):
    sql(
        "UPDATE organisations_organisation SET status = 'active', status_reason = '',"
        " archived_at = NULL WHERE slug LIKE 'bench-%%' AND status = 'archived'"
    )


def due_unverified_accounts(now):
    sql(
        "INSERT INTO portal_user (password, last_login, is_superuser, first_name, last_name,"
        " is_staff, is_active, date_joined, email, language) SELECT '!', NULL, false, 'Gammal',"
        " g::text, false, true, %s, 'bench-stale-' || (SELECT max(id) FROM portal_user) + g"
        " || '@example.se', 'sv'"
        " FROM generate_series(1, %s) g",
        [now - timedelta(days=60), DUE],
    )


def erase_enqueued_accounts(now):
    """What the workers do with the erasures the sweep enqueued (not measured)."""
    sql("DELETE FROM portal_user WHERE email LIKE 'bench-stale-%%'")


PREPARE = {
    "organisations.yearly_confirmation": (due_confirmation, None),
    "account.verify_email": (due_verification, None),
    "organisations.purge_expired_invitations": (due_invitations, None),
    "organisations.purge_decided_join_requests": (due_join_requests, None),
    "organisations.erase_archived_contacts": (due_archived_contacts, restore_archived_contacts),
    "account.purge_unverified": (due_unverified_accounts, erase_enqueued_accounts),
}


def bench_round():
    return ConfirmationRound.objects.order_by("-starts_on").first()


# --- Measuring ----------------------------------------------------------------


def vacuum_log() -> None:
    """VACUUM the log fully: by default VACUUM may leave a few dead line pointers
    (from the set-up's deletes) in place, which n_dead_tup would still count."""
    sql(f"VACUUM (ANALYZE, INDEX_CLEANUP ON) {LOG}")


def dead_tuples() -> int:
    """The log's dead tuples, with this session's pending statistics flushed."""
    scalar("SELECT pg_stat_force_next_flush()")
    scalar("SELECT pg_stat_clear_snapshot()")
    return scalar("SELECT n_dead_tup FROM pg_stat_user_tables WHERE relname = %s", [LOG])


def run_once(func, now) -> tuple[float, int, int]:
    """Run a sweep as run_all does (in a transaction, enqueuing after commit)."""
    connection.queries_log.clear()  # past its limit, CaptureQueriesContext counts 0
    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        with transaction.atomic():
            result = func(now)
        elapsed = time.perf_counter() - started
    return elapsed, len(queries.captured_queries), result


def measure(name, func, now) -> dict:
    prepare, restore = PREPARE.get(name, (None, None))
    due = []
    if prepare:
        for _i in range(3):
            prepare(now)
            settle(TABLES)
            due.append(run_once(func, now))
            if restore:
                restore(now)
    settle(TABLES)
    for _i in range(3):  # warm-up
        run_once(func, now)
    vacuum_log()
    before = dead_tuples()
    runs = [run_once(func, now) for _i in range(RUNS)]
    after = dead_tuples()
    return {
        "nothing_ms": statistics.median(r[0] for r in runs) * 1000,
        "queries": sorted({r[1] for r in runs}),
        "nothing_result": runs[-1][2],
        "dead": (before, after),
        "due_s": statistics.median(r[0] for r in due) if due else None,
        "due_result": due[-1][2] if due else None,
        "due_queries": due[-1][1] if due else None,
    }


# --- The old way, for the "before" figure -------------------------------------


def old_schedule(*, kind, target, recipient, due):
    """reminder_schedule as it was: an INSERT in a savepoint, refused by the key."""
    user, email = (None, recipient) if isinstance(recipient, str) else (recipient, recipient.email)
    try:
        with transaction.atomic():
            delivery = ReminderDelivery.objects.create(
                kind=kind,
                content_type=ContentType.objects.get_for_model(target),
                object_id=str(target.pk),
                recipient=user,
                recipient_email=email.lower(),
                due=due,
            )
    except IntegrityError:
        return None
    return delivery


def old_yearly_confirmation(now, limit):
    """The request step as it was, over the first ``limit`` pending associations."""
    round_ = bench_round()
    start = timezone.make_aware(datetime.combine(round_.starts_on, datetime.min.time()))
    pending = (
        Organisation.objects.active()
        .filter(Q(confirmed_at__isnull=True) | Q(confirmed_at__lt=start))
        .prefetch_related(
            Prefetch(
                "memberships",
                queryset=Membership.objects.filter(role="admin").select_related("user"),
                to_attr="admin_memberships",
            )
        )
        .order_by("pk")[:limit]
    )
    scheduled = 0
    for org in pending:
        recipients = [m.user for m in org.admin_memberships if m.user.is_active]
        if not recipients and org.email:
            recipients = [org.email]
        for recipient in recipients:
            if old_schedule(
                kind=confirmation.REQUEST, target=org, recipient=recipient, due=round_.starts_on
            ):
                scheduled += 1
    return scheduled


def main() -> None:
    migrated()
    app.conf.task_always_eager = False  # enqueue, do not send: sending is not measured
    app.conf.broker_url = "memory://"
    if register.seeded():
        say(f"Reusing {register.ORGANISATIONS:,} seeded associations.")
    else:
        say(f"Seeding {register.ORGANISATIONS:,} associations …")
        register.seed()
    if seeded():
        say("Reusing the sweeps' data.")
    else:
        say(f"Seeding administrators, a round with its requests, {LOG_ROWS:,} log rows …")
        seed()
    settle(TABLES)
    now = bench_now()
    say(
        f"Associations: {Organisation.objects.count():,}, users: {User.objects.count():,},"
        f" delivery log: {ReminderDelivery.objects.count():,} rows; sweeps at {now:%Y-%m-%d}"
        f" (round from {bench_round().starts_on}); nothing due: median of {RUNS};"
        f" {DUE:,} due: median of 3"
    )
    header = (
        f"{'sweep':<44} {'nothing ms':>10} {'queries':>7} {'dead before→after':>17}"
        f" {f'{DUE:,} due s':>10} {'done':>5} {'queries':>7}"
    )
    say(header)
    say("-" * len(header))
    worst_nothing, worst_due, dead = 0.0, 0.0, 0
    for name, func in sweeps.registered().items():
        m = measure(name, func, now)
        worst_nothing = max(worst_nothing, m["nothing_ms"])
        worst_due = max(worst_due, m["due_s"] or 0)
        dead = max(dead, m["dead"][1] - m["dead"][0])
        due = ""
        if m["due_s"] is not None:
            due = f"{m['due_s']:>10.3f} {m['due_result']:>5} {m['due_queries']:>7}"
        say(
            f"{name:<44} {m['nothing_ms']:>10.1f} {'/'.join(map(str, m['queries'])):>7}"
            f" {f'{m["dead"][0]}→{m["dead"][1]}':>17} {due}"
        )
    vacuum_log()
    before = dead_tuples()
    runs = [run_once(lambda now: sum(sweeps.run_all(now).values()), now) for _i in range(RUNS)]
    after = dead_tuples()
    say(
        f"{'run_sweeps (all of them)':<44} {statistics.median(r[0] for r in runs) * 1000:>10.1f}"
        f" {runs[-1][1]:>7} {f'{before}→{after}':>17}"
    )
    say(load_average())
    say(
        f"\nWorst nothing due: {worst_nothing:.1f} ms (target ≤ {TARGET_NOTHING_MS} ms); worst"
        f" {DUE:,} due: {worst_due:.2f} s (target ≤ {TARGET_DUE_S} s, reminders); dead tuples"
        f" from nothing-due runs: {dead}"
    )
    if NAIVE_ORGS:
        vacuum_log()
        before = dead_tuples()
        elapsed, queries, scheduled = run_once(
            lambda now: old_yearly_confirmation(now, NAIVE_ORGS), now
        )
        after = dead_tuples()
        pending = Organisation.objects.active().count()
        say(
            f"\nThe old way (a savepoint and an INSERT per reminder), yearly confirmation over"
            f" {NAIVE_ORGS:,} of {pending:,} associations with nothing new due: {elapsed:.2f} s,"
            f" {queries:,} queries, {scheduled} scheduled, dead tuples {before}→{after};"
            f" {elapsed * pending / NAIVE_ORGS:.0f} s for all by proportion"
        )


if __name__ == "__main__":
    main()
