"""Sections that apps add to the account page ("Mitt konto"): what a person has in
an app, such as the associations they represent. Each app registers a template and
a function of the request giving its context (None leaves the section out) from
``AppConfig.ready()``, so the core shows them without importing the apps, as it
does the desk's panels::

    account_sections.register_section(
        "organisations/_account_section.html", associations_of, order=10
    )
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class AccountSection:
    template_name: str
    get_context: Callable
    order: int = 100


_SECTIONS: dict[str, AccountSection] = {}


def register_section(template_name: str, get_context: Callable, *, order: int = 100) -> None:
    _SECTIONS[template_name] = AccountSection(template_name, get_context, order)


def sections_for(request) -> list[tuple[str, dict]]:
    """[(template name, context)] of the sections to show, in order."""
    shown = []
    for section in sorted(_SECTIONS.values(), key=lambda s: (s.order, s.template_name)):
        context = section.get_context(request)
        if context is not None:
            shown.append((section.template_name, context))
    return shown
