"""The coordinators' desk: one page of what is waiting, built from panels.

Each app registers its panel in ``AppConfig.ready()``; the core renders the
panels (on ``/skrivbord/`` and at the top of the admin's front page) and never
imports the apps:

    desk.register_panel(
        "organisations",
        title=_("Association register"),
        permission="organisations.approve_organisation",
        items=register_items,  # user -> list[DeskItem], a few queries whatever the data
    )

A panel is shown to those who hold its permission; each item is a count with
a link to the filtered list where the work is done, the age of the oldest, and
optionally the first few cases by name. A panel may also give ``details``, a
template and a function ``user -> context`` for figures that are more than
counts (a table, a chart); they are drawn on the desk page only, not on the
admin's front page. An app that counts in working days
(portal/workdays.py) gives the ages itself, ``working_days``, and they are shown
as such.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.utils import timezone


@dataclass(frozen=True)
class DeskEntry:
    """One case in an item, linked to where it is handled."""

    label: str
    url: str
    since: datetime | None = None
    working_days: int | None = None

    @property
    def age_days(self) -> int | None:
        return _days_since(self.since)


@dataclass(frozen=True)
class DeskItem:
    label: Any
    count: int
    url: str
    oldest: datetime | None = None
    entries: Sequence[DeskEntry] = field(default_factory=tuple)
    # Whether a non-zero count is work that waits on the reader (shown as such).
    urgent: bool = True
    oldest_working_days: int | None = None

    @property
    def oldest_days(self) -> int | None:
        return _days_since(self.oldest)


@dataclass(frozen=True)
class DeskPanel:
    name: str
    title: Any
    permission: str
    items: Callable[[Any], list[DeskItem]]
    order: int = 100
    details: tuple[str, Callable[[Any], dict]] | None = None


@dataclass(frozen=True)
class ShownPanel:
    """A panel as one reader sees it: its items and, on the desk page, its details."""

    panel: DeskPanel
    items: list[DeskItem]
    details_template: str = ""
    details_context: dict = field(default_factory=dict)


_PANELS: dict[str, DeskPanel] = {}


def register_panel(
    name: str,
    *,
    title,
    permission: str,
    items: Callable[[Any], list[DeskItem]],
    order: int = 100,
    details: tuple[str, Callable[[Any], dict]] | None = None,
) -> None:
    _PANELS[name] = DeskPanel(
        name=name, title=title, permission=permission, items=items, order=order, details=details
    )


def registered_panels() -> dict[str, DeskPanel]:
    return dict(_PANELS)


def panels_for(user, *, details: bool = False) -> list[ShownPanel]:
    """The panels ``user`` may see, in order, each with its items computed (and its
    details, when ``details``)."""
    panels = sorted(_PANELS.values(), key=lambda p: (p.order, p.name))
    shown = []
    for panel in panels:
        if not user.has_perm(panel.permission):
            continue
        if details and panel.details:
            template, context = panel.details
            shown.append(ShownPanel(panel, panel.items(user), template, context(user)))
        else:
            shown.append(ShownPanel(panel, panel.items(user)))
    return shown


def _days_since(moment: datetime | None) -> int | None:
    if moment is None:
        return None
    return max((timezone.now() - moment).days, 0)
