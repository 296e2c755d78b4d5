"""A forum coordinator's personal data: exported, and erased with the account."""

import pytest

from dialogues.models import Forum
from portal import personal_data
from portal.models import AuditEntry
from tests.organisations.factories import UserFactory

from .factories import ForumFactory

pytestmark = pytest.mark.django_db


def test_registered():
    assert "dialogues.forum_coordinators" in personal_data.registered()


def test_export_and_erase():
    user, colleague = UserFactory(), UserFactory()
    forum = ForumFactory(name="Pensionärsrådet")
    forum.coordinators.add(user, colleague)
    ForumFactory().coordinators.add(colleague)
    data = personal_data.export_user_data(user)["data"]
    assert data["dialogues.forum_coordinators"] == [{"forum": "Pensionärsrådet"}]

    personal_data.erase_user(user)
    assert list(Forum.objects.get(pk=forum.pk).coordinators.all()) == [colleague]
    assert AuditEntry.objects.filter(action="forum.coordinator_erased").count() == 1
