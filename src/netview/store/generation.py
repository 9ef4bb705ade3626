"""What a PostgreSQL database's data looks like now, in one cheap number.

A SQLite database is one file: its size and modification time change with every write, so
the map kept for the next start (services/mapping/mapcache.py) is keyed on them. A server has no
such file, and several people write to it. So migration 0007 gives a PostgreSQL database a
counter (the sequence `netview_generation_seq`) that a statement-level trigger on every
shared table advances on any insert, update, delete or truncate, whoever makes it and
however (NetView, psql, COPY). Private tables have no trigger: a member's notes must not
show to teammates even as "something changed". What of a member's private rows the map
depends on (their own message texts, which make ties stronger) is fingerprinted here, under
their row-level security.

The counter moves even when a transaction that moved it rolls back; that only costs one
unneeded rebuild. It never stays still when shared data changed, which is what matters.
"""

from __future__ import annotations

from sqlalchemy import func, select, text
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from netview.store.models import Base, InteractionText
from netview.store.team import PRIVATE_TABLES, SAFE_PATH

SEQUENCE = "netview_generation_seq"
BUMP = "netview_generation_bump"
READ = "netview_generation"
TRIGGER = "netview_generation"
QUICK_LOCK_TIMEOUT = 2
# The shared tables: what every member's map is drawn from (all but the private ones).
# netview.store.migrate installs the triggers again after every upgrade, so a table a later
# migration adds is counted too.
SHARED_TABLES = tuple(t for t in Base.metadata.tables if t not in PRIVATE_TABLES)


def install(conn: Connection, tables: tuple[str, ...] = SHARED_TABLES) -> None:
    """Create the counter, its trigger function and the triggers (PostgreSQL; idempotent)."""
    if conn.dialect.name != "postgresql":
        return
    conn.exec_driver_sql(f"CREATE SEQUENCE IF NOT EXISTS {SEQUENCE}")
    # SECURITY DEFINER: members advance the counter without any right on the sequence
    # (team init grants them none). The sequence is named with its schema and the search
    # path puts pg_temp last: a member's temporary sequence or function of the same name
    # can never stand in for it.
    conn.exec_driver_sql(
        f"CREATE OR REPLACE FUNCTION {BUMP}() RETURNS trigger LANGUAGE plpgsql "
        f"SECURITY DEFINER {SAFE_PATH} AS $$ "
        f"BEGIN PERFORM pg_catalog.nextval('public.{SEQUENCE}'); RETURN NULL; END $$"
    )
    conn.exec_driver_sql(
        f"CREATE OR REPLACE FUNCTION {READ}() RETURNS bigint LANGUAGE sql STABLE "
        f"SECURITY DEFINER {SAFE_PATH} AS $$ "
        f"SELECT CASE WHEN is_called THEN last_value ELSE 0 END FROM public.{SEQUENCE} $$"
    )
    for table in tables:
        conn.exec_driver_sql(f'DROP TRIGGER IF EXISTS {TRIGGER} ON "{table}"')
        conn.exec_driver_sql(
            f'CREATE TRIGGER {TRIGGER} AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "{table}" '
            f"FOR EACH STATEMENT EXECUTE FUNCTION {BUMP}()"
        )


def uninstall(conn: Connection, tables: tuple[str, ...] = SHARED_TABLES) -> None:
    if conn.dialect.name != "postgresql":
        return
    for table in tables:
        conn.exec_driver_sql(f'DROP TRIGGER IF EXISTS {TRIGGER} ON "{table}"')
    conn.exec_driver_sql(f"DROP FUNCTION IF EXISTS {READ}()")
    conn.exec_driver_sql(f"DROP FUNCTION IF EXISTS {BUMP}()")
    conn.exec_driver_sql(f"DROP SEQUENCE IF EXISTS {SEQUENCE}")


def fingerprint(session: Session) -> list[object] | None:
    """The server's data as this login sees it, in a few numbers; None where there is no
    counter (SQLite, or a server database not yet upgraded)."""
    if session.get_bind().dialect.name != "postgresql":
        return None
    # Asked on the window's own thread (opening, focus): a teammate holding a table this
    # reads costs at most this wait, then the caller does without a kept map.
    session.execute(text(f"SET LOCAL lock_timeout = '{QUICK_LOCK_TIMEOUT}s'"))
    present = session.execute(text(f"SELECT to_regprocedure('{READ}()') IS NOT NULL")).scalar()
    if not present:
        return None
    shared = session.execute(text(f"SELECT {READ}()")).scalar()
    # The member's own texts (row-level security shows only theirs): an invitation note
    # makes a tie stronger, so it is part of their map.
    own = session.execute(
        select(func.count(), func.coalesce(func.max(InteractionText.interaction_id), 0))
    ).one()
    login = session.execute(text("SELECT current_user")).scalar()
    return [str(login), int(shared or 0), int(own[0]), int(own[1])]
