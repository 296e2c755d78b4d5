"""More of the shipped synonym groups: the abbreviations of orienteering, golf and
cycling clubs ("Tullinge OK", "Huddinge GK", "CK Uni"), and words people search with
for what names say otherwise ("brottning" for a Brottarklubb, "kyrka" for a
församling). Coordinators edit them in the admin afterwards; backwards removes only
the groups as shipped."""

from importlib import import_module

from django.db import migrations

starter = import_module("organisations.migrations.0022_search_synonyms_starter_set")

# (words, abbreviations)
MORE = [
    (["orientering", "orienteringsklubb"], ["OK"]),
    (["golf", "golfklubb"], ["GK"]),
    (["cykling", "cykelklubb"], ["CK"]),
    (["brottning", "brottarklubb"], []),
    (["kyrka", "församling"], []),
    (["tjejer", "flickor"], []),
    (["killar", "pojkar"], []),
    (["nyanlända", "invandrare"], []),
    (["matbank", "matkasse"], []),
    (["fritidsgård", "ungdomsgård"], []),
    (["läxhjälp", "läxläsning"], []),
]


def forward(apps, schema_editor):
    starter.add(apps, MORE)


def backward(apps, schema_editor):
    starter.remove(apps, MORE)


class Migration(migrations.Migration):
    dependencies = [("organisations", "0025_search_text_words")]

    operations = [migrations.RunPython(forward, backward)]
