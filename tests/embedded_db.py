"""pytest plugin (``-p tests.embedded_db`` in pyproject.toml): without DATABASE_URL,
the test session runs on an embedded PostgreSQL of its own, in a temporary folder,
deleted when the session ends, whether tests passed or not.

The server starts before pytest-django reads the settings (a wrapper around
``pytest_load_initial_conftests``), and its URL goes into DATABASE_URL, which the
xdist workers and every subprocess a test starts inherit: pytest-django creates
one test database per worker on it. With DATABASE_URL set (CI, a developer's own
server), that server is used and nothing is started.
"""

import os
import shutil
import tempfile
from pathlib import Path

import pytest


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_load_initial_conftests(early_config, parser, args):
    if not os.environ.get("DATABASE_URL") and not os.environ.get("PYTEST_XDIST_WORKER"):
        # Importing portal/ loads the Celery app, which defaults DJANGO_SETTINGS_MODULE
        # to the development settings: name pytest's own first (a --ds option still wins).
        os.environ.setdefault(
            "DJANGO_SETTINGS_MODULE", early_config.getini("DJANGO_SETTINGS_MODULE")
        )
        from portal.embedded_db import Cluster, EmbeddedDatabaseError

        folder = Path(tempfile.mkdtemp(prefix="portal-test-pg-"))
        cluster = Cluster(folder / "data", durable=False)

        def remove():
            cluster.destroy()
            shutil.rmtree(folder, ignore_errors=True)

        early_config.add_cleanup(remove)
        try:
            cluster.start()
        except EmbeddedDatabaseError as exc:
            raise pytest.UsageError(f"embedded PostgreSQL: {exc}") from None
        os.environ["DATABASE_URL"] = cluster.url()
    return (yield)
