"""The database holds an activity's years as the form does (issue 9, item 1), and
the migration that added the constraints repaired the rows stored before."""

import importlib
from datetime import UTC, datetime

import pytest
from django.apps import apps
from django.db import IntegrityError, connection, transaction
from django.urls import reverse

from organisations.models import Activity
from tests.organisations.factories import ActivityFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("field", ["starts_at", "ends_at"])
def test_the_database_refuses_an_activity_outside_the_years(field):
    activity = ActivityFactory()
    setattr(activity, field, datetime(1, 1, 2, tzinfo=UTC))
    if field == "starts_at":
        activity.ends_at = None
    with pytest.raises(IntegrityError), transaction.atomic():
        activity.save()


def test_the_migration_removes_a_year_1_activity_and_drops_an_end_at_year_0(client):
    """As such rows were stored before the constraints: every page then failed."""
    kept, broken = ActivityFactory(), ActivityFactory()
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # no pending checks: ALTER may run
        cursor.execute(
            "ALTER TABLE organisations_activity "
            "DROP CONSTRAINT activity_starts_within_years, "
            "DROP CONSTRAINT activity_ends_within_years, "
            "DROP CONSTRAINT activity_ends_after_start"
        )
        cursor.execute(
            "UPDATE organisations_activity SET starts_at = '0001-01-01 00:00:00+01:12:12' "
            "WHERE id = %s",
            [broken.pk],
        )
        cursor.execute(
            "UPDATE organisations_activity SET ends_at = '0001-01-01 00:00:00+01:12:12' "
            "WHERE id = %s",
            [kept.pk],
        )
    migration = importlib.import_module("organisations.migrations.0012_activity_within_years")
    migration.repair_out_of_range(apps, None)
    assert list(Activity.objects.values_list("pk", "ends_at")) == [(kept.pk, None)]
    assert client.get(kept.organisation.get_absolute_url()).status_code == 200
    assert client.get(reverse("organisations:calendar")).status_code == 200
