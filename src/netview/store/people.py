"""Single-person edits: the private flag, deleting a person, adding one.

Finding a person by key, and who an id is, live in netview.store.keys (one lookup).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from netview.store.importing import ME_KEY, insert_ignore, me_id
from netview.store.models import Meta, Person, PersonPrivate


def set_private(session: Session, person_id: int, private: bool) -> None:
    # One flag per member (the owner column defaults to the login); others' flags are theirs.
    if private:
        insert_ignore(session, PersonPrivate.__table__, [{"person_id": person_id}])  # type: ignore[arg-type]
    else:
        session.execute(delete(PersonPrivate).where(PersonPrivate.person_id == person_id))


def private_ids(session: Session) -> set[int]:
    return set(session.scalars(select(PersonPrivate.person_id)))


def delete_person(session: Session, person_id: int) -> None:
    """Remove a person and, through the foreign keys, everything about them."""
    if me_id(session) == person_id:
        session.execute(delete(Meta).where(Meta.key == ME_KEY))
    session.execute(delete(Person).where(Person.id == person_id))


def is_private(session: Session, person_id: int) -> bool:
    stmt = select(PersonPrivate.person_id).where(PersonPrivate.person_id == person_id)
    return session.scalar(stmt) is not None


def add_person(session: Session, key: str, url: str | None) -> int:
    """A person known so far only by key (a new team member before their import)."""
    person = Person(key=key, url=url, created_at=datetime.now())
    session.add(person)
    session.flush()
    return int(person.id)


def contact_rows(session: Session) -> list[tuple[str, str, str, str]]:
    """(key, name, company, e-mail) of everyone, by key: the duplicate finder's evidence."""
    stmt = select(Person.key, Person.name, Person.company, Person.email).order_by(Person.key)
    return [(k, n or "", c or "", e or "") for k, n, c, e in session.execute(stmt)]


def people_described(session: Session) -> list[tuple[int, str, str, str, str, str]]:
    """(id, key, name, company, position, headline) of everyone but you: enough to tell
    namesakes apart when choosing one."""
    me = me_id(session)
    stmt = select(
        Person.id, Person.key, Person.name, Person.company, Person.position, Person.headline
    ).order_by(Person.name, Person.key)
    return [
        (int(i), str(k), n or "", c or "", p or "", h or "")
        for i, k, n, c, p, h in session.execute(stmt)
        if i != me
    ]


def people_brief(session: Session) -> list[tuple[str, str, str | None]]:
    """(key, name, company) of everyone, for choosing a person by name."""
    stmt = select(Person.key, Person.name, Person.company).order_by(Person.name, Person.key)
    return [(k, n or "", c) for k, n, c in session.execute(stmt)]
