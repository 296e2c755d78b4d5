"""The coordinators' desk: panels registered by the apps, shown to those with
the panel's permission, on /skrivbord/ and atop the admin's front page, each
count linking to the admin list filtered to exactly those cases."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from organisations.models import JoinRequest, Organisation
from portal import desk
from tests.organisations.factories import (
    OrganisationFactory,
    UserFactory,
    make_department_coordinator,
    make_municipal_coordinator,
)

pytestmark = pytest.mark.django_db
URL = "/skrivbord/"


def pending(name, days_ago):
    return OrganisationFactory(
        name=name,
        status=Organisation.Status.PENDING,
        approved_at=None,
        created_at=timezone.now() - timedelta(days=days_ago),
    )


@pytest.fixture
def register_state():
    pending("Nyaste föreningen", 1)
    pending("Äldsta föreningen", 12)
    OrganisationFactory(status=Organisation.Status.ACTIVE, unconfirmed_since=timezone.now())
    OrganisationFactory(needs_administrator=True, name="Utan admin")
    OrganisationFactory(
        status=Organisation.Status.ARCHIVED, status_reason="Nedlagd", needs_administrator=True
    )
    JoinRequest.objects.create(organisation=OrganisationFactory(), user=UserFactory())


# En väg in's panel (portal/inquiries/desk.py), with nothing waiting.
NO_INQUIRIES = {
    "Nya ärenden att fördela": 0,
    "Försenade": 0,
    "Överlämnade mer än två gånger": 0,
    "Avslutade de senaste 30 dagarna: hur snabbt vi svarar": 0,
}

# The follow-up reports' panel (partnerships/desk_reports.py), linked to the portal's
# list of reports, not the admin's; with nothing waiting.
NO_REPORTS = {
    "Försenade uppföljningsrapporter": 0,
    "Uppföljningsrapporter som väntar på granskning": 0,
}


# The surveys' panel (surveys/desk.py), with no survey open.
NO_SURVEYS = {"Öppna enkäter": 0}


def no_dialogues():
    """The forums' panel (dialogues/desk.py), with nothing waiting, as labelled now."""
    from dialogues.desk import meeting_items

    return {str(item.label): 0 for item in meeting_items(make_municipal_coordinator())}


def no_partnerships():
    """The partnerships' panel (partnerships/desk.py), with nothing ending: its
    counts link to the overview, not to the admin."""
    from partnerships.desk import ending_items

    return {str(item.label): 0 for item in ending_items(make_municipal_coordinator())}


def items_by_label(html):
    """{label: count} as the page shows them."""
    pairs = re.findall(
        r'desk-item__count">(\d+)</span>\s*<span class="desk-item__label">([^<]+)<', html
    )
    return {label: int(count) for count, label in pairs}


def test_the_register_registers_its_panel():
    panel = desk.registered_panels()["organisations"]
    assert panel.permission == "organisations.approve_organisation"


def test_anonymous_is_sent_to_log_in(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_other_users_are_refused(client):
    client.force_login(UserFactory())
    assert client.get(URL).status_code == 403


def test_municipal_coordinator_sees_what_waits(client, register_state):
    client.force_login(make_municipal_coordinator())
    html = client.get(URL).content.decode()
    assert items_by_label(html) == {
        **NO_INQUIRIES,
        **NO_REPORTS,
        **no_dialogues(),
        **no_partnerships(),
        **NO_SURVEYS,
        "Väntar på godkännande": 2,
        "Saknar administratör": 1,
        "Öppna förfrågningar om att gå med": 1,
        "Obekräftade i år": 1,
        "Inte granskad på ett år": 0,
    }
    assert "Äldsta: 12 dagar" in html
    # The oldest first, each with its age, linked to its change page.
    assert html.index("Äldsta föreningen") < html.index("Nyaste föreningen")
    assert "(1 dag)" in html


def test_each_count_links_to_the_list_of_exactly_those(client, register_state):
    client.force_login(make_municipal_coordinator())
    html = client.get(URL).content.decode()
    links = re.findall(r'class="desk-item__link" href="(/admin/[^"]+)"', html)
    assert len(links) == 10  # the register's four, the forums' five, the contact paths' one
    elsewhere = NO_INQUIRIES | no_partnerships() | NO_REPORTS | NO_SURVEYS
    counts = [n for label, n in items_by_label(html).items() if label not in elsewhere]
    for link, count in zip(links, counts, strict=True):
        page = client.get(link.replace("&amp;", "&"))
        assert page.status_code == 200, link
        assert page.context["cl"].result_count == count, link


def test_department_coordinator_has_no_register_panel(client, register_state):
    client.force_login(make_department_coordinator())
    response = client.get(URL)
    assert response.status_code == 200
    # Only their department's contact paths (portal/contacts/desk.py).
    assert items_by_label(response.content.decode()) == {
        "Inte granskad på ett år": 0,
        **NO_INQUIRIES,
        **no_partnerships(),
        **NO_REPORTS,
        **NO_SURVEYS,
    }


def test_without_a_panel_the_desk_says_so(client, monkeypatch):
    monkeypatch.setattr(desk, "_PANELS", {})
    client.force_login(make_department_coordinator())
    response = client.get(URL)
    assert "Inget väntar på dig här ännu" in response.content.decode()


def test_admin_front_page_starts_with_the_desk(client, register_state):
    client.force_login(make_municipal_coordinator())
    html = client.get("/admin/").content.decode()
    assert items_by_label(html)["Väntar på godkännande"] == 2
    assert html.index("desk-panel") < html.index("app-organisations")


def test_header_links_for_staff_only(client):
    client.force_login(UserFactory())
    html = client.get("/").content.decode()
    assert "Mina föreningar" in html
    assert URL not in html and "/admin/" not in html
    client.force_login(make_municipal_coordinator())
    html = client.get("/").content.decode()
    assert f'href="{URL}"' in html and 'href="/admin/"' in html


def test_queries_do_not_grow_with_the_cases(
    client, django_assert_num_queries, django_assert_max_num_queries
):
    coordinator = make_municipal_coordinator()
    client.force_login(coordinator)
    pending("Första", 3)
    client.get(URL)  # warm the session and permission caches
    with django_assert_max_num_queries(50) as few:
        client.get(URL)
    for n in range(15):
        pending(f"Fler {n}", n)
        JoinRequest.objects.create(organisation=OrganisationFactory(), user=UserFactory())
    with django_assert_num_queries(len(few.captured_queries)):
        response = client.get(URL)
    assert items_by_label(response.content.decode())["Väntar på godkännande"] == 16
