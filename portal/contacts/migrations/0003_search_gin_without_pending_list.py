"""The contact paths' GIN indexes without a pending list, as the register's
(organisations migration 0027, whose ``set_fastupdate`` and ``in_state`` this uses):
every search read the changed paths' entries in full until a vacuum merged them."""

from importlib import import_module

from django.contrib.postgres.indexes import GinIndex, OpClass
from django.db import migrations

register = import_module("organisations.migrations.0027_search_gin_without_pending_list")

INDEXES = ["contactpath_search_vector", "contacts_searchword_trgm", "contacts_searchword_folded_trgm"]


def forward(apps, schema_editor):
    register.set_fastupdate(schema_editor, INDEXES, on=False)


def backward(apps, schema_editor):
    register.set_fastupdate(schema_editor, INDEXES, on=True)


class Migration(migrations.Migration):
    dependencies = [
        ("contacts", "0002_search_word_folded_index"),
        ("organisations", "0027_search_gin_without_pending_list"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                *register.in_state(
                    "contactpath",
                    GinIndex(
                        fields=["search_vector"], name="contactpath_search_vector", fastupdate=False
                    ),
                ),
                *register.in_state(
                    "searchword",
                    GinIndex(
                        OpClass("word", name="gin_trgm_ops"),
                        name="contacts_searchword_trgm",
                        fastupdate=False,
                    ),
                ),
            ]
        ),
        migrations.RunPython(forward, backward, elidable=False),
    ]
