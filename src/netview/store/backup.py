"""Backup and restore of the whole database, table by table from the metadata."""

from __future__ import annotations

import math
from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from sqlalchemy import Boolean, Date, DateTime, Float, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Session

from netview.core import ids
from netview.core.errors import NetViewError
from netview.core.strictjson import MAX_TEXT
from netview.core.tables import Backup, TableRows
from netview.store import intros, json_columns
from netview.store import rows as r
from netview.store.importing import ME_KEY
from netview.store.team import member_person

RowFilter = Callable[[str, dict[str, Any]], bool]


# Rules a row must keep beyond its columns' types: None when it does, else what is wrong.
def _tie_problem(row: dict[str, Any]) -> str | None:
    a, b = row.get("a_id"), row.get("b_id")
    if isinstance(a, int) and isinstance(b, int) and a >= b:
        return f"a_id {a} is not below b_id {b} (a tie is kept once, the smaller id first)"
    return None


ROW_RULES: dict[str, Callable[[dict[str, Any]], str | None]] = {
    "intro_request": intros.row_problem,
    "tie": _tie_problem,
}

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
    validate(Backup(backup.schema, tables, backup.created_at, backup.anonymized), label)
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


def validate(backup: Backup, label: str) -> None:
    """Check every row against the schema before anything is written; one-line NetViewError.

    Column names and types, values required, primary keys unique, every reference to a row
    that is in the backup, and "you" one of its people: a backup edited by hand or made by
    someone else must not restore into a database later commands cannot use.
    """
    keys: dict[str, set[tuple[Any, ...]]] = {}
    for t in r.tables():  # parents before children
        data = backup.tables.get(t.name)
        if data is None:
            continue
        unknown = [c for c in data.columns if c not in t.c]
        if unknown:
            raise NetViewError(f"{label}: table {t.name} has no column {unknown[0]!r}")
        if len(set(data.columns)) != len(data.columns):
            raise NetViewError(f"{label}: table {t.name} names a column twice")
        pk = [c.name for c in t.primary_key.columns]
        indexed = _indexed(t)
        seen: set[tuple[Any, ...]] = set()
        # The other unique keys too (a person's key, a message's dedup…): the database would
        # refuse the second row half-way through, in its own words.
        uniques = [
            [c.name for c in con.columns]
            for con in t.constraints
            if isinstance(con, UniqueConstraint)
        ]
        unique_seen: list[set[tuple[Any, ...]]] = [set() for _ in uniques]
        for n, values in enumerate(data.rows, start=1):
            row = dict(zip(data.columns, values, strict=True))
            where = f"{label}: table {t.name}, row {n}"
            for col in t.columns:
                problem = _bad_value(col.name, row.get(col.name), col, col.name in row)
                problem = problem or json_columns.problem(t.name, col.name, row.get(col.name), row)
                if problem:
                    raise NetViewError(f"{where}: {problem}")
            for name in indexed:
                value = row.get(name)
                if isinstance(value, str) and len(value) > ids.MAX_KEY:
                    raise NetViewError(
                        f"{where}: {name} is longer than {ids.MAX_KEY} characters "
                        "(the most a key or a name NetView looks things up by may have)"
                    )
            for fk in t.foreign_keys:
                value = row.get(fk.parent.name)
                parent = fk.column.table.name
                if value is not None and (value,) not in keys.get(parent, set()):
                    raise NetViewError(
                        f"{where}: {fk.parent.name} {value!r} names no row of table {parent}"
                    )
            # After the references: a rule may compare ids that must name rows first.
            rule = ROW_RULES.get(t.name)
            problem = rule(row) if rule is not None else None
            if problem:
                raise NetViewError(f"{where}: {problem}")
            for cols, taken in zip(uniques, unique_seen, strict=True):
                # An explicit NULL never collides; a column left out takes its default.
                if any(c in row and row[c] is None for c in cols):
                    continue
                value_key = tuple(row.get(c) for c in cols)
                if value_key in taken:
                    raise NetViewError(f"{where}: {', '.join(cols)} {value_key!r} appears twice")
                taken.add(value_key)
            key = tuple(row.get(c) for c in pk)
            if key in seen:
                raise NetViewError(f"{where}: {', '.join(pk)} {key!r} appears twice")
            seen.add(key)
        if len(pk) == 1:
            keys[t.name] = seen
    for meta in backup.tables.get("meta", TableRows([])).rows:
        entry = dict(zip(backup.tables["meta"].columns, meta, strict=True))
        if entry.get("key") == ME_KEY:
            value = str(entry.get("value"))
            if not value.isdigit() or (int(value),) not in keys.get("person", set()):
                raise NetViewError(f"{label}: you (person {value}) are not among its people")


