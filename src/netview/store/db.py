"""Opening a database: where it lives, SQLite pragmas, migrations applied on open."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import URL, Engine, create_engine, event, make_url
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session, sessionmaker

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


# Where a server password comes from when the URL has none: the app installs a lookup in
# the operating system's keyring; otherwise libpq's own ~/.pgpass or PGPASSWORD apply.
PasswordLookup = Callable[[URL], "str | None"]
_password_lookup: list[PasswordLookup] = []


def set_password_lookup(lookup: PasswordLookup | None) -> None:
    _password_lookup[:] = [lookup] if lookup is not None else []


def _add_password(url: URL) -> Callable[..., None]:
    def do_connect(_dialect: Any, _record: Any, _args: Any, params: dict[str, Any]) -> None:
        if params.get("password") or not _password_lookup:
            return
        password = _password_lookup[0](url)
        if password:
            params["password"] = password

    return do_connect


def make_engine(url: str) -> Engine:
    engine = create_engine(url, future=True)
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin)
    elif parsed.password is None:
        event.listen(engine, "do_connect", _add_password(parsed))
    return engine


def open_database(
    target: str | os.PathLike[str] | None = None, *, migrate: bool = True
) -> Database:
    """Open (creating if needed) and upgrade a database to the current schema."""
    url = database_url(target)
    engine = make_engine(url)
    if migrate:
        from netview.store.migrate import upgrade

        upgrade(engine)
    return Database(url, engine, sessionmaker(engine, expire_on_commit=False))
