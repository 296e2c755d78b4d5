"""An association's page: visibility, contact person, edit link, activities, hook."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from organisations import views
from organisations.models import Membership, Organisation

from .factories import (
    ActivityFactory,
    MembershipFactory,
    OrganisationFactory,
    UserFactory,
    make_municipal_coordinator,
)

pytestmark = pytest.mark.django_db


def _url(org):
    return reverse("organisations:detail", args=[org.slug])


@pytest.fixture
def org():
    return OrganisationFactory(
        name="Vårby Kulturförening",
        description="Vi ordnar <konserter> & kurser.",
        contact_name="Karin Kontakt",
        contact_email="karin@example.se",
        contact_is_public=False,
    )


def test_public_page(client, org):
    ActivityFactory(organisation=org, title="Vårkonsert")
    ActivityFactory(
        organisation=org, title="Förra året", starts_at=timezone.now() - timedelta(days=30)
    )
    cancelled = ActivityFactory(organisation=org, title="Höstkonsert", is_cancelled=True)
    response = client.get(_url(org))
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("<h1") == 1
    assert "Vi ordnar &lt;konserter&gt; &amp; kurser." in html
    assert "Vårkonsert" in html
    assert "Förra året" not in html
    link = f'<a href="{cancelled.get_absolute_url()}">Höstkonsert</a>'
    assert f'<span class="badge badge--warning">Inställd</span> {link}' in html
    assert "Karin Kontakt" not in html
    assert reverse("organisations:organisation_ics", args=[org.slug]) in html
    assert reverse("organisations:edit", args=[org.slug]) not in html


def test_contact_person_with_consent(client, org):
    org.contact_is_public = True
    org.save()
    assert "Karin Kontakt" in client.get(_url(org)).content.decode()


def test_contact_person_for_coordinators(client, org):
    client.force_login(make_municipal_coordinator())
    assert "Karin Kontakt" in client.get(_url(org)).content.decode()


def test_edit_link_for_the_association_admin(client, org):
    membership = MembershipFactory(organisation=org, role=Membership.Role.ADMIN)
    client.force_login(membership.user)
    html = client.get(_url(org)).content.decode()
    assert reverse("organisations:edit", args=[org.slug]) in html


@pytest.mark.parametrize(
    "changes",
    [
        {"status": Organisation.Status.PENDING},
        {"status": Organisation.Status.ARCHIVED, "status_reason": "Upplöst"},
        {"is_public": False},
    ],
)
def test_hidden_associations(client, org, changes):
    Organisation.objects.filter(pk=org.pk).update(**changes)
    assert client.get(_url(org)).status_code == 404
    client.force_login(UserFactory())
    assert client.get(_url(org)).status_code == 404
    client.force_login(make_municipal_coordinator())
    assert client.get(_url(org)).status_code == 200


def test_pending_visible_to_its_representative(client, org):
    Organisation.objects.filter(pk=org.pk).update(status=Organisation.Status.PENDING)
    membership = MembershipFactory(organisation=org)
    client.force_login(membership.user)
    assert client.get(_url(org)).status_code == 200


def test_unknown_slug(client):
    assert client.get("/foreningar/finns-inte/").status_code == 404


def test_sections_from_other_apps(client, org, monkeypatch):
    monkeypatch.setattr(views, "DETAIL_SECTIONS", [])
    views.register_detail_section(
        "organisations/_offers.html", lambda request, o: {"organisation": o}
    )
    views.register_detail_section("never.html", lambda request, o: None)
    response = client.get(_url(org))
    assert response.status_code == 200
    assert len(response.context["sections"]) == 1
