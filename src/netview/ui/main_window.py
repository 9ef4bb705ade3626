"""The main window: a shell of menus (declared in ui/actions.py), the welcome view or the map,
the panels in docks (ui/docks.py), and the status bar. Each flow is a controller
(ui/controllers/): opening databases, importing, exporting, tasks and errors, the selection,
the View menu, the dialogs."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, QTimer, Signal
from PySide6.QtGui import (
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QGuiApplication,
    QKeySequence,
    QResizeEvent,
    QUndoStack,
)
from PySide6.QtWidgets import QLabel, QMainWindow, QMenu, QStackedWidget, QVBoxLayout, QWidget

from netview.services.asof import timeline
from netview.services.changes import EVERYTHING, Changes
from netview.services.mapping.mapmodel import MapModel
from netview.services.network import LoadedNetwork
from netview.services.wording import not_connected
from netview.services.workspace import Database
from netview.ui import actions, focus
from netview.ui.backend import Backend
from netview.ui.commands import Edit
from netview.ui.controllers.database import DatabaseController, database_label
from netview.ui.controllers.dialogs import DialogController
from netview.ui.controllers.exporting import ExportController
from netview.ui.controllers.importing import ImportController, importable
from netview.ui.controllers.selection import SelectionController
from netview.ui.controllers.tasks import TaskController
from netview.ui.controllers.view import ViewController
from netview.ui.docks import DockLayout
from netview.ui.document import DocumentView
from netview.ui.edits import Editor
from netview.ui.jobs import Jobs
from netview.ui.map import MapWidget
from netview.ui.map.filters import MapFilterBar
from netview.ui.map.search import MapSearch
from netview.ui.map.timebar import TimeBar
from netview.ui.panels import PANELS, FollowUpsPanel, GroupsPanel, Panel
from netview.ui.reminders import Reminders
from netview.ui.settings import Settings
from netview.ui.team_dialog import install_password_lookup
from netview.ui.team_watch import GenerationWatch
from netview.ui.welcome import LoadingView, WelcomeView
from netview.ui.workers import Task, Workers

log = logging.getLogger(__name__)

# What the reminders count as due can change with these (not with Colour By, a note…).
DUE_INPUTS = (
    Changes.PEOPLE
    | Changes.TIES
    | Changes.TOUCHES
    | Changes.FOLLOWUPS
    | Changes.GROUPS
    | Changes.SOURCES
    | Changes.INTROS
)


class MainWindow(QMainWindow):
    """One database at a time; every change ends with `data_changed` and a map refresh."""

    data_changed = Signal(object)  # Changes: the document reloads if needed, dialogs re-read
    map_ready = Signal(object)  # the MapModel now shown
    person_chosen = Signal(str)  # profile key of the person the details panel shows

    def __init__(
        self, settings: Settings, backend: Backend | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.settings = settings
        self.backend = backend or Backend()
        self.model = MapModel.empty()
        self.workers = Workers(self)
        self.jobs = Jobs(self.workers, self)  # one long job at a time, in the status bar
        self.jobs.busy_changed.connect(self._set_busy)
        self.tasks = TaskController(self)  # reads, long jobs, and the one error handler
        self.database = DatabaseController(self)
        self.database.database_opened.connect(self._opened)
        self.database.open_failed.connect(self._open_failed)
        self.importing = ImportController(self)
        self.exporting = ExportController(self)
        self.dialogs = DialogController(self)
        self.undo_stack = QUndoStack(self)
        self.editor = Editor(self.workers, self.undo_stack, lambda: self.db, self)
        self.editor.landed.connect(self.changed)
        self.editor.failed.connect(self.show_error)
        self.editor.waiting.connect(lambda text: self.statusBar().showMessage(text, 5000))
        self.editor.told.connect(lambda text: self.statusBar().showMessage(text, 5000))
        # The open database's document: one load per change, for the map and every panel.
        self.document = DocumentView(self.workers, self, load_map=self.backend.load_map)
        self.document.map_changed.connect(self.show_model)
        self.document.load_failed.connect(self._load_failed)
        self.data_changed.connect(self.document.apply)
        # Who is selected, and what the map shows for the panels (panels/base.py: Host).
        self.selection = sel = SelectionController(self)
        self.document.data_changed.connect(sel.forget_gone)
        self.select_person, self.find_paths_to = sel.select_person, sel.find_paths_to
        self.selected_keys, self.open_url = sel.selected_keys, sel.open_url
        self.show_path_on_map, self.clear_path_on_map = sel.show_path_on_map, sel.clear_path_on_map
        self.set_hidden_keys, self.can_hide_on_map = sel.set_hidden_keys, sel.can_hide_on_map
        self.map_grouped_by, self.show_only_group = sel.map_grouped_by, sel.show_only_group

        self.setWindowTitle("NetView")
        self.setAcceptDrops(True)
        self.welcome = WelcomeView()
        self.loading = LoadingView()
        self.map = MapWidget()
        self.counts_label = QLabel()  # the status bar's counts
        self.map.setAccessibleName("Network map")
        self.map.setAccessibleDescription("You at the centre; 1st, 2nd and 3rd degree on rings")
        self.view = ViewController(self)
        # View > As of…: the time control sits above the map, inside its widget.
        self.timebar = TimeBar()
        self.timebar.hide()
        map_layout = self.map.layout()
        assert isinstance(map_layout, QVBoxLayout)
        map_layout.insertWidget(0, self.timebar)
        self.timebar.as_of_changed.connect(self.view.show_as_of)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.loading)  # first: until a database's map is known
        self.stack.addWidget(self.welcome)
        self.stack.addWidget(self.map)
        self.setCentralWidget(self.stack)
        self.welcome.import_requested.connect(self.importing.choose_import)
        self.welcome.demo_requested.connect(self.importing.start_demo)
        self.map.person_activated.connect(self.selection.person_from_map)
        self.map.not_shown.connect(lambda why: self.statusBar().showMessage(why, 10_000))
        # The status bar's counts say how many people the filters show.
        self.map.filters_changed.connect(
            lambda: self.counts_label.setText(self.counts_text(self.model))
        )
        self.map.filters_changed.connect(self.selection.groups_follow_filter)

        self.jobs.add_to(self.statusBar())
        self.statusBar().addPermanentWidget(self.counts_label)
        self.progress_bar = self.jobs.progress_bar
        self.cancel_button = self.jobs.cancel_button
        self.search_box = MapSearch(self.map)  # Ctrl+F, in the map's toolbar
        self.search_box.setAccessibleName("Find a person")
        # Search + Enter selects like a click does: Details follows (a note lands on them).
        self.search_box.found.connect(lambda i: sel.person_from_map(self.map.model.keys[i]))
        self.search_box.not_found.connect(
            lambda text: self.statusBar().showMessage(f"Nobody on the map is called “{text}”", 8000)
        )
        map_toolbar = self.addToolBar("Map")
        map_toolbar.setObjectName("map_toolbar")
        map_toolbar.addWidget(self.search_box)
        self.filter_bar = MapFilterBar(self.map)  # follow-ups: filter_bar.set_due_keys(keys)
        map_toolbar.addWidget(self.filter_bar)
        self._build_panels()
        self.reminders = Reminders(self)  # the digest in the status bar, the daily summary
        self.document.data_changed.connect(
            lambda changes: self.reminders.refresh() if changes & DUE_INPUTS else None
        )
        self.menu_actions = actions.build_menus(self, self.menuBar(), self._sections())
        self.menu_actions.update(people=False)  # no map until a database shows someone
        self.document.grouping = self.view.grouping  # the colouring the user chose last time
        # First run: most of the screen, so the map (the point of the app) has room beside
        # the panels; later runs restore the user's own geometry.
        screen = QGuiApplication.primaryScreen()
        area = screen.availableGeometry() if screen is not None else None
        if area is not None and area.width() > 1300:
            self.resize(int(area.width() * 0.85), int(area.height() * 0.85))
        elif area is not None:  # a small screen: all of it, never more
            self.resize(min(1200, area.width()), min(800, area.height()))
        else:
            self.resize(1200, 800)
        self.docks.size()
        geometry = self.settings.window_geometry
        if not geometry.isEmpty():
            self.restoreGeometry(geometry)
        self.docks.restore(self.settings.window_state)
        self.view.set_theme(self.settings.theme)
        install_password_lookup()  # team databases: passwords from the keyring
        self.generation_watch = GenerationWatch(self)  # a teammate's import, seen on focus

    # --- construction ------------------------------------------------------------------

    def _sections(self) -> dict[str, Callable[[QMenu], object]]:
        """The parts of the menus the controllers fill (see ui/actions.py)."""

        def undo(menu: QMenu) -> None:
            undo, redo = self.editor.undo_action, self.editor.redo_action
            undo.setShortcut(QKeySequence.StandardKey.Undo)
            redo.setShortcut(QKeySequence.StandardKey.Redo)
            menu.addActions([undo, redo])

        return {
            "recent": self.database.add_recent_menu,
            "undo": undo,
            "colour_size": self.view.add_colour_size,
            "labels": self.view.add_labels,
            "panels": self.view.add_panels,
            "theme": self.view.add_themes,
        }

    def _build_panels(self) -> None:
        """One dock per panel (ui/docks.py arranges them); `restore` (after this) puts back
        the user's own arrangement by object name."""
        self.panels: dict[str, Panel] = {}
        for cls in PANELS:
            panel = cls(self)  # it subscribes to self.document
            self.panels[cls.NAME] = panel
        followups = self.panels["followups"]
        assert isinstance(followups, FollowUpsPanel)
        followups.updated.connect(lambda: self.filter_bar.set_due_keys(followups.due_keys()))
        groups = self.panels["groups"]
        assert isinstance(groups, GroupsPanel)
        # Add and Remove Selected follow who is selected (on the map, or in Details).
        self.map.selection_changed.connect(groups.selection_changed)
        self.person_chosen.connect(lambda _key: groups.selection_changed())
        self.docks = DockLayout(self, self.panels)
        self.docks.reset()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        QTimer.singleShot(0, self, self.docks.window_resized)

    # --- the open database ----------------------------------------------------------------

    @property
    def db(self) -> Database | None:
        return self.database.db

    @property
    def network(self) -> LoadedNetwork | None:
        """The document's loaded network (None: no owner yet), shared by every panel."""
        return self.document.network

    def _opened(self, db: Database) -> None:
        self.selection.current_key = None
        self.undo_stack.clear()  # edits of the previous database cannot be undone here
        self.view.colour_for_database()
        self.setWindowTitle(f"{Path(database_label(db.url)).name} — NetView")
        self.model = MapModel.empty()
        self.stack.setCurrentWidget(self.loading)  # welcome or map once the load says which
        self.document.open(db)
        self.importing.resume_after_open()

    def _open_failed(self, _exc: object) -> None:
        """A bad path, a newer schema, a server out of reach: the old database stays."""
        self.importing.after_open = None  # it was for the database that did not open
        if self.db is None:
            self.stack.setCurrentWidget(self.welcome)
            for panel in self.panels.values():  # not "Loading your network…" for ever
                panel.network_changed(None)

    def _load_failed(self) -> None:
        if self.stack.currentWidget() is self.loading:  # never a spinner for ever
            self.stack.setCurrentWidget(self.welcome)

    # --- what panels ask of the window (panels/base.py: Host) ------------------------------

    def read(self, key: str, fn: Any, *args: Any, on_result: Any) -> None:
        self.tasks.read(key, fn, *args, on_result=on_result)

    def run_write(self, title: str, fn: Any, *args: Any, on_result: Any = None) -> Task | None:
        return self.tasks.run_write(title, fn, *args, on_result=on_result)

    def show_error(self, title: str, exc: object) -> None:
        self.tasks.show_error(title, exc)

    def push(self, command: Edit, on_landed: Callable[[], None] | None = None) -> None:
        """Do an edit in the write queue; once it lands it is kept for Edit › Undo (and
        `on_landed` says so, e.g. "Logged a contact…")."""
        self.editor.push(command, on_landed)

    def submit(self, command: Edit, forward: bool) -> None:
        """The undo stack's redo or undo of `command`, in the write queue."""
        self.editor.submit(command, forward)

    def edited(self, changes: Changes) -> None:
        """Called by every command after it changed the database."""
        self.changed(changes)

    def changed(self, changes: Changes = EVERYTHING) -> None:
        """The database changed in these ways: the document and the dialogs catch up."""
        self.data_changed.emit(changes)

    # --- the map and the status bar --------------------------------------------------------

    def show_model(self, model: MapModel) -> None:
        self.model = model
        if len(model) == 0:
            self.stack.setCurrentWidget(self.welcome)
        else:
            self.map.set_model(model)
            self.stack.setCurrentWidget(self.map)
            self.selection.show_again()
        self.timebar.set_timeline(timeline(model.since, date.today()))
        self.menu_actions.update(people=len(model) > 0)
        self.counts_label.setText(self.counts_text(model))
        self.map_ready.emit(model)

    @staticmethod
    def counts_text(model: MapModel) -> str:
        if not len(model):
            return "No people yet"
        c = model.degree_counts()
        parts = [
            f"{len(model):,} people",
            f"{len(model.edges):,} ties",
            *([f"{int(model.visible.sum()):,} shown"] if not model.visible.all() else []),
            f"1st {c[1]:,}",
            f"2nd {c[2]:,}",
            f"3rd {c[3]:,}",
        ]
        if c[4]:
            parts.append(not_connected(int(c[4])))
        return "  ·  ".join(parts)

    @property
    def current_task(self) -> Task | None:
        return self.tasks.current

    def _set_busy(self, busy: bool) -> None:
        self.welcome.set_busy(busy)
        self.menu_actions.update(idle=not busy)  # File › Import waits for the job

    # --- drag and drop, closing -------------------------------------------------------------

    @staticmethod
    def _dropped_paths(event: QDragEnterEvent | QDropEvent) -> list[Path]:
        mime = event.mimeData()
        if not mime.hasUrls():
            return []
        paths = [Path(u.toLocalFile()) for u in mime.urls() if u.isLocalFile()]
        return [p for p in paths if importable(p)]

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self._dropped_paths(event) and self.current_task is None:
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = self._dropped_paths(event)
        if paths:
            event.acceptProposedAction()
            self.importing.start_import(paths)

    def focusNextPrevChild(self, next: bool) -> bool:
        # Tab skips the panels behind another panel's tab (ui/focus.py).
        return focus.step_shown(next, super().focusNextPrevChild)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.workers.cancel_all()
        self.workers.wait(10_000)
        self.settings.window_geometry = QByteArray(self.saveGeometry())
        self.settings.window_state = self.docks.save()
        self.settings.sync()
        self.database.close()
        super().closeEvent(event)
