"""The admin: every portal changelist opens with a bounded number of queries,
the audit log is read-only, coordinators work there and representatives do not."""

import datetime
import itertools

import pytest
from django.contrib import admin
from django.urls import reverse

from portal import reminders, roles
from portal.audit import audit_log
from portal.models import (
    AuditEntry,
    CoordinatorAssignment,
    Department,
    ReminderDelivery,
    SitePage,
    User,
)
from portal.services import coordinator_assign

from .factories import DepartmentFactory, UserFactory

pytestmark = pytest.mark.django_db

PORTAL_MODELS = [User, Department, CoordinatorAssignment, AuditEntry, ReminderDelivery, SitePage]


def changelist(model) -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")


@pytest.fixture
def superuser():
    return UserFactory(email="root@example.se", is_staff=True, is_superuser=True)


@pytest.fixture
def municipal_coordinator():
    user = UserFactory(email="samordnare@example.se")
    coordinator_assign(user=user, by=None)
    return user


_pages = itertools.count()


def populate(count: int) -> None:
    for _i in range(count):
        n = next(_pages)
        department = DepartmentFactory()
        user = UserFactory(roles=[roles.REPRESENTATIVE])
        coordinator_assign(user=user, department=department, by=user)
        audit_log(actor=user, action="department.created", target=department)
        reminders.reminder_schedule(
            kind="account.verify_email",
            target=user,
            recipient=user,
            due=datetime.date(2026, 1, 1),
        )
        SitePage.objects.create(slug=f"page-{n}", title_sv=f"Sida {n}", body_sv="Text")


def test_every_portal_model_is_registered():
    for model in PORTAL_MODELS:
        assert admin.site.is_registered(model), model


@pytest.mark.parametrize("model", PORTAL_MODELS, ids=lambda m: m._meta.model_name)
def test_superuser_opens_each_changelist_with_constant_queries(
    client, superuser, model, django_assert_max_num_queries
):
    client.force_login(superuser)
    populate(2)
    with django_assert_max_num_queries(20) as few:
        assert client.get(changelist(model)).status_code == 200
    populate(8)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(changelist(model)).status_code == 200


@pytest.mark.parametrize("model", PORTAL_MODELS, ids=lambda m: m._meta.model_name)
def test_superuser_opens_each_add_or_change_page(client, superuser, model):
    populate(1)
    client.force_login(superuser)
    obj = model.objects.first()
    url = reverse(f"admin:portal_{model._meta.model_name}_change", args=[obj.pk])
    assert client.get(url).status_code == 200
    add = client.get(reverse(f"admin:portal_{model._meta.model_name}_add"))
    assert add.status_code == (403 if model in (AuditEntry, ReminderDelivery) else 200)


