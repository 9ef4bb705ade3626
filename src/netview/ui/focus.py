"""Tab and Shift+Tab through what is on screen only.

Qt keeps a dock that sits behind another's tab "visible", moved off screen, so Tab walked
into its controls and the focus vanished from sight (Groups' list behind Follow-ups').
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QApplication, QDockWidget, QWidget

# More steps than any window has controls: the walk always ends, even on a loop.
MAX_STEPS = 500


def behind_a_tab(widget: QWidget) -> bool:
    """Whether `widget` is inside a dock that another dock's tab hides."""
    parent: QWidget | None = widget
    while parent is not None and not isinstance(parent, QDockWidget):
        parent = parent.parentWidget()
    return parent is not None and parent.visibleRegion().isEmpty() and parent.isVisible()


def step_shown(forward: bool, step: Callable[[bool], bool]) -> bool:
    """`step` (QWidget.focusNextPrevChild) until the focus lands somewhere on screen."""
    start = QApplication.focusWidget()
    for _ in range(MAX_STEPS):
        if not step(forward):
            return False
        now = QApplication.focusWidget()
        if now is None or now is start or not behind_a_tab(now):
            return True
    return True
