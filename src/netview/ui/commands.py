"""Undoable edits of the user's data: each one a QUndoCommand calling service functions.

Edits are single small writes, so they run directly on the UI thread (milliseconds) rather
than through the write pool: the undo stack then always matches the database. After each
redo or undo the window emits `data_changed` and every panel reloads.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date
from typing import Any, Protocol

from PySide6.QtGui import QUndoCommand

from netview.core.errors import NetViewError
from netview.services import ambiguous, forget, identity, insights, notes, person, tags
from netview.services import followups as fu
from netview.services import groups as gs
from netview.store.db import Database

log = logging.getLogger(__name__)


class Host(Protocol):
    """What a command needs of the window."""

    db: Database | None

    def edited(self, map_too: bool = True) -> None: ...
    def show_error(self, title: str, exc: object) -> None: ...


class Edit(QUndoCommand):
    """One edit: `do` and `undo` are service calls taking the open database.

    A failing first redo (e.g. a duplicate group name) is shown to the user and the command
    marks itself obsolete, so the stack drops it instead of offering to undo nothing.
    """

    def __init__(
        self,
        host: Host,
        text: str,
        do: Callable[[Database], Any],
        undo: Callable[[Database], Any],
        *,
        map_too: bool = False,
    ) -> None:
        super().__init__(text)
        self.host = host
        self.map_too = map_too  # groups colour the map; notes, tags, cadences do not
        self._do = do
        self._undo = undo
        self.failed = False

    def _run(self, fn: Callable[[Database], Any]) -> bool:
        db = self.host.db
        if db is None:
            return False
        try:
            fn(db)
        except NetViewError as exc:
            self.host.show_error(self.text(), exc)
            return False
        return True

    def redo(self) -> None:
        if not self._run(self._do):
            self.failed = True
            self.setObsolete(True)
            return
        self.host.edited(self.map_too)

    def undo(self) -> None:
        if self._run(self._undo):
            self.host.edited(self.map_too)


# --- notes and tags ------------------------------------------------------------------------


def add_note(host: Host, pid: int, body: str) -> Edit:
    saved: list[notes.NoteRow] = []

    def do(db: Database) -> None:
        if saved:  # redo after undo: the same note comes back, same id and date
            notes.restore_note(db, saved[0])
            return
        row = notes.get_note(db, notes.add_note(db, pid, body))
        assert row is not None
        saved.append(row)

    return Edit(host, "Add Note", do, lambda db: notes.delete_note(db, saved[0].id))


def edit_note(host: Host, note: notes.NoteRow, body: str) -> Edit:
    return Edit(
        host,
        "Edit Note",
        lambda db: notes.edit_note(db, note.id, body),
        lambda db: notes.edit_note(db, note.id, note.body),
    )


def delete_note(host: Host, note: notes.NoteRow) -> Edit:
    return Edit(
        host,
        "Delete Note",
        lambda db: notes.delete_note(db, note.id),
        lambda db: notes.restore_note(db, note),
    )


def add_tag(host: Host, pid: int, name: str) -> Edit:
    return Edit(
        host,
        f"Tag “{name}”",
        lambda db: tags.add_tag(db, pid, name),
        lambda db: tags.remove_tag(db, pid, name),
    )


def remove_tag(host: Host, pid: int, name: str) -> Edit:
    return Edit(
        host,
        f"Remove Tag “{name}”",
        lambda db: tags.remove_tag(db, pid, name),
        lambda db: tags.add_tag(db, pid, name),
    )


# --- follow-ups ----------------------------------------------------------------------------


def set_cadence(host: Host, pid: int, days: int | None, old: int | None) -> Edit:
    text = f"Keep in Touch Every {days} Days" if days else "Stop Keeping in Touch"
    return Edit(
        host,
        text,
        lambda db: fu.set_cadence(db, pid, days),
        lambda db: fu.set_cadence(db, pid, old),
    )


def snooze(host: Host, pid: int, until: date | None, old: date | None) -> Edit:
    return Edit(
        host,
        "Snooze Follow-up",
        lambda db: fu.snooze(db, pid, until),
        lambda db: fu.snooze(db, pid, old),
    )


def mark_done(host: Host, pid: int, old_snooze: date | None) -> Edit:
    touch: list[int] = []
    return Edit(
        host,
        "Log Contact",
        lambda db: touch.__setitem__(slice(None), [fu.mark_done(db, pid)]),
        lambda db: fu.undo_done(db, pid, touch[0], old_snooze),
    )


# --- privacy -------------------------------------------------------------------------------


def set_private(host: Host, key: str, private: bool) -> Edit:
    """Keep someone out of exports and shared pictures (or let them back in)."""
    return Edit(
        host,
        "Mark Private" if private else "Mark Not Private",
        lambda db: forget.set_private(db, key, private),
        lambda db: forget.set_private(db, key, not private),
        map_too=True,
    )


# --- identity ------------------------------------------------------------------------------


def merge_people(host: Host, key_a: str, key_b: str, name: str) -> Edit:
    """Make two people one (Edit › Find Duplicates…); undo splits them, leaving no trace."""
    done: list[identity.Merged] = []

    def do(db: Database) -> None:
        done[:] = [identity.merge_people(db, key_a, key_b)]

    return Edit(host, f"Merge “{name}”", do, lambda db: identity.unmerge(db, done[0]), map_too=True)


def attach_messages(host: Host, pid: int, name: str) -> Edit:
    """Attach the messages to a shared name to this person (Details)."""
    return Edit(
        host,
        f"Attach Messages to “{name}”",
        lambda db: ambiguous.attach(db, pid),
        lambda db: ambiguous.detach(db, pid),
        map_too=True,
    )


# --- groups --------------------------------------------------------------------------------


def create_group(host: Host, name: str, color: str | None, keys: list[str]) -> Edit:
    def do(db: Database) -> None:
        gs.create_group(db, name, color)
        if keys:
            gs.add_people(db, name, keys)

    return Edit(host, f"New Group “{name}”", do, lambda db: gs.delete_group(db, name), map_too=True)


def delete_group(host: Host, name: str, color: str | None, cadence: int | None) -> Edit:
    members: list[str] = []

    def do(db: Database) -> None:
        members[:] = [_key_of(db, pid) for pid in gs.members(db, name)]
        gs.delete_group(db, name)

    def undo(db: Database) -> None:
        gs.create_group(db, name, color)
        if members:
            gs.add_people(db, name, members)
        if cadence:
            gs.set_group_cadence(db, name, cadence)

    return Edit(host, f"Delete Group “{name}”", do, undo, map_too=True)


def _key_of(db: Database, pid: int) -> str:
    return person.key_of(db, pid)


def change_members(host: Host, name: str, keys: list[str], add: bool) -> Edit:
    """Add or remove people; undo touches only those whose membership actually changed."""
    changed: list[str] = []

    def do(db: Database) -> None:
        have = {_key_of(db, pid) for pid in gs.members(db, name)}
        changed[:] = [k for k in keys if (k not in have) == add]
        (gs.add_people if add else gs.remove_people)(db, name, changed)

    def undo(db: Database) -> None:
        (gs.remove_people if add else gs.add_people)(db, name, changed)

    n = len(keys)
    what = f"{n} {'person' if n == 1 else 'people'}"
    text = f"Add {what} to “{name}”" if add else f"Remove {what} from “{name}”"
    return Edit(host, text, do, undo, map_too=True)


def rename_group(host: Host, name: str, new_name: str) -> Edit:
    return Edit(
        host,
        f"Rename Group “{name}”",
        lambda db: gs.rename_group(db, name, new_name),
        lambda db: gs.rename_group(db, new_name, name),
        map_too=True,
    )


def recolor_group(host: Host, name: str, color: str, old: str | None) -> Edit:
    return Edit(
        host,
        f"Colour of “{name}”",
        lambda db: gs.recolor_group(db, name, color),
        lambda db: gs.recolor_group(db, name, old or "#888888"),
        map_too=True,
    )


def set_group_cadence(host: Host, name: str, days: int | None, old: int | None) -> Edit:
    return Edit(
        host,
        f"Cadence of “{name}”",
        lambda db: gs.set_group_cadence(db, name, days),
        lambda db: gs.set_group_cadence(db, name, old),
        map_too=True,
    )


# --- goals ---------------------------------------------------------------------------------


def add_goal(host: Host, kind: str, target: int, period: str, topic: str | None) -> Edit:
    made: list[int] = []

    def do(db: Database) -> None:
        again = made[0] if made else None
        made[:] = [insights.add_goal(db, kind, target, period, topic, goal_id=again)]

    return Edit(host, "Add Goal", do, lambda db: insights.delete_goal(db, made[0]))


def delete_goal(host: Host, goal: insights.GoalProgress) -> Edit:
    return Edit(
        host,
        "Delete Goal",
        lambda db: insights.delete_goal(db, goal.id),
        lambda db: insights.add_goal(
            db, goal.kind, goal.target, goal.period, goal.topic, goal_id=goal.id
        ),
    )
