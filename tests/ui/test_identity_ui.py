"""Edit › Find Duplicates… (Merge, Undo) and Details' offer to attach messages to a name
several people share."""

from __future__ import annotations

from pathlib import Path

from netview.services.analysis.stats import stats
from netview.services.importing.importer import import_paths
from netview.store.db import open_database
from netview.ui.duplicates_dialog import DuplicatesDialog

ARCHIVES = Path(__file__).parents[1] / "fixtures" / "identity"


def _db(tmp_path: Path, *names: str) -> Path:
    path = tmp_path / "identity.db"
    db = open_database(str(path))
    try:
        for name in names:
            import_paths(db, [ARCHIVES / name])
    finally:
        db.dispose()
    return path


def _open(qtbot, make_window, path: Path):  # type: ignore[no-untyped-def]
    window = make_window()
    panels = list(window.panels.values())
    with qtbot.waitSignals([p.updated for p in panels], timeout=20_000):
        assert window.database.open_database(str(path))
    return window


def _menu_action(window, text: str):  # type: ignore[no-untyped-def]
    return next(
        a
        for m in window.menuBar().actions()
        if m.menu() is not None
        for a in m.menu().actions()
        if a.text() == text
    )


def test_find_duplicates_merges_and_undo_splits(qtbot, make_window, tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = _db(tmp_path, "robin-2024", "robin-2018", "olga-2023")
    window = _open(qtbot, make_window, path)
    before = stats(window.db)
    _menu_action(window, "Find &Duplicates…").trigger()
    dialog = window.dialogs.duplicates_dialog
    assert isinstance(dialog, DuplicatesDialog) and dialog.isVisible()
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 1, timeout=10_000)
    # The evidence side by side: both Olgas, with company and how each is known.
    left, right = dialog.table.item(0, 0).text(), dialog.table.item(0, 1).text()
    assert left.startswith("Olga Haddad") and "profile" in left
    assert right.startswith("Olga Haddad") and "name only" in right
    assert "same name" in dialog.table.item(0, 2).text()
    assert not dialog.merge_button.isEnabled()
    dialog.table.selectRow(0)
    dialog.merge_button.click()  # written in the write queue, off the UI thread
    qtbot.waitUntil(lambda: stats(window.db)["people"] == before["people"] - 1, timeout=10_000)
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 0, timeout=10_000)
    assert dialog.empty.isVisible()
    window.undo_stack.undo()
    qtbot.waitUntil(lambda: stats(window.db) == before, timeout=10_000)
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 1, timeout=10_000)


def test_details_offers_messages_to_a_shared_name(qtbot, make_window, tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = _db(tmp_path, "robin-2018")
    window = _open(qtbot, make_window, path)
    panel = window.panels["person"]
    db = window.db
    with db.session() as s:
        from sqlalchemy import text

        (maria,) = s.execute(text("SELECT key FROM person WHERE company = 'Globex'")).one()
        (olga,) = s.execute(text("SELECT key FROM person WHERE name = 'Olga Haddad'")).one()
    with qtbot.waitSignal(panel.updated, timeout=10_000):
        panel.show_person(olga)
    assert not panel.attach_button.isVisibleTo(panel)
    with qtbot.waitSignal(panel.updated, timeout=10_000):
        panel.show_person(maria)
    assert panel.attach_button.isVisibleTo(panel)
    assert "2 messages to “Maria García”" in panel.pending_label.text()
    assert stats(db)["messages"] == 1
    with qtbot.waitSignal(panel.updated, timeout=20_000):
        panel.attach_button.click()
    assert stats(db)["messages"] == 3
    assert not panel.attach_button.isVisibleTo(panel)
    window.undo_stack.undo()
    qtbot.waitUntil(lambda: stats(db)["messages"] == 1, timeout=10_000)


def test_introductions_suggest_and_find_names_as_map_search_does(qtbot, sample_window) -> None:  # type: ignore[no-untyped-def]
    panel = sample_window.panels["paths"]
    panel.query.setFocus()
    qtbot.keyClicks(panel.query, "siobhan fernandez")
    assert panel.suggestions.stringList()[0] == "Siobhán Fernández (He/Him)"
    # The same matcher as Ctrl+F on the map.
    model = sample_window.map.model
    assert model.names[model.search("siobhan fernandez")[0]] == "Siobhán Fernández (He/Him)"
    with qtbot.waitSignal(panel.updated, timeout=10_000):
        panel.search()
    assert panel.data is not None and panel.data.label == "Siobhán Fernández (He/Him)"
    assert panel.data.paths
