from __future__ import annotations

import threading
import time

from netview.core.errors import Cancelled, ImportFailure
from netview.core.progress import Progress, check
from netview.ui.workers import Workers


def counting(n: int, progress: Progress) -> int:
    for i in range(n):
        check(progress)
        progress.report((i + 1) / n, f"step {i + 1}")
        time.sleep(0.002)
    return n * 2


def test_result_and_progress_arrive_in_the_ui_thread(qtbot) -> None:  # type: ignore[no-untyped-def]
    workers = Workers()
    seen: list[tuple[float, str, bool]] = []
    results: list[object] = []

    def on_progress(fraction: float, text: str) -> None:
        seen.append((fraction, text, threading.current_thread() is threading.main_thread()))

    task = workers.run("count", counting, 50, on_progress=on_progress, on_result=results.append)
    with qtbot.waitSignal(task.signals.finished, timeout=10_000):
        pass
    assert results == [100]
    assert seen and seen[-1][:2] == (1.0, "step 50")
    assert all(main for _, _, main in seen)


def test_unhandled_errors_reach_the_one_error_signal(qtbot) -> None:  # type: ignore[no-untyped-def]
    workers = Workers()

    def broken() -> None:
        raise ImportFailure("a.zip:Connections.csv", "no header row", line=3)

    with qtbot.waitSignal(workers.error, timeout=10_000) as blocker:
        workers.run("Import", broken)
    name, exc = blocker.args
    assert name == "Import"
    assert str(exc) == "a.zip:Connections.csv, line 3: no header row"


def test_cancel_stops_the_job_and_errors_can_be_handled_locally(qtbot) -> None:  # type: ignore[no-untyped-def]
    workers = Workers()
    handled: list[BaseException] = []
    unhandled: list[object] = []
    workers.error.connect(lambda *args: unhandled.append(args))
    started = threading.Event()

    def slow(progress: Progress) -> None:
        started.set()
        while True:
            check(progress)
            time.sleep(0.005)

    task = workers.run("slow", slow, on_error=lambda e: handled.append(e) or True)
    assert started.wait(5)
    with qtbot.waitSignal(task.signals.finished, timeout=10_000):
        task.cancel()
    assert len(handled) == 1 and isinstance(handled[0], Cancelled)
    assert unhandled == []


def test_writes_run_one_at_a_time(qtbot) -> None:  # type: ignore[no-untyped-def]
    workers = Workers()
    active = 0
    most = 0
    lock = threading.Lock()

    def write(_: int) -> None:
        nonlocal active, most
        with lock:
            active += 1
            most = max(most, active)
        time.sleep(0.02)
        with lock:
            active -= 1

    tasks = [workers.run("write", write, i, write=True) for i in range(4)]
    with qtbot.waitSignals([t.signals.finished for t in tasks], timeout=10_000):
        pass
    assert most == 1


def test_results_for_a_closed_window_are_dropped(qtbot) -> None:  # type: ignore[no-untyped-def]
    # A panel's read can finish after its window closed: delivering it would touch deleted
    # widgets ("Internal C++ object already deleted"). It must simply be dropped.
    import shiboken6
    from PySide6.QtCore import QObject
    from PySide6.QtWidgets import QApplication

    window = QObject()
    workers = Workers(window)
    release = threading.Event()
    got: list[object] = []
    finished: list[bool] = []

    def slow() -> str:
        release.wait(5)
        return "late"

    task = workers.run(
        "read", slow, on_result=got.append, on_finished=lambda: finished.append(True)
    )
    release.set()
    assert task.done.wait(5)  # finished: its result is queued for the UI thread
    shiboken6.delete(window)  # ... and the window goes before the event loop delivers it
    # Its pools went with it, each waiting for its thread: all the task sent is queued now.
    QApplication.sendPostedEvents()
    QApplication.processEvents()
    assert got == [] and finished == []
