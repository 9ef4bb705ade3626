"""Run something once a window's first frame is on screen.

A top-level window shown with `show()` is mapped at once but painted only when the event
loop gets to its expose event. Work started right after `show()` (even through a zero
timer, which can fire first) keeps that paint waiting, and the user sees the bare window,
black on most systems, for as long as the work takes: about 0.3 s of black on every start
when the database was opened that way. `after_first_paint` waits for the window's first
paint instead, with a time limit for platforms that never expose it (a minimised window).
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget

log = logging.getLogger(__name__)

LIMIT_MS = 1500  # never wait longer than this for a paint that may not come


class _FirstPaint(QObject):
    def __init__(self, widget: QWidget, then: Callable[[], object], limit_ms: int) -> None:
        super().__init__(widget)
        self._then: Callable[[], object] | None = then
        self._widget = widget
        widget.installEventFilter(self)
        self._limit = QTimer(self, singleShot=True, interval=limit_ms)
        self._limit.timeout.connect(self._late)
        self._limit.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._widget and event.type() == QEvent.Type.Paint:
            # Queued: the paint of the whole window is flushed to the screen before it runs.
            QTimer.singleShot(0, self._run)
        return False

    def _late(self) -> None:
        log.info("the window was not painted within %d ms; going on", self._limit.interval())
        self._run()

    def _run(self) -> None:
        then, self._then = self._then, None
        if then is None:
            return
        self._limit.stop()
        self._widget.removeEventFilter(self)
        then()
        self.deleteLater()


def after_first_paint(
    widget: QWidget, then: Callable[[], object], limit_ms: int = LIMIT_MS
) -> None:
    """Call `then` (once) after `widget`, a shown top-level window, has been painted."""
    _FirstPaint(widget, then, limit_ms)
