"""At 1024×700 the map keeps half the window, panels reflow, tab titles stay whole."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QSize, Qt
from PySide6.QtWidgets import QAbstractButton, QLabel, QTabBar, QWidget
from tests.ui.panel_helpers import show_person


def _overflowing(panel) -> list[str]:  # type: ignore[no-untyped-def]
    """Visible widgets of a panel whose right edge is beyond what the dock shows."""
    viewport = panel._scroll.viewport()
    right = viewport.mapToGlobal(QPoint(viewport.width(), 0)).x()
    out = []
    for w in panel.body.findChildren(QWidget):
        if isinstance(w, QAbstractButton | QLabel) and w.isVisibleTo(panel.body):
            edge = w.mapToGlobal(QPoint(w.width(), 0)).x()
            if edge > right + 1:
                out.append(f"{type(w).__name__} {w.text()!r}")
    return out


def test_small_screen_keeps_map_wide_and_panels_readable(qtbot, sample_window, reference) -> None:  # type: ignore[no-untyped-def]
    window = sample_window
    _db, ln = reference
    window.resize(1024, 700)
    window.docks.reset()
    qtbot.waitUntil(lambda: window.stack.width() >= 1024 // 2, timeout=5_000)
    # Details of someone with a long position and reasons: the text wraps, nothing clipped.
    key = max(
        (k for i, k in enumerate(ln.net.keys) if ln.net.degree[i] == 1),
        key=lambda k: len(ln.net.names[ln.net.index_of_key[k]]),
    )
    details = show_person(qtbot, window, key)
    # Once its new text is laid out (a posted layout request), nothing sticks out.
    qtbot.waitUntil(lambda: _overflowing(details) == [], timeout=5_000)
    # Offscreen fonts are smaller than a desktop's: squeeze the docks further to match.
    side = [window.panels["followups"], window.panels["person"]]
    window.resizeDocks(side, [200, 200], Qt.Orientation.Horizontal)
    for panel in window.panels.values():
        panel.present()
        assert panel.isVisible()
        assert panel._scroll.horizontalScrollBarPolicy() == Qt.ScrollBarPolicy.ScrollBarAlwaysOff
        qtbot.waitUntil(lambda panel=panel: _overflowing(panel) == [], timeout=5_000)
        # The panel's content is no wider than the dock shows (nothing cut at the right).
        assert panel.body.width() <= panel._scroll.viewport().width(), panel.NAME
        assert panel.body.minimumSizeHint().width() <= panel._scroll.viewport().width()
    assert window.stack.width() >= 1024 // 2
    # Tab titles are whole words, not "Follo…".
    bars = [b for b in window.findChildren(QTabBar) if b.count() > 1]
    assert bars
    for bar in bars:
        assert bar.elideMode() == Qt.TextElideMode.ElideNone
        for i in range(bar.count()):
            text = bar.tabText(i)
            assert bar.tabRect(i).width() >= bar.fontMetrics().horizontalAdvance(text), text


def test_a_big_layout_restored_on_a_small_window_leaves_the_map_half(qtbot, sample_window) -> None:  # type: ignore[no-untyped-def]
    window = sample_window
    window.resize(1600, 1000)
    # The window answers a resize by narrowing its docks (a zero-time timer): let that run
    # first, or it may undo the big layout below before the test has seen it.
    qtbot.waitUntil(lambda: window.docks.settled == QSize(1600, 1000), timeout=5_000)
    side = [window.panels["followups"], window.panels["person"]]
    window.resizeDocks(side, [600, 600], Qt.Orientation.Horizontal)
    # The big layout is in place first: docks of 600 leave the map less than half.
    qtbot.waitUntil(lambda: window.stack.width() < 1600 // 2, timeout=5_000)
    window.resize(1024, 700)
    qtbot.waitUntil(lambda: window.stack.width() >= 1024 // 2, timeout=5_000)
