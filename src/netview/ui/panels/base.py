"""What every panel shares: a dock with an empty state, and reads in a worker."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any, Protocol

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QDockWidget,
    QFrame,
    QHeaderView,
    QLabel,
    QScrollArea,
    QStackedWidget,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from netview.services.changes import Changes
from netview.services.network import LoadedNetwork
from netview.services.workspace import Database
from netview.ui.commands import Edit

log = logging.getLogger(__name__)

LOADING = "Loading your network…"
NO_NETWORK = (
    "Nothing to show yet.\n\nImport your own LinkedIn archive (File › Import…, Ctrl+I), "
    "or try the demo network."
)


class Host(Protocol):
    """The window as the panels see it."""

    document: Any  # DocumentView: data_changed(changes) once per change
    person_chosen: Any  # Signal(str): the person now shown in details (profile key)

    @property
    def db(self) -> Database | None: ...
    @property
    def network(self) -> LoadedNetwork | None: ...
    def read(
        self, key: str, fn: Callable[..., Any], *args: Any, on_result: Callable[[Any], None]
    ) -> None: ...
    def push(self, command: Edit, on_landed: Callable[[], None] | None = None) -> None: ...
    def submit(self, command: Edit, forward: bool) -> None: ...
    def edited(self, changes: Changes) -> None: ...
    def open_url(self, url: str) -> bool: ...
    def select_person(self, key: str, *, raise_details: bool = True) -> None: ...
    def find_paths_to(self, key: str) -> None: ...
    def selected_keys(self) -> list[str]: ...
    def show_path_on_map(self, keys: list[str]) -> None: ...
    def clear_path_on_map(self) -> None: ...
    def set_hidden_keys(self, keys: set[str]) -> None: ...
    def can_hide_on_map(self) -> bool: ...
    def map_grouped_by(self, kind: str) -> bool: ...
    def show_only_group(self, kind: str, name: str) -> bool: ...
    def show_error(self, title: str, exc: object) -> None: ...
    def run_write(
        self, title: str, fn: Callable[..., Any], *args: Any, on_result: Any = None
    ) -> Any: ...


class _NarrowColumns(QObject):
    """Hides a tree's optional columns while the tree is narrower than each one needs."""

    def __init__(self, tree: QTreeView, optional: dict[int, int]) -> None:
        super().__init__(tree)
        self.tree = tree
        self.optional = optional  # column -> the tree width below which it is hidden
        tree.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            width = self.tree.width()
            for column, needs in self.optional.items():
                self.tree.setColumnHidden(column, width < needs)
        return False


def fit_columns(tree: QTreeView, optional: dict[int, int] | None = None) -> None:
    """The first column (names) takes the room left by the others, which fit their content:
    no empty column beside cut names in a narrow dock. `optional` columns (column -> tree
    width it needs) give way first when the dock is narrow."""
    header = tree.header()
    header.setStretchLastSection(False)
    header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    for column in range(1, header.count()):
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
    header.setMinimumSectionSize(40)
    if optional:
        _NarrowColumns(tree, optional)


def empty_label(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    label.setContentsMargins(16, 16, 16, 16)
    label.setEnabled(False)  # drawn in the disabled (grey) colour of the theme
    return label


class Panel(QDockWidget):
    """A dock: `load(db, ln)` runs in a read worker, `show_data(result)` on the UI thread.

    `updated` is emitted once new content is on screen (tests and the window wait on it).
    """

    TITLE = ""
    NAME = ""  # objectName: the key of the dock in the saved window layout
    # The kinds of data the panel shows: it re-reads after a change of one of these only.
    DEPENDS = Changes.PEOPLE | Changes.TIES
    updated = Signal()

    def __init__(self, host: Host, parent: QWidget | None = None) -> None:
        super().__init__(self.TITLE, parent)
        self.host = host
        self.setObjectName(self.NAME)
        self._stack = QStackedWidget()
        self.empty = empty_label(NO_NETWORK)
        self.body = QWidget()
        self.build(self.body)
        # In a scroll area that scrolls up and down only: a narrow dock (a small screen)
        # reflows its rows of buttons (FlowLayout) and wraps its text instead.
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self.body)
        self._scroll = scroll
        self._stack.addWidget(self.empty)
        self._stack.addWidget(scroll)
        self.setWidget(self._stack)
        # The window opens a database at once: until its network arrives (or turns out
        # empty) the panel says it is loading, not "import your archive".
        self.show_empty(LOADING)
        # Every panel derives from the one document: a change loads the network once (if
        # it holds what changed) and each panel whose kinds changed reads its own part.
        host.document.data_changed.connect(self._document_changed)

    # --- for subclasses --------------------------------------------------------------

    def build(self, body: QWidget) -> None:
        """Create the panel's widgets inside `body`."""
        QVBoxLayout(body)

    def load(self, db: Database, ln: LoadedNetwork) -> Any:
        """Read what the panel shows (worker thread: no widgets here)."""
        return None

    def show_data(self, data: Any) -> None:
        """Put `data` (what `load` returned) on screen."""

    def focus_widget(self) -> QWidget | None:
        """The widget a panel shortcut (Ctrl+1…6) puts the keyboard focus on."""
        page = self._stack.currentWidget()
        if page is None:  # no page added yet
            return None
        for w in page.findChildren(QWidget):
            if w.isVisibleTo(self) and w.isEnabled() and w.focusPolicy() & Qt.FocusPolicy.TabFocus:
                return w
        return None

    # --- shared ----------------------------------------------------------------------

    def present(self) -> None:
        """Show the panel, bring its tab to the front and focus it (never hides it)."""
        self.show()
        self.raise_()
        if self.isFloating():
            self.activateWindow()
        target = self.focus_widget()
        if target is not None:
            target.setFocus(Qt.FocusReason.ShortcutFocusReason)
        else:
            self.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def show_empty(self, text: str) -> None:
        self.empty.setText(text)
        self._stack.setCurrentWidget(self.empty)

    def show_body(self) -> None:
        self._stack.setCurrentWidget(self._scroll)

    @property
    def showing_empty(self) -> bool:
        return self._stack.currentWidget() is self.empty

    def _document_changed(self, changes: Changes) -> None:
        if changes & self.DEPENDS:
            self.network_changed(self.host.network)

    def network_changed(self, ln: LoadedNetwork | None) -> None:
        if ln is None or self.host.db is None:
            self.show_empty(NO_NETWORK)
            self.updated.emit()
            return
        self.reload()

    def reload(self) -> None:
        db, ln = self.host.db, self.host.network
        if db is None or ln is None:
            return
        self.host.read(self.NAME, self.load, db, ln, on_result=self._loaded)

    def _loaded(self, data: Any) -> None:
        self.show_data(data)
        self.updated.emit()
