"""Tags on people: free words the user attaches ("investor", "met at PyCon")."""

from __future__ import annotations

from sqlalchemy.orm import Session

from netview.core.errors import NetViewError
from netview.store import userdata as u
from netview.store.db import Database

MAX_TAG = 100


def clean_tag(name: str) -> str:
    """Tags compare case-sensitively as typed, without surrounding or doubled spaces."""
    tag = " ".join(name.split())
    if not tag:
        raise NetViewError("a tag needs a name")
    if len(tag) > MAX_TAG:
        raise NetViewError(f"a tag is at most {MAX_TAG} characters")
    return tag


def tags_of(db: Database, pid: int) -> list[str]:
    with db.session() as s:
        return u.tags_of(s, pid)


def all_tags(db: Database) -> dict[str, int]:
    """Every tag in use and how many people carry it."""
    with db.session() as s:
        return u.all_tags(s)


def tag(s: Session, pid: int, name: str) -> bool:
    """Tag the person; False when they carried the tag already (an undo then leaves it)."""
    clean = clean_tag(name)
    had = clean in u.tags_of(s, pid)
    tid = u.tag_id(s, clean, create=True)
    assert tid is not None
    u.add_person_tag(s, pid, tid)
    return not had


def untag(s: Session, pid: int, name: str) -> None:
    tid = u.tag_id(s, clean_tag(name))
    if tid is not None:
        u.remove_person_tag(s, pid, tid)


def add_tag(db: Database, pid: int, name: str) -> None:
    with db.write() as s:
        tag(s, pid, name)


def remove_tag(db: Database, pid: int, name: str) -> None:
    with db.write() as s:
        untag(s, pid, name)
