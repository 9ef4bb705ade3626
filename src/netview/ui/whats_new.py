"""File > What's New: what newer archives changed, yours and your colleagues': connections
new and gone, people who moved (from, to, when first seen), and who joined or left each
company. The same lists as `netview changes`."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from netview.services.importing.history import changes_of
from netview.services.workspace import Database
from netview.ui.glyphs import shown_name

NOTHING = (
    "No changes yet. Import a newer archive of yours (or a colleague's) and what changed "
    "since the one before appears here: new and gone connections, and who moved on."
)


def load_changes(db: Database) -> dict[str, Any]:
    with db.session() as s:
        return changes_of(s)


def _role(position: str | None, company: str | None) -> str:
    return " at ".join(x for x in (position, company) if x) or "?"


def _what(kind: str, e: dict[str, Any]) -> str:
    if kind == "new":
        return "a new connection"
    if kind == "gone":
        return "no longer in the newer archive"
    was, now = _role(e["position"][0], e["company"][0]), _role(e["position"][1], e["company"][1])
    return f"{was} → {now}"


class WhatsNewDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("What's New")
        self.resize(920, 560)
        lay = QVBoxLayout(self)
        self.summary = QLabel("Reading what changed…")
        self.summary.setWordWrap(True)
        lay.addWidget(self.summary)
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(["Person", "What changed", "Seen"])
        self.tree.setAccessibleName("What changed")
        header = self.tree.header()
        header.setStretchLastSection(False)
        for column, mode in enumerate(
            (QHeaderView.ResizeMode.ResizeToContents, QHeaderView.ResizeMode.Stretch,
             QHeaderView.ResizeMode.ResizeToContents)
        ):  # fmt: skip
            header.setSectionResizeMode(column, mode)
        lay.addWidget(self.tree, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)
        self.changes: dict[str, Any] = {}

    def show_changes(self, changes: dict[str, Any]) -> None:
        self.changes = changes
        self.tree.clear()
        new, gone, moved = changes["new"], changes["gone"], changes["moved"]
        if not (new or gone or moved):
            self.summary.setText(NOTHING)
            return
        self.summary.setText(
            f"{len(new)} new connection{'s' if len(new) != 1 else ''}, {len(gone)} gone, "
            f"{len(moved)} moved on."
        )
        sections = (
            ("New connections", "new", new),
            ("Gone (kept as history)", "gone", gone),
            ("Moved on", "moved", moved),
        )
        for title, kind, entries in sections:
            if not entries:
                continue
            top = QTreeWidgetItem([f"{title} ({len(entries)})"])
            top.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.tree.addTopLevelItem(top)
            for e in entries:
                item = QTreeWidgetItem([shown_name(e["name"], e["key"]), _what(kind, e), e["seen"]])
                item.setData(0, Qt.ItemDataRole.UserRole, e["key"])
                item.setToolTip(1, item.text(1))
                top.addChild(item)
            top.setExpanded(True)
        if changes["companies"]:
            top = QTreeWidgetItem([f"Companies ({len(changes['companies'])})"])
            top.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.tree.addTopLevelItem(top)
            for c in changes["companies"]:
                parts = [f"{len(c['joined'])} joined"] if c["joined"] else []
                parts += [f"{len(c['left'])} left"] if c["left"] else []
                top.addChild(QTreeWidgetItem([c["company"], ", ".join(parts), ""]))
            top.setExpanded(True)
