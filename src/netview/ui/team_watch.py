"""Noticing a teammate's import: on focus, a cheap generation check, then one reload."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QGuiApplication

from netview.services.changes import EVERYTHING
from netview.services.workspace import is_server


class GenerationWatch(QObject):
    """On focus, compares the database's generation (sources and people) with the last one
    seen and reloads when a teammate (or another NetView) imported or forgot something."""

    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.window = window
        self.seen: object = None
        window.data_changed.connect(self._look)
        app = QGuiApplication.instance()
        if isinstance(app, QGuiApplication):
            app.applicationStateChanged.connect(self._state_changed)

    def _state_changed(self, state: Qt.ApplicationState) -> None:
        if state == Qt.ApplicationState.ApplicationActive:
            self.check()

    def _look(self, _changes: object = None) -> None:
        # After our own change: remember the new generation, so it is not "news" on focus.
        self.check(reload=False)

    def check(self, reload: bool = True) -> None:
        from netview.services.team.server import generation

        db = self.window.db
        # A SQLite file has one user at a time; a server has teammates.
        if db is None or not is_server(db.url):
            return

        def seen(value: object) -> None:
            now = (id(db), value)
            # The first look at a database just opened is no news: its load is under way.
            changed = isinstance(self.seen, tuple) and self.seen[0] == id(db) and now != self.seen
            self.seen = now
            if changed and reload and self.window.db is db:
                self.window.changed(EVERYTHING)

        self.window.read("generation", generation, db, on_result=seen)
