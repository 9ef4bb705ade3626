"""The user's own data: groups, follow-up settings, logged touches, message templates.

Imports never write these tables; only the user (through services) does.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from netview.store.models import FollowUp, Group, GroupMember, IntroTemplate, Touch


@dataclass(frozen=True)
class GroupRow:
    id: int
    name: str
    color: str | None
    cadence_days: int | None
    size: int


# --- follow-ups ----------------------------------------------------------------------------


def followup_settings(session: Session) -> dict[int, tuple[int | None, date | None]]:
    """person id -> (cadence_days, snoozed_until) for everyone with a settings row."""
    rows = session.execute(
        select(FollowUp.person_id, FollowUp.cadence_days, FollowUp.snoozed_until)
    ).all()
    return {int(p): (c, s) for p, c, s in rows}


def _followup(session: Session, person_id: int) -> FollowUp:
    row = session.get(FollowUp, person_id)
    if row is None:
        row = FollowUp(person_id=person_id, cadence_days=None, snoozed_until=None)
        session.add(row)
    return row


def set_cadence(session: Session, person_id: int, days: int | None) -> None:
    """days None: inherit from groups; 0: explicitly off; n: every n days."""
    _followup(session, person_id).cadence_days = days


def set_snooze(session: Session, person_id: int, until: date | None) -> None:
    _followup(session, person_id).snoozed_until = until


def add_touch(session: Session, person_id: int, at: datetime, note: str | None = None) -> None:
    session.add(Touch(person_id=person_id, at=at, note=note))


# --- groups --------------------------------------------------------------------------------


def list_groups(session: Session) -> list[GroupRow]:
    size = (
        select(GroupMember.group_id, func.count().label("n"))
        .group_by(GroupMember.group_id)
        .subquery()
    )
    rows = session.execute(
        select(Group.id, Group.name, Group.color, Group.cadence_days, size.c.n)
        .outerjoin(size, size.c.group_id == Group.id)
        .order_by(Group.name)
    ).all()
    return [GroupRow(int(i), str(n), c, cd, int(k or 0)) for i, n, c, cd, k in rows]


def group_id(session: Session, name: str) -> int | None:
    gid = session.execute(select(Group.id).where(Group.name == name)).scalar_one_or_none()
    return int(gid) if gid is not None else None


def create_group(session: Session, name: str, color: str | None = None) -> int:
    g = Group(name=name, color=color, cadence_days=None, created_at=datetime.now())
    session.add(g)
    session.flush()
    return int(g.id)


def update_group(
    session: Session,
    gid: int,
    *,
    name: str | None = None,
    color: str | None = None,
    cadence_days: int | None = None,
    clear_cadence: bool = False,
) -> None:
    g = session.get(Group, gid)
    if g is None:
        raise KeyError(gid)
    if name is not None:
        g.name = name
    if color is not None:
        g.color = color
    if cadence_days is not None or clear_cadence:
        g.cadence_days = cadence_days


def delete_group(session: Session, gid: int) -> None:
    session.execute(delete(GroupMember).where(GroupMember.group_id == gid))
    session.execute(delete(Group).where(Group.id == gid))


def add_members(session: Session, gid: int, person_ids: list[int]) -> None:
    have = set(
        session.execute(select(GroupMember.person_id).where(GroupMember.group_id == gid))
        .scalars()
        .all()
    )
    for pid in dict.fromkeys(person_ids):
        if pid not in have:
            session.add(GroupMember(group_id=gid, person_id=pid))


def remove_members(session: Session, gid: int, person_ids: list[int]) -> None:
    session.execute(
        delete(GroupMember).where(
            GroupMember.group_id == gid, GroupMember.person_id.in_(person_ids)
        )
    )


def group_member_ids(session: Session, gid: int) -> list[int]:
    rows = session.execute(
        select(GroupMember.person_id)
        .where(GroupMember.group_id == gid)
        .order_by(GroupMember.person_id)
    ).scalars()
    return [int(p) for p in rows]


# --- introduction templates ----------------------------------------------------------------


def templates(session: Session) -> dict[str, str]:
    rows = session.execute(select(IntroTemplate.name, IntroTemplate.body)).all()
    return {str(n): str(b) for n, b in rows}


def save_template(session: Session, name: str, body: str) -> None:
    row = session.execute(
        select(IntroTemplate).where(IntroTemplate.name == name)
    ).scalar_one_or_none()
    if row is None:
        session.add(IntroTemplate(name=name, body=body, updated_at=datetime.now()))
    else:
        row.body = body
        row.updated_at = datetime.now()


def delete_template(session: Session, name: str) -> None:
    session.execute(delete(IntroTemplate).where(IntroTemplate.name == name))
