"""The directory without a search lists public, active associations by name: a
partial index on (name, id) lets PostgreSQL read the first page from the index
instead of sorting the whole register (60 ms at 50,000 associations).

PostgreSQL-only and not declared in model Meta, like 0002's search indexes.
"""

from django.db import migrations

INDEX = "organisation_public_name"


def forward(apps, schema_editor):
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {INDEX} ON organisations_organisation (name, id) "
        "WHERE status = 'active' AND is_public",
        None,
    )


def backward(apps, schema_editor):
    schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}", None)


class Migration(migrations.Migration):
    dependencies = [("organisations", "0003_searchword")]

    operations = [migrations.RunPython(forward, backward, elidable=False)]
