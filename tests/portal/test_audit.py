"""The audit log: secrets masked; append-only on PostgreSQL."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import DatabaseError, transaction

from portal.audit import MASK, audit_log
from portal.models import AuditEntry

from .factories import DepartmentFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_audit_log_records_actor_action_and_target():
    actor, department = UserFactory(), DepartmentFactory(name="Miljökontoret")
    entry = audit_log(
        actor=actor, action="department.renamed", target=department, data={"old": "Miljö"}
    )
    entry.refresh_from_db()
    assert entry.actor == actor
    assert entry.action == "department.renamed"
    assert entry.target == department
    assert entry.object_repr == "Miljökontoret"
    assert entry.data == {"old": "Miljö"}


def test_audit_log_masks_secrets_at_any_depth():
    entry = audit_log(
        actor=None,
        action="settings.changed",
        data={
            "password": "hunter2",
            "API_Token": "abc",
            "nested": {"client_secret": "s3", "name": "ok"},
            "items": [{"signing_key": "k"}, {"count": 2}],
            "when": datetime.date(2026, 1, 2),
        },
    )
    entry.refresh_from_db()
    assert entry.data == {
        "password": MASK,
        "API_Token": MASK,
        "nested": {"client_secret": MASK, "name": "ok"},
        "items": [{"signing_key": MASK}, {"count": 2}],
        "when": "2026-01-02",
    }
    assert "hunter2" not in str(entry.data)


def test_an_anonymous_actor_is_recorded_as_nobody():
    entry = audit_log(actor=AnonymousUser(), action="inquiry.submitted")
    assert entry.actor is None


def test_changing_an_entry_is_refused_on_postgresql():
    entry = audit_log(actor=UserFactory(), action="department.created")
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        AuditEntry.objects.filter(pk=entry.pk).update(action="something.else")
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        AuditEntry.objects.filter(pk=entry.pk).update(data={"forged": True})
    entry.refresh_from_db()
    assert entry.action == "department.created"


def test_deleting_an_entry_is_refused_on_postgresql():
    entry = audit_log(actor=None, action="department.created")
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        AuditEntry.objects.filter(pk=entry.pk).delete()
    assert AuditEntry.objects.filter(pk=entry.pk).exists()


def test_clearing_the_actor_is_allowed_so_accounts_can_be_deleted():
    actor = UserFactory()
    entry = audit_log(actor=actor, action="department.created", data={"a": 1})
    actor.delete()  # ON DELETE SET NULL: the trigger lets exactly this through
    entry.refresh_from_db()
    assert entry.actor is None
    assert entry.action == "department.created"
    assert entry.data == {"a": 1}
