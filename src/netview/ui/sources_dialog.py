"""File › Sources…: what was imported, and forgetting one (a colleague withdrew consent)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
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
from netview.services.importing import forget
from netview.services.importing.import_summary import source_report
from netview.ui import dialogs

# What the list shows: each source's people, ties and interactions.
SHOWN = Changes.SOURCES | Changes.PEOPLE | Changes.TIES

COLUMNS = ("Source", "Kind", "Owner", "Imported", "People", "Ties", "Interactions")
# Each kind of source as a user knows it (the store's names are identifiers).
KINDS = {
    "linkedin": "LinkedIn archive",
    "graphml": "GraphML file",
    "gexf": "GEXF file",
    "edgelist": "Edge list",
    "calendar": "Calendar",
    "mailbox": "Mailbox",
    "address_book": "Address book",
}


def kind_text(kind: str) -> str:
    """ "LinkedIn archive" for "linkedin"; a kind not listed in words all the same."""
    return KINDS.get(kind) or kind.replace("_", " ").capitalize()


class SourcesDialog(QDialog):
    """Lists the imported sources; reloads whenever the window's data changes.

    `window` is the MainWindow (read, run_write, data_changed, db).
    """

    def __init__(self, window: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent or window)
        self.window_ = window
        self.rows: list[dict[str, Any]] = []
        self.setWindowTitle("Sources")
        self.resize(820, 360)
        intro = QLabel(
            "Everything NetView knows came from these imports. Forgetting one removes what "
            "only it provided, e.g. when a colleague withdraws consent to their shared export."
        )
        intro.setWordWrap(True)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        # A file name too long for the screen keeps its start and its date.
        self.table.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.report_button = QPushButton("&Report…")
        self.report_button.setToolTip("What this import read, imported and skipped, per file")
        self.report_button.clicked.connect(self.show_report)
        self.forget_button = QPushButton("&Forget…")
        self.forget_button.setToolTip("Remove this source and everything only it provided")
        self.forget_button.clicked.connect(self.forget_selected)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.report_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.forget_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.table.doubleClicked.connect(lambda _index: self.show_report())
        buttons.rejected.connect(self.reject)
        layout = self.box = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        window.data_changed.connect(lambda c: self.reload() if c & SHOWN else None)
        self._selection_changed()
        self.reload()

    def reload(self) -> None:
        if self.window_.db is not None:
            self.window_.read("sources", forget.list_sources, self.window_.db, on_result=self.fill)

    def fill(self, rows: object) -> None:
        self.rows = list(rows) if isinstance(rows, list) else []
        self.table.setRowCount(len(self.rows))
        for r, s in enumerate(self.rows):
            owner = s["owner_name"] or s["owner_key"] or "—"
            when = f"{s['imported_at']:%Y-%m-%d %H:%M}" if s["imported_at"] else ""
            cells = (
                s["label"],
                kind_text(s["kind"]),
                owner,
                when,
                s["people"],
                s["ties"],
                s["interactions"],
            )
            for c, value in enumerate(cells):
                item = QTableWidgetItem(f"{value:,}" if isinstance(value, int) else str(value))
                item.setToolTip(item.text())  # a long file name on a small screen is elided
                if isinstance(value, int):
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self.table.setItem(r, c, item)
        for c in range(1, len(COLUMNS)):  # the Source column takes the room left
            self.table.resizeColumnToContents(c)
        self._fit_columns()
        self._selection_changed()

    def _fit_columns(self) -> None:
        """Wide enough for every column and whole file names (up to the screen): at its first
        size the counts (Ties, Interactions) sat out of sight, behind a sideways scroll."""
        table, header = self.table, self.table.horizontalHeader()
        columns = sum(
            max(table.sizeHintForColumn(c), header.sectionSizeHint(c))
            for c in range(table.columnCount())
        )
        frame = table.frameWidth() * 2 + table.verticalScrollBar().sizeHint().width()
        margins = self.box.contentsMargins()
        wanted = columns + frame + margins.left() + margins.right()
        screen = self.screen().availableGeometry().width() if self.screen() else wanted
        if wanted > self.width():
            self.resize(min(wanted, screen), self.height())

    def select_label(self, label: str) -> bool:
        for r, s in enumerate(self.rows):
            if s["label"] == label:
                self.table.selectRow(r)
                return True
        return False

    def selected(self) -> dict[str, Any] | None:
        rows = self.table.selectionModel().selectedRows()
        return self.rows[rows[0].row()] if rows else None

    def _selection_changed(self) -> None:
        self.forget_button.setEnabled(self.selected() is not None)
        self.report_button.setEnabled(self.selected() is not None)

    def show_report(self) -> None:
        """The import report kept with the selected source."""
        s = self.selected()
        if s is None or self.window_.db is None:
            return
        label = s["label"]

        def shown(report: object) -> None:
            from netview.ui.import_report import ImportReportDialog

            if not isinstance(report, dict):
                text = f"No report was kept for “{label}”."
                self.note = dialogs.information(self, "Import Report", text)
                return
            self.report_dialog = ImportReportDialog([report], self)
            self.window_.importing.connect_report(self.report_dialog)
            self.report_dialog.setWindowTitle(f"Import Report — {label}")
            self.report_dialog.show()

        self.window_.read("source-report", source_report, self.window_.db, s["id"], on_result=shown)

    def forget_selected(self) -> None:
        s = self.selected()
        if s is None:
            return
        owner = s["owner_name"] or s["owner_key"]
        whose = f" (the export of {owner})" if owner else ""
        text = (
            f"Forget “{s['label']}”{whose}?\n\nPeople, ties and interactions that only this "
            "source provided are removed; what other sources also attest stays. This cannot "
            "be undone; importing the file again brings it back."
        )
        if not dialogs.confirm(self, "Forget Source", text, "Forget"):
            return

        def done(_: object) -> None:
            self.window_.statusBar().showMessage(f"Forgot {s['label']}", 8000)

        # By id: two sources may share a file name.
        self.window_.run_write("Forgetting source", forget.forget, str(s["id"]), on_result=done)
