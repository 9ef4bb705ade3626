"""Merging two people into one by hand, and splitting them again: the row moves.

Everything about the merged person moves to the kept one: aliases (and their own key
becomes one), sources, ties (a tie both had to the same person becomes one tie attested by
both sources), interactions they sent or received, groups, tags, notes, logged contacts,
positions, follow-up settings, the exports they own. What moved is recorded in the
decision's `detail`, so that a split puts every row back where it was.

On a PostgreSQL team database the server's functions (netview.store.team) do the moves,
shared and every member's private rows, journal what moved (a split trusts that journal,
never the decision's `detail`) and record the decision; the session only puts the person's
own row back, keeps the better key and fills the kept person's empty facts.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from sqlalchemy import delete, select, text
from sqlalchemy.orm import Session

from netview.core import ids
from netview.store import rows as r
from netview.store import team, undo
from netview.store.importing import ME_KEY, me_id
from netview.store.models import PERSON_FACTS, IdentityDecision, Meta, Person

# Tables whose rows about a person simply change hands; (table, key column).
_OWNED = (
    ("note", "id"),
    ("touch", "id"),
    ("position", "id"),
    ("evidence_address", "id"),
    ("network_change", "id"),
)
# Membership tables: (table, other column); a row both people had stays once.
_MEMBERSHIP = (
    ("group_member", "group_id"),
    ("person_tag", "tag_id"),
    ("person_source", "source_id"),
    ("evidence_person", "item_id"),
)
_PARENTS = {
    "group_member": '"group"',
    "person_tag": "tag",
    "person_source": "source",
    "evidence_person": "evidence_item",
}


def _ids(session: Session, sql: str, **params: Any) -> list[int]:
    return [int(x) for (x,) in session.execute(text(sql), params)]


def _is_member(session: Session, server: bool) -> bool:
    return server and team.member_person(session) is not None


def merge(session: Session, keep: int, gone: int) -> dict[str, Any]:
    """Move everything of person `gone` to person `keep`, delete `gone`, and record the
    decision (the "apart" decision on the pair goes); what moved."""
    if team.fixes_on_server(session):
        return _merge_on_server(session, keep, gone)
    rows_before = undo.person_rows(session, [keep, gone])
    keep_key, gone_key = str(rows_before[keep]["key"]), str(rows_before[gone]["key"])
    detail = _merge_here(session, keep, gone, rows_before)
    forget_apart(session, keep_key, gone_key)
    record(session, "merge", keep_key, gone_key, detail)
    return detail


def _merge_on_server(session: Session, keep: int, gone: int) -> dict[str, Any]:
    """On a team server the server's function moves every shared and private row and
    records the decision (members may write neither); the session only keeps the better
    key and fills the kept person's empty facts, never a teammate's own person."""
    rows_before = undo.person_rows(session, [keep, gone])
    a_row, b_row = rows_before[keep], rows_before[gone]
    theirs = team.teammate(session, keep)
    rekey = not theirs and not ids.is_slug_key(a_row["key"]) and ids.is_slug_key(b_row["key"])
    fill = (
        {} if theirs else {c: b_row[c] for c in PERSON_FACTS if not a_row.get(c) and b_row.get(c)}
    )
    me = me_id(session)
    detail: dict[str, Any] = {
        "a_id": keep,
        "b_row": b_row,
        "a_row": a_row,
        "on_server": True,
        "followup": None,
        "me": me == gone,
        "rekeyed": rekey,
        "filled": sorted(fill),
    }
    team.merge_on_server(session, keep, gone, json.dumps(detail, default=str))
    if me == gone and not _is_member(session, True):
        session.merge(Meta(key=ME_KEY, value=str(keep)))
    _keep_key_and_facts(session, keep, a_row, b_row, rekey, fill)
    return detail


def _keep_key_and_facts(
    session: Session,
    keep: int,
    a_row: dict[str, Any],
    b_row: dict[str, Any],
    rekey: bool,
    fill: dict[str, Any],
) -> None:
    """The kept person keeps the better key (a profile over a URN or a name) and the other
    key names them from now on, so a re-import finds the one person; their empty facts take
    the other's."""
    tbl = r.table("person")
    if rekey:
        session.execute(tbl.update().where(tbl.c.id == keep).values(key=b_row["key"]))
    session.execute(
        text("INSERT INTO person_alias (alias, person_id) VALUES (:k, :a)"),
        {"k": a_row["key"] if rekey else b_row["key"], "a": keep},
    )
    if fill:
        values = {k: r.decode(tbl, k, v) for k, v in fill.items()}
        session.execute(tbl.update().where(tbl.c.id == keep).values(**values))


