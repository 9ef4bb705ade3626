"""The user's own data: groups, follow-up settings, touches, notes, tags, goals, templates.

Imports never write these tables; only the user (through services) does.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import delete, func, insert, select
from sqlalchemy.orm import Session

from netview.core import ids
from netview.core.errors import NetViewError
from netview.store.models import (
    FollowUp,
    Goal,
    Group,
    GroupMember,
    IntroTemplate,
    Note,
    PersonTag,
    Tag,
    Touch,
)


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


def followup_setting(session: Session, person_id: int) -> tuple[int | None, date | None]:
    """(cadence_days, snoozed_until) of one person; (None, None) without a settings row."""
    row = session.execute(
        select(FollowUp.cadence_days, FollowUp.snoozed_until).where(FollowUp.person_id == person_id)
    ).first()
    return (row[0], row[1]) if row is not None else (None, None)


def has_followup_setting(session: Session, person_id: int) -> bool:
    """Whether the person has a settings row (a cadence, "off", or a snooze)."""
    found = session.execute(select(FollowUp.person_id).where(FollowUp.person_id == person_id))
    return found.first() is not None


def group_cadences_of(session: Session, person_id: int) -> list[int]:
    """The cadences of the user's groups the person is in (groups without one left out)."""
    rows = session.execute(
        select(Group.cadence_days)
        .join(GroupMember, GroupMember.group_id == Group.id)
        .where(GroupMember.person_id == person_id, Group.cadence_days.is_not(None))
    )
    return [int(c) for (c,) in rows if c is not None]


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


def add_touch(session: Session, person_id: int, at: datetime, note: str | None = None) -> int:
    touch = Touch(person_id=person_id, at=at, note=note)
    session.add(touch)
    session.flush()
    return int(touch.id)


def delete_touch(session: Session, touch_id: int) -> None:
    session.execute(delete(Touch).where(Touch.id == touch_id))


def touches_of(session: Session, person_id: int) -> list[tuple[datetime, str | None]]:
    rows = session.execute(
        select(Touch.at, Touch.note).where(Touch.person_id == person_id).order_by(Touch.at)
    ).all()
    return [(at, note) for at, note in rows]


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


def _fits(kind: str, name: str) -> str:
    """A group's, tag's or template's name, refused past ids.MAX_KEY characters: names are
    indexed, and PostgreSQL's indexes hold what SQLite's do only up to about that."""
    if len(name) > ids.MAX_KEY:
        raise NetViewError(f"a {kind} name may have at most {ids.MAX_KEY} characters")
    return name


def create_group(session: Session, name: str, color: str | None = None) -> int:
    _fits("group", name)
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
        g.name = _fits("group", name)
    if color is not None:
        g.color = color
    if cadence_days is not None or clear_cadence:
        g.cadence_days = cadence_days


def delete_group(session: Session, gid: int) -> None:
    session.execute(delete(GroupMember).where(GroupMember.group_id == gid))
    session.execute(delete(Group).where(Group.id == gid))


def add_members(session: Session, gid: int, person_ids: list[int]) -> list[int]:
    """Add people to a group in one statement; returns those who were not members yet."""
    have = set(group_member_ids(session, gid))
    new = [pid for pid in dict.fromkeys(person_ids) if pid not in have]
    if new:
        session.execute(insert(GroupMember), [{"group_id": gid, "person_id": p} for p in new])
    return new


def remove_members(session: Session, gid: int, person_ids: list[int]) -> list[int]:
    """Take people out of a group; returns those who were members."""
    have = set(group_member_ids(session, gid))
    gone = [pid for pid in dict.fromkeys(person_ids) if pid in have]
    for start in range(0, len(gone), 900):  # SQLite's bound-variable limit
        session.execute(
            delete(GroupMember).where(
                GroupMember.group_id == gid,
                GroupMember.person_id.in_(gone[start : start + 900]),
            )
        )
    return gone


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
    _fits("template", name)
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


def groups_of(session: Session, person_id: int) -> list[str]:
    """Names of the user groups `person_id` belongs to."""
    rows = session.execute(
        select(Group.name)
        .join(GroupMember, GroupMember.group_id == Group.id)
        .where(GroupMember.person_id == person_id)
        .order_by(Group.name)
    ).scalars()
    return [str(n) for n in rows]


