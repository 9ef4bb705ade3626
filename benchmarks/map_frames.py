"""Pan-frame timings of the map at 10,000 and 60,000 people, next to a naive baseline.

The baseline draws every node and every tie with one pyqtgraph GraphItem, measured in the
same run on the same synthetic network, so the figures compare on this machine.
Run: PYTHONPATH=src QT_QPA_PLATFORM=offscreen python benchmarks/map_frames.py [N ...]
"""

from __future__ import annotations

import json
import random
import statistics
import sys
import time

import numpy as np
import pyqtgraph as pg
from PySide6.QtGui import QImage, QPainter

from netview.graph.groups import company_groups
from netview.graph.network import make_network
from netview.services.mapmodel import MapModel, build_map_model
from netview.ui.application import make_application
from netview.ui.map.render import time_pan_frames

FRAMES = 60
SIZE = (1600, 1000)


def synthetic(n: int, seed: int = 7) -> MapModel:
    """You, ~4 % 1st degree, ~30 % 2nd, the rest 3rd; about two ties per person.

    Grouped by company (as the app does beyond 20,000 people), laid out by degree_layout.
    """
    rng = random.Random(seed)
    companies = [f"Company {k}" for k in range(14)]
    company = [rng.choice(companies) for _ in range(n + 1)]
    first, second = max(20, n // 25), max(40, n * 3 // 10)
    ties: set[tuple[int, int]] = {(1, i) for i in range(2, first + 2)}
    for i in range(first + 2, min(n, first + second) + 1):
        for _ in range(2):
            ties.add((rng.randint(2, first + 1), i))
    for i in range(first + second + 1, n + 1):
        for _ in range(2):
            ties.add((rng.randint(first + 2, first + second), i))
    pairs = np.array(sorted(ties), dtype=np.int64) - 1  # ids 1..n -> indices 0..n-1
    net = make_network(
        np.arange(1, n + 1, dtype=np.int64),
        [f"person-{i}" for i in range(1, n + 1)],
        [f"Person {i}" for i in range(1, n + 1)],
        list(company[1:]),
        ["Engineer"] * n,
        0,
        pairs[:, 0],
        pairs[:, 1],
        np.array([rng.random() for _ in range(len(pairs))]),
    )
    index, labels = company_groups(net.companies)
    index[0] = -1
    return build_map_model(net, index, labels, grouping="company")


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


def target_ms(people: int) -> float:
    """Median pan/zoom frame targets: 16 ms (60 fps) at 10,000 people, 50 ms at 60,000."""
    return 16.0 if people <= 10_000 else 50.0


def main(sizes: list[int]) -> int:
    make_application()
    missed = 0
    for n in sizes:
        model = synthetic(n)
        figures = time_pan_frames(model, FRAMES, SIZE)
        figures["baseline_graphitem_ms_median"] = naive_baseline(model, min(FRAMES, 20))
        figures["target_ms"] = target_ms(n)
        print(json.dumps(figures))
        worst = max(figures["frame_ms_median"], figures["zoom_frame_ms_median"])
        missed += worst > target_ms(n)
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main([int(a) for a in sys.argv[1:]] or [10_000, 60_000]))
