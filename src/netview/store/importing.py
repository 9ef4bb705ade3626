"""Bulk reads and writes for the importer: whole-table maps in, executemany out.

An import touches tens of thousands of rows, so nothing here loads ORM objects or makes a
round trip per person: maps of existing keys are read once, new rows get their ids on this
side (max(id) + n) and go in with one executemany per table (COPY on PostgreSQL).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from operator import itemgetter
from typing import Any

from sqlalchemy import Integer, Select, String, Table, bindparam, func, select, text, update
from sqlalchemy.dialects import postgresql
from sqlalchemy.engine import Connection
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from netview.core.errors import NetViewError
from netview.store import lock_holders, team, team_ids
from netview.store.errors import LOCK_NOT_AVAILABLE
from netview.store.models import (
    Interaction,
    InteractionSource,
    InteractionTarget,
    InteractionText,
    Meta,
    Person,
    PersonAlias,
    PersonSource,
    Position,
    Source,
    Tie,
    TieSource,
)
from netview.store.team import login, member_person

ME_KEY = "me_person_id"

# Core tables: bulk statements skip the ORM's per-object bookkeeping.
person_t: Table = Person.__table__  # type: ignore[assignment]
alias_t: Table = PersonAlias.__table__  # type: ignore[assignment]
source_t: Table = Source.__table__  # type: ignore[assignment]
tie_t: Table = Tie.__table__  # type: ignore[assignment]
tie_source_t: Table = TieSource.__table__  # type: ignore[assignment]
interaction_t: Table = Interaction.__table__  # type: ignore[assignment]
target_t: Table = InteractionTarget.__table__  # type: ignore[assignment]
isource_t: Table = InteractionSource.__table__  # type: ignore[assignment]
text_t: Table = InteractionText.__table__  # type: ignore[assignment]
psource_t: Table = PersonSource.__table__  # type: ignore[assignment]
position_t: Table = Position.__table__  # type: ignore[assignment]


def me_id(session: Session) -> int | None:
    """The person who is "you": the connected member in a team database, else the owner of
    the first archive imported."""
    member = member_person(session)
    if member is not None:
        return member
    value = session.execute(select(Meta.value).where(Meta.key == ME_KEY)).scalar_one_or_none()
    return int(value) if value is not None else None


def set_me(session: Session, person_id: int) -> None:
    if member_person(session) is None:  # a member is who their login says
        session.merge(Meta(key=ME_KEY, value=str(person_id)))


def source_id_by_hash(session: Session, content_hash: str) -> int | None:
    stmt = select(Source.id).where(Source.content_hash == content_hash)
    return session.execute(stmt).scalar_one_or_none()


def next_id(session: Session, column: Any) -> int:
    return int(session.execute(select(func.coalesce(func.max(column), 0))).scalar_one()) + 1


def _rows(session: Session, stmt: Select[Any]) -> list[Any]:
    # Whole-table reads of plain values: Core rows, without ORM row objects.
    return list(session.connection().execute(stmt).all())


def person_keys(session: Session) -> dict[str, int]:
    return dict(_rows(session, select(person_t.c.key, person_t.c.id)))


def person_aliases(session: Session) -> dict[str, int]:
    return dict(_rows(session, select(alias_t.c.alias, alias_t.c.person_id)))


def person_row(session: Session, person_id: int) -> dict[str, Any]:
    row = session.execute(select(person_t).where(person_t.c.id == person_id)).mappings().one()
    return dict(row)


def person_ranks(
    session: Session, ids: Iterable[int]
) -> dict[int, tuple[dict[str, str], date | None, str | None]]:
    """Per-field ranks (which export each fact comes from, see services/importing/merge.py),
    info_as_of and url of existing people."""
    wanted = list(ids)
    out: dict[int, tuple[dict[str, str], date | None, str | None]] = {}
    cols = (Person.id, Person.info_rank, Person.info_as_of, Person.url)
    for start in range(0, len(wanted), 900):
        chunk = wanted[start : start + 900]
        for i, rank, as_of, url in session.execute(select(*cols).where(Person.id.in_(chunk))):
            if rank:
                ranks = json.loads(rank)
            elif as_of is not None:  # a row from before ranks: its facts date from as_of
                ranks = dict.fromkeys(
                    ("name", "email", "job", "headline", "location"), f"1|{as_of.isoformat()}|"
                )
            else:
                ranks = {}
            out[i] = (ranks, as_of, url)
    return out


def ties_map(session: Session) -> dict[tuple[int, int], tuple[int, date | None]]:
    rows = _rows(session, select(tie_t.c.a_id, tie_t.c.b_id, tie_t.c.id, tie_t.c.connected_on))
    return {(a, b): (i, d) for a, b, i, d in rows}


def tie_sources(session: Session, source_id: int) -> set[int]:
    stmt = select(TieSource.tie_id).where(TieSource.source_id == source_id)
    return set(session.execute(stmt).scalars())


def interaction_dedups(session: Session) -> dict[str, int]:
    return dict(_rows(session, select(interaction_t.c.dedup, interaction_t.c.id)))


def rekey_person(session: Session, person_id: int, new_key: str, old_key: str) -> None:
    """A person known by name (or URN) gets their profile key; the old key stays an alias."""
    session.execute(update(person_t).where(person_t.c.id == person_id).values(key=new_key))
    insert_ignore(session, alias_t, [{"alias": old_key, "person_id": person_id}])


def _sqlite_value(value: Any) -> Any:
    # The text forms SQLAlchemy's SQLite dialect writes and reads back for these types.
    if isinstance(value, datetime):
        return value.isoformat(" ", "microseconds")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return int(value)
    return value


def _sqlite_executemany(
    conn: Connection, table: Table, rows: Sequence[dict[str, Any]], verb: str
) -> None:
    # Straight to the driver: SQLAlchemy's per-row parameter processing costs more than the
    # inserts themselves at import sizes (tens of thousands of rows per table).
    columns = list(rows[0])
    names = ", ".join(f'"{c}"' for c in columns)
    marks = ", ".join("?" for _ in columns)
    sql = f'{verb} INTO "{table.name}" ({names}) VALUES ({marks})'
    values = itemgetter(*columns) if len(columns) > 1 else (lambda row: (row[columns[0]],))
    typed = [i for i, c in enumerate(columns) if not isinstance(table.c[c].type, Integer | String)]
    params: list[Any]
    if typed:
        params = []
        for row in rows:
            cells = list(values(row))
            for i in typed:
                cells[i] = _sqlite_value(cells[i])
            params.append(tuple(cells))
    else:
        params = [values(row) for row in rows]
    conn.exec_driver_sql(sql, params)


def _postgresql_copy(conn: Connection, table: Table, rows: Sequence[dict[str, Any]]) -> None:
    _copy(conn, table.name, rows)


def _copy(conn: Connection, table_name: str, rows: Sequence[dict[str, Any]]) -> None:
    # COPY is PostgreSQL's bulk load: one stream instead of a statement per few rows. It
    # runs on the session's own driver connection, so inside the same transaction.
    columns = list(rows[0])
    names = ", ".join(f'"{c}"' for c in columns)
    raw: Any = conn.connection.driver_connection
    statement = f'COPY "{table_name}" ({names}) FROM STDIN'
    with (
        lock_holders.driver_errors(conn, statement),
        raw.cursor() as cur,
        cur.copy(statement) as copy,
    ):
        for row in rows:
            copy.write_row([row[c] for c in columns])


# From this many rows on, an insert that skips known rows goes through COPY and a scratch
# table: an executemany is a statement per row (8 s of 29 for 60,000 people's links).
COPY_FROM = 200


def _may_use_temp_tables(conn: Connection) -> bool:
    # Every role may by default; an admin may have revoked it from the members.
    return bool(
        conn.exec_driver_sql(
            "SELECT has_database_privilege(current_database(), 'TEMPORARY')"
        ).scalar()
    )


def may_use_temp_tables(conn: Connection) -> bool:
    """Whether the connected login may make temporary tables (PostgreSQL)."""
    return _may_use_temp_tables(conn)


def _postgresql_copy_ignore(conn: Connection, table: Table, rows: Sequence[dict[str, Any]]) -> None:
    """COPY into a scratch table of the same columns, then one INSERT … SELECT that skips
    the rows the table already holds. COPY straight into the table cannot skip them, and
    PostgreSQL refuses COPY into a table under row-level security (the private tables);
    the INSERT goes through the member's policies as any insert does."""
    columns = list(rows[0])
    names = ", ".join(f'"{c}"' for c in columns)
    scratch = f"netview_load_{table.name}"
    conn.exec_driver_sql(f'DROP TABLE IF EXISTS pg_temp."{scratch}"')
    conn.exec_driver_sql(
        f'CREATE TEMP TABLE "{scratch}" AS SELECT {names} FROM "{table.name}" WITH NO DATA'
    )
    _copy(conn, scratch, rows)
    conn.exec_driver_sql(
        f'INSERT INTO "{table.name}" ({names}) SELECT {names} FROM "{scratch}" '
        "ON CONFLICT DO NOTHING"
    )
    conn.exec_driver_sql(f'DROP TABLE pg_temp."{scratch}"')


