"""No part of the map is a uniform block of colour: a branch too dense to show each person
as a dot is drawn as grain in its sub-groups' shades (issue 20's measure)."""

from __future__ import annotations

import numpy as np
from PySide6.QtGui import QColor

from netview.graph.network import make_network
from netview.services.mapping.mapmodel import MapModel, build_map_model
from netview.ui.map.blocks import image_rgb, uniform_mask, uniform_share
from netview.ui.map.render import describe, grab, make_map

BG = (251, 251, 250)


def _wedge_model() -> MapModel:
    """You, 30 colleagues, and 6,000 contacts of 3 of them: three crowded branches that
    the map drew as solid wedges of colour."""
    rng = np.random.default_rng(3)
    n = 1 + 30 + 6000
    pairs = [(0, i) for i in range(1, 31)]
    pairs += [(1 + (i % 3), 31 + i) for i in range(6000)]
    # Within each branch, ties among its contacts (a community of their own).
    for _ in range(6000):
        i, j = rng.integers(0, 6000, 2)
        if i % 3 == j % 3 and i != j:
            pairs.append((31 + int(i), 31 + int(j)))
    a = np.array([p[0] for p in pairs], np.int64)
    b = np.array([p[1] for p in pairs], np.int64)
    net = make_network(
        np.arange(1, n + 1),
        [f"k{i}" for i in range(n)],
        [f"P {i}" for i in range(n)],
        [None] * n,
        [None] * n,
        0,
        a,
        b,
    )
    groups = np.where(np.arange(n) >= 31, (np.arange(n) - 31) % 3, 3)
    groups[0] = -1
    return build_map_model(net, groups, ["North", "South", "East", "Mine"])


def _share(model: MapModel, grain: bool) -> float:
    widget = make_map(model, (900, 600))
    try:
        widget.canvas.grain = grain
        widget.canvas.invalidate()
        image = grab(widget)
        disc = describe(widget)["disc"]
        assert isinstance(disc, dict)
        bg = QColor(str(widget._colors["bg"]))
        return uniform_share(
            image_rgb(image), (bg.red(), bg.green(), bg.blue()), (disc["cx"], disc["cy"], disc["r"])
        )
    finally:
        widget.close()


def test_the_measure_finds_blocks_and_not_dots() -> None:
    rgb = np.full((60, 60, 3), BG, np.uint8)
    rgb[10:30, 10:30] = (0, 114, 178)  # a 20 x 20 block: its inner 12 x 12 are uniform
    for y in range(35, 58, 3):  # dots 3 px apart, background between: never uniform
        for x in range(35, 58, 3):
            rgb[y, x] = (0, 114, 178)
    mask = uniform_mask(rgb, BG)
    assert mask.sum() == 12 * 12
    assert not mask[35:, 35:].any()
    assert abs(uniform_share(rgb, BG, (30.0, 30.0, 30.0)) - 144 / (np.pi * 900)) < 1e-9


def test_a_dense_branch_is_grain_not_a_wedge(qapp) -> None:  # type: ignore[no-untyped-def]
    model = _wedge_model()
    solid = _share(model, grain=False)
    assert solid > 0.05  # every dot at full size: the wedges of before
    assert _share(model, grain=True) <= 0.02
