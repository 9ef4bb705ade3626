"""Undoable edits of the user's data: each one a QUndoCommand around two service steps.

An edit never writes on the UI thread. Its `do` and `undo` are steps taking a session; the
window's Editor (netview.ui.edits) runs each in the one write queue as one transaction
taken up front (BEGIN IMMEDIATE), and puts a command on the undo stack only once its first
`do` has landed. So a failing edit (a duplicate name, a database locked past the wait)
leaves no undo entry, writes nothing, and is shown to the user; the window keeps painting
while an edit waits for another writer.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date
from typing import Any, Protocol

from PySide6.QtGui import QUndoCommand
from sqlalchemy.orm import Session

from netview.core.progress import Progress
from netview.services.analysis import insights
from netview.services.changes import PERSON, Changes
from netview.services.followups import cadence as fu
from netview.services.identity import ambiguous
from netview.services.identity import by_hand as identity
from netview.services.importing import evidence, forget
from netview.services.introductions import asked as intros
from netview.services.people import groups as gs
from netview.services.people import notes, tags
from netview.services.workspace import Database

log = logging.getLogger(__name__)

Step = Callable[[Session], Any]


class Host(Protocol):
    """What a command needs of the window: the write queue."""

    def submit(self, command: Edit, forward: bool) -> None: ...


class Edit(QUndoCommand):
    """One edit: `do` and `undo` are steps on a write session.

    `redo()` and `undo()` (called by QUndoStack) hand the step to the write queue; `apply`
    runs it there. `skip` makes the next redo/undo bookkeeping only: the stack moves, the
    database already has (or keeps) what it shows.
    """

    def __init__(self, host: Host, text: str, do: Step, undo: Step, changes: Changes):
        super().__init__(text)
        self.host = host
        self.changes = changes  # what the views re-read once it landed (either way)
        self._do = do
        self._undo = undo
        self.skip = False

    def apply(self, db: Database, forward: bool, progress: Progress | None = None) -> None:
        """Worker thread: the step in one write transaction (all or nothing)."""
        with db.write(progress) as s:
            (self._do if forward else self._undo)(s)

    def redo(self) -> None:
        if self.skip:
            self.skip = False
            return
        self.host.submit(self, True)

    def undo(self) -> None:
        if self.skip:
            self.skip = False
            return
        self.host.submit(self, False)


# --- notes and tags ------------------------------------------------------------------------


def add_note(host: Host, pid: int, body: str) -> Edit:
    saved: list[notes.NoteRow] = []

    def do(s: Session) -> None:
        if saved:  # redo after undo: the same note comes back, same id and date
            notes.put_back_note(s, saved[0])
            return
        saved.append(notes.write_note(s, pid, body))

    return Edit(host, "Add Note", do, lambda s: notes.erase_note(s, saved[0].id), Changes.NOTES)


def edit_note(host: Host, note: notes.NoteRow, body: str) -> Edit:
    return Edit(
        host,
        "Edit Note",
        lambda s: notes.rewrite_note(s, note.id, body),
        lambda s: notes.rewrite_note(s, note.id, note.body),
        Changes.NOTES,
    )


def delete_note(host: Host, note: notes.NoteRow) -> Edit:
    return Edit(
        host,
        "Delete Note",
        lambda s: notes.erase_note(s, note.id),
        lambda s: notes.put_back_note(s, note),
        Changes.NOTES,
    )


def add_tag(host: Host, pid: int, name: str) -> Edit:
    """Undo takes the tag off only if this edit put it on: typed again, it stays."""
    added: list[bool] = []

    def do(s: Session) -> None:
        added[:] = [tags.tag(s, pid, name)]

    def undo(s: Session) -> None:
        if added and added[0]:
            tags.untag(s, pid, name)

    return Edit(host, f"Tag “{name}”", do, undo, Changes.TAGS)


def remove_tag(host: Host, pid: int, name: str) -> Edit:
    return Edit(
        host,
        f"Remove Tag “{name}”",
        lambda s: tags.untag(s, pid, name),
        lambda s: tags.tag(s, pid, name),
        Changes.TAGS,
    )


# --- follow-ups ----------------------------------------------------------------------------


def set_cadence(host: Host, pid: int, days: int | None) -> Edit:
    """The cadence it replaces is read in the edit's own transaction (not on the UI thread)."""
    text = f"Keep in Touch Every {days} Days" if days else "Stop Keeping in Touch"
    old: list[int | None] = []

    def do(s: Session) -> None:
        old[:] = [fu.setting_in(s, pid)[0]]
        fu.cadence(s, pid, days)

    return Edit(host, text, do, lambda s: fu.cadence(s, pid, old[0]), Changes.FOLLOWUPS)


