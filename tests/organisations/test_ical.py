"""iCalendar feeds (RFC 5545): escaping, folding, CRLF, UID, DTSTAMP, UTC."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone

from organisations.models import Organisation
from portal import ical

from .factories import ActivityFactory, OrganisationFactory


def test_escape():
    assert ical.escape("a,b;c\\d\ne") == "a\\,b\\;c\\\\d\\ne"


def test_fold_at_75_octets_without_splitting_characters():
    line = "SUMMARY:" + "å" * 100
    folded = ical.fold(line)
    parts = folded.split("\r\n")
    assert all(len(p.encode()) <= 75 for p in parts)
    assert all(p.startswith(" ") for p in parts[1:])
    assert "".join(p[1:] if i else p for i, p in enumerate(parts)) == line
    assert ical.fold("SHORT:x") == "SHORT:x"


def test_utc():
    stockholm = datetime(2026, 6, 1, 18, 0, tzinfo=ZoneInfo("Europe/Stockholm"))
    assert ical.utc(stockholm) == "20260601T160000Z"
    assert ical.utc(datetime(2026, 1, 1, 12, tzinfo=UTC)) == "20260101T120000Z"


@pytest.mark.django_db
def test_calendar_feed(client):
    org = OrganisationFactory(name="Kören, Vårby; m.m.")
    ActivityFactory(
        organisation=org,
        title="Konsert: vår, sommar; höst",
        description="Rad ett\nRad två " + "lång " * 40,
        place="Vårby gård",
    )
    hidden = OrganisationFactory(status=Organisation.Status.PENDING)
    ActivityFactory(organisation=hidden, title="Hemlig")
    response = client.get(reverse("organisations:calendar_ics"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    body = response.content.decode()
    assert body.startswith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:")
    assert body.endswith("END:VCALENDAR\r\n")
    assert "\n" not in body.replace("\r\n", "")
    assert all(len(line.encode()) <= 75 for line in body.split("\r\n"))
    assert "SUMMARY:Konsert: vår\\, sommar\\; höst" in body
    assert "Hemlig" not in body
    unfolded = body.replace("\r\n ", "")
    assert "Rad ett\\nRad två" in unfolded
    assert "UID:activity-" in body
    assert "DTSTAMP:" in body
    dtstart = [line for line in body.split("\r\n") if line.startswith("DTSTART:")][0]
    assert dtstart.endswith("Z") and len(dtstart) == len("DTSTART:20260101T000000Z")


@pytest.mark.django_db
def test_organisation_feed(client):
    org = OrganisationFactory()
    other = OrganisationFactory()
    ActivityFactory(organisation=org, title="Vår")
    ActivityFactory(organisation=other, title="Annan")
    ActivityFactory(
        organisation=org, title="Gammal", starts_at=timezone.now() - timedelta(days=400)
    )
    body = client.get(reverse("organisations:organisation_ics", args=[org.slug])).content.decode()
    assert "SUMMARY:Vår" in body
    assert "Annan" not in body
    assert "Gammal" not in body


@pytest.mark.django_db
def test_feed_of_hidden_association_is_404(client):
    org = OrganisationFactory(status=Organisation.Status.PENDING)
    url = reverse("organisations:organisation_ics", args=[org.slug])
    assert client.get(url).status_code == 404
