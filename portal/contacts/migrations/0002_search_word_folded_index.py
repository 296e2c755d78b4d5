"""The contact paths' vocabulary gets the register's two folded indexes (organisations
migration 0024): a word typed without its å, ä and ö is read with them here too,
without reading the whole vocabulary."""

from django.db import migrations

FOLDED = "translate(word, 'åäöéèüáà', 'aaoeeuaa')"
INDEXES = {
    "contacts_searchword_folded_trgm": f"USING gin ({FOLDED} gin_trgm_ops)",
    "contacts_searchword_folded_prefix": f'(({FOLDED}) COLLATE "C")',
}


def forward(apps, schema_editor):
    for name, definition in INDEXES.items():
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {name} ON contacts_searchword {definition}", None
        )


def backward(apps, schema_editor):
    for name in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}", None)


class Migration(migrations.Migration):
    dependencies = [("contacts", "0001_initial")]

    operations = [migrations.RunPython(forward, backward, elidable=False)]
