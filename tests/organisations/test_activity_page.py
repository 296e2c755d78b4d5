"""An activity's own page and its .ics ("Lägg till i min kalender"): what it shows,
who sees it (with a banner saying why others do not), the links to it, and a
constant number of queries."""

from datetime import datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from organisations.models import Organisation
from portal.ical import LOCAL
from portal.recurrence import Pattern, build
from tests.organisations.factories import (
    ActivityFactory,
    DistrictFactory,
    MembershipFactory,
    OrganisationFactory,
    UserFactory,
    make_municipal_coordinator,
)
from tests.organisations.ical_text import components

pytestmark = pytest.mark.django_db


def _page(activity):
    return reverse("organisations:activity", args=[activity.pk])


def _ics(activity):
    return reverse("organisations:activity_ics", args=[activity.pk])


def _weekly(organisation, **extra):
    """A weekly training on Tuesdays at 18, begun two weeks ago, going on."""
    today = timezone.localdate()
    tuesday = today - timedelta(days=today.weekday() - 1 + 14)
    starts = datetime(tuesday.year, tuesday.month, tuesday.day, 18, tzinfo=LOCAL)
    return ActivityFactory(
        organisation=organisation,
        title="Träning",
        starts_at=starts,
        ends_at=starts + timedelta(hours=2),
        recurrence=build(Pattern.WEEKLY, starts),
        **extra,
    )


@pytest.fixture
def org():
    return OrganisationFactory(name="Vårby IK")


def test_what_the_page_shows(client, org):
    district = DistrictFactory(name="Vårby")
    starts = datetime(2030, 5, 14, 18, 0, tzinfo=LOCAL)
    activity = ActivityFactory(
        organisation=org,
        title="Öppen träning",
        starts_at=starts,
        ends_at=starts + timedelta(hours=2),
        place="Vårby idrottshall",
        district=district,
        description="Ta med <inneskor>.\nAlla är välkomna.",
        url="https://varby-ik.example.se/traning",
    )
    html = client.get(_page(activity)).content.decode()
    assert "<title>Öppen träning" in html
    assert html.count("<h1") == 1
    assert "Tisdag 14 maj 2030, 18:00" in html and "20:00" in html
    assert "Vårby idrottshall, Vårby" in html
    assert f'<a href="{org.get_absolute_url()}">Vårby IK</a>' in html
    assert "Ta med &lt;inneskor&gt;.<br>Alla är välkomna." in html
    assert 'href="https://varby-ik.example.se/traning" rel="nofollow noopener"' in html
    assert f'href="{_ics(activity)}" download>Lägg till i min kalender</a>' in html
    assert "Inställd" not in html
    assert "Visas inte för andra" not in html
    assert reverse("organisations:activity_edit", args=[activity.pk]) not in html


def test_a_cancelled_activity_says_so_clearly(client, org):
    activity = ActivityFactory(organisation=org, title="Vårkonsert", is_cancelled=True)
    html = client.get(_page(activity)).content.decode()
    assert "<title>Inställd: Vårkonsert" in html
    h1 = html[html.index("<h1") : html.index("</h1>")]
    assert '<span class="badge badge--warning">Inställd</span> Vårkonsert' in h1
    assert "<strong>Inställd.</strong> Föreningen har ställt in aktiviteten" in html


def test_a_repeating_activity_in_words_with_its_next_occasions(client, org):
    activity = _weekly(org)
    html = client.get(_page(activity)).content.decode()
    assert "Varje vecka på tisdagar" in html
    assert "kl. 18:00–20:00" in html
    occasions = html[html.index('class="activity-occasions"') :].split("</ul>")[0]
    assert occasions.count("<li>") == 5
    next_tuesday = timezone.localdate() + timedelta(days=(1 - timezone.localdate().weekday()) % 7)
    assert f'datetime="{next_tuesday:%Y-%m-%d}T18:00:00' in occasions


def test_the_ics_download_is_the_one_activity(client, org):
    activity = ActivityFactory(organisation=org, title="Vårkonsert", place="Kyrkan")
    ActivityFactory(organisation=org, title="Annan")
    response = client.get(_ics(activity))
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="varkonsert.ics"'
    body = response.content.decode()
    [event] = components(body)
    assert event["SUMMARY"] == ("", "Vårkonsert")
    assert event["DTSTART"][1].endswith("Z")
    assert event["URL"][1] == f"http://testserver{_page(activity)}"
    assert event["STATUS"][1] == "CONFIRMED"
    assert "VTIMEZONE" not in body


