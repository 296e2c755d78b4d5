"""Requests to join are shown where a representative looks first: "Mina
föreningar" says, per association, how many wait, who asks and what they wrote,
with a link to answer; the members page names each person once and shows the whole
message. Only those who decide (the rule organisations.manage_members) see them."""

import pytest
from django.urls import reverse

from organisations.models import JoinRequest, Organisation
from tests.organisations.factories import (
    MembershipFactory,
    OrganisationFactory,
    UserFactory,
    make_municipal_coordinator,
)

pytestmark = pytest.mark.django_db

LONG = "Jag har varit kassör i föreningen i tre år och vill sköta medlemsregistret. " * 4


@pytest.fixture
def org():
    return OrganisationFactory(name="Vivalla IF")


@pytest.fixture
def admin(org):
    return MembershipFactory(organisation=org, role="admin").user


def ask(org, message="", **person):
    return JoinRequest.objects.create(organisation=org, user=UserFactory(**person), message=message)


def mine(client) -> str:
    return client.get(reverse("organisations:mine")).content.decode()


def test_mina_foreningar_tells_the_admin_who_asks(client, org, admin):
    ask(org, LONG, first_name="Nadia", last_name="Ny")
    ask(org, "", first_name="", last_name="", email="utan.namn@example.se")
    client.force_login(admin)
    page = mine(client)
    waiting = page.split('id="waiting-title"')[1].split("</section>")[0]
    assert "2 personer vill företräda Vivalla IF" in waiting
    assert "<strong>Nadia Ny</strong>" in waiting
    assert LONG[:60] in waiting and LONG not in waiting  # an excerpt
    assert "<strong>utan.namn@example.se</strong>" in waiting
    link = reverse("organisations:members", args=[org.slug]) + "#requests-title"
    assert f'href="{link}"' in waiting and "Svara på förfrågningarna" in waiting


def test_more_than_three_are_counted_not_listed(client, org, admin):
    for n in range(5):
        ask(org, first_name=f"Person{n}", last_name="Frågar")
    client.force_login(admin)
    page = mine(client)
    assert "5 personer vill företräda" in page
    assert page.count("Frågar</strong>") == 3 and "och 2 till" in page


def test_only_those_who_decide_see_who_asks(client, org, admin):
    ask(org, "Hemligt meddelande", first_name="Nadia", last_name="Ny")
    editor = MembershipFactory(organisation=org, role="editor").user
    other_admin = MembershipFactory(role="admin").user
    for person in (editor, other_admin, UserFactory()):
        client.force_login(person)
        page = mine(client)
        assert "Nadia Ny" not in page and "Hemligt meddelande" not in page
        assert 'id="waiting-title"' not in page
    # An archived association's admins decide nothing (the rule says so).
    Organisation.objects.filter(pk=org.pk).update(
        status=Organisation.Status.ARCHIVED, status_reason="Nedlagd"
    )
    client.force_login(admin)
    assert "Nadia Ny" not in mine(client)


def test_a_municipal_coordinator_who_represents_it_sees_them_too(client, org):
    coordinator = make_municipal_coordinator()
    MembershipFactory(organisation=org, user=coordinator, role="editor")
    ask(org, first_name="Nadia", last_name="Ny")
    client.force_login(coordinator)
    assert "Nadia Ny" in mine(client)  # the rule lets them decide


def test_mina_foreningar_reads_a_fixed_number_of_queries(
    client, admin, django_assert_num_queries, django_assert_max_num_queries
):
    def page_queries():
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("organisations:mine")).status_code == 200
        return len(queries)

    client.force_login(admin)
    ask(admin.memberships.get().organisation)
    few = page_queries()
    for _ in range(3):
        org = OrganisationFactory()
        MembershipFactory(organisation=org, user=admin, role="admin")
        for _ in range(3):
            ask(org, "Hej")
    assert page_queries() == few
    with django_assert_max_num_queries(12):
        client.get(reverse("organisations:mine"))


def test_the_members_page_names_the_person_once_and_shows_the_whole_message(client, org, admin):
    ask(org, LONG, first_name="", last_name="", email="a@b.se")
    ask(org, "Hej!", first_name="Nadia", last_name="Ny", email="nadia@example.se")
    client.force_login(admin)
    page = client.get(reverse("organisations:members", args=[org.slug])).content.decode()
    requests = page.split('id="requests-title"')[1].split("</section>")[0]
    assert "a@b.se (a@b.se)" not in requests
    assert '<p class="rep-item__name">a@b.se</p>' in requests
    assert '<p class="rep-item__name">Nadia Ny</p>' in requests
    assert '<p class="rep-item__email">nadia@example.se</p>' in requests
    assert LONG.strip() in requests
