"""Starting the desktop app: QApplication, logging, the main window."""

from __future__ import annotations

import logging

from PySide6.QtCore import QTimer

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

__all__ = [
    "APP_NAME",
    "ORG_NAME",
    "app_icon",
    "configure_logging",
    "log_dir",
    "make_application",
    "run",
]

log = logging.getLogger(__name__)


def run(db_target: str | None, demo: bool = False) -> int:
    """Open the main window on `db_target` (path or URL; None: last used or default)."""
    log_file = configure_logging()
    app = make_application()
    log.info("NetView %s starting; log at %s", __version__, log_file)
    from netview.ui import crash

    crash.install(log_file)  # from here on, no error is lost or shown as a traceback
    scratch.sweep_scratch_dirs(scratch.DEMO_PREFIX)  # folders of demos that were killed

    from netview.ui.main_window import MainWindow
    from netview.ui.settings import Settings

    settings = Settings()
    window = MainWindow(settings)
    window.show()
    # Opened once the event loop runs, so the window paints its loading state at once
    # instead of sitting blank while the database opens and migrates.
    QTimer.singleShot(0, lambda: window.open_initial(db_target, demo=demo))
    code = app.exec()
    log.info("NetView exiting with %s", code)
    return int(code)
