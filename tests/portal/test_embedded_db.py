"""The embedded PostgreSQL of `make run` and `make test` (portal/embedded_db.py):
it starts, is found running, survives a stale pid file, says in one line why it
cannot start, and the test plugin gives a session a cluster of its own that is
gone afterwards, whether the tests passed or not."""

import os
import shutil
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

import psycopg
import pytest

from portal import embedded_db
from portal.embedded_db import Cluster, EmbeddedDatabaseError

ROOT = Path(__file__).resolve().parents[2]


def _outside_pytest_temp() -> Path:
    """A folder for a cluster outside /tmp/pytest-of-<user>: every pytest session
    that starts (another checkout's, say) takes that folder back to mode 0700,
    and the service user running the cluster could no longer reach its data."""
    return Path(tempfile.mkdtemp(prefix="portal-embedded-test-"))


@pytest.fixture
def folder():
    path = _outside_pytest_temp()
    yield path
    shutil.rmtree(path, ignore_errors=True)


@pytest.fixture(scope="module")
def cluster():
    path = _outside_pytest_temp()
    cluster = Cluster(path / "data", durable=False)
    assert cluster.start() is True
    yield cluster
    cluster.destroy()
    shutil.rmtree(path, ignore_errors=True)


def _query(cluster, sql):
    with psycopg.connect(
        host=str(cluster.socket_dir), user="postgres", dbname="portal", autocommit=True
    ) as connection:
        return connection.execute(sql).fetchone()


def test_serves_the_portal_database_with_what_the_search_needs(cluster):
    assert cluster.is_running()
    assert _query(cluster, "SHOW server_version")[0].startswith("18")
    # The swedish configuration stems; the locale lower-cases and classifies å, ä, ö.
    vector, lower, alnum = _query(
        cluster,
        "SELECT to_tsvector('swedish', 'Idrottsföreningarna'), lower('ÅÄÖ'), 'ö' ~ '[[:alnum:]]'",
    )
    assert (vector, lower, alnum) == ("'idrottsförening':1", "åäö", True)
    assert _query(cluster, "SELECT count(*) FROM pg_available_extensions WHERE name = 'pg_trgm'")
    # Only the socket: no TCP port to collide with another checkout's.
    assert _query(cluster, "SHOW listen_addresses")[0] == ""


def test_a_second_start_finds_it_running(cluster):
    assert cluster.start() is False


def test_a_stale_pid_file_does_not_stop_a_start(cluster):
    cluster.stop()
    assert not cluster.is_running()
    # After a crash and a reboot the old pid is often some other live process.
    (cluster.pgdata / "postmaster.pid").write_text(f"{os.getpid()}\n{cluster.pgdata}\n")
    assert not cluster.is_running()
    assert cluster.start() is True
    assert _query(cluster, "SELECT 1") == (1,)


def test_a_socket_in_use_by_another_server_is_one_clear_line(cluster, folder):
    other = Cluster(folder / "other")
    other.socket_dir = cluster.socket_dir
    with pytest.raises(EmbeddedDatabaseError) as caught:
        other.start()
    message = str(caught.value)
    assert "already uses the socket" in message
    assert "\n" not in message
    assert not (folder / "other" / "PG_VERSION").exists()  # refused before initdb


def test_a_server_that_cannot_start_says_why_in_one_line(folder):
    broken = Cluster(folder / "data", durable=False)
    broken.start()
    broken.stop()
    with open(broken.pgdata / "postgresql.conf", "a") as conf:
        conf.write("\nshared_buffers = 'plenty'\n")
    with pytest.raises(EmbeddedDatabaseError) as caught:
        broken.start()
    message = str(caught.value)
    assert message.startswith(f"could not start PostgreSQL in {broken.pgdata}: ")
    assert "shared_buffers" in message
    assert "\n" not in message
    broken.destroy()


def test_a_socket_path_too_long_moves_to_the_temporary_directory(tmp_path):
    short = tmp_path / "data"
    assert embedded_db.socket_dir(short) == short.resolve()
    deep = tmp_path / ("x" * 120) / "data"
    moved = embedded_db.socket_dir(deep)
    assert moved.parent == Path(tempfile.gettempdir())
    assert len(os.fsencode(moved / embedded_db.SOCKET_NAME)) <= embedded_db.MAX_SOCKET_PATH
    assert embedded_db.socket_dir(deep) == moved  # the same folder every time
    assert embedded_db.socket_dir(tmp_path / ("y" * 120) / "data") != moved


def test_the_test_plugin_gives_a_session_its_own_cluster_and_removes_it(folder):
    (folder / "test_probe.py").write_text(
        textwrap.dedent(
            """
            import pytest
            from django.db import connection

            @pytest.mark.django_db
            def test_on_the_embedded_server():
                with connection.cursor() as cursor:
                    cursor.execute("SHOW data_directory")
                    assert cursor.fetchone()[0].startswith(%r)
                assert connection.settings_dict["NAME"].startswith("test_portal")

            def test_fails():
                assert False
            """
            % str(folder)
        )
    )
    environment = {
        k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "PYTEST_XDIST_WORKER"}
    }
    environment["TMPDIR"] = str(folder)
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-n", "2", "-q", "-p", "no:cacheprovider"]
        + ["--rootdir", str(ROOT), "-c", str(ROOT / "pyproject.toml")]
        + [str(folder / "test_probe.py")],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert "1 failed, 1 passed" in result.stdout, result.stdout + result.stderr
    # The session's cluster is stopped and deleted although a test failed.
    assert not list(folder.glob("portal-test-pg-*"))


def test_the_suite_runs_on_the_test_settings():
    # Not the development settings that importing portal/ (the Celery app) defaults
    # to, which the plugin does before pytest-django picks the settings.
    assert os.environ["DJANGO_SETTINGS_MODULE"] == "portal.settings.test"
    from django.conf import settings

    assert settings.PASSWORD_HASHERS == ["django.contrib.auth.hashers.MD5PasswordHasher"]
