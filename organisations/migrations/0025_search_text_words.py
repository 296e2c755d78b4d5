"""The words of the descriptions written with å, ä, ö or é, and their stems: a query
word typed without those letters that no name holds ("traning") is read as the
description's word ("träning"). The folded index is 0024's range in byte order (the
words a stem starts); the words already described are filled in.

The statement that fills them is organisations.search_index's, written out here (a
migration does not import live search code); tests/organisations/test_search_text_words.py
shows the index in the plan and the words a description gives.
"""

from importlib import import_module

from django.db import migrations, models

folded = import_module("organisations.migrations.0024_search_word_folded_index")

TABLE = "organisations_searchtextword"
FILL = f"""
    INSERT INTO {TABLE} (word, stem)
    SELECT w, stem FROM (
        SELECT DISTINCT w FROM organisations_organisation o,
            regexp_split_to_table(lower(o.description), '[^[:alnum:]]+') AS w
    ) words
    CROSS JOIN LATERAL (SELECT (ts_lexize('swedish_stem', w))[1]) AS s(stem)
    WHERE w ~ '[åäöéèüáà]' AND w !~ '[[:digit:]]' AND length(w) >= 3 AND stem IS NOT NULL
    ON CONFLICT (word) DO NOTHING
"""


def forward(apps, schema_editor):
    folded.create(schema_editor, TABLE, only=["folded_prefix"])
    schema_editor.execute(FILL, None)


def backward(apps, schema_editor):
    folded.drop(schema_editor, TABLE)


class Migration(migrations.Migration):
    dependencies = [("organisations", "0024_search_word_folded_index")]

    operations = [
        migrations.CreateModel(
            name="SearchTextWord",
            fields=[
                ("word", models.TextField(primary_key=True, serialize=False, verbose_name="word")),
                ("stem", models.TextField(db_index=True, verbose_name="stem")),
            ],
            options={
                "verbose_name": "description word",
                "verbose_name_plural": "description words",
            },
        ),
        migrations.RunPython(forward, backward, elidable=False),
    ]
