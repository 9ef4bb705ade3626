"""Backup and restore of the whole database, table by table from the metadata."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy.orm import Session

from netview.core.errors import NetViewError
from netview.core.tables import Backup, TableRows
from netview.store import rows as r
from netview.store.importing import ME_KEY
from netview.store.team import member_person

RowFilter = Callable[[str, dict[str, Any]], bool]


# Logins belong to one server: a backup carries no team members.
NOT_BACKED_UP = frozenset({"team_member"})


def dump(session: Session, schema: str | None) -> Backup:
    """Every row of every table (that this login may read).

    A team member's backup is their own view: the shared network, their private rows, and
    themselves as "you", so it restores into a personal database centred on them.
    """
    tables = {
        t.name: TableRows(r.columns(t), list(r.read_table(session, t)))
        for t in r.tables()
        if t.name not in NOT_BACKED_UP
    }
    member = member_person(session)
    if member is not None:
        meta = tables["meta"]
        rows = [row for row in meta.rows if row[meta.columns.index("key")] != ME_KEY]
        tables["meta"] = TableRows(meta.columns, [*rows, [ME_KEY, str(member)]])
    return Backup(schema=schema, tables=tables)


def restore(session: Session, backup: Backup, schema: str | None, label: str) -> dict[str, int]:
    """Insert a backup into an empty database; rows per table."""
    if not r.is_empty(session):
        raise NetViewError(
            f"{label}: the database is not empty; restore into a new one (--db NEW.db)"
        )
    if backup.schema != schema:
        # Rows of another schema may not fit; an older backup is restored as far as it goes.
        known = {t.name for t in r.tables()}
        extra = sorted(set(backup.tables) - known)
        if extra:
            raise NetViewError(f"{label}: made by a newer NetView (table {extra[0]!r} unknown)")
    tables = _split_private_columns(backup.tables)
    counts: dict[str, int] = {}
    for t in r.tables():
        data = tables.get(t.name)
        if data is None:
            continue
        try:
            r.write_table(session, t, data.columns, data.rows)
        except (ValueError, TypeError) as exc:
            raise NetViewError(f"{label}: table {t.name}: {exc}") from None
        counts[t.name] = len(data.rows)
    return counts


def drop_cascading(backup: Backup, drop: RowFilter) -> Backup:
    """A copy of `backup` without the rows `drop(table, row)` chooses and what depends on them.

    Follows the schema's foreign keys as the database would: ON DELETE CASCADE drops the
    child row, SET NULL blanks the reference.
    """
    out: dict[str, TableRows] = {}
    gone: dict[str, list[dict[str, Any]]] = {}
    for t in r.tables():
        data = backup.tables.get(t.name)
        if data is None:
            continue
        refs = []
        for fk in t.foreign_keys:
            parent = fk.column.table.name
            if gone.get(parent):
                values = {row[fk.column.name] for row in gone[parent]}
                refs.append((fk.parent.name, values, (fk.ondelete or "").upper() == "SET NULL"))
        kept, dropped = [], []
        for values_list in data.rows:
            row = dict(zip(data.columns, values_list, strict=True))
            remove = drop(t.name, row)
            for col, values, set_null in refs:
                if row.get(col) in values:
                    if set_null:
                        row[col] = None
                    else:
                        remove = True
            if remove:
                dropped.append(row)
            else:
                kept.append([row[c] for c in data.columns])
        gone[t.name] = dropped
        out[t.name] = TableRows(list(data.columns), kept)
    for name, data in backup.tables.items():
        out.setdefault(name, data)  # tables this version does not know pass through
    return Backup(backup.schema, out, backup.created_at, backup.anonymized)


def _move_columns(
    tables: dict[str, TableRows], source: str, key: str, moved: dict[str, str], target: str
) -> None:
    data = tables.get(source)
    if data is None or not any(c in data.columns for c in moved):
        return
    at = {c: i for i, c in enumerate(data.columns)}
    keep = [c for c in data.columns if c not in moved]
    out = TableRows([key, *(moved[c] for c in moved if c in at)])
    for row in data.rows:
        values = [row[at[c]] for c in moved if c in at]
        if any(v not in (None, False, 0) for v in values):
            out.rows.append([row[at["id"]], *values])
    tables[source] = TableRows(keep, [[row[at[c]] for c in keep] for row in data.rows])
    tables[target] = out


def _split_private_columns(tables: dict[str, TableRows]) -> dict[str, TableRows]:
    """A backup from before migration 0006 has the private flag on person and message texts
    on interaction: they go to person_private and interaction_text, as the migration did."""
    tables = dict(tables)
    _move_columns(tables, "interaction", "interaction_id", {"subject": "subject", "body": "body"},
                  "interaction_text")  # fmt: skip
    _move_columns(tables, "person", "person_id", {"private": "private"}, "person_private")
    flags = tables.get("person_private")
    if flags is not None and "private" in flags.columns:
        tables["person_private"] = TableRows(["person_id"], [[row[0]] for row in flags.rows])
    return tables
