"""Where the demo lives: always its own `demo.db`, never the user's database.

An invented network in the user's database cannot be taken out again cleanly: its owner
stays "you", and a real archive imported afterwards becomes a colleague's shared export.
So the app's demo opens `demo.db` beside the default database, and an import started while
the demo is open goes into the user's own database instead.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from sqlalchemy import make_url

from netview.services.workspace import default_database_path


def demo_path() -> Path:
    return default_database_path().with_name("demo.db")


def _file_of(target: str) -> Path | None:
    """The file behind a path or an SQLite URL; None for a server."""
    if "://" not in target:
        return Path(target)
    url = make_url(target)
    if url.get_backend_name() == "sqlite" and url.database:
        return Path(url.database)
    return None


def is_demo(target: str | None) -> bool:
    """True when `target` (a path or a URL) is the demo's database."""
    if not target:
        return False
    path = _file_of(target)
    return path is not None and path.resolve() == demo_path().resolve()


def own_database(before: str | None, recent: Iterable[str]) -> str | None:
    """The user's own database to import into: the one open before the demo, else the most
    recent one that is not the demo, else None (the default `netview.db`)."""
    for target in (before, *recent):
        if target and not is_demo(target):
            return target
    return None
