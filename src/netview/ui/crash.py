"""The app's last error boundary: any exception nothing else caught (in a slot, an event
handler or a plain thread) is logged with its traceback and shown in a dialog with its one
line and a "Copy Details" button. A user never sees a traceback and never loses one.

Worker errors do not come here: they reach the window's one handler (MainWindow.show_error),
which shows the unexpected ones with the same dialog, built by `show_error_dialog`.
"""

from __future__ import annotations

import logging
import sys
import threading
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

log = logging.getLogger(__name__)

ExcInfo = tuple[type[BaseException], BaseException, TracebackType | None]
ExceptHook = Callable[[type[BaseException], BaseException, TracebackType | None], Any]
ThreadHook = Callable[[threading.ExceptHookArgs], Any]


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


class CrashReporter(QObject):
    """Shows uncaught errors on the UI thread, whichever thread raised them."""

    caught = Signal(str, str)  # one line, traceback

    def __init__(self, log_file: Path | None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.log_file = log_file
        self.dialog: ErrorDialog | None = None
        # Queued when emitted from another thread: the dialog is made on the UI thread.
        self.caught.connect(self._show)

    def report(self, info: ExcInfo, where: str = "") -> None:
        exc = info[1]
        log.critical("Unhandled error%s", f" in {where}" if where else "", exc_info=info)
        self.caught.emit(one_line(exc), details_of(info))

    def _show(self, message: str, details: str) -> None:
        shown = self.dialog
        self.dialog = show_error_dialog(
            message, details, self.log_file, QApplication.activeWindow(), shown
        )
        if self.dialog is not shown:  # nothing else holds it: gone when closed
            self.dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)


_installed: list[tuple[CrashReporter, ExceptHook, ThreadHook]] = []


def install(log_file: Path | None) -> CrashReporter:
    """Route uncaught exceptions (main thread, Qt slots, other threads) to the reporter."""
    reporter = CrashReporter(log_file)
    previous = (sys.excepthook, threading.excepthook)

    def hook(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        reporter.report((exc_type, exc, tb))

    def thread_hook(args: threading.ExceptHookArgs) -> None:
        if args.exc_value is None or issubclass(args.exc_type, SystemExit):
            return
        name = args.thread.name if args.thread is not None else "a thread"
        reporter.report((args.exc_type, args.exc_value, args.exc_traceback), name)

    sys.excepthook = hook
    threading.excepthook = thread_hook
    _installed.append((reporter, *previous))
    return reporter


def uninstall() -> None:
    """Put back the hooks that were there before `install` (tests)."""
    while _installed:
        reporter, before, thread_before = _installed.pop()
        sys.excepthook = before
        threading.excepthook = thread_before
        if shiboken6.isValid(reporter):
            reporter.deleteLater()
