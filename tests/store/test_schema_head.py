"""The quick "already at the newest schema?" check agrees with Alembic and changes nothing."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from netview.store import schema_head
from netview.store.db import make_engine, open_database
from netview.store.migrate import current_revision, head_revision, upgrade


def test_the_newest_revision_is_alembics(tmp_path: Path) -> None:
    assert schema_head.head() == head_revision()
    db = open_database(str(tmp_path / "new.db"))
    try:
        assert schema_head.at_head(db.url)
    finally:
        db.dispose()


def test_an_older_database_is_not_current_and_still_upgrades(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    engine = make_engine(f"sqlite:///{path}")
    upgrade(engine, "0001")
    engine.dispose()
    assert not schema_head.at_head(f"sqlite:///{path}")
    db = open_database(str(path))
    try:
        assert current_revision(db.engine) == head_revision()
    finally:
        db.dispose()


def test_another_programs_file_is_left_as_it_was(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE notes (body TEXT)")
    before = path.read_bytes()
    assert not schema_head.at_head(f"sqlite:///{path}")
    assert path.read_bytes() == before
    assert not Path(f"{path}-wal").exists()
