"""Forums and their participating associations: querysets and invariants."""

import pytest
from django.db import IntegrityError

from dialogues.models import Forum, ForumMembership
from tests.organisations.factories import OrganisationFactory

from .factories import ForumFactory, ForumMembershipFactory

pytestmark = pytest.mark.django_db


def test_str_and_public():
    forum = ForumFactory(name="Pensionärsrådet", audience=Forum.Audience.INVITED)
    assert str(forum) == "Pensionärsrådet"
    assert forum.is_public
    assert not ForumFactory(audience=Forum.Audience.INTERNAL).is_public


def test_querysets():
    org = OrganisationFactory()
    open_forum = ForumFactory(organisations=[org])
    internal = ForumFactory(audience=Forum.Audience.INTERNAL, organisations=[org])
    closed = ForumFactory(is_active=False)
    assert set(Forum.objects.public()) == {open_forum, closed}
    assert set(Forum.objects.active()) == {open_forum, internal}
    assert set(Forum.objects.with_organisation(org)) == {open_forum, internal}
    assert set(org.forums.all()) == {open_forum, internal}


def test_an_association_is_a_member_once():
    membership = ForumMembershipFactory()
    with pytest.raises(IntegrityError):
        ForumMembership.objects.create(forum=membership.forum, organisation=membership.organisation)


def test_joined_on_defaults_to_today():
    from django.utils import timezone

    assert ForumMembershipFactory().joined_on == timezone.localdate()


def test_a_forum_outlives_its_department():
    forum = ForumFactory()
    forum.department.delete()
    forum.refresh_from_db()
    assert forum.department is None
