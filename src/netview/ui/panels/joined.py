"""Details' line for a person the map of the date shown leaves out (View > As of…).

Choosing someone who joined your network after the time control's date keeps the date (the
map does not jump to now): the map shows nobody selected, and Details still shows the person,
saying here when they joined. The day is the one the map hides them by
(netview.services.asof.reach_days), read from the loaded network, so both always agree.
"""

from __future__ import annotations

import math

from PySide6.QtWidgets import QLabel, QWidget

from netview.services.asof import loaded_reach_days
from netview.services.network import LoadedNetwork
from netview.ui.map.timebar import date_text


def joined_text(joined: float, day: int) -> str:
    """Why someone who joined on `joined` (a date ordinal, NaN unknown) is not on the map of
    `day`; "" when they had joined by then."""
    shown = date_text(day)
    if math.isnan(joined):
        return f"When they joined your network is not known: the map of {shown} leaves them out"
    if joined <= day:
        return ""
    return f"Joined your network {date_text(int(joined))}, after the date the map shows ({shown})"


class JoinedNote(QLabel):
    """Hidden unless the time control shows a date before the person shown joined."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setAccessibleName("Not on the map of the date shown")
        self.as_of: int | None = None
        self._key: str | None = None
        self._network: LoadedNetwork | None = None
        self.hide()

    def set_as_of(self, day: int | None) -> None:
        self.as_of = day
        self._update()

    def show_for(self, key: str | None, network: LoadedNetwork | None) -> None:
        self._key, self._network = key, network
        self._update()

    def _update(self) -> None:
        ln, key, day = self._network, self._key, self.as_of
        index = ln.net.index_of_key.get(key) if ln is not None and key is not None else None
        text = ""
        if ln is not None and index is not None and day is not None and index != ln.net.owner:
            text = joined_text(float(loaded_reach_days(ln)[index]), day)
        self.setText(text)
        self.setVisible(bool(text))
