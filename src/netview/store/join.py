"""Copying one database's rows into another (`netview team join --from FILE.db`).

Every table is copied in foreign-key order. Rows the target already holds are recognised by
what identifies them (a person's key or alias, an export's content hash, the pair of a tie,
an interaction's dedup key, a group's name, a note's person, text and time…) and reused;
new rows get fresh ids from the target, and every reference to an id is translated on the
way. Private rows take the connected login as owner, so on a team database they become that
member's. Running it again changes nothing.

An interaction's dedup key hashes the ids of the people in it (netview.core.dedup), so
a key made in the file means nothing in the target: each is recomputed with the target's
ids, the key the target's own import of the same archive computes, so a later import of an
archive holding the same events recognises them. That needs what the key was made from;
a colleague's message of which NetView kept only the fact and date (never its text) cannot
be recomputed, and is recognised by who, to whom and when instead.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from sqlalchemy import Table, bindparam, func, select, text, update
from sqlalchemy.orm import Session

from netview.store import rows as r
from netview.store.importing import (
    insert_ignore,
    next_id,
    person_ranks,
    sync_id_sequence,
    update_people,
)

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
    "identity_decision": ("kind", "key_a", "key_b"),
    # One row per source and login: the connected login's own, under row-level security.
    "pending_message": ("source_id",),
    # A member's own evidence: the same meeting or e-mail, the same address learnt.
    "evidence_item": ("kind", "dedup"),
    "evidence_address": ("source_id", "address", "how"),
    "network_change": ("source_id", "person_id", "kind"),
    "intro_request": ("target_id", "via_id", "asked_on"),
}
# Logins and the bookkeeping kept in meta ("you", undo records of imports, the pseudonym
# secret) belong to the database they were made in.
NOT_COPIED = frozenset({"meta", "team_member"})

Hash = Callable[..., str]  # netview.core.dedup.dedup
Facts = Mapping[str, Sequence[str]]  # a person's facts, each ranked on its own: columns


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


def _targets(session: Session) -> dict[int, tuple[int, ...]]:
    tt = r.table("interaction_target")
    out: dict[int, tuple[int, ...]] = {}
    for iid, pid in session.execute(select(tt.c.interaction_id, tt.c.person_id)):
        out[int(iid)] = (*out.get(int(iid), ()), int(pid))
    return {iid: tuple(sorted(people)) for iid, people in out.items()}


def _texts(session: Session) -> dict[int, tuple[str | None, str | None]]:
    """(subject, body) of each interaction, as the file's owner had it."""
    tx = r.table("interaction_text")
    stmt = select(tx.c.interaction_id, tx.c.subject, tx.c.body)
    return {int(iid): (subject, body) for iid, subject, body in session.execute(stmt)}


def _count(session: Session, table: Table) -> int:
    return int(session.execute(select(func.count()).select_from(table)).scalar_one())


