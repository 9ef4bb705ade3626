"""The 1st ring in the default picture: its dots do not overlap, and it is not squeezed
into the middle of the disc."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QPointF

from netview.demo import generate_archives
from netview.services.importing.importer import import_paths
from netview.services.mapping.mapmodel import load_map_model
from netview.store.db import open_database
from netview.ui.map.render import describe, make_map


@pytest.mark.parametrize("people", [400, 3000])
def test_first_degree_dots_do_not_overlap_in_the_default_picture(
    tmp_path: Path, people: int
) -> None:
    db = open_database(tmp_path / "demo.db")
    import_paths(db, generate_archives(tmp_path / "zips", people, 7))
    model = load_map_model(db)
    widget = make_map(model, (1600, 1000))  # netview render's default size
    try:
        first = np.flatnonzero(model.degree == 1)
        px = np.array(
            [
                (p.x(), p.y())
                for p in (
                    widget.view.mapFromScene(widget.box.mapViewToScene(QPointF(x, y)))
                    for x, y in model.xy[first].tolist()
                )
            ],
            dtype=np.float64,
        )
        disc = describe(widget)["disc"]
        assert isinstance(disc, dict)
    finally:
        widget.close()
    apart = np.hypot(px[:, None, 0] - px[None, :, 0], px[:, None, 1] - px[None, :, 1])
    size = model.sizes[first].astype(np.float64)
    need = (size[:, None] + size[None, :]) / 2.0  # dot diameters in pixels
    np.fill_diagonal(apart, np.inf)
    # the view maps to whole pixels: allow one
    assert (apart - need).min() >= -1.0
    # the 1st ring starts at least a quarter of the way out, not in a smudge round you
    inner = np.hypot(px[:, 0] - disc["cx"], px[:, 1] - disc["cy"]).min()
    assert inner >= 0.25 * disc["r"]


def test_first_degree_dots_never_overlap_as_drawn_in_a_small_window(tmp_path: Path) -> None:
    """Dots are drawn no wider than the gap to their nearest neighbour: in a 1024x700
    window, sized by centrality (larger than the layout planned), they still never touch."""
    from netview.ui.map.painting import grain_scale

    db = open_database(tmp_path / "demo.db")
    import_paths(db, generate_archives(tmp_path / "zips", 3000, 7))
    model = load_map_model(db, size_by="centrality")
    widget = make_map(model, (1024, 700))
    try:
        frame = widget.frame()
        assert frame is not None
        first = np.flatnonzero(model.degree == 1)
        px = model.xy[first] * frame.scale
        nominal = model.sizes[first].astype(np.float64)
        drawn = nominal * grain_scale(model, first, frame.scale)[0]
    finally:
        widget.close()
    apart = np.hypot(px[:, None, 0] - px[None, :, 0], px[:, None, 1] - px[None, :, 1])
    np.fill_diagonal(apart, np.inf)
    assert ((nominal[:, None] + nominal[None, :]) / 2 - apart).max() > 1.0  # would overlap
    assert ((drawn[:, None] + drawn[None, :]) / 2 - apart).max() <= 0.01
