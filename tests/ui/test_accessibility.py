"""Keyboard and screen readers: every control of the panels has a name, focus is visible."""

from __future__ import annotations

from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QGraphicsView,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

INTERACTIVE = (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QGraphicsView,
)


def _unnamed(root: QWidget) -> list[str]:
    """Interactive widgets under `root` a screen reader could not name."""
    buddies = {id(label.buddy()) for label in root.findChildren(QLabel) if label.buddy()}
    missing = []
    for w in root.findChildren(QWidget):
        if not isinstance(w, INTERACTIVE) or isinstance(w, QHeaderView):
            continue
        if isinstance(w.parentWidget(), QComboBox | QAbstractSpinBox | QLineEdit):
            continue  # parts of a combo box, spin box or line edit (its clear button)
        if w.window() is not root.window():
            continue  # a closed popup (a combo box's list, a completer)
        if type(w).__name__ == "QCalendarWidget" or w.objectName().startswith("qt_"):
            continue  # Qt's own pieces (scroll area corners, tab bar buttons)
        accessible = QAccessible.queryAccessibleInterface(w)
        name = accessible.text(QAccessible.Text.Name) if accessible is not None else ""
        if not (w.accessibleName() or id(w) in buddies or name.strip()):
            missing.append(f"{type(w).__name__} {w.objectName() or w.toolTip()!r}")
    return missing


def test_every_control_of_every_panel_has_an_accessible_name(qtbot, sample_window) -> None:  # type: ignore[no-untyped-def]
    window = sample_window
    missing = {name: _unnamed(panel) for name, panel in window.panels.items()}
    assert missing == {name: [] for name in window.panels}
    # The map and the window's own controls too.
    assert window.map.accessibleName()
    assert window.search_box.accessibleName()


def test_every_panel_button_is_reached_with_the_tab_key(qtbot, sample_window) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication
    from tests.ui.panel_helpers import show_person

    window = sample_window
    net = window.network.net
    show_person(qtbot, window, next(k for i, k in enumerate(net.keys) if net.degree[i] == 2))
    window.activateWindow()
    for name, panel in window.panels.items():
        panel.present()
        start = panel.focus_widget()
        assert start is not None and start.hasFocus(), name
        buttons = {
            b
            for b in panel.body.findChildren(QAbstractButton)
            if b.isVisible() and b.isEnabled() and not isinstance(b.parentWidget(), QLineEdit)
        }
        reached = set()
        for _ in range(80):
            focused = QApplication.focusWidget()
            reached.add(focused)
            qtbot.keyClick(focused, Qt.Key.Key_Tab)
        missing = [b.text() or b.toolTip() for b in buttons - reached]
        assert missing == [], name


def test_menus_open_from_the_keyboard(sample_window) -> None:  # type: ignore[no-untyped-def]
    titles = [a.text() for a in sample_window.menuBar().actions()]
    keys = [t[t.index("&") + 1].lower() for t in titles if "&" in t]
    assert len(keys) == len(titles) == len(set(keys))  # Alt+letter, one menu each
