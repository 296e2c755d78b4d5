"""Where a hidden activity is not, and where it is: no public surface (the
association's page, the calendar, both iCalendar feeds, the open data) shows it;
its representatives see it, with the coordinator's reason, in their own list of the
association's activities. A cancelled activity stays everywhere, marked cancelled,
and its reason is the association's alone."""

import pytest
from django.urls import reverse

from organisations import services
from tests.organisations.factories import (
    ActivityFactory,
    MembershipFactory,
    OrganisationFactory,
    UserFactory,
    make_department_coordinator,
    make_municipal_coordinator,
)

pytestmark = pytest.mark.django_db
REASON = "Reklam för en privat firma"


@pytest.fixture
def org():
    return OrganisationFactory(name="Vårby Schack")


@pytest.fixture
def coordinator():
    return make_municipal_coordinator()


@pytest.fixture
def moderated(org, coordinator):
    """One activity shown, one hidden, one cancelled by a coordinator."""
    shown = ActivityFactory(organisation=org, title="Synlig träning")
    hidden = ActivityFactory(organisation=org, title="Dold annons")
    cancelled = ActivityFactory(organisation=org, title="Inställd turnering")
    services.activity_hide(activity=hidden, by=coordinator, reason=REASON)
    services.activity_cancel_by_coordinator(
        activity=cancelled, by=coordinator, reason="Lokalen är avstängd"
    )
    return {"shown": shown, "hidden": hidden, "cancelled": cancelled}


def _surfaces(client, org):
    """What each public surface says, as text."""
    return {
        "page": client.get(org.get_absolute_url()).content.decode(),
        "calendar": client.get(reverse("organisations:calendar")).content.decode(),
        "calendar_ics": client.get(reverse("organisations:calendar_ics")).content.decode(),
        "organisation_ics": client.get(
            reverse("organisations:organisation_ics", args=[org.slug])
        ).content.decode(),
        "api": client.get(reverse("organisations:api_activities")).content.decode(),
    }


@pytest.mark.parametrize("viewer", ["visitor", "representative", "coordinator"])
def test_no_public_surface_shows_a_hidden_activity(client, org, moderated, viewer):
    """Not even to the association's own people or a coordinator: it is public pages."""
    if viewer == "representative":
        client.force_login(MembershipFactory(organisation=org).user)
    elif viewer == "coordinator":
        client.force_login(make_municipal_coordinator())
    for name, text in _surfaces(client, org).items():
        assert "Synlig träning" in text, name
        assert "Dold annons" not in text, name
        assert "Inställd turnering" in text, name
        assert REASON not in text and "Lokalen är avstängd" not in text, name


def test_a_cancelled_activity_says_so_on_every_surface(client, org, moderated):
    surfaces = _surfaces(client, org)
    link = f'<a href="{moderated["cancelled"].get_absolute_url()}">Inställd turnering</a>'
    badge = f'<span class="badge badge--warning">Inställd</span> {link}'
    assert badge in surfaces["page"] and badge in surfaces["calendar"]
    for feed in ("calendar_ics", "organisation_ics"):
        event = surfaces[feed].split("SUMMARY:Inställd turnering")[1].split("END:VEVENT")[0]
        assert "STATUS:CANCELLED" in event, feed
    results = client.get(reverse("organisations:api_activities")).json()["results"]
    assert {a["title"]: a["cancelled"] for a in results} == {
        "Synlig träning": False,
        "Inställd turnering": True,
    }


def test_shown_again_it_is_back_everywhere(client, org, moderated, coordinator):
    services.activity_restore(activity=moderated["hidden"], by=coordinator)
    for name, text in _surfaces(client, org).items():
        assert "Dold annons" in text, name


# --- the representatives' list -------------------------------------------------------


def _list(org):
    return reverse("organisations:activities", args=[org.slug])


@pytest.mark.parametrize("role", ["admin", "editor"])
def test_representatives_see_the_hidden_one_with_the_banner(client, org, moderated, role):
    client.force_login(MembershipFactory(organisation=org, role=role).user)
    response = client.get(_list(org))
    html = response.content.decode()
    assert response.status_code == 200
    assert [a.title for a in response.context["activities"]] == [
        "Synlig träning",
        "Dold annons",
        "Inställd turnering",
    ]
    assert f"Dold av kommunen: {REASON}" in html
    assert "Inställd av kommunen: Lokalen är avstängd" in html
    assert reverse("organisations:activity_edit", args=[moderated["hidden"].pk]) in html
    # the edit page says it too
    edit = client.get(reverse("organisations:activity_edit", args=[moderated["hidden"].pk]))
    assert f"Dold av kommunen: {REASON}" in edit.content.decode()


def test_the_banner_is_escaped(client, org, coordinator):
    activity = ActivityFactory(organisation=org)
    services.activity_hide(activity=activity, by=coordinator, reason="<b>Fel</b>")
    client.force_login(MembershipFactory(organisation=org).user)
    html = client.get(_list(org)).content.decode()
    assert "Dold av kommunen: &lt;b&gt;Fel&lt;/b&gt;" in html


def test_my_associations_links_to_the_list(client, org):
    client.force_login(MembershipFactory(organisation=org).user)
    assert _list(org) in client.get(reverse("organisations:mine")).content.decode()


def test_only_those_who_change_the_activities_see_the_list(client, org, moderated):
    assert client.get(_list(org)).status_code == 302  # to log in
    client.force_login(UserFactory())
    assert client.get(_list(org)).status_code == 403
    client.force_login(make_department_coordinator())
    assert client.get(_list(org)).status_code == 403
    client.force_login(make_municipal_coordinator())
    assert client.get(_list(org)).status_code == 200


@pytest.mark.parametrize("count", [3, 30])
def test_the_list_reads_a_constant_number_of_queries(client, org, count, django_assert_num_queries):
    client.force_login(MembershipFactory(organisation=org).user)
    for _i in range(count):
        ActivityFactory(organisation=org, district=None)
        ActivityFactory(organisation=org)
    # session, user, coordinator?, organisation, rule (role), count, page (with district)
    with django_assert_num_queries(7):
        response = client.get(_list(org))
    assert len(response.context["activities"]) == min(2 * count, 20)
