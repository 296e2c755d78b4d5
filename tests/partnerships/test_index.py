"""Samverkan & IOP's start page (the navigation item): each reader is shown the parts
they may use, a representative their associations, and everyone the way in for an
idea; the same few queries however many associations a representative acts for."""

import pytest
from django.urls import reverse

from tests.contacts.factories import make_municipal_coordinator, make_official
from tests.organisations.factories import MembershipFactory, OrganisationFactory, UserFactory
from tests.portal.factories import DepartmentFactory

pytestmark = pytest.mark.django_db
URL = "/samverkan/"


def links(client) -> set[str]:
    html = client.get(URL).content.decode()
    paths = {
        "agreements": reverse("partnerships:agreement_list"),
        "collaborations": reverse("partnerships:collaborations"),
        "record": reverse("partnerships:collaboration_create"),
        "reports": reverse("partnerships:reports"),
        "overview": reverse("partnerships:overview"),
        "one way in": reverse("inquiries:start"),
    }
    return {name for name, path in paths.items() if f'href="{path}"' in html}


def test_the_public_sees_the_agreements_and_the_way_in(client):
    response = client.get(URL)
    assert response.status_code == 200
    assert "<h1>Samverkan & IOP</h1>" in response.content.decode()
    assert links(client) == {"agreements", "one way in"}


def test_an_official_also_finds_the_collaborations_and_reports(client):
    client.force_login(make_official(DepartmentFactory()))
    assert links(client) == {"agreements", "collaborations", "record", "reports", "one way in"}


def test_a_coordinator_also_finds_the_overview(client):
    client.force_login(make_municipal_coordinator())
    assert {"overview", "collaborations", "reports"} <= links(client)


def test_a_representative_finds_their_associations(client, django_assert_max_num_queries):
    user = UserFactory()
    mine = OrganisationFactory(name="Vårby Boxningsklubb")
    MembershipFactory(organisation=mine, user=user, role="admin")
    OrganisationFactory(name="Någon annans förening")
    client.force_login(user)
    html = client.get(URL).content.decode()
    assert mine.get_absolute_url() in html and "Någon annans förening" not in html
    assert links(client) == {"agreements", "one way in"}
    for _n in range(5):
        MembershipFactory(organisation=OrganisationFactory(), user=user, role="editor")
    with django_assert_max_num_queries(12):
        client.get(URL)