def snooze(host: Host, pid: int, until: date | None, old: date | None) -> Edit:
    return Edit(
        host,
        "Snooze Follow-up",
        lambda s: fu.snooze_until(s, pid, until),
        lambda s: fu.snooze_until(s, pid, old),
        Changes.FOLLOWUPS,
    )


def mark_done(host: Host, pid: int) -> Edit:
    """The snooze it clears is read in the edit's own transaction, for its undo."""
    touch: list[int] = []
    snoozed: list[date | None] = []

    def do(s: Session) -> None:
        snoozed[:] = [fu.setting_in(s, pid)[1]]
        touch[:] = [fu.log_touch(s, pid)]

    return Edit(
        host,
        "Log Contact",
        do,
        lambda s: fu.unlog_touch(s, pid, touch[0], snoozed[0]),
        Changes.TOUCHES | Changes.FOLLOWUPS,  # the snooze goes too
    )


# --- privacy -------------------------------------------------------------------------------


def set_private(host: Host, key: str, private: bool) -> Edit:
    """Keep someone out of exports and shared pictures (or let them back in)."""
    return Edit(
        host,
        "Mark Private" if private else "Mark Not Private",
        lambda s: forget.mark_private(s, key, private),
        lambda s: forget.mark_private(s, key, not private),
        Changes.PRIVACY,
    )


# --- identity ------------------------------------------------------------------------------


def merge_people(host: Host, key_a: str, key_b: str, name: str) -> Edit:
    """Make two people one (Edit › Find Duplicates…); undo splits them, leaving no trace."""
    done: list[identity.Merged] = []

    def do(s: Session) -> None:
        done[:] = [identity.merge(s, key_a, key_b)]

    return Edit(host, f"Merge “{name}”", do, lambda s: identity.unmerge_in(s, done[0]), PERSON)


def attach_messages(host: Host, pid: int, name: str) -> Edit:
    """Attach the messages to a shared name to this person (Details)."""
    return Edit(
        host,
        f"Attach Messages to “{name}”",
        lambda s: ambiguous.attach_in(s, pid),
        lambda s: ambiguous.detach_in(s, pid),
        Changes.TIES,  # messages count towards the tie's strength
    )


def attach_address(host: Host, who: str, shown: str, pid: int, name: str) -> Edit:
    """Attach a correspondent nobody on LinkedIn matched (an address, or "~" and a name
    several people share; `shown` as the user saw it) to a person; undo takes back exactly
    what it gave them, and the correspondent waits again."""
    done: list[evidence.Attached] = []

    def do(s: Session) -> None:
        done[:] = [evidence.attach_in(s, who, pid)]

    return Edit(
        host,
        f"Attach {shown} to {name}",
        do,
        lambda s: evidence.unattach_in(s, done[0]),
        PERSON,  # last contact, strength and the ties of the person
    )


def keep_contact(host: Host, who: str, name: str) -> Edit:
    """Keep a correspondent nobody on LinkedIn matched as a contact of your own (the import
    report); undo makes them a stranger again, listed as before."""
    done: list[evidence.KeptContact] = []

    def do(s: Session) -> None:
        done[:] = [evidence.keep_contact_in(s, who)]

    return Edit(
        host,
        f"Keep “{name}” as a Contact",
        do,
        lambda s: evidence.unkeep_contact_in(s, done[0]),
        PERSON,
    )


