"""Pan, zoom and detail-change timings of the map, next to the same map drawn without its
level of detail and to a naive baseline.

The network is the demo's, imported as users' data is (benchmarks/demo_network.py), and the
map model is the app's own (load_map_model). The baseline draws every node and every tie
with one pyqtgraph GraphItem, measured in the same run on the same network, so the figures
compare on this machine.
Run: PYTHONPATH=src QT_QPA_PLATFORM=offscreen python benchmarks/map_frames.py [N ...]
"""

from __future__ import annotations

import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

import pyqtgraph as pg
from PySide6.QtGui import QImage, QPainter

sys.path.insert(0, str(Path(__file__).parent))
from demo_network import demo_database

from netview.services.mapping.mapmodel import MapModel, load_map_model
from netview.ui.application import make_application
from netview.ui.map.render import time_pan_frames

FRAMES = 60
SIZE = (1600, 1000)


def demo_model(n: int, folder: Path) -> MapModel:
    """The map model of the demo network of n people, grouped and laid out as the app does."""
    db = demo_database(folder, n)
    try:
        return load_map_model(db)
    finally:
        db.dispose()


def naive_baseline(model: MapModel, frames: int) -> float:
    view = pg.GraphicsView()
    box = pg.ViewBox(lockAspect=True)
    view.setCentralItem(box)
    view.resize(*SIZE)
    graph = pg.GraphItem(pos=model.xy, adj=model.edges, size=5, pxMode=True)
    box.addItem(graph)
    box.autoRange()
    box.scaleBy((0.6, 0.6))
    image = QImage(view.size(), QImage.Format.Format_ARGB32_Premultiplied)
    step = (box.viewRange()[0][1] - box.viewRange()[0][0]) / 60
    times = []
    for k in range(frames):
        start = time.perf_counter()
        box.translateBy(x=step if (k // 30) % 2 == 0 else -step, y=step * 0.3)
        painter = QPainter(image)
        view.render(painter)
        painter.end()
        times.append((time.perf_counter() - start) * 1000)
    view.close()
    return round(statistics.median(times), 2)


FRAME_TARGET_MS = 16.0  # median pan and zoom frame, at every size
LOD_TARGET_MS = 50.0  # the redraw when a zoom rests (a change of detail level)


def main(sizes: list[int]) -> int:
    make_application()
    missed = 0
    for n in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            model = demo_model(n, Path(tmp))
        figures: dict[str, object] = dict(time_pan_frames(model, FRAMES, SIZE))
        # The same map drawn as before its level of detail (every dot at full size, every
        # tie), measured in this run: the figure before the change.
        before = time_pan_frames(model, FRAMES, SIZE, grain=False)
        figures["before"] = {
            k: before[k]
            for k in (
                "frame_ms_median",
                "zoom_frame_ms_median",
                "lod_ms_median",
                "redraw_ms_median",
            )
        }
        figures["baseline_graphitem_ms_median"] = naive_baseline(model, min(FRAMES, 20))
        figures["targets_ms"] = {"frame": FRAME_TARGET_MS, "lod": LOD_TARGET_MS}
        print(json.dumps(figures))
        worst = max(float(figures["frame_ms_median"]), float(figures["zoom_frame_ms_median"]))
        missed += worst > FRAME_TARGET_MS or float(figures["lod_ms_median"]) > LOD_TARGET_MS
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main([int(a) for a in sys.argv[1:]] or [10_000, 60_000, 100_000]))
