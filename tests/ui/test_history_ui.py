"""The app after a newer archive: Moved on, the introductions pipeline, What's New, and the
reminder that reaches you."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QGuiApplication
from tests.samples import SAMPLES, sample_zips

from netview.services.changes import Changes
from netview.services.identity.people import person_id
from netview.services.importing.importer import import_paths
from netview.services.introductions import asked as intros
from netview.store.db import open_database
from netview.store.sources import list_sources


@pytest.fixture(scope="session")
def _history_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """network-2026, then the owner's newer archive, and one introduction asked long ago."""
    path = tmp_path_factory.mktemp("history") / "history.db"
    db = open_database(str(path))
    import_paths(db, sample_zips("network-2026"))
    import_paths(db, sorted((SAMPLES.parent / "history" / "later-2026").glob("*.zip")))
    with db.write() as s:
        target, via = person_id(s, "xavier-johansson-61336"), person_id(s, "ben-fernández-11eef")
        intros.ask(s, target, via, "Hi Ben, could you introduce me to Xavier?", date(2026, 11, 2))
    db.dispose()
    return path


@pytest.fixture
def notified() -> list[tuple[str, str]]:
    """The notifications the window's reminders give (title, body), from its start."""
    return []


@pytest.fixture
def history_window(  # type: ignore[no-untyped-def]
    qtbot, make_window, _history_template: Path, tmp_path: Path, notified: list[tuple[str, str]]
) -> Any:
    path = tmp_path / "history.db"
    shutil.copy(_history_template, path)
    window = make_window()
    window.reminders.notified.connect(lambda title, body: notified.append((title, body)))
    with qtbot.waitSignals([p.updated for p in window.panels.values()], timeout=30_000):
        assert window.database.open_database(str(path))
    return window


def test_follow_ups_show_who_moved_on_and_the_introduction_waiting(qtbot, history_window) -> None:  # type: ignore[no-untyped-def]
    panel = history_window.panels["followups"]
    counts = panel.section_counts()
    assert counts["moved"] == 12 and counts["intros"] == 1
    tops = [panel.tree.topLevelItem(i).text(0) for i in range(panel.tree.topLevelItemCount())]
    assert "Moved on (12)" in tops and "Introductions waiting (1)" in tops
    assert panel.select("xavier-okafor-5977a")
    assert panel.note_button.isEnabled()
    panel.copy_note()
    note = QGuiApplication.clipboard().text()
    assert note.startswith("Hi Xavier,") and "Northwind Traders" in note
    item = panel.tree.currentItem()
    assert item.text(2).startswith("now Head of Data at Northwind Traders")


def test_asking_for_an_introduction_records_it_and_it_moves_on(qtbot, history_window) -> None:  # type: ignore[no-untyped-def]
    panel = history_window.panels["paths"]
    with qtbot.waitSignal(panel.updated, timeout=10_000):
        panel.search("quentin-king-63225")
    assert panel.ask_button.isEnabled()
    p = panel.data.paths[0]
    with qtbot.waitSignal(panel.requests.tree.model().rowsInserted, timeout=20_000):
        panel.ask()
    qtbot.waitUntil(lambda: panel.requests.tree.topLevelItemCount() == 2, timeout=20_000)
    newest = panel.requests.rows[0]
    assert (newest.target_key, newest.via_key, newest.state) == (p.keys[-1], p.keys[1], "asked")
    assert newest.draft == panel.draft.toPlainText()
    assert panel.requests.title.text().startswith("Introductions you asked for (2, 1 waiting")

    assert panel.requests.select(newest.id)
    assert panel.requests.buttons["introduced"].isEnabled()
    assert not panel.requests.buttons["met"].isEnabled()
    panel.requests.mark("introduced")
    qtbot.waitUntil(lambda: panel.requests.rows[0].state == "introduced", timeout=20_000)
    assert panel.requests.select(newest.id)
    assert panel.requests.buttons["met"].isEnabled()
    # Undo takes the step back.
    history_window.editor.undo_action.trigger()
    qtbot.waitUntil(lambda: panel.requests.rows[0].state == "asked", timeout=20_000)


def checked_again(qtbot: Any, reminders: Any) -> None:
    """Check what is due now, and wait until the answer is in (a new DueToday shown)."""
    before = reminders.due
    reminders.check()
    qtbot.waitUntil(lambda: reminders.due is not before, timeout=10_000)


def test_the_day_s_reminder_reaches_you_once(qtbot, history_window, notified) -> None:  # type: ignore[no-untyped-def]
    reminders = history_window.reminders
    qtbot.waitUntil(lambda: reminders.digest.isVisible(), timeout=10_000)
    assert reminders.digest.text().endswith("1 introduction waiting")
    assert len(notified) == 1
    title, body = notified[0]
    assert "1 introduction waiting" in title and "Xavier Johansson via Ben Fernández" in body
    # Another check the same day: no second notification.
    checked_again(qtbot, reminders)
    assert reminders.due.any and len(notified) == 1
    # The digest opens Follow-ups.
    reminders.digest.click()
    assert history_window.panels["followups"].isVisible()