def group_member_map(session: Session) -> dict[str, list[int]]:
    """Every user group's name -> its members' person ids."""
    rows = session.execute(
        select(Group.name, GroupMember.person_id).join(
            GroupMember, GroupMember.group_id == Group.id
        )
    ).all()
    out: dict[str, list[int]] = {}
    for name, pid in rows:
        out.setdefault(str(name), []).append(int(pid))
    return out


# --- notes ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class NoteRow:
    id: int
    person_id: int
    body: str
    created_at: datetime
    updated_at: datetime


def notes_of(session: Session, person_id: int) -> list[NoteRow]:
    rows = session.execute(
        select(Note.id, Note.person_id, Note.body, Note.created_at, Note.updated_at)
        .where(Note.person_id == person_id)
        .order_by(Note.created_at, Note.id)
    ).all()
    return [NoteRow(int(i), int(p), str(b), c, u) for i, p, b, c, u in rows]


def add_note(session: Session, person_id: int, body: str, at: datetime) -> int:
    note = Note(person_id=person_id, body=body, created_at=at, updated_at=at)
    session.add(note)
    session.flush()
    return int(note.id)


def update_note(session: Session, note_id: int, body: str, at: datetime) -> None:
    note = session.get(Note, note_id)
    if note is None:
        raise KeyError(note_id)
    note.body = body
    note.updated_at = at


def get_note(session: Session, note_id: int) -> NoteRow | None:
    n = session.get(Note, note_id)
    if n is None:
        return None
    return NoteRow(int(n.id), int(n.person_id), n.body, n.created_at, n.updated_at)


def restore_note(session: Session, row: NoteRow) -> None:
    """Put a deleted note back with its id and dates (undo of a delete)."""
    session.add(
        Note(
            id=row.id,
            person_id=row.person_id,
            body=row.body,
            created_at=row.created_at,
            updated_at=row.updated_at,
        )
    )


def delete_note(session: Session, note_id: int) -> None:
    session.execute(delete(Note).where(Note.id == note_id))


# --- tags ----------------------------------------------------------------------------------


def tag_id(session: Session, name: str, create: bool = False) -> int | None:
    tid = session.execute(select(Tag.id).where(Tag.name == name)).scalar_one_or_none()
    if tid is None and create:
        tag = Tag(name=_fits("tag", name))
        session.add(tag)
        session.flush()
        return int(tag.id)
    return int(tid) if tid is not None else None


def tags_of(session: Session, person_id: int) -> list[str]:
    rows = session.execute(
        select(Tag.name)
        .join(PersonTag, PersonTag.tag_id == Tag.id)
        .where(PersonTag.person_id == person_id)
        .order_by(Tag.name)
    ).scalars()
    return [str(n) for n in rows]


def all_tags(session: Session) -> dict[str, int]:
    """Every tag in use -> how many people carry it."""
    rows = session.execute(
        select(Tag.name, func.count(PersonTag.person_id))
        .join(PersonTag, PersonTag.tag_id == Tag.id)
        .group_by(Tag.name)
        .order_by(Tag.name)
    ).all()
    return {str(n): int(k) for n, k in rows}


def add_person_tag(session: Session, person_id: int, tid: int) -> None:
    if session.get(PersonTag, (person_id, tid)) is None:
        session.add(PersonTag(person_id=person_id, tag_id=tid))


def remove_person_tag(session: Session, person_id: int, tid: int) -> None:
    session.execute(
        delete(PersonTag).where(PersonTag.person_id == person_id, PersonTag.tag_id == tid)
    )


# --- goals ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class GoalRow:
    id: int
    kind: str
    target: int
    period: str
    topic: str | None


def goals(session: Session) -> list[GoalRow]:
    rows = session.execute(
        select(Goal.id, Goal.kind, Goal.target, Goal.period, Goal.topic).order_by(Goal.id)
    ).all()
    return [GoalRow(int(i), str(k), int(t), str(p), tp) for i, k, t, p, tp in rows]


def add_goal(
    session: Session, kind: str, target: int, period: str, topic: str | None, goal_id: int | None
) -> int:
    goal = Goal(
        id=goal_id, kind=kind, target=target, period=period, topic=topic, created_at=datetime.now()
    )
    session.add(goal)
    session.flush()
    return int(goal.id)


def delete_goal(session: Session, goal_id: int) -> None:
    session.execute(delete(Goal).where(Goal.id == goal_id))
