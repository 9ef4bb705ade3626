"""The import report in the app: per archive and per file, rows read, imported, skipped and
why. Shown after an import and again from File > Sources… (Report…)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QResizeEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from netview.services.importing.import_summary import ArchiveSummary, summarise

FILE_SHARE = 0.55  # of the tree's width, at most, for the File column


class ImportReportDialog(QDialog):
    """A tree: each archive (what it added), its files (counts), their skipped rows."""

    def __init__(self, reports: list[dict[str, Any]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Import Report")
        self.resize(720, 460)
        self.summaries: list[ArchiveSummary] = [summarise(r) for r in reports]
        n = len(self.summaries)
        heading = QLabel(
            f"{n} archive{'s' if n != 1 else ''} imported. Rows NetView could not use are "
            "listed under their file, with the line and the reason."
        )
        heading.setWordWrap(True)
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(["File", "Rows"])
        self.tree.setAccessibleName("Import report")
        header = self.tree.header()
        header.setStretchLastSection(True)
        # Not ResizeToContents: an archive's long title took the whole width and pushed the
        # Rows column out of sight. The File column gets at most FILE_SHARE of the width
        # (the user may drag it), long titles are elided and shown whole in a tooltip.
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        self.tree.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        for s in self.summaries:
            top = QTreeWidgetItem([s.title, s.added])
            self.tree.addTopLevelItem(top)
            for f in s.files:
                item = QTreeWidgetItem([f.name, f.text])
                top.addChild(item)
                for line in f.skipped:
                    item.addChild(QTreeWidgetItem(["", line]))
            for w in s.warnings:
                top.addChild(QTreeWidgetItem(["warning", w]))
            top.setExpanded(True)
        for item in self._items():
            for column in (0, 1):
                item.setToolTip(column, item.text(column))
        self._fit_file_column()
        heading.setBuddy(self.tree)
        copy = QPushButton("&Copy Report")
        copy.setToolTip("Copy the report as text, e.g. to keep it or to ask for help")
        copy.clicked.connect(self.copy)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(copy, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.tree)
        layout.addWidget(buttons)
        self.tree.setFocus(Qt.FocusReason.OtherFocusReason)

    def _items(self) -> list[QTreeWidgetItem]:
        out: list[QTreeWidgetItem] = []
        stack = [self.tree.topLevelItem(i) for i in range(self.tree.topLevelItemCount())]
        while stack:
            item = stack.pop()
            if item is None:
                continue
            out.append(item)
            stack.extend(item.child(i) for i in range(item.childCount()))
        return out

    def _fit_file_column(self) -> None:
        self.tree.resizeColumnToContents(0)
        cap = int(self.tree.viewport().width() * FILE_SHARE)
        self.tree.setColumnWidth(0, min(self.tree.columnWidth(0), cap))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_file_column()

    def text(self) -> str:
        """The report as plain text (what Copy Report puts on the clipboard)."""
        lines: list[str] = []
        for s in self.summaries:
            lines.append(f"{s.title}; {s.added}" if s.added else s.title)
            for f in s.files:
                lines.append(f"  {f.name}: {f.text}")
                lines.extend(f"    {line}" for line in f.skipped)
            lines.extend(f"  warning: {w}" for w in s.warnings)
        return "\n".join(lines)

    def copy(self) -> None:
        QGuiApplication.clipboard().setText(self.text())
