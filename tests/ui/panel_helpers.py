"""Helpers of the panel tests."""

from __future__ import annotations

from typing import Any


def settle(qtbot: Any, window: Any) -> None:
    """Wait until every panel shows the database as it is now (after an edit).

    An edit stays busy without a gap until the last panel it concerns has its answer: the
    write hands over to the network load (if any) and that to the panels' reads before
    it finishes. Panels the edit does not concern do not read again.
    """
    qtbot.waitUntil(lambda: not window.workers.busy, timeout=20_000)


def show_person(qtbot: Any, window: Any, key: str) -> Any:
    """Choose a person as the map would; returns the details panel once it shows them."""
    panel = window.panels["person"]
    with qtbot.waitSignal(panel.updated, timeout=10_000):
        window.select_person(key)
    return panel