def test_the_user_admin_searches_by_email_and_adds_by_email(client, superuser):
    UserFactory(email="kerstin@forening.se", first_name="Kerstin")
    client.force_login(superuser)
    response = client.get(changelist(User), {"q": "kerstin@"})
    assert response.status_code == 200
    assert b"kerstin@forening.se" in response.content
    response = client.post(
        reverse("admin:portal_user_add"),
        {
            "email": "ny@example.se",
            "usable_password": "true",
            "password1": "a-long-passphrase-123",
            "password2": "a-long-passphrase-123",
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert User.objects.get(email="ny@example.se").check_password("a-long-passphrase-123")


def test_the_audit_log_is_read_only_even_for_a_superuser(client, superuser):
    entry = audit_log(actor=superuser, action="department.created")
    client.force_login(superuser)
    model_admin = admin.site.get_model_admin(AuditEntry)
    request = client.get(changelist(AuditEntry)).wsgi_request
    assert not model_admin.has_add_permission(request)
    assert not model_admin.has_change_permission(request, entry)
    assert not model_admin.has_delete_permission(request, entry)
    assert client.get(reverse("admin:portal_auditentry_add")).status_code == 403
    assert client.post(reverse("admin:portal_auditentry_delete", args=[entry.pk])).status_code in (
        403,
        302,
    )
    response = client.post(
        reverse("admin:portal_auditentry_change", args=[entry.pk]), {"action": "forged"}
    )
    assert response.status_code == 403
    entry.refresh_from_db()
    assert entry.action == "department.created"
    assert AuditEntry.objects.filter(pk=entry.pk).exists()


def test_the_audit_log_filters_and_searches(client, superuser):
    department = DepartmentFactory(name="Miljökontoret")
    audit_log(actor=superuser, action="department.created", target=department)
    audit_log(actor=None, action="account.erased")
    client.force_login(superuser)
    by_action = client.get(changelist(AuditEntry), {"action": "account.erased"})
    assert [e.action for e in by_action.context["cl"].result_list] == ["account.erased"]
    by_repr = client.get(changelist(AuditEntry), {"q": "Miljö"})
    assert [e.object_repr for e in by_repr.context["cl"].result_list] == ["Miljökontoret"]
    by_actor = client.get(changelist(AuditEntry), {"q": "root@example"})
    assert [e.action for e in by_actor.context["cl"].result_list] == ["department.created"]


def test_municipal_coordinator_sees_departments_and_the_audit_log(client, municipal_coordinator):
    DepartmentFactory(name="Stadsbyggnad")
    client.force_login(municipal_coordinator)
    index = client.get(reverse("admin:index"))
    assert index.status_code == 200
    assert changelist(Department).encode() in index.content
    assert changelist(AuditEntry).encode() in index.content
    departments = client.get(changelist(Department))
    assert departments.status_code == 200
    assert b"Stadsbyggnad" in departments.content
    audit = client.get(changelist(AuditEntry))
    assert audit.status_code == 200
    assert b"coordinator.assigned" in audit.content


def test_municipal_coordinator_assigns_a_coordinator_through_the_admin(
    client, municipal_coordinator
):
    department = DepartmentFactory(name="Miljökontoret")
    official = UserFactory(email="tjansteperson@example.se", roles=[roles.OFFICIAL])
    client.force_login(municipal_coordinator)
    # The user field is an autocomplete: the coordinator can search people.
    autocomplete = client.get(
        reverse("admin:autocomplete"),
        {
            "term": "tjanste",
            "app_label": "portal",
            "model_name": "coordinatorassignment",
            "field_name": "user",
        },
    )
    assert autocomplete.status_code == 200
    assert [r["id"] for r in autocomplete.json()["results"]] == [str(official.pk)]

    response = client.post(
        reverse("admin:portal_coordinatorassignment_add"),
        {"user": official.pk, "department": department.pk},
    )
    assert response.status_code == 302
    assignment = CoordinatorAssignment.objects.get(user=official)
    official.refresh_from_db()
    assert official.is_staff
    assert official.groups.filter(name=roles.DEPARTMENT_COORDINATOR).exists()
    entry = AuditEntry.objects.get(action="coordinator.assigned", data__user_id=official.pk)
    assert entry.actor == municipal_coordinator

    response = client.post(
        reverse("admin:portal_coordinatorassignment_delete", args=[assignment.pk]),
        {"post": "yes"},
    )
    assert response.status_code == 302
    official.refresh_from_db()
    assert not official.is_staff
    assert not official.groups.filter(name=roles.DEPARTMENT_COORDINATOR).exists()
    assert AuditEntry.objects.filter(
        action="coordinator.unassigned", actor=municipal_coordinator
    ).exists()


def test_the_scope_filter_separates_municipal_and_department_coordinators(
    client, superuser, municipal_coordinator
):
    coordinator_assign(user=UserFactory(), department=DepartmentFactory(), by=None)
    client.force_login(superuser)
    municipal = client.get(changelist(CoordinatorAssignment), {"scope": "municipal"})
    assert [a.user for a in municipal.context["cl"].result_list] == [municipal_coordinator]
    per_department = client.get(changelist(CoordinatorAssignment), {"scope": "department"})
    assert all(a.department for a in per_department.context["cl"].result_list)
    assert len(per_department.context["cl"].result_list) == 1


def test_a_representative_is_sent_to_the_login_page(client):
    representative = UserFactory(roles=[roles.REPRESENTATIVE])
    client.force_login(representative)
    for url in (reverse("admin:index"), changelist(Department), changelist(AuditEntry)):
        response = client.get(url)
        assert response.status_code == 302
        assert response.url.startswith(reverse("admin:login"))


def test_a_department_coordinator_cannot_change_departments(client):
    user = UserFactory()
    department = DepartmentFactory()
    coordinator_assign(user=user, department=department, by=None)
    client.force_login(user)
    assert client.get(changelist(Department)).status_code == 200
    url = reverse("admin:portal_department_change", args=[department.pk])
    response = client.post(url, {"name": "Renamed", "slug": "renamed", "is_active": "on"})
    assert response.status_code == 403
    assert client.get(changelist(AuditEntry)).status_code == 403


@pytest.mark.parametrize(
    ("url", "field"),
    [
        ("admin:portal_coordinatorassignment_add", "user"),  # a foreign key
        ("admin:dialogues_forum_add", "coordinators"),  # a many-to-many
    ],
)
@pytest.mark.parametrize("junk", ["abc", " ", "\ufeff1", "1.5"])
def test_an_autocomplete_field_with_a_junk_id_is_an_error_not_a_500(
    client, superuser, url, field, junk
):
    """Django's autocomplete widget looked the submitted value up as an id while
    re-rendering the form: ValueError, a 500 (found by the form fuzzer, tests/fuzz)."""
    client.force_login(superuser)
    response = client.post(reverse(url), {field: junk})
    assert response.status_code == 200
    assert "errorlist" in response.content.decode()


@pytest.mark.parametrize("junk", ["", "3.5", "1e309", "abc"])
def test_an_action_on_a_junk_id_is_a_message_not_a_500(client, superuser, junk):
    """The changelist filtered by the ticked ids as posted: ValueError, a 500 (found
    by the form fuzzer, tests/fuzz); a real id beside the junk is still acted on."""
    client.force_login(superuser)
    department = DepartmentFactory()
    url = reverse("admin:portal_department_changelist")
    response = client.post(url, {"action": "delete_selected", "_selected_action": [junk]})
    assert response.status_code == 302
    response = client.post(
        url, {"action": "delete_selected", "_selected_action": [junk, department.pk]}
    )
    assert response.status_code == 200
    assert department.name in response.content.decode()  # the confirmation page
