"""A pause of Python's cyclic garbage collector around a bulk job (an import)."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused_gc() -> Iterator[None]:
    """Run the block without cyclic garbage collection, then restore it as it was.

    An import builds hundreds of thousands of records, keys and rows that all stay alive
    until it ends; the collector would walk them again and again (a quarter of an import's
    time at 60k people) to find no garbage. Reference counting still frees everything that
    is not in a cycle.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
