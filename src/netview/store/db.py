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

from sqlalchemy import URL, Engine, create_engine, event, make_url
from sqlalchemy.engine import Connection
from sqlalchemy.exc import ArgumentError, DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from netview.core.errors import Cancelled, NetViewError
from netview.core.progress import Progress
from netview.store import connect, lock_holders, passwords, schema_head
from netview.store.errors import DatabaseUnusable as DatabaseUnusable  # raised by open_database
from netview.store.passwords import set_password_lookup as set_password_lookup  # the app sets it

log = logging.getLogger(__name__)

ENV_VAR = "NETVIEW_DB"
APP_NAME = "NetView"


def default_database_path() -> Path:
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)) / "netview.db"


def database_url(target: str | os.PathLike[str] | None = None, *, create: bool = True) -> str:
    """An SQLAlchemy URL from --db (path or URL), else NETVIEW_DB, else the default file.

    Only the default data folder is created (when `create`); a path the user names must be in
    a folder that exists, so a typo cannot scatter folders and databases around the disk.
    """
    value = os.fspath(target) if target is not None else os.environ.get(ENV_VAR) or None
    if value is None:
        path = default_database_path()
        if create:
            path.parent.mkdir(parents=True, exist_ok=True)
        return f"sqlite:///{path}"
    if "://" in value:
        return _checked_url(value)
    return f"sqlite:///{Path(value).expanduser().resolve()}"


# URL schemes NetView is built and tested for (a "+driver" suffix is allowed).
SCHEMES = ("sqlite", "postgresql")
_SQLITE_HEADER = b"SQLite format 3\x00"
_ZIP_HEADER = b"PK\x03\x04"


def _checked_url(value: str) -> str:
    try:
        url = make_url(value)
    except ArgumentError:
        raise DatabaseUnusable(value, "not a database URL or file path") from None
    if url.get_backend_name() not in SCHEMES:
        names = ", ".join(f"{s}://" for s in SCHEMES)
        raise DatabaseUnusable(
            _shown(url), f"unknown database URL scheme {url.drivername!r}; use a file or {names}"
        )
    return value


def _shown(url: URL) -> str:
    """The URL as a user may see it in an error: never with its password."""
    return url.render_as_string(hide_password=True)


def shown_url(url: str) -> str:
    """`url` without its password, for messages and logs."""
    return _shown(make_url(url))


def sqlite_file(url: str) -> Path | None:
    """The file behind an SQLite URL, or None for an in-memory or non-SQLite database."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    return Path(parsed.database)


def check_database_file(path: Path, *, create: bool) -> None:
    """Refuse, before SQLite touches it, a file that is not a database or is not there.

    `create`: a missing file may be created (its folder must exist); otherwise missing is an
    error, so that a command that only reads never leaves an empty database behind.
    """
    if path.is_dir():
        raise DatabaseUnusable(str(path), "is a folder, not a database file")
    if not path.exists():
        folder = path.parent
        if not create:
            raise DatabaseUnusable(
                str(path), "no database there; `netview import` or `netview demo` creates one"
            )
        if folder == default_database_path().parent:  # NetView's own data folder
            folder.mkdir(parents=True, exist_ok=True)
        elif not folder.is_dir():
            raise DatabaseUnusable(str(path), f"folder {folder} does not exist")
        return
    try:
        with path.open("rb") as f:
            head = f.read(len(_SQLITE_HEADER))
    except OSError as exc:
        raise DatabaseUnusable(str(path), f"cannot read it ({exc.strerror or exc})") from None
    if not head or head == _SQLITE_HEADER:  # an empty file is an empty SQLite database
        return
    if head.startswith(_ZIP_HEADER):
        raise DatabaseUnusable(
            str(path), "is a zip archive, not a database; to import it: netview import FILE"
        )
    raise DatabaseUnusable(str(path), "is not a NetView database (not an SQLite file)")


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
    parsed = make_url(url)
    engine = create_engine(url, future=True, connect_args=connect.connect_args(url))
    if parsed.get_backend_name() == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin)
    passwords.attach(engine, url)
    lock_holders.attach(engine)
    return engine


def open_database(
    target: str | os.PathLike[str] | None = None, *, migrate: bool = True, create: bool = True
) -> Database:
    """Open and upgrade a database to the current schema.

    `create=False` (commands that only read) refuses a database that does not exist yet
    instead of creating an empty one. Every reason a database cannot be opened raises
    DatabaseUnusable with one line naming it; nothing is created or changed then.
    """
    url = database_url(target, create=create)
    where = _shown(make_url(url))
    path = sqlite_file(url)
    new = False
    if path is not None:
        where = str(path)
        check_database_file(path, create=create)
        new = not path.exists()
    try:
        engine = make_engine(url)
    except ImportError as exc:  # the URL's driver is not installed
        raise DatabaseUnusable(where, f"its database driver is not installed ({exc})") from None
    try:
        # A database already at the newest schema (nearly every start) is not upgraded:
        # known without importing Alembic (netview.store.schema_head).
        if migrate and (new or not schema_head.at_head(url)):
            from netview.store.migrate import (
                check_schema,
                current_revision,
                head_revision,
                upgrade,
            )

            check_schema(url, where)
            # Only a migration takes the write lock (a read would wait for every writer).
            # Two commands creating one new database at once: the second waits for the
            # first one's migration, then finds the schema current.
            if current_revision(engine) != head_revision():
                upgrade(writer_engine(engine))
    except DBAPIError as exc:
        engine.dispose()
        reason = _first_line(exc.orig)
        if new:
            reason = f"cannot create a database there ({reason})"
        raise DatabaseUnusable(where, reason) from exc
    except BaseException:
        engine.dispose()
        raise
    return Database(url, engine, sessionmaker(engine, expire_on_commit=False))


def _first_line(error: BaseException | None) -> str:
    text = str(error).strip() if error is not None else ""
    return text.splitlines()[0] if text else "cannot open it"
