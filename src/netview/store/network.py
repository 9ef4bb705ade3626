"""Read queries of the whole network: for drawing it, and bulk reads for analytics.

The analytics reads return plain tuples or numpy arrays so that 100,000 people load in
well under a second; netview.services turns them into a netview.graph Network.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, cast

import numpy as np
import numpy.typing as npt
from sqlalchemy import and_, case, func, select
from sqlalchemy.orm import Session
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.expression import ClauseElement

from netview.core import ids
from netview.store import lock_holders
from netview.store.evidence import last_with_people
from netview.store.history import current
from netview.store.importing import me_id
from netview.store.models import (
    Group,
    GroupMember,
    Interaction,
    InteractionTarget,
    InteractionText,
    Person,
    PersonSource,
    Source,
    Tie,
    Touch,
)
from netview.store.team import own_text


@dataclass(frozen=True)
class PeopleColumns:
    ids: npt.NDArray[np.int64]
    keys: list[str]
    names: list[str]
    companies: list[str | None]
    positions: list[str | None]


@dataclass(frozen=True)
class TieColumns:
    a_ids: npt.NDArray[np.int64]
    b_ids: npt.NDArray[np.int64]
    connected_day: npt.NDArray[np.float64]  # date.toordinal() of connected_on, NaN unknown


@dataclass(frozen=True)
class PairColumns:
    """What each actor did to each target, per kind (row k of every column): how often,
    first and last time, and how many carried a body (an invitation's personal note)."""

    actor_ids: npt.NDArray[np.int64]
    target_ids: npt.NDArray[np.int64]
    kinds: list[str]
    counts: list[int]
    first_at: list[datetime | None]
    last_at: list[datetime | None]
    with_text: list[int]

    def __len__(self) -> int:
        return int(self.actor_ids.size)


def owner_id(session: Session) -> int | None:
    """The person id of "you", or None before the owner's own archive is imported."""
    return me_id(session)


# Bulk reads go straight to the driver's cursor: at 250,000 rows SQLAlchemy's row objects,
# and on SQLite its date parsing (a regular expression per value), cost more than the
# query itself. The statements are still built with SQLAlchemy, so they are the same SQL.


def _rows(session: Session, stmt: ClauseElement) -> list[tuple[Any, ...]]:
    conn = session.connection()
    compiled = cast(SQLCompiler, stmt.compile(dialect=conn.dialect))
    params = compiled.params
    args: Any = (
        tuple(params[name] for name in compiled.positiontup or ())
        if compiled.positional
        else params
    )
    statement = str(compiled)
    cursor = conn.connection.driver_connection.cursor()  # type: ignore[union-attr]
    try:
        with lock_holders.driver_errors(conn, statement):
            cursor.execute(statement, args)
            return list(cursor.fetchall())
    finally:
        cursor.close()


def _when(value: Any) -> datetime | None:
    """A timestamp as the driver gives it (SQLite: text) as a datetime."""
    if value is None or isinstance(value, datetime):
        return value
    return datetime.fromisoformat(str(value))


def people_columns(session: Session, *, own_contacts: bool = True) -> PeopleColumns:
    """Everyone, by id; `own_contacts` False leaves out the people you kept from your own
    calendar and mailbox (they are your private evidence)."""
    stmt = select(
        Person.id, Person.key, Person.name, Person.company, Person.position, Person.headline
    )
    if not own_contacts:
        stmt = stmt.where(Person.key.not_like(f"{ids.CONTACT_PREFIX}%"))
    rows = _rows(session, stmt.order_by(Person.id))
    return PeopleColumns(
        ids=np.fromiter((r[0] for r in rows), dtype=np.int64, count=len(rows)),
        keys=[r[1] for r in rows],
        names=[r[2] or "" for r in rows],
        companies=[r[3] for r in rows],
        positions=[r[4] for r in rows],
    )


_JULIAN_ORDINAL = 1721424.5  # julianday('0001-01-01') - 1: julian day -> date.toordinal()


def tie_columns(session: Session) -> TieColumns:
    if session.get_bind().dialect.name == "sqlite":
        # SQLite computes the day number itself: no Python date objects for 100,000 rows.
        day = func.julianday(Tie.connected_on) - _JULIAN_ORDINAL
        rows = _rows(
            session, select(Tie.a_id, Tie.b_id, day).where(current(session)).order_by(Tie.id)
        )
        days = [r[2] for r in rows]
    else:
        stmt = select(Tie.a_id, Tie.b_id, Tie.connected_on).where(current(session))
        rows = _rows(session, stmt.order_by(Tie.id))
        days = [r[2].toordinal() if r[2] is not None else None for r in rows]
    return TieColumns(
        a_ids=np.fromiter((r[0] for r in rows), dtype=np.int64, count=len(rows)),
        b_ids=np.fromiter((r[1] for r in rows), dtype=np.int64, count=len(rows)),
        connected_day=np.array([np.nan if d is None else d for d in days], dtype=np.float64),
    )


def pair_aggregates(session: Session) -> PairColumns:
    """Interactions summed per (actor, target, kind): the evidence of every relationship."""
    has_text = case(
        (
            and_(
                InteractionText.body.is_not(None), func.length(func.trim(InteractionText.body)) > 0
            ),
            1,
        ),
        else_=0,
    )
    stmt = (
        select(
            Interaction.actor_id,
            InteractionTarget.person_id,
            Interaction.kind,
            func.count(),
            func.min(Interaction.occurred_at),
            func.max(Interaction.occurred_at),
            func.sum(has_text),
        )
        .join(InteractionTarget, InteractionTarget.interaction_id == Interaction.id)
        # Only your own texts count (a teammate's invitation notes are theirs).
        .outerjoin(InteractionText, own_text(session))
        .where(InteractionTarget.person_id != Interaction.actor_id)
        .group_by(Interaction.actor_id, InteractionTarget.person_id, Interaction.kind)
    )
    rows = _rows(session, stmt)
    return PairColumns(
        actor_ids=np.fromiter((r[0] for r in rows), dtype=np.int64, count=len(rows)),
        target_ids=np.fromiter((r[1] for r in rows), dtype=np.int64, count=len(rows)),
        kinds=[str(r[2]) for r in rows],
        counts=[int(r[3]) for r in rows],
        first_at=[_when(r[4]) for r in rows],
        last_at=[_when(r[5]) for r in rows],
        with_text=[int(r[6] or 0) for r in rows],
    )


def last_touches(session: Session) -> dict[int, datetime]:
    """Newest hand-logged touch per person."""
    rows = session.execute(select(Touch.person_id, func.max(Touch.at)).group_by(Touch.person_id))
    return {int(p): at for p, at in rows.all() if at is not None}


def person_source_labels(session: Session) -> list[tuple[int, str]]:
    """(person id, label of an export that lists them), for "came from" groups."""
    rows = session.execute(
        select(PersonSource.person_id, Source.label).join(
            Source, Source.id == PersonSource.source_id
        )
    ).all()
    return [(int(p), str(label)) for p, label in rows]


def group_memberships(session: Session) -> list[tuple[int, int]]:
    """(group id, person id) of every user-made group."""
    rows = session.execute(select(GroupMember.group_id, GroupMember.person_id)).all()
    return [(int(g), int(p)) for g, p in rows]


def group_cadences(session: Session) -> dict[int, int]:
    rows = session.execute(
        select(Group.id, Group.cadence_days).where(Group.cadence_days.is_not(None))
    ).all()
    return {int(g): int(c) for g, c in rows if c is not None}


def owner_last_contacts(session: Session, me: int) -> dict[int, datetime]:
    """Newest contact between you and each person, either way, of any kind.

    Counts interactions you did to them or they did to you, every message of a conversation
    you both took part in (group threads included), touches you logged by hand, and the
    meetings and e-mails of your own calendar and mailbox.
    """
    it = InteractionTarget
    out: dict[int, datetime] = {}

    def keep(pid: int, at: datetime | None) -> None:
        if at is not None and pid != me and (pid not in out or at > out[pid]):
            out[pid] = at

    # you did it to them
    rows = session.execute(
        select(it.person_id, func.max(Interaction.occurred_at))
        .join(Interaction, Interaction.id == it.interaction_id)
        .where(Interaction.actor_id == me)
        .group_by(it.person_id)
    ).all()
    for pid, at in rows:
        keep(int(pid), at)
    # they did it to you
    rows = session.execute(
        select(Interaction.actor_id, func.max(Interaction.occurred_at))
        .join(it, it.interaction_id == Interaction.id)
        .where(it.person_id == me)
        .group_by(Interaction.actor_id)
    ).all()
    for pid, at in rows:
        keep(int(pid), at)
    # conversations you are part of: their newest message is contact with everyone in them
    members = (
        select(Interaction.conversation_id.label("cid"), Interaction.actor_id.label("pid"))
        .where(Interaction.conversation_id.is_not(None))
        .union(
            select(Interaction.conversation_id, it.person_id)
            .join(it, it.interaction_id == Interaction.id)
            .where(Interaction.conversation_id.is_not(None))
        )
        .subquery()
    )
    last = (
        select(
            Interaction.conversation_id.label("cid"), func.max(Interaction.occurred_at).label("at")
        )
        .where(Interaction.conversation_id.is_not(None))
        .group_by(Interaction.conversation_id)
        .subquery()
    )
    mine = select(members.c.cid).where(members.c.pid == me)
    rows = session.execute(
        select(members.c.pid, func.max(last.c.at))
        .join(last, last.c.cid == members.c.cid)
        .where(members.c.cid.in_(mine))
        .group_by(members.c.pid)
    ).all()
    for pid, at in rows:
        # max() over a subquery column loses the DateTime type on SQLite: parse the text
        keep(int(pid), at if isinstance(at, datetime) or at is None else datetime.fromisoformat(at))
    for pid, at in last_touches(session).items():
        keep(pid, at)
    # meetings and e-mails of your own calendar and mailbox: you took part in every one
    for pid, at in last_with_people(session).items():
        keep(pid, at)
    return out


# --- for drawing the map (netview.services.mapping.mapmodel) --------------------------------------


@dataclass(frozen=True)
class PersonRow:
    id: int
    name: str
    company: str
    position: str


def people(session: Session) -> list[PersonRow]:
    rows = session.execute(
        select(Person.id, Person.name, Person.company, Person.position).order_by(Person.id)
    )
    return [
        PersonRow(i, name or "", company or "", position or "")
        for i, name, company, position in rows
    ]


def ties(session: Session) -> list[tuple[int, int]]:
    return [(a, b) for a, b in session.execute(select(Tie.a_id, Tie.b_id).where(current(session)))]


def group_of_people(session: Session) -> dict[int, tuple[str, str | None]]:
    """person id -> (group name, colour) for people in a user group (first group wins)."""
    rows = session.execute(
        select(GroupMember.person_id, Group.name, Group.color)
        .join(Group, Group.id == GroupMember.group_id)
        .order_by(Group.id)
    )
    found: dict[int, tuple[str, str | None]] = {}
    for person_id, name, color in rows:
        found.setdefault(person_id, (name, color))
    return found


def counts(session: Session) -> tuple[int, int]:
    """(people, ties) in the database."""
    n_people = session.scalar(select(func.count()).select_from(Person)) or 0
    n_ties = session.scalar(select(func.count()).select_from(Tie).where(current(session))) or 0
    return int(n_people), int(n_ties)
