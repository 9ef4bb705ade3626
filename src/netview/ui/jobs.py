"""Long jobs in the write queue (imports, the demo, exports, forgetting a source): one at a
time, shown in the status bar with a progress bar and Cancel."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QLabel, QProgressBar, QPushButton, QStatusBar, QWidget

from netview.ui.workers import Task, Workers


class Jobs(QObject):
    """The status bar's job display and the one long job running (`current`)."""

    busy_changed = Signal(bool)

    def __init__(self, workers: Workers, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.workers = workers
        self.current: Task | None = None
        self.progress_bar = QProgressBar()
        self.progress_bar.setRange(0, 1000)
        self.progress_bar.setMaximumWidth(240)
        self.progress_bar.setTextVisible(False)
        self.progress_text = QLabel()
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.clicked.connect(self.cancel)

    def add_to(self, bar: QStatusBar) -> None:
        for widget in self._widgets():
            bar.addPermanentWidget(widget)
            widget.hide()

    def _widgets(self) -> tuple[QWidget, ...]:
        return (self.progress_text, self.progress_bar, self.cancel_button)

    def start(
        self,
        title: str,
        fn: Callable[..., Any],
        *args: Any,
        on_result: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], bool] | None = None,
        on_finished: Callable[[], None] | None = None,
        **kwargs: Any,
    ) -> Task:
        """Run `fn(*args)` in the write queue; the caller checks `current` is None first."""

        def finished() -> None:
            self.current = None
            self._show(False, "")
            if on_finished is not None:
                on_finished()

        self._show(True, f"{title}…")
        self.current = self.workers.run(
            title,
            fn,
            *args,
            write=True,
            on_error=on_error,
            on_result=on_result,
            on_progress=self.progress,
            on_finished=finished,
            **kwargs,
        )
        return self.current

    def progress(self, fraction: float, text: str) -> None:
        self.progress_bar.setValue(int(fraction * 1000))
        if text:
            self.progress_text.setText(text)

    def cancel(self) -> None:
        if self.current is not None:
            self.current.cancel()
            self.cancel_button.setEnabled(False)
            self.progress_text.setText("Cancelling…")

    def _show(self, busy: bool, text: str) -> None:
        for widget in self._widgets():
            widget.setVisible(busy)
        self.progress_bar.setValue(0)
        self.progress_text.setText(text)
        self.cancel_button.setEnabled(True)
        self.busy_changed.emit(busy)
