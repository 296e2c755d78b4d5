"""No model change without its migration (the check CI's Makefile used to run
beside the suite, here so that it runs on the suite's own database)."""

import io

import pytest
from django.core.management import call_command


@pytest.mark.django_db
def test_no_migration_is_missing():
    out = io.StringIO()
    try:
        call_command("makemigrations", "--check", "--dry-run", stdout=out, stderr=out)
    except SystemExit:
        pytest.fail("Missing migrations:\n" + out.getvalue())
