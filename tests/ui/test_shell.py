"""The window's docks (issue 21.7): every tab title whole at a small and a large size, dock
widths that come back after the window was small, an old saved layout that clipped tabs
discarded."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QByteArray, QSize, Qt
from PySide6.QtWidgets import QTabBar

from netview.ui.docks import LAYOUT_VERSION, SIDE_MAX

SMALL, LARGE = (1024, 700), (1600, 1000)


def _tab_bars(window: Any) -> list[QTabBar]:
    return [b for b in window.findChildren(QTabBar) if b.isVisible() and b.count()]


def _clipped(window: Any) -> list[str]:
    """Dock tab titles not shown whole: narrower than their text, or (partly) scrolled out
    of their bar."""
    out = []
    for bar in _tab_bars(window):
        for i in range(bar.count()):
            text, rect = bar.tabText(i), bar.tabRect(i)
            whole = rect.width() >= bar.fontMetrics().horizontalAdvance(text)
            if not whole or rect.left() < 0 or rect.right() >= bar.width():
                out.append(f"{text!r}: tab {rect.left()}..{rect.right()} in a bar of {bar.width()}")
    return out


def _resized(qtbot, window: Any, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    window.resize(*size)
    qtbot.waitUntil(lambda: (window.width(), window.height()) == size, timeout=5_000)
    # The docks follow once the window's own answer to the resize has run.
    qtbot.waitUntil(lambda: window.docks.settled == QSize(*size), timeout=5_000)
    qtbot.waitUntil(lambda: window.stack.width() >= size[0] // 2, timeout=5_000)


def _side_widths(window: Any) -> tuple[int, int]:
    return window.panels["followups"].width(), window.panels["person"].width()


@pytest.mark.parametrize("size", [SMALL, LARGE])
def test_every_dock_tab_title_is_shown_whole(qtbot, make_window, size) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    _resized(qtbot, window, size)
    qtbot.waitUntil(lambda: _tab_bars(window) and _clipped(window) == [], timeout=5_000)
    # Every panel but Details (alone on the right) is a tab, and the map keeps half.
    titles = {bar.tabText(i) for bar in _tab_bars(window) for i in range(bar.count())}
    assert titles == {p.TITLE for n, p in window.panels.items() if n != "person"}
    assert window.stack.width() >= size[0] // 2
    # Dragged narrower by the user, a dock stops where its tabs would be cut.
    side = [window.panels["followups"], window.panels["person"]]
    window.resizeDocks(side, [60, 60], Qt.Orientation.Horizontal)
    qtbot.waitUntil(lambda: window.panels["person"].width() < 100, timeout=5_000)
    assert _clipped(window) == []


def test_dock_widths_come_back_after_the_window_was_small(qtbot, make_window) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    _resized(qtbot, window, LARGE)
    # The user widens both sides (the map still keeps half the window).
    wide = LARGE[0] // 4 - 30  # wider than the default (docks.SIDE_MAX)
    side = [window.panels["followups"], window.panels["person"]]
    assert wide > SIDE_MAX
    window.resizeDocks(side, [wide, wide], Qt.Orientation.Horizontal)
    qtbot.waitUntil(lambda: _side_widths(window) == (wide, wide), timeout=5_000)
    _resized(qtbot, window, SMALL)
    narrow = _side_widths(window)
    assert max(narrow) < wide and window.stack.width() >= SMALL[0] // 2
    _resized(qtbot, window, LARGE)
    qtbot.waitUntil(lambda: _side_widths(window) == (wide, wide), timeout=5_000)
    assert window.stack.width() >= LARGE[0] // 2
    assert _clipped(window) == []


def test_a_layout_saved_before_the_tab_groups_is_discarded(qtbot, make_window, settings) -> None:  # type: ignore[no-untyped-def]
    old = make_window()
    _resized(qtbot, old, SMALL)
    # The old arrangement: all five left panels tabbed in one row, saved unversioned.
    panels = old.panels
    for name in ("paths", "groups", "invitations", "insights"):
        old.tabifyDockWidget(panels["followups"], panels[name])
    qtbot.waitUntil(lambda: any(b.count() == 5 for b in _tab_bars(old)), timeout=5_000)
    settings.window_state = QByteArray(old.saveState())
    old.hide()

    window = make_window()
    _resized(qtbot, window, SMALL)
    qtbot.waitUntil(lambda: _tab_bars(window) and _clipped(window) == [], timeout=5_000)
    assert max(b.count() for b in _tab_bars(window)) == 3  # the two groups, not one row
    # What this version saves is restored next time.
    window.panels["insights"].close()
    window.close()
    assert not settings.window_state.isEmpty()
    again = make_window()
    assert again.panels["insights"].isHidden() and LAYOUT_VERSION > 0


def test_a_narrow_window_keeps_half_for_the_map(qtbot, make_window) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    _resized(qtbot, window, LARGE)
    before = _side_widths(window)
    details = window.panels["person"]
    right, left = Qt.DockWidgetArea.RightDockWidgetArea, Qt.DockWidgetArea.LeftDockWidgetArea
    for size in ((800, 600), (700, 600)):
        _resized(qtbot, window, size)
        # Details joins the left tabs rather than squeezing the map or cutting a title.
        qtbot.waitUntil(lambda: window.dockWidgetArea(details) == left, timeout=5_000)
        qtbot.waitUntil(lambda: _tab_bars(window) and _clipped(window) == [], timeout=5_000)
        titles = {bar.tabText(i) for bar in _tab_bars(window) for i in range(bar.count())}
        assert details.TITLE in titles
        qtbot.waitUntil(lambda s=size: window.stack.width() >= s[0] // 2, timeout=5_000)
    # Wide again: Details back on the right, both sides as wide as before.
    _resized(qtbot, window, LARGE)
    qtbot.waitUntil(lambda: window.dockWidgetArea(details) == right, timeout=5_000)
    qtbot.waitUntil(lambda: _side_widths(window) == before, timeout=5_000)
    assert _clipped(window) == [] and window.stack.width() >= LARGE[0] // 2


def test_details_closed_on_a_narrow_window_stays_closed(qtbot, make_window) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    details = window.panels["person"]
    _resized(qtbot, window, (800, 600))
    left = Qt.DockWidgetArea.LeftDockWidgetArea
    qtbot.waitUntil(lambda: window.dockWidgetArea(details) == left, timeout=5_000)
    details.close()
    _resized(qtbot, window, LARGE)
    qtbot.waitUntil(lambda: window.docks.folded is None, timeout=5_000)
    assert details.isHidden()
    assert window.dockWidgetArea(details) == Qt.DockWidgetArea.RightDockWidgetArea
    details.show()  # View › Details: on the right, where it belongs
    qtbot.waitUntil(lambda: details.isVisible() and details.width() > 100, timeout=5_000)
    assert window.stack.width() >= LARGE[0] // 2 and _clipped(window) == []
