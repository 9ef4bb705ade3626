"""Who held what a statement waited for, when the server cancelled it on lock_timeout.

The cancelled session no longer waits, so pg_blocking_pids() has nothing to say by the time
the error arrives. What is left: the error's context names the row it waited for ("while
locking tuple (3,7) in relation "person""); that row's xmax is the transaction holding it
(or a multixact of several), and pg_locks says which session runs that transaction. A
wait for a whole table has no such context: then the sessions holding a table lock that
blocks readers or writers of NetView's tables are the ones to name. Each session's login
(pg_stat_activity shows every session's, to anyone) is shown as the member it is
(team_member), so the user reads "Robin Quill", not a PostgreSQL role.

Looked up on a fresh connection of the same engine (the failed one's transaction is
aborted) at once, while the holder still holds it; a lookup that fails names nobody, and
never hides the time-out itself.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Engine, event, text
from sqlalchemy.engine import Connection, ExceptionContext
from sqlalchemy.exc import DBAPIError

from netview.store.errors import HOLDER_ATTRIBUTE, LOCK_NOT_AVAILABLE

# PostgreSQL's context line for a wait on a row (XactLockTableWait's callback).
_ROW = re.compile(r'tuple \((\d+),(\d+)\) in relation "((?:[^"]|"")+)"')
# Table lock modes that block a read (ACCESS EXCLUSIVE) or a write (the other three); the
# weaker ones (autovacuum's, an index build's) never block what NetView runs as a member.
_BLOCKING_MODES = ("ShareLock", "ShareRowExclusiveLock", "ExclusiveLock", "AccessExclusiveLock")
# The lookup must not itself wait long for anything.
_LOOKUP_TIMEOUT_MS = 2000
# Set while this thread looks a holder up: a lock time-out of the lookup itself (a table it
# reads held by the admin) names nobody, instead of starting another lookup.
_looking = threading.local()


def attach(engine: Engine) -> None:
    """Have every lock time-out on `engine` (PostgreSQL) name who held the lock."""
    if engine.dialect.name == "postgresql":
        event.listen(engine, "handle_error", _on_error)


@contextmanager
def driver_errors(conn: Connection, statement: str) -> Iterator[None]:
    """Around `statement` run on the driver's own cursor (past SQLAlchemy, for speed): its
    error as SQLAlchemy's execute would raise it (a time-out is an OperationalError, which
    the command line and the app turn into one line), naming who held a lock."""
    driver_error = conn.dialect.loaded_dbapi.Error
    try:
        yield
    except driver_error as exc:
        name_holder(conn.engine, exc)
        raise DBAPIError.instance(statement, None, exc, driver_error) from exc


def _on_error(context: ExceptionContext) -> None:
    if context.engine is not None:
        name_holder(context.engine, context.original_exception)


def name_holder(engine: Engine, orig: BaseException) -> None:
    """If `orig` (the driver's error) is a lock time-out, note on it who held the lock."""
    if getattr(orig, "sqlstate", None) != LOCK_NOT_AVAILABLE:
        return
    if getattr(_looking, "now", False):
        return
    diag = getattr(orig, "diag", None)
    where = str(getattr(diag, "context", "") or "")
    _looking.now = True
    try:
        holders = _holders(engine, where)
    except Exception:  # naming the holder is a courtesy; the time-out stands
        return
    finally:
        _looking.now = False
    if holders:
        setattr(orig, HOLDER_ATTRIBUTE, _listed(holders))


def _holders(engine: Engine, where: str) -> list[str]:
    with engine.connect() as conn:
        conn.execute(text(f"SET LOCAL lock_timeout = '{_LOOKUP_TIMEOUT_MS}ms'"))
        row = _ROW.search(where)
        pids = _row_holders(conn, row) if row else _table_holders(conn)
        if not pids:
            return []
        logins = conn.execute(
            text(
                "SELECT DISTINCT usename FROM pg_stat_activity "
                "WHERE pid = ANY(:pids) AND usename IS NOT NULL ORDER BY usename"
            ),
            {"pids": pids},
        ).scalars()
        return [_member(conn, str(login)) for login in logins]


def _row_holders(conn: Connection, row: re.Match[str]) -> list[int]:
    """The sessions whose transactions hold the row the statement waited for."""
    relation = row.group(3).replace('""', '"')
    tid = f"({row.group(1)},{row.group(2)})"
    # A TID scan: the row version the waiter saw, whose xmax is its locker. A row the
    # reader may not see (another member's private one) gives nothing.
    xmax = conn.execute(
        text(f'SELECT xmax::text FROM "{relation.replace(chr(34), chr(34) * 2)}" '
             "WHERE ctid = CAST(:tid AS tid)"),
        {"tid": tid},
    ).scalar()  # fmt: skip
    if xmax is None or xmax == "0":
        return []
    pids = _xid_holders(conn, [xmax])
    if pids:
        return pids
    # Not a running transaction: a multixact (several sessions lock the row together).
    try:
        with conn.begin_nested():
            members = conn.execute(
                text("SELECT xid::text FROM pg_get_multixact_members(CAST(:x AS xid))"),
                {"x": xmax},
            ).scalars()
            return _xid_holders(conn, [str(m) for m in members])
    except Exception:  # neither: nobody to name
        return []


def _xid_holders(conn: Connection, xids: list[str]) -> list[int]:
    if not xids:
        return []
    found = conn.execute(
        text(
            "SELECT DISTINCT pid FROM pg_locks WHERE locktype = 'transactionid' AND granted "
            "AND pid <> pg_backend_pid() AND transactionid::text = ANY(:xids)"
        ),
        {"xids": xids},
    ).scalars()
    return [int(p) for p in found]


def _table_holders(conn: Connection) -> list[int]:
    """Sessions holding a table of this database in a mode that blocks others' reads or
    writes (a member may lock the private tables they write, store/team.py)."""
    found = conn.execute(
        text(
            "SELECT DISTINCT l.pid FROM pg_locks l JOIN pg_database d ON d.oid = l.database "
            "WHERE d.datname = current_database() AND l.locktype = 'relation' AND l.granted "
            "AND l.pid <> pg_backend_pid() AND l.mode = ANY(:modes)"
        ),
        {"modes": list(_BLOCKING_MODES)},
    ).scalars()
    return [int(p) for p in found]


def _member(conn: Connection, login: str) -> str:
    """A login as its team knows it: the member's name, else the login itself."""
    try:
        with conn.begin_nested():  # a database without team_member (not a team's)
            name = conn.execute(
                text(
                    "SELECT p.name FROM team_member m JOIN person p ON p.id = m.person_id "
                    "WHERE m.login = :login"
                ),
                {"login": login},
            ).scalar()
    except Exception:  # then the login names them
        name = None
    return f"{name} (login {login})" if name else f"the login {login}"


def _listed(holders: list[str]) -> str:
    if len(holders) == 1:
        return holders[0]
    return ", ".join(holders[:-1]) + " and " + holders[-1]
