"""Read queries for exports: people with everything the user keeps about them, ties, contacts."""

from __future__ import annotations

import secrets
from datetime import date, datetime
from typing import Any

from sqlalchemy import delete, func, insert, or_, select
from sqlalchemy.orm import Session

from netview.core import ids
from netview.store.history import current
from netview.store.models import (
    FollowUp,
    Group,
    GroupMember,
    Interaction,
    InteractionTarget,
    MemberSecret,
    Meta,
    Note,
    Person,
    PersonPrivate,
    Tie,
    Touch,
)
from netview.store.team import is_postgresql

SECRET_KEY = "anonymize_secret"  # in meta, before migration 0011
SECRET_NAME = "anonymize"  # in member_secret


def people(session: Session) -> list[dict[str, Any]]:
    """Person rows, each with `private`: whether you flagged them (your flag, not others'),
    or kept them from your own mailbox or calendar (always private, whatever the flag)."""
    tbl = Person.__table__
    flagged = select(PersonPrivate.person_id).where(PersonPrivate.person_id == tbl.c.id).exists()
    private = or_(flagged, tbl.c.key.like(f"{ids.CONTACT_PREFIX}%"))
    stmt = select(tbl, private.label("private")).order_by(tbl.c.id)
    return [dict(row) for row in session.execute(stmt).mappings()]


def ties(session: Session) -> list[tuple[int, int, date | None]]:
    stmt = select(Tie.a_id, Tie.b_id, Tie.connected_on).where(current(session))
    return [(a, b, d) for a, b, d in session.execute(stmt)]


def groups(session: Session) -> list[tuple[int, str, str | None, int | None]]:
    stmt = select(Group.id, Group.name, Group.color, Group.cadence_days).order_by(Group.id)
    return [(i, n, c, d) for i, n, c, d in session.execute(stmt)]


def group_members(session: Session) -> list[tuple[int, int]]:
    """(group id, person id) pairs."""
    return [(g, p) for g, p in session.execute(select(GroupMember.group_id, GroupMember.person_id))]


def notes(session: Session) -> dict[int, list[str]]:
    out: dict[int, list[str]] = {}
    for pid, body in session.execute(select(Note.person_id, Note.body).order_by(Note.id)):
        out.setdefault(pid, []).append(body)
    return out


def followups(session: Session) -> dict[int, tuple[int | None, date | None]]:
    stmt = select(FollowUp.person_id, FollowUp.cadence_days, FollowUp.snoozed_until)
    return {p: (c, s) for p, c, s in session.execute(stmt)}


def contacts(
    session: Session, me: int | None
) -> dict[tuple[int, int], tuple[int, datetime | None]]:
    """(a < b) -> (how many interactions between them, the latest), touches counted with you."""
    out: dict[tuple[int, int], tuple[int, datetime | None]] = {}

    def add(a: int, b: int, n: int, last: datetime | None) -> None:
        if a == b:
            return
        key = (min(a, b), max(a, b))
        count, seen = out.get(key, (0, None))
        latest = max((d for d in (seen, last) if d is not None), default=None)
        out[key] = (count + n, latest)

    stmt = (
        select(
            Interaction.actor_id,
            InteractionTarget.person_id,
            func.count(),
            func.max(Interaction.occurred_at),
        )
        .join(InteractionTarget, InteractionTarget.interaction_id == Interaction.id)
        .group_by(Interaction.actor_id, InteractionTarget.person_id)
    )
    for a, b, n, last in session.execute(stmt):
        add(a, b, int(n), _as_datetime(last))
    if me is not None:
        touches = select(Touch.person_id, func.count(), func.max(Touch.at)).group_by(
            Touch.person_id
        )
        for pid, n, last in session.execute(touches):
            add(me, pid, int(n), _as_datetime(last))
    return out


def _as_datetime(value: Any) -> datetime | None:
    # func.max() loses the column type on SQLite: the text comes back as stored.
    if value is None or isinstance(value, datetime):
        return value
    return datetime.fromisoformat(str(value))


def anonymize_secret(session: Session) -> bytes:
    """This login's own secret for pseudonyms, made on first use (stable afterwards).

    A private row (row-level security keeps it to its member on a server). A backup made
    before migration 0011 restores its secret into meta: on SQLite, one user's, it is
    taken over; on a server, meta is shared, so it is never used there."""
    value = session.scalar(select(MemberSecret.value).where(MemberSecret.name == SECRET_NAME))
    if value is None:
        value = None if is_postgresql(session) else _legacy_secret(session)
        value = value or secrets.token_hex(32)
        # Core insert: the owner (part of the key) is the server's to fill in.
        session.execute(insert(MemberSecret).values(name=SECRET_NAME, value=value))
    return bytes.fromhex(value)


def _legacy_secret(session: Session) -> str | None:
    value = session.scalar(select(Meta.value).where(Meta.key == SECRET_KEY))
    if value is not None:
        session.execute(delete(Meta).where(Meta.key == SECRET_KEY))
    return value
