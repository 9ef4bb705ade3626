"""Small dialogs: errors, the owner of an archive, help and about."""

from __future__ import annotations

import logging

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from netview import __version__
from netview.core.errors import NetViewError
from netview.core.ids import profile_key

log = logging.getLogger(__name__)


def error_box(parent: QWidget, title: str, exc: BaseException) -> QMessageBox:
    """A window-modal, non-blocking error dialog; NetView errors show their one line."""
    if isinstance(exc, NetViewError):
        text = str(exc)
        detail = None
    else:
        text = f"Something went wrong: {exc.__class__.__name__}: {exc}"
        detail = "The details are in the log file (Help → About shows where)."
    box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok, parent)
    if detail:
        box.setInformativeText(detail)
    box.open()
    return box


class OwnerDialog(QDialog):
    """Asks whose archive this is, as a LinkedIn profile URL."""

    def __init__(self, parent: QWidget | None, message: str, profile_name: str | None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Whose Archive Is This?")
        who = f" (its profile says {profile_name})" if profile_name else ""
        intro = QLabel(
            f"NetView cannot tell whose LinkedIn archive this is{who}.\n"
            "Paste the owner's profile address, as shown in the browser's address bar."
        )
        intro.setWordWrap(True)
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
        layout.addWidget(self.url)
        layout.addWidget(self.buttons)
        self._validate()

    def _validate(self) -> None:
        ok = profile_key(self.url.text()) is not None
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ok)

    def owner_url(self) -> str:
        return self.url.text().strip()


def about_text(log_file: str, settings_file: str, database: str) -> str:
    return (
        f"<h3>NetView {__version__}</h3>"
        "<p>A private, offline map of your professional network. Your data stays on this "
        "computer.</p>"
        f"<p><small>Database: {database}<br>Settings: {settings_file}<br>Log: {log_file}"
        "</small></p>"
    )
