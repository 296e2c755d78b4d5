"""Migration 0019: the names the demo seeded get their English names, and the
search vectors hold them, so English words find associations made before it."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("organisations", "0018_invitation_resend_withdraw")]
AFTER = [("organisations", "0019_english_names")]


def migrate(targets):
    """Migrate to ``targets`` within the test's transaction and return the models as
    they are there. PostgreSQL's DDL is transactional: the test's rollback puts the
    latest schema back, for the tests that follow, without migrating forward again.
    The rows written so far are checked first, as a migration after their commit would
    find them: PostgreSQL alters no table with foreign key checks still deferred."""
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    return MigrationExecutor(connection).migrate(targets).apps


def matches(word: str) -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT name FROM organisations_organisation "
            "WHERE search_vector @@ to_tsquery('swedish', %s)",
            [word + ":*"],
        )
        return [name for (name,) in cursor.fetchall()]


@pytest.mark.django_db
def test_seeded_names_get_english_names_and_are_searched():
    apps = migrate(BEFORE)
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
        apps = migrate(AFTER)
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
