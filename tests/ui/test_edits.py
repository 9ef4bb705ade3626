"""Edits in the window: written off the UI thread, on the undo stack only once they landed."""

from __future__ import annotations

import logging
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QTimer
from sqlalchemy import select

from netview.services.network import load_network
from netview.store import db as dbmod
from netview.store.db import open_database
from netview.store.models import PersonTag, Tag
from netview.ui import commands


class Holder:
    """Another program holding the database's write lock."""

    def __init__(self, path: Path) -> None:
        self.conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        self.conn.execute("BEGIN IMMEDIATE")

    def release(self) -> None:
        if self.conn is not None:
            self.conn.execute("COMMIT")
            self.conn.close()
            self.conn = None  # type: ignore[assignment]


@pytest.fixture
def window(qtbot, make_window, db_path: Path, small_network) -> Any:  # type: ignore[no-untyped-def]
    db = open_database(db_path)
    small_network(db, 6)
    db.dispose()
    win = make_window()
    with qtbot.waitSignal(win.map_ready, timeout=20_000):
        assert win.database.open_database(str(db_path))
    return win


def tags_of(db_path: Path, pid: int) -> list[str]:
    db = open_database(db_path)
    try:
        with db.session() as s:
            stmt = select(Tag.name).join(PersonTag).where(PersonTag.person_id == pid)
            return list(s.scalars(stmt))
    finally:
        db.dispose()


def test_the_window_keeps_painting_while_an_edit_waits_for_another_writer(
    qtbot, window, db_path: Path
) -> None:  # type: ignore[no-untyped-def]
    ticks: list[int] = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start(20)
    holder = Holder(db_path)
    try:
        window.push(commands.add_tag(window, 2, "investor"))
        # The edit waits in the write queue, not on the UI thread, and says so after 1 s.
        qtbot.waitUntil(
            lambda: "Waiting for another program" in window.statusBar().currentMessage(),
            timeout=10_000,
        )
        assert len(ticks) >= 10, "the event loop stalled"
        assert not window.grab().isNull()  # and the window still paints
        assert window.undo_stack.count() == 0 and tags_of(db_path, 2) == []
        assert not window.editor.undo_action.isEnabled()
    finally:
        holder.release()
        timer.stop()
    qtbot.waitUntil(lambda: window.undo_stack.count() == 1, timeout=10_000)
    assert tags_of(db_path, 2) == ["investor"]
    qtbot.waitUntil(window.editor.undo_action.isEnabled, timeout=10_000)
    assert window.editor.undo_action.text() == "&Undo Tag “investor”"


def test_an_edit_that_fails_leaves_no_undo_entry_and_says_why(
    qtbot, window, db_path: Path, monkeypatch: pytest.MonkeyPatch, caplog
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(dbmod, "WRITE_WAIT_S", 0.3)
    holder = Holder(db_path)
    try:
        with (
            caplog.at_level(logging.WARNING),
            qtbot.waitSignal(window.editor.failed, timeout=10_000),
        ):
            window.push(commands.add_tag(window, 2, "investor"))
    finally:
        holder.release()
    assert window.tasks.last_error is not None
    assert "the database is busy" in window.tasks.last_error.text()
    window.tasks.last_error.close()
    assert window.undo_stack.count() == 0 and not window.editor.undo_action.isEnabled()
    assert tags_of(db_path, 2) == []
    assert any("the database is busy" in r.getMessage() for r in caplog.records)


def test_an_undo_that_fails_leaves_the_edit_undoable(
    qtbot, window, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    window.push(commands.add_tag(window, 3, "mentor"))
    qtbot.waitUntil(window.editor.undo_action.isEnabled, timeout=10_000)
    monkeypatch.setattr(dbmod, "WRITE_WAIT_S", 0.3)
    holder = Holder(db_path)
    try:
        with qtbot.waitSignal(window.editor.failed, timeout=10_000):
            window.editor.undo()
    finally:
        holder.release()
    window.tasks.last_error.close()
    # The tag is still there, and Undo still offers to remove it.
    assert tags_of(db_path, 3) == ["mentor"]
    assert window.undo_stack.index() == 1
    qtbot.waitUntil(window.editor.undo_action.isEnabled, timeout=10_000)
    with qtbot.waitSignal(window.editor.landed, timeout=10_000):
        window.editor.undo()
    assert tags_of(db_path, 3) == []
    assert window.undo_stack.index() == 0


def test_a_change_loads_the_network_once_for_the_map_and_every_panel(
    qtbot, window, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    from netview.services import document

    qtbot.waitUntil(lambda: not window.workers.busy, timeout=20_000)  # the first load
    loads: list[object] = []

    def counted(db: Any, **kwargs: Any) -> Any:
        loads.append(db)
        return load_network(db, **kwargs)

    monkeypatch.setattr(document, "load_network", counted)
    maps: list[object] = []
    window.map_ready.connect(maps.append)
    updated: list[str] = []
    for name, panel in window.panels.items():
        panel.updated.connect(lambda name=name: updated.append(name))
    # Every panel that shows groups shows the change; the others do not read again.
    showing = ["followups", "groups", "person"]  # group cadences; groups; their groups
    with qtbot.waitSignals([window.panels[n].updated for n in showing], timeout=20_000):
        window.push(commands.create_group(window, "Crew", None, ["p-2", "p-3"]))
    qtbot.waitUntil(lambda: not window.workers.busy, timeout=20_000)
    assert sorted(updated) == showing
    assert len(loads) == 1 and len(maps) == 1
    # Every panel works on the very network the map was drawn from.
    assert maps[0].net is window.network.net
    assert window.panels["groups"].item_of("user", "Crew").text(1) == "2"


def test_an_edit_during_an_import_waits_its_turn(
    qtbot, make_window, db_path: Path, small_network
) -> None:  # type: ignore[no-untyped-def]
    import threading

    from netview.ui.backend import Backend

    release, holding = threading.Event(), threading.Event()
    order: list[str] = []

    def slow_import(
        db: Any, paths: Any, *, owner_url: Any = None, progress: Any = None
    ) -> list[Any]:
        with db.write(progress) as s:  # holds the write lock, like a big import
            s.execute(Tag.__table__.insert().values(name="imported"))
            holding.set()
            release.wait(10)
        order.append("import")
        return []

    db = open_database(db_path)
    small_network(db, 6)
    db.dispose()
    window = make_window(Backend(import_paths=slow_import))
    with qtbot.waitSignal(window.map_ready, timeout=20_000):
        assert window.database.open_database(str(db_path))
    window.importing.start_import([db_path.with_name("x.zip")])
    window.editor.landed.connect(lambda _map_too: order.append("edit"))
    window.push(commands.add_tag(window, 2, "investor"))
    # The import holds the write lock in the one write thread: the edit, queued behind it,
    # cannot have run, whatever the timing.
    qtbot.waitUntil(holding.is_set, timeout=10_000)
    assert window.editor.busy and window.workers.writes.activeThreadCount() == 1
    assert order == [] and window.undo_stack.count() == 0  # the edit waits in the queue
    release.set()
    qtbot.waitUntil(lambda: window.undo_stack.count() == 1, timeout=10_000)
    assert order == ["import", "edit"] and window.tasks.last_error is None
    assert tags_of(db_path, 2) == ["investor"]
