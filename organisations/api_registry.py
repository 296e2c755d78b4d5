"""Endpoints other apps add to the open data (the partnerships' agreements, for
example): each registers its route under api/, its view and its part of the OpenAPI
description from ``AppConfig.ready()``; organisations/urls.py routes them and
api_schema.py describes them beside the register's own."""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.functional import Promise


@dataclass(frozen=True)
class Endpoint:
    route: str  # under api/, with a trailing slash: "avtal/"
    name: str  # the URL name, in the organisations namespace
    view: Callable
    summary: Promise  # a heading for the docs page, lazily translated
    # () -> (the OpenAPI path item, the component schemas it refers to)
    openapi: Callable[[], tuple[dict, dict]]


_ENDPOINTS: dict[str, Endpoint] = {}


def register(endpoint: Endpoint) -> Endpoint:
    _ENDPOINTS[endpoint.name] = endpoint
    return endpoint


def registered() -> list[Endpoint]:
    return list(_ENDPOINTS.values())


def urlpatterns() -> list:
    from django.urls import path

    return [path(f"api/{e.route}", e.view, name=e.name) for e in registered()]
