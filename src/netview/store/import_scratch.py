"""A scratch table of one very long Connections.csv, inside the import's transaction.

Holding a million connections as Python objects (their rows, drafts, keys, ids and ties)
costs gigabytes. Past a size no real archive reaches, the importer writes each row once,
with the keys computed from it, into a temporary table, and resolves and merges the rows
that need no judgement (a profile URL of their own, named nowhere else in the archive) with
a few statements over the whole table. The temporary table is the connection's own (other
logins and processes never see it): dropped when the merge ends, and with the transaction
when the import fails (a killed process takes it along, being the connection's).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    Column,
    Date,
    Integer,
    MetaData,
    String,
    Table,
    and_,
    bindparam,
    case,
    func,
    literal,
    or_,
    select,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from netview.store import importing as q

NAME = "nv_import_row"


def _table() -> Table:
    return Table(
        NAME,
        MetaData(),
        Column("seq", Integer, primary_key=True, autoincrement=False),  # the row's order
        Column("line", Integer),
        Column("first_name", String),
        Column("last_name", String),
        Column("name", String),
        Column("name_key", String),
        Column("url", String),  # as written
        Column("key", String),  # of the URL, before the archive's aliases
        Column("email", String),  # as written
        Column("email_ok", String),  # the e-mail address a person receives
        Column("company", String),
        Column("position", String),
        Column("connected_on", Date),
        Column("profile_url", String),
        Column("facts", Integer),  # bits: 1 name, 2 e-mail, 4 company or position
        Column("simple", Integer),  # 1: merged here; 0: by the importer, one by one
        Column("pid", Integer),
        Column("is_new", Integer),
        Column("tie_id", Integer),
        Column("tie_new", Integer),
        prefixes=["TEMPORARY"],
    )


def usable(session: Session) -> bool:
    """Whether this login may make temporary tables (a team admin may have revoked it)."""
    conn = session.connection()
    return conn.dialect.name == "sqlite" or q.may_use_temp_tables(conn)


def create(session: Session) -> Table:
    conn = session.connection()
    conn.exec_driver_sql(f"DROP TABLE IF EXISTS {NAME}")
    table = _table()
    table.create(conn)
    return table


def drop(session: Session) -> None:
    session.connection().exec_driver_sql(f"DROP TABLE IF EXISTS {NAME}")


def add(session: Session, table: Table, rows: Sequence[dict[str, Any]]) -> None:
    q.insert_rows(session, table, rows)


def index(session: Session, table: Table) -> None:
    """The index for lookups by key, made once the rows are in."""
    session.connection().exec_driver_sql(f"CREATE INDEX {NAME}_key ON {NAME} (key)")


def pairs_named(session: Session, table: Table, name_keys: Sequence[str]) -> list[tuple[str, str]]:
    """(name, URL) of the rows with a URL whose name key is one of `name_keys`."""
    out: list[tuple[str, str]] = []
    if not name_keys:
        return out
    # By name only when something asks (another file names people, some rows lack a URL).
    conn = session.connection()
    conn.exec_driver_sql(f"CREATE INDEX IF NOT EXISTS {NAME}_nk ON {NAME} (name_key)")
    for start in range(0, len(name_keys), 500):
        chunk = list(name_keys[start : start + 500])
        stmt = select(table.c.name, table.c.url).where(
            table.c.name_key.in_(chunk), table.c.url.is_not(None)
        )
        out += [(n, u) for n, u in session.connection().execute(stmt)]
    return out


def not_simple(session: Session, table: Table, keys: Sequence[str]) -> None:
    """Rows of these keys (named elsewhere in the archive) and rows whose key several rows
    share go through the importer one by one."""
    conn = session.connection()
    for start in range(0, len(keys), 500):
        chunk = list(keys[start : start + 500])
        conn.execute(table.update().where(table.c.key.in_(chunk)).values(simple=0))
    twice = select(table.c.key).where(table.c.key.is_not(None)).group_by(table.c.key)
    conn.execute(
        table.update()
        .where(table.c.key.in_(twice.having(func.count() > 1).scalar_subquery()))
        .values(simple=0)
    )


def other_rows(session: Session, table: Table) -> Iterator[Any]:
    """The rows the importer takes one by one, in order."""
    stmt = select(table).where(table.c.simple == 0).order_by(table.c.seq)
    yield from session.connection().execute(stmt).mappings()


def simple_count(session: Session, table: Table) -> int:
    stmt = select(func.count()).select_from(table).where(table.c.simple == 1)
    return int(session.connection().execute(stmt).scalar_one())


def find_people(session: Session, table: Table) -> None:
    """Each simple row's person: the one with its key, else the one it is an alias of."""
    conn = session.connection()
    by_key = select(q.person_t.c.id).where(q.person_t.c.key == table.c.key).scalar_subquery()
    conn.execute(table.update().where(table.c.simple == 1).values(pid=by_key, is_new=0))
    by_alias = (
        select(q.alias_t.c.person_id).where(q.alias_t.c.alias == table.c.key).scalar_subquery()
    )
    conn.execute(
        table.update().where(table.c.simple == 1, table.c.pid.is_(None)).values(pid=by_alias)
    )