def sync_id_sequence(conn: Connection, table: Table) -> None:
    """After rows went in with ids chosen here, PostgreSQL's id sequence moves past them, so
    a later ORM insert (a note, a person added by hand) does not pick a taken id."""
    if conn.dialect.name != "postgresql" or "id" not in table.c:
        return
    name = table.name
    if team.sync_ids_on_server(conn, name):
        return
    conn.exec_driver_sql(
        f"SELECT setval(pg_get_serial_sequence('\"{name}\"', 'id'), max(id)) FROM \"{name}\""
    )


def insert_rows(session: Session, table: Table, rows: Sequence[dict[str, Any]]) -> None:
    """Insert rows that all hold the same columns."""
    if not rows:
        return
    conn = session.connection()
    if conn.dialect.name == "sqlite":
        _sqlite_executemany(conn, table, rows, "INSERT")
    elif conn.dialect.name == "postgresql":
        _postgresql_copy(conn, table, rows)
    else:
        conn.execute(table.insert(), list(rows))
    if "id" in rows[0]:
        sync_id_sequence(conn, table)


def insert_ignore(session: Session, table: Table, rows: Sequence[dict[str, Any]]) -> None:
    """Insert, skipping rows whose key is already there (link tables)."""
    if not rows:
        return
    conn = session.connection()
    if conn.dialect.name == "sqlite":
        _sqlite_executemany(conn, table, rows, "INSERT OR IGNORE")
    elif conn.dialect.name == "postgresql":
        if len(rows) >= COPY_FROM and _may_use_temp_tables(conn):
            _postgresql_copy_ignore(conn, table, rows)
        else:
            conn.execute(postgresql.insert(table).on_conflict_do_nothing(), list(rows))
    else:
        # Opening refuses other URL schemes first; this guards a store reached some other way.
        name = conn.dialect.name
        raise NetViewError(f"NetView keeps its data in SQLite or PostgreSQL, not {name}")


