"""Ties over time: which ties a newer archive has superseded, and the changes imports found.

Nothing is deleted when a newer archive no longer lists a connection: the tie stays, with
every source that attested it, and is *ended*. Whether a tie is ended is worked out from the
sources alone, every time it is asked, so forgetting the newer archive brings the older
state back exactly, and an older archive imported later changes nothing current:

A tie is ended when one of its two people P has a newest archive with a connection list
(the highest `as_of`, then the later import) that does not list it, while an older archive
of P did, and no source attests it as of that day or later (a GraphML or other file, which
has no date, always counts as current). A tie of yours is ended only by your own archives:
a colleague's archive never supersedes yours.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, exists, func, insert, or_, select, true
from sqlalchemy.orm import Session, aliased

from netview.store.importing import me_id
from netview.store.keys import chunks
from netview.store.models import (
    NetworkChange,
    Person,
    Source,
    SourceSnapshot,
    Tie,
    TieSource,
)


def _newest() -> Any:
    """Per person with an archive that lists connections: that person's newest one."""
    snap, src = aliased(SourceSnapshot), aliased(Source)
    snap2, src2 = aliased(SourceSnapshot), aliased(Source)
    later = (
        select(snap2.source_id)
        .join(src2, src2.id == snap2.source_id)
        .where(
            src2.owner_id == src.owner_id,
            snap2.connections > 0,
            or_(
                snap2.as_of > snap.as_of,
                and_(snap2.as_of == snap.as_of, snap2.source_id > snap.source_id),
            ),
        )
    )
    # Only a person with an older archive too can have ties it no longer lists.
    snap3, src3 = aliased(SourceSnapshot), aliased(Source)
    older = (
        select(snap3.source_id)
        .join(src3, src3.id == snap3.source_id)
        .where(
            src3.owner_id == src.owner_id, snap3.connections > 0, snap3.source_id != snap.source_id
        )
    )
    return (
        select(
            src.owner_id.label("owner_id"),
            snap.as_of.label("as_of"),
            snap.source_id.label("source_id"),
        )
        .join(src, src.id == snap.source_id)
        .where(snap.connections > 0, src.owner_id.is_not(None), ~exists(later), exists(older))
        .subquery("newest")
    )


def _any_superseded(session: Session) -> bool:
    """Whether anyone has two archives with a connection list (else no tie can be ended:
    the common case, answered from a table of a few rows)."""
    stmt = (
        select(Source.owner_id)
        .join(SourceSnapshot, SourceSnapshot.source_id == Source.id)
        .where(SourceSnapshot.connections > 0, Source.owner_id.is_not(None))
        .group_by(Source.owner_id)
        .having(func.count() > 1)
        .limit(1)
    )
    return session.execute(stmt).first() is not None


def ended_ties_stmt(me: int | None) -> Select[Any]:
    """(tie id, owner whose newest archive ended it, that archive's as_of), one row per
    ending archive (a tie between two colleagues may be ended by both)."""
    newest = _newest()
    ts, snap = aliased(TieSource), aliased(SourceSnapshot)
    own_ts, own_src = aliased(TieSource), aliased(Source)
    still_seen = (
        select(ts.source_id)
        .outerjoin(snap, snap.source_id == ts.source_id)
        .where(ts.tie_id == Tie.id, or_(snap.as_of.is_(None), snap.as_of >= newest.c.as_of))
    )
    listed_before = (
        select(own_ts.source_id)
        .join(own_src, own_src.id == own_ts.source_id)
        .where(own_ts.tie_id == Tie.id, own_src.owner_id == newest.c.owner_id)
    )
    stmt = (
        select(Tie.id, newest.c.owner_id, newest.c.as_of)
        .join(newest, or_(newest.c.owner_id == Tie.a_id, newest.c.owner_id == Tie.b_id))
        .where(exists(listed_before), ~exists(still_seen))
    )
    if me is not None:
        mine = or_(Tie.a_id == me, Tie.b_id == me)
        stmt = stmt.where(or_(~mine, newest.c.owner_id == me))
    return stmt


def ended_tie_ids(session: Session) -> set[int]:
    return {int(t) for t, _o, _d in session.execute(ended_ties_stmt(me_id(session)))}


def current(session: Session) -> ColumnElement[bool]:
    """A condition on Tie: the tie is not ended (for queries that read ties)."""
    if not _any_superseded(session):
        return true()
    ended = ended_ties_stmt(me_id(session)).with_only_columns(Tie.id)
    return Tie.id.not_in(ended.scalar_subquery())


@dataclass(frozen=True)
class PastTie:
    """A connection a newer archive no longer lists: "connected 2019–2026"."""

    person_id: int
    connected_on: date | None
    last_seen: date | None  # the newest archive that still listed it
    gone_by: date  # the archive that no longer did


