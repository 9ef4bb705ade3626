"""Edit › Find Duplicates…: pairs that may be one person, the evidence side by side, Merge.

The pairs come from netview.services.identity.by_hand.find_duplicates (the same list as `netview
duplicates`); Merge is an undoable edit (Edit › Undo splits them again).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from netview.services.changes import Changes
from netview.services.identity import by_hand as identity
from netview.services.workspace import Database
from netview.ui import commands

COLUMNS = ("Person", "Perhaps the same as", "Why")

Pair = tuple[identity.Duplicate, identity.Side, identity.Side]


def load_pairs(db: Database) -> list[Pair]:
    return [
        (d, identity.side(db, d.a), identity.side(db, d.b)) for d in identity.find_duplicates(db)
    ]


def describe(s: identity.Side) -> str:
    job = " at ".join(x for x in (s.position, s.company) if x)
    lines = [s.name or "(no name)", job, s.email, f"{s.key} · {s.known_as}"]
    return "\n".join(x for x in lines if x)


class DuplicatesDialog(QDialog):
    """Lists likely duplicates; reloads whenever the window's data changes.

    `window` is the MainWindow (read, push, data_changed, db).
    """

    def __init__(self, window: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent or window)
        self.window_ = window
        self.pairs: list[Pair] = []
        self.setWindowTitle("Find Duplicates")
        self.resize(860, 380)
        intro = QLabel(
            "These may be one person seen twice (an old export without profile addresses, a "
            "2023 export's member number, the same e-mail). Merge keeps every tie, message, "
            "note, tag and group of both; Edit › Undo or `netview split` separates them again."
        )
        intro.setWordWrap(True)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        for c in range(len(COLUMNS)):
            header.setSectionResizeMode(c, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.empty = QLabel("No likely duplicates.")
        self.merge_button = QPushButton("Merge")
        self.merge_button.setToolTip("Make the two one person (undoable)")
        self.merge_button.clicked.connect(self.merge_selected)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.merge_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table)
        layout.addWidget(self.empty)
        layout.addWidget(buttons)
        # Who may be one person changes only with people (an edit of a note does not).
        window.data_changed.connect(lambda c: self.reload() if c & Changes.PEOPLE else None)
        self._selection_changed()
        self.reload()

    def reload(self) -> None:
        if self.window_.db is not None:
            self.window_.read("duplicates", load_pairs, self.window_.db, on_result=self.fill)

    def fill(self, pairs: object) -> None:
        self.pairs = list(pairs) if isinstance(pairs, list) else []
        self.table.setRowCount(len(self.pairs))
        for r, (d, a, b) in enumerate(self.pairs):
            for c, text in enumerate((describe(a), describe(b), d.why)):
                self.table.setItem(r, c, QTableWidgetItem(text))
        self.table.resizeRowsToContents()
        self.empty.setVisible(not self.pairs)
        self._selection_changed()

    def selected(self) -> Pair | None:
        rows = self.table.selectionModel().selectedRows()
        return self.pairs[rows[0].row()] if rows else None

    def _selection_changed(self) -> None:
        self.merge_button.setEnabled(self.selected() is not None)

    def merge_selected(self) -> None:
        pair = self.selected()
        if pair is not None:
            d, a, _b = pair
            self.window_.push(commands.merge_people(self.window_, d.a, d.b, a.name))
