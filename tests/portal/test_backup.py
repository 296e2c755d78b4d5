"""Backup and restore (portal/backup.py, `make backup`, `make restore FILE=...`): the
demo database and its uploads dumped, restored into a fresh database by the same
command a person runs, every table's rows counted on both sides, and the audit
log still append-only afterwards."""

import io
import os
import subprocess
import sys
from pathlib import Path

import psycopg
import pytest
from django.conf import settings
from django.core.management import call_command

from portal import backup

pytestmark = pytest.mark.django_db(transaction=True)
ROOT = Path(settings.BASE_DIR)


def _url(name: str) -> str:
    db = settings.DATABASES["default"]
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    return f"postgres://{db['USER']}{password}@{db['HOST']}:{db['PORT']}/{name}"


@pytest.fixture
def fresh_database():
    name = f"{settings.DATABASES['default']['NAME']}_restored"
    with psycopg.connect(_url("postgres"), autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{name}"')
    yield name
    with psycopg.connect(_url("postgres"), autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_the_demo_survives_a_backup_and_a_restore(tmp_path, settings, fresh_database):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    (settings.MEDIA_ROOT / "logos").mkdir(parents=True)
    (settings.MEDIA_ROOT / "logos" / "logo.png").write_bytes(b"\x89PNG logo")
    settings.PRIVATE_MEDIA_ROOT.mkdir()
    (settings.PRIVATE_MEDIA_ROOT / "bilaga.pdf").write_bytes(b"%PDF-1.4 bilaga")
    call_command("load_demo", stdout=io.StringIO())
    before = backup.row_counts()
    assert before["organisations_organisation"] > 100 and before["portal_auditentry"] > 0

    archive = tmp_path / "portal.tar"
    call_command("backup", file=str(archive), stdout=io.StringIO())
    assert archive.stat().st_mode & 0o077 == 0  # personal data: the owner's only

    restored_media = tmp_path / "restored-media"
    restored_private = tmp_path / "restored-private"
    result = subprocess.run(
        [sys.executable, "manage.py", "restore", str(archive)],
        cwd=ROOT,
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "portal.settings.dev",
            "DATABASE_URL": _url(fresh_database),
            "MEDIA_ROOT": str(restored_media),
            "PRIVATE_MEDIA_ROOT": str(restored_private),
            "DATABASE_RUNTIME_URL": "",
        },
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert f"Restored {len(before)} tables" in result.stdout

    with psycopg.connect(_url(fresh_database), autocommit=True) as restored:
        for table, rows in before.items():
            (count,) = restored.execute(f'SELECT count(*) FROM "{table}"').fetchone()
            assert count == rows, table
        with pytest.raises(psycopg.errors.RaiseException, match="append-only"):
            restored.execute("UPDATE portal_auditentry SET action = 'forged'")
    assert (restored_media / "logos" / "logo.png").read_bytes() == b"\x89PNG logo"
    assert (restored_private / "bilaga.pdf").read_bytes() == b"%PDF-1.4 bilaga"


def test_a_restore_refuses_a_database_that_is_not_empty(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    archive = backup.backup(tmp_path / "portal.tar")
    with pytest.raises(backup.BackupError, match="not empty"):
        backup.restore(archive)
    with pytest.raises(backup.BackupError, match="no backup"):
        backup.restore(tmp_path / "missing.tar")


def test_the_tools_match_the_servers_version():
    """A pg_dump newer than the server writes settings the server refuses on restore."""
    major = backup.server_major()
    for name in ("pg_dump", "pg_restore"):
        path = backup.tool(name)
        assert backup._tool_major(path) >= major
