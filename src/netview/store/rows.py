"""Whole tables as plain JSON-able rows, driven by Base.metadata.

Backups, restores and the forget journal all move rows between the database and JSON. Doing
it table by table from the metadata means a table added by a later migration is carried
along without anyone remembering to list it here.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import Boolean, Date, DateTime, Table, select
from sqlalchemy.orm import Session

from netview.store.models import Base


def tables() -> list[Table]:
    """Every table of the schema, parents before children (foreign keys)."""
    return list(Base.metadata.sorted_tables)


def table(name: str) -> Table:
    return Base.metadata.tables[name]


def encode(tbl: Table, column: str, value: Any) -> Any:
    """A column value as JSON: dates and times as ISO text, the rest as is."""
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def decode(tbl: Table, column: str, value: Any) -> Any:
    """The inverse of `encode`, by the column's type."""
    if value is None:
        return None
    kind = tbl.c[column].type
    if isinstance(kind, DateTime):
        return datetime.fromisoformat(value)
    if isinstance(kind, Date):
        return date.fromisoformat(value)
    if isinstance(kind, Boolean):
        return bool(value)
    return value


# Who owns a private row is whoever restores it (the login, on a team database), not
# whoever made the backup: backups leave the column out.
NOT_COPIED = frozenset({"owner"})


def columns(tbl: Table) -> list[str]:
    return [c.name for c in tbl.columns if c.name not in NOT_COPIED]


def read_table(session: Session, tbl: Table) -> Iterator[list[Any]]:
    """Rows of `tbl` as JSON-able lists in `columns(tbl)` order, by primary key."""
    names = columns(tbl)
    stmt = select(*(tbl.c[n] for n in names)).order_by(*tbl.primary_key.columns)
    for row in session.execute(stmt):
        yield [encode(tbl, n, v) for n, v in zip(names, row, strict=True)]


def write_table(
    session: Session, tbl: Table, names: Sequence[str], rows: Sequence[Sequence[Any]]
) -> None:
    """Insert JSON-able rows into `tbl` (columns `names`)."""
    if not rows:
        return
    unknown = [n for n in names if n not in tbl.c]
    if unknown:
        raise ValueError(f"table {tbl.name} has no column {unknown[0]!r}")
    values = [{n: decode(tbl, n, v) for n, v in zip(names, row, strict=True)} for row in rows]
    session.execute(tbl.insert(), values)
    if "id" in names:
        from netview.store.importing import sync_id_sequence

        sync_id_sequence(session.connection(), tbl)


def is_empty(session: Session) -> bool:
    """True when no table of the schema holds a row."""
    return all(session.execute(select(t).limit(1)).first() is None for t in tables())
