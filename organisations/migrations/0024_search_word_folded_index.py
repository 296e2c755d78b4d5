"""A word typed without its å, ä and ö ("pensionarer") is read with them: the
vocabulary is looked up with those letters read as a, a, o (and é as e …), for the
words its stem starts (a range in byte order: "pensionar" up to "pensionar" and the
last code point) and for the words it resembles (pg_trgm's %). One index on that
folded form for each, as 0003's trigram index serves the word as written; without them
each unknown query word read the whole vocabulary.

The expression is organisations.search_words' ``_folded``, written out here (a
migration does not import live search code); tests/organisations/test_search_as_typed.py
shows both indexes in the plan, so the two cannot drift apart unnoticed.
PostgreSQL-only and not declared in model Meta, like 0002's and 0005's search indexes.
"""

from django.db import migrations

FOLDED = "translate(word, 'åäöéèüáà', 'aaoeeuaa')"
INDEXES = {  # name suffix: definition
    "folded_trgm": f"USING gin ({FOLDED} gin_trgm_ops)",
    "folded_prefix": f'(({FOLDED}) COLLATE "C")',
}


def create(schema_editor, table: str, only=INDEXES) -> None:
    """The two folded indexes (or ``only`` those named) on the vocabulary ``table``
    (the contact paths' too: contacts migration 0002; the descriptions' words: 0025)."""
    for suffix in only:
        definition = INDEXES[suffix]
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {table}_{suffix} ON {table} {definition}", None
        )


def drop(schema_editor, table: str) -> None:
    for suffix in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {table}_{suffix}", None)


def forward(apps, schema_editor):
    create(schema_editor, "organisations_searchword")


def backward(apps, schema_editor):
    drop(schema_editor, "organisations_searchword")


class Migration(migrations.Migration):
    dependencies = [("organisations", "0023_search_has_staff_index")]

    operations = [migrations.RunPython(forward, backward, elidable=False)]
