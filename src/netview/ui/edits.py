"""The write queue for undoable edits: each step runs in the write pool, never on the UI
thread, and the undo stack only ever holds edits that landed.

A first `do` that fails is shown and never reaches the stack. An undo or redo that fails
is shown and the stack steps back without writing, so what Edit › Undo offers always
matches the database. While a step is on its way, Undo and Redo wait (they are disabled):
the next step must see the database the previous one left.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction, QUndoStack

from netview.services.workspace import Database
from netview.ui.commands import Edit
from netview.ui.workers import Workers

log = logging.getLogger(__name__)


class Editor(QObject):
    """Runs Edit commands through `workers`' write pool onto `stack`.

    `landed(changes)` (a netview.services.changes.Changes) follows every step that wrote;
    `failed(title, exc)` every step that did not (the window's one error handler shows and
    logs it); `waiting(text)` tells that a step waits for another writer (another window or
    `netview import`); `told(text)` says what Undo or Redo just did ("Undone: Add Note"),
    where the user can see it.
    """

    landed = Signal(object)
    failed = Signal(str, object)
    waiting = Signal(str)
    told = Signal(str)

    def __init__(
        self,
        workers: Workers,
        stack: QUndoStack,
        database: Callable[[], Database | None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.workers = workers
        self.stack = stack
        self._database = database
        self._pending = 0
        self.undo_action = QAction("&Undo", self)
        self.redo_action = QAction("&Redo", self)
        self.undo_action.triggered.connect(lambda _=False: self.undo())
        self.redo_action.triggered.connect(lambda _=False: self.redo())
        for signal in (stack.canUndoChanged, stack.canRedoChanged, stack.indexChanged):
            signal.connect(self._update_actions)
        self._update_actions()

    @property
    def busy(self) -> bool:
        return self._pending > 0

    def push(self, command: Edit, on_landed: Callable[[], None] | None = None) -> None:
        """Do an edit; it goes on the undo stack once it has landed, then `on_landed`."""
        self.submit(command, True, first=True, on_landed=on_landed)

    def undo(self) -> None:
        if not self.busy and self.stack.canUndo():
            text = self.stack.undoText()
            self.stack.undo()
            self.told.emit(f"Undone: {text}")

    def redo(self) -> None:
        if not self.busy and self.stack.canRedo():
            text = self.stack.redoText()
            self.stack.redo()
            self.told.emit(f"Redone: {text}")

    def submit(
        self,
        command: Edit,
        forward: bool,
        *,
        first: bool = False,
        on_landed: Callable[[], None] | None = None,
    ) -> None:
        db = self._database()
        if db is None:
            return
        title = command.text()

        def landed(_: object) -> None:
            if first:
                command.skip = True  # push() calls redo(): the write is done already
                self.stack.push(command)
            self.landed.emit(command.changes)
            if on_landed is not None:
                on_landed()

        def failed(exc: BaseException) -> bool:
            if not first:
                # The stack has moved, the database has not: step the stack back.
                command.skip = True
                if forward:
                    self.stack.undo()
                else:
                    self.stack.redo()
            self.failed.emit(title, exc)
            return True

        def finished() -> None:
            self._pending -= 1
            self._update_actions()

        self._pending += 1
        self._update_actions()
        self.workers.run(
            title,
            command.apply,
            db,
            forward,
            write=True,
            on_result=landed,
            on_error=failed,
            on_progress=lambda _f, text: self.waiting.emit(text),
            on_finished=finished,
        )

    def _update_actions(self, *_: object) -> None:
        if not (shiboken6.isValid(self.stack) and shiboken6.isValid(self.undo_action)):
            return  # the window is being torn down
        idle = not self.busy
        self.undo_action.setEnabled(idle and self.stack.canUndo())
        self.redo_action.setEnabled(idle and self.stack.canRedo())
        undo, redo = self.stack.undoText(), self.stack.redoText()
        self.undo_action.setText(f"&Undo {undo}" if undo else "&Undo")
        self.redo_action.setText(f"&Redo {redo}" if redo else "&Redo")
