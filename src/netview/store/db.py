"""Opening a database: where it lives, SQLite pragmas, migrations applied on open."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import URL, Engine, create_engine, event, make_url
from sqlalchemy.engine import Connection
from sqlalchemy.exc import ArgumentError, DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from netview.store import passwords
from netview.store.errors import DatabaseUnusable as DatabaseUnusable  # raised by open_database
from netview.store.passwords import set_password_lookup as set_password_lookup  # the app sets it

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
    cur.execute("PRAGMA busy_timeout=10000")
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    # Imports write tens of thousands of index entries at once: 64 MiB of page cache keeps
    # them from spilling to disk mid-transaction.
    cur.execute("PRAGMA cache_size=-65536")
    cur.close()


def _sqlite_begin(conn: Connection) -> None:
    conn.exec_driver_sql("BEGIN")


@dataclass
class Database:
    url: str
    engine: Engine
    sessions: sessionmaker[Session]

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session whose work is committed on success and rolled back on any error."""
        with self.sessions() as session, session.begin():
            yield session

    def dispose(self) -> None:
        self.engine.dispose()


def make_engine(url: str) -> Engine:
    engine = create_engine(url, future=True)
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin)
    passwords.attach(engine, url)
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
        if migrate:
            from netview.store.migrate import check_schema, upgrade

            check_schema(url, where)
            upgrade(engine)
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
