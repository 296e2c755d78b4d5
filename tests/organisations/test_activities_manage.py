import pytest
from django.urls import reverse

from organisations.models import Activity
from portal.models import AuditEntry
from tests.organisations.factories import (
    ActivityFactory,
    DistrictFactory,
    MembershipFactory,
    OrganisationFactory,
    UserFactory,
    make_municipal_coordinator,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def org():
    return OrganisationFactory()


def _data(**extra):
    return {
        "title": "Schackturnering",
        "starts_at": "2030-05-01T18:00",
        "ends_at": "2030-05-01T21:00",
        "place": "Biblioteket",
        "district": DistrictFactory().pk,
        "description": "<script>alert(1)</script> Alla är välkomna",
        "url": "https://schack.example.se",
        **extra,
    }


@pytest.mark.parametrize("role", ["admin", "editor"])
def test_representatives_create(client, org, role):
    user = MembershipFactory(organisation=org, role=role).user
    client.force_login(user)
    response = client.post(reverse("organisations:activity_create", args=[org.slug]), _data())
    assert response.status_code == 302
    activity = Activity.objects.get()
    assert activity.organisation == org and activity.created_by == user
    assert AuditEntry.objects.filter(action="activity.created").exists()


def test_coordinator_creates(client, org):
    client.force_login(make_municipal_coordinator())
    response = client.post(reverse("organisations:activity_create", args=[org.slug]), _data())
    assert response.status_code == 302


def test_others_cannot_create(client, org):
    url = reverse("organisations:activity_create", args=[org.slug])
    assert client.get(url).status_code == 302  # login
    client.force_login(MembershipFactory().user)  # represents another association
    assert client.get(url).status_code == 403
    assert client.post(url, _data()).status_code == 403
    assert not Activity.objects.exists()


def test_bad_input_keeps_values(client, org):
    client.force_login(MembershipFactory(organisation=org).user)
    url = reverse("organisations:activity_create", args=[org.slug])
    response = client.post(url, _data(title="", ends_at="2030-05-01T10:00"))
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"title", "ends_at"}
    assert "Biblioteket" in response.content.decode()


def test_edit_and_cancel(client, org):
    activity = ActivityFactory(organisation=org)
    member = MembershipFactory(organisation=org, role="editor").user
    edit = reverse("organisations:activity_edit", args=[activity.pk])
    cancel = reverse("organisations:activity_cancel", args=[activity.pk])
    client.force_login(UserFactory())
    assert client.get(edit).status_code == 404  # as for an id never used (test_not_found)
    assert client.post(cancel).status_code == 404
    client.force_login(member)
    page = client.get(edit)
    assert page.status_code == 200
    assert client.post(edit, _data(title="Ny titel")).status_code == 302
    activity.refresh_from_db()
    assert activity.title == "Ny titel"
    assert client.get(cancel).status_code == 200
    assert client.post(cancel).status_code == 302
    activity.refresh_from_db()
    assert activity.is_cancelled


def test_description_is_escaped(client, org):
    activity = ActivityFactory(organisation=org, description="<script>alert(1)</script>")
    client.force_login(MembershipFactory(organisation=org).user)
    content = client.get(reverse("organisations:activity_edit", args=[activity.pk])).content
    assert b"<script>alert(1)</script>" not in content


@pytest.mark.parametrize(
    ("status", "message"),
    [
        ("active", "Aktiviteten är publicerad."),
        ("pending", "Den visas i kalendern när en samordnare har godkänt föreningen."),
    ],
)
def test_the_message_says_when_the_activity_appears(client, status, message):
    org = OrganisationFactory(status=status)
    client.force_login(MembershipFactory(organisation=org, role="admin").user)
    response = client.post(
        reverse("organisations:activity_create", args=[org.slug]), _data(), follow=True
    )
    assert message in response.content.decode()
