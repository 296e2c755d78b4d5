"""Backup and restore of the whole portal: the database and the uploaded files.

A backup is one tar file: ``database.dump`` (pg_dump's custom format, which
pg_restore reads selectively and in parallel), the public uploads under
``media/``, the private ones (attachments) under ``private/``, and
``manifest.json`` with the rows counted in every table at the time of the dump.
A restore goes only into an empty database, and afterwards counts the rows again
against the manifest, so a restore that lost anything fails loudly rather than
leaving a portal with half its data.

pg_dump must not be older than the server, and a newer one writes settings an
older server refuses; so the tools are taken from the PostgreSQL whose major
version matches the server's: the system's (on PATH) or the embedded wheel's.
"""

import json
import os
import shutil
import subprocess
import tarfile
import tempfile
from datetime import datetime
from pathlib import Path

from django.conf import settings
from django.db import connection
from django.utils import timezone

from . import embedded_db

DUMP = "database.dump"
MANIFEST = "manifest.json"
FOLDERS = {"media": "MEDIA_ROOT", "private": "PRIVATE_MEDIA_ROOT"}


class BackupError(Exception):
    """What went wrong, said so that the person running the command can act on it."""


def server_major() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version_num")
        return int(cursor.fetchone()[0]) // 10000


def _tool_major(path: str) -> int | None:
    try:
        output = subprocess.run(
            [path, "--version"], capture_output=True, text=True, check=True
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        return None
    # "pg_dump (PostgreSQL) 15.20 (Debian 15.20-0+deb12u1)"
    return int(output.split(")")[1].split()[0].split(".")[0])


def tool(name: str, major: int | None = None) -> str:
    """The ``pg_dump`` or ``pg_restore`` of the server's major version."""
    major = major or server_major()
    candidates = [shutil.which(name), str(embedded_db.binaries() / name)]
    found = {}
    for path in filter(None, candidates):
        version = _tool_major(path)
        if version is not None:
            found.setdefault(version, path)
    if major in found:
        return found[major]
    newer = sorted(version for version in found if version > major)
    if newer:
        return found[newer[0]]
    raise BackupError(
        f"No {name} for PostgreSQL {major} was found (found: {sorted(found) or 'none'}). "
        f"Install the PostgreSQL {major} client tools."
    )


def _environment() -> dict:
    """libpq's variables for the default database: no password on a command line."""
    db = settings.DATABASES["default"]
    env = dict(os.environ)
    for variable, key in (
        ("PGHOST", "HOST"),
        ("PGPORT", "PORT"),
        ("PGUSER", "USER"),
        ("PGPASSWORD", "PASSWORD"),
        ("PGDATABASE", "NAME"),
    ):
        if db.get(key):
            env[variable] = str(db[key])
    return env


def row_counts() -> dict[str, int]:
    """Rows in every table of the public schema, by table name."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename"
        )
        tables = [row[0] for row in cursor.fetchall()]
        counts = {}
        for table in tables:
            cursor.execute(f'SELECT count(*) FROM "{table}"')  # names from the catalogue
            counts[table] = cursor.fetchone()[0]
    return counts


def backup(target: Path | None = None) -> Path:
    """Write a backup and return its path (``var/backups/portal-<time>.tar`` unless
    ``target`` is given)."""
    if target is None:
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
        target = Path(settings.BASE_DIR) / "var" / "backups" / f"portal-{stamp}.tar"
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as work:
        dump = Path(work) / DUMP
        counts = row_counts()  # before the dump: a row written in between only adds
        result = subprocess.run(
            [tool("pg_dump"), "--format=custom", "--no-owner", "--file", str(dump)],
            env=_environment(),
            capture_output=True,
            text=True,
        )
        if result.returncode:
            raise BackupError(f"pg_dump failed: {result.stderr.strip()}")
        manifest = {
            "created_at": datetime.now().astimezone().isoformat(),
            "server_major": server_major(),
            "rows": counts,
        }
        (Path(work) / MANIFEST).write_text(json.dumps(manifest, indent=2))
        # Personal data: readable by the owner only, from the first byte written.
        target.touch(mode=0o600, exist_ok=True)
        target.chmod(0o600)
        with tarfile.open(target, "w") as archive:
            archive.add(dump, arcname=DUMP)
            archive.add(Path(work) / MANIFEST, arcname=MANIFEST)
            for folder, setting in FOLDERS.items():
                root = Path(getattr(settings, setting))
                if root.is_dir():
                    archive.add(root, arcname=folder)
    return target


def database_is_empty() -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")
        return cursor.fetchone()[0] == 0


def restore(source: Path) -> dict[str, int]:
    """Restore ``source`` into the (empty) default database and the upload folders,
    check every table's row count against the manifest, and return the counts."""
    if not source.is_file():
        raise BackupError(f"There is no backup at {source}.")
    if not database_is_empty():
        raise BackupError(
            "The database is not empty: restore into a new, empty database "
            "(createdb, then point DATABASE_URL at it)."
        )
    with tempfile.TemporaryDirectory() as work, tarfile.open(source) as archive:
        archive.extractall(work, filter="data")
        manifest = json.loads((Path(work) / MANIFEST).read_text())
        result = subprocess.run(
            [
                tool("pg_restore"),
                "--no-owner",
                "--no-privileges",
                "--exit-on-error",
                "--dbname",
                _environment().get("PGDATABASE", ""),
                str(Path(work) / DUMP),
            ],
            env=_environment(),
            capture_output=True,
            text=True,
        )
        if result.returncode:
            raise BackupError(f"pg_restore failed: {result.stderr.strip()}")
        for folder, setting in FOLDERS.items():
            extracted = Path(work) / folder
            if extracted.is_dir():
                shutil.copytree(extracted, Path(getattr(settings, setting)), dirs_exist_ok=True)
    counts = row_counts()
    missing = {
        table: (rows, counts.get(table))
        for table, rows in manifest["rows"].items()
        if counts.get(table) != rows
    }
    if missing:
        raise BackupError(f"The restored rows differ from the backup's: {missing}")
    return counts