def unplaced(session: Session, table: Table, after: int, limit: int) -> list[Any]:
    """Simple rows without a person yet, with a name, from `seq` after `after` on."""
    stmt = (
        select(table.c.seq, table.c.key, table.c.name, table.c.connected_on)
        .where(
            table.c.simple == 1,
            table.c.pid.is_(None),
            table.c.name != "",
            table.c.seq > after,
        )
        .order_by(table.c.seq)
        .limit(limit)
    )
    return list(session.connection().execute(stmt))


def place(session: Session, table: Table, placed: Sequence[dict[str, int]]) -> None:
    """Give rows (`_seq`) the person (`v_pid`) found for them."""
    if placed:
        stmt = table.update().where(table.c.seq == bindparam("_seq")).values(pid=bindparam("v_pid"))
        session.connection().execute(stmt, list(placed))


def taken(session: Session, table: Table, pids: Sequence[int]) -> set[int]:
    """Of these people, those some simple row already is."""
    found: set[int] = set()
    for start in range(0, len(pids), 500):
        chunk = list(pids[start : start + 500])
        stmt = select(table.c.pid).where(table.c.pid.in_(chunk)).distinct()
        found |= {int(p) for p in session.connection().execute(stmt).scalars()}
    return found


def number_new(session: Session, table: Table, first_id: int) -> int:
    """Simple rows still without a person become new people, numbered in row order from
    `first_id`; returns how many."""
    conn = session.connection()
    order = (
        select(table.c.seq, func.row_number().over(order_by=table.c.seq).label("n"))
        .where(table.c.simple == 1, table.c.pid.is_(None))
        .subquery()
    )
    conn.execute(
        table.update()
        .where(table.c.seq == order.c.seq)
        .values(pid=order.c.n + (first_id - 1), is_new=1)
    )
    stmt = select(func.count()).select_from(table).where(table.c.is_new == 1)
    return int(conn.execute(stmt).scalar_one())


def insert_new_people(
    session: Session, table: Table, ranks: dict[int, str], now: datetime, as_of: date
) -> None:
    """The new people, with `ranks[facts]` as their field ranks (services/importing/merge.py)."""
    rank = case(
        *((table.c.facts == facts, literal(text_)) for facts, text_ in ranks.items()),
        else_=None,
    )
    # Each person column with what it takes (one list, so the two cannot drift apart): the
    # URL and e-mail as a person has them, not as the archive wrote them.
    values: dict[str, Any] = {
        "id": table.c.pid,
        "key": table.c.key,
        "first_name": table.c.first_name,
        "last_name": table.c.last_name,
        "name": table.c.name,
        "name_key": table.c.name_key,
        "url": table.c.profile_url,
        "email": table.c.email_ok,
        "company": table.c.company,
        "position": table.c.position,
        "created_at": literal(now, q.person_t.c.created_at.type),
        "info_as_of": literal(as_of, q.person_t.c.info_as_of.type),
        "info_rank": rank,
    }
    rows = select(*values.values()).where(table.c.is_new == 1)
    conn = session.connection()
    conn.execute(q.person_t.insert().from_select(list(values), rows))
    q.sync_id_sequence(conn, q.person_t)