def _merge_here(
    session: Session, keep: int, gone: int, rows_before: dict[int, dict[str, Any]]
) -> dict[str, Any]:
    """The merge in this session (SQLite, a server database that is not a team's)."""
    p = {"a": keep, "b": gone}
    detail: dict[str, Any] = {"a_id": keep, "b_row": rows_before[gone], "a_row": rows_before[keep]}
    # Aliases: theirs, and their own key, now name the kept person.
    detail["aliases"] = [
        str(a)
        for (a,) in session.execute(text("SELECT alias FROM person_alias WHERE person_id = :b"), p)
    ]
    session.execute(text("UPDATE person_alias SET person_id = :a WHERE person_id = :b"), p)
    for table, col in _MEMBERSHIP:
        theirs = _ids(session, f"SELECT {col} FROM {table} WHERE person_id = :b", **p)
        mine = set(_ids(session, f"SELECT {col} FROM {table} WHERE person_id = :a", **p))
        added = [x for x in theirs if x not in mine]
        for x in added:
            session.execute(
                text(f"INSERT INTO {table} (person_id, {col}) VALUES (:a, :x)"), {"a": keep, "x": x}
            )
        session.execute(text(f"DELETE FROM {table} WHERE person_id = :b"), p)
        detail[table] = {"theirs": theirs, "added": added}
    for table, col in _OWNED:
        detail[table] = _ids(session, f'SELECT {col} FROM "{table}" WHERE person_id = :b', **p)
        session.execute(text(f'UPDATE "{table}" SET person_id = :a WHERE person_id = :b'), p)
    detail["followup"] = _followup(session, keep, gone)
    # Introductions you asked for follow the person too (on a server the merge function
    # moves every member's); a split leaves them with the person kept.
    for col in ("target_id", "via_id"):
        session.execute(text(f"UPDATE intro_request SET {col} = :a WHERE {col} = :b"), p)
    # "Private" is per member (migration 0006): whoever flagged either keeps the flag.
    session.execute(
        text(
            "INSERT INTO person_private (person_id) SELECT :a WHERE EXISTS "
            "(SELECT 1 FROM person_private WHERE person_id = :b) AND NOT EXISTS "
            "(SELECT 1 FROM person_private WHERE person_id = :a)"
        ),
        p,
    )
    detail["owned_sources"] = _ids(session, "SELECT id FROM source WHERE owner_id = :b", **p)
    session.execute(text("UPDATE source SET owner_id = :a WHERE owner_id = :b"), p)
    detail["actor"] = _ids(session, "SELECT id FROM interaction WHERE actor_id = :b", **p)
    session.execute(text("UPDATE interaction SET actor_id = :a WHERE actor_id = :b"), p)
    targeted = _ids(
        session, "SELECT interaction_id FROM interaction_target WHERE person_id = :b", **p
    )
    already = set(
        _ids(session, "SELECT interaction_id FROM interaction_target WHERE person_id = :a", **p)
    )
    detail["targets"] = {"theirs": targeted, "added": [i for i in targeted if i not in already]}
    for i in detail["targets"]["added"]:
        session.execute(
            text("INSERT INTO interaction_target (interaction_id, person_id) VALUES (:i, :a)"),
            {"i": i, "a": keep},
        )
    session.execute(text("DELETE FROM interaction_target WHERE person_id = :b"), p)
    detail["ties"] = _move_ties(session, keep, gone)
    me = me_id(session)
    detail["me"] = me == gone
    if me == gone:
        session.merge(Meta(key=ME_KEY, value=str(keep)))
    # The kept person's empty facts take the other's.
    a_row, b_row = rows_before[keep], rows_before[gone]
    fill = {c: b_row[c] for c in PERSON_FACTS if not a_row.get(c) and b_row.get(c)}
    detail["filled"] = sorted(fill)
    session.execute(text("DELETE FROM person WHERE id = :b"), p)
    rekey = not ids.is_slug_key(a_row["key"]) and ids.is_slug_key(b_row["key"])
    detail["rekeyed"] = rekey
    _keep_key_and_facts(session, keep, a_row, b_row, rekey, fill)
    return detail


