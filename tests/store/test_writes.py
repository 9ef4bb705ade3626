"""Writes: one transaction taken up front, waiting for other writers instead of failing."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select
from tests.samples import sample_zips

from netview.core.errors import Cancelled
from netview.services.identity.people import UnknownPerson
from netview.services.people import groups as gs
from netview.store import db as dbmod
from netview.store.db import Database, DatabaseBusy, open_database
from netview.store.models import Group, GroupMember, Meta, Person, Source


@pytest.fixture
def db(db_path: Path) -> Iterator[Database]:
    database = open_database(db_path)
    yield database
    database.dispose()


class Holder:
    """Another connection (another program) holding the write lock until `release()`."""

    def __init__(self, path: Path) -> None:
        self.lock = threading.Lock()
        self.conn: sqlite3.Connection | None = sqlite3.connect(
            path, isolation_level=None, check_same_thread=False
        )
        self.conn.execute("BEGIN IMMEDIATE")
        self.conn.execute("INSERT INTO meta (key, value) VALUES ('holder', 'was here')")

    def release(self) -> None:
        with self.lock:
            if self.conn is not None:
                self.conn.execute("COMMIT")
                self.conn.close()
                self.conn = None


class Recorder:
    def __init__(self, cancel_after: int | None = None) -> None:
        self.texts: list[str] = []
        self.cancel_after = cancel_after
        self.asked = 0

    def report(self, fraction: float, text: str) -> None:
        self.texts.append(text)

    def cancelled(self) -> bool:
        self.asked += 1
        return self.cancel_after is not None and self.asked > self.cancel_after


def people(db: Database, n: int) -> list[str]:
    from datetime import datetime

    with db.write() as s:
        s.add_all(
            Person(id=i, key=f"p-{i}", name=f"P {i}", created_at=datetime(2026, 1, 1))
            for i in range(1, n + 1)
        )
    return [f"p-{i}" for i in range(1, n + 1)]


def test_a_write_waits_for_another_writer_says_so_and_then_lands(
    db: Database, db_path: Path
) -> None:
    holder = Holder(db_path)
    timer = threading.Timer(1.5, holder.release)
    timer.start()
    progress = Recorder()
    with db.write(progress) as s:  # before: "database is locked" after a deferred BEGIN
        s.add(Group(name="Friends", color=None, cadence_days=None, created_at=func.now()))
    timer.join()
    assert any("Waiting for another program writing to netview.db" in t for t in progress.texts)
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(Group)) == 1
        # The other program's write landed first, whole.
        assert s.scalar(select(Meta.value).where(Meta.key == "holder")) == "was here"


def test_a_cancelled_wait_writes_nothing(db: Database, db_path: Path) -> None:
    holder = Holder(db_path)
    try:
        with pytest.raises(Cancelled), db.write(Recorder(cancel_after=2)) as s:
            s.add(Group(name="Friends", color=None, cadence_days=None, created_at=func.now()))
    finally:
        holder.release()
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(Group)) == 0


def test_a_writer_gives_up_with_one_line_after_the_longest_wait(
    db: Database, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(dbmod, "WRITE_WAIT_S", 0.3)
    holder = Holder(db_path)
    try:
        with pytest.raises(DatabaseBusy, match="another program has been writing to it"):
            gs.create_group(db, "Friends")
    finally:
        holder.release()
    gs.create_group(db, "Friends")  # once the other writer is done
    assert gs.members(db, "Friends") == []


def test_a_group_with_one_unknown_key_leaves_nothing_behind(db: Database) -> None:
    keys = people(db, 5)
    with pytest.raises(UnknownPerson, match="'nobody-x' is not in your network"):
        gs.create_group(db, "Team", people=[*keys, "nobody-x"])
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(Group)) == 0
        assert s.scalar(select(func.count()).select_from(GroupMember)) == 0
    with pytest.raises(UnknownPerson, match="2 people are not in your network"):
        gs.create_group(db, "Team", people=[keys[0], "a-1", "b-2"])


def test_thousands_of_keys_resolve_in_chunks_and_round_trip(db: Database) -> None:
    keys = people(db, 2500)  # more than SQLite's smallest bound-variable limit
    gs.create_group(db, "Everyone", "#336699", keys)
    gs.set_group_cadence(db, "Everyone", 30)
    before = gs.delete_group(db, "Everyone")
    assert sorted(before.member_keys) == sorted(keys) and before.color == "#336699"
    with db.write() as s:
        gs.restore(s, before)
    assert len(gs.members(db, "Everyone")) == 2500
    again = gs.delete_group(db, "Everyone")
    assert (again.color, again.cadence_days) == ("#336699", 30)


def _import(db_path: Path, archive: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "netview", "--db", str(db_path), "import", str(archive)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_imports_at_once_into_a_new_database_all_land(tmp_path: Path) -> None:
    """Four `netview import` processes at once (the database does not exist yet: each one
    creates and migrates it). Before, some failed with "database is locked"."""
    path = tmp_path / "shared.db"
    zips = sample_zips("network-2024")
    runs = [_import(path, z) for z in zips]
    outcomes = [(p.wait(timeout=240), *p.communicate()) for p in runs]
    for code, _out, err in outcomes:
        assert code == 0, err
        assert "locked" not in err and "Traceback" not in err
    db = open_database(path)
    try:
        with db.session() as s:
            assert s.scalar(select(func.count()).select_from(Source)) == len(zips) == 4
    finally:
        db.dispose()


def test_an_import_waiting_for_another_writer_says_so_and_lands(tmp_path: Path) -> None:
    path = tmp_path / "busy.db"
    open_database(path).dispose()
    holder = Holder(path)
    safety = threading.Timer(120, holder.release)  # never hang the suite
    safety.start()
    mine = sample_zips("network-2024")[0]  # the owner's own
    run = _import(path, mine)
    assert run.stderr is not None
    said = run.stderr.readline()  # blocks until the import says it waits
    holder.release()
    code = run.wait(timeout=240)
    _out, err = run.communicate()
    safety.cancel()
    assert said == "netview: waiting for another program writing to busy.db to finish…\n"
    assert code == 0, err
    assert "waiting" not in err  # said once
