"""Cycles of Qt objects die on the UI thread: the app's collector, never a worker's allocation."""

from __future__ import annotations

import gc
import threading

from netview.ui.gc_timer import UiThreadCollector


class _Cyclic:
    """Garbage only the cyclic collector frees; says on which thread it was freed."""

    def __init__(self, died_in: list[str]) -> None:
        self.me = self
        self.died_in = died_in

    def __del__(self) -> None:
        self.died_in.append(threading.current_thread().name)


def test_garbage_cycles_are_collected_on_the_ui_thread_never_in_a_worker(qtbot) -> None:  # type: ignore[no-untyped-def]
    gc.enable()  # as a process starts: automatic collection, in any thread
    collector = UiThreadCollector()
    held: list[object] = []
    died_in: list[str] = []
    try:
        _Cyclic(died_in)

        def churn() -> None:  # a worker allocating far past every threshold, as a read does
            held.append([[] for _ in range(20_000)])

        worker = threading.Thread(target=churn, name="worker")
        worker.start()
        worker.join()
        assert died_in == []  # the worker's allocations collected nothing
        qtbot.waitUntil(lambda: bool(died_in), timeout=5_000)
        assert died_in == ["MainThread"]
    finally:
        collector.stop()
    assert gc.isenabled()  # given back as it was found
