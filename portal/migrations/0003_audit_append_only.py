"""On PostgreSQL the audit log refuses UPDATE and DELETE, except clearing the
actor (which account erasure and ON DELETE SET NULL need)."""

from django.db import migrations

CREATE = """
CREATE OR REPLACE FUNCTION portal_auditentry_append_only() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION 'the audit log is append-only';
    END IF;
    IF NEW.actor_id IS NULL
       AND NEW.created_at = OLD.created_at AND NEW.action = OLD.action
       AND NEW.content_type_id IS NOT DISTINCT FROM OLD.content_type_id
       AND NEW.object_id = OLD.object_id AND NEW.object_repr = OLD.object_repr
       AND NEW.data = OLD.data THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'the audit log is append-only';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER portal_auditentry_append_only
    BEFORE UPDATE OR DELETE ON portal_auditentry
    FOR EACH ROW EXECUTE FUNCTION portal_auditentry_append_only();
"""

DROP = """
DROP TRIGGER IF EXISTS portal_auditentry_append_only ON portal_auditentry;
DROP FUNCTION IF EXISTS portal_auditentry_append_only();
"""


def forwards(apps, schema_editor):
    schema_editor.execute(CREATE)


def backwards(apps, schema_editor):
    schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("portal", "0002_roles")]

    operations = [migrations.RunPython(forwards, backwards)]