def _followup(session: Session, keep: int, gone: int) -> dict[str, Any] | None:
    tbl = r.table("followup")
    row = session.execute(select(tbl).where(tbl.c.person_id == gone)).mappings().first()
    if row is None:
        return None
    out = {k: r.encode(tbl, k, v) for k, v in row.items()}
    has = session.execute(select(tbl.c.person_id).where(tbl.c.person_id == keep)).first()
    out["moved"] = has is None
    if has is None:
        session.execute(tbl.update().where(tbl.c.person_id == gone).values(person_id=keep))
    else:
        session.execute(tbl.delete().where(tbl.c.person_id == gone))
    return out


def _tie_row(session: Session, tie_id: int) -> dict[str, Any]:
    tbl = r.table("tie")
    row = session.execute(select(tbl).where(tbl.c.id == tie_id)).mappings().one()
    sources = r.table("tie_source")
    links = session.execute(select(sources).where(sources.c.tie_id == tie_id)).mappings().all()
    return {
        "tie": {k: r.encode(tbl, k, v) for k, v in row.items()},
        "sources": [{k: r.encode(sources, k, v) for k, v in s.items()} for s in links],
    }


def _move_ties(session: Session, keep: int, gone: int) -> list[dict[str, Any]]:
    """Their ties become the kept person's; a tie both had becomes one, attested by both."""
    out: list[dict[str, Any]] = []
    theirs = session.execute(
        text("SELECT id, a_id, b_id FROM tie WHERE a_id = :b OR b_id = :b"), {"b": gone}
    ).all()
    for tie_id, a_id, b_id in theirs:
        other = int(b_id) if int(a_id) == gone else int(a_id)
        saved = _tie_row(session, int(tie_id))
        if other == keep:  # a tie between the two: nobody is tied to themselves
            saved["how"] = "dropped"
            session.execute(text("DELETE FROM tie WHERE id = :t"), {"t": tie_id})
            out.append(saved)
            continue
        lo, hi = min(keep, other), max(keep, other)
        mine = session.execute(
            text("SELECT id, connected_on FROM tie WHERE a_id = :lo AND b_id = :hi"),
            {"lo": lo, "hi": hi},
        ).first()
        if mine is None:
            saved["how"] = "moved"
            session.execute(
                text("UPDATE tie SET a_id = :lo, b_id = :hi WHERE id = :t"),
                {"lo": lo, "hi": hi, "t": tie_id},
            )
        else:
            into = int(mine[0])
            saved.update(how="folded", into=_tie_row(session, into))
            have = set(_ids(session, "SELECT source_id FROM tie_source WHERE tie_id = :t", t=into))
            for s in saved["sources"]:
                if s["source_id"] not in have:
                    session.execute(
                        text(
                            "INSERT INTO tie_source (tie_id, source_id, connected_on, weight)"
                            " VALUES (:t, :s, :c, :w)"
                        ),
                        {"t": into, "s": s["source_id"], "c": s["connected_on"], "w": s["weight"]},
                    )
            when = saved["tie"]["connected_on"]
            if when and (mine[1] is None or str(when) < str(mine[1])):
                session.execute(
                    text("UPDATE tie SET connected_on = :c WHERE id = :t"), {"c": when, "t": into}
                )
            session.execute(text("DELETE FROM tie WHERE id = :t"), {"t": tie_id})
        out.append(saved)
    return out


