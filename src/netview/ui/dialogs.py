"""Small dialogs: the owner of an archive, help and about (errors: netview.ui.errors)."""

from __future__ import annotations

import logging
from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from netview import __version__
from netview.core.ids import profile_key
from netview.services.identity.pick import Choice, rank
from netview.ui.list_keys import follow_arrows
from netview.ui.typing_pause import when_typing_pauses

log = logging.getLogger(__name__)


class OwnerDialog(QDialog):
    """Asks whose archive this is: a person already known, or a LinkedIn profile URL.

    Picking a person fills the URL field with their profile address, so `owner_url` is
    always what the field says.
    """

    def __init__(
        self,
        parent: QWidget | None,
        message: str,
        profile_name: str | None,
        people: Sequence[Choice] = (),
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Whose Archive Is This?")
        self.profile_name = profile_name
        self.all_people = list(people)
        who = f" (its profile says {profile_name})" if profile_name else ""
        intro = QLabel(
            f"NetView cannot tell whose LinkedIn archive this is{who}.\n"
            "Pick the person below, or paste the owner's profile address, as shown in the "
            "browser's address bar."
        )
        intro.setWordWrap(True)
        self.search = QLineEdit()
        self.search.setPlaceholderText("Search people by name, company or key")
        self.search.setClearButtonEnabled(True)
        # Ranking 60,000 people takes up to a second: once typing pauses, not per key.
        self.typing = when_typing_pauses(self.search, self._fill)
        self.people = QListWidget()
        self.people.currentItemChanged.connect(self._picked)
        self.people.itemDoubleClicked.connect(self._accept_item)
        follow_arrows(self.search, self.people)  # Down picks from the box (ui/list_keys.py)
        self.url = QLineEdit()
        self.url.setPlaceholderText("https://www.linkedin.com/in/their-profile")
        self.url.setToolTip(message)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Import")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.url.textChanged.connect(self._validate)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        if self.all_people:
            layout.addWidget(self.search)
            layout.addWidget(self.people)
            layout.addWidget(QLabel("Or the owner's profile address:"))
        else:
            self.search.hide()
            self.people.hide()
        layout.addWidget(self.url)
        layout.addWidget(self.buttons)
        self._fill()
        self._validate()

    def shown_people(self) -> list[Choice]:
        return [
            self.people.item(r).data(Qt.ItemDataRole.UserRole) for r in range(self.people.count())
        ]

    def _fill(self) -> None:
        self.people.clear()
        for p in rank(self.all_people, self.search.text(), self.profile_name):
            company = f" — {p.company}" if p.company else ""
            item = QListWidgetItem(f"{p.name or p.key}{company}  ({p.key})")
            item.setData(Qt.ItemDataRole.UserRole, p)
            if p.url is None:
                item.setFlags(
                    item.flags() & ~Qt.ItemFlag.ItemIsEnabled & ~Qt.ItemFlag.ItemIsSelectable
                )
                item.setToolTip(
                    "NetView knows no LinkedIn profile address for them (only an id or a name), "
                    "so they cannot own an archive here; paste their profile address below."
                )
            else:
                item.setToolTip(p.url)
            self.people.addItem(item)

    def _picked(self, item: QListWidgetItem | None) -> None:
        choice = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        if isinstance(choice, Choice) and choice.url is not None:
            self.url.setText(choice.url)

    def pick(self, key: str) -> bool:
        """Choose a listed person by key (False: not listed, or cannot be picked)."""
        for r in range(self.people.count()):
            item = self.people.item(r)
            if item.data(Qt.ItemDataRole.UserRole).key == key:
                if not item.flags() & Qt.ItemFlag.ItemIsEnabled:
                    return False
                self.people.setCurrentItem(item)
                return True
        return False

    def _accept_item(self, item: QListWidgetItem) -> None:
        self._picked(item)
        if self.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled():
            self.accept()

    def _validate(self) -> None:
        ok = profile_key(self.url.text()) is not None
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ok)

    def owner_url(self) -> str:
        return self.url.text().strip()


def confirm(parent: QWidget | None, title: str, text: str, action: str) -> bool:
    """Ask before something that cannot be undone; `action` names the button that does it."""
    box = QMessageBox(
        QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Cancel, parent
    )
    do = box.addButton(action, QMessageBox.ButtonRole.DestructiveRole)
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    box.exec()
    return box.clickedButton() is do


def about_text(log_file: str, settings_file: str, database: str) -> str:
    return (
        f"<h3>NetView {__version__}</h3>"
        "<p>A private, offline map of your professional network. Your data stays on this "
        "computer.</p>"
        f"<p><small>Database: {database}<br>Settings: {settings_file}<br>Log: {log_file}"
        "</small></p>"
    )


def information(parent: QWidget, title: str, text: str) -> QMessageBox:
    """A note the user only acknowledges; opened without blocking (keep the returned box)."""
    box = QMessageBox(QMessageBox.Icon.Information, title, text, QMessageBox.StandardButton.Ok)
    box.setParent(parent, box.windowFlags())
    box.open()
    return box
