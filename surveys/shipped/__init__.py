"""The survey templates shipped as data, one module each: its key, title, kind,
audience, anonymity, introduction and SECTIONS (each question with its stable
code, and its options, rows and columns as (code, label) pairs).
surveys/services/templates.py makes a draft survey from one."""

from . import civil_society, inventory

TEMPLATES = {module.KEY: module for module in (inventory, civil_society)}


def choices() -> list[tuple[str, str]]:
    return [(key, module.TITLE) for key, module in TEMPLATES.items()]
