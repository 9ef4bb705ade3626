"""Notes the user keeps about people: add, edit, delete, and put back (for undo).

Each edit comes on a session (a step of a use case, such as an undoable edit in the app)
and as a use case of its own on the database (one write transaction).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from netview.core.errors import NetViewError
from netview.store import userdata as u
from netview.store.db import Database
from netview.store.userdata import NoteRow

__all__ = ["NoteRow", "add_note", "delete_note", "edit_note", "get_note", "notes", "restore_note"]


def notes(db: Database, pid: int) -> list[NoteRow]:
    """A person's notes, oldest first."""
    with db.session() as s:
        return u.notes_of(s, pid)


def write_note(s: Session, pid: int, body: str, *, at: datetime | None = None) -> NoteRow:
    """A new note; returns it as stored (its undo record)."""
    body = body.strip()
    if not body:
        raise NetViewError("a note cannot be empty")
    row = u.get_note(s, u.add_note(s, pid, body, at or datetime.now()))
    assert row is not None
    return row


def rewrite_note(s: Session, note_id: int, body: str) -> None:
    body = body.strip()
    if not body:
        raise NetViewError("a note cannot be empty; delete it instead")
    try:
        u.update_note(s, note_id, body, datetime.now())
    except KeyError:
        raise NetViewError("that note no longer exists") from None


def erase_note(s: Session, note_id: int) -> None:
    u.delete_note(s, note_id)


def put_back_note(s: Session, row: NoteRow) -> None:
    """Bring back a deleted note exactly as it was (same id, same dates)."""
    u.restore_note(s, row)


def add_note(db: Database, pid: int, body: str, *, at: datetime | None = None) -> int:
    with db.write() as s:
        return write_note(s, pid, body, at=at).id


def edit_note(db: Database, note_id: int, body: str) -> None:
    with db.write() as s:
        rewrite_note(s, note_id, body)


def get_note(db: Database, note_id: int) -> NoteRow | None:
    with db.session() as s:
        return u.get_note(s, note_id)


def delete_note(db: Database, note_id: int) -> None:
    with db.write() as s:
        erase_note(s, note_id)


def restore_note(db: Database, row: NoteRow) -> None:
    with db.write() as s:
        put_back_note(s, row)
