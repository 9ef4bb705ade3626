"""A throwaway PostgreSQL cluster for the tests: initdb + pg_ctl in a temporary folder.

The server listens only on a Unix socket inside that folder (listen_addresses=''), trusts
the admin login and asks every other login for its password (as a team server would), and
is stopped and deleted when the session ends. initdb refuses to run
as root (CI runs as root), so there it runs as the `postgres` system user, which owns the
folder. Without PostgreSQL's binaries, `start()` returns None with the reason why.
"""

from __future__ import annotations

import glob
import itertools
import os
import shlex
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

ADMIN = "netview_admin"


def _bindir() -> Path | None:
    # Debian keeps the server binaries off PATH, one folder per major version (newest first,
    # by number: 9.6 < 10).
    versions = sorted(
        glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"),
        key=lambda p: [int(x) for x in Path(p).parts[-3].split(".") if x.isdigit()],
        reverse=True,
    )
    if versions:
        return Path(versions[0]).parent
    found = shutil.which("pg_ctl")  # Homebrew, other distributions
    return Path(found).parent if found else None


@dataclass
class PgServer:
    folder: Path
    bindir: Path
    run_as: list[str]
    version: str
    _names: itertools.count[int] = field(default_factory=lambda: itertools.count(1))

    @property
    def socket_dir(self) -> str:
        return str(self.folder)

    def url(self, database: str = "postgres", user: str = ADMIN, password: str = "") -> str:
        secret = f":{quote(password, safe='')}" if password else ""
        return f"postgresql+psycopg://{user}{secret}@/{database}?host={self.socket_dir}"

    def libpq(self, database: str = "postgres", user: str = ADMIN, password: str = "") -> str:
        """The same place as a libpq connection string (for raw psycopg)."""
        secret = f" password='{password}'" if password else ""
        return f"host={self.socket_dir} dbname={database} user={user}{secret}"

    def create_database(self) -> str:
        import psycopg

        name = f"t{next(self._names)}"
        with psycopg.connect(self.libpq(), autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return name

    def drop_database(self, name: str) -> None:
        import psycopg

        with psycopg.connect(self.libpq(), autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def stop(self) -> None:
        self._ctl("stop", "-m", "immediate")
        shutil.rmtree(self.folder, ignore_errors=True)

    def _ctl(self, *args: str) -> subprocess.CompletedProcess[str]:
        command = [
            *self.run_as,
            str(self.bindir / "pg_ctl"),
            "-D",
            str(self.folder / "data"),
            *args,
        ]
        return subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)


def start() -> tuple[PgServer | None, str]:
    """A running server, or None and one line saying why there is none."""
    bindir = _bindir()
    if bindir is None:
        return None, "no PostgreSQL server binaries (initdb, pg_ctl); apt-get install postgresql"
    try:
        import psycopg  # noqa: F401
    except ImportError:
        return None, "psycopg is not installed"
    run_as: list[str] = []
    folder = Path(tempfile.mkdtemp(prefix="netview-pg-"))
    if os.geteuid() == 0:
        runuser = shutil.which("runuser")
        if runuser is None:
            return None, "running as root and runuser is missing (initdb refuses root)"
        try:
            shutil.chown(folder, user="postgres")
        except (LookupError, OSError):
            return None, "running as root and there is no `postgres` user to run the server"
        run_as = [runuser, "-u", "postgres", "--"]
    folder.chmod(0o755)
    data = folder / "data"
    init = subprocess.run(
        [*run_as, str(bindir / "initdb"), "-D", str(data), "-U", ADMIN, "-A", "trust",
         "-E", "UTF8", "--no-locale", "--no-sync"],
        capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    if init.returncode != 0:
        shutil.rmtree(folder, ignore_errors=True)
        return None, f"initdb failed: {(init.stderr or init.stdout).strip().splitlines()[-1:]}"
    # Only the admin is trusted; members prove who they are, as on a real team server.
    hba = f"local all {ADMIN} trust\nlocal all all scram-sha-256\n"
    subprocess.run(
        [*run_as, "sh", "-c", f"cat > {data / 'pg_hba.conf'}"],
        input=hba, text=True, check=True, timeout=30,
    )  # fmt: skip
    version = (data / "PG_VERSION").read_text().strip()
    server = PgServer(folder, bindir, run_as, version)
    options = (
        f"-k {folder} -c listen_addresses='' -c fsync=off -c synchronous_commit=off"
        " -c full_page_writes=off -c max_connections=60"
    )
    started = server._ctl("start", "-w", "-s", "-l", str(folder / "server.log"), "-o", options)
    if started.returncode != 0:
        log = (
            (folder / "server.log").read_text(errors="replace")
            if (folder / "server.log").exists()
            else ""
        )
        shutil.rmtree(folder, ignore_errors=True)
        return None, f"pg_ctl start failed: {(log or started.stderr).strip().splitlines()[-1:]}"
    _watch(server)
    return server, f"PostgreSQL {version} in {folder}"


def _watch(server: PgServer) -> None:
    """Stop the server and delete its folder once this test process is gone, even when it
    dies without cleaning up (a crash in a Qt test): no server outlives the test run."""
    ctl = " ".join(
        shlex.quote(x)
        for x in (*server.run_as, str(server.bindir / "pg_ctl"), "-D", str(server.folder / "data"))
    )
    script = (
        f"while kill -0 {os.getpid()} 2>/dev/null; do sleep 1; done; "
        f"{ctl} stop -m immediate >/dev/null 2>&1; rm -rf {shlex.quote(str(server.folder))}"
    )
    subprocess.Popen(
        ["sh", "-c", script],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
