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


def _front_tab(window, title: str):  # type: ignore[no-untyped-def]
    """The tab bar holding the dock titled `title`, and whether that tab is the current one."""
    from PySide6.QtWidgets import QTabBar

    for bar in window.findChildren(QTabBar):
        titles = [bar.tabText(i) for i in range(bar.count())]
        if title in titles:
            return bar, bar.tabText(bar.currentIndex()) == title
    return None, False


def test_panel_shortcut_brings_the_panel_forward_and_never_hides_it(qtbot, sample_window) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    window = sample_window
    followups = window.panels["followups"]
    window.panels["insights"].raise_()  # another tab in front, as after using Insights
    assert _front_tab(window, "Follow-ups")[1] is False
    for _ in range(2):  # pressed twice: still there, still in front
        qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)

        def in_front() -> None:
            bar, current = _front_tab(window, "Follow-ups")
            assert bar is not None and current
            assert followups.isVisible() and not followups.visibleRegion().isEmpty()
            focused = QApplication.focusWidget()
            assert focused is not None and followups.isAncestorOf(focused)

        qtbot.waitUntil(in_front, timeout=5_000)
    # The View menu lists the shortcuts in panel order.
    view = next(a.menu() for a in window.menuBar().actions() if a.text() == "&View")
    go = next(a.menu() for a in view.actions() if a.text() == "&Go to Panel")
    shortcuts = {a.text(): a.shortcut().toString() for a in go.actions()}
    assert shortcuts == {cls.TITLE: f"Ctrl+{n}" for n, cls in enumerate(PANELS, 1)}


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
        assert window.database.open_database(str(db_path))
    for panel in window.panels.values():
        assert panel.showing_empty
        assert "Import your own LinkedIn archive" in panel.empty.text()
