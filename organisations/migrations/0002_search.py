"""Search on PostgreSQL: pg_trgm, a GIN index on the search vector, the vocabulary
of name words (trigram-indexed) for misspellings, and vectors for existing rows.

Everything here is PostgreSQL-only and guarded by a vendor check, so SQLite
migrates too; nothing is declared in model Meta (makemigrations stays clean).
"""

from django.db import migrations

FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX IF NOT EXISTS organisation_search_vector_gin "
    "ON organisations_organisation USING gin (search_vector)",
    "CREATE TABLE IF NOT EXISTS organisations_searchword (word text PRIMARY KEY)",
    "CREATE INDEX IF NOT EXISTS organisations_searchword_trgm "
    "ON organisations_searchword USING gin (word gin_trgm_ops)",
    "CREATE INDEX IF NOT EXISTS activity_public_starts "
    "ON organisations_activity (starts_at) WHERE NOT is_cancelled",
]
BACKWARD = [
    "DROP INDEX IF EXISTS activity_public_starts",
    "DROP TABLE IF EXISTS organisations_searchword",
    "DROP INDEX IF EXISTS organisation_search_vector_gin",
]


def forward(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for sql in FORWARD:
        schema_editor.execute(sql, None)
    from organisations.search import reindex_all

    reindex_all()


def backward(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for sql in BACKWARD:
        schema_editor.execute(sql, None)


class Migration(migrations.Migration):
    dependencies = [("organisations", "0001_initial")]

    operations = [migrations.RunPython(forward, backward, elidable=False)]
