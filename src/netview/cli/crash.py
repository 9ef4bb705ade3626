"""What the command line does with an error nobody expected: a bug.

The traceback goes to the log file in the user log folder (the same file the app writes),
never to the terminal unless --debug or NETVIEW_DEBUG asks for it; the user gets one line
saying it is a bug and where the details are.
"""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

import platformdirs

APP_NAME = "NetView"
DEBUG_ENV = "NETVIEW_DEBUG"


def log_file() -> Path:
    return Path(platformdirs.user_log_dir(APP_NAME, appauthor=False)) / "netview.log"


def log_bug(exc: BaseException, command: str) -> Path:
    """Append the traceback of `exc` to the log file and return the file (OSError if it cannot)."""
    path = log_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    handler = logging.handlers.RotatingFileHandler(
        path, maxBytes=1_000_000, backupCount=3, encoding="utf-8"
    )
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    log = logging.getLogger("netview.cli")
    log.addHandler(handler)
    try:
        log.error("netview %s failed", command, exc_info=exc)
    finally:
        log.removeHandler(handler)
        handler.close()
    return path
