"""The shell's parts: menus built from ui/actions.py, databases opened off the UI thread,
errors shown in one place."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest
import shiboken6
from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog

from netview.core.errors import NetViewError
from netview.store.db import Database, open_database
from netview.ui import actions
from netview.ui.backend import Backend


def _menu_entries(window: Any) -> dict[str, QAction]:
    """Every action of the menu bar (submenus included) by its text."""
    found: dict[str, QAction] = {}

    def walk(menu: Any) -> None:
        for action in menu.actions():
            if action.menu() is not None:
                walk(action.menu())
            elif action.text():
                found[action.text()] = action

    for top in window.menuBar().actions():
        walk(top.menu())
    return found


def test_every_declared_action_is_in_its_menu_with_its_shortcut(qtbot, make_window) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    shown = _menu_entries(window)
    titles = {a.text(): a.menu() for a in window.menuBar().actions()}
    declared = [e for e in actions.ENTRIES if isinstance(e, actions.MenuAction)]
    assert declared and len({s.id for s in declared}) == len(declared)  # ids are unique
    for spec in declared:
        action = shown[spec.text]
        assert action is window.menu_actions[spec.id]
        assert action in titles[actions.MENUS[spec.menu]].actions(), spec.id
        if spec.shortcut is not None:
            assert action.shortcut() == QKeySequence(spec.shortcut), spec.id
        # Each handler names something the window has.
        assert callable(actions.resolve(window, spec.handler)), spec.handler
    # What the sections add is there too: recent databases, undo, Colour By, the panels.
    assert {"Open &Recent", "&Colour By", "&Go to Panel", "&Theme"} <= {
        a.text() for m in titles.values() for a in m.actions()
    }
    assert window.editor.undo_action in titles["&Edit"].actions()


def test_a_menu_action_calls_its_controller(qtbot, make_window, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    asked: list[str] = []
    # Looked up when triggered: a controller's method replaced after the menus are built.
    monkeypatch.setattr(window.exporting, "choose_export", lambda: asked.append("export"))
    monkeypatch.setattr(window.database, "choose_database", lambda: asked.append("open"))
    window.menu_actions["export"].trigger()
    window.menu_actions["open"].trigger()
    assert asked == ["export", "open"]


def test_import_is_disabled_while_a_long_job_runs(qtbot, make_window, db_path) -> None:  # type: ignore[no-untyped-def]
    release = threading.Event()

    def slow_import(db: Database, paths: Any, **_: Any) -> list[Any]:
        release.wait(10)
        return []

    window = make_window(Backend(import_paths=slow_import))
    with qtbot.waitSignal(window.map_ready, timeout=10_000):
        assert window.database.open_database(str(db_path))
    assert window.menu_actions["import"].isEnabled()
    with qtbot.waitSignal(window.jobs.busy_changed, timeout=10_000):
        window.importing.start_import([Path("x.zip")])
    assert not window.menu_actions["import"].isEnabled()
    assert window.menu_actions["export"].isEnabled()  # not tied to the job
    with qtbot.waitSignal(window.jobs.busy_changed, timeout=10_000):
        release.set()
    assert window.menu_actions["import"].isEnabled()


def test_a_database_is_opened_and_migrated_off_the_ui_thread(
    qtbot, make_window, db_path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    from netview.store import migrate

    upgraded: list[threading.Thread] = []
    real_upgrade = migrate.upgrade

    def upgrade(*args: Any, **kwargs: Any) -> Any:
        upgraded.append(threading.current_thread())
        return real_upgrade(*args, **kwargs)

    monkeypatch.setattr(migrate, "upgrade", upgrade)
    release = threading.Event()

    def slow_open(target: str | None) -> Database:
        release.wait(10)
        return open_database(target)

    window = make_window(Backend(open_database=slow_open))
    opened: list[Any] = []
    window.database.database_opened.connect(opened.append)
    assert window.database.open_database(str(db_path))
    # While it opens, the UI thread runs and the window says it is loading.
    assert window.stack.currentWidget() is window.loading and window.loading.isVisible()
    assert window.db is None and opened == []
    with qtbot.waitSignal(window.map_ready, timeout=20_000):
        release.set()
    assert len(opened) == 1 and window.db is opened[0]
    assert Path(opened[0].url.removeprefix("sqlite:///")) == db_path
    # The new file was given its schema by Alembic, in the worker.
    assert len(upgraded) == 1 and upgraded[0] is not threading.main_thread()
    assert window.stack.currentWidget() is window.welcome  # empty: the welcome view


def test_a_database_that_cannot_open_says_so_once_and_keeps_the_one_open(
    qtbot, make_window, db_path, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    with qtbot.waitSignal(window.map_ready, timeout=10_000):
        assert window.database.open_database(str(db_path))
    bad = tmp_path / "not-a-database.db"
    bad.write_text("hello")
    with qtbot.waitSignal(window.database.open_failed, timeout=10_000):
        assert window.database.open_database(str(bad))
    box = window.tasks.last_error
    assert box is not None and box.isVisible() and str(bad) in box.text()
    assert window.db is not None and window.db.url.endswith(db_path.name)
    assert window.stack.currentWidget() is window.welcome  # not left loading
    box.close()


@pytest.mark.parametrize("unexpected", [False, True])
def test_errors_of_controllers_and_workers_share_one_dialog(
    qtbot, make_window, unexpected: bool
) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    exc = RuntimeError("disk on fire") if unexpected else NetViewError("no such file")
    window.tasks.show_error("Export", exc)
    first = window.tasks.last_error
    assert first is not None and first.isVisible()
    # A worker's error comes through the same handler.
    window.workers.error.emit("Import", RuntimeError("again") if unexpected else exc)
    if unexpected:  # a second bug joins the dialog of the first: one dialog
        assert window.tasks.last_error is first and "2 errors so far" in first.text()
        assert "Import: RuntimeError: again" in first.text()
    else:
        assert "no such file" in window.tasks.last_error.text()
    for box in (first, window.tasks.last_error):
        box.close()  # an error dialog left open would count in the next test


def test_a_demo_asked_for_a_database_that_did_not_open_fills_no_other(
    qtbot, make_window, db_path, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    filled: list[str] = []

    def fill(db: Database, *, progress: Any = None) -> None:
        filled.append(db.url)

    window = make_window(Backend(fill_demo=fill))
    bad = tmp_path / "not-a-database.db"
    bad.write_text("hello")
    with qtbot.waitSignal(window.database.open_failed, timeout=10_000):
        window.database.open_initial(str(bad), demo=True)  # netview --demo --db bad.db
    window.tasks.last_error.close()
    # The user then opens their own (empty) database: it stays empty.
    with qtbot.waitSignal(window.map_ready, timeout=10_000):
        assert window.database.open_database(str(db_path))
    qtbot.waitUntil(lambda: window.current_task is None and not window.workers.busy)
    assert filled == [] and len(window.model) == 0


def test_a_read_that_comes_back_after_its_dialog_was_deleted_is_dropped(
    qtbot, make_window, db_path
) -> None:  # type: ignore[no-untyped-def]
    """An import report closed (and deleted) while its read is on its way: the answer is
    dropped instead of calling a method of a dead dialog (an internal error for the user)."""
    window = make_window()
    with qtbot.waitSignal(window.map_ready, timeout=30_000):
        assert window.database.open_database(str(db_path))
    gate = threading.Event()
    answered: list[object] = []

    class Report(QDialog):
        def answer(self, value: object) -> None:
            answered.append((self.windowTitle(), value))

    closed, kept = Report(window), Report(window)
    kept.setWindowTitle("kept")

    def slow() -> int:
        assert gate.wait(10)
        return 7

    window.tasks.read("closed-report", slow, on_result=closed.answer)
    window.tasks.read("kept-report", slow, on_result=kept.answer)
    closed.deleteLater()
    qtbot.waitUntil(lambda: not shiboken6.isValid(closed), timeout=5_000)
    gate.set()
    assert window.workers.wait(10_000)
    qtbot.waitUntil(lambda: bool(answered), timeout=5_000)
    QCoreApplication.sendPostedEvents()
    assert answered == [("kept", 7)]
    assert window.tasks.last_error is None