def test_reminders_can_be_turned_off(qtbot, history_window, notified) -> None:  # type: ignore[no-untyped-def]
    reminders = history_window.reminders
    qtbot.waitUntil(lambda: len(notified) == 1, timeout=10_000)
    reminders.set_enabled(False)
    reminders.today = lambda: date(2099, 1, 1)  # a new day
    checked_again(qtbot, reminders)
    assert reminders.due.any and len(notified) == 1
    assert history_window.settings.reminders is False


def test_whats_new_lists_the_changes(qtbot, history_window) -> None:  # type: ignore[no-untyped-def]
    history_window.dialogs.show_whats_new()
    dialog = history_window.dialogs.whats_new
    qtbot.waitUntil(lambda: bool(dialog.changes), timeout=10_000)
    assert dialog.summary.text() == "6 new connections, 4 gone, 12 moved on."
    tops = [dialog.tree.topLevelItem(i).text(0) for i in range(dialog.tree.topLevelItemCount())]
    assert tops[:3] == ["New connections (6)", "Gone (kept as history) (4)", "Moved on (12)"]
    dialog.close()


def test_details_tell_a_past_connection_and_the_requests(qtbot, history_window) -> None:  # type: ignore[no-untyped-def]
    panel = history_window.panels["person"]
    for key, line in (
        ("sam-chen-17bbc", "• Connected 2021–2026: no longer in your archive of 2026-12-04"),
        (
            "xavier-johansson-61336",
            "• You asked Ben Fernández to introduce you: asked since 2026-11-02 (asked 2026-11-02)",
        ),
        (
            "xavier-okafor-5977a",
            "• Moved: Software Engineer at Nordisk Data A/S → Head of Data at Northwind "
            "Traders (seen 2026-12-04)",
        ),
    ):
        with qtbot.waitSignal(panel.updated, timeout=10_000):
            history_window.select_person(key)
        qtbot.waitUntil(lambda line=line: panel.history_label.text() == line, timeout=10_000)
        assert panel.history_label.isVisible()
        if key == "sam-chen-17bbc":  # gone: no longer 1st degree, the history says since when
            assert panel.degree_label.text() != "1st degree"


def test_insights_count_the_asks_and_outcomes(qtbot, history_window) -> None:  # type: ignore[no-untyped-def]
    label = history_window.panels["insights"].intros_label
    assert label.text() == "1 asked; 1 still open, 1 waiting an answer"


def test_an_archive_that_looks_older_asks_before_it_supersedes(
    qtbot, make_window, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QMessageBox
    from tests.services.test_history import rewritten

    me = next((SAMPLES / "network-2026").glob("me__*.zip"))
    db = open_database(str(tmp_path / "older.db"))
    import_paths(db, [me])
    db.dispose()
    odd = rewritten(
        me,
        tmp_path / "me__Complete_LinkedInDataExport_12-10-2026.zip",
        lambda rows: [r for r in rows if not r[0].startswith("Valentina")],
    )
    window = make_window()
    with qtbot.waitSignals([p.updated for p in window.panels.values()], timeout=30_000):
        assert window.database.open_database(str(tmp_path / "older.db"))
    window.importing.start_import([odd])
    qtbot.waitUntil(
        lambda: (
            window.importing.supersede_box is not None
            and window.importing.supersede_box.isVisible()
        ),
        timeout=20_000,
    )
    box = window.importing.supersede_box
    assert "looks older" in box.text() and "Valentina Fernández on 2026-10-15" in box.text()
    assert window.db is not None
    from netview.services.importing.history import changes_of

    with window.db.session() as s:  # nothing written yet
        assert changes_of(s)["gone"] == []
        assert [row.label for row in list_sources(s)] == [me.name]
    box.button(QMessageBox.StandardButton.Yes).click()

    def gone() -> list[str]:
        assert window.db is not None
        with window.db.session() as s:
            return [e["key"] for e in changes_of(s)["gone"]]

    qtbot.waitUntil(lambda: gone() == ["valentina-fernández-4a002"], timeout=60_000)
    qtbot.waitUntil(lambda: window.current_task is None, timeout=20_000)


def test_the_wait_before_a_nudge_is_a_setting(qtbot, history_window) -> None:  # type: ignore[no-untyped-def]
    panel = history_window.panels["followups"]
    assert panel.section_counts()["intros"] == 1
    waited = (date.today() - date(2026, 11, 2)).days
    history_window.settings.intro_wait_days = waited + 1
    with qtbot.waitSignal(panel.updated, timeout=20_000):
        history_window.changed(Changes.INTROS)
    assert panel.section_counts()["intros"] == 0
    qtbot.waitUntil(lambda: not history_window.reminders.due.intros, timeout=10_000)
