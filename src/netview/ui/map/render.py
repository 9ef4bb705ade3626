"""Drawing the map without a window: PNG/SVG files and pan-frame timings."""

from __future__ import annotations

import os
import statistics
import time
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QRectF, QSize, Qt
from PySide6.QtGui import QImage, QPainter

from netview.io.cleantext import xml_text
from netview.services.mapping.mapmodel import OTHER, MapModel
from netview.ui.map.placement import disc_radius, legend_rows
from netview.ui.map.widget import MapWidget


def _ensure_app() -> None:
    # The renderer must work on a machine without a display (CI, the frozen smoke test).
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from netview.ui.application import make_application

    make_application()


def make_map(model: MapModel, size: tuple[int, int], theme: str = "light") -> MapWidget:
    _ensure_app()
    widget = MapWidget(theme=theme)
    widget.canvas.exact = True  # a file shows the map sharp, never a scaled cache
    widget.view.cache_text = False  # and its texts as drawn (vectors in an SVG)
    widget.resize(*size)
    widget.set_model(model)
    widget.ensurePolished()
    # Lay out without showing a window: the view box needs its real size for the range.
    widget.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen)
    widget.show()
    widget.reset_view()
    widget.update_labels()
    return widget


def grab(widget: MapWidget) -> QImage:
    image = QImage(widget.size(), QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(0)
    painter = QPainter(image)
    widget.view.render(painter)
    painter.end()
    return image


def describe(widget: MapWidget) -> dict[str, object]:
    """What the picture shows, in its pixels: counts, the disc, groups and every text."""
    m = widget.model
    frame = widget.frame()
    visible = m.visible
    ties = 0
    if len(m.edges):
        ties = int((visible[m.edges[:, 0]] & visible[m.edges[:, 1]]).sum())
    disc: dict[str, float] = {"cx": 0.0, "cy": 0.0, "r": 0.0}
    if frame is not None and len(m):
        c = frame.px(0.0, 0.0)
        r = disc_radius(m) * frame.scale
        disc = {"cx": round(c.x(), 1), "cy": round(c.y(), 1), "r": round(r, 1)}
    _title, rows = legend_rows(m)
    people = visible & (m.degree > 0)
    grey = m.group_names.index(OTHER) if OTHER in m.group_names else -1
    return {
        "people": int(visible.sum()),
        "ties": ties,
        "size": [widget.width(), widget.height()],
        "disc": disc,
        "colour_by": m.grouping,
        "groups": [
            {"name": name, "count": count, "colour": "#{:02x}{:02x}{:02x}".format(*rgb)}
            for name, rgb, count in rows
            if name != OTHER
        ],
        "other": int((people & (m.group == grey)).sum()),
        "labels": [label.as_json() for label in widget.drawn_labels()],
    }


def render_file(
    model: MapModel, path: Path, size: tuple[int, int] = (1600, 1000), theme: str = "light"
) -> Path:
    """Write the map to `path` (.png or .svg)."""
    render_picture(model, path, size, theme)
    return path


def render_picture(
    model: MapModel, path: Path, size: tuple[int, int] = (1600, 1000), theme: str = "light"
) -> dict[str, object]:
    """Write the map to `path` (.png or .svg) and say what it shows (see `describe`)."""
    widget = make_map(model, size, theme)
    try:
        description = describe(widget)
        if path.suffix.lower() == ".svg":
            from PySide6.QtSvg import QSvgGenerator

            gen = QSvgGenerator()
            gen.setFileName(str(path))
            gen.setSize(QSize(*size))
            gen.setViewBox(QRectF(0, 0, *size))
            gen.setTitle("NetView map")
            painter = QPainter(gen)
            widget.view.render(painter)
            painter.end()
            # Qt writes names as they are; XML cannot carry control characters.
            text = path.read_text(encoding="utf-8")
            if (clean := xml_text(text)) != text:
                path.write_text(clean, encoding="utf-8")
        else:
            if not grab(widget).save(str(path)):
                raise OSError(f"{path}: cannot write image")
    finally:
        widget.close()
        widget.deleteLater()
    return description


def _median_p95(times: list[float]) -> tuple[float, float]:
    if not times:
        return 0.0, 0.0
    times = sorted(times)
    p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
    return round(statistics.median(times), 2), round(p95, 2)


def time_pan_frames(
    model: MapModel, frames: int, size: tuple[int, int] = (1600, 1000), *, grain: bool = True
) -> dict[str, float]:
    """Pan, then zoom, the view `frames` times each, rendering every frame offscreen.

    Medians and p95 in ms. `lod_ms_median` is what a change of detail level (a zoom that
    rests) costs the UI thread: asking for the new image and swapping it in once a worker
    has drawn it; `lod_on_ui_thread_before_ms_median` the same image drawn on the UI thread
    (as before it moved to a worker), `lod_until_sharp_ms_median` how long the user sees the
    scaled image before the sharp one, `frame_while_drawing_ms_median` the frames shown in
    that time. `redraw_ms_median` a full redraw with the dots' sprites made afresh (a new
    map, theme or filter). `grain`: False draws every dot at
    full size and every tie (the map before its level of detail, for comparison).
    """
    widget = make_map(model, size)
    widget.canvas.grain = grain
    widget.canvas.exact = False  # as on screen: zoom frames may show the scaled cache
    widget.view.cache_text = True
    image = QImage(widget.size(), QImage.Format.Format_ARGB32_Premultiplied)

    def frame(start: float) -> float:
        painter = QPainter(image)
        widget.view.render(painter)
        painter.end()
        return (time.perf_counter() - start) * 1000

    pans: list[float] = []
    zooms: list[float] = []
    redraws: list[float] = []
    lods: list[float] = []  # UI thread: asking for the new level, then swapping it in
    lods_sync: list[float] = []  # the same drawn on the UI thread (before issue 20's end)
    sharp: list[float] = []  # from the rest until the new level is on screen
    during: list[float] = []  # frames shown while the new level is drawn in the worker
    rounds = max(3, min(frames // 10, 10))
    try:
        # Zoomed in a little, as a user pans: the map partly outside the view.
        widget.box.scaleBy((0.6, 0.6))
        (x0, x1), _ = widget.box.viewRange()
        step = (x1 - x0) / 60
        for k in range(frames):
            dx = step if (k // 30) % 2 == 0 else -step
            start = time.perf_counter()
            widget.box.translateBy(x=dx, y=step * 0.3)
            pans.append(frame(start))
        for k in range(frames):
            start = time.perf_counter()
            f = 0.96 if (k // 15) % 2 == 0 else 1 / 0.96
            widget.box.scaleBy((f, f))
            zooms.append(frame(start))
        canvas = widget.canvas
        for threaded, times in ((True, lods), (False, lods_sync)):
            canvas.threaded = threaded
            for k in range(rounds):
                f = 0.8 if k % 2 == 0 else 1 / 0.8
                widget.box.scaleBy((f, f))
                frame(time.perf_counter())  # the scaled cache, as while zooming
                canvas._timer.stop()
                rest = start = time.perf_counter()
                canvas.redraw_later()  # the zoom rests: the timer's turn
                ui = frame(start)
                while not canvas.wait_built(0.005):
                    during.append(frame(time.perf_counter()))  # the user sees the old level
                start = time.perf_counter()
                QCoreApplication.sendPostedEvents()  # the worker's image arrives
                times.append(ui + frame(start))
                sharp.append((time.perf_counter() - rest) * 1000)
        canvas.threaded = True
        for _ in range(rounds):
            start = time.perf_counter()
            widget.canvas.invalidate()
            redraws.append(frame(start))
    finally:
        widget.close()
        widget.deleteLater()
    pan_med, pan_p95 = _median_p95(pans)
    zoom_med, zoom_p95 = _median_p95(zooms)
    return {
        "people": int(model.visible.sum()),
        "ties": len(model.edges),
        "frame_ms_median": pan_med,
        "frame_ms_p95": pan_p95,
        "zoom_frame_ms_median": zoom_med,
        "zoom_frame_ms_p95": zoom_p95,
        "lod_ms_median": _median_p95(lods)[0],
        "lod_on_ui_thread_before_ms_median": _median_p95(lods_sync)[0],
        "lod_until_sharp_ms_median": _median_p95(sharp[: len(lods)])[0],
        "frame_while_drawing_ms_median": _median_p95(during)[0],
        "redraw_ms_median": _median_p95(redraws)[0],
    }


def parse_size(text: str) -> tuple[int, int]:
    try:
        w, h = (int(v) for v in text.lower().split("x"))
    except ValueError:
        raise ValueError(f"--size {text!r}: expected WIDTHxHEIGHT, e.g. 1600x1000") from None
    if not (16 <= w <= 16384 and 16 <= h <= 16384):
        raise ValueError(f"--size {text!r}: each side must be between 16 and 16384 pixels")
    return w, h


def render_command(
    db_target: str | None, output: str | None, size: str, theme: str, pan_frames: int, as_json: bool
) -> int:
    """`netview render`: write the map and/or time pan frames. Returns the exit code."""
    import json
    import sys

    from netview.core.errors import NetViewError
    from netview.services.sharing.shared_view import Selection, picture_model
    from netview.services.workspace import open_database

    if not output and pan_frames <= 0:
        print("netview render: give -o FILE.png|FILE.svg and/or --pan-frames N", file=sys.stderr)
        return 2
    if output and Path(output).suffix.lower() not in (".png", ".svg"):
        print(f"netview render: {output}: the file must end in .png or .svg", file=sys.stderr)
        return 2
    try:
        dims = parse_size(size)
    except ValueError as exc:
        print(f"netview render: {exc}", file=sys.stderr)
        return 2
    try:
        db = open_database(db_target)
        try:
            # A picture leaves the app: the shared view's people only, as `export png` draws.
            model = picture_model(db, Selection())
        finally:
            db.dispose()
        picture: dict[str, object] = {}
        if output:
            picture = render_picture(model, Path(output), dims, theme)
        figures: dict[str, object] = {}
        if pan_frames > 0:
            figures = dict(time_pan_frames(model, pan_frames, dims))
        if as_json:
            print(json.dumps({**picture, **figures}))
        elif figures:
            print(", ".join(f"{k}: {v}" for k, v in figures.items()))
        else:
            print(f"wrote {output} ({int(model.visible.sum())} people)")
    except (NetViewError, OSError) as exc:
        print(f"netview render: {exc}", file=sys.stderr)
        return 1
    return 0
