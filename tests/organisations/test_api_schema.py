"""The open-data API against its own OpenAPI description (api/openapi.json), with
schemathesis: every operation, a fixed, derandomised number of generated requests
each, through the WSGI application. No request may give a 500, every answer's
status code must be one the description lists, with a body of the documented
schema and content type; what the description calls valid is accepted, and what
it calls invalid is refused."""

import pytest
import schemathesis
from django.core import signals
from django.core.handlers.wsgi import WSGIHandler
from django.db import close_old_connections
from django.urls import reverse
from hypothesis import HealthCheck, settings

from organisations import search
from organisations.models import Organisation

from .factories import ActivityFactory, CategoryFactory, DistrictFactory, OrganisationFactory


@pytest.fixture
def wsgi_app():
    """Django's WSGI handler inside the test's transaction: as the test client does,
    the connection is not closed at the end of each request."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield WSGIHandler()
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def api_schema(db, wsgi_app):
    district = DistrictFactory()
    category = CategoryFactory()
    for _n in range(3):
        org = OrganisationFactory(categories=[category], districts=[district])
        ActivityFactory(organisation=org, district=district)
    search.reindex(list(Organisation.objects.values_list("pk", flat=True)))
    return schemathesis.openapi.from_wsgi(reverse("organisations:api_openapi"), wsgi_app)


schema = schemathesis.pytest.from_fixture("api_schema")


@schema.parametrize()
@settings(
    max_examples=40,  # per operation and phase: about 330 requests, some ten seconds
    derandomize=True,  # the same requests on every run, so CI is repeatable
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_the_api_does_what_its_description_says(case):
    case.call_and_validate()  # every check: no 500, documented status, body and type,
    # valid data accepted (ST202 found unknown ids), invalid data refused
