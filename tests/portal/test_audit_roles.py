"""The audit log against the roles production uses: the runtime role the app
connects as (set up by ``grant_runtime_role``) can write entries and clear an
erased actor, but cannot change, delete, empty or unprotect them; the owner's
TRUNCATE is refused by the trigger, and the time is always the database's."""

import datetime
import io
import secrets

import psycopg
import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from portal.audit import audit_log
from portal.models import AuditEntry

from .factories import UserFactory


@pytest.fixture
def runtime_role(settings):
    """A login role made by the command from DATABASE_RUNTIME_URL, as in production.
    Roles belong to the whole server, which other workers and other engineers'
    suites share: the name carries this worker's test database's name."""
    name = f"rt_{connection.settings_dict['NAME']}".lower()[:63]
    password = secrets.token_urlsafe(16)
    with connection.cursor() as cursor:
        cursor.execute(f"DROP ROLE IF EXISTS {name}")  # left by a killed run
    settings.DATABASE_RUNTIME_URL = f"postgres://{name}:{password}@db.invalid/portal"
    call_command("grant_runtime_role", stdout=io.StringIO())
    db = connection.settings_dict
    role = psycopg.connect(
        host=db["HOST"] or None,
        port=db["PORT"] or None,
        dbname=db["NAME"],
        user=name,
        password=password,
        autocommit=True,
    )
    yield role
    role.close()
    with connection.cursor() as cursor:
        cursor.execute(f"DROP OWNED BY {name}")  # its privileges in this database
        cursor.execute(f"DROP ROLE {name}")


def _refused(role, statement, params=(), match="permission denied|must be owner"):
    with pytest.raises(psycopg.Error, match=match):
        role.execute(statement, params)


@pytest.mark.django_db(transaction=True)
def test_the_runtime_role_writes_the_log_but_cannot_rewrite_empty_or_unprotect_it(
    runtime_role,
):
    actor = UserFactory()
    role = runtime_role
    row = role.execute(
        "INSERT INTO portal_auditentry (actor_id, action, object_id, object_repr, data)"
        " VALUES (%s, 'test.written', '', '', '{}') RETURNING id",
        [actor.pk],
    ).fetchone()
    entry = AuditEntry.objects.get(pk=row[0])
    assert entry.actor == actor

    _refused(role, "UPDATE portal_auditentry SET action = 'forged' WHERE id = %s", [entry.pk])
    _refused(role, "DELETE FROM portal_auditentry WHERE id = %s", [entry.pk])
    _refused(role, "TRUNCATE portal_auditentry")
    _refused(role, "ALTER TABLE portal_auditentry DISABLE TRIGGER ALL")
    _refused(role, "ALTER TABLE portal_auditentry DISABLE TRIGGER portal_auditentry_no_truncate")
    _refused(role, "DROP TRIGGER portal_auditentry_append_only ON portal_auditentry")
    _refused(role, "UPDATE django_migrations SET app = 'forged'")
    # The one update erasure needs: the column grant lets it through, and the
    # trigger still refuses anything but clearing the actor.
    role.execute("UPDATE portal_auditentry SET actor_id = NULL WHERE actor_id = %s", [actor.pk])
    _refused(
        role,
        "UPDATE portal_auditentry SET actor_id = %s WHERE id = %s",
        [actor.pk, entry.pk],
        match="append-only",
    )
    entry.refresh_from_db()
    assert (entry.actor, entry.action) == (None, "test.written")

    # Everything else is ordinary work.
    role.execute("UPDATE portal_user SET first_name = 'Ny' WHERE id = %s", [actor.pk])
    role.execute("DELETE FROM portal_department")


@pytest.mark.django_db(transaction=True)
def test_the_runtime_role_cannot_backdate_an_entry(runtime_role):
    runtime_role.execute(
        "INSERT INTO portal_auditentry (created_at, action, object_id, object_repr, data)"
        " VALUES ('2001-01-01T00:00Z', 'test.backdated', '', '', '{}')"
    )
    entry = AuditEntry.objects.get(action="test.backdated")
    assert entry.created_at > timezone.now() - datetime.timedelta(hours=1)


@pytest.mark.django_db
def test_the_owner_cannot_truncate_the_log():
    audit_log(actor=None, action="department.created")
    with connection.cursor() as cursor:  # the insert's deferred checks, done now
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("TRUNCATE portal_auditentry")
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        with connection.cursor() as cursor:  # emptying the users would cascade to it
            cursor.execute("TRUNCATE portal_user CASCADE")
    assert AuditEntry.objects.filter(action="department.created").exists()


@pytest.mark.django_db
def test_the_time_is_the_databases_not_the_clients():
    with CaptureQueriesContext(connection) as queries:
        entry = audit_log(actor=None, action="department.created")
    (insert,) = [q["sql"] for q in queries if q["sql"].startswith("INSERT")]
    assert "created_at" not in insert.split("RETURNING")[0]
    assert entry.created_at is not None  # read back from the database
    forged = AuditEntry.objects.create(
        action="department.renamed", created_at=datetime.datetime(2001, 1, 1, tzinfo=datetime.UTC)
    )
    forged.refresh_from_db()
    assert forged.created_at > timezone.now() - datetime.timedelta(hours=1)


@pytest.mark.django_db
def test_grant_refuses_a_superuser_or_the_owner():
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_user")
        (owner,) = cursor.fetchone()
    with pytest.raises(CommandError):
        call_command("grant_runtime_role", owner)
    with pytest.raises(CommandError):
        call_command("grant_runtime_role", 'x"; DROP TABLE portal_user; --')
    assert "portal_user" in connection.introspection.table_names()