def past_ties(session: Session, person_id: int | None = None) -> list[PastTie]:
    """Your ended ties (with `person_id` only), with when they began and were last seen."""
    me = me_id(session)
    if me is None:
        return []
    rows = session.execute(ended_ties_stmt(me)).all()
    ends = {int(t): d for t, o, d in rows if int(o) == me}
    if not ends:
        return []
    ties = session.execute(
        select(Tie.id, Tie.a_id, Tie.b_id, Tie.connected_on).where(Tie.id.in_(sorted(ends)))
    ).all()
    last = dict(
        session.execute(
            select(TieSource.tie_id, func.max(SourceSnapshot.as_of))
            .join(SourceSnapshot, SourceSnapshot.source_id == TieSource.source_id)
            .where(TieSource.tie_id.in_(sorted(ends)))
            .group_by(TieSource.tie_id)
        ).all()
    )
    out = []
    for tid, a, b, since in ties:
        other = int(b) if int(a) == me else int(a)
        if person_id is not None and other != person_id:
            continue
        out.append(PastTie(other, since, last.get(tid), ends[int(tid)]))
    return sorted(out, key=lambda p: p.person_id)


# --- archives' dates ------------------------------------------------------------------------


def save_snapshot(session: Session, source_id: int, as_of: date, connections: int) -> None:
    session.add(SourceSnapshot(source_id=source_id, as_of=as_of, connections=connections))
    session.flush()


@dataclass(frozen=True)
class Snapshot:
    source_id: int
    label: str
    as_of: date
    connections: int


def newest_snapshot(session: Session, owner_id: int, before: int | None = None) -> Snapshot | None:
    """The owner's newest archive with a connection list (leaving out source `before`)."""
    stmt = (
        select(Source.id, Source.label, SourceSnapshot.as_of, SourceSnapshot.connections)
        .join(SourceSnapshot, SourceSnapshot.source_id == Source.id)
        .where(Source.owner_id == owner_id, SourceSnapshot.connections > 0)
        .order_by(SourceSnapshot.as_of.desc(), Source.id.desc())
    )
    if before is not None:
        stmt = stmt.where(Source.id != before)
    row = session.execute(stmt.limit(1)).first()
    return Snapshot(int(row[0]), row[1], row[2], int(row[3])) if row else None


def listed(session: Session, source_id: int, owner_id: int) -> dict[int, date | None]:
    """The people an archive lists as its owner's connections, with the day connected."""
    stmt = (
        select(Tie.a_id, Tie.b_id, TieSource.connected_on)
        .join(TieSource, TieSource.tie_id == Tie.id)
        .where(TieSource.source_id == source_id, or_(Tie.a_id == owner_id, Tie.b_id == owner_id))
    )
    return {(int(b) if int(a) == owner_id else int(a)): day for a, b, day in session.execute(stmt)}


def attested_since(session: Session, tie_ids: list[int], day: date) -> set[int]:
    """Of these ties, those some source attests as of `day` or later (an undated file, a
    GraphML say, always counts as current)."""
    stmt = (
        select(TieSource.tie_id)
        .outerjoin(SourceSnapshot, SourceSnapshot.source_id == TieSource.source_id)
        .where(
            or_(SourceSnapshot.as_of.is_(None), SourceSnapshot.as_of >= day),
        )
    )
    found: set[int] = set()
    for start in range(0, len(tie_ids), 900):
        chunk = tie_ids[start : start + 900]
        found |= {int(t) for t in session.scalars(stmt.where(TieSource.tie_id.in_(chunk)))}
    return found


def ties_of(session: Session, person_id: int) -> dict[int, int]:
    """Everyone tied to a person (ended ties too): other person id -> tie id."""
    stmt = select(Tie.id, Tie.a_id, Tie.b_id).where(
        or_(Tie.a_id == person_id, Tie.b_id == person_id)
    )
    return {
        (int(b) if int(a) == person_id else int(a)): int(t) for t, a, b in session.execute(stmt)
    }


# --- changes --------------------------------------------------------------------------------


def save_changes(session: Session, rows: list[dict[str, Any]]) -> None:
    if rows:  # one executemany, without the ORM's per-object bookkeeping
        session.execute(insert(NetworkChange), rows)


@dataclass(frozen=True)
class Change:
    kind: str
    person_id: int
    key: str
    name: str
    company: tuple[str | None, str | None]
    position: tuple[str | None, str | None]
    seen: date
    source_id: int
    owner_key: str | None


def changes(session: Session, since: date | None = None) -> list[Change]:
    """Every change imports recorded, newest first (by the date seen)."""
    owner = aliased(Person)
    stmt = (
        select(NetworkChange, Person.key, Person.name, owner.key)
        .join(Person, Person.id == NetworkChange.person_id)
        .join(Source, Source.id == NetworkChange.source_id)
        .outerjoin(owner, owner.id == Source.owner_id)
        .order_by(NetworkChange.seen.desc(), NetworkChange.id)
    )
    if since is not None:
        stmt = stmt.where(NetworkChange.seen >= since)
    return [
        Change(
            c.kind,
            c.person_id,
            key,
            name or "",
            (c.company_old, c.company_new),
            (c.position_old, c.position_new),
            c.seen,
            c.source_id,
            owner_key,
        )
        for c, key, name, owner_key in session.execute(stmt).all()
    ]


def source_owner(session: Session, source_id: int) -> int | None:
    """Whose archive the source is (None: not known)."""
    return session.scalar(select(Source.owner_id).where(Source.id == source_id))


def roles_of(session: Session, ids: Sequence[int]) -> dict[int, tuple[str | None, str | None]]:
    """person id -> (company, position) as stored now."""
    out: dict[int, tuple[str | None, str | None]] = {}
    for part in chunks(ids):
        stmt = select(Person.id, Person.company, Person.position).where(Person.id.in_(part))
        out.update({int(i): (c, p) for i, c, p in session.execute(stmt)})
    return out
