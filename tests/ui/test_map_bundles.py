"""Ties follow the layout tree: a branch's ties bundle instead of fanning across the map."""

from __future__ import annotations

import numpy as np
from PySide6.QtGui import QColor

from netview.graph.network import make_network
from netview.services.mapping.mapmodel import MapModel, build_map_model
from netview.ui.map.bundles import bundle, segments


def test_ties_between_branches_bend_toward_the_centre_and_a_branch_stays_straight() -> None:
    # You at 0; 1st ring: 1 (east) and 2 (north); 2nd ring: 3 and 4 under 1, 5 under 2.
    xy = np.array([[0, 0], [6, 0], [0, 6], [12, 1], [12, -1], [1, 12]], np.float64)
    parent = np.array([-1, 0, 0, 1, 1, 2])
    depth = np.array([0, 1, 1, 2, 2, 2])
    edges = np.array([[1, 3], [3, 4], [3, 5], [4, 5]], np.int32)
    ties = bundle(xy, edges, parent, depth)
    # A child and its parent, and two children of one parent: straight lines.
    assert ties.curve[0] == -1 and ties.curve[1] == -1
    # Across branches: curves through their branches' roots, nearer the centre than a chord.
    for k in (2, 3):
        pts = ties.points[ties.curve[k]]
        a, b = xy[edges[k, 0]], xy[edges[k, 1]]
        assert np.allclose(pts[0], a) and np.allclose(pts[-1], b)
        middle = np.hypot(*pts[len(pts) // 2])
        assert middle < 0.7 * np.hypot(*((a + b) / 2))
    # Two ties from one branch to another share their route (a bundle).
    p, q = ties.points[ties.curve[2]], ties.points[ties.curve[3]]
    assert np.abs(p[4] - q[4]).max() < 0.5 * np.abs(xy[3] - xy[4]).max()
    lines = segments(ties, xy, edges, np.arange(4))
    assert len(lines) == 2 + 2 * (len(ties.points[0]) - 1)


def test_without_a_tree_every_tie_is_straight() -> None:
    xy = np.array([[0, 0], [6, 0], [0, 6]], np.float64)
    ties = bundle(xy, np.array([[1, 2]], np.int32), np.zeros(0, np.int64), np.array([0, 1, 1]))
    assert ties.curve.tolist() == [-1] and np.isclose(ties.length[0], np.hypot(6, 6))


def test_ties_between_groups_are_one_bundle_per_pair_by_count() -> None:
    from netview.ui.map.bundles import group_bundles

    # You; group 0 east, group 1 north, group 2 west, grey (3) south; 2nd-ring people.
    xy = np.array(
        [[0, 0]]
        + [[10, k] for k in range(4)]
        + [[k, 10] for k in range(4)]
        + [[-10, k] for k in range(4)]
        + [[k, -10] for k in range(4)],
        np.float64,
    )
    group = np.array([3] + [0] * 4 + [1] * 4 + [2] * 4 + [3] * 4, np.int32)
    degree = np.array([0] + [2] * 16, np.int8)
    pairs = [(1 + i, 5 + j) for i in range(4) for j in range(4)]  # 16 ties: groups 0-1
    pairs += [(1 + i, 9 + i) for i in range(4)]  # 4 ties: groups 0-2, too few
    pairs += [(5 + i, 13 + i) for i in range(4)] * 2  # to grey: never bundled
    edges = np.array(pairs, np.int32)
    found = group_bundles(xy, edges, group, degree, grey=3, least=5)
    assert found.a.tolist() == [0] and found.b.tolist() == [1]
    assert found.count.tolist() == [16]
    assert np.allclose(found.ends[0], [10, 1.5, 1.5, 10])  # each group's mean position
    curve = found.curves()[0]
    assert np.allclose(curve[0], [10, 1.5]) and np.allclose(curve[-1], [1.5, 10])
    assert np.hypot(*curve[len(curve) // 2]) < np.hypot(5.75, 5.75)  # bent toward you


def _two_branch_model() -> MapModel:
    """You, 30 colleagues (two of them, 1 and 2, with 1,500 contacts each) and 200 ties
    between the two branches' contacts; colleague 1 and their contacts are "North",
    colleague 2 and theirs "South". Colleagues joined on day 100, everyone else on 200."""
    rng = np.random.default_rng(5)
    n = 1 + 30 + 3000
    pairs = [(0, i) for i in range(1, 31)]
    pairs += [(1 + (i % 2), 31 + i) for i in range(3000)]
    pairs += [(31 + 2 * int(i), 32 + 2 * int(j)) for i, j in rng.integers(0, 1500, (200, 2))]
    a = np.array([p[0] for p in pairs], np.int64)
    b = np.array([p[1] for p in pairs], np.int64)
    names = [f"P {i}" for i in range(n)]
    net = make_network(np.arange(1, n + 1), [f"k{i}" for i in range(n)], names,
                       [None] * n, [None] * n, 0, a, b)  # fmt: skip
    groups = np.where(np.arange(n) >= 31, (np.arange(n) - 31) % 2, 2)
    groups[[1, 2]] = [0, 1]
    groups[0] = -1
    model = build_map_model(net, groups, ["North", "South", "Mine"])
    model.since = np.where(model.degree == 1, 100.0, 200.0)
    return model


def test_the_map_of_a_date_bundles_only_the_ties_shown() -> None:
    """On the map of a day before any 2nd-degree person had joined, no bundle between
    groups reaches out to the 2nd ring (they did: the whole network's bundles, as wide
    as today's, hung over empty rings while the time control played)."""
    from netview.ui.map.render import grab, make_map

    model = _two_branch_model()
    widget = make_map(model, (900, 900))
    try:
        widget.set_rings_visible(False)
        widget.set_labels_shown(False)
        assert len(widget.canvas.group_ties.count) >= 1  # North-South, today
        widget.set_as_of(150)
        assert int(widget.model.visible.sum()) == 31
        frame = widget.frame()
        assert frame is not None
        image = grab(widget)
        ptr = image.constBits()
        px = np.frombuffer(ptr, np.uint8).reshape(image.height(), image.bytesPerLine() // 4, 4)
        bg = QColor(str(widget._colors["bg"]))
        ink = np.abs(px[:, : image.width(), :3].astype(int) - [bg.blue(), bg.green(), bg.red()])
        ys, xs = np.nonzero(ink.max(axis=2) > 24)
        c = frame.px(0.0, 0.0)
        first = max(g.outer for g in model.rings if g.degree == 1)
        reach = first * frame.scale + float(model.sizes.max())
        beyond = np.hypot(xs - c.x(), ys - c.y()) > reach
        assert not beyond.any(), int(beyond.sum())
    finally:
        widget.close()
