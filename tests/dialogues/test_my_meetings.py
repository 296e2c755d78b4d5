"""My meetings: the coming meetings of the representative's associations (signed
up, waiting, invited; cancelled ones marked), in a constant number of queries, and
the personal feed behind a secret address that a POST renews."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from dialogues.models import CalendarFeed, Forum, Meeting, MeetingInvitation
from portal.models import AuditEntry
from tests.organisations.factories import MembershipFactory, OrganisationFactory, UserFactory

from .factories import ForumFactory, MeetingFactory, RegistrationFactory

pytestmark = pytest.mark.django_db
PAGE = reverse("dialogues:my_meetings")


@pytest.fixture
def rep(client):
    membership = MembershipFactory(organisation=OrganisationFactory(name="Segeltorps IF"))
    client.force_login(membership.user)
    return membership


def meetings_of(rep):
    org = rep.organisation
    signed_up = MeetingFactory(theme="Lokaler för föreningslivet")
    RegistrationFactory(meeting=signed_up, organisation=org, attendees=3)
    waiting = MeetingFactory(theme="Bidragsregler")
    RegistrationFactory(meeting=waiting, organisation=org, status="waiting")
    invited = MeetingFactory(theme="Trygghet i Flemingsberg")
    MeetingInvitation.objects.create(meeting=invited, organisation=org)
    cancelled = MeetingFactory(theme="Inställd träff", status=Meeting.Status.CANCELLED)
    RegistrationFactory(meeting=cancelled, organisation=org)
    past = MeetingFactory(
        theme="Förra årets möte",
        starts_at=timezone.now() - timedelta(days=10),
        ends_at=timezone.now() - timedelta(days=10, hours=-2),
        registration_deadline=None,
    )
    RegistrationFactory(meeting=past, organisation=org)
    gone = MeetingFactory(theme="Avbokat")
    RegistrationFactory(meeting=gone, organisation=org, status="cancelled")
    MeetingFactory(theme="Någon annans")
    return signed_up, waiting, invited


def test_the_page_lists_the_coming_meetings(client, rep):
    signed_up, waiting, invited = meetings_of(rep)
    response = client.get(PAGE)
    page = response.content.decode()
    assert [m.theme for m in response.context["meetings"]] == [
        "Lokaler för föreningslivet",
        "Bidragsregler",
        "Trygghet i Flemingsberg",
        "Inställd träff",
    ]
    assert "anmäld, 3 deltagare" in page
    assert "på väntelistan" in page
    assert f"?forening={rep.organisation.pk}#anmalan" in page
    assert "Mötet är inställt" in page
    for absent in ("Förra årets möte", "Avbokat", "Någon annans"):
        assert absent not in page


def test_an_internal_forum_the_user_no_longer_sees_is_left_out(client, rep):
    internal = MeetingFactory(forum=ForumFactory(audience=Forum.Audience.INTERNAL))
    MeetingInvitation.objects.create(meeting=internal, organisation=rep.organisation)
    assert list(client.get(PAGE).context["meetings"]) == []


def test_constant_queries(client, rep):
    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(PAGE).status_code == 200
        return len(queries)

    meetings_of(rep)
    few = count()
    other = MembershipFactory(user=rep.user)
    for _ in range(3):
        meetings_of(other)
    assert count() == few


def test_a_visitor_is_asked_to_log_in(client):
    assert client.get(PAGE).url.startswith(reverse("account_login"))


def test_someone_without_an_association_is_told(client):
    client.force_login(UserFactory())
    assert "Du företräder ingen förening än." in client.get(PAGE).content.decode()


def test_the_feed_and_its_renewal(client, rep):
    meetings_of(rep)
    assert client.get(PAGE).context["feed"] is None
    assert client.get(reverse("dialogues:renew_feed")).status_code == 405  # POST only
    client.post(reverse("dialogues:renew_feed"))
    feed = CalendarFeed.objects.get(user=rep.user)
    address = reverse("dialogues:my_meetings_ics", args=[feed.token])
    assert address in client.get(PAGE).content.decode()

    client.logout()  # calendar programs have no session
    response = client.get(address)
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    body = response.content.decode()
    assert body.count("BEGIN:VEVENT") == 5  # with last week's, not the one cancelled
    assert "SUMMARY:Förra årets möte" in body
    assert "Anmäld: Segeltorps IF\\, 3 deltagare" in body
    assert "På väntelistan: Segeltorps IF" in body
    assert "Inbjuden: Segeltorps IF" in body
    assert "STATUS:CANCELLED" in body and "STATUS:TENTATIVE" in body

    client.force_login(rep.user)
    client.post(reverse("dialogues:renew_feed"))
    renewed = CalendarFeed.objects.get(user=rep.user)
    assert renewed.token != feed.token
    assert client.get(address).status_code == 404
    assert client.get(reverse("dialogues:my_meetings_ics", args=[renewed.token])).status_code == 200
    assert AuditEntry.objects.filter(action="calendar_feed.renewed").count() == 2


def test_the_feed_speaks_its_owners_language(client):
    membership = MembershipFactory(user=UserFactory(language="en"))
    RegistrationFactory(meeting=MeetingFactory(), organisation=membership.organisation)
    feed = CalendarFeed.objects.create(user=membership.user)
    body = client.get(reverse("dialogues:my_meetings_ics", args=[feed.token])).content.decode()
    assert "Signed up: " in body
    assert "X-WR-CALNAME:My forum meetings" in body


def test_a_deactivated_accounts_feed_is_gone(client):
    feed = CalendarFeed.objects.create(user=UserFactory(is_active=False))
    assert client.get(reverse("dialogues:my_meetings_ics", args=[feed.token])).status_code == 404