# --- groups --------------------------------------------------------------------------------


def create_group(host: Host, name: str, color: str | None, keys: list[str]) -> Edit:
    return Edit(
        host,
        f"New Group “{name}”",
        lambda s: gs.create(s, name, color, keys),
        lambda s: gs.delete(s, name),
        Changes.GROUPS,
    )


def delete_group(host: Host, name: str) -> Edit:
    """The group as it was (colour, cadence, members) is read in the delete's transaction."""
    before: list[gs.GroupSnapshot] = []

    def do(s: Session) -> None:
        before[:] = [gs.delete(s, name)]

    return Edit(
        host, f"Delete Group “{name}”", do, lambda s: gs.restore(s, before[0]), Changes.GROUPS
    )


def change_members(host: Host, name: str, keys: list[str], add: bool) -> Edit:
    """Add or remove people; undo touches only those whose membership actually changed."""
    changed: list[str] = []

    def do(s: Session) -> None:
        changed[:] = (gs.add if add else gs.remove)(s, name, keys)

    def undo(s: Session) -> None:
        (gs.remove if add else gs.add)(s, name, changed)

    n = len(keys)
    what = f"{n} {'person' if n == 1 else 'people'}"
    text = f"Add {what} to “{name}”" if add else f"Remove {what} from “{name}”"
    return Edit(host, text, do, undo, Changes.GROUPS)


def rename_group(host: Host, name: str, new_name: str) -> Edit:
    return Edit(
        host,
        f"Rename Group “{name}”",
        lambda s: gs.rename(s, name, new_name),
        lambda s: gs.rename(s, new_name, name),
        Changes.GROUPS,
    )


def recolor_group(host: Host, name: str, color: str, old: str | None) -> Edit:
    return Edit(
        host,
        f"Colour of “{name}”",
        lambda s: gs.recolor(s, name, color),
        lambda s: gs.recolor(s, name, old or "#888888"),
        Changes.GROUPS,
    )


def set_group_cadence(host: Host, name: str, days: int | None, old: int | None) -> Edit:
    return Edit(
        host,
        f"Cadence of “{name}”",
        lambda s: gs.set_cadence(s, name, days),
        lambda s: gs.set_cadence(s, name, old),
        Changes.GROUPS | Changes.FOLLOWUPS,
    )


# --- goals ---------------------------------------------------------------------------------


def add_goal(host: Host, kind: str, target: int, period: str, topic: str | None) -> Edit:
    made: list[int] = []

    def do(s: Session) -> None:
        again = made[0] if made else None
        made[:] = [insights.new_goal(s, kind, target, period, topic, goal_id=again)]

    return Edit(host, "Add Goal", do, lambda s: insights.remove_goal(s, made[0]), Changes.GOALS)


def delete_goal(host: Host, goal: insights.GoalProgress) -> Edit:
    return Edit(
        host,
        "Delete Goal",
        lambda s: insights.remove_goal(s, goal.id),
        lambda s: insights.new_goal(
            s, goal.kind, goal.target, goal.period, goal.topic, goal_id=goal.id
        ),
        Changes.GOALS,
    )


# --- introductions you asked for ----------------------------------------------------------


def ask_intro(host: Host, target_id: int, via_id: int, draft: str, on: date) -> Edit:
    made: list[int] = []

    def do(s: Session) -> None:
        made[:] = [intros.ask(s, target_id, via_id, draft, on)]

    return Edit(
        host, "Ask for Introduction", do, lambda s: intros.unask(s, made[0]), Changes.INTROS
    )


def mark_intro(host: Host, request_id: int, state: str, on: date) -> Edit:
    return Edit(
        host,
        f"Mark Introduction {state.title()}",
        lambda s: intros.mark(s, request_id, state, on),
        lambda s: intros.unmark(s, request_id),
        Changes.INTROS,
    )
