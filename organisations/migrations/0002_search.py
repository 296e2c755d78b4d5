"""Search on PostgreSQL: pg_trgm, a GIN index on the search vector, the vocabulary
of name words (trigram-indexed) for misspellings (a model since 0003).

Nothing here is declared in model Meta, so makemigrations stays clean.
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
# Frozen copy of organisations.search's vector and vocabulary, as of this migration.
EXISTING_ROWS = [
    """
    UPDATE organisations_organisation o SET search_vector =
        setweight(to_tsvector('swedish', coalesce(o.name, '')), 'A')
        || setweight(to_tsvector('swedish', coalesce((
            SELECT string_agg(c.name, ' ') FROM organisations_category c
            JOIN organisations_organisation_categories oc ON oc.category_id = c.id
            WHERE oc.organisation_id = o.id), '')), 'B')
        || setweight(to_tsvector('swedish', coalesce((
            SELECT string_agg(a.name, ' ') FROM organisations_activityarea a
            JOIN organisations_organisation_areas oa ON oa.activityarea_id = a.id
            WHERE oa.organisation_id = o.id), '')), 'B')
        || setweight(to_tsvector('swedish', coalesce((
            SELECT string_agg(d.name, ' ') FROM organisations_district d
            JOIN organisations_organisation_districts od ON od.district_id = d.id
            WHERE od.organisation_id = o.id), '')), 'C')
        || setweight(to_tsvector('swedish', coalesce(o.description, '')), 'D')
    WHERE o.search_vector IS NULL
    """,
    """
    INSERT INTO organisations_searchword (word)
    SELECT DISTINCT w FROM (
        SELECT regexp_split_to_table(lower(t), '[^[:alnum:]]+') AS w FROM (
            SELECT name FROM organisations_organisation
            UNION ALL SELECT name FROM organisations_category
            UNION ALL SELECT name FROM organisations_activityarea
            UNION ALL SELECT name FROM organisations_district
        ) s(t)
    ) words
    WHERE length(w) >= 3
    ON CONFLICT (word) DO NOTHING
    """,
]
BACKWARD = [
    "DROP INDEX IF EXISTS activity_public_starts",
    "DROP TABLE IF EXISTS organisations_searchword",
    "DROP INDEX IF EXISTS organisation_search_vector_gin",
]


def forward(apps, schema_editor):
    for sql in FORWARD:
        schema_editor.execute(sql, None)
    # A migration must not call live code (organisations.search changes after the
    # migration is written): rows that exist already (none on a fresh database, where
    # 0001 has just created the tables) get their vectors and words from this frozen
    # SQL. Later changes to the vector: organisations.search.reindex_all().
    for sql in EXISTING_ROWS:
        schema_editor.execute(sql, None)


def backward(apps, schema_editor):
    for sql in BACKWARD:
        schema_editor.execute(sql, None)


class Migration(migrations.Migration):
    dependencies = [("organisations", "0001_initial")]

    operations = [migrations.RunPython(forward, backward, elidable=False)]
