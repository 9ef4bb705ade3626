"""Notes the user keeps about people: add, edit, delete, and put back (for undo)."""

from __future__ import annotations

from datetime import datetime

from netview.core.errors import NetViewError
from netview.store import userdata as u
from netview.store.db import Database
from netview.store.userdata import NoteRow

__all__ = ["NoteRow", "add_note", "delete_note", "edit_note", "get_note", "notes", "restore_note"]


def notes(db: Database, pid: int) -> list[NoteRow]:
    """A person's notes, oldest first."""
    with db.session() as s:
        return u.notes_of(s, pid)


def add_note(db: Database, pid: int, body: str, *, at: datetime | None = None) -> int:
    body = body.strip()
    if not body:
        raise NetViewError("a note cannot be empty")
    with db.session() as s:
        return u.add_note(s, pid, body, at or datetime.now())


def edit_note(db: Database, note_id: int, body: str) -> None:
    body = body.strip()
    if not body:
        raise NetViewError("a note cannot be empty; delete it instead")
    with db.session() as s:
        u.update_note(s, note_id, body, datetime.now())


def get_note(db: Database, note_id: int) -> NoteRow | None:
    with db.session() as s:
        return u.get_note(s, note_id)


def delete_note(db: Database, note_id: int) -> None:
    with db.session() as s:
        u.delete_note(s, note_id)


def restore_note(db: Database, row: NoteRow) -> None:
    """Bring back a deleted note exactly as it was (same id, same dates)."""
    with db.session() as s:
        u.restore_note(s, row)
