"""The misspelling vocabulary as a model (``SearchWord``) instead of a raw-SQL table.

Migration 0002 created the table ``organisations_searchword`` already (same name and
column as the model's): this migration only tells Django's state about it, and
(re)creates its trigram GIN index if missing. Its backward leaves the table to 0002.
"""

from django.db import migrations, models

TABLE = "organisations_searchword"
TRIGRAM_INDEX = (
    f"CREATE INDEX IF NOT EXISTS organisations_searchword_trgm "
    f"ON {TABLE} USING gin (word gin_trgm_ops)"
)


def forward(apps, schema_editor):
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm", None)
    schema_editor.execute(TRIGRAM_INDEX, None)


class Migration(migrations.Migration):
    dependencies = [("organisations", "0002_search")]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="SearchWord",
                    fields=[
                        (
                            "word",
                            models.TextField(primary_key=True, serialize=False, verbose_name="word"),
                        ),
                    ],
                    options={
                        "verbose_name": "search word",
                        "verbose_name_plural": "search words",
                    },
                ),
            ],
            database_operations=[],
        ),
        # After the state, as before; the SQL needs no model.
        migrations.RunPython(forward, migrations.RunPython.noop, elidable=False),
    ]
