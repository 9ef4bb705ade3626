from __future__ import annotations

import json
from pathlib import Path

import numpy as np
from PySide6.QtCore import QPointF
from PySide6.QtGui import QColor, QImage

from netview.cli import main
from netview.services.mapmodel import build_map_model
from netview.store.db import open_database
from netview.store.network import PersonRow
from netview.ui.map.render import grab, make_map
from netview.ui.map.widget import THEMES


def _model():  # type: ignore[no-untyped-def]
    rows = [PersonRow(1, "Ada Owner", "", "")] + [
        PersonRow(i, f"Person {i}", ("North", "South", "East")[i % 3], "Analyst")
        for i in range(2, 14)
    ]
    ties = [(1, i) for i in range(2, 10)] + [(i, i + 4) for i in range(6, 10)]
    return build_map_model(rows, ties, owner_id=1)


def _pixel(image: QImage, widget, x: float, y: float) -> QColor:  # type: ignore[no-untyped-def]
    point = widget.view.mapFromScene(widget.box.mapViewToScene(QPointF(x, y)))
    return image.pixelColor(point.x(), point.y())


def test_rendered_pixels_show_nodes_where_the_view_model_put_them(qapp) -> None:  # type: ignore[no-untyped-def]
    model = _model()
    widget = make_map(model, (800, 500))
    try:
        image = grab(widget)
        bg = QColor(THEMES["light"]["bg"])
        for i in np.flatnonzero(model.visible):
            got = _pixel(image, widget, *model.xy[i])
            # The node's colour over the background, at the node's own opacity.
            alpha = model.colors[i, 3] / 255
            want = alpha * model.colors[i, :3] + (1 - alpha) * np.array(bg.getRgb()[:3])
            got_rgb = np.array([got.red(), got.green(), got.blue()])
            assert np.abs(got_rgb - want).sum() < 45, (model.names[i], got.name(), want)
        # Halfway between the 1st and 2nd ring, away from every node, is background.
        corner = image.pixelColor(3, image.height() - 3)
        assert corner == bg
        assert (model.degree[model.visible] == 2).sum() == 4
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
    assert set(figures) == {"people", "ties", "frame_ms_median", "frame_ms_p95"}
    assert figures["people"] == 0


def test_render_refuses_a_bad_size_or_file_type(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    assert (
        main(
            [
                "render",
                "--db",
                str(tmp_path / "x.db"),
                "-o",
                str(tmp_path / "m.png"),
                "--size",
                "big",
            ]
        )
        == 2
    )
    assert "WIDTHxHEIGHT" in capsys.readouterr().err
    assert main(["render", "--db", str(tmp_path / "x.db"), "-o", str(tmp_path / "m.jpg")]) == 2
