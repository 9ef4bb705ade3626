from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QPointF
from PySide6.QtGui import QColor, QImage

from netview.cli import main
from netview.graph.groups import company_groups
from netview.graph.network import make_network
from netview.services.mapping.mapmodel import MapModel, build_map_model
from netview.store.db import open_database
from netview.ui.map.render import grab, make_map
from netview.ui.map.widget import THEMES


def _model() -> MapModel:
    """You, 12 people at three companies on the 1st ring, 4 on the 2nd."""
    n = 17
    companies = [None] + [("North", "South", "East")[i % 3] for i in range(1, n)]
    names = ["Ada Owner"] + [f"Person {i}" for i in range(1, n)]
    pairs = [(0, i) for i in range(1, 13)] + [(i, i + 4) for i in range(9, 13)]
    a = np.array([p[0] for p in pairs], np.int64)
    b = np.array([p[1] for p in pairs], np.int64)
    net = make_network(
        np.arange(1, n + 1), [f"k{i}" for i in range(n)], names, companies, ["Analyst"] * n, 0, a, b
    )
    index, labels = company_groups(net.companies)
    return build_map_model(net, index, labels, grouping="company")


def _pixel(image: QImage, widget, x: float, y: float) -> QColor:  # type: ignore[no-untyped-def]
    point = widget.view.mapFromScene(widget.box.mapViewToScene(QPointF(x, y)))
    return image.pixelColor(point.x(), point.y())


def _rgb(c: QColor) -> np.ndarray:
    return np.array([c.red(), c.green(), c.blue()], float)


def test_rendered_pixels_show_nodes_where_the_layout_put_them(qapp) -> None:  # type: ignore[no-untyped-def]
    model = _model()
    widget = make_map(model, (900, 600))
    try:
        widget.set_labels_shown(False)  # names must not cover the pixels under test
        image = grab(widget)
        bg = _rgb(QColor(str(THEMES["light"]["bg"])))
        for i in np.flatnonzero(model.visible):
            got = _rgb(_pixel(image, widget, *model.xy[i]))
            # The node's colour over the background, at the node's own opacity.
            alpha = model.colors[i, 3] / 255
            want = alpha * model.colors[i, :3] + (1 - alpha) * bg
            assert np.abs(got - want).sum() < 45, (model.names[i], got, want)
        # Far corner: background.
        assert np.abs(_rgb(image.pixelColor(image.width() - 3, image.height() - 3)) - bg).sum() < 3
    finally:
        widget.close()


def test_ring_guides_are_drawn_at_each_rings_radius(qapp) -> None:  # type: ignore[no-untyped-def]
    model = _model()
    widget = make_map(model, (900, 600))
    try:
        widget.set_labels_shown(False)
        image = grab(widget)
        bg = _rgb(QColor(str(THEMES["light"]["bg"])))
        for ring in model.rings:
            # Sample the ring's band all round, away from the count label at 12 o'clock.
            darker = 0
            for t in np.linspace(2.0, 2 * math.pi + 1.2, 24):
                r = (ring.radius + ring.outer) / 2
                got = _rgb(_pixel(image, widget, r * math.cos(t), r * math.sin(t)))
                darker += int(got.sum() < bg.sum() - 6)
            assert darker >= 18, (ring.label, darker)
        # Off the rings (between you and the 1st ring) it is plain background.
        inner = model.rings[0].radius / 2
        assert np.abs(_rgb(_pixel(image, widget, inner, 0)) - bg).sum() < 6
    finally:
        widget.close()


def test_dark_theme_renders_on_a_dark_background(qapp) -> None:  # type: ignore[no-untyped-def]
    widget = make_map(_model(), (400, 300), theme="dark")
    try:
        corner = grab(widget).pixelColor(2, 297)
        assert corner == QColor(str(THEMES["dark"]["bg"]))
    finally:
        widget.close()


