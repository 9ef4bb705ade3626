"""The app's last error boundary: any exception nothing else caught (in a slot, an event
handler or a plain thread) is logged with its traceback and shown in a dialog with its one
line and a "Copy Details" button. A user never sees a traceback and never loses one.

Worker errors do not come here: they reach the window's one handler (TaskController.show_error).
Both show an error through netview.ui.errors, the one place errors reach the user.
"""

from __future__ import annotations

import logging
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QApplication

from netview.ui.errors import ErrorDialog, ExcInfo, details_of, one_line, show_unexpected

__all__ = ["CrashReporter", "ErrorDialog", "install", "uninstall"]

log = logging.getLogger(__name__)

ExceptHook = Callable[[type[BaseException], BaseException, TracebackType | None], Any]
ThreadHook = Callable[[threading.ExceptHookArgs], Any]


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
        self.dialog = show_unexpected(
            QApplication.activeWindow(), message, details, shown, self.log_file
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
