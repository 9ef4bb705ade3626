"""Entry script of the frozen app: the same `main` as the `netview` console script.

With NETVIEW_BUNDLE_SELFTEST=<database path> set, the frozen app instead checks what freezing
most often breaks and exits: Alembic migrations found and applied on a fresh database, package
data (the window icon) present, the Qt modules and the platform plugin loadable. The build's
smoke test (packaging/smoke_test.py) uses it; users never set it.
"""

import multiprocessing
import os
import sys

SELFTEST_ENV = "NETVIEW_BUNDLE_SELFTEST"


def self_test(db_path: str) -> int:
    from importlib import resources

    from netview.store.db import open_database
    from netview.store.migrate import current_revision, head_revision

    db = open_database(db_path)
    try:
        revision, head = current_revision(db.engine), head_revision()
    finally:
        db.dispose()
    print(f"self-test: migrations applied, database at {revision} (head {head})")

    icon = resources.files("netview.ui") / "resources" / "icon.png"
    from PySide6 import QtSvg  # noqa: F401 - must be in the bundle
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])
    loaded = QIcon(str(icon))
    sizes = [f"{s.width()}x{s.height()}" for s in loaded.availableSizes()]
    print(f"self-test: Qt platform {app.platformName()}, window icon {sizes or 'MISSING'}")
    ok = revision is not None and revision == head and bool(sizes)
    return 0 if ok else 1


if __name__ == "__main__":
    # A frozen child process would otherwise re-run the whole app instead of its task.
    multiprocessing.freeze_support()
    if os.environ.get(SELFTEST_ENV):
        sys.exit(self_test(os.environ[SELFTEST_ENV]))

    from netview.cli import main

    sys.exit(main())
