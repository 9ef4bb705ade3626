"""Search boxes over every person rank once typing pauses, not on every key press.

Ranking 60,000 people by a short query takes up to a second on the machines NetView runs on:
a box that re-ranked per key would freeze while the user types a name. The pickers that list
people (Attach to Person…, Whose Archive Is This?) share this one rule.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QLineEdit

TYPING_PAUSE_MS = 200  # long enough between key presses, short enough to feel immediate


def when_typing_pauses(
    box: QLineEdit, then: Callable[[], None], pause_ms: int = TYPING_PAUSE_MS
) -> QTimer:
    """Call `then` once the text of `box` has not changed for `pause_ms`. The timer is the
    box's child (it goes with it); returned so a caller can flush it (`timer.stop()` and
    call `then` itself)."""
    timer = QTimer(box)
    timer.setSingleShot(True)
    timer.setInterval(pause_ms)
    timer.timeout.connect(then)
    box.textChanged.connect(lambda _text: timer.start())
    return timer
