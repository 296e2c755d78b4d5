"""The search's GIN indexes without a pending list (fastupdate off).

With it, a changed vector's entries wait in an unsorted list that every search reads
in full, until a vacuum or 4 MB of them merges it into the index: at 50,000
associations a few thousand changes made each GIN scan read 370 pages, and a search
took half as long again. The register is read far more often than written, so each
write now goes into the index at once. The pending entries already there are merged.

The indexes declared in model Meta (the name's trigrams) change in the state too;
the database change is the same ALTER INDEX for all. Contacts migration 0003 does the
same for the contact paths' indexes with ``set_fastupdate`` and ``in_state``.
"""

from django.contrib.postgres.indexes import GinIndex, OpClass
from django.db import migrations

INDEXES = [
    "organisation_search_vector_gin",
    "organisation_search_seeks_collaboration_gin",
    "organisation_search_offers_premises_gin",
    "organisation_search_offers_volunteers_gin",
    "organisation_search_offers_knowledge_gin",
    "organisation_search_has_staff_gin",
    "organisation_name_trgm",
    "organisations_searchword_trgm",
    "organisations_searchword_folded_trgm",
]


def set_fastupdate(schema_editor, indexes, *, on: bool) -> None:
    """Turn the pending list of these GIN indexes on or off; off, merge what it holds."""
    for index in indexes:
        if on:
            schema_editor.execute(f"ALTER INDEX {index} RESET (fastupdate)", None)
        else:
            schema_editor.execute(f"ALTER INDEX {index} SET (fastupdate = off)", None)
            schema_editor.execute(f"SELECT gin_clean_pending_list('{index}'::regclass)", None)


def in_state(model_name: str, index: GinIndex) -> list:
    """A Meta-declared index as now declared (``fastupdate=False``), in the state only:
    the database's index is altered, not rebuilt."""
    return [
        migrations.RemoveIndex(model_name=model_name, name=index.name),
        migrations.AddIndex(model_name=model_name, index=index),
    ]


def forward(apps, schema_editor):
    set_fastupdate(schema_editor, INDEXES, on=False)


def backward(apps, schema_editor):
    set_fastupdate(schema_editor, INDEXES, on=True)


class Migration(migrations.Migration):
    dependencies = [("organisations", "0026_search_synonyms_more")]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=in_state(
                "organisation",
                GinIndex(
                    OpClass("name", name="gin_trgm_ops"),
                    name="organisation_name_trgm",
                    fastupdate=False,
                ),
            )
        ),
        migrations.RunPython(forward, backward, elidable=False),
    ]
