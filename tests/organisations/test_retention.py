"""Invitations never used are deleted: they hold someone's e-mail address."""

import datetime

import pytest
import time_machine
from django.utils import timezone

from organisations.models import Invitation
from portal import sweeps

from .factories import OrganisationFactory

pytestmark = pytest.mark.django_db

START = datetime.datetime(2026, 3, 2, 9, 0, tzinfo=datetime.UTC)


def test_unused_invitation_is_deleted_ninety_days_after_it_expired():
    with time_machine.travel(START, tick=False) as traveller:
        org = OrganisationFactory()
        unused = Invitation.objects.create(organisation=org, email="x@example.se")
        accepted = Invitation.objects.create(organisation=org, email="", accepted_at=timezone.now())
        # Expires after 14 days; kept for 90 more.
        traveller.shift(datetime.timedelta(days=14 + 89))
        assert sweeps.run_all()["organisations.purge_expired_invitations"] == 0
        traveller.shift(datetime.timedelta(days=2))
        assert sweeps.run_all()["organisations.purge_expired_invitations"] == 1
    assert list(Invitation.objects.all()) == [accepted]
    assert not Invitation.objects.filter(pk=unused.pk).exists()
