"""The main window: menus, the welcome view or the map, the panels, progress, status counts."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QByteArray, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QCloseEvent,
    QDesktopServices,
    QDragEnterEvent,
    QDropEvent,
    QGuiApplication,
    QKeySequence,
    QResizeEvent,
    QUndoStack,
)
from PySide6.QtWidgets import (
    QFileDialog,
    QInputDialog,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import make_url

from netview.core.errors import Cancelled, NetViewError, OwnerUnknown
from netview.io import formats
from netview.services.asof import timeline
from netview.services.changes import EVERYTHING, Changes
from netview.services.identity.pick import Choice
from netview.services.importing.history import ArchiveLooksOlder
from netview.services.mapping.mapmodel import MapModel
from netview.services.network import LoadedNetwork
from netview.services.wording import not_connected
from netview.store.connect import is_server
from netview.store.db import Database
from netview.store.errors import server_refusal, timed_out
from netview.ui import commands, demo_db, dialogs, dock_buttons, docks, file_dialogs
from netview.ui.backend import Backend
from netview.ui.commands import Edit
from netview.ui.crash import ErrorDialog, details_of, one_line, show_error_dialog
from netview.ui.document import DocumentView
from netview.ui.edits import Editor
from netview.ui.export_dialog import ExportChoice, ExportDialog
from netview.ui.jobs import Jobs
from netview.ui.map import MapWidget
from netview.ui.map.filters import MapFilterBar
from netview.ui.map.search import MapSearch
from netview.ui.map.timebar import TimeBar
from netview.ui.panels import (
    PANELS,
    FollowUpsPanel,
    GroupsPanel,
    InsightsPanel,
    Panel,
    PathsPanel,
)
from netview.ui.reminders import Reminders
from netview.ui.settings import THEMES, Settings
from netview.ui.team_dialog import ask_team_database, install_password_lookup
from netview.ui.team_watch import GenerationWatch
from netview.ui.theme import apply_theme
from netview.ui.welcome import ARCHIVE_HELP, LoadingView, WelcomeView
from netview.ui.workers import Task, Workers

if TYPE_CHECKING:
    from netview.ui.import_report import ImportReportDialog

log = logging.getLogger(__name__)


def importable(path: Path) -> bool:
    """What a drop may bring: anything netview.io.formats recognises from its content."""
    return formats.recognise(path) is not None


def database_label(url: str) -> str:
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite" and parsed.database:
        return parsed.database
    return parsed.render_as_string(hide_password=True)


def own_group_names(db: Database) -> list[str]:
    """Your own groups for the export dialog (worker thread; they need no loaded network)."""
    from netview.services.people.groups import own_groups

    try:
        return [g.name for g in own_groups(db)]
    except Exception:  # a list for a combo box must never stop an export
        log.exception("could not list groups for export")
        return []


def _quiet_if_cancelled(exc: BaseException) -> bool:
    """A read a newer one replaced: nothing to tell the user."""
    return isinstance(exc, Cancelled)


class MainWindow(QMainWindow):
    """One database at a time; every change ends with `data_changed` and a map refresh."""

    data_changed = Signal(object)  # Changes: the document reloads if needed, dialogs re-read
    exported = Signal(str)  # the file an export wrote
    map_ready = Signal(object)  # the MapModel now shown
    person_chosen = Signal(str)  # profile key of the person the details panel shows

    def __init__(
        self, settings: Settings, backend: Backend | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.settings = settings
        self.backend = backend or Backend()
        self.db: Database | None = None
        self.model = MapModel.empty()
        self.workers = Workers(self)
        self.workers.error.connect(self.show_error)
        self.undo_stack = QUndoStack(self)
        self.editor = Editor(self.workers, self.undo_stack, lambda: self.db, self)
        self.editor.landed.connect(self.edited)
        self.editor.failed.connect(self.show_error)
        self.editor.waiting.connect(lambda text: self.statusBar().showMessage(text, 5000))
        self.editor.told.connect(lambda text: self.statusBar().showMessage(text, 5000))
        self.jobs = Jobs(self.workers, self)  # one long job at a time, in the status bar
        self.jobs.busy_changed.connect(self._set_busy)
        self.last_error: QMessageBox | ErrorDialog | None = None
        # The open database's document: one load per change, for the map and every panel.
        self.document = DocumentView(self.workers, self, load_map=self.backend.load_map)
        self.document.map_changed.connect(self.show_model)
        self.document.data_changed.connect(self._document_changed)
        self.document.load_failed.connect(self._load_failed)
        self.data_changed.connect(self.document.apply)
        self.current_key: str | None = None
        self.hidden_keys: set[str] = set()
        # An import that stopped to ask whose archive it is: asked once its worker is done.
        self._pending_owner: tuple[list[Path], OwnerUnknown] | None = None
        # An import asked for while the demo was open: it runs once the user's own database is.
        self._import_after_open: list[Path] | None = None
        # One whose archive looks older than the one it would supersede: asked likewise.
        self._pending_older: tuple[list[Path], str | None, ArchiveLooksOlder] | None = None
        self.shown_path: list[str] = []
        self._read_generation: dict[str, int] = {}
        self._reads: dict[str, Task] = {}  # each reader's read on its way

        self.setWindowTitle("NetView")
        self.setAcceptDrops(True)
        self.welcome = WelcomeView()
        self.loading = LoadingView()
        self.map = MapWidget()
        # View > As of…: the time control sits above the map, inside its widget.
        self.timebar = TimeBar()
        self.timebar.hide()
        map_layout = self.map.layout()
        assert isinstance(map_layout, QVBoxLayout)
        map_layout.insertWidget(0, self.timebar)
        self.timebar.as_of_changed.connect(self._show_as_of)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.loading)  # first: until a database's map is known
        self.stack.addWidget(self.welcome)
        self.stack.addWidget(self.map)
        self.setCentralWidget(self.stack)
        self.welcome.import_requested.connect(self.choose_import)
        self.welcome.demo_requested.connect(self.start_demo)
        self.map.person_activated.connect(self._person_from_map)
        self.map.not_shown.connect(lambda why: self.statusBar().showMessage(why, 10_000))
        # The status bar's counts say how many people the filters show.
        self.map.filters_changed.connect(
            lambda: self.counts_label.setText(self.counts_text(self.model))
        )
        self.map.filters_changed.connect(self._groups_follow_filter)

        self._build_status_bar()
        # --- map: search box (Ctrl+F) in a toolbar ---
        # None: community, or company beyond 20k people; View › Colour By is remembered.
        self.map_grouping: str | None = settings.colour_by or None
        self._database_key = ""  # the open database as the recent list names it
        self.search_box = MapSearch(self.map)
        self.map.setAccessibleName("Network map")
        self.map.setAccessibleDescription("You at the centre; 1st, 2nd and 3rd degree on rings")
        self.search_box.setAccessibleName("Find a person")
        # Search + Enter selects like a click does: Details follows (a note lands on them).
        self.search_box.found.connect(lambda i: self._person_from_map(self.map.model.keys[i]))
        map_toolbar = self.addToolBar("Map")
        map_toolbar.setObjectName("map_toolbar")
        map_toolbar.addWidget(self.search_box)
        self.filter_bar = MapFilterBar(self.map)  # follow-ups: filter_bar.set_due_keys(keys)
        map_toolbar.addWidget(self.filter_bar)
        self._build_panels()
        self.reminders = Reminders(self)  # the digest in the status bar, the daily summary
        # Counted again only when what is due can have changed (not on Colour By, a note…).
        due_inputs = (
            Changes.PEOPLE
            | Changes.TIES
            | Changes.TOUCHES
            | Changes.FOLLOWUPS
            | Changes.GROUPS
            | Changes.SOURCES
            | Changes.INTROS
        )
        self.document.data_changed.connect(
            lambda changes: self.reminders.refresh() if changes & due_inputs else None
        )
        self._build_menus()
        self.document.grouping = self.map_grouping  # the colouring the user chose last time
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
        self._size_docks()
        self._restore_window()
        self.set_theme(self.settings.theme)
        install_password_lookup()  # team databases: passwords from the keyring
        self.generation_watch = GenerationWatch(self)  # a teammate's import, seen on focus

    # --- construction ------------------------------------------------------------------

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        self.counts_label = QLabel()
        self.progress_bar = self.jobs.progress_bar
        self.progress_text = self.jobs.progress_text
        self.cancel_button = self.jobs.cancel_button
        self.jobs.add_to(bar)
        bar.addPermanentWidget(self.counts_label)

    def _build_menus(self) -> None:
        menu = self.menuBar()
        file_menu = menu.addMenu("&File")
        self.import_action = self._action(
            file_menu, "&Import LinkedIn Archive…", self.choose_import, QKeySequence("Ctrl+I")
        )
        self._action(file_menu, "Import &Folder…", self.choose_import_folder)
        self.export_action = self._action(
            file_menu, "&Export…", self.choose_export, QKeySequence("Ctrl+E")
        )
        self._action(file_menu, "&Sources…", self.show_sources)
        self._action(file_menu, "What's &New…", self.show_whats_new)
        file_menu.addSeparator()
        self._action(
            file_menu, "&Open Database…", self.choose_database, QKeySequence.StandardKey.Open
        )
        self._action(
            file_menu, "&New Database…", self.choose_new_database, QKeySequence.StandardKey.New
        )
        self._action(file_menu, "Open &Team Database…", self.choose_team_database)
        self.recent_menu = file_menu.addMenu("Open &Recent")
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        file_menu.addSeparator()
        quit_action = self._action(file_menu, "&Quit", self.close, QKeySequence.StandardKey.Quit)
        quit_action.setMenuRole(QAction.MenuRole.QuitRole)

        edit_menu = menu.addMenu("&Edit")
        undo, redo = self.editor.undo_action, self.editor.redo_action
        undo.setShortcut(QKeySequence.StandardKey.Undo)
        redo.setShortcut(QKeySequence.StandardKey.Redo)
        edit_menu.addAction(undo)
        edit_menu.addAction(redo)
        edit_menu.addSeparator()
        self._action(edit_menu, "Find &Duplicates…", self.show_duplicates)

        view_menu = menu.addMenu("&View")
        self._action(view_menu, "&Reset View", self.reset_view, QKeySequence("Ctrl+0"))
        # New data keeps people where they were on the map; this lays it out afresh.
        self._action(view_menu, "Re-&layout Map", self.document.relayout)
        self._build_map_menu(view_menu)
        view_menu.addSeparator()
        # The checkable entries show or hide a panel; Ctrl+1…6 only ever bring one forward.
        go_menu = view_menu.addMenu("&Go to Panel")
        for n, panel in enumerate(self.panels.values(), 1):
            view_menu.addAction(panel.toggleViewAction())
            self._action(go_menu, panel.TITLE, panel.present, QKeySequence(f"Ctrl+{n}"))
        self._action(view_menu, "Reset &Layout", self.reset_layout)
        view_menu.addSeparator()
        theme_menu = view_menu.addMenu("&Theme")
        self.theme_group = QActionGroup(self)
        self.theme_actions: dict[str, QAction] = {}
        for name in THEMES:
            action = QAction(name.capitalize(), self, checkable=True)
            action.triggered.connect(lambda _=False, n=name: self.set_theme(n))
            self.theme_group.addAction(action)
            theme_menu.addAction(action)
            self.theme_actions[name] = action
        remind = QAction("Remind Me &Daily", self, checkable=True, checked=self.settings.reminders)
        remind.setToolTip("A system notification once a day when follow-ups fall due")
        remind.toggled.connect(lambda on: self.reminders.set_enabled(on))
        view_menu.addAction(remind)
        self._action(view_menu, "Introduction &Wait…", self.ask_intro_wait)

        help_menu = menu.addMenu("&Help")
        self._action(help_menu, "How to Get Your LinkedIn Archive", self.show_archive_help)
        about = self._action(help_menu, "&About NetView", self.show_about)
        about.setMenuRole(QAction.MenuRole.AboutRole)

    def reset_view(self) -> None:
        """The whole map in view; a map that kept people where they were is laid out
        afresh too (as View > Re-layout Map)."""
        self.map.reset_view()
        if self.map.model.anchored:
            self.document.relayout()

    def _build_map_menu(self, view_menu: Any) -> None:
        """View > Colour By, Size By, Ring Guides, Labels (the map's own options)."""
        from netview.services.mapping.mapmodel import GROUPINGS, SIZE_MODES

        def choices(
            title: str, names: list[tuple[str, Any]], current: Any, slot: Any
        ) -> dict[Any, QAction]:
            menu = view_menu.addMenu(title)
            group = QActionGroup(self)
            actions = {}
            for text, value in names:
                action = QAction(text, self, checkable=True, checked=value == current)
                action.triggered.connect(lambda _=False, v=value: slot(v))
                group.addAction(action)
                menu.addAction(action)
                actions[value] = action
            return actions

        def regroup(by: str | None) -> None:
            self.map_grouping = by
            self.settings.colour_by = by or ""
            self.settings.colour_by_database = self._database_key
            self.document.regroup(by)

        groupings = [("&Automatic", None)] + [(g.capitalize(), g) for g in GROUPINGS]
        if self.map_grouping not in GROUPINGS:
            self.map_grouping = None  # a grouping this version no longer has
        self.colour_actions = choices("&Colour By", groupings, self.map_grouping, regroup)
        choices(
            "&Size By", [(m.capitalize(), m) for m in SIZE_MODES], "strength", self.map.set_size_by
        )
        rings = QAction("Ring &Guides", self, checkable=True, checked=True)
        rings.toggled.connect(self.map.set_rings_visible)
        view_menu.addAction(rings)
        self.as_of_action = QAction("&As of…", self, checkable=True)
        self.as_of_action.setToolTip("Show the network as it was on a date, or replay its growth")
        self.as_of_action.toggled.connect(self.show_time_control)
        view_menu.addAction(self.as_of_action)
        densities = [("&Fewer", "fewer"), ("&Normal", "normal"), ("&More", "more")]
        choices("&Labels", densities, "normal", self.map.set_label_density)
        view_menu.addSeparator()

    def _action(
        self,
        menu: QMenu,
        text: str,
        slot: Callable[[], object],
        shortcut: QKeySequence | QKeySequence.StandardKey | None = None,
    ) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(shortcut)
        action.triggered.connect(lambda _=False: slot())
        menu.addAction(action)
        return action

    def _build_panels(self) -> None:
        """One dock per panel: details on the right, the others tabbed on the left.

        `restoreState` (after this) puts back the user's own arrangement by object name.
        """
        self.setDockOptions(
            QMainWindow.DockOption.AnimatedDocks
            | QMainWindow.DockOption.AllowTabbedDocks
            | QMainWindow.DockOption.AllowNestedDocks
        )
        self.panels: dict[str, Panel] = {}
        for cls in PANELS:
            panel = cls(self)  # it subscribes to self.document
            self.panels[cls.NAME] = panel
            panel.dockLocationChanged.connect(lambda _area: docks.readable_tabs(self))
        followups = self.panels["followups"]
        assert isinstance(followups, FollowUpsPanel)
        followups.updated.connect(lambda: self.filter_bar.set_due_keys(followups.due_keys()))
        self.reset_layout()

    def reset_layout(self) -> None:
        p = self.panels
        for panel in p.values():
            panel.setFloating(False)
            self.removeDockWidget(panel)
        left = Qt.DockWidgetArea.LeftDockWidgetArea
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, p["person"])
        self.addDockWidget(left, p["followups"])
        for name in ("paths", "groups", "invitations", "insights"):
            self.tabifyDockWidget(p["followups"], p[name])
        for panel in p.values():
            panel.show()
        p["followups"].raise_()
        self._size_docks()

    def _size_docks(self) -> None:
        side = docks.side_width(self)  # together at most half: the map keeps the rest
        self.resizeDocks(
            [self.panels["followups"], self.panels["person"]],
            [side, side],
            Qt.Orientation.Horizontal,
        )
        docks.readable_tabs(self)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        QTimer.singleShot(0, self, lambda: docks.keep_map_half(self, self.panels.values()))

    def _restore_window(self) -> None:
        geometry = self.settings.window_geometry
        if not geometry.isEmpty():
            self.restoreGeometry(geometry)
        state = self.settings.window_state
        if not state.isEmpty():
            self.restoreState(state)
            docks.readable_tabs(self)

    # --- database -----------------------------------------------------------------------

    def open_initial(self, target: str | None, demo: bool = False) -> None:
        """Open --db, else the last database, else the default one; fill the demo if asked.

        `--demo` without `--db` opens a demo database of its own beside the default one, so
        the demo never mixes with (or is refused by) the user's own network.
        """
        if demo and target is None:
            self.open_demo()
            return
        chosen = target or self.settings.last_database or None
        if not self.open_database(chosen):
            return
        if demo:  # `--demo --db FILE`: the user chose that file; filled only if empty
            self._fill_once_loaded()

    def open_demo(self) -> None:
        """Open `demo.db` (never the user's database) and fill it once it shows it is empty."""
        if self.open_database(str(demo_db.demo_path())):
            self._fill_once_loaded()

    def _fill_once_loaded(self) -> None:
        def fill_if_empty(model: object) -> None:
            self.map_ready.disconnect(fill_if_empty)
            self.start_demo(only_if_empty=True)

        self.map_ready.connect(fill_if_empty)

    def open_database(self, target: str | None) -> bool:
        if self.workers.busy and not self.workers.writing:
            # Only reads (a panel, the reminders' count, a load): they stop for the new one.
            self.workers.settle_reads()
        if self.workers.busy:
            QMessageBox.information(self, "NetView", "Please wait for the current task to finish.")
            return False
        if target and is_server(target):
            # A server may be slow or out of reach (up to store.connect.CONNECT_TIMEOUT): connect
            # in a worker, the window saying where to, and carry on once it answers.
            before = self.stack.currentWidget()
            self.loading.label.setText(f"Connecting to {database_label(target)}…")
            self.stack.setCurrentWidget(self.loading)

            def failed(exc: BaseException) -> bool:
                self.loading.label.setText("Opening your network…")
                if before is not None:
                    self.stack.setCurrentWidget(before)
                self._open_failed(exc)
                return True

            self.workers.run(
                "open database",
                self.backend.open_database,
                target,
                on_result=lambda db: self._opened(db, target),
                on_error=failed,
            )
            return True
        try:
            db = self.backend.open_database(target)
        except Exception as exc:  # a bad path or a newer schema: tell the user, keep the old one
            self._open_failed(exc)
            return False
        self._opened(db, target)
        return True

    def _open_failed(self, exc: BaseException) -> None:
        """A bad path, a newer schema, a server out of reach: say so, keep the old one."""
        self._import_after_open = None  # it was for the database that did not open
        if self.db is None:
            self.stack.setCurrentWidget(self.welcome)
            for panel in self.panels.values():  # not "Loading your network…" for ever
                panel.network_changed(None)
        self.show_error("Open database", exc)

    def _opened(self, db: Database, target: str | None) -> None:
        self.loading.label.setText("Opening your network…")
        if self.db is not None:
            self.db.dispose()
        self.db = db
        self.current_key = None
        self.undo_stack.clear()  # edits of the previous database cannot be undone here
        self.settings.add_recent(target if target else db.url)
        self._database_key = target if target else db.url
        self._colour_for_database()
        self.setWindowTitle(f"{Path(database_label(db.url)).name} — NetView")
        self.model = MapModel.empty()
        self.stack.setCurrentWidget(self.loading)  # welcome or map once the load says which
        self.document.open(db)
        pending, self._import_after_open = self._import_after_open, None
        if pending is not None:
            self.start_import(pending)

    def _colour_for_database(self) -> None:
        """View › Colour By as chosen on this database; another one starts Automatic."""
        from netview.services.mapping.mapmodel import GROUPINGS

        chosen = self.settings.colour_by or None
        if self.settings.colour_by_database != self._database_key or chosen not in GROUPINGS:
            chosen = None
        self.map_grouping = chosen
        self.document.grouping = chosen
        action = self.colour_actions.get(chosen)
        if action is not None:
            action.setChecked(True)

    def choose_database(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, "Open Database", "", "NetView databases (*.db *.sqlite);;All files (*)"
        )
        if path:
            self.open_database(path)

    def choose_new_database(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, "New Database", "netview.db", "NetView databases (*.db)"
        )
        if path:
            self.open_database(path)

    def choose_team_database(self) -> None:
        url = ask_team_database(self, self.settings.last_database)
        if url:
            self.open_database(url)

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        for target in self.settings.recent_databases:
            label = database_label(target) if "://" in target else target
            action = self.recent_menu.addAction(label)
            action.triggered.connect(lambda _=False, t=target: self.open_database(t))
        if self.recent_menu.isEmpty():
            self.recent_menu.addAction("No recent databases").setEnabled(False)

    # --- the map ------------------------------------------------------------------------

    @property
    def network(self) -> LoadedNetwork | None:
        """The document's loaded network (None: no owner yet), shared by every panel."""
        return self.document.network

    def _load_failed(self) -> None:
        if self.stack.currentWidget() is self.loading:  # never a spinner for ever
            self.stack.setCurrentWidget(self.welcome)

    def _document_changed(self, changes: Changes) -> None:
        if not changes & Changes.PEOPLE:
            return
        ln = self.network
        if self.current_key is not None and (
            ln is None or self.current_key not in ln.net.index_of_key
        ):
            self.current_key = None  # deleted, or forgotten with a source

    def read(self, key: str, fn: Any, *args: Any, on_result: Any) -> None:
        """Run a read for a panel in a worker, one per `key` (a panel, a dialog): a new read
        cancels the previous one (Orange's one task per widget), which stops at its next
        check, or before it starts; only the newest result is shown."""
        generation = self._read_generation.get(key, 0) + 1
        self._read_generation[key] = generation
        previous = self._reads.pop(key, None)
        if previous is not None:
            previous.cancel()

        def done(value: object) -> None:
            if self._read_generation.get(key) == generation:
                on_result(value)

        def finished() -> None:
            if self._reads.get(key) is task:
                del self._reads[key]

        task = self.workers.run(
            key, fn, *args, on_result=done, on_error=_quiet_if_cancelled, on_finished=finished
        )
        self._reads[key] = task

    # --- edits, selection and the map's part in the panels ---------------------------------

    def push(self, command: Edit, on_landed: Callable[[], None] | None = None) -> None:
        """Do an edit in the write queue; once it lands it is kept for Edit › Undo (and
        `on_landed` says so, e.g. "Logged a contact…")."""
        self.editor.push(command, on_landed)

    def submit(self, command: Edit, forward: bool) -> None:
        """The undo stack's redo or undo of `command`, in the write queue."""
        self.editor.submit(command, forward)

    def edited(self, changes: Changes) -> None:
        """Called by every command after it changed the database.

        Edits the map does not draw (notes, tags, cadences, goals) keep the map (its layout
        takes seconds on a big network and its view would jump); edits the loaded network
        does not hold (notes, tags, cadences, goals) do not load it again either.
        """
        self.changed(changes)

    def changed(self, changes: Changes = EVERYTHING) -> None:
        """The database changed in these ways: the document and the dialogs catch up."""
        self.data_changed.emit(changes)

    def _person_from_map(self, key: str) -> None:
        if key:
            self.current_key = key
            self.person_chosen.emit(key)

    def select_person(self, key: str, *, raise_details: bool = True) -> None:
        """Show a person in the details panel and on the map (from any panel).

        `raise_details=False` while the user walks a list with the arrow keys: Details
        follows without being brought to the front over the list they are walking.
        """
        self.current_key = key
        self.map.select_key(key)
        self.person_chosen.emit(key)
        if raise_details:
            self.panels["person"].raise_()

    def find_paths_to(self, key: str) -> None:
        """Show the Introductions panel with the paths to `key`."""
        paths = self.panels["paths"]
        assert isinstance(paths, PathsPanel)
        paths.show()
        paths.raise_()
        paths.choose_target(key)

    def selected_keys(self) -> list[str]:
        """The people selected on the map (or the one shown in the details panel)."""
        keys = list(self.map.selected_keys())
        if keys:
            return keys
        return [self.current_key] if self.current_key else []

    def show_path_on_map(self, keys: list[str]) -> None:
        self.shown_path = list(keys)
        self.map.show_path(list(keys))

    def clear_path_on_map(self) -> None:
        self.shown_path = []
        self.map.clear_path()

    def set_hidden_keys(self, keys: set[str]) -> None:
        """People of the groups the user switched off in the groups panel."""
        self.hidden_keys = set(keys)
        self.map.set_hidden_keys(set(keys))

    def can_hide_on_map(self) -> bool:
        return True  # the map hides people by key

    def map_grouped_by(self, kind: str) -> bool:
        """Whether the map is coloured by this kind of group (own groups: "group")."""
        grouping = self.map.model.grouping
        return bool(len(self.map.model)) and grouping == ("group" if kind == "user" else kind)

    def _groups_follow_filter(self) -> None:
        groups = self.panels.get("groups")
        if isinstance(groups, GroupsPanel):
            groups.reflect_map_filter(self.map.model.grouping, self.map.filters.group)

    def show_only_group(self, kind: str, name: str) -> bool:
        """Filter the map to one group of its current colouring; empty `name`: all groups."""
        if name and not self.map_grouped_by(kind):
            self.statusBar().showMessage(
                f"Colour the map by {kind} (View › Colour By) to show one of these groups", 8000
            )
            return False
        combo = self.filter_bar.group
        i = combo.findText(name) if name else 0
        if i >= 0:
            combo.setCurrentIndex(i)  # the filter bar applies it and shows the choice
        else:  # a small group beyond the ones the combo lists
            self.map.set_filters(replace(self.map.filters, group=name or None))
        return True

    def open_url(self, url: str) -> bool:
        """Open a profile in the user's browser (the app itself makes no network access)."""
        return bool(QDesktopServices.openUrl(QUrl(url)))

    def show_model(self, model: MapModel) -> None:
        self.model = model
        if len(model) == 0:
            self.stack.setCurrentWidget(self.welcome)
        else:
            self.map.set_model(model)
            self.stack.setCurrentWidget(self.map)
            # A reload (e.g. after a group edit) keeps who is selected and the path shown.
            if self.current_key:
                self.map.select_key(self.current_key, centre=False)
            if self.shown_path:
                self.map.show_path(self.shown_path)
        self.timebar.set_timeline(timeline(model.since, date.today()))
        self.counts_label.setText(self.counts_text(model))
        self.map_ready.emit(model)

    def show_time_control(self, shown: bool) -> None:
        """View > As of…: the slider above the map; hiding it shows the network as it is."""
        self.timebar.setVisible(shown)
        if shown and self.timebar.timeline is None:
            self.statusBar().showMessage("No connection dates known: nothing to replay", 8000)
        self._show_as_of(self.timebar.as_of() if shown else None)

    def _show_as_of(self, day: int | None) -> None:
        """The map and the Insights growth chart show the same day."""
        self.map.set_as_of(day)
        insights = self.panels["insights"]
        assert isinstance(insights, InsightsPanel)
        insights.set_as_of(day)

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

    # --- long jobs ----------------------------------------------------------------------

    def _start_write(
        self,
        title: str,
        fn: Any,
        *args: Any,
        on_error: Any = None,
        on_result: Any = None,
        reloads: bool = True,
        **kwargs: Any,
    ) -> Task | None:
        """One long job in the write queue; `reloads`: it changes what the window shows (an
        export does not: no reload after it)."""
        if self.db is None:
            self.show_error(title, NetViewError("no database is open"))
            return None
        if self.current_task is not None:
            QMessageBox.information(self, "NetView", "Another task is running; please wait.")
            return None

        return self.jobs.start(
            title,
            fn,
            self.db,
            *args,
            on_error=on_error,
            on_result=on_result,
            on_finished=self.changed if reloads else None,
            **kwargs,
        )

    @property
    def current_task(self) -> Task | None:
        return self.jobs.current

    def run_write(self, title: str, fn: Any, *args: Any, on_result: Any = None) -> Task | None:
        """A change that cannot be undone (delete, forget), in the write worker: `fn(db, *args)`.

        Earlier edits may name what it removes, so the undo history goes with it.
        """

        def done(value: object) -> None:
            self.undo_stack.clear()
            if on_result is not None:
                on_result(value)

        return self._start_write(title, fn, *args, on_result=done)

    def _set_busy(self, busy: bool) -> None:
        self.welcome.set_busy(busy)
        self.import_action.setEnabled(not busy)

    def start_demo(self, only_if_empty: bool = False) -> Task | None:
        """The welcome view's demo: filled into `demo.db` only, opened first if need be."""
        on_demo = self.db is not None and demo_db.is_demo(self.db.url)
        if not on_demo and not only_if_empty:  # the open database is the user's: leave it be
            self.open_demo()
            return None
        if only_if_empty and len(self.model):
            return None

        def done(_: object) -> None:
            self.statusBar().showMessage("Demo network ready", 5000)

        return self._start_write(
            "Creating demo network",
            self.backend.fill_demo,
            on_result=done,
            on_error=self._quiet_cancel,
        )

    def import_folder(self) -> Path:
        """Where File > Import… opens: the folder of the last import, else Downloads, else
        home; always a folder that exists (a missing one ends up as the file name)."""
        for folder in (self.settings.import_folder, Path.home() / "Downloads", Path.home()):
            if folder and Path(folder).is_dir():
                return Path(folder)
        return Path.cwd()

    def choose_import(self) -> None:
        paths = file_dialogs.choose_files(
            self,
            "Import LinkedIn Archive or Network",
            self.import_folder(),
            formats.import_filters(),
        )
        if paths:
            self.settings.import_folder = str(Path(paths[0]).parent)
            self.start_import([Path(p) for p in paths])

    def choose_export(self) -> None:
        """Ask what to export, then where; data formats are written by a worker."""
        if self.db is None or not len(self.model):
            QMessageBox.information(self, "Export", "Import your LinkedIn archive first.")
            return
        # The dialog lists your groups: read in a worker, then asked.
        self.read("export groups", own_group_names, self.db, on_result=self._ask_export)

    def _ask_export(self, names: object) -> None:
        dialog = ExportDialog(list(names) if isinstance(names, list) else [], self)
        if dialog.exec() != ExportDialog.DialogCode.Accepted:
            return
        choice = dialog.choice()
        suggested = str(Path.home() / f"netview.{choice.format}")
        target, _ = QFileDialog.getSaveFileName(self, "Export", suggested, choice.file_filter)
        if target:
            self.export_to(choice, Path(target))

    def export_to(self, choice: ExportChoice, target: Path) -> Task | None:
        from netview.services.sharing.export import PICTURES, Selection, export, picture_model

        def done(result: object) -> None:
            if choice.format in PICTURES:
                from netview.ui.map.render import render_file  # painting is the UI thread's

                assert isinstance(result, MapModel)  # what picture_model returns
                # A shared picture is on white, whatever the window's theme.
                render_file(result, target, (1600, 1000), "light")
            self.statusBar().showMessage(f"Exported to {target}", 8000)
            self.exported.emit(str(target))

        selection = Selection(choice.group, choice.degree, choice.anonymize)
        # From the document's snapshot: the network already loaded and the map as shown
        # (View › Colour By), filtered for the audience; nothing loaded again.
        shown = {"loaded": self.network, "model": self.model if len(self.model) else None}
        if choice.format in PICTURES:
            return self._start_write(
                "Exporting", picture_model, selection, on_result=done, reloads=False, **shown
            )
        return self._start_write(
            "Exporting",
            export,
            choice.format,
            target,
            group=choice.group,
            degree=choice.degree,
            anonymize=choice.anonymize,
            on_result=done,
            reloads=False,
            **shown,
        )

    def show_sources(self) -> None:
        """File › Sources…: the imports, and forgetting one."""
        from netview.ui.sources_dialog import SourcesDialog

        if self.db is None:
            return
        if getattr(self, "sources_dialog", None) is None:
            self.sources_dialog = SourcesDialog(self)  # reloads itself on every data change
        else:
            self.sources_dialog.reload()
        self.sources_dialog.open()

    def ask_intro_wait(self) -> None:
        """View › Introduction Wait…: after how many days without an answer a request you
        sent is due a nudge (Follow-ups, the daily reminder)."""
        days, ok = QInputDialog.getInt(
            self, "Introduction Wait",
            "Remind me of an introduction request with no answer after … days:",
            self.settings.intro_wait_days, 1, 365,
        )  # fmt: skip
        if ok and days != self.settings.intro_wait_days:
            self.settings.intro_wait_days = days
            self.changed(Changes.INTROS)  # who waits for an answer is counted anew

    def show_whats_new(self) -> None:
        """File › What's New…: what newer archives changed (as `netview changes` lists it)."""
        from netview.ui.whats_new import WhatsNewDialog, load_changes

        if self.db is None:
            return
        self.whats_new = WhatsNewDialog(self)
        self.read("whats-new", load_changes, self.db, on_result=self.whats_new.show_changes)
        self.whats_new.open()

    def show_import_report(self, reports: list[dict[str, Any]]) -> None:
        """The per-file report of an import (beside the window, not blocking it)."""
        from netview.ui.import_report import ImportReportDialog

        if reports:
            self.import_report = ImportReportDialog(reports, self)
            self.connect_report(self.import_report)
            self.import_report.show()

    def connect_report(self, dialog: ImportReportDialog) -> None:
        """An import report's Keep as Contact, as an undoable edit; a report kept from an
        earlier import learns who has been kept or attached since."""
        from netview.services.importing.evidence import strangers
        from netview.ui.attach_dialog import wire_attach

        def keep(who: str, name: str) -> None:
            self.push(commands.keep_contact(self, who, name), lambda: dialog.mark_kept(who))

        dialog.keep_contact.connect(keep)
        wire_attach(self, dialog)  # Attach to Person… (ui.attach_dialog)
        if self.db is not None and dialog.has_correspondents():
            self.read("report-strangers", strangers, self.db, on_result=dialog.still_listed)

    def show_duplicates(self) -> None:
        """Edit › Find Duplicates…: likely pairs with the evidence, and Merge."""
        from netview.ui.duplicates_dialog import DuplicatesDialog

        if self.db is None:
            return
        if getattr(self, "duplicates_dialog", None) is None:
            self.duplicates_dialog = DuplicatesDialog(self)  # reloads on every data change
        else:
            self.duplicates_dialog.reload()
        self.duplicates_dialog.open()

    def choose_import_folder(self) -> None:
        folder = file_dialogs.choose_folder(
            self, "Import Unzipped LinkedIn Archive", self.import_folder()
        )
        if folder:
            self.settings.import_folder = str(Path(folder).parent)
            self.start_import([Path(folder)])

    def start_import(
        self, paths: Sequence[Path], owner_url: str | None = None, supersede: bool = False
    ) -> Task | None:
        paths = list(paths)
        if self.db is not None and demo_db.is_demo(self.db.url):
            # A real archive never goes into the demo: its invented owner would stay "you".
            own = demo_db.own_database(None, self.settings.recent_databases)
            self._import_after_open = paths
            if not self.open_database(own):
                self._import_after_open = None
            else:
                self.statusBar().showMessage(
                    "The demo stays in demo.db; your archive goes into your own database", 8000
                )
            return None

        def failed(exc: BaseException) -> bool:
            if isinstance(exc, OwnerUnknown):
                # Ask once the worker is done, so the retry is not refused as "busy".
                self._pending_owner = (paths, exc)
                return True
            if isinstance(exc, ArchiveLooksOlder):
                self._pending_older = (paths, owner_url, exc)
                return True
            return self._quiet_cancel(exc)

        def done(reports: object) -> None:
            n = len(reports) if isinstance(reports, list) else len(paths)
            text = f"Imported {n} archive{'s' if n != 1 else ''}"
            listed = reports if isinstance(reports, list) else []
            vague = sum(getattr(r, "ambiguous_messages", 0) for r in listed)
            if vague:  # to a name several people share (docs/identity.md)
                many = "s" if vague != 1 else ""
                text += f"; {vague} message{many} to ambiguous names (attach them in Details)"
            self.statusBar().showMessage(text, 15000 if vague else 8000)
            if isinstance(reports, list):
                self.show_import_report([r.to_dict() for r in reports if hasattr(r, "to_dict")])

        self._pending_owner = None
        self._pending_older = None
        extra = {"supersede": True} if supersede else {}
        task = self._start_write(
            "Importing",
            self.backend.import_paths,
            paths,
            owner_url=owner_url,
            on_error=failed,
            on_result=done,
            **extra,
        )
        if task is not None:
            task.signals.finished.connect(self._ask_owner_if_needed)
            task.signals.finished.connect(self._ask_supersede_if_needed)
        return task

    def _ask_supersede_if_needed(self) -> None:
        """An archive dated newer that looks older: the user says whether it supersedes."""
        pending, self._pending_older = self._pending_older, None
        if pending is None:
            return
        paths, owner_url, exc = pending
        box = QMessageBox(
            QMessageBox.Icon.Question,
            "Archive Looks Older",
            f"{exc.label} looks older than {exc.previous}, the archive imported before.\n\n"
            f"{str(exc).split('(', 1)[-1].split(')')[0]}.\n\nImport it anyway and let its "
            "connection list replace the current one? Nothing has been changed yet.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            self,
        )
        box.button(QMessageBox.StandardButton.Yes).setText("Import and Supersede")
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.accepted.connect(lambda: self.start_import(paths, owner_url, supersede=True))
        self.supersede_box = box
        box.open()

    def _ask_owner_if_needed(self) -> None:
        pending, self._pending_owner = self._pending_owner, None
        if pending is None:
            return
        paths, exc = pending

        def ask(people: list[Choice]) -> None:
            dialog = dialogs.OwnerDialog(self, str(exc), exc.profile_name, people)
            self.owner_dialog = dialog
            dialog.accepted.connect(lambda: self.start_import(paths, owner_url=dialog.owner_url()))
            dialog.open()

        if self.db is None:
            return
        from netview.services.identity.pick import people_to_pick

        # The people already known, so the user can pick the owner instead of pasting a URL.
        self.read("owner-people", people_to_pick, self.db, on_result=ask)

    def _quiet_cancel(self, exc: BaseException) -> bool:
        if isinstance(exc, Cancelled):
            self.statusBar().showMessage("Cancelled; nothing was changed", 8000)
            return True
        return False

    def show_error(self, title: str, exc: object) -> None:
        """The one place worker and window errors reach the user (and the log)."""
        assert isinstance(exc, BaseException)
        waited = timed_out(exc) or server_refusal(exc)
        if waited is not None:  # a teammate's lock, the server's time-out or refusal: one line
            exc = NetViewError(waited)
        if isinstance(exc, NetViewError):
            log.warning("%s: %s", title, exc)
            self.last_error = dialogs.error_box(self, title, exc)
            return
        info = (type(exc), exc, exc.__traceback__)
        log.error("%s failed", title, exc_info=info)
        # Not ours to explain: one line, and the traceback to copy (it is in the log too).
        from netview.ui.application import log_dir

        self.last_error = show_error_dialog(
            f"{title}: {one_line(exc)}",
            details_of(info),
            log_dir() / "netview.log",
            self,
            self.last_error,
        )

    # --- drag and drop ------------------------------------------------------------------

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
            self.start_import(paths)

    # --- view, help, closing ----------------------------------------------------------------

    def set_theme(self, name: str) -> None:
        name = name if name in THEMES else "system"
        effective = apply_theme(name, self._follow_theme)  # "system" keeps following
        self._follow_theme(effective)
        self.theme_actions[name].setChecked(True)
        self.settings.theme = name

    def _follow_theme(self, effective: str) -> None:
        self.map.set_theme(effective)
        dock_buttons.tint(self.panels.values())  # Fusion's own are dark on dark

    def show_archive_help(self) -> None:
        box = QMessageBox(QMessageBox.Icon.Information, "Your LinkedIn Archive", "", parent=self)
        box.setTextFormat(Qt.TextFormat.RichText)
        box.setText(ARCHIVE_HELP)
        box.open()
        self.help_box = box

    def show_about(self) -> None:
        from netview.ui.application import log_dir

        database = database_label(self.db.url) if self.db else "none"
        QMessageBox.about(
            self,
            "About NetView",
            dialogs.about_text(str(log_dir() / "netview.log"), self.settings.file, database),
        )

    def closeEvent(self, event: QCloseEvent) -> None:
        self.workers.cancel_all()
        self.workers.wait(10_000)
        self.settings.window_geometry = QByteArray(self.saveGeometry())
        self.settings.window_state = QByteArray(self.saveState())
        self.settings.sync()
        if self.db is not None:
            self.db.dispose()
        super().closeEvent(event)
