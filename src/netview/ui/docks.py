"""Dock arrangement for small screens: the map keeps half the window, tabs stay readable."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QDockWidget, QMainWindow, QTabBar, QTabWidget

SIDE_MAX = 340  # a dock's width on a large screen (px)
SIDES = (Qt.DockWidgetArea.LeftDockWidgetArea, Qt.DockWidgetArea.RightDockWidgetArea)


def side_width(window: QMainWindow, sides: int = 2) -> int:
    """The width of one side's docks so that together they leave the map half the window."""
    return max(160, min(SIDE_MAX, window.width() // (2 * max(1, sides)) - 8))


def keep_map_half(window: QMainWindow, docks: Iterable[QDockWidget]) -> None:
    """Narrow the left and right docks when together they take more than half the window.

    Called when the window is resized (a small screen, or a layout saved on a bigger one);
    the user may still drag a dock wider afterwards.
    """
    shown: dict[Qt.DockWidgetArea, QDockWidget] = {}
    for dock in docks:
        area = window.dockWidgetArea(dock)
        if area in SIDES and dock.isVisible() and not dock.isFloating():
            shown.setdefault(area, dock)
    if not shown or sum(d.width() for d in shown.values()) <= window.width() // 2:
        return
    each = side_width(window, len(shown))
    window.resizeDocks(list(shown.values()), [each] * len(shown), Qt.Orientation.Horizontal)


def readable_tabs(window: QMainWindow) -> None:
    """Dock tabs on top with whole titles ("Follow-ups", never "Follo…"), scrolling when
    they do not fit. Qt makes the tab bars lazily, so this runs after layout changes."""
    window.setTabPosition(Qt.DockWidgetArea.AllDockWidgetAreas, QTabWidget.TabPosition.North)

    def tidy() -> None:
        for bar in window.findChildren(QTabBar):
            bar.setElideMode(Qt.TextElideMode.ElideNone)
            bar.setUsesScrollButtons(True)
            bar.setExpanding(False)

    tidy()
    QTimer.singleShot(0, window, tidy)
