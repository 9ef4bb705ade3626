"""The view is the map: on open and on Reset View the rings fill the map's widget."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QDockWidget

from netview.ui.map.placement import disc_radius


def _disc_share(window) -> float:  # type: ignore[no-untyped-def]
    """The disc's diameter over the map widget's shorter side; every text inside the widget."""
    view = window.map
    frame = view.frame()
    centre, r = frame.px(0.0, 0.0), disc_radius(view.model) * frame.scale
    assert r <= centre.x() <= frame.width - r and r <= centre.y() <= frame.height - r
    inside = view.rect().toRectF()
    assert all(inside.contains(label.rect) for label in view.drawn_labels())
    return 2 * r / min(frame.width, frame.height)


@pytest.mark.parametrize("size", [(1600, 1000), (1024, 700)])
@pytest.mark.parametrize("docks", [True, False], ids=["docks", "no-docks"])
def test_the_rings_fill_the_map_on_open_and_on_reset_view(  # type: ignore[no-untyped-def]
    qtbot, make_window, sample_db: Path, size: tuple[int, int], docks: bool
) -> None:
    window = make_window()
    window.resize(*size)
    for dock in window.findChildren(QDockWidget):
        dock.setVisible(docks)
    with qtbot.waitSignal(window.map_ready, timeout=20_000):
        assert window.database.open_database(str(sample_db))

    def fills() -> None:  # once the first layout has settled
        assert window.map.width() < size[0] if docks else window.map.width() >= size[0] - 40
        assert _disc_share(window) >= 0.8

    qtbot.waitUntil(fills, timeout=5_000)
    window.map.box.scaleBy((0.3, 0.3))  # the user zooms in, then resets
    window.map.reset_view()
    window.map.update_labels()
    assert _disc_share(window) >= 0.8
