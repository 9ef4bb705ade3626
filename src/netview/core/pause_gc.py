"""Python's cyclic garbage collector: paused around a bulk job, or run where the caller says.

Two reasons to take the collector out of its automatic mode:
- An import builds hundreds of thousands of records, keys and rows that all stay alive until
  it ends; the collector would walk them again and again (a quarter of an import's time at
  60k people) to find no garbage. Reference counting still frees everything not in a cycle.
- The automatic collector runs in whichever thread crosses a threshold. In the desktop app
  that may be a worker, and a Qt widget in a reference cycle (a closed dialog, a slot's
  closure) then has its C++ destructor run off the UI thread: a deadlock (the worker takes
  Qt's connection lock and waits for the GIL the UI thread holds while it waits for that
  lock) or a crash. So the app turns it off and calls `collect_due` on its UI thread
  (netview.ui.gc_timer).
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_pauses = 0  # bulk jobs running (imports may nest: an archive inside a merge)


@contextmanager
def paused_gc() -> Iterator[None]:
    """Run the block without cyclic garbage collection, then restore it as it was (off stays
    off: the app collects on its UI thread). `collect_due` waits too while it runs."""
    global _pauses
    with _lock:
        _pauses += 1
        was_enabled = gc.isenabled()
        gc.disable()
    try:
        yield
    finally:
        with _lock:
            _pauses -= 1
            if was_enabled:
                gc.enable()


def collect_due() -> int:
    """Collect the generations the automatic collector would have collected by now (its
    thresholds against the counts), in the calling thread; nothing while a bulk job runs.
    Returns the generation collected, -1 for none."""
    if _pauses:
        return -1
    counts, limits = gc.get_count(), gc.get_threshold()
    if counts[0] <= limits[0]:
        return -1
    generation = 0
    if counts[1] > limits[1]:
        generation = 2 if counts[2] > limits[2] else 1
    gc.collect(generation)
    return generation
