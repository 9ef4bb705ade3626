"""The panels in the window: View menu toggles, remembered layout, empty states."""

from __future__ import annotations

from PySide6.QtCore import QByteArray

from netview.ui.panels import PANELS


def test_view_menu_toggles_each_panel(qtbot, sample_window) -> None:  # type: ignore[no-untyped-def]
    window = sample_window
    view = next(a.menu() for a in window.menuBar().actions() if a.text() == "&View")
    toggles = {a.text(): a for a in view.actions() if a.isCheckable()}
    for cls in PANELS:
        panel = window.panels[cls.NAME]
        action = toggles[cls.TITLE]
        assert action.isChecked()
        action.trigger()
        assert not panel.isVisible() and not action.isChecked()
        action.trigger()
        assert action.isChecked()
    assert toggles["Details"].shortcut().toString() == "Ctrl+1"


def test_layout_is_remembered(qtbot, make_window, settings, db_path) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    window.panels["insights"].close()
    window.close()
    assert not settings.window_state.isEmpty()
    again = make_window()
    assert again.panels["insights"].isHidden()
    assert not again.panels["followups"].isHidden()
    settings.window_state = QByteArray()


def test_empty_database_panels_say_what_to_do(qtbot, make_window, db_path) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    with qtbot.waitSignals([p.updated for p in window.panels.values()], timeout=10_000):
        assert window.open_database(str(db_path))
    for panel in window.panels.values():
        assert panel.showing_empty
        assert "Import your own LinkedIn archive" in panel.empty.text()
