"""Single-person edits: the private flag, deleting a person, finding one by key."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from netview.store.importing import ME_KEY, insert_ignore, me_id
from netview.store.models import Meta, Person, PersonAlias, PersonPrivate


def person_id_by_key(session: Session, key: str) -> int | None:
    """A person by identity key, else by alias."""
    found = session.scalar(select(Person.id).where(Person.key == key))
    if found is None:
        found = session.scalar(select(PersonAlias.person_id).where(PersonAlias.alias == key))
    return found


def person_label(session: Session, person_id: int) -> tuple[str, str]:
    """(key, name) of a person."""
    key, name = session.execute(select(Person.key, Person.name).where(Person.id == person_id)).one()
    return key, name


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


def name_of(session: Session, person_id: int) -> str:
    return session.scalar(select(Person.name).where(Person.id == person_id)) or ""


def key_of(session: Session, person_id: int) -> str | None:
    return session.scalar(select(Person.key).where(Person.id == person_id))


def labels_of(session: Session, person_ids: list[int]) -> dict[int, tuple[str, str]]:
    """{id: (key, name)} of these people."""
    stmt = select(Person.id, Person.key, Person.name).where(Person.id.in_(person_ids))
    return {int(i): (k, n or "") for i, k, n in session.execute(stmt)}


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


def people_brief(session: Session) -> list[tuple[str, str, str | None]]:
    """(key, name, company) of everyone, for choosing a person by name."""
    stmt = select(Person.key, Person.name, Person.company).order_by(Person.name, Person.key)
    return [(k, n or "", c) for k, n, c in session.execute(stmt)]
