"""The survey templates shipped as data, one module each: its key, title, kind,
audience, anonymity, introduction and SECTIONS (each question with its stable
code, and its options, rows and columns as (code, label, English label)), every
text with its English beside it (``TITLE_EN``, ``"text_en"``...).
surveys/services/templates.py makes a draft survey from one."""

from portal.languages import is_english

from . import civil_society, inventory

TEMPLATES = {module.KEY: module for module in (inventory, civil_society)}


def choices() -> list[tuple[str, str]]:
    """The templates by their titles in the reader's language."""
    return [
        (key, module.TITLE_EN if is_english() else module.TITLE)
        for key, module in TEMPLATES.items()
    ]
