"""The QApplication and the log file, set up once per process, with no window attached.

Kept apart from app.py (which opens the main window) so that headless code, the map
renderer above all, can make an application without importing the main window.
"""

from __future__ import annotations

import logging
import logging.handlers
import sys
from importlib import resources
from pathlib import Path

import platformdirs
from PySide6.QtCore import (
    QCoreApplication,
    QMessageLogContext,
    Qt,
    QtMsgType,
    qInstallMessageHandler,
)
from PySide6.QtGui import QGuiApplication, QIcon
from PySide6.QtWidgets import QApplication

from netview import __version__

log = logging.getLogger(__name__)

ORG_NAME = "NetView"
APP_NAME = "NetView"
_LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def log_dir() -> Path:
    return Path(platformdirs.user_log_dir(APP_NAME, appauthor=False))


def configure_logging(directory: Path | None = None) -> Path:
    """Attach a rotating file handler (once per process) and return the log file."""
    directory = directory or log_dir()
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / "netview.log"
    root = logging.getLogger()
    for handler in root.handlers:
        if getattr(handler, "_netview", False):
            return path
    handler = logging.handlers.RotatingFileHandler(
        path, maxBytes=1_000_000, backupCount=3, encoding="utf-8"
    )
    handler.setFormatter(logging.Formatter(_LOG_FORMAT))
    handler._netview = True  # type: ignore[attr-defined]
    root.addHandler(handler)
    if root.level == logging.NOTSET or root.level > logging.INFO:
        root.setLevel(logging.INFO)
    # Alembic announces every plugin at INFO on each open; only its problems matter here.
    logging.getLogger("alembic").setLevel(logging.WARNING)
    return path


def app_icon() -> QIcon:
    """The app icon from package data, or an empty icon when none is shipped."""
    try:
        folder = resources.files("netview.ui") / "resources"
        for name in ("netview.svg", "netview.png"):
            entry = folder / name
            if entry.is_file():
                with resources.as_file(entry) as path:
                    return QIcon(str(path))
    except (FileNotFoundError, ModuleNotFoundError):
        pass
    return QIcon()


_QT_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}
# Harmless chatter of the offscreen platform (headless renders, tests).
_QT_NOISE = ("propagateSizeHints",)


def _qt_message(kind: QtMsgType, _context: QMessageLogContext, message: str) -> None:
    """Qt's own warnings go to the log file instead of the terminal."""
    if any(noise in message for noise in _QT_NOISE):
        return
    if kind == QtMsgType.QtFatalMsg:  # Qt aborts next: the user must see why, not just the log
        print(f"netview: Qt: {message}", file=sys.stderr, flush=True)
    logging.getLogger("qt").log(_QT_LEVELS.get(kind, logging.WARNING), "%s", message)


def make_application(argv: list[str] | None = None) -> QApplication:
    """The QApplication (reused when one exists, as under pytest-qt)."""
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    # Must be set before the application exists; Qt 6 scales by default, this keeps
    # fractional scale factors (125 %, 150 %) sharp instead of rounding them.
    QGuiApplication.setHighDpiScaleFactorRoundingPolicy(
        Qt.HighDpiScaleFactorRoundingPolicy.PassThrough
    )
    qInstallMessageHandler(_qt_message)
    QCoreApplication.setOrganizationName(ORG_NAME)
    QCoreApplication.setApplicationName(APP_NAME)
    QCoreApplication.setApplicationVersion(__version__)
    app = QApplication(argv if argv is not None else sys.argv[:1])
    app.setStyle("Fusion")
    app.setWindowIcon(app_icon())
    QGuiApplication.setDesktopFileName("netview")
    return app
