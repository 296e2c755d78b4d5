"""Give the role the app connects as in production what it needs, and no more.

Run as the owner of the tables (the role `migrate` runs as), after each migrate:
new tables need their grants. The runtime role gets SELECT, INSERT, UPDATE and
DELETE on every table, but on the audit log only SELECT, INSERT and UPDATE of the
actor (which the trigger allows to be cleared when an account is erased), and
django_migrations read-only. Not owning any table, it can neither TRUNCATE nor
ALTER them, so it cannot disable the audit log's triggers. Idempotent.
"""

import re
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils.translation import gettext as _

AUDIT_TABLE = "portal_auditentry"
READ_ONLY = ("django_migrations",)
_ROLE = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")


def _from_url(url: str) -> tuple[str, str]:
    parts = urlsplit(url)
    return unquote(parts.username or ""), unquote(parts.password or "")


class Command(BaseCommand):
    help = "Grant the runtime database role (DATABASE_RUNTIME_URL's user) what the app needs."

    def add_arguments(self, parser):
        parser.add_argument(
            "role", nargs="?", help="The role; by default the user of DATABASE_RUNTIME_URL."
        )

    def handle(self, *args, role=None, **options):
        url_role, password = _from_url(settings.DATABASE_RUNTIME_URL)
        role = role or url_role
        if not role:
            raise CommandError(_("Name the runtime role, or set DATABASE_RUNTIME_URL."))
        if not _ROLE.match(role):
            raise CommandError(
                _("%(role)s is not a plain role name (lower-case letters, digits, _).")
                % {"role": role}
            )
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SELECT rolsuper FROM pg_roles WHERE rolname = %s", [role])
            row = cursor.fetchone()
            if row is None:
                if role != url_role or not password:
                    raise CommandError(
                        _("The role %(role)s does not exist; put its password in "
                          "DATABASE_RUNTIME_URL to have it created.") % {"role": role}
                    )  # fmt: skip
                cursor.execute(f"CREATE ROLE {role} LOGIN PASSWORD %s", [password])
            elif row[0]:
                raise CommandError(
                    _("%(role)s is a superuser: the runtime role must not be.") % {"role": role}
                )
            cursor.execute(
                "SELECT pg_has_role(%s, relowner, 'MEMBER') FROM pg_class WHERE oid = %s::regclass",
                [role, AUDIT_TABLE],
            )
            if cursor.fetchone()[0]:
                raise CommandError(
                    _("%(role)s owns the tables (or is a member of their owner): the app "
                      "must connect as another role.") % {"role": role}
                )  # fmt: skip
            for statement in (
                f"GRANT USAGE ON SCHEMA public TO {role}",
                f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {role}",
                f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {role}",
                *(f"REVOKE INSERT, UPDATE, DELETE ON {t} FROM {role}" for t in READ_ONLY),
                # Revoking UPDATE on the table also revokes it on its columns.
                f"REVOKE UPDATE, DELETE, TRUNCATE ON {AUDIT_TABLE} FROM {role}",
                f"GRANT UPDATE (actor_id) ON {AUDIT_TABLE} TO {role}",
            ):
                cursor.execute(statement)
        self.stdout.write(_("The role %(role)s has the runtime privileges.") % {"role": role})
