"""A search filtered to associations with staff read every match of the words (and of
a category or district token) and dropped those without staff afterwards: a fifth of
the register has staff, so "kultur" in Kulturförening with staff read 4,000 heap rows
for some 800 (5,500 buffers). A partial GIN index on the search vector for has_staff,
as 0005 has for each offer flag, gives PostgreSQL only the rows with staff (1,500
buffers). "Without staff" is four fifths of the register: its index would be nearly
a second copy of the main one for a fifth fewer rows read, so it has none.

PostgreSQL-only and not declared in model Meta, like 0002's and 0005's search indexes.
"""

from django.db import migrations

INDEX = "organisation_search_has_staff_gin"


def forward(apps, schema_editor):
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {INDEX} ON organisations_organisation "
        "USING gin (search_vector) WHERE has_staff",
        None,
    )


def backward(apps, schema_editor):
    schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}", None)


class Migration(migrations.Migration):
    dependencies = [("organisations", "0022_search_synonyms_starter_set")]

    operations = [migrations.RunPython(forward, backward, elidable=False)]
