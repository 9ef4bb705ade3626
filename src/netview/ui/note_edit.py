"""The note box: a plain text edit that leaves Ctrl+Z to the window when it has no undo.

A text edit claims Ctrl+Z and Ctrl+Shift+Z for itself even with nothing of its own to undo,
so after Ctrl+Enter saved a note (and emptied the box) Ctrl+Z undid nothing while Edit said
"Undo Add Note". With no typing of its own to undo, the keys go to Edit > Undo and Redo.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import QPlainTextEdit


class NoteEdit(QPlainTextEdit):
    def event(self, e: QEvent) -> bool:
        if e.type() == QEvent.Type.ShortcutOverride and isinstance(e, QKeyEvent):
            doc = self.document()
            if (e.matches(QKeySequence.StandardKey.Undo) and not doc.isUndoAvailable()) or (
                e.matches(QKeySequence.StandardKey.Redo) and not doc.isRedoAvailable()
            ):
                e.ignore()  # not ours: the window's shortcut takes it
                return True
        return super().event(e)
