"""When an association was archived: its contact person is erased a year later.

Associations archived before this field existed count from their last change
(``updated_at``), the best date there is; the audit log has the exact one but a
migration should not depend on it."""

from django.db import migrations, models
from django.db.models import F


def backfill(apps, schema_editor):
    Organisation = apps.get_model("organisations", "Organisation")
    Organisation.objects.filter(status="archived", archived_at__isnull=True).update(
        archived_at=F("updated_at")
    )


class Migration(migrations.Migration):
    dependencies = [
        ("organisations", "0006_search_filter_tokens"),
    ]

    operations = [
        migrations.AddField(
            model_name="organisation",
            name="archived_at",
            field=models.DateTimeField(
                blank=True,
                help_text="The contact person's details are erased a year after archiving.",
                null=True,
                verbose_name="archived",
            ),
        ),
        migrations.RunPython(backfill, migrations.RunPython.noop),
    ]