def split(session: Session, detail: dict[str, Any], decision: int, *, remember: bool) -> int:
    """Put back what `merge` moved (its `detail`, of identity decision `decision`), drop the
    decision and, with `remember` (a user's split, not an undo), record the two as apart;
    the restored person's id."""
    keep = int(detail["a_id"])
    b_row = dict(detail["b_row"])
    taken = session.scalar(select(Person.id).where(Person.id == b_row["id"])) is not None
    gone = (
        int(session.scalar(text("SELECT coalesce(max(id), 0) + 1 FROM person")))
        if taken
        else int(b_row["id"])
    )
    b_row["id"] = gone
    a_key = detail["a_row"]["key"]
    if team.fixes_on_server(session):
        # The person comes back here; the server puts back every row the merge moved, as
        # its own journal says, and drops or turns the decision.
        _person_back(session, detail, keep, a_key, b_row)
        if detail["me"] and not _is_member(session, True):
            session.merge(Meta(key=ME_KEY, value=str(gone)))
        team.split_on_server(session, decision, gone, remember)
        return gone
    session.execute(
        text("DELETE FROM person_alias WHERE alias = :k"),
        {"k": a_key if detail["rekeyed"] else b_row["key"]},
    )
    _person_back(session, detail, keep, a_key, b_row)
    for alias in detail["aliases"]:
        session.execute(
            text("UPDATE person_alias SET person_id = :b WHERE alias = :x"), {"b": gone, "x": alias}
        )
    for table, col in _MEMBERSHIP:
        moved = detail.get(table)
        if moved is None:  # a merge recorded on a team server (its rows are the server's)
            continue
        for x in moved["added"]:
            session.execute(
                text(f"DELETE FROM {table} WHERE person_id = :a AND {col} = :x"),
                {"a": keep, "x": x},
            )
        parent = _PARENTS[table]
        for x in moved["theirs"]:
            # Only what still exists (a group deleted, a source forgotten since the merge).
            session.execute(
                text(
                    f"INSERT INTO {table} (person_id, {col}) SELECT :b, :x"
                    f" WHERE EXISTS (SELECT 1 FROM {parent} WHERE id = :x)"
                ),
                {"b": gone, "x": x},
            )
    for table, col in _OWNED:
        for x in detail.get(table, ()):
            session.execute(
                text(f'UPDATE "{table}" SET person_id = :b WHERE {col} = :x'), {"b": gone, "x": x}
            )
    fu = detail["followup"]
    if fu is not None:
        fu_tbl = r.table("followup")
        if fu.pop("moved"):
            session.execute(fu_tbl.delete().where(fu_tbl.c.person_id == keep))
        fu["person_id"] = gone
        session.execute(
            fu_tbl.insert().values(**{k: r.decode(fu_tbl, k, v) for k, v in fu.items()})
        )
    for sid in detail["owned_sources"]:
        session.execute(
            text("UPDATE source SET owner_id = :b WHERE id = :s"), {"b": gone, "s": sid}
        )
    for iid in detail["actor"]:
        session.execute(
            text("UPDATE interaction SET actor_id = :b WHERE id = :i"), {"b": gone, "i": iid}
        )
    for iid in detail["targets"]["added"]:
        session.execute(
            text("DELETE FROM interaction_target WHERE interaction_id = :i AND person_id = :a"),
            {"i": iid, "a": keep},
        )
    for iid in detail["targets"]["theirs"]:
        session.execute(
            text(
                "INSERT INTO interaction_target (interaction_id, person_id) SELECT :i, :b"
                " WHERE EXISTS (SELECT 1 FROM interaction WHERE id = :i)"
            ),
            {"i": iid, "b": gone},
        )
    for saved in detail["ties"]:
        _restore_tie(session, saved, int(detail["b_row"]["id"]), gone)
    if detail["me"]:
        session.merge(Meta(key=ME_KEY, value=str(gone)))
    session.execute(delete(IdentityDecision).where(IdentityDecision.id == decision))
    if remember:
        record(session, "apart", a_key, str(b_row["key"]), None)
    return gone


