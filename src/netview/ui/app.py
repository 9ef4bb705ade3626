"""Starting the desktop app: QApplication, logging, the main window."""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QLibraryInfo

from netview import __version__
from netview.io import scratch
from netview.ui.application import (
    APP_NAME,
    ORG_NAME,
    app_icon,
    configure_logging,
    log_dir,
    make_application,
)
from netview.ui.first_frame import after_first_paint

__all__ = [
    "APP_NAME",
    "ORG_NAME",
    "app_icon",
    "configure_logging",
    "log_dir",
    "make_application",
    "run",
    "start",
]

if TYPE_CHECKING:
    from netview.ui.main_window import MainWindow

log = logging.getLogger(__name__)


def start(window: MainWindow, db_target: str | None, demo: bool = False) -> None:
    """Show the window, then open the database once its loading state is on screen (opened
    straight away, the window sat black while the database opened and the map was drawn)."""
    window.show()
    after_first_paint(window, lambda: window.database.open_initial(db_target, demo=demo))


def run(db_target: str | None, demo: bool = False) -> int:
    """Open the main window on `db_target` (path or URL; None: last used or default)."""
    log_file = configure_logging()
    from netview.ui import platform_check

    plugins = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath)) / "platforms"
    problem = platform_check.window_problem(plugins)
    if problem is not None:  # Qt would abort (status 134) and tell only the log file
        log.error("cannot open a window: %s", problem)
        print(f"netview: cannot open a window: {problem}", file=sys.stderr)
        platform_check.show_dialog(problem)
        return 1
    app = make_application()
    from netview.ui.gc_timer import UiThreadCollector

    UiThreadCollector(app)  # cycles of Qt objects die on the UI thread, never in a worker
    log.info("NetView %s starting; log at %s", __version__, log_file)
    from netview.ui import crash

    crash.install(log_file)  # from here on, no error is lost or shown as a traceback
    scratch.sweep_scratch_dirs(scratch.DEMO_PREFIX)  # folders of demos that were killed

    from netview.ui.main_window import MainWindow
    from netview.ui.settings import Settings

    window = MainWindow(Settings())
    start(window, db_target, demo)
    code = app.exec()
    log.info("NetView exiting with %s", code)
    return int(code)
