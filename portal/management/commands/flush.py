"""Django's flush, which must also empty the append-only audit log.

The log's TRUNCATE trigger (portal migration 0009) refuses the TRUNCATE that flush
sends, so the trigger is disabled around that one statement, inside flush's own
transaction: no other session ever sees it disabled, and a failure rolls it back.
Only the table's owner may disable a trigger, which is the point: the runtime role
the app connects as in production cannot (grant_runtime_role), so its flush fails;
the test runner and a developer connect as the owner.
"""

from django.core.management.commands import flush
from django.db import connections

AUDIT_TABLE = "portal_auditentry"
TRIGGER = "portal_auditentry_no_truncate"


def _around_truncate(execute, sql, params, many, context):
    if not (sql.lstrip().upper().startswith("TRUNCATE") and AUDIT_TABLE in sql):
        return execute(sql, params, many, context)
    execute(f"ALTER TABLE {AUDIT_TABLE} DISABLE TRIGGER {TRIGGER}", None, False, context)
    result = execute(sql, params, many, context)
    execute(f"ALTER TABLE {AUDIT_TABLE} ENABLE TRIGGER {TRIGGER}", None, False, context)
    return result


class Command(flush.Command):
    def handle(self, **options):
        with connections[options["database"]].execute_wrapper(_around_truncate):
            return super().handle(**options)
