"""Names where their groups are: each group's name within 20 degrees of its group's mean
direction around you, and the legend clear of the disc, at every size and zoom."""

from __future__ import annotations

import math
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from netview.demo import generate_archives
from netview.services.importing.importer import import_paths
from netview.services.mapping.mapmodel import OTHERS, MapModel, load_map_model
from netview.store.db import open_database
from netview.ui.map.placement import legend_rows
from netview.ui.map.render import make_map
from netview.ui.map.widget import MapWidget


@pytest.fixture(scope="module")
def demo_model(tmp_path_factory: pytest.TempPathFactory) -> MapModel:
    folder: Path = tmp_path_factory.mktemp("names")
    db = open_database(folder / "demo.db")
    import_paths(db, generate_archives(folder / "zips", 3000, 7))
    try:
        return load_map_model(db)
    finally:
        db.dispose()


def _mean_angles(m: MapModel) -> dict[str, float]:
    who = (m.degree > 0) & (m.degree < OTHERS) & m.visible
    out = {}
    for k, name in enumerate(m.group_names):
        sel = who & (m.group == k)
        if sel.any():
            a = np.arctan2(m.xy[sel, 1], m.xy[sel, 0])
            out[name] = math.atan2(np.sin(a).sum(), np.cos(a).sum())
    return out


def _views(model: MapModel) -> Iterator[tuple[str, MapWidget]]:
    # (517, 620): the map beside the panels of a 1024x700 window
    for size in ((1600, 1000), (1024, 700), (517, 620)):
        widget = make_map(model, size)
        try:
            yield f"{size}", widget
            widget.box.scaleBy((0.5, 0.5))
            widget.update_labels()
            yield f"{size} zoomed", widget
        finally:
            widget.close()


def test_group_names_sit_by_their_groups(qapp, demo_model: MapModel) -> None:  # type: ignore[no-untyped-def]
    means = _mean_angles(demo_model)
    for what, widget in _views(demo_model):
        frame = widget.frame()
        assert frame is not None
        c = frame.px(0.0, 0.0)
        groups = [x for x in widget.drawn_labels() if x.kind == "group"]
        assert len(groups) >= 3, what
        for label in groups:
            name = label.text.rsplit(" · ", 1)[0]
            p = label.rect.center()
            at = math.atan2(-(p.y() - c.y()), p.x() - c.x())  # y up, as on the map
            off = abs((at - means[name] + math.pi) % (2 * math.pi) - math.pi)
            assert math.degrees(off) <= 20.0, (what, name, math.degrees(off))


def test_group_names_never_cover_other_groups_people(qapp, demo_model: MapModel) -> None:  # type: ignore[no-untyped-def]
    """Where there is no room outside the disc a name goes over its own people or an empty
    part of the disc, never over the dots of another group (it used to hide hundreds)."""
    m = demo_model
    who = np.flatnonzero(m.visible & (m.degree > 0) & (m.degree < OTHERS))
    for what, widget in _views(m):
        frame = widget.frame()
        assert frame is not None
        x = frame.ox + frame.scale * m.xy[who, 0]
        y = frame.oy - frame.scale * m.xy[who, 1]
        groups = [g for g in widget.drawn_labels() if g.kind == "group"]
        assert len(groups) >= 3, what
        for label in groups:
            r = label.rect
            under = (x >= r.left()) & (x <= r.right()) & (y >= r.top()) & (y <= r.bottom())
            name = label.text.rsplit(" · ", 1)[0]
            others = under & (m.group[who] != m.group_names.index(name))
            assert not others.any(), (what, label.text, int(others.sum()))


def test_the_legend_never_covers_the_disc(qapp, demo_model: MapModel) -> None:  # type: ignore[no-untyped-def]
    for what, widget in _views(demo_model):
        frame = widget.frame()
        assert frame is not None
        c = frame.px(0.0, 0.0)
        r = max(g.outer for g in demo_model.rings if g.degree < OTHERS) * frame.scale
        for label in widget.drawn_labels():
            if label.kind != "legend":
                continue
            box = label.rect
            nx = min(max(c.x(), box.left()), box.right())
            ny = min(max(c.y(), box.top()), box.bottom())
            assert math.hypot(nx - c.x(), ny - c.y()) >= r, what
        if "zoomed" not in what and what.startswith("(1600"):
            legend = [x for x in widget.drawn_labels() if x.kind == "legend"]
            assert legend and legend[0].rows  # room beside the disc: the whole legend


