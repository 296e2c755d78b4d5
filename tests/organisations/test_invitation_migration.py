"""Migration 0017: the duplicate invitations that inviting an address twice used to
make are reduced to the one that expires last, before the database starts holding
one unanswered invitation per association and address."""

from datetime import timedelta

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

BEFORE = [("organisations", "0017_activity_moderation")]
AFTER = [("organisations", "0018_invitation_resend_withdraw")]


def migrate(targets):
    """Migrate to ``targets`` within the test's transaction and return the models as
    they are there. PostgreSQL's DDL is transactional: the test's rollback puts the
    latest schema back, for the tests that follow, without migrating forward again.
    The rows written so far are checked first, as a migration after their commit would
    find them: PostgreSQL alters no table with foreign key checks still deferred."""
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    return MigrationExecutor(connection).migrate(targets).apps


@pytest.mark.django_db
def test_duplicates_are_reduced_to_the_latest():
    apps = migrate(BEFORE)
    try:
        Organisation = apps.get_model("organisations", "Organisation")
        Invitation = apps.get_model("organisations", "Invitation")
        org = Organisation.objects.create(name="Vivalla IF", slug="vivalla-if")
        other = Organisation.objects.create(name="Hagby IF", slug="hagby-if")
        now = timezone.now()

        def invite(organisation, email, days, **extra):
            return Invitation.objects.create(
                organisation=organisation,
                email=email,
                token=f"t-{organisation.pk}-{email}-{days}",
                expires_at=now + timedelta(days=days),
                **extra,
            ).pk

        invite(org, "ny@example.se", 3)
        latest = invite(org, "NY@example.se", 10)
        invite(org, "ny@example.se", -5)
        elsewhere = invite(other, "ny@example.se", 1)
        accepted = invite(org, "", 1, accepted_at=now)
        accepted_too = invite(org, "", 2, accepted_at=now)
    finally:
        apps = migrate(AFTER)
    Invitation = apps.get_model("organisations", "Invitation")
    assert set(Invitation.objects.values_list("pk", flat=True)) == {
        latest,
        elsewhere,
        accepted,
        accepted_too,
    }
