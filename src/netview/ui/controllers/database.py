"""Opening databases: the first one, a file, a new one, a team server, a recent one, the demo.

Every database is opened, and upgraded by Alembic when its schema is older, in a worker: a
big or old file, or a server out of reach, never freezes the window, which shows where it is
going meanwhile. `database_opened` says when one is open (its network loads after that).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox
from sqlalchemy import make_url

from netview.services.workspace import Database, is_server
from netview.ui import demo_db
from netview.ui.team_dialog import ask_team_database
from netview.ui.workers import Task

if TYPE_CHECKING:
    from netview.ui.main_window import MainWindow

OPENING = "Opening your network…"


def database_label(url: str) -> str:
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite" and parsed.database:
        return parsed.database
    return parsed.render_as_string(hide_password=True)


class DatabaseController(QObject):
    """The open database (`db`) and how another one is opened."""

    database_opened = Signal(object)  # the Database now open; its load follows
    open_failed = Signal(object)  # the exception; the database open before stays

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.db: Database | None = None
        self.key = ""  # the open database as the recent list names it
        self.opening: Task | None = None  # the open on its way

    def open_initial(self, target: str | None, demo: bool = False) -> None:
        """Open --db, else the last database, else the default one; fill the demo if asked.

        `--demo` without `--db` opens a demo database of its own beside the default one, so
        the demo never mixes with (or is refused by) the user's own network.
        """
        if demo and target is None:
            self.open_demo()
            return
        chosen = target or self.window.settings.last_database or None
        if not self.open_database(chosen):
            return
        if demo:  # `--demo --db FILE`: the user chose that file; filled only if empty
            self.fill_once_loaded()

    def open_demo(self) -> None:
        """Open `demo.db` (never the user's database) and fill it once it shows it is empty."""
        if self.open_database(str(demo_db.demo_path())):
            self.fill_once_loaded()

    def fill_once_loaded(self) -> None:
        """The demo filled once the database being opened shows it is empty; nothing if it
        does not open (a database opened later is not the one the demo was asked for)."""
        window = self.window

        def fill_if_empty(model: object) -> None:
            forget()
            window.importing.start_demo(only_if_empty=True)

        def forget(*_: object) -> None:
            window.map_ready.disconnect(fill_if_empty)
            self.open_failed.disconnect(forget)

        window.map_ready.connect(fill_if_empty)
        self.open_failed.connect(forget)

    def open_database(self, target: str | None) -> bool:
        """Start opening `target` (None: the default database); False if it cannot start."""
        window = self.window
        workers = window.workers
        if workers.busy and not workers.writing:
            # Only reads (a panel, the reminders' count, a load, an open): they stop for this.
            self.opening = None  # an open on its way is superseded: its answer is dropped
            workers.settle_reads()
        if workers.busy:
            wait = "Please wait for the current task to finish."
            QMessageBox.information(window, "NetView", wait)
            return False
        before = window.stack.currentWidget()
        server = target is not None and is_server(target)
        where = f"Connecting to {database_label(target)}…" if target and server else OPENING
        window.loading.label.setText(where)
        window.stack.setCurrentWidget(window.loading)

        def opened(db: Database) -> None:
            if self.opening is not task:  # another open replaced this one
                db.dispose()
                return
            self.opening = None
            self._opened(db, target)

        def failed(exc: BaseException) -> bool:
            if self.opening is not task:
                return True
            self.opening = None
            window.loading.label.setText(OPENING)
            if self.db is not None and before is not None:
                window.stack.setCurrentWidget(before)  # the old database is still shown
            self.open_failed.emit(exc)
            window.tasks.show_error("Open database", exc)
            return True

        task = workers.run(
            "open database", window.backend.open_database, target, on_result=opened, on_error=failed
        )
        self.opening = task
        return True

    def _opened(self, db: Database, target: str | None) -> None:
        self.window.loading.label.setText(OPENING)
        if self.db is not None:
            self.db.dispose()
        self.db = db
        self.key = target if target else db.url
        self.window.settings.add_recent(self.key)
        self.database_opened.emit(db)

    def close(self) -> None:
        self.opening = None  # an open still on its way is dropped (and its database closed)
        if self.db is not None:
            self.db.dispose()

    def choose_database(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self.window, "Open Database", "", "NetView databases (*.db *.sqlite);;All files (*)"
        )
        if path:
            self.open_database(path)

    def choose_new_database(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self.window, "New Database", "netview.db", "NetView databases (*.db)"
        )
        if path:
            self.open_database(path)

    def choose_team_database(self) -> None:
        url = ask_team_database(self.window, self.window.settings.last_database)
        if url:
            self.open_database(url)

    def add_recent_menu(self, parent: QMenu) -> None:
        """File › Open Recent, listed afresh each time it opens."""
        self.recent_menu = parent.addMenu("Open &Recent")
        self.recent_menu.aboutToShow.connect(self.fill_recent_menu)

    def fill_recent_menu(self) -> None:
        menu = self.recent_menu
        menu.clear()
        for target in self.window.settings.recent_databases:
            label = database_label(target) if "://" in target else target
            action = menu.addAction(label)
            action.triggered.connect(lambda _=False, t=target: self.open_database(t))
        if menu.isEmpty():
            menu.addAction("No recent databases").setEnabled(False)
