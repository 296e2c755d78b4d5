"""Issue 9, "Hardening the register": what a person types or puts in a link is
bounded or cleaned at input, so that no page fails for everyone later."""

import pytest
from django.urls import reverse

from organisations import ical
from organisations.models import Activity, Organisation
from tests.organisations.factories import (
    ActivityFactory,
    DistrictFactory,
    MembershipFactory,
    OrganisationFactory,
    make_municipal_coordinator,
)

pytestmark = pytest.mark.django_db

YEAR_MESSAGE = "Ange ett datum mellan åren 1900 och 2100."
NUL_MESSAGE = "Förfrågan innehöll ett tecken som inte är tillåtet (NUL)."


def _activity(district, **extra):
    return {
        "title": "Schackturnering",
        "starts_at": "2030-05-01T18:00",
        "ends_at": "2030-05-01T21:00",
        "place": "Biblioteket",
        "district": district.pk,
        "description": "Alla är välkomna",
        "url": "",
        **extra,
    }


@pytest.fixture
def representative(client):
    membership = MembershipFactory()
    client.force_login(membership.user)
    return membership.organisation


# ---------------------------------------------------------------- 1. activity dates
@pytest.mark.parametrize("field", ["starts_at", "ends_at"])
@pytest.mark.parametrize("value", ["0001-01-01T00:00", "9999-12-31T23:59", "1899-12-31T12:00"])
def test_an_activity_outside_the_years_is_refused_with_what_was_typed_kept(
    client, representative, field, value
):
    district = DistrictFactory()
    url = reverse("organisations:activity_create", args=[representative.slug])
    response = client.post(url, _activity(district, **{field: value, "title": "Schack i år 1"}))
    assert response.status_code == 200
    assert response.context["form"].errors[field] == [YEAR_MESSAGE]
    assert 'value="Schack i år 1"' in response.content.decode()
    assert not Activity.objects.exists()


def test_an_activity_edited_to_year_9999_is_refused(client, representative):
    activity = ActivityFactory(organisation=representative)
    response = client.post(
        reverse("organisations:activity_edit", args=[activity.pk]),
        _activity(DistrictFactory(), starts_at="9999-12-31T23:59", ends_at=""),
    )
    assert response.status_code == 200
    assert response.context["form"].errors["starts_at"] == [YEAR_MESSAGE]


# ---------------------------------------------------------------- 2. calendar filter
def test_the_calendar_explains_a_date_outside_the_years(client):
    ActivityFactory()
    response = client.get(reverse("organisations:calendar"), {"to": "9999-12-31"})
    assert response.status_code == 200
    assert YEAR_MESSAGE in response.content.decode()
    assert len(response.context["occasions"]) == 1  # the bad filter is left out


def test_the_feed_leaves_a_date_outside_the_years_out(client):
    ActivityFactory(title="Vårfest")
    response = client.get(reverse("organisations:calendar_ics"), {"to": "9999-12-31"})
    assert response.status_code == 200
    assert "SUMMARY:Vårfest" in response.content.decode()


@pytest.mark.parametrize("param", ["from", "to"])
def test_the_api_answers_400_for_a_date_outside_the_years(client, param):
    response = client.get(reverse("organisations:api_activities"), {param: "0001-01-01"})
    assert response.status_code == 400
    assert response.json()["errors"][param][0]["code"] == "date_range"


# ---------------------------------------------------------------- 4. admin lookups
@pytest.fixture
def coordinator(client):
    client.force_login(make_municipal_coordinator(is_superuser=True))


CHANGELIST = reverse("admin:organisations_organisation_changelist")
EXPORT_CSV = reverse("admin:organisations_organisation_export", args=["csv"])


@pytest.mark.parametrize("url", [CHANGELIST, EXPORT_CSV])
@pytest.mark.parametrize("year", ["99999999999999999999", "9999"])
def test_an_admin_year_that_overflows_is_a_lookup_it_cannot_read(client, coordinator, url, year):
    OrganisationFactory()
    response = client.get(url, {"created_at__year": year})
    assert response.status_code == 302
    assert response["Location"].endswith("?e=1")


def test_the_activity_changelist_too(client, coordinator):
    url = reverse("admin:organisations_activity_changelist")
    response = client.get(url, {"starts_at__year": "99999999999999999999"})
    assert response.status_code == 302


@pytest.mark.parametrize("url", [CHANGELIST, EXPORT_CSV, reverse("organisations:directory")])
def test_nul_in_a_parameter_is_a_bad_request(client, coordinator, url):
    for params in ({"status": "\x00"}, {"q": "idrott\x00"}, {"x\x00": "1"}):
        response = client.get(url, params)
        assert response.status_code == 400
        assert NUL_MESSAGE in response.content.decode()


def test_nul_in_a_form_field_is_a_bad_request(client, representative):
    url = reverse("organisations:activity_create", args=[representative.slug])
    response = client.post(url, _activity(DistrictFactory(), title="Schack\x00"))
    assert response.status_code == 400
    assert not Activity.objects.exists()


def test_the_bad_request_speaks_english_to_who_chose_it(client):
    client.cookies["portal_language"] = "en"
    response = client.get(reverse("organisations:directory"), {"q": "\x00"})
    assert "The request contained a character that is not allowed" in response.content.decode()


# ---------------------------------------------------------------- 5. control characters
def test_control_characters_never_reach_the_feed(client, representative):
    url = reverse("organisations:activity_create", args=[representative.slug])
    data = _activity(
        DistrictFactory(),
        title="Sch\x01ack\x0b tur\x1bnering\x7f",
        place="Bibl\x0ciotek\tet",
        description="Rad ett\r\n\tRad två\x1b",
    )
    assert client.post(url, data).status_code == 302
    activity = Activity.objects.get()
    assert activity.title == "Schack turnering"
    assert activity.place == "Bibliotek et"
    assert activity.description == "Rad ett\r\n\tRad två"
    feed = ical.calendar([activity], name="x", host="h", url_for=str)
    assert not ical_controls(feed)


def ical_controls(text: str) -> list[str]:
    """Characters RFC 5545 forbids in a content line (CRLF ends lines, TAB is allowed)."""
    lines = text.split("\r\n")
    return [c for line in lines for c in line if (ord(c) < 32 and c != "\t") or ord(c) == 127]


def test_a_title_of_control_characters_only_is_required(client, representative):
    url = reverse("organisations:activity_create", args=[representative.slug])
    response = client.post(url, _activity(DistrictFactory(), title="\x01\x1b"))
    assert response.status_code == 200
    assert response.context["form"].errors["title"] == ["Detta fält måste fyllas i."]


def test_the_registration_form_cleans_what_the_export_and_mails_carry(client, representative):
    organisation = representative
    response = client.post(
        reverse("organisations:edit", args=[organisation.slug]),
        {
            "name": "Förening\x1b[31m Röd",
            "legal_form": organisation.legal_form,
            "categories": [c.pk for c in organisation.categories.all()],
            "description": "Första\nandra\x07",
            "contact_name": "Anna\x0bAndersson",
            "is_public": "on",
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    organisation = Organisation.objects.get(pk=organisation.pk)
    assert organisation.name == "Förening[31m Röd"
    assert organisation.description == "Första\nandra"
    assert organisation.contact_name == "AnnaAndersson"