def _still_pending(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Messages waiting to be attached, without those already attached in the file: those
    are plain messages of the file now (copied as such), and their entries name ids of the
    file's, which mean nothing here."""
    out = []
    for row in rows:
        waiting = [e for e in json.loads(row["entries"]) if "attached" not in e]
        if waiting:
            out.append({**row, "entries": json.dumps(waiting)})
    return out


def _public(row: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in row.items() if not k.startswith("_")}


def _dedup(
    hash_: Hash, kind: str, actor: int, targets: Sequence[int], at: Any, subject: Any, body: Any
) -> str:
    """The importer's dedup key of an event (netview.services.importing.merge.ArchiveMerge): a
    message is known by a fingerprint of its text, the rest by the text itself."""
    content = hash_(body) if kind == "message" else body
    when = at.isoformat() if at else ""
    return hash_(kind, actor, ",".join(map(str, sorted(targets))), when, subject, content)


class _Copy:
    """One copy from `source` into `target`, inside the target's transaction."""

    def __init__(self, target: Session, source: Session, hash_: Hash, facts: Facts) -> None:
        self.target, self.source, self.hash, self.facts = target, source, hash_, facts
        self._foreign: set[int] | None = None  # sources another login added (a server's)
        self.ids: dict[str, dict[Any, Any]] = {}
        self.source_targets = _targets(source)

    def run(self) -> dict[str, int]:
        added: dict[str, int] = {}
        for table in r.tables():
            if table.name in NOT_COPIED or table.name == "interaction_target":
                continue  # interaction_target goes in with its interaction
            rows = self._translated(table)
            if "source_id" in table.c:
                rows = self._own_sources_only(rows)
            if table.name == "interaction":
                rows = self._interactions(rows)
                insert_ignore(self.target, table, [_public(row) for row in rows])
                self._links(rows)
            elif "id" in table.c:
                rows = self._new_ids(table, rows)
                insert_ignore(self.target, table, rows)
            else:
                # Rows known by their key alone (links, follow-ups): the target skips those
                # it holds, so count what it gained.
                before = _count(self.target, table)
                insert_ignore(self.target, table, rows)
                added[table.name] = _count(self.target, table) - before
                continue
            sync_id_sequence(self.target.connection(), table)
            added[table.name] = len(rows)
        return added

    def _own_sources_only(self, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """On a team server, what the file says a source attests goes in only for sources
        this login added: an archive a teammate imported already attests what it holds, and
        the server refuses links onto another login's source (store/team_guard.py)."""
        if self.target.connection().dialect.name != "postgresql":
            return rows
        if self._foreign is None:
            found = self.target.execute(
                text("SELECT id FROM source WHERE added_by IS DISTINCT FROM current_user")
            )
            self._foreign = {int(i) for (i,) in found}
        return [row for row in rows if row["source_id"] not in self._foreign]

    def _translated(self, table: Table) -> list[dict[str, Any]]:
        """The source's rows of `table`, every reference to an id in the target's ids."""
        names = r.columns(table)
        rows = [
            dict(zip(names, row, strict=True))
            for row in self.source.execute(select(*(table.c[c] for c in names)))
        ]
        if table.name == "interaction":
            for row in rows:
                row["_actor"] = row["actor_id"]  # the file's id: its dedup key was made from it
        for fk in table.foreign_keys:
            column, mapping = fk.parent.name, self.ids.get(fk.column.table.name, {})
            for row in rows:
                if row[column] is not None:
                    row[column] = mapping.get(row[column], row[column])
        if table.name == "tie":
            for row in rows:
                if row["a_id"] > row["b_id"]:
                    row["a_id"], row["b_id"] = row["b_id"], row["a_id"]
        if table.name == "pending_message":
            rows = _still_pending(rows)
        return rows

    def _new_ids(self, table: Table, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """Map every row's id to the target's: an existing row's, or a fresh one (kept)."""
        natural = NATURAL.get(table.name)
        existing = _existing(self.target, table, natural) if natural else {}
        keyed = [(row, tuple(row[c] for c in natural) if natural else None) for row in rows]
        mapping = self.ids.setdefault(table.name, {})
        matched = []
        fresh = []
        for row, k in keyed:
            if k is not None and k in existing:
                mapping[row["id"]] = existing[k]
                matched.append((row, existing[k]))
            else:
                fresh.append((row, k))
        kept = self._place(table, fresh, mapping)
        if table.name == "person":
            self._merge_facts(matched)
        elif table.name == "tie":
            self._earliest_ties(matched)
        return kept

    def _place(
        self, table: Table, fresh: list[tuple[dict[str, Any], Any]], mapping: dict[Any, Any]
    ) -> list[dict[str, Any]]:
        """Fresh ids for new rows; two rows with one key (two people of the file who are
        one in the target) become one row."""
        new_ids = iter(_allocate(self.target, table, len(fresh)))
        by_key: dict[Any, int] = {}
        kept = []
        for row, k in fresh:
            if k is not None and k in by_key:
                mapping[row["id"]] = by_key[k]
                continue
            old, row["id"] = row["id"], next(new_ids)
            mapping[old] = row["id"]
            if table.name == "interaction":
                row["_old"] = old  # its targets are the file's, by its id there
            if k is not None:
                by_key[k] = row["id"]
            kept.append(row)
        return kept

    def _interactions(self, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """Each interaction under the dedup key the target computes for it."""
        person = self.ids.get("person", {})
        texts = _texts(self.source)
        it = r.table("interaction")
        known = {str(d): int(i) for d, i in self.target.execute(select(it.c.dedup, it.c.id))}
        by_event = self._target_events() if rows else {}
        mapping = self.ids.setdefault("interaction", {})
        fresh = []
        for row in rows:
            old = row["id"]
            subject, body = texts.get(old, (None, None))
            solo_targets = self.source_targets.get(old, ())
            targets = tuple(sorted({person.get(p, p) for p in solo_targets}))
            kind, at = row["kind"], row["occurred_at"]
            mine = _dedup(self.hash, kind, row["actor_id"], targets, at, subject, body)
            theirs = _dedup(self.hash, kind, row.pop("_actor"), solo_targets, at, subject, body)
            if theirs == row["dedup"]:
                row["dedup"] = mine
                found = known.get(mine)
            else:
                # Made from a text NetView did not keep: the same event by who, whom, when.
                found = known.get(row["dedup"]) or by_event.get(
                    (row["kind"], row["actor_id"], row["occurred_at"], targets)
                )
            if found is not None:
                mapping[old] = found
            else:
                fresh.append((row, row["dedup"]))
        return self._place(it, fresh, mapping)

    def _target_events(self) -> dict[Any, int]:
        """(kind, actor, time, targets) -> interaction id of the target's events."""
        it = r.table("interaction")
        targets = _targets(self.target)
        out: dict[Any, int] = {}
        stmt = select(it.c.id, it.c.kind, it.c.actor_id, it.c.occurred_at)
        for iid, kind, actor, at in self.target.execute(stmt):
            out.setdefault((kind, int(actor), at, targets.get(int(iid), ())), int(iid))
        return out

    def _links(self, rows: list[dict[str, Any]]) -> None:
        person = self.ids.get("person", {})
        links = []
        for row in rows:
            for p in self.source_targets.get(row.pop("_old"), ()):
                links.append({"interaction_id": row["id"], "person_id": person.get(p, p)})
        insert_ignore(self.target, r.table("interaction_target"), links)

    def _merge_facts(self, matched: list[tuple[dict[str, Any], int]]) -> None:
        """People both databases know: each fact from the export ranked highest on either
        side, as an import of the file's archives into the target would have it."""
        ranks = person_ranks(self.target, [pid for _, pid in matched])
        theirs = person_ranks(self.source, [row["id"] for row, _ in matched])
        updates: dict[tuple[str, ...], list[dict[str, Any]]] = {}
        for row, pid in matched:
            known, as_of, url = ranks.get(pid, ({}, None, None))
            field_ranks = dict(known)
            changed: dict[str, Any] = {}
            for name, cols in self.facts.items():
                rank = theirs.get(row["id"], ({}, None, None))[0].get(name)
                if rank is None or not any(row[c] for c in cols):
                    continue
                if name in known and known[name] >= rank:
                    continue
                field_ranks[name] = rank
                changed.update({c: row[c] for c in cols})
            if row["url"] and not url:
                changed["url"] = row["url"]
            if row["info_as_of"] and (as_of is None or row["info_as_of"] > as_of):
                changed["info_as_of"] = row["info_as_of"]
            if not changed:
                continue
            changed.update(_id=pid, info_rank=json.dumps(field_ranks, sort_keys=True))
            updates.setdefault(tuple(sorted(changed)), []).append(changed)
        for group in updates.values():
            update_people(self.target, group)

    def _earliest_ties(self, matched: list[tuple[dict[str, Any], int]]) -> None:
        """A tie both know dates from the earlier day either gives (as imports do)."""
        if not matched:
            return
        tie = r.table("tie")
        stmt = select(tie.c.id, tie.c.connected_on).where(tie.c.id.in_([t for _, t in matched]))
        known = {int(tid): day for tid, day in self.target.execute(stmt)}
        earlier = [
            {"_id": tid, "v": row["connected_on"]}
            for row, tid in matched
            if row["connected_on"] and (known.get(tid) is None or row["connected_on"] < known[tid])
        ]
        if earlier:
            change = update(tie).where(tie.c.id == bindparam("_id"))
            self.target.connection().execute(change.values(connected_on=bindparam("v")), earlier)


def copy_rows(target: Session, source: Session, hash_: Hash, facts: Facts) -> dict[str, int]:
    """Copy `source`'s rows into `target`; the number of new rows per table.

    `hash_` is the importer's dedup hash and `facts` its person facts (column groups ranked
    on their own), both from netview.services.importing.merge.
    """
    return _Copy(target, source, hash_, facts).run()