def test_render_command_writes_png_and_svg_and_times_frames(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    db_file = tmp_path / "net.db"
    db = open_database(db_file)
    db.dispose()
    png, svg = tmp_path / "map.png", tmp_path / "map.svg"
    assert main(["render", "--db", str(db_file), "-o", str(png), "--size", "640x400"]) == 0
    assert QImage(str(png)).size().width() == 640
    assert main(["render", "--db", str(db_file), "-o", str(svg)]) == 0
    assert svg.read_text().lstrip().startswith("<?xml")
    capsys.readouterr()
    assert main(["render", "--db", str(db_file), "--pan-frames", "3", "--json"]) == 0
    figures = json.loads(capsys.readouterr().out)
    assert {"people", "ties", "frame_ms_median", "frame_ms_p95", "redraw_ms_median"} <= set(figures)
    assert figures["people"] == 0


def test_the_demo_map_shows_its_people_in_their_colours(tmp_path: Path, qapp) -> None:  # type: ignore[no-untyped-def]
    from netview.services.importing.demo import fill_demo
    from netview.services.mapping.mapmodel import load_map_model

    db = open_database(tmp_path / "demo.db")
    try:
        fill_demo(db, people=300)
        model = load_map_model(db)
    finally:
        db.dispose()
    widget = make_map(model, (1000, 800))
    try:
        widget.set_labels_shown(False)
        image = grab(widget)
        # Nodes may overlap their neighbours a little; the inner rings must read true.
        inner = np.flatnonzero(model.visible & (model.degree <= 2))
        right = 0
        for i in inner:
            got = _rgb(_pixel(image, widget, *model.xy[i]))
            right += int(np.abs(got - model.colors[i, :3]).sum() < 90)
        assert right >= 0.85 * len(inner), (right, len(inner))
        assert len({tuple(model.colors[i, :3]) for i in inner}) >= 2  # coloured groups
    finally:
        widget.close()


def test_render_refuses_a_bad_size_or_file_type(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    bad_size = ["render", "--db", str(tmp_path / "x.db"), "-o", str(tmp_path / "m.png")]
    assert main([*bad_size, "--size", "big"]) == 2
    assert "WIDTHxHEIGHT" in capsys.readouterr().err
    assert main(["render", "--db", str(tmp_path / "x.db"), "-o", str(tmp_path / "m.jpg")]) == 2


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from netview.services.importing.demo import fill_demo

    path = tmp_path_factory.mktemp("demo") / "demo.db"
    db = open_database(path)
    try:
        fill_demo(db, people=600)
    finally:
        db.dispose()
    return path


@pytest.mark.parametrize(
    ("size", "theme"),
    [("1600x1000", "light"), ("1024x700", "dark"), ("700x700", "light"), ("400x640", "dark")],
)
def test_render_json_describes_a_picture_whose_texts_never_collide(  # type: ignore[no-untyped-def]
    demo_db: Path, tmp_path: Path, capsys, size: str, theme: str
) -> None:
    png = tmp_path / "map.png"
    args = ["render", "--db", str(demo_db), "-o", str(png), "--size", size, "--theme", theme]
    assert main([*args, "--json"]) == 0
    picture = json.loads(capsys.readouterr().out)
    w, h = picture["size"]
    assert (
        [w, h]
        == [int(v) for v in size.split("x")]
        == [QImage(str(png)).width(), QImage(str(png)).height()]
    )
    assert picture["people"] == 601 and picture["ties"] > 600 and picture["colour_by"]
    # The disc fills the picture and lies inside it.
    disc = picture["disc"]
    assert 2 * disc["r"] >= 0.8 * min(w, h)
    assert disc["r"] <= disc["cx"] <= w - disc["r"] and disc["r"] <= disc["cy"] <= h - disc["r"]
    labels = picture["labels"]
    boxes = [(b["x"], b["y"], b["x"] + b["w"], b["y"] + b["h"]) for b in labels]
    for k, a in enumerate(boxes):
        assert min(a[0], a[1]) >= 0 and a[2] <= w and a[3] <= h, labels[k]  # not clipped
        for j, b in enumerate(boxes[k + 1 :], start=k + 1):
            apart = a[2] <= b[0] or b[2] <= a[0] or a[3] <= b[1] or b[3] <= a[1]
            assert apart, (labels[k], labels[j])
    kinds = {b["kind"] for b in labels}
    assert {"you", "legend", "ring", "group", "person"} <= kinds
    # Every group with more than 2 % of the people is named on the map.
    named = {b["text"].rsplit(" · ", 1)[0] for b in labels if b["kind"] == "group"}
    big = [g["name"] for g in picture["groups"] if g["count"] > 0.02 * picture["people"]]
    assert big and set(big) <= named, (big, named)
    assert sum(g["count"] for g in picture["groups"]) + picture["other"] == picture["people"] - 1
