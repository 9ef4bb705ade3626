"""`netview restore`: a JSON backup into an empty database, exactly as it was."""

from __future__ import annotations

import os
from pathlib import Path

from netview.core.errors import NetViewError
from netview.io.backup import read_backup
from netview.store import backup as backup_q
from netview.store.db import Database
from netview.store.migrate import head_revision


def restore(db: Database, path: str | os.PathLike[str]) -> dict[str, int]:
    """Rows restored per table. Refuses a database that holds anything (one-line error)."""
    data = read_backup(path)
    label = Path(path).name
    with db.write() as session:
        try:
            return backup_q.restore(session, data, head_revision(), label)
        except NetViewError:
            raise
        except Exception as exc:  # constraint violations: the file was edited by hand
            first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            raise NetViewError(f"{label}: cannot be restored ({first})") from None
