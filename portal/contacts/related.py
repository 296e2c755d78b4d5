"""What other apps link to a contact path, shown on its page ("Related forums"):
each app registers a provider in ``AppConfig.ready()``, so Hitta rätt, in the
core, never imports them.

    related.register(provider)  # (path, user) -> RelatedLinks | None, one query
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class RelatedLinks:
    title: Any
    links: list[tuple[str, str]]  # (label, url)


_PROVIDERS: list[Callable] = []


def register(provider: Callable) -> None:
    if provider not in _PROVIDERS:
        _PROVIDERS.append(provider)


def related_to(path, user) -> list[RelatedLinks]:
    """The registered links of ``path`` that ``user`` may follow, empty ones left out."""
    found = (provider(path, user) for provider in _PROVIDERS)
    return [links for links in found if links and links.links]