def _indexed(t: Any) -> list[str]:
    """Text columns of `t` an index holds (keys, unique names): the same limit on both
    backends, as imports apply it (core.ids.MAX_KEY)."""
    names: set[str] = {c.name for c in t.columns if c.primary_key or c.unique or c.index}
    for constraint in [*t.constraints, *t.indexes]:
        names |= {c.name for c in getattr(constraint, "columns", [])}
    return sorted(n for n in names if isinstance(t.c[n].type, String))


def _bad_value(name: str, value: Any, col: Any, present: bool) -> str | None:
    """Why `value` cannot go into column `col`, or None when it can."""
    if value is None:
        needed = col.primary_key or not col.nullable
        # A column the server fills in (a private row's owner) is not the backup's to give.
        filled = col.default is not None or col.server_default is not None
        if needed and (present or not filled):
            return f"{name} is missing"
        return None
    kind = col.type
    if isinstance(kind, Boolean):
        ok = isinstance(value, bool) or value in (0, 1)
    elif isinstance(kind, Integer):
        ok = isinstance(value, int) and not isinstance(value, bool) and abs(value) < 2**63
    elif isinstance(kind, Float):
        ok = isinstance(value, int | float) and not isinstance(value, bool)
        if ok and not math.isfinite(value):  # `export json` would write Infinity, unreadable
            return f"{name} {_short(value)} is not a finite number"
    elif isinstance(kind, String | Text):
        ok = isinstance(value, str)
        if ok and len(value) > MAX_TEXT:
            return f"{name} is {len(value):,} characters long, more than {MAX_TEXT:,}"
        if ok and "\x00" in value:
            # SQLite would keep it and PostgreSQL cannot: one rule for both, said up front.
            return f"{name} holds a NUL character, which a PostgreSQL database cannot store"
    elif isinstance(kind, DateTime):
        ok = isinstance(value, str) and _parses(datetime.fromisoformat, value)
    elif isinstance(kind, Date):
        ok = isinstance(value, str) and _parses(date.fromisoformat, value)
    else:
        ok = True
    return None if ok else f"{name} {_short(value)} is not a valid {type(kind).__name__.lower()}"


def _parses(parse: Callable[[str], Any], value: str) -> bool:
    try:
        parse(value)
    except ValueError:
        return False
    return True


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


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
    _move_pending(tables)
    return tables


def _move_pending(tables: dict[str, TableRows]) -> None:
    """A backup from before migration 0008 keeps unattached messages in meta, under
    "pending:<source id>": they go to pending_message, as the migration did."""
    meta = tables.get("meta")
    if meta is None or "pending_message" in tables or "key" not in meta.columns:
        return
    k, v = meta.columns.index("key"), meta.columns.index("value")
    pending = [r for r in meta.rows if str(r[k]).startswith("pending:") and str(r[k])[8:].isdigit()]
    if not pending:
        return
    tables["meta"] = TableRows(list(meta.columns), [r for r in meta.rows if r not in pending])
    tables["pending_message"] = TableRows(
        ["id", "source_id", "entries"],
        [[n, int(str(r[k])[8:]), r[v]] for n, r in enumerate(pending, start=1)],
    )
