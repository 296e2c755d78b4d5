"""What the benchmarks share: Django set up on the benchmark database, printing,
percentiles and settling tables as autovacuum would.

Import it before anything from Django: ``import harness`` sets up Django with
``DATABASE_URL`` (default: the ``portal_bench`` database on the local server)."""

import os
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.test")
os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/portal_bench")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402


def say(text: str) -> None:
    sys.stdout.write(text + "\n")
    sys.stdout.flush()


def p95(values) -> float:
    return statistics.quantiles(values, n=20, method="inclusive")[-1]


def migrated() -> None:
    """Migrate, and start a new session so that database-level settings from the
    migrations apply."""
    call_command("migrate", verbosity=0)
    connection.close()


def settle(tables) -> None:
    """VACUUM (ANALYZE) the tables, as autovacuum does in production.

    Where autovacuum is off (as on some development servers) seeded tables keep an
    empty visibility map (VACUUM FULL does not fill it), so every index-only scan
    visits the heap; and statistics may be older than the latest migration's
    indexes. Cheap when nothing changed."""
    with connection.cursor() as cursor:
        cursor.execute(f"VACUUM (ANALYZE) {', '.join(tables)}")


def load_average() -> str:
    return f"Load average while measuring: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs"