def test_zooming_in_names_the_parts_of_a_branch(qapp) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QPointF
    from tests.ui.test_map_blocks import _wedge_model

    m = _wedge_model()  # three branches of 2,000 contacts each
    # Two parts per branch (as services.groups.subcommunity_names would give), one of them
    # named like its whole branch's community.
    outer = np.flatnonzero(m.degree == 2)
    m.subgroup = np.full(len(m), -1, np.int64)
    m.subgroup[outer] = 2 * m.raw_group[outer] + (np.arange(outer.size) % 7 < 3)
    m.subgroup_names = [
        f"{g}" if k == 0 else f"Part {k} of {g}" for g in m.raw_labels[:3] for k in (0, 1)
    ]
    widget = make_map(m, (1600, 1000))
    try:
        assert not [x for x in widget.drawn_labels() if x.kind == "subgroup"]  # overview
        who = outer[m.raw_group[outer] == 0]
        centre = m.xy[who].mean(axis=0)
        widget.box.scaleBy((0.3, 0.3), center=QPointF(float(centre[0]), float(centre[1])))
        widget.update_labels()
        parts = [x.text.rsplit(" · ", 1)[0] for x in widget.drawn_labels() if x.kind == "subgroup"]
        assert f"Part 1 of {m.raw_labels[0]}" in parts
        assert not set(parts) & set(m.group_names)  # a part named like its whole is not
    finally:
        widget.close()


def test_zoomed_into_a_group_far_from_its_name_the_name_is_pinned_at_the_views_edge(
    qapp, demo_model: MapModel
) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QPointF

    m = demo_model
    who = (m.degree > 0) & (m.degree < OTHERS) & m.visible
    g = int(np.argmax(np.bincount(m.group[who], minlength=len(m.group_names))))
    name = m.group_names[g]
    mine = np.flatnonzero(who & (m.group == g))
    mean = _mean_angles(m)[name]
    a = np.arctan2(m.xy[mine, 1], m.xy[mine, 0])
    off = np.abs((a - mean + math.pi) % (2 * math.pi) - math.pi)
    # One of the group's people far round the rings from the group's direction.
    far = int(mine[np.argsort(off)[int(0.95 * len(mine))]])
    widget = make_map(m, (1600, 1000))
    try:
        x, y = (float(v) for v in m.xy[far])
        widget.box.scaleBy((0.05, 0.05), center=QPointF(x, y))
        (x0, x1), (y0, y1) = widget.box.viewRange()
        widget.box.translateBy(x=x - (x0 + x1) / 2, y=y - (y0 + y1) / 2)
        widget.update_labels()
        frame = widget.frame()
        assert frame is not None
        # The scene: nowhere along the group's direction is in view, and its people are
        # at least a quarter of the people in view.
        px = frame.ox + frame.scale * m.xy[:, 0]
        py = frame.oy - frame.scale * m.xy[:, 1]
        seen = who & (px >= 0) & (px <= frame.width) & (py >= 0) & (py <= frame.height)
        assert (m.group[seen] == g).sum() >= 0.25 * seen.sum() > 0
        r = max(ring.outer for ring in m.rings if ring.degree < OTHERS)
        for frac in np.linspace(0.2, 1.4, 25):
            p = frame.px(frac * r * math.cos(mean), frac * r * math.sin(mean))
            assert not (0 <= p.x() <= frame.width and 0 <= p.y() <= frame.height)

        found = [x for x in widget.drawn_labels() if x.kind == "group" and name in x.text]
        assert len(found) == 1
        box = found[0].rect
        # At an edge of the view, whole, over none of another group's people.
        gaps = (box.left(), box.top(), frame.width - box.right(), frame.height - box.bottom())
        assert min(gaps) >= 0 and min(gaps) <= 8
        under = seen & (px >= box.left()) & (px <= box.right())
        under &= (py >= box.top()) & (py <= box.bottom())
        assert not (under & (m.group != g)).any()
        # On the edge nearest the group's direction as seen from you.
        c = frame.px(0.0, 0.0)
        at = math.atan2(-(box.center().y() - c.y()), box.center().x() - c.x())
        here = math.atan2(-(frame.height / 2 - c.y()), frame.width / 2 - c.x())
        turn = abs((at - mean + math.pi) % (2 * math.pi) - math.pi)
        assert turn < abs((here - mean + math.pi) % (2 * math.pi) - math.pi)
        # It stays put on the view while the map pans under it.
        widget.box.translateBy(x=3 / frame.scale)
        moved = [x for x in widget.drawn_labels() if x.kind == "group" and name in x.text]
        assert moved[0].rect == box
    finally:
        widget.close()


def test_a_folded_legend_counts_the_groups_it_names_not_other(qapp, demo_model: MapModel) -> None:  # type: ignore[no-untyped-def]
    """Folded to its title in a narrow view, the legend said "6 groups" counting "Other"
    (the small groups drawn grey together), while the Groups panel listed fourteen."""
    import copy

    from netview.services.mapping.mapmodel import OTHER

    m = copy.copy(demo_model)  # a small group drawn as "Other", as a bigger map's are
    small = legend_rows(demo_model)[1][-2][0]
    m.group_names = [OTHER if n == small else n for n in demo_model.group_names]
    title, rows = legend_rows(m)
    named = [name for name, _rgb, _n in rows if name != OTHER]
    assert named and len(named) == len(rows) - 1
    widget = make_map(m, (517, 620))
    try:
        (legend,) = [x for x in widget.drawn_labels() if x.kind == "legend"]
        assert not legend.rows  # folded
        assert legend.text == f"{title} · {len(named)} groups and others"
    finally:
        widget.close()
