"""The introductions you asked for, in the Introductions panel: each request's state and
when it got there, with buttons to move it on (asked -> introduced -> met, or declined /
no answer). Every change is an undoable edit."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from netview.services.introductions import asked as intros
from netview.services.workspace import Database
from netview.ui import commands
from netview.ui.glyphs import shown_name
from netview.ui.panels.base import Host, fit_columns
from netview.ui.panels.flow import flow_row

MARKS = (("Introduced", "introduced"), ("Met", "met"), ("Declined", "declined"),
         ("No Answer", "no answer"))  # fmt: skip


def intro_wait_days(host: Any) -> int:
    """The setting "no answer after N days" as the window has it (a week by default)."""
    settings = getattr(host, "settings", None)
    days = getattr(settings, "intro_wait_days", intros.WAIT_DAYS)
    return days if isinstance(days, int) and days > 0 else intros.WAIT_DAYS


def load_requests(db: Database) -> list[intros.IntroRow]:
    with db.session() as s:
        return intros.requests(s)


NONE_ASKED = (
    "Introductions you asked for: none yet. Find a path above and press Ask for This "
    "Introduction once you have sent the request: it is followed here, from asked to met."
)


class IntroRequestsBox(QWidget):
    """A list of requests and the buttons that move the chosen one on."""

    def __init__(self, host: Host, wait_days: Any) -> None:
        super().__init__()
        self.host = host
        self.wait_days = wait_days  # a callable: the setting as it is now
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        self.title = QLabel("Introductions you asked for")
        self.title.setWordWrap(True)
        # At the top of its place: alone (no request yet) it has the panel's whole foot,
        # and centred in it the sentence sat far below the help it follows.
        self.title.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        lay.addWidget(self.title)
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(["To meet", "Through", "State", "Since"])
        self.tree.setAccessibleName("Introductions you asked for")
        self.tree.setRootIsDecorated(False)
        fit_columns(self.tree, {3: 360, 2: 260, 1: 200})
        self.tree.currentItemChanged.connect(lambda *_: self._enable())
        lay.addWidget(self.tree)
        self.buttons: dict[str, QPushButton] = {}
        for label, state in MARKS:
            b = QPushButton(label)
            b.setToolTip(f"This request is now: {state} (today)")
            b.clicked.connect(lambda _=False, st=state: self.mark(st))
            self.buttons[state] = b
        self.button_row = flow_row(*self.buttons.values())
        lay.addWidget(self.button_row)
        self.rows: list[intros.IntroRow] = []
        self._enable()
        self._show_list(False)

    def reload(self) -> None:
        db = self.host.db
        if db is not None:
            self.host.read("intro-requests", load_requests, db, on_result=self.show_rows)

    def show_rows(self, rows: list[intros.IntroRow]) -> None:
        chosen = self.current()
        self.rows = rows
        self.tree.clear()
        today = date.today()
        waiting = {r.id for r in intros.waiting(rows, today, self.wait_days())}
        counts = intros.counts(rows, today, self.wait_days())
        self.title.setText(
            f"Introductions you asked for ({counts.asked}"
            + (f", {counts.waiting} waiting an answer" if counts.waiting else "")
            + ")"
            if rows
            else NONE_ASKED
        )
        self._show_list(bool(rows))
        for r in rows:
            state = r.state + ("  (no answer yet)" if r.id in waiting else "")
            item = QTreeWidgetItem(
                [shown_name(r.target_name, r.target_key), shown_name(r.via_name, r.via_key),
                 state, r.state_on.isoformat()]
            )  # fmt: skip
            item.setData(0, Qt.ItemDataRole.UserRole, r.id)
            steps = ", ".join(f"{s} {d.isoformat()}" for s, d in r.steps)
            for column in range(4):
                item.setToolTip(column, f"{steps}\n\n{r.draft}")
            self.tree.addTopLevelItem(item)
            if chosen is not None and chosen.id == r.id:
                self.tree.setCurrentItem(item)
        self._enable()

    def _show_list(self, shown: bool) -> None:
        """The list and its buttons once there is a request: before, an empty table and
        four buttons that could not be pressed said nothing."""
        self.tree.setVisible(shown)
        self.button_row.setVisible(shown)

    def current(self) -> intros.IntroRow | None:
        item = self.tree.currentItem()
        rid = item.data(0, Qt.ItemDataRole.UserRole) if item is not None else None
        return next((r for r in self.rows if r.id == rid), None)

    def select(self, request_id: int) -> bool:
        for i in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(i)
            if item is not None and item.data(0, Qt.ItemDataRole.UserRole) == request_id:
                self.tree.setCurrentItem(item)
                return True
        return False

    def _enable(self) -> None:
        r = self.current()
        allowed = intros.NEXT.get(r.state, ()) if r is not None else ()
        for state, b in self.buttons.items():
            b.setEnabled(state in allowed)

    def mark(self, state: str) -> None:
        r = self.current()
        if r is None or state not in intros.NEXT.get(r.state, ()):
            return
        self.host.push(commands.mark_intro(self.host, r.id, state, date.today()))