def test_the_ics_of_a_repeating_activity_carries_its_rule_in_local_time(client, org):
    activity = _weekly(org, is_cancelled=True)
    body = client.get(_ics(activity)).content.decode()
    [event] = components(body)
    assert event["RRULE"] == ("", "FREQ=WEEKLY")
    assert event["DTSTART"] == (
        "TZID=Europe/Stockholm",
        activity.starts_at.astimezone(LOCAL).strftime("%Y%m%dT180000"),
    )
    assert event["DTEND"][0] == "TZID=Europe/Stockholm"
    assert event["STATUS"][1] == "CANCELLED"
    [zone] = components(body, "VTIMEZONE")
    assert zone["TZID"] == ("", "Europe/Stockholm")


@pytest.mark.parametrize(
    ("state", "banner"),
    [
        ("hidden", "Kommunen har dolt aktiviteten: Fel lokal."),
        ("pending", "Föreningen väntar på godkännande"),
        ("private", "Föreningen visas inte i det offentliga registret"),
        ("archived", "Föreningen är arkiverad"),
    ],
)
def test_not_shown_to_others_its_people_see_why(client, state, banner):
    if state == "hidden":
        organisation = OrganisationFactory()
        activity = ActivityFactory(
            organisation=organisation, hidden_at=timezone.now(), hidden_reason="Fel lokal"
        )
    else:
        organisation = OrganisationFactory(
            status=Organisation.Status.ACTIVE if state == "private" else state,
            is_public=state != "private",
            status_reason="Nedlagd" if state == "archived" else "",
        )
        activity = ActivityFactory(organisation=organisation)
    for outsider in (None, UserFactory(), MembershipFactory().user):
        if outsider:
            client.force_login(outsider)
        assert client.get(_page(activity)).status_code == 404
        assert client.get(_ics(activity)).status_code == 404
    for insider in (
        MembershipFactory(organisation=organisation).user,
        make_municipal_coordinator(),
    ):
        client.force_login(insider)
        html = client.get(_page(activity)).content.decode()
        assert "Visas inte för andra" in html and banner in html
        assert client.get(_ics(activity)).status_code == 200


def test_an_unknown_activity_is_404(client):
    assert client.get(reverse("organisations:activity", args=[999999])).status_code == 404


def test_representatives_are_offered_to_edit_it(client, org):
    activity = ActivityFactory(organisation=org)
    client.force_login(MembershipFactory(organisation=org, role="editor").user)
    html = client.get(_page(activity)).content.decode()
    assert reverse("organisations:activity_edit", args=[activity.pk]) in html


def test_linked_from_the_calendar_the_association_the_list_and_the_feeds(client, org):
    activity = ActivityFactory(organisation=org, title="Vårkonsert")
    link = f'href="{_page(activity)}"'
    assert link in client.get(reverse("organisations:calendar")).content.decode()
    assert link in client.get(org.get_absolute_url()).content.decode()
    client.force_login(MembershipFactory(organisation=org).user)
    manage = client.get(reverse("organisations:activities", args=[org.slug]))
    assert link in manage.content.decode()
    for feed in (
        reverse("organisations:calendar_ics"),
        reverse("organisations:organisation_ics", args=[org.slug]),
    ):
        [event] = components(client.get(feed).content.decode())
        assert event["URL"][1] == f"http://testserver{_page(activity)}"


@pytest.mark.parametrize("viewer", ["visitor", "representative"])
@pytest.mark.parametrize("repeating", [False, True])
def test_constant_number_of_queries(client, org, django_assert_max_num_queries, viewer, repeating):
    activity = _weekly(org) if repeating else ActivityFactory(organisation=org)
    if viewer == "representative":
        client.force_login(MembershipFactory(organisation=org).user)
    # the session and the user, the coordinator check of the twin, the activity (with
    # its association and district), the membership behind "may change it", the
    # municipal coordinator check
    with django_assert_max_num_queries(1 if viewer == "visitor" else 6):
        assert client.get(_page(activity)).status_code == 200
    with django_assert_max_num_queries(1 if viewer == "visitor" else 4):
        assert client.get(_ics(activity)).status_code == 200
