"""Names kept as data in two languages: a Swedish ``name`` and an optional
``name_en`` beside it.

The portal has two languages and few such names (the register's categories,
activity areas and target groups), so one extra column per model is enough. It
was chosen over django-modeltranslation, which adds a column per language and
field through a registry that rewrites the models at start-up: here the search's
SQL (organisations/search.py) and the open-data API read ``name`` and ``name_en``
as the plain columns they are, and a migration can fill them like any other.

``localized`` gives the English name while English is active and one is given,
the Swedish one otherwise; ``LocalizedName`` gives it as ``display_name``, which
the models also return as their ``__str__``, so form choices, filters and the
admin show the reader's language without each naming it. Other texts kept so
(a survey's questions and options: ``text``/``text_en``, ``label``/``label_en``)
read through ``Localized`` properties, and ``localized_expression`` says the same
rule in SQL for a query that sorts or groups by the shown text.
"""

from django.db.models import F, Value
from django.db.models.functions import Coalesce, NullIf
from django.utils import translation


def is_english() -> bool:
    return (translation.get_language() or "").startswith("en")


def localized(obj, field: str = "name") -> str:
    """``obj.<field>_en`` while English is active and it is not empty, else
    ``obj.<field>`` (Swedish, the portal's default)."""
    if is_english():
        english = getattr(obj, f"{field}_en", "")
        if english:
            return english
    return getattr(obj, field)


class Localized:
    """A model's ``display_<field>`` for any pair ``<field>``/``<field>_en``:
    ``display_text = Localized("text")`` reads ``localized(obj, "text")``, so
    templates name the property rather than the language."""

    def __init__(self, field: str):
        self.field = field

    def __get__(self, obj, owner=None):
        if obj is None:
            return self
        return localized(obj, self.field)


class LocalizedName:
    """For a model with ``name`` and ``name_en``: ``display_name`` in the active
    language."""

    display_name = Localized("name")


def localized_expression(field: str = "name"):
    """``localized`` in SQL: ``<field>_en`` unless empty while English is active,
    else ``<field>``."""
    if is_english():
        return Coalesce(NullIf(F(f"{field}_en"), Value("")), F(field))
    return F(field)