def _person_back(
    session: Session, detail: dict[str, Any], keep: int, a_key: str, b_row: dict[str, Any]
) -> None:
    """The merged person's row again, and the kept one's key and facts as they were."""
    tbl = r.table("person")
    if detail["rekeyed"]:
        session.execute(tbl.update().where(tbl.c.id == keep).values(key=a_key))
    session.execute(tbl.insert().values(**{k: r.decode(tbl, k, v) for k, v in b_row.items()}))
    # The kept person's facts as they were, for the fields the merge filled.
    a_row = detail["a_row"]
    back = {c: r.decode(tbl, c, a_row.get(c)) for c in detail["filled"]}
    if back:
        session.execute(tbl.update().where(tbl.c.id == keep).values(**back))


def _restore_tie(session: Session, saved: dict[str, Any], old: int, gone: int) -> None:
    tie, how = dict(saved["tie"]), saved["how"]
    # The tie's ends as they were, with the restored person's (possibly new) id.
    ends = sorted(gone if int(e) == old else int(e) for e in (tie["a_id"], tie["b_id"]))
    tie["a_id"], tie["b_id"] = ends
    if how == "moved":
        session.execute(
            text("UPDATE tie SET a_id = :lo, b_id = :hi WHERE id = :t"),
            {"lo": tie["a_id"], "hi": tie["b_id"], "t": tie["id"]},
        )
        return
    if how == "folded":
        into = saved["into"]
        session.execute(
            text("UPDATE tie SET connected_on = :c WHERE id = :t"),
            {"c": into["tie"]["connected_on"], "t": into["tie"]["id"]},
        )
        keep_sources = {s["source_id"] for s in into["sources"]}
        for s in saved["sources"]:
            if s["source_id"] not in keep_sources:
                session.execute(
                    text("DELETE FROM tie_source WHERE tie_id = :t AND source_id = :s"),
                    {"t": into["tie"]["id"], "s": s["source_id"]},
                )
    tbl = r.table("tie")
    if session.scalar(select(tbl.c.id).where(tbl.c.id == tie["id"])) is not None:
        tie["id"] = int(session.scalar(text("SELECT coalesce(max(id), 0) + 1 FROM tie")))
    session.execute(tbl.insert().values(**{k: r.decode(tbl, k, v) for k, v in tie.items()}))
    src = r.table("tie_source")
    live = set(_ids(session, "SELECT id FROM source"))
    for link in saved["sources"]:
        if link["source_id"] in live:
            values = {k: r.decode(src, k, v) for k, v in {**link, "tie_id": tie["id"]}.items()}
            session.execute(src.insert().values(**values))


def record(
    session: Session, kind: str, key_a: str, key_b: str, detail: dict[str, Any] | None
) -> int:
    d = IdentityDecision(
        kind=kind,
        key_a=key_a,
        key_b=key_b,
        detail=json.dumps(detail, default=str) if detail is not None else None,
        created_at=datetime.now().replace(microsecond=0),
    )
    session.add(d)
    session.flush()
    return int(d.id)


def forget_apart(session: Session, key_a: str, key_b: str) -> None:
    """Drop a "these two are different people" decision about this pair (they are merged)."""
    pair = [key_a, key_b]
    session.execute(
        delete(IdentityDecision).where(
            IdentityDecision.kind == "apart",
            IdentityDecision.key_a.in_(pair),
            IdentityDecision.key_b.in_(pair),
        )
    )


def latest_merge(session: Session, key: str) -> IdentityDecision | None:
    """The newest merge that took `key` away (or, failing that, kept `key`)."""
    for column in (IdentityDecision.key_b, IdentityDecision.key_a):
        found = session.scalars(
            select(IdentityDecision)
            .where(IdentityDecision.kind == "merge", column == key)
            .order_by(IdentityDecision.id.desc())
        ).first()
        if found is not None:
            return found
    return None


def apart_pairs(session: Session) -> set[frozenset[str]]:
    rows = session.execute(
        select(IdentityDecision.key_a, IdentityDecision.key_b).where(
            IdentityDecision.kind == "apart"
        )
    )
    return {frozenset((a, b)) for a, b in rows}
