"""Running service functions off the UI thread.

`Workers.run(fn, ...)` runs `fn` in a thread pool and reports through queued signals:
started, progress, result, error, finished. The function receives a `progress` adapter
(report/cancelled) when it takes one. Writes (imports, edits) go to a one-thread pool so
that only one runs at a time. Workers never touch widgets: everything they say travels
through signals to objects living in the UI thread.
"""

from __future__ import annotations

import inspect
import logging
import threading
import time
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, QRunnable, QThreadPool, Signal

from netview.core.errors import Cancelled

log = logging.getLogger(__name__)

# Progress signals are throttled: a parser may report per row, the bar needs ~20 per second.
_PROGRESS_INTERVAL_S = 0.05


class TaskSignals(QObject):
    started = Signal()
    progress = Signal(float, str)
    result = Signal(object)
    error = Signal(object)
    finished = Signal()


class QtProgress:
    """The Progress protocol (netview.core.progress) backed by a signal and a cancel flag."""

    def __init__(self, signals: TaskSignals) -> None:
        self._signals = signals
        self._cancel = threading.Event()
        self._last = 0.0
        self._last_fraction = -1.0

    def report(self, fraction: float, text: str) -> None:
        now = time.monotonic()
        done = fraction >= 1.0
        if not done and now - self._last < _PROGRESS_INTERVAL_S:
            return
        if not done and fraction == self._last_fraction and now - self._last < 0.5:
            return
        self._last, self._last_fraction = now, fraction
        self._signals.progress.emit(max(0.0, min(1.0, float(fraction))), text)

    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def cancel(self) -> None:
        self._cancel.set()


def _takes_progress(fn: Callable[..., Any]) -> bool:
    try:
        params = inspect.signature(fn).parameters
    except (TypeError, ValueError):
        return False
    return "progress" in params


class Task(QRunnable):
    """One call of a function in a pool. Connect to `signals` before `Workers.run` starts it."""

    def __init__(
        self, name: str, fn: Callable[..., Any], args: tuple[Any, ...], kwargs: dict[str, Any]
    ):
        super().__init__()
        self.setAutoDelete(False)
        self.name = name
        self.signals = TaskSignals()
        self.progress = QtProgress(self.signals)
        self._fn, self._args, self._kwargs = fn, args, kwargs
        if _takes_progress(fn) and "progress" not in kwargs:
            self._kwargs["progress"] = self.progress
        self.done = threading.Event()

    def cancel(self) -> None:
        self.progress.cancel()

    def run(self) -> None:
        signals = self.signals
        signals.started.emit()
        try:
            if self.progress.cancelled():  # cancelled while it waited for a thread
                raise Cancelled()
            value = self._fn(*self._args, **self._kwargs)
        except BaseException as exc:  # reported, never swallowed: see Workers.error
            signals.error.emit(exc)
        else:
            signals.result.emit(value)
        finally:
            self.done.set()
            signals.finished.emit()


class Workers(QObject):
    """The app's pools: parallel reads, one write at a time.

    Errors of every task reach `error(task_name, exception)` unless the caller's
    `on_error` handled them (returned True), so one handler shows and logs them all.
    """

    error = Signal(str, object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.reads = QThreadPool(self)
        self.reads.setMaxThreadCount(max(2, QThreadPool.globalInstance().maxThreadCount()))
        self.writes = QThreadPool(self)
        self.writes.setMaxThreadCount(1)
        self._active: set[Task] = set()
        self._writing: set[Task] = set()  # imports and edits: never to be cut short

    def run(
        self,
        name: str,
        fn: Callable[..., Any],
        *args: Any,
        write: bool = False,
        on_result: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], bool] | None = None,
        on_progress: Callable[[float, str], None] | None = None,
        on_finished: Callable[[], None] | None = None,
        **kwargs: Any,
    ) -> Task:
        task = Task(name, fn, args, kwargs)
        self._active.add(task)
        if write:
            self._writing.add(task)

        # A result can arrive after the window (and these pools, its children) is gone: the
        # callbacks would touch deleted widgets. Deliver only while this object lives.
        def alive() -> bool:
            return shiboken6.isValid(self)

        if on_progress is not None:
            task.signals.progress.connect(lambda f, t: on_progress(f, t) if alive() else None)
        if on_result is not None:
            task.signals.result.connect(lambda v: on_result(v) if alive() else None)

        def _error(exc: object) -> None:
            assert isinstance(exc, BaseException)
            if not alive() or (on_error is not None and on_error(exc)):
                return
            self.error.emit(name, exc)

        def _finished() -> None:
            self._active.discard(task)
            self._writing.discard(task)
            if on_finished is not None and alive():
                on_finished()

        task.signals.error.connect(_error)
        task.signals.finished.connect(_finished)
        (self.writes if write else self.reads).start(task)
        log.debug("started %s (%s)", name, "write" if write else "read")
        return task

    @property
    def busy(self) -> bool:
        return bool(self._active)

    @property
    def writing(self) -> bool:
        return bool(self._writing)

    def settle_reads(self, msecs: int = 10_000) -> None:
        """Cancel every read (panels, counts, loads: their answers would be for a database
        being closed) and let them stop; writes go on."""
        for task in list(self._active - self._writing):
            task.cancel()
        self.reads.waitForDone(msecs)
        QCoreApplication.sendPostedEvents()  # their `finished`, queued to this thread

    def cancel_all(self) -> None:
        for task in list(self._active):
            task.cancel()

    def running_threads(self) -> int:
        return int(self.reads.activeThreadCount() + self.writes.activeThreadCount())

    def wait(self, msecs: int = 30_000) -> bool:
        """Block until both pools are idle (shutdown, tests)."""
        return bool(self.writes.waitForDone(msecs) and self.reads.waitForDone(msecs))
