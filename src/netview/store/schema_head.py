"""Is a database already at this NetView's newest schema? Answered without Alembic.

Every start opens a database that is almost always current already, yet the full check
(netview.store.migrate) imports Alembic and parses every migration script, about a tenth of
a start's imports. This reads the newest revision from the migration files' own
`revision = "…"` / `down_revision = "…"` lines and the database's `alembic_version` row;
when they agree the database is current and the full check is skipped. Anything unusual
(no version table, several heads, a file without those lines) answers False, and the full
check decides, as before.
"""

from __future__ import annotations

import re
from importlib import resources
from importlib.resources.abc import Traversable

from sqlalchemy import create_engine
from sqlalchemy.exc import DBAPIError
from sqlalchemy.pool import NullPool

from netview.store import connect, passwords

_REVISION = re.compile(r'^revision\s*=\s*["\']([^"\']+)["\']\s*$', re.M)
_DOWN = re.compile(r"^down_revision\s*=\s*(.+?)\s*$", re.M)
_QUOTED = re.compile(r'["\']([^"\']+)["\']')


def scripts_folder() -> Traversable:
    """Where this NetView's migration scripts are (Alembic's script location too)."""
    return resources.files("netview.store") / "migrations"


_HEADS: dict[str, str | None] = {}  # by scripts folder: read once per process


def head() -> str | None:
    """The newest revision among the migration files (None unless exactly one)."""
    folder = scripts_folder() / "versions"
    key = str(folder)
    if key not in _HEADS:
        _HEADS[key] = _head_of(folder)
    return _HEADS[key]


def _head_of(folder: Traversable) -> str | None:
    revisions: set[str] = set()
    below: set[str] = set()
    for entry in folder.iterdir():
        if not entry.name.endswith(".py") or entry.name.startswith("__"):
            continue
        text = entry.read_text(encoding="utf-8")
        found, down = _REVISION.search(text), _DOWN.search(text)
        if found is None or down is None:
            return None  # not a shape this reader knows: let Alembic decide
        revisions.add(found.group(1))
        below.update(_QUOTED.findall(down.group(1)))
    heads = revisions - below
    return heads.pop() if len(heads) == 1 else None


def at_head(url: str) -> bool:
    """Whether the existing database at `url` is at the newest schema.

    Read through a plain connection without NetView's SQLite settings, like the full
    check, so a file that is not NetView's is left exactly as it was.
    """
    newest = head()
    if newest is None:
        return False
    probe = create_engine(url, poolclass=NullPool, connect_args=connect.connect_args(url))
    passwords.attach(probe, url)
    try:
        with probe.connect() as conn:
            rows = conn.exec_driver_sql("SELECT version_num FROM alembic_version").all()
    except DBAPIError:
        return False  # no version table (new, or another program's): the full check
    finally:
        probe.dispose()
    return [r[0] for r in rows] == [newest]
