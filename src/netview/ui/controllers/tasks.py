"""Work the window runs: panel reads (one per key, the newest wins), long jobs in the write
queue, and the one place an error reaches the user."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMessageBox

from netview.core.errors import Cancelled, NetViewError
from netview.ui import errors
from netview.ui.crash import ErrorDialog
from netview.ui.workers import Task

if TYPE_CHECKING:
    from netview.ui.main_window import MainWindow

log = logging.getLogger(__name__)


def _quiet_if_cancelled(exc: BaseException) -> bool:
    """A read a newer one replaced: nothing to tell the user."""
    return isinstance(exc, Cancelled)


class TaskController(QObject):
    """Reads for panels and dialogs, long jobs (import, demo, export, forget) and errors."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.last_error: QMessageBox | ErrorDialog | None = None
        self._read_generation: dict[str, int] = {}
        self._reads: dict[str, Task] = {}  # each reader's read on its way
        window.workers.error.connect(self.show_error)

    def read(self, key: str, fn: Any, *args: Any, on_result: Any) -> None:
        """Run a read for a panel in a worker, one per `key` (a panel, a dialog): a new read
        cancels the previous one (Orange's one task per widget), which stops at its next
        check, or before it starts; only the newest result is shown."""
        generation = self._read_generation.get(key, 0) + 1
        self._read_generation[key] = generation
        previous = self._reads.pop(key, None)
        if previous is not None:
            previous.cancel()

        # A dialog's read may come back after the dialog was closed and deleted: its method
        # would then raise on a dead C++ object, shown to the user as an internal error.
        reader = getattr(on_result, "__self__", None)

        def done(value: object) -> None:
            if isinstance(reader, QObject) and not shiboken6.isValid(reader):
                return
            if self._read_generation.get(key) == generation:
                on_result(value)

        def finished() -> None:
            if self._reads.get(key) is task:
                del self._reads[key]

        task = self.window.workers.run(
            key, fn, *args, on_result=done, on_error=_quiet_if_cancelled, on_finished=finished
        )
        self._reads[key] = task

    @property
    def current(self) -> Task | None:
        return self.window.jobs.current

    def start_write(
        self,
        title: str,
        fn: Any,
        *args: Any,
        on_error: Any = None,
        on_result: Any = None,
        reloads: bool = True,
        on_finished: Any = None,
        **kwargs: Any,
    ) -> Task | None:
        """One long job in the write queue; `reloads`: it changes what the window shows (an
        export does not: no reload after it). `on_finished` runs once the job is over (after
        the reload starts, the queue free again): given here, not connected to the task
        afterwards, which a job quicker than that connection would finish before."""
        db = self.window.db
        if db is None:
            self.show_error(title, NetViewError("no database is open"))
            return None
        if self.current is not None:
            QMessageBox.information(self.window, "NetView", "Another task is running; please wait.")
            return None
        return self.window.jobs.start(
            title,
            fn,
            db,
            *args,
            on_error=on_error,
            on_result=on_result,
            on_finished=lambda: self._finished(reloads, on_finished),
            **kwargs,
        )

    def _finished(self, reloads: bool, then: Any) -> None:
        if reloads:
            self.window.changed()
        if then is not None:
            then()

    def run_write(self, title: str, fn: Any, *args: Any, on_result: Any = None) -> Task | None:
        """A change that cannot be undone (delete, forget), in the write worker: `fn(db, *args)`.

        Earlier edits may name what it removes, so the undo history goes with it.
        """

        def done(value: object) -> None:
            self.window.undo_stack.clear()
            if on_result is not None:
                on_result(value)

        return self.start_write(title, fn, *args, on_result=done)

    def quiet_cancel(self, exc: BaseException) -> bool:
        if isinstance(exc, Cancelled):
            self.window.statusBar().showMessage("Cancelled; nothing was changed", 8000)
            return True
        return False

    def show_error(self, title: str, exc: object) -> None:
        """The one place worker and window errors reach the user (and the log)."""
        assert isinstance(exc, BaseException)
        self.last_error = errors.show(self.window, title, exc, self.last_error)
