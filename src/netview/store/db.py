"""Opening a database: where it lives, SQLite pragmas, migrations applied on open.

Reads and writes take different transactions. A read is a plain deferred `BEGIN`: in WAL
mode it never waits for a writer. A write (`Database.write`) takes the write lock up front
with `BEGIN IMMEDIATE`: a deferred transaction that turns into a write while another
connection writes fails at once with "database is locked" whatever the busy timeout, while
an immediate one simply waits its turn here, saying so when the wait is long.
"""

from __future__ import annotations

import logging
import os
import sqlite3
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, make_url
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session, sessionmaker

from netview.core.errors import Cancelled, NetViewError
from netview.core.progress import Progress

log = logging.getLogger(__name__)

ENV_VAR = "NETVIEW_DB"
APP_NAME = "NetView"


def default_database_path() -> Path:
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)) / "netview.db"


def database_url(target: str | os.PathLike[str] | None = None) -> str:
    """An SQLAlchemy URL from --db (path or URL), else NETVIEW_DB, else the default file."""
    value = os.fspath(target) if target is not None else os.environ.get(ENV_VAR) or None
    if value is None:
        path = default_database_path()
        path.parent.mkdir(parents=True, exist_ok=True)
        return f"sqlite:///{path}"
    if "://" in value:
        return value
    path = Path(value).expanduser()
    if path.parent and not path.parent.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{path.resolve()}"


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    # Python's sqlite3 opens transactions implicitly; let SQLAlchemy manage them instead, and
    # issue BEGIN ourselves so a whole import is one transaction.
    dbapi_connection.isolation_level = None
    cur = dbapi_connection.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute(f"PRAGMA busy_timeout={_BUSY_TIMEOUT_MS}")
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    # Imports write tens of thousands of index entries at once: 64 MiB of page cache keeps
    # them from spilling to disk mid-transaction.
    cur.execute("PRAGMA cache_size=-65536")
    cur.close()


# Execution options of a write session's connection (see Database.write).
_WRITE = "netview_write"
_WAIT = "netview_wait"
# How long a writer waits for another one (a big import in another window or process takes
# a minute or two) before giving up with one line; each try inside SQLite waits this long.
WRITE_WAIT_S = 600.0
_TRY_MS = 200
# A wait longer than this is said (status bar, or a line on stderr from the command line).
SAY_WAIT_AFTER_S = 1.0
_BUSY_TIMEOUT_MS = 10_000


class DatabaseBusy(NetViewError):
    """Another writer held the database for longer than we wait."""


WaitHook = Callable[[float], None]  # called with the seconds waited so far


def _is_busy(exc: sqlite3.OperationalError) -> bool:
    text = str(exc).lower()
    return "locked" in text or "busy" in text


def _begin_immediate(conn: Connection, wait: WaitHook | None) -> None:
    """`BEGIN IMMEDIATE`, retried in short tries so the wait can be reported and cancelled."""
    raw = conn.connection.driver_connection
    assert raw is not None
    started = time.monotonic()
    raw.execute(f"PRAGMA busy_timeout={_TRY_MS}")
    try:
        while True:
            try:
                raw.execute("BEGIN IMMEDIATE")
                return
            except sqlite3.OperationalError as exc:
                if not _is_busy(exc):
                    raise
            waited = time.monotonic() - started
            if wait is not None:
                wait(waited)  # may raise Cancelled
            if waited >= WRITE_WAIT_S:
                raise DatabaseBusy(
                    f"the database is busy: another program has been writing to it for "
                    f"{waited / 60:.0f} minutes; try again when it is done"
                )
    finally:
        raw.execute(f"PRAGMA busy_timeout={_BUSY_TIMEOUT_MS}")


def _sqlite_begin(conn: Connection) -> None:
    options = conn.get_execution_options()
    if options.get(_WRITE):
        _begin_immediate(conn, options.get(_WAIT))
    else:
        conn.exec_driver_sql("BEGIN")


def writer_engine(engine: Engine, progress: Progress | None = None) -> Engine:
    """`engine` whose transactions are writes (BEGIN IMMEDIATE on SQLite)."""
    if engine.dialect.name != "sqlite":
        return engine
    label = Path(engine.url.database or "database").name
    return engine.execution_options(**{_WRITE: True, _WAIT: waiting_reporter(progress, label)})


def waiting_reporter(progress: Progress | None, label: str) -> WaitHook:
    """What a writer does while another one holds the database: after a second, say so (the
    progress text, or one line on stderr), and stop when the user cancels."""
    said = False

    def wait(waited: float) -> None:
        nonlocal said
        if progress is not None and progress.cancelled():
            raise Cancelled()
        if waited < SAY_WAIT_AFTER_S:
            return
        text = f"Waiting for another program writing to {label} to finish…"
        if progress is not None:
            progress.report(0.0, text)
        elif not said:
            print(f"netview: {text[0].lower()}{text[1:]}", file=sys.stderr, flush=True)
        if not said:
            log.info("%s (waited %.1f s)", text, waited)
        said = True

    return wait


@dataclass
class Database:
    url: str
    engine: Engine
    sessions: sessionmaker[Session]

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session for reading (committed on success, rolled back on any error)."""
        with self.sessions() as session, session.begin():
            yield session

    @contextmanager
    def write(self, progress: Progress | None = None) -> Iterator[Session]:
        """One write transaction, taken up front: it waits for any other writer (window,
        process) first, then commits everything on success or nothing on any error.

        A use case opens exactly one of these and passes its session to the services.
        """
        engine = writer_engine(self.engine, progress)
        with Session(engine, expire_on_commit=False) as session, session.begin():
            session.connection()  # the lock now, before anything is read for the write
            yield session

    @property
    def label(self) -> str:
        """The database as the user knows it: the file name, else the URL without password."""
        parsed = make_url(self.url)
        if parsed.get_backend_name() == "sqlite" and parsed.database:
            return Path(parsed.database).name
        return parsed.render_as_string(hide_password=True)

    def dispose(self) -> None:
        self.engine.dispose()


def make_engine(url: str) -> Engine:
    engine = create_engine(url, future=True)
    if make_url(url).get_backend_name() == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin)
    return engine


def open_database(
    target: str | os.PathLike[str] | None = None, *, migrate: bool = True
) -> Database:
    """Open (creating if needed) and upgrade a database to the current schema."""
    url = database_url(target)
    engine = make_engine(url)
    if migrate:
        from netview.store.migrate import current_revision, head_revision, upgrade

        # Only a migration takes the write lock (a read would wait for every writer). Two
        # commands creating one new database at once: the second waits for the first one's
        # migration, then finds the schema current.
        if current_revision(engine) != head_revision():
            upgrade(writer_engine(engine))
    return Database(url, engine, sessionmaker(engine, expire_on_commit=False))