def teammates(session: Session) -> set[int]:
    """The people other logins of a team server are (none on SQLite)."""
    if session.connection().dialect.name != "postgresql":
        return set()
    found = session.execute(
        text("SELECT person_id FROM team_member WHERE login <> current_user")
    ).all()
    return {int(p) for (p,) in found}


def update_people(session: Session, rows: Sequence[dict[str, Any]]) -> None:
    """Update people by id; each row holds `_id` and the same set of columns."""
    if not rows:
        return
    conn = session.connection()
    columns = [c for c in rows[0] if c != "_id"]
    if conn.dialect.name == "sqlite":
        sets = ", ".join(f'"{c}" = ?' for c in columns)
        params = [(*(_sqlite_value(row[c]) for c in columns), row["_id"]) for row in rows]
        conn.exec_driver_sql(f"UPDATE person SET {sets} WHERE id = ?", params)
        return
    # On a team server a teammate's own person is theirs to describe (the server refuses
    # to overwrite it: store/team_guard.py); another's archive only fills what is blank.
    theirs = teammates(session)
    blanks = [_blanks_only(session, r) for r in rows if r["_id"] in theirs]
    rows = [r for r in rows if r["_id"] not in theirs]
    for row in blanks:
        if len(row) > 1:
            _update_people(conn, [row])
    _update_people(conn, rows)


def _blanks_only(session: Session, row: dict[str, Any]) -> dict[str, Any]:
    """`row` without the columns its person already has a value in."""
    current = session.execute(select(person_t).where(person_t.c.id == row["_id"])).mappings()
    have = current.one()
    return {c: v for c, v in row.items() if c == "_id" or have[c] in (None, "")}


def _update_people(conn: Connection, rows: Sequence[dict[str, Any]]) -> None:
    if not rows:
        return
    columns = [c for c in rows[0] if c != "_id"]
    # Bound names must differ from the column names SET assigns.
    stmt = (
        update(person_t)
        .where(person_t.c.id == bindparam("_id"))
        .values({c: bindparam(f"v_{c}") for c in columns})
    )
    conn.execute(stmt, [{"_id": r["_id"], **{f"v_{c}": r[c] for c in columns}} for r in rows])


