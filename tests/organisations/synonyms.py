"""The shipped synonym groups, for tests: a transactional test (the browser's) empties
every table, the data migration's rows with them, so tests that rely on the starter
set put it back first."""

import importlib

from organisations.models import SearchSynonymGroup

STARTER_SET = [
    *importlib.import_module(
        "organisations.migrations.0022_search_synonyms_starter_set"
    ).STARTER_SET,
    *importlib.import_module("organisations.migrations.0026_search_synonyms_more").MORE,
]


def ensure_starter_set() -> None:
    for words, abbreviations in STARTER_SET:
        SearchSynonymGroup.objects.get_or_create(words=words, abbreviations=abbreviations)
