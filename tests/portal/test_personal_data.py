"""Export and erasure of a person's data through the registry."""

import datetime
import json

import pytest
from django.contrib.auth import get_user_model

from portal import personal_data, reminders
from portal.audit import audit_log
from portal.models import AuditEntry, ReminderDelivery
from portal.services import coordinator_assign

from .factories import DepartmentFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def registry():
    before = personal_data.registered()
    yield personal_data
    personal_data._REGISTRY.clear()
    personal_data._REGISTRY.update(before)


def test_export_contains_the_cores_sections():
    user = UserFactory(email="anna@example.se", first_name="Anna")
    department = DepartmentFactory(name="Stadsbyggnad")
    coordinator_assign(user=user, department=department, by=user)
    reminders.reminder_schedule(
        kind="account.verify_email", target=user, recipient=user, due=datetime.date(2026, 1, 1)
    )
    export = personal_data.export_user_data(user)
    json.dumps(export)  # serialisable as the download is
    data = export["data"]
    assert {"account", "audit", "reminders"} <= set(data)
    assert data["account"]["email"] == "anna@example.se"
    assert data["account"]["first_name"] == "Anna"
    assert data["account"]["email_addresses"] == [
        {"email": "anna@example.se", "verified": True, "primary": True}
    ]
    assert data["account"]["coordinator_for"] == ["Stadsbyggnad"]
    assert [row["action"] for row in data["audit"]] == ["coordinator.assigned"]
    assert [row["kind"] for row in data["reminders"]] == ["account.verify_email"]


def test_erase_user_deletes_the_user_and_anonymises_the_audit_log():
    user, other = UserFactory(), UserFactory()
    own = audit_log(actor=user, action="department.created", target=DepartmentFactory())
    others = audit_log(actor=other, action="department.created")
    reminders.reminder_schedule(
        kind="account.verify_email", target=user, recipient=user, due=datetime.date(2026, 1, 1)
    )
    reminders.reminder_schedule(
        kind="account.verify_email",
        target=other,
        recipient=user.email,  # by address only, no account link
        due=datetime.date(2026, 1, 2),
    )
    user_pk = user.pk

    personal_data.erase_user(user)

    assert not get_user_model().objects.filter(pk=user_pk).exists()
    own.refresh_from_db()
    assert own.actor is None
    assert own.action == "department.created"  # what happened stays
    others.refresh_from_db()
    assert others.actor == other
    assert not ReminderDelivery.objects.filter(recipient_email=user.email).exists()
    erased = AuditEntry.objects.get(action="account.erased")
    assert erased.data == {"user_id": user_pk}


def test_registry_accepts_an_apps_entry(registry):
    erased = []
    registry.register(
        "test.notes",
        label="Notes",
        export=lambda user: [f"note by {user.email}"],
        erase=lambda user: erased.append(user.pk),
    )
    user = UserFactory(email="b@example.se")
    assert registry.export_user_data(user)["data"]["test.notes"] == ["note by b@example.se"]
    pk = user.pk
    registry.erase_user(user)
    assert erased == [pk]


def test_a_failing_eraser_keeps_the_account(registry):
    def fail(user):
        raise RuntimeError("cannot erase")

    registry.register("test.fails", label="Fails", export=lambda user: None, erase=fail)
    user = UserFactory()
    with pytest.raises(RuntimeError):
        registry.erase_user(user)
    assert get_user_model().objects.filter(pk=user.pk).exists()
    assert not AuditEntry.objects.filter(action="account.erased").exists()
