"""The forums in the admin: municipal coordinators run them, department coordinators
look, representatives are not let in; every change is audited."""

import pytest
from django.urls import reverse

from dialogues.models import Forum
from portal.models import AuditEntry
from tests.organisations.factories import (
    MembershipFactory,
    OrganisationFactory,
    UserFactory,
    make_department_coordinator,
    make_municipal_coordinator,
)
from tests.portal.factories import DepartmentFactory

from .factories import ForumFactory

pytestmark = pytest.mark.django_db
CHANGELIST = reverse("admin:dialogues_forum_changelist")
ADD = reverse("admin:dialogues_forum_add")


def _change(forum):
    return reverse("admin:dialogues_forum_change", args=[forum.pk])


@pytest.fixture
def coordinator(client):
    user = make_municipal_coordinator()
    client.force_login(user)
    return user


def test_pages_render_for_a_municipal_coordinator(client, coordinator):
    forum = ForumFactory(organisations=[OrganisationFactory()])
    forum.coordinators.add(coordinator)
    response = client.get(CHANGELIST)
    assert response.status_code == 200
    assert forum.name in response.content.decode()
    assert client.get(ADD).status_code == 200
    response = client.get(_change(forum))
    assert response.status_code == 200
    assert response.context["has_change_permission"]
    assert client.get(CHANGELIST, {"q": forum.name, "audience": "open"}).status_code == 200


def test_add_a_forum_with_its_members(client, coordinator):
    department = DepartmentFactory(name="Vård- och omsorgsförvaltningen")
    org = OrganisationFactory()
    response = client.post(
        ADD,
        {
            "name": "Pensionärsrådet",
            "slug": "pensionarsradet",
            "kind": Forum.Kind.COUNCIL,
            "audience": Forum.Audience.INVITED,
            "cadence_months": "3",
            "description": "",
            "department": department.pk,
            "coordinators": [coordinator.pk],
            "is_active": "on",
            "memberships-TOTAL_FORMS": "1",
            "memberships-INITIAL_FORMS": "0",
            "memberships-0-organisation": org.pk,
            "memberships-0-joined_on": "2025-03-01",
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    forum = Forum.objects.get(slug="pensionarsradet")
    assert list(forum.organisations.all()) == [org]
    assert list(forum.coordinators.all()) == [coordinator]
    entry = AuditEntry.objects.get(action="forum.admin_created")
    assert entry.actor == coordinator
    assert entry.target == forum
    assert entry.data["inlines"] == ["memberships"]


@pytest.mark.parametrize(
    ("field_name", "model_name", "term", "make"),
    [
        ("coordinators", "forum", "Samordnar", lambda: UserFactory(first_name="Samordnare")),
        ("department", "forum", "Omsorg", lambda: DepartmentFactory(name="Omsorgen")),
        ("organisation", "forummembership", "Klubben", lambda: OrganisationFactory(name="Klubben")),
    ],
)
def test_autocomplete(client, coordinator, field_name, model_name, term, make):
    obj = make()
    response = client.get(
        reverse("admin:autocomplete"),
        {
            "app_label": "dialogues",
            "model_name": model_name,
            "field_name": field_name,
            "term": term,
        },
    )
    assert response.status_code == 200
    assert str(obj.pk) in {r["id"] for r in response.json()["results"]}


def test_a_department_coordinator_only_looks(client):
    client.force_login(make_department_coordinator())
    forum = ForumFactory(organisations=[OrganisationFactory()])
    assert client.get(CHANGELIST).status_code == 200
    response = client.get(_change(forum))
    assert response.status_code == 200
    assert not response.context["has_change_permission"]
    assert client.get(ADD).status_code == 403


def test_representatives_are_not_let_in(client):
    client.force_login(MembershipFactory().user)
    response = client.get(CHANGELIST)
    assert response.status_code == 302
    assert reverse("admin:login") in response["Location"]


def test_changelist_constant_queries(client, coordinator, django_assert_max_num_queries):
    ForumFactory(organisations=[OrganisationFactory()])
    with django_assert_max_num_queries(40) as few:
        assert client.get(CHANGELIST).status_code == 200
    for _i in range(8):
        ForumFactory(organisations=[OrganisationFactory(), OrganisationFactory()])
    with django_assert_max_num_queries(len(few)):
        assert client.get(CHANGELIST).status_code == 200
