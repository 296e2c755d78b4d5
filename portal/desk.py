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
optionally the first few cases by name. An app that counts in working days
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


_PANELS: dict[str, DeskPanel] = {}


def register_panel(
    name: str, *, title, permission: str, items: Callable[[Any], list[DeskItem]], order: int = 100
) -> None:
    _PANELS[name] = DeskPanel(
        name=name, title=title, permission=permission, items=items, order=order
    )


def registered_panels() -> dict[str, DeskPanel]:
    return dict(_PANELS)


def panels_for(user) -> list[tuple[DeskPanel, list[DeskItem]]]:
    """The panels ``user`` may see, in order, each with its items computed."""
    panels = sorted(_PANELS.values(), key=lambda p: (p.order, p.name))
    return [(p, p.items(user)) for p in panels if user.has_perm(p.permission)]


def _days_since(moment: datetime | None) -> int | None:
    if moment is None:
        return None
    return max((timezone.now() - moment).days, 0)
