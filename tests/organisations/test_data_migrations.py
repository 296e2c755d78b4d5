"""The data migrations, each from the schema before it with rows it must change:

- 0018: the duplicate invitations that inviting an address twice used to make are
  reduced to the one that expires last, before the database starts holding one
  unanswered invitation per association and address;
- 0019: the names the demo seeded get their English names, and the search vectors
  hold them, so English words find associations made before it.
"""

from datetime import timedelta

import pytest
from django.db import connection, transaction
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

INVITATIONS_BEFORE = [("organisations", "0017_activity_moderation")]
INVITATIONS_AFTER = [("organisations", "0018_invitation_resend_withdraw")]
ENGLISH_BEFORE = [("organisations", "0018_invitation_resend_withdraw")]
ENGLISH_AFTER = [("organisations", "0019_english_names")]
EARLIEST = INVITATIONS_BEFORE

# Both tests on one worker, which unapplies the migrations once (``_unapplied``).
pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("data_migrations")]


def migrate(targets):
    """Migrate to ``targets`` within the current transaction and return the models as
    they are there. PostgreSQL's DDL is transactional: a rollback puts the schema
    back, without migrating again. The rows written so far are checked first, as a
    migration after their commit would find them: PostgreSQL alters no table with
    foreign key checks still deferred."""
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    return MigrationExecutor(connection).migrate(targets).apps


@pytest.fixture(scope="module", autouse=True)
def _unapplied(django_db_setup, django_db_blocker):
    """The schema at ``EARLIEST``, for the module, rolled back to the latest after it.
    Unapplying is the slow way (every later migration, those of the apps that depend
    on them too, is unapplied and its models rendered); each test migrates forward
    from here, which is quick, in its own savepoint."""
    with django_db_blocker.unblock(), transaction.atomic():
        migrate(EARLIEST)
        yield
        transaction.set_rollback(True)


def test_duplicates_are_reduced_to_the_latest():
    apps = migrate(INVITATIONS_BEFORE)
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
        apps = migrate(INVITATIONS_AFTER)
    Invitation = apps.get_model("organisations", "Invitation")
    assert set(Invitation.objects.values_list("pk", flat=True)) == {
        latest,
        elsewhere,
        accepted,
        accepted_too,
    }


def matches(word: str) -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT name FROM organisations_organisation "
            "WHERE search_vector @@ to_tsquery('swedish', %s)",
            [word + ":*"],
        )
        return [name for (name,) in cursor.fetchall()]


def test_seeded_names_get_english_names_and_are_searched():
    apps = migrate(ENGLISH_BEFORE)
    try:
        Category = apps.get_model("organisations", "Category")
        ActivityArea = apps.get_model("organisations", "ActivityArea")
        Organisation = apps.get_model("organisations", "Organisation")
        sport = Category.objects.create(name="Idrottsförening", slug="idrottsforening")
        own = Category.objects.create(name="Egen kategori", slug="egen")
        area = ActivityArea.objects.create(name="Kultur och musik", slug="kultur", kind="area")
        org = Organisation.objects.create(name="Vårby IF", slug="varby-if")
        org.categories.set([sport, own])
        org.areas.set([area])
    finally:
        apps = migrate(ENGLISH_AFTER)
    Category = apps.get_model("organisations", "Category")
    ActivityArea = apps.get_model("organisations", "ActivityArea")
    assert dict(Category.objects.values_list("slug", "name_en")) == {
        "idrottsforening": "Sports club",
        "egen": "",  # a coordinator's own category waits for its English name
    }
    assert ActivityArea.objects.get(slug="kultur").name_en == "Culture and music"
    assert matches("sports") == ["Vårby IF"]
    assert matches("music") == ["Vårby IF"]
    assert matches("idrott") == ["Vårby IF"]
