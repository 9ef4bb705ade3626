"""The time control above the map (View > As of…): a date slider with Play.

It only says which day is wanted (`as_of_changed`): the map shows and hides people by the
day they joined your network (netview.services.asof) on the map as laid out, so a step is
a repaint, not a layout, and Play can run at 30 frames a second.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QHideEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSlider, QToolButton, QWidget

from netview.services.asof import Timeline

FRAME_MS = 33  # Play: 30 frames a second
PLAY_SECONDS = 10.0  # Play replays the whole range in about this long


def date_text(day: int) -> str:
    d = date.fromordinal(day)
    return f"{d.day} {d:%b %Y}"


class TimeBar(QWidget):
    """`as_of_changed(day)`: a date ordinal, or None for the network as it is now (the
    slider at its right end: everyone, people without a known date too)."""

    as_of_changed = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.timeline: Timeline | None = None
        self.play_button = QToolButton()
        self.play_button.setText("▶")
        self.play_button.setToolTip("Replay how your network grew")
        self.play_button.setAccessibleName("Play the network's growth")
        self.play_button.clicked.connect(self.toggle_play)
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setAccessibleName("Show the network as of this date")
        self.slider.valueChanged.connect(self._moved)
        self.label = QLabel()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 2, 6, 2)
        layout.addWidget(self.play_button)
        layout.addWidget(self.slider, 1)
        layout.addWidget(self.label)
        self._timer = QTimer(self, interval=FRAME_MS)
        self._timer.timeout.connect(self._tick)
        self._step = 1
        self.set_timeline(None)

    # --- what the slider covers --------------------------------------------------------------

    def set_timeline(self, timeline: Timeline | None) -> None:
        """A new network: slide over its days (kept at the same date when still inside)."""
        before = self.as_of()
        self.timeline = timeline
        self.setEnabled(timeline is not None)
        self.slider.blockSignals(True)
        if timeline is None:
            self.slider.setRange(0, 0)
            self.stop()
        else:
            span = timeline.last - timeline.first
            self.slider.setRange(0, span)
            self.slider.setPageStep(max(1, span // 20))
            self._step = max(1, round(span / (PLAY_SECONDS * 1000 / FRAME_MS)))
            at = span if before is None else min(max(before - timeline.first, 0), span)
            self.slider.setValue(at)
        self.slider.blockSignals(False)
        self._fit_label(0 if timeline is None else len(timeline.days))
        self._show_label()

    def as_of(self) -> int | None:
        """The day shown (a date ordinal), None at the right end (now, everyone)."""
        tl = self.timeline
        if tl is None or self.slider.value() >= self.slider.maximum():
            return None
        return tl.first + self.slider.value()

    def set_as_of(self, day: int | None) -> None:
        tl = self.timeline
        if tl is None:
            return
        self.slider.setValue(self.slider.maximum() if day is None else day - tl.first)

    # --- play -----------------------------------------------------------------------------

    def playing(self) -> bool:
        return self._timer.isActive()

    def toggle_play(self) -> None:
        if self.playing():
            self.stop()
            return
        if self.timeline is None:
            return
        if self.slider.value() >= self.slider.maximum():
            self.slider.setValue(0)  # at the end: replay from the first day
        self._timer.start()
        self.play_button.setText("❚❚")
        self.play_button.setAccessibleName("Pause")

    def stop(self) -> None:
        self._timer.stop()
        self.play_button.setText("▶")
        self.play_button.setAccessibleName("Play the network's growth")

    def _tick(self) -> None:
        value = min(self.slider.value() + self._step, self.slider.maximum())
        self.slider.setValue(value)
        if value >= self.slider.maximum():
            self.stop()

    def hideEvent(self, event: QHideEvent) -> None:
        self.stop()
        super().hideEvent(event)

    # --- reporting ------------------------------------------------------------------------

    def _fit_label(self, people: int) -> None:
        """As wide as its widest text: sized to each text, the slider beside it grew and
        shrank as Play went from day to day."""
        fm = self.label.fontMetrics()
        texts = ["Now", "No dates known"]
        texts += [f"{date_text(date(2000, m, 28).toordinal())} · {people:,}" for m in range(1, 13)]
        self.label.setFixedWidth(max(fm.horizontalAdvance(t) for t in texts) + 6)

    def _moved(self, _value: int) -> None:
        self._show_label()
        self.as_of_changed.emit(self.as_of())

    def _show_label(self) -> None:
        tl, day = self.timeline, self.as_of()
        if tl is None:
            self.label.setText("No dates known")
        elif day is None:
            self.label.setText("Now")
        else:
            self.label.setText(f"{date_text(day)} · {int(tl.shown(day).sum()) - 1:,}")
            self.label.setToolTip("People in your network by the end of that day")
