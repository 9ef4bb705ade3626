"""The one place an error reaches the user: a NetView error (or a server's refusal) as its
one line in a message box; anything else logged with its traceback and shown in the "Something
went wrong" dialog with Copy Details. Worker errors, the controllers' own and the crash hook's
uncaught ones all come through here."""

from __future__ import annotations

import logging
import traceback
from pathlib import Path
from types import TracebackType

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from netview.core.errors import NetViewError
from netview.services.workspace import refusal

log = logging.getLogger(__name__)

ExcInfo = tuple[type[BaseException], BaseException, TracebackType | None]


def one_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {text[0]}" if text else type(exc).__name__


class ErrorDialog(QDialog):
    """ "Something went wrong", the error's one line, where the log is, and Copy Details."""

    def __init__(
        self, message: str, details: str, log_file: Path | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("netview-error-dialog")
        self.setWindowTitle("NetView: Something Went Wrong")
        self.details = details
        self.message = QLabel(message)
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        where = f"The details are in {log_file}." if log_file else "The details are in the log."
        title = QLabel("<b>Something went wrong.</b>")
        hint = QLabel(f"{where} Copy them if you report this.")
        hint.setWordWrap(True)
        self.setMinimumWidth(440)
        self.copy_button = QPushButton("Copy Details")
        self.copy_button.clicked.connect(self.copy_details)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.message)
        layout.addWidget(hint)
        layout.addWidget(buttons)
        self.count = 1

    def text(self) -> str:
        """The one line shown (as QMessageBox.text() gives it)."""
        return self.message.text()

    def copy_details(self) -> None:
        clipboard = QGuiApplication.clipboard()
        if clipboard is not None:
            clipboard.setText(self.details)

    def add(self, message: str, details: str) -> None:
        """Another error while this one is shown: one dialog, not a cascade of them."""
        self.count += 1
        self.message.setText(f"{message}\n({self.count} errors so far; the first is below.)")
        self.details += "\n" + details


def details_of(info: ExcInfo) -> str:
    """The traceback, as Copy Details gives it."""
    return "".join(traceback.format_exception(*info))


def show_error_dialog(
    message: str,
    details: str,
    log_file: Path | None,
    parent: QWidget | None,
    shown: object = None,
) -> ErrorDialog:
    """The one builder of the error dialog, for the crash hook and the window's worker
    errors alike. A second error while `shown` (the dialog of the first) is still open
    joins it: one dialog, not a cascade of them."""
    if isinstance(shown, ErrorDialog) and shiboken6.isValid(shown) and shown.isVisible():
        shown.add(message, details)
        return shown
    dialog = ErrorDialog(message, details, log_file, parent)
    dialog.open()  # window-modal over its parent, without blocking the event loop
    return dialog


def one_line_box(parent: QWidget, title: str, exc: NetViewError) -> QMessageBox:
    """A NetView error: its one line, window-modal, not blocking the event loop."""
    box = QMessageBox(
        QMessageBox.Icon.Warning, title, str(exc), QMessageBox.StandardButton.Ok, parent
    )
    box.open()
    return box


def show_unexpected(
    parent: QWidget | None, message: str, details: str, shown: object, log_file: Path | None
) -> ErrorDialog:
    """An error nothing explains (a bug): one line and the traceback to copy."""
    return show_error_dialog(message, details, log_file, parent, shown)


def show(
    parent: QWidget, title: str, exc: BaseException, shown: object = None
) -> QMessageBox | ErrorDialog:
    """Show `exc` (from a worker or a controller) and log it; returns the dialog shown."""
    waited = refusal(exc)
    if waited is not None:  # a teammate's lock, the server's time-out or refusal: one line
        exc = NetViewError(waited)
    if isinstance(exc, NetViewError):
        log.warning("%s: %s", title, exc)
        return one_line_box(parent, title, exc)
    info = (type(exc), exc, exc.__traceback__)
    log.error("%s failed", title, exc_info=info)
    # Not ours to explain: one line, and the traceback to copy (it is in the log too).
    from netview.ui.application import log_dir

    message = f"{title}: {one_line(exc)}"
    return show_unexpected(parent, message, details_of(info), shown, log_dir() / "netview.log")
