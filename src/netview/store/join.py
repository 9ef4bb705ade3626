"""Copying one database's rows into another (`netview team join --from FILE.db`).

Every table is copied in foreign-key order. Rows the target already holds are recognised by
what identifies them (a person's key or alias, an export's content hash, the pair of a tie,
an interaction's kind, actor, time and targets, a group's name, a note's person, text and
time…) and reused; new rows get fresh ids from the target, and every reference to an id is
translated on the way. Private rows take the connected login as owner, so on a team
database they become that member's. Running it again changes nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Table, select
from sqlalchemy.orm import Session

from netview.store import rows as r
from netview.store.importing import insert_ignore, next_id, sync_id_sequence

# What identifies a row across databases, beyond its id.
NATURAL: dict[str, tuple[str, ...]] = {
    "person": ("key",),
    "source": ("content_hash",),
    "tie": ("a_id", "b_id"),
    "position": ("person_id", "company", "title", "started_on"),
    "group": ("name",),
    "tag": ("name",),
    "intro_template": ("name",),
    "note": ("person_id", "body", "created_at"),
    "touch": ("person_id", "at"),
    "goal": ("kind", "target", "period", "topic"),
}
# Logins, undo records and "you" belong to the database they were made in.
NOT_COPIED = frozenset({"meta", "team_member"})


def _allocate(session: Session, table: Table, n: int) -> list[int]:
    """n fresh ids: from PostgreSQL's sequence (a member cannot see others' private rows,
    so max(id) would not do), else after the largest id."""
    if n == 0:
        return []
    conn = session.connection()
    if conn.dialect.name == "postgresql":
        sync_id_sequence(conn, table)  # past rows inserted with chosen ids
        seq = f"pg_get_serial_sequence('\"{table.name}\"', 'id')"
        rows = conn.exec_driver_sql(f"SELECT nextval({seq}) FROM generate_series(1, {n})")
        return [int(v) for (v,) in rows]
    start = next_id(session, table.c.id)
    return list(range(start, start + n))


def _existing(session: Session, table: Table, natural: Sequence[str]) -> dict[Any, int]:
    stmt = select(*(table.c[c] for c in natural), table.c.id)
    found = {tuple(row[:-1]): int(row[-1]) for row in session.execute(stmt)}
    if table.name == "person":  # a key the target knows as an alias is the same person
        alias = r.table("person_alias")
        for a, pid in session.execute(select(alias.c.alias, alias.c.person_id)):
            found.setdefault((a,), int(pid))
    return found


def _event_signatures(
    session: Session, targets: dict[int, tuple[int, ...]] | None
) -> dict[Any, int]:
    """(kind, actor, time, targets) -> interaction id: the same event, whatever the ids."""
    it, tt = r.table("interaction"), r.table("interaction_target")
    if targets is None:
        targets = {}
        for iid, pid in session.execute(select(tt.c.interaction_id, tt.c.person_id)):
            targets.setdefault(int(iid), ())
            targets[int(iid)] += (int(pid),)
    out = {}
    for iid, kind, actor, at in session.execute(
        select(it.c.id, it.c.kind, it.c.actor_id, it.c.occurred_at)
    ):
        out[(kind, int(actor), at, tuple(sorted(targets.get(int(iid), ()))))] = int(iid)
    return out


def copy_rows(target: Session, source: Session) -> dict[str, int]:
    """Copy `source`'s rows into `target`; the number of new rows per table."""
    ids: dict[str, dict[Any, Any]] = {}
    added: dict[str, int] = {}
    source_targets: dict[int, tuple[int, ...]] = {}
    for table in r.tables():
        if table.name in NOT_COPIED:
            continue
        names = r.columns(table)
        rows = [
            dict(zip(names, row, strict=True))
            for row in source.execute(select(*(table.c[c] for c in names)))
        ]
        for fk in table.foreign_keys:
            column, parent = fk.parent.name, fk.column.table.name
            mapping = ids.get(parent, {})
            for row in rows:
                if row[column] is not None:
                    row[column] = mapping.get(row[column], row[column])
        if table.name == "tie":
            for row in rows:
                if row["a_id"] > row["b_id"]:
                    row["a_id"], row["b_id"] = row["b_id"], row["a_id"]
        if table.name == "interaction_target":
            continue  # written with its interaction, below
        if "id" in names:
            rows = _new_ids(target, table, rows, ids, source, source_targets)
        if table.name == "interaction":
            tt = r.table("interaction_target")
            links = [
                {"interaction_id": row["id"], "person_id": ids["person"].get(p, p)}
                for row in rows
                for p in source_targets.get(row["_old"], ())
            ]
            for row in rows:
                row.pop("_old")
            insert_ignore(target, table, rows)
            insert_ignore(target, tt, links)
        else:
            insert_ignore(target, table, rows)
        if "id" in names:
            sync_id_sequence(target.connection(), table)
        added[table.name] = len(rows)
    return added


def _new_ids(
    target: Session,
    table: Table,
    rows: list[dict[str, Any]],
    ids: dict[str, dict[Any, Any]],
    source: Session,
    source_targets: dict[int, tuple[int, ...]],
) -> list[dict[str, Any]]:
    """Map every row's id to the target's: an existing row's, or a fresh one (kept)."""
    mapping = ids.setdefault(table.name, {})
    if table.name == "interaction":
        tt = r.table("interaction_target")
        for iid, pid in source.execute(select(tt.c.interaction_id, tt.c.person_id)):
            source_targets.setdefault(int(iid), ())
            source_targets[int(iid)] += (int(pid),)
        existing = _event_signatures(target, None)
        person = ids.get("person", {})

        def key(row: dict[str, Any]) -> Any:
            people = tuple(sorted(person.get(p, p) for p in source_targets.get(row["id"], ())))
            return (row["kind"], row["actor_id"], row["occurred_at"], people)
    else:
        natural = NATURAL.get(table.name)
        existing = _existing(target, table, natural) if natural else {}

        def key(row: dict[str, Any]) -> Any:
            return tuple(row[c] for c in natural) if natural else None

    fresh = []
    for row in rows:
        k = key(row)
        if k is not None and k in existing:
            mapping[row["id"]] = existing[k]
        else:
            fresh.append(row)
    new_ids = iter(_allocate(target, table, len(fresh)))
    by_key: dict[Any, int] = {}
    for row in fresh:
        k = key(row)
        if k is not None and k in by_key:
            mapping[row["id"]] = by_key[k]
            row["_skip"] = True
            continue
        old, row["id"] = row["id"], next(new_ids)
        mapping[old] = row["id"]
        if table.name == "interaction":
            row["_old"] = old
        if k is not None:
            by_key[k] = row["id"]
    return [row for row in fresh if not row.pop("_skip", False)]