def known_rows(session: Session, table: Table, after: int, limit: int) -> list[Any]:
    """Simple rows of people who were there before, from `seq` after `after` on."""
    stmt = (
        select(table)
        .where(table.c.simple == 1, table.c.is_new == 0, table.c.pid.is_not(None))
        .where(table.c.seq > after)
        .order_by(table.c.seq)
        .limit(limit)
    )
    return list(session.connection().execute(stmt).mappings())


def _ignore(session: Session, target: Table, cols: list[str], rows: Any) -> None:
    conn = session.connection()
    if conn.dialect.name == "postgresql":
        stmt: Any = postgresql.insert(target).from_select(cols, rows).on_conflict_do_nothing()
    else:
        stmt = sqlite.insert(target).from_select(cols, rows).on_conflict_do_nothing()
    conn.execute(stmt)


def link_people(session: Session, table: Table, source_id: int) -> None:
    """Every simple row's person is attested by the source."""
    rows = select(table.c.pid, literal(source_id, Integer)).where(table.c.simple == 1).distinct()
    _ignore(session, q.psource_t, ["person_id", "source_id"], rows)


def _pair(table: Table, owner: int) -> tuple[Any, Any]:
    low = case((table.c.pid < owner, table.c.pid), else_=literal(owner, Integer))
    high = case((table.c.pid < owner, literal(owner, Integer)), else_=table.c.pid)
    return low, high


def find_ties(session: Session, table: Table, owner: int) -> None:
    """Each simple row's tie with the owner, where there is one already."""
    low, high = _pair(table, owner)
    tie = q.tie_t
    found = select(tie.c.id).where(tie.c.a_id == low, tie.c.b_id == high).scalar_subquery()
    session.connection().execute(
        table.update().where(table.c.simple == 1).values(tie_id=found, tie_new=0)
    )


def earlier_ties(session: Session, table: Table) -> list[dict[str, Any]]:
    """Known ties a simple row dates earlier than they were: {_id, connected_on}."""
    tie = q.tie_t
    stmt = (
        select(tie.c.id, table.c.connected_on)
        .join(tie, tie.c.id == table.c.tie_id)
        .where(
            table.c.simple == 1,
            table.c.tie_new == 0,
            table.c.connected_on.is_not(None),
            or_(tie.c.connected_on.is_(None), table.c.connected_on < tie.c.connected_on),
        )
    )
    return [{"_id": i, "connected_on": d} for i, d in session.connection().execute(stmt)]


def add_ties(session: Session, table: Table, owner: int, first_id: int) -> int:
    """New ties for simple rows without one, numbered in row order; returns how many."""
    conn = session.connection()
    order = (
        select(table.c.seq, func.row_number().over(order_by=table.c.seq).label("n"))
        .where(table.c.simple == 1, table.c.tie_id.is_(None))
        .subquery()
    )
    conn.execute(
        table.update()
        .where(table.c.seq == order.c.seq)
        .values(tie_id=order.c.n + (first_id - 1), tie_new=1)
    )
    low, high = _pair(table, owner)
    rows = select(table.c.tie_id, low, high, table.c.connected_on).where(table.c.tie_new == 1)
    conn.execute(q.tie_t.insert().from_select(["id", "a_id", "b_id", "connected_on"], rows))
    q.sync_id_sequence(conn, q.tie_t)
    stmt = select(func.count()).select_from(table).where(table.c.tie_new == 1)
    return int(conn.execute(stmt).scalar_one())


def link_ties(session: Session, table: Table, source_id: int) -> None:
    rows = select(table.c.tie_id, literal(source_id, Integer), table.c.connected_on).where(
        and_(table.c.simple == 1, table.c.tie_id.is_not(None))
    )
    _ignore(session, q.tie_source_t, ["tie_id", "source_id", "connected_on"], rows)
