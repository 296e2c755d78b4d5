"""Hostile values in every register form and query parameter give no server error.

A fixed list of values (huge and tiny numbers, years 1 and 9999, NUL and control
characters, non-ASCII digits, very long strings) goes to the directory, the
calendar and its feeds, the open-data API, the export, the admin's changelists
and export, and the activity forms. A FilterSet's or a form's fields are each
validated on their own, so one request gives a value to all of them at once; the
admin stops at the first lookup it cannot read, so its parameters go one by one.
Bounded: about four hundred requests."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.organisations.factories import (
    ActivityFactory,
    DistrictFactory,
    MembershipFactory,
    make_municipal_coordinator,
)

pytestmark = pytest.mark.django_db

HOSTILE = (
    "99999999999999999999",
    "-99999999999999999999",
    "9999",
    "-1",
    "0",
    "1e309",
    "0001-01-01",
    "9999-12-31",
    "0001-01-01T00:00",
    "9999-12-31T23:59",
    "\x00",
    "a\x00b",
    "\x01\x0b\x1b\x7f",
    "١٢٣",
    "１２３",
    "x" * 5000,
)

# The directory's page parameters with a search too: ranked results page otherwise.
FILTERED = {
    "organisations:directory": (
        "q", "page", "page_size", "category", "district", "area", "has_staff", "offers",
    ),
    "organisations:calendar": ("from", "to", "district", "category", "organisation", "page"),
    "organisations:calendar_ics": ("from", "to", "district", "category", "organisation"),
    "organisations:api_organisations": ("q", "category", "district", "area", "page", "page_size"),
    "organisations:api_activities": ("from", "to", "district", "category", "page", "page_size"),
    "organisations:export": ("q", "status", "category", "district", "format"),
}  # fmt: skip
SEARCHED = {"organisations:directory": {"q": "förening"}}
# One parameter of each kind the admin reads: search, choice, date drill-down, related
# id, custom filter, ordering, page; the export builds the same changelist.
ADMIN = {
    reverse("admin:organisations_organisation_changelist"): (
        "q", "status", "created_at__year", "created_at__month", "categories__id__exact",
        "unconfirmed", "o", "p",
    ),
    reverse("admin:organisations_organisation_export", args=["csv"]): (
        "status", "created_at__year",
    ),
    reverse("admin:organisations_organisation_export", args=["xlsx"]): ("status",),
    reverse("admin:organisations_activity_changelist"): ("starts_at__year", "p"),
}  # fmt: skip
ACTIVITY_FIELDS = ("title", "starts_at", "ends_at", "place", "district", "description", "url")


@pytest.fixture
def client_500():
    """A client that answers what the server answers instead of raising."""
    return Client(raise_request_exception=False)


@pytest.fixture
def activity():
    return ActivityFactory(district=DistrictFactory())


def _assert_no_500(send):
    for value in HOSTILE:
        response = send(value)
        assert response.status_code < 500, value[:30]


@pytest.mark.parametrize("name", FILTERED)
def test_filter_parameters(client_500, activity, name):
    client_500.force_login(make_municipal_coordinator())
    url, params = reverse(name), FILTERED[name]
    _assert_no_500(lambda value: client_500.get(url, dict.fromkeys(params, value)))
    base = SEARCHED.get(name, {})
    _assert_no_500(lambda value: client_500.get(url, {**base, "page": value}))


@pytest.mark.parametrize(("url", "param"), [(u, p) for u, ps in ADMIN.items() for p in ps])
def test_admin_parameters(client_500, activity, url, param):
    client_500.force_login(make_municipal_coordinator(is_superuser=True))
    _assert_no_500(lambda value: client_500.get(url, {param: value}))


@pytest.mark.parametrize("view", ["create", "edit"])
@pytest.mark.parametrize("fields", [ACTIVITY_FIELDS, ("starts_at",), ("ends_at",)])
def test_activity_form(client_500, activity, view, fields):
    client_500.force_login(MembershipFactory(organisation=activity.organisation).user)
    if view == "create":
        url = reverse("organisations:activity_create", args=[activity.organisation.slug])
    else:
        url = reverse("organisations:activity_edit", args=[activity.pk])
    valid = {
        "title": "Schack",
        "starts_at": "2030-05-01T18:00",
        "ends_at": "2030-05-01T21:00",
        "place": "Biblioteket",
        "district": activity.district_id,
        "description": "Välkomna",
        "url": "https://schack.example.se",
    }
    _assert_no_500(lambda value: client_500.post(url, {**valid, **dict.fromkeys(fields, value)}))
