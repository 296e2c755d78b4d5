"""The contact paths' vocabulary gets the register's two folded indexes (organisations
migration 0024, whose definitions it uses): a word typed without its å, ä and ö is
read with them here too, without reading the whole vocabulary."""

from importlib import import_module

from django.db import migrations

folded = import_module("organisations.migrations.0024_search_word_folded_index")


def forward(apps, schema_editor):
    folded.create(schema_editor, "contacts_searchword")


def backward(apps, schema_editor):
    folded.drop(schema_editor, "contacts_searchword")


class Migration(migrations.Migration):
    dependencies = [
        ("contacts", "0001_initial"),
        ("organisations", "0024_search_word_folded_index"),
    ]

    operations = [migrations.RunPython(forward, backward, elidable=False)]
