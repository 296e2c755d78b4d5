"""A search filtered by an offer flag ("offers volunteers") read every match of the
words and dropped the rows without the flag afterwards: "volontärer" matches 15,000
associations at 50,000, of which 3,600 offer volunteers, so three of four heap rows
were read for nothing (30 ms). One partial GIN index on the search vector per flag
gives PostgreSQL only the rows that have it (the bitmap of 3,800 rows, 13 ms).
A boolean cannot join the main GIN index through btree_gin: the planner turns
``flag = true`` into a bare ``flag``, which no GIN operator class matches.

PostgreSQL-only and not declared in model Meta, like 0002's search indexes.
"""

from django.db import migrations

FLAGS = ["seeks_collaboration", "offers_premises", "offers_volunteers", "offers_knowledge"]


def _index(flag: str) -> str:
    return f"organisation_search_{flag}_gin"


def forward(apps, schema_editor):
    for flag in FLAGS:
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {_index(flag)} ON organisations_organisation "
            f"USING gin (search_vector) WHERE {flag}",
            None,
        )


def backward(apps, schema_editor):
    for flag in FLAGS:
        schema_editor.execute(f"DROP INDEX IF EXISTS {_index(flag)}", None)


class Migration(migrations.Migration):
    dependencies = [("organisations", "0004_directory_name_index")]

    operations = [migrations.RunPython(forward, backward, elidable=False)]
