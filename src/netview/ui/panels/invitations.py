"""Invitations: connection requests you sent and received, and which are still pending."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QLabel,
    QPlainTextEdit,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from netview.services.changes import Changes
from netview.services.followups import invitations as inv
from netview.services.network import LoadedNetwork
from netview.services.workspace import Database
from netview.ui.glyphs import shown_name
from netview.ui.panels.base import Panel, fit_columns
from netview.ui.panels.flow import flow_row

FILTERS = ("All", "Pending", "Sent", "Received")
NONE_YET = (
    "No invitations in your archive.\n\nLinkedIn lists the connection requests you sent and "
    "received in Invitations.csv; import a newer archive to see them here."
)


class InvitationsPanel(Panel):
    TITLE = "Invitations"
    NAME = "invitations"
    DEPENDS = Changes.PEOPLE | Changes.TIES

    def build(self, body: QWidget) -> None:
        lay = QVBoxLayout(body)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.filter = QComboBox()
        self.filter.addItems(FILTERS)
        self.filter.currentIndexChanged.connect(lambda _: self._fill())
        show = QLabel("&Show:")
        show.setBuddy(self.filter)
        lay.addWidget(self.summary)
        lay.addWidget(flow_row(show, self.filter))
        split = QSplitter(Qt.Orientation.Vertical)
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(["Person", "", "Date", "Status"])
        self.tree.setAccessibleName("Invitations")
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        # In a dock as narrow as a 1280-pixel window gives it, who invited whom gives way
        # (each row's tooltip still says it), or the names were cut to "Gusta…".
        fit_columns(self.tree, {1: 400})
        self.tree.currentItemChanged.connect(self._show_message)
        self.tree.itemActivated.connect(self._open)
        self.message = QPlainTextEdit()
        self.message.setReadOnly(True)
        self.message.setAccessibleName("Invitation message")
        self.message.setTabChangesFocus(True)
        self.message.setPlaceholderText("The invitation's message, when it had one.")
        split.addWidget(self.tree)
        split.addWidget(self.message)
        split.setSizes([240, 90])
        lay.addWidget(split, 1)
        self.rows: list[inv.InvitationRow] = []

    def load(self, db: Database, ln: LoadedNetwork) -> Any:
        return inv.invitations(db)

    def show_data(self, data: Any) -> None:
        self.rows = list(data)
        if not self.rows:
            self.show_empty(NONE_YET)
            return
        sent = sum(1 for r in self.rows if r.sent)
        out_pending, in_pending = inv.pending_count(self.rows)
        self.summary.setText(
            f"{sent} sent ({out_pending} pending) · {len(self.rows) - sent} received "
            f"({in_pending} pending)"
        )
        self._fill()
        self.show_body()

    def visible_rows(self) -> list[inv.InvitationRow]:
        choice = FILTERS[self.filter.currentIndex()]
        if choice == "Pending":
            return [r for r in self.rows if not r.connected]
        if choice == "Sent":
            return [r for r in self.rows if r.sent]
        if choice == "Received":
            return [r for r in self.rows if not r.sent]
        return self.rows

    def _fill(self) -> None:
        self.tree.clear()
        self.message.clear()
        for r in self.visible_rows():
            name, day = shown_name(r.name, r.key), f"{r.at:%Y-%m-%d}" if r.at else ""
            item = QTreeWidgetItem(
                [
                    name,
                    "you invited" if r.sent else "invited you",
                    day,
                    "connected" if r.connected else "pending",
                ]
            )
            told = f"You invited {name}" if r.sent else f"{name} invited you"
            for column in range(item.columnCount()):
                item.setToolTip(column, f"{told} on {day}" if day else told)
            item.setData(0, Qt.ItemDataRole.UserRole, r)
            if not r.connected:
                font = item.font(3)
                font.setBold(True)
                item.setFont(3, font)
            self.tree.addTopLevelItem(item)

    def _show_message(self, item: QTreeWidgetItem | None, _prev: object = None) -> None:
        r = item.data(0, Qt.ItemDataRole.UserRole) if item else None
        if isinstance(r, inv.InvitationRow):
            self.message.setPlainText(r.message or "(no message: LinkedIn's standard invitation)")

    def _open(self, item: QTreeWidgetItem) -> None:
        r = item.data(0, Qt.ItemDataRole.UserRole)
        if isinstance(r, inv.InvitationRow) and r.key:
            self.host.select_person(r.key)
