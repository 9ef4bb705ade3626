"""Helpers of the panel tests."""

from __future__ import annotations

from typing import Any


def settle(qtbot: Any, window: Any) -> None:
    """Wait until every panel shows the database as it is now (after an edit)."""
    with qtbot.waitSignals([p.updated for p in window.panels.values()], timeout=20_000):
        pass


def show_person(qtbot: Any, window: Any, key: str) -> Any:
    """Choose a person as the map would; returns the details panel once it shows them."""
    panel = window.panels["person"]
    with qtbot.waitSignal(panel.updated, timeout=10_000):
        window.select_person(key)
    return panel
