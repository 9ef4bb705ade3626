"""Follow-ups: who is overdue, due, snoozed or going quiet, with one-click actions."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from functools import partial
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QInputDialog,
    QLabel,
    QMainWindow,
    QMenu,
    QPushButton,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from netview.services.changes import Changes
from netview.services.followups import cadence as fu
from netview.services.network import LoadedNetwork
from netview.services.people.person import profile_urls
from netview.services.workspace import Database
from netview.ui import commands
from netview.ui.glyphs import shown_name
from netview.ui.panels.base import Panel, fit_columns
from netview.ui.panels.flow import flow_row
from netview.ui.panels.intro_requests import MARKS, intro_wait_days

NOTHING = (
    "Nothing to follow up.\n\nSet a keep-in-touch cadence in a person's details, or on one "
    "of your groups, and reminders appear here when contact is due."
)
TIPS = {
    "losing": "A strong tie going quiet: accept the suggested cadence to keep in touch",
    "suggested": "A suggestion, not a reminder: Accept sets this cadence",
    "moved": "A new role is a reason to get in touch: Copy Note copies a congratulation",
    "intros": "No answer yet: a friendly nudge, or mark the request in Introductions",
}


@dataclass(frozen=True)
class Row(fu.Entry):
    url: str | None = None


@dataclass(frozen=True)
class FollowUpsData:
    rows: list[Row]


def _load(db: Database, ln: LoadedNetwork, wait_days: int = 7) -> FollowUpsData:
    """The same overview as `netview followups`, with profile links for Open Profile."""
    entries = fu.overview(db, ln, intro_wait_days=wait_days)
    urls = profile_urls(db, [e.person_id for e in entries])
    return FollowUpsData([Row(**{**e.__dict__, "url": urls.get(e.person_id)}) for e in entries])


class FollowUpsPanel(Panel):
    TITLE = "Follow-ups"
    NAME = "followups"
    DEPENDS = (
        Changes.PEOPLE
        | Changes.TIES
        | Changes.TOUCHES
        | Changes.FOLLOWUPS
        | Changes.GROUPS  # group cadences
        | Changes.INTROS  # introductions waiting
    )

    def build(self, body: QWidget) -> None:
        lay = QVBoxLayout(body)
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(["Person", "Last contact", "Every", "Due"])
        self.tree.setAccessibleName("Follow-ups")
        self.tree.setRootIsDecorated(True)
        self.tree.setUniformRowHeights(True)
        # Narrow docks keep the names readable: Last contact, Due, then Every give way
        # (each row's tooltip still says all of it; Accept names the suggested cadence).
        # Every needs 150 pixels: below 420 it left "Santiago Ramír…" in a 1440 window.
        fit_columns(self.tree, {1: 480, 3: 420, 2: 420})
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tree.customContextMenuRequested.connect(self._context_menu)
        self.tree.itemActivated.connect(lambda *_: self.show_selected())
        self.tree.currentItemChanged.connect(lambda *_: self._enable())
        self.tree.currentItemChanged.connect(lambda *_: self._follow())
        lay.addWidget(self.tree)
        self.done_button = QPushButton("Log Contact")
        self.done_button.setToolTip("You were in touch today: the reminder starts over (Ctrl+L)")
        self.done_button.clicked.connect(self.log_contact)
        self.snooze_button = QToolButton()
        self.snooze_button.setText("Snooze")
        self.snooze_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.snooze_button)
        for label, days in (("1 week", 7), ("2 weeks", 14), ("1 month", 30), ("3 months", 91)):
            menu.addAction(label).triggered.connect(lambda _=False, d=days: self.snooze(d))
        self.snooze_button.setMenu(menu)
        self.accept_button = QPushButton("Accept")
        self.accept_button.setToolTip("Keep in touch at the suggested cadence")
        self.accept_button.clicked.connect(self.accept_suggestion)
        self.cadence_button = QPushButton("Cadence…")
        self.cadence_button.clicked.connect(self.ask_cadence)
        self.profile_button = QPushButton("Open Profile")
        self.profile_button.clicked.connect(self.open_profile)
        self.note_button = QPushButton("Copy Note")
        self.note_button.setToolTip("Copy the draft note (a congratulation, or a nudge)")
        self.note_button.clicked.connect(self.copy_note)
        buttons = (
            self.done_button,
            self.accept_button,
            self.snooze_button,
            self.cadence_button,
            self.profile_button,
            self.note_button,
        )
        lay.addWidget(flow_row(*buttons))
        # What the last action did, where the user is looking (also in the status bar).
        self.feedback = QLabel()
        self.feedback.setWordWrap(True)
        lay.addWidget(self.feedback)
        self.data = FollowUpsData([])
        self._enable()

    def load(self, db: Database, ln: LoadedNetwork) -> Any:
        return _load(db, ln, intro_wait_days(self.host))

    def show_data(self, data: Any) -> None:
        assert isinstance(data, FollowUpsData)
        current = self.current()
        self.data = data
        self.tree.clear()
        if not data.rows:
            self.show_empty(NOTHING)
            return
        for section in fu.SECTIONS:
            title = fu.SECTION_TITLES[section]
            rows = [r for r in data.rows if r.section == section]
            if not rows:
                continue
            top = QTreeWidgetItem([f"{title} ({len(rows)})"])
            top.setFlags(Qt.ItemFlag.ItemIsEnabled)
            top.setData(0, Qt.ItemDataRole.UserRole + 1, section)
            self.tree.addTopLevelItem(top)
            for r in rows:
                last = r.last_contact.isoformat() if r.last_contact else "never"
                every = r.every_text() or (r.detail or "")
                if r.section == "snoozed" and r.snoozed_until:
                    due = f"snoozed to {r.snoozed_until.isoformat()}"
                else:
                    due = r.due.isoformat() if r.due else ""
                item = QTreeWidgetItem([shown_name(r.name, r.key), last, every, due])
                item.setData(0, Qt.ItemDataRole.UserRole, r)
                if not r.cadence_days:  # a proposal, not a reminder: set in italics
                    font = item.font(2)
                    font.setItalic(True)
                    item.setFont(2, font)
                tip = f"Last contact: {last}" + (f"\nDue: {due}" if due else "")
                tip += f"\n{every[0].upper()}{every[1:]}" if every else ""
                tip += f"\n{TIPS[r.section]}" if r.section in TIPS else ""
                for column in range(4):
                    item.setToolTip(column, tip)
                top.addChild(item)
                if current is not None and r.person_id == current.person_id:
                    self.tree.setCurrentItem(item)
            top.setExpanded(True)
        self.show_body()
        self._enable()

    def due_keys(self) -> frozenset[str]:
        """People whose follow-up is due or overdue (the map's "Follow-up due" filter)."""
        return frozenset(r.key for r in self.data.rows if r.section in ("due", "overdue"))

    def section_counts(self) -> dict[str, int]:
        counts = {s: 0 for s in fu.SECTIONS}
        for r in self.data.rows:
            counts[r.section] += 1
        return counts

    def current(self) -> Row | None:
        item = self.tree.currentItem()
        value = item.data(0, Qt.ItemDataRole.UserRole) if item else None
        return value if isinstance(value, Row) else None

    def select(self, key: str) -> bool:
        """Make the row of `key` current (keyboard users and tests)."""
        for i in range(self.tree.topLevelItemCount()):
            top = self.tree.topLevelItem(i)
            if top is None:
                continue
            for j in range(top.childCount()):
                child = top.child(j)
                r = child.data(0, Qt.ItemDataRole.UserRole) if child is not None else None
                if child is not None and isinstance(r, Row) and r.key == key:
                    self.tree.setCurrentItem(child)
                    return True
        return False

    def _enable(self) -> None:
        r = self.current()
        for w in (self.done_button, self.snooze_button, self.cadence_button):
            w.setEnabled(r is not None)
        suggested = r.suggested_days if r is not None else None
        self.accept_button.setEnabled(suggested is not None)
        self.accept_button.setText(f"Accept: Every {suggested} d" if suggested else "Accept")
        self.profile_button.setEnabled(r is not None and r.url is not None)
        self.note_button.setEnabled(r is not None and bool(r.note))

    # --- actions -----------------------------------------------------------------------

    def log_contact(self) -> None:
        r = self.current()
        if r is None:
            self.tell("Choose someone in Follow-ups first, then log the contact (Ctrl+L).")
            return
        again = f"; next reminder in {r.cadence_days} days" if r.cadence_days else ""
        text = f"Logged a contact with {self._who(r.person_id, r.name or r.key)} today{again}."
        # Said once it is saved: an edit waiting for another writer has not happened yet.
        self.host.push(commands.mark_done(self.host, r.person_id), lambda: self.tell(text))

    def log_contact_shortcut(self) -> None:
        """Edit › Log Contact (Ctrl+L), anywhere in the window: the row chosen here while
        Follow-ups has the focus, else the person selected on the map or shown in Details."""
        focus = QApplication.focusWidget()
        if self.current() is not None and focus is not None and self.isAncestorOf(focus):
            self.log_contact()
            return
        keys = self.host.selected_keys()
        ln, db = self.host.network, self.host.db
        i = ln.net.index_of_key.get(keys[0]) if keys and ln is not None else None
        if i is None or db is None or ln is None or i == ln.net.owner:
            self.log_contact()  # a row here, or the hint to choose someone
            return
        pid = int(ln.net.ids[i])
        text = f"Logged a contact with {self._who(pid, ln.net.names[i] or keys[0])} today."
        self.host.push(commands.mark_done(self.host, pid), lambda: self.tell(text))

    def _who(self, pid: int, name: str) -> str:
        """The name, and which of several people of that name: their company (or title)."""
        ln = self.host.network
        i = ln.net.index_of_id.get(pid) if ln is not None else None
        if ln is None or i is None or ln.net.names.count(ln.net.names[i]) < 2:
            return name
        net = ln.net
        return f"{name} ({net.companies[i] or net.positions[i] or net.keys[i]})"

    def accept_suggestion(self) -> None:
        r = self.current()
        if r is None or r.suggested_days is None:
            return
        text = f"Keeping in touch with {r.name or r.key} every {r.suggested_days} days."
        self.host.push(
            commands.set_cadence(self.host, r.person_id, r.suggested_days),
            lambda: self.tell(text),
        )

    def tell(self, text: str) -> None:
        """Feedback for an action: in the panel and in the window's status bar."""
        self.feedback.setText(text)
        if isinstance(self.host, QMainWindow):
            self.host.statusBar().showMessage(text, 8000)

    def snooze(self, days: int) -> None:
        r = self.current()
        ln = self.host.network
        if r is None or ln is None:
            return
        until = ln.today + timedelta(days=days)
        self.host.push(commands.snooze(self.host, r.person_id, until, r.snoozed_until))

    def ask_cadence(self) -> None:
        r = self.current()
        if r is None:
            return
        # The row's cadence is the person's own when they have one (0, "off", shows none).
        days, ok = QInputDialog.getInt(
            self, "Keep in Touch", f"Get in touch with {r.name} every … days (0 = off):",
            r.cadence_days or r.suggested_days or 90, 0, 3650,
        )  # fmt: skip
        if ok:
            self.host.push(commands.set_cadence(self.host, r.person_id, days))

    def copy_note(self) -> None:
        r = self.current()
        if r is not None and r.note:
            QApplication.clipboard().setText(r.note)
            self.tell(f"Note to {r.name or r.key} copied: paste it into LinkedIn or your mail.")

    def mark_intro(self, state: str) -> None:
        r = self.current()
        if r is not None and r.request_id is not None:
            self.host.push(commands.mark_intro(self.host, r.request_id, state, date.today()))
            self.tell(f"Introduction through {r.name or r.key} marked {state}.")

    def open_profile(self) -> None:
        r = self.current()
        if r is not None and r.url:
            self.host.open_url(r.url)

    def show_selected(self) -> None:
        r = self.current()
        if r is not None:
            self.host.select_person(r.key)

    def _follow(self) -> None:
        """Details follow the row the user moves to (arrow keys, a click), as on the map;
        not a row made current by a reload."""
        r = self.current()
        if r is not None and self.tree.hasFocus() and self.host.selected_keys()[:1] != [r.key]:
            self.host.select_person(r.key, raise_details=False)

    def _context_menu(self, pos: Any) -> None:
        r = self.current()
        if r is None:
            return
        menu = QMenu(self)
        menu.addAction("Show Details", self.show_selected)
        if r.note:
            menu.addAction("Copy Note", self.copy_note)
        if r.request_id is not None:
            for label, state in MARKS:
                menu.addAction(f"Mark {label}", partial(self.mark_intro, state))
        menu.addAction("Log Contact", self.log_contact)
        if r.suggested_days is not None:
            menu.addAction(f"Accept: Every {r.suggested_days} Days", self.accept_suggestion)
        menu.addAction("Snooze 1 Week", lambda: self.snooze(7))
        menu.addAction("Set Cadence…", self.ask_cadence)
        menu.addAction("Open LinkedIn Profile", self.open_profile)
        menu.exec(self.tree.viewport().mapToGlobal(pos))
