"""Read queries about one person (profile, shared history) and about your invitations."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session, aliased

from netview.store.history import current
from netview.store.models import Interaction, InteractionTarget, InteractionText, Person, Tie
from netview.store.team import own_text


@dataclass(frozen=True)
class ProfileRow:
    id: int
    key: str
    name: str
    url: str | None
    company: str | None
    position: str | None
    headline: str | None
    location: str | None


def profile(session: Session, person_id: int) -> ProfileRow | None:
    p = session.get(Person, person_id)
    if p is None:
        return None
    return ProfileRow(
        int(p.id), p.key, p.name or "", p.url, p.company, p.position, p.headline, p.location
    )


def keys_and_urls(session: Session, person_ids: list[int]) -> dict[int, tuple[str, str | None]]:
    """person id -> (key, stored profile URL) of many people, a few queries in all (one per
    person was a third of the Follow-ups panel's read at start-up)."""
    out: dict[int, tuple[str, str | None]] = {}
    for start in range(0, len(person_ids), 500):
        chunk = person_ids[start : start + 500]
        rows = session.execute(
            select(Person.id, Person.key, Person.url).where(Person.id.in_(chunk))
        )
        out.update({int(pid): (key, url) for pid, key, url in rows})
    return out


@dataclass(frozen=True)
class EventRow:
    """One interaction between you and someone: `outgoing` when you were the actor."""

    kind: str
    at: datetime | None
    outgoing: bool
    subject: str | None
    body: str | None


def shared_history(session: Session, me: int, other: int) -> list[EventRow]:
    """Interactions between you and `other`, either way, oldest first."""
    it = InteractionTarget
    rows = session.execute(
        select(
            Interaction.kind,
            Interaction.occurred_at,
            Interaction.actor_id,
            InteractionText.subject,
            InteractionText.body,
        )
        .join(it, it.interaction_id == Interaction.id)
        # Texts are per member: yours, or none when only a teammate's archive had them.
        .outerjoin(InteractionText, own_text(session))
        .where(
            or_(
                (Interaction.actor_id == me) & (it.person_id == other),
                (Interaction.actor_id == other) & (it.person_id == me),
            )
        )
        # One row per distinct event, in the order of its first copy: GROUP BY rather than
        # DISTINCT, which PostgreSQL cannot order by a column it does not select.
        .group_by(
            Interaction.kind,
            Interaction.occurred_at,
            Interaction.actor_id,
            InteractionText.subject,
            InteractionText.body,
        )
        .order_by(Interaction.occurred_at, func.min(Interaction.id))
    ).all()
    return [EventRow(str(k), at, int(a) == me, s, b) for k, at, a, s, b in rows]


@dataclass(frozen=True)
class InvitationRow:
    other_id: int
    name: str
    key: str
    sent: bool  # True: you invited them; False: they invited you
    at: datetime | None
    message: str | None
    connected: bool  # a tie exists now


def invitations(session: Session, me: int) -> list[InvitationRow]:
    """Connection requests you sent and received, newest first, with whether a tie exists."""
    it = InteractionTarget
    other = aliased(Person)
    rows = session.execute(
        select(
            Interaction.actor_id,
            it.person_id,
            Interaction.occurred_at,
            InteractionText.body,
        )
        .join(it, it.interaction_id == Interaction.id)
        .outerjoin(InteractionText, own_text(session))
        .where(
            Interaction.kind == "invitation",
            or_(Interaction.actor_id == me, it.person_id == me),
            Interaction.actor_id != it.person_id,
        )
        .order_by(Interaction.occurred_at.desc(), Interaction.id)
    ).all()
    others = {int(t) if int(a) == me else int(a) for a, t, _, _ in rows}
    info = {
        int(i): (n or "", k)
        for i, n, k in session.execute(
            select(other.id, other.name, other.key).where(other.id.in_(sorted(others)))
        ).all()
    }
    tied: set[int] = set()
    if others:
        found = session.execute(
            select(Tie.a_id, Tie.b_id).where(or_(Tie.a_id == me, Tie.b_id == me), current(session))
        ).all()
        tied = {int(b) if int(a) == me else int(a) for a, b in found}
    out = []
    for a, t, at, body in rows:
        o = int(t) if int(a) == me else int(a)
        name, key = info.get(o, ("", ""))
        out.append(InvitationRow(o, name, key, int(a) == me, at, body, o in tied))
    return out