# How long an import waits for a teammate's to finish before giving up in one line (a
# member holding the import lock on purpose must not stall everyone's imports until the
# statement time-out, 15 minutes).
IMPORT_WAIT = 180


class ImportBusy(NetViewError):
    """Another session held the import lock for longer than IMPORT_WAIT."""


def lock_for_import(session: Session, wait: float | None = None) -> None:
    """On PostgreSQL, imports by several members take turns (ids are chosen here, from the
    largest one in use); the lock ends with the transaction. SQLite's writer lock does it.
    After `wait` seconds (IMPORT_WAIT), ImportBusy names the login holding the lock."""
    wait = IMPORT_WAIT if wait is None else wait
    conn = session.connection()
    if conn.dialect.name != "postgresql":
        return
    # A teammate's import may take minutes: wait for it longer than the session's short
    # lock_timeout (which applies again from the next statement on), but not for ever.
    conn.exec_driver_sql(f"SET LOCAL lock_timeout = '{int(wait * 1000)}ms'")
    conn.exec_driver_sql("SAVEPOINT netview_import_wait")
    try:
        conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({team_ids.IMPORT_LOCK})")
    except DBAPIError as exc:
        if getattr(exc.orig, "sqlstate", None) != LOCK_NOT_AVAILABLE:
            raise
        conn.exec_driver_sql("ROLLBACK TO SAVEPOINT netview_import_wait")
        holder = _import_lock_holder(conn)
        raise ImportBusy(
            f"{holder} has held the team's import lock for over {int(wait)} s (imports take "
            "turns); nothing was imported, try again when theirs is done"
        ) from None
    conn.exec_driver_sql("RELEASE SAVEPOINT netview_import_wait")
    conn.exec_driver_sql("RESET lock_timeout")


def _import_lock_holder(conn: Connection) -> str:
    """Who holds the import lock, as the user knows them (pg_stat_activity shows every
    session's login, not what it runs)."""
    found = conn.exec_driver_sql(
        "SELECT a.usename FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid "
        "WHERE l.locktype = 'advisory' AND l.granted AND l.classid = %s AND l.objid = %s "
        "AND l.objsubid = 1 LIMIT 1",
        (team_ids.IMPORT_LOCK >> 32, team_ids.IMPORT_LOCK & 0xFFFFFFFF),
    ).scalar()
    return f"the login {found}" if found else "another session"


def update_tie_dates(session: Session, rows: Sequence[dict[str, Any]]) -> None:
    if rows:
        stmt = (
            update(tie_t)
            .where(tie_t.c.id == bindparam("_id"))
            .values(connected_on=bindparam("connected_on"))
        )
        session.connection().execute(stmt, list(rows))


def existing_positions(
    session: Session, person_id: int
) -> set[tuple[str, str | None, date | None]]:
    stmt = select(Position.company, Position.title, Position.started_on).where(
        Position.person_id == person_id
    )
    return {(c, t, s) for c, t, s in session.execute(stmt)}


def set_source_report(session: Session, source_id: int, report_json: str) -> None:
    session.execute(update(source_t).where(source_t.c.id == source_id).values(report=report_json))


def source_interactions(session: Session, source_id: int) -> set[int]:
    """The interactions a source attests."""
    stmt = select(isource_t.c.interaction_id).where(isource_t.c.source_id == source_id)
    return {int(i) for i in session.connection().execute(stmt).scalars()}


def own_text_ids(session: Session) -> set[int]:
    """The interactions whose text the connected login holds (its own copies only: an admin
    held to no policy would otherwise count a member's)."""
    stmt = select(text_t.c.interaction_id).where(text_t.c.owner == login(session))
    return {int(i) for i in session.connection().execute(stmt).scalars()}


def fill_conversation_ids(session: Session, conversations: dict[int, str]) -> None:
    """Give interactions the conversation they belong to where none is recorded yet."""
    if not conversations:
        return
    stmt = (
        update(interaction_t)
        .where(interaction_t.c.id == bindparam("_id"), interaction_t.c.conversation_id.is_(None))
        .values(conversation_id=bindparam("cid"))
    )
    rows = [{"_id": i, "cid": c} for i, c in conversations.items()]
    session.connection().execute(stmt, rows)
