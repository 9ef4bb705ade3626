"""Attach to Person…: say who a correspondent of your own mailbox or calendar is, when no
LinkedIn person matched them (not on LinkedIn under that address, or a name several people
share). Reached from the import report's list of frequent correspondents, after an import
and from File › Sources… › Report….

People are searched by the app's one name matcher (services.identity.pick); namesakes come
with what they do (position, company, headline), so the user can tell them apart, and NetView
never picks one for them. The attach is an undoable edit (ui.commands.attach_address).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from netview.services.changes import PERSON, Changes
from netview.services.identity.pick import Candidate, people_to_attach, rank
from netview.services.importing.evidence import strangers
from netview.ui import commands
from netview.ui.import_report import ImportReportDialog
from netview.ui.list_keys import follow_arrows
from netview.ui.typing_pause import when_typing_pauses

SHOWN = 200  # people listed at most; typing narrows it


def shown_as(who: str, name: str) -> str:
    """How a correspondent reads in a sentence: the address, or the name when they are a
    "~name" (a name several people share, no address)."""
    return name if who.startswith("~") else who


class AttachDialog(QDialog):
    """Which person `who` (named `name` in the headers) is. `chosen()` once accepted."""

    def __init__(
        self, who: str, name: str, people: Sequence[Candidate], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Attach to Person")
        self.resize(560, 420)
        self.who = who
        self.all_people = list(people)
        address = "" if who.startswith("~") else who
        named = name if name and name != address else ""
        label = f"{named} <{address}>" if named and address else (named or address)
        intro = QLabel(
            f"Who is {label}? Their meetings and e-mails will count for the person you pick, "
            "and so will later imports. Edit › Undo takes it back."
        )
        intro.setWordWrap(True)
        self.search = QLineEdit(named)
        self.search.setPlaceholderText("Search people by name, company or key")
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName("Search people")
        # Ranking tens of thousands of people takes a moment: once typing pauses.
        self.typing = when_typing_pauses(self.search, self._fill)
        self.people = QListWidget()
        self.people.setAccessibleName("People")
        self.people.currentItemChanged.connect(lambda *_: self._validate())
        self.people.itemDoubleClicked.connect(lambda _item: self._accept_chosen())
        intro.setBuddy(self.search)
        follow_arrows(self.search, self.people)  # Down picks, Enter attaches (ui/list_keys.py)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.attach_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.attach_button.setText("Attach")
        self.buttons.accepted.connect(self._accept_chosen)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.search)
        layout.addWidget(self.people)
        layout.addWidget(self.buttons)
        self._fill()
        self.search.setFocus(Qt.FocusReason.OtherFocusReason)

    def _fill(self) -> None:
        self.people.clear()
        ranked = rank(self.all_people, self.search.text(), None, SHOWN)
        found = [p for p in ranked if isinstance(p, Candidate)]
        lines = [_line(p) for p in found]
        for p, line in zip(found, lines, strict=True):
            # Two people who read the same (same name, nothing known of either) by their key.
            text = f"{line}  ({p.key})" if lines.count(line) > 1 else line
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, p)
            item.setToolTip(p.url or p.key)
            self.people.addItem(item)
        if not found:
            self.people.addItem("Nobody by that name")
            self.people.item(0).setFlags(Qt.ItemFlag.NoItemFlags)
        self._validate()

    def shown_lines(self) -> list[str]:
        return [self.people.item(r).text() for r in range(self.people.count())]

    def chosen(self) -> Candidate | None:
        item = self.people.currentItem()
        value = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        return value if isinstance(value, Candidate) else None

    def pick(self, key: str) -> bool:
        """Select a listed person by key (False: not listed)."""
        for r in range(self.people.count()):
            value = self.people.item(r).data(Qt.ItemDataRole.UserRole)
            if isinstance(value, Candidate) and value.key == key:
                self.people.setCurrentRow(r)
                return True
        return False

    def _validate(self) -> None:
        self.attach_button.setEnabled(self.chosen() is not None)

    def _accept_chosen(self) -> None:
        if self.chosen() is not None:
            self.accept()


def _line(p: Candidate) -> str:
    what = p.described()
    return f"{p.name or p.key} — {what}" if what else (p.name or p.key)


class _ReportAttach(QObject):
    """One import report's Attach to Person… (a child of the report: gone with it)."""

    def __init__(self, window: Any, report: ImportReportDialog) -> None:
        super().__init__(report)
        self.window_ = window
        self.report = report
        self.dialog: AttachDialog | None = None
        self.names: dict[str, str] = {}  # who -> the name the headers gave
        self.key = f"report-attach-{id(report)}"  # one read at a time per report

    def ask(self, who: str, name: str) -> None:
        if self.window_.db is None:
            return
        self.names[who] = name

        def show(people: object) -> None:
            listed = people if isinstance(people, list) else []
            found = [p for p in listed if isinstance(p, Candidate)]
            if self.dialog is not None:
                self.dialog.deleteLater()  # the one asked before, answered or not
            self.dialog = AttachDialog(who, name, found, self.report)
            self.dialog.accepted.connect(lambda d=self.dialog: self.attach(d))
            self.dialog.open()

        self.window_.read(self.key, people_to_attach, self.window_.db, on_result=show)

    def attach(self, dialog: AttachDialog) -> None:
        person = dialog.chosen()
        if person is None:
            return
        who, label = dialog.who, person.name or person.key
        shown = shown_as(who, self.names.get(who, who.lstrip("~")))
        command = commands.attach_address(self.window_, who, shown, person.person_id, label)
        self.window_.push(command, lambda: self.report.mark_attached(who, label))

    def changed(self, changes: object) -> None:
        """Who is unknown may have changed (an attach, a keep, their undo): the report
        lists again whoever waits again."""
        if not isinstance(changes, Changes) or not changes & PERSON:
            return
        if self.window_.db is not None:
            self.window_.read(
                f"{self.key}-listed", strangers, self.window_.db, on_result=self.report.still_listed
            )


def wire_attach(window: Any, report: ImportReportDialog) -> None:
    """Give an import report (after an import, or from File › Sources… › Report…) its Attach
    to Person…, and keep its list of correspondents true as edits land and are undone.
    `window`: the MainWindow (db, read, push, data_changed; the Host of ui.commands)."""
    if not report.has_correspondents():
        return
    attach = _ReportAttach(window, report)
    report.attach_to.connect(attach.ask)
    window.data_changed.connect(attach.changed)
