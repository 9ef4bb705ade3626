"""Read queries for drawing the network: people, ties and who the owner is."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from netview.store.models import Group, GroupMember, Meta, Person, Tie

OWNER_KEY = "me_person_id"


@dataclass(frozen=True)
class PersonRow:
    id: int
    name: str
    company: str
    position: str


def owner_id(session: Session) -> int | None:
    value = session.scalar(select(Meta.value).where(Meta.key == OWNER_KEY))
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


def people(session: Session) -> list[PersonRow]:
    rows = session.execute(
        select(Person.id, Person.name, Person.company, Person.position).order_by(Person.id)
    )
    return [
        PersonRow(i, name or "", company or "", position or "")
        for i, name, company, position in rows
    ]


def ties(session: Session) -> list[tuple[int, int]]:
    return [(a, b) for a, b in session.execute(select(Tie.a_id, Tie.b_id))]


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
    n_ties = session.scalar(select(func.count()).select_from(Tie)) or 0
    return int(n_people), int(n_ties)
