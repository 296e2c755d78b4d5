"""The misspelling vocabulary as a model (``SearchWord``) instead of a raw-SQL table.

On PostgreSQL migration 0002 created the table ``organisations_searchword`` already
(same name and column as the model's): this migration only tells Django's state
about it, and (re)creates its trigram GIN index if missing. Elsewhere (SQLite, the
quick start) it creates the table; the index is PostgreSQL-only (pg_trgm).
"""

from django.db import migrations, models

TABLE = "organisations_searchword"
TRIGRAM_INDEX = (
    f"CREATE INDEX IF NOT EXISTS organisations_searchword_trgm "
    f"ON {TABLE} USING gin (word gin_trgm_ops)"
)


def forward(apps, schema_editor):
    connection = schema_editor.connection
    with connection.cursor() as cursor:
        exists = TABLE in connection.introspection.table_names(cursor)
    if not exists:
        schema_editor.create_model(apps.get_model("organisations", "SearchWord"))
    if connection.vendor == "postgresql":
        schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm", None)
        schema_editor.execute(TRIGRAM_INDEX, None)


def backward(apps, schema_editor):
    # On PostgreSQL the table belongs to 0002 (whose backward drops it).
    if schema_editor.connection.vendor != "postgresql":
        schema_editor.delete_model(apps.get_model("organisations", "SearchWord"))


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
        # After the state: the RunPython sees the model.
        migrations.RunPython(forward, backward, elidable=False),
    ]
