"""The audit log also refuses TRUNCATE (a statement trigger: the row triggers of
0003 never see one), and its time is the database's: a default when the client
sends none, and a trigger that overwrites whatever a client sends, so no role
that can insert can backdate an entry."""

import django.db.models.functions.datetime
from django.db import migrations, models

CREATE = """
CREATE OR REPLACE FUNCTION portal_auditentry_no_truncate() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'the audit log is append-only';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER portal_auditentry_no_truncate
    BEFORE TRUNCATE ON portal_auditentry
    FOR EACH STATEMENT EXECUTE FUNCTION portal_auditentry_no_truncate();

CREATE OR REPLACE FUNCTION portal_auditentry_clock() RETURNS trigger AS $$
BEGIN
    NEW.created_at := statement_timestamp();
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER portal_auditentry_clock
    BEFORE INSERT ON portal_auditentry
    FOR EACH ROW EXECUTE FUNCTION portal_auditentry_clock();
"""

DROP = """
DROP TRIGGER IF EXISTS portal_auditentry_clock ON portal_auditentry;
DROP FUNCTION IF EXISTS portal_auditentry_clock();
DROP TRIGGER IF EXISTS portal_auditentry_no_truncate ON portal_auditentry;
DROP FUNCTION IF EXISTS portal_auditentry_no_truncate();
"""


class Migration(migrations.Migration):
    dependencies = [("portal", "0008_reminder_recipient_email_index")]

    operations = [
        migrations.AlterField(
            model_name="auditentry",
            name="created_at",
            field=models.DateTimeField(
                db_default=django.db.models.functions.datetime.Now(),
                db_index=True,
                verbose_name="time",
            ),
        ),
        migrations.RunSQL(CREATE, DROP),
    ]
