"""Cyclic garbage collection on the UI thread only, on a timer (see netview.core.pause_gc).

Python's automatic collector would run in whichever thread allocates past its threshold:
a worker reading a panel could then destroy a closed dialog's widgets, and Qt objects must
die on the thread that owns them (the test suite hung that way, a worker in ~QObject waiting
for the GIL while the UI thread waited for Qt's lock). While the app runs the automatic
collector is off and this timer collects what is due, a few times a second.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

from netview.core.pause_gc import collect_due

INTERVAL_MS = 250  # garbage waits at most this long; a check costs microseconds


class UiThreadCollector(QObject):
    """Switches the automatic collector off for its lifetime; `stop` switches it back."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._was_enabled = gc.isenabled()
        gc.disable()
        self._timer = QTimer(self)
        self._timer.setInterval(INTERVAL_MS)
        self._timer.timeout.connect(collect_due)
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()
        gc.collect()
        if self._was_enabled:
            gc.enable()
