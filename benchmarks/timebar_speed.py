"""Time-slider steps (View > As of…) at 10,000 people, next to baselines from the same run.

A step is what the UI thread does when the slider moves one frame of Play: the map's
`set_as_of` (who is shown, ring counts, labels) and one frame painted offscreen at
1600x1000. Baselines, on the same network in the same run:
- `baseline_invalidate_ms`: the same step through the path a filter change takes
  (`set_filters`: sprites rebuilt, view refitted, every tie drawn), what a step costs
  without the time control's own path;
- `baseline_relayout_ms`: building the map model (grouping colours and layout) afresh
  once per step, without painting: what re-laying out every frame would add.
The target is 33 ms (30 frames a second).
Run: PYTHONPATH=src QT_QPA_PLATFORM=offscreen python benchmarks/timebar_speed.py [N ...]
"""

from __future__ import annotations

import json
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import numpy as np
from PySide6.QtGui import QImage, QPainter

sys.path.insert(0, str(Path(__file__).parent))
from demo_network import demo_database

from netview.services.asof import timeline
from netview.services.mapping.mapmodel import build_map_model, load_map_model
from netview.services.network import load_network
from netview.services.people.groups import automatic
from netview.ui.application import make_application
from netview.ui.map.render import make_map
from netview.ui.map.timebar import FRAME_MS, PLAY_SECONDS
from netview.ui.map.widget import MapWidget

SIZE = (1600, 1000)
STEPS = 60
TARGET_MS = 33.0


def paint(widget: MapWidget, image: QImage) -> None:
    painter = QPainter(image)
    widget.view.render(painter)
    painter.end()


def play(
    widget: MapWidget, days: list[int], step: Callable[[int], None]
) -> tuple[list[float], list[float]]:
    """Each day in turn, as Play shows them: the step and one painted frame, in ms of wall
    time and of the UI thread's CPU (steadier when other programs share the cores)."""
    image = QImage(widget.size(), QImage.Format.Format_ARGB32_Premultiplied)
    wall, cpu = [], []
    for day in days:
        start, start_cpu = time.perf_counter(), time.thread_time()
        step(day)
        paint(widget, image)
        wall.append((time.perf_counter() - start) * 1000)
        cpu.append((time.thread_time() - start_cpu) * 1000)
    widget.set_as_of(None)
    widget.set_filters(replace(widget.filters, as_of=None))
    return wall, cpu


def measure(n: int) -> dict[str, object]:
    with tempfile.TemporaryDirectory() as tmp:
        db = demo_database(Path(tmp), n)
        try:
            ln = load_network(db)
            model = load_map_model(db, loaded=ln)
            index, labels = automatic(db, ln, model.grouping)
        finally:
            db.dispose()
    tl = timeline(model.since, ln.today)
    assert tl is not None, "the demo network has connection dates"
    # The days Play shows: evenly over the whole range, as many as 10 s of frames has.
    frames = int(PLAY_SECONDS * 1000 / FRAME_MS)
    every = np.linspace(tl.first, tl.last - 1, frames).astype(int)
    days = every[:: max(1, frames // STEPS)][:STEPS].tolist()

    widget = make_map(model, SIZE)
    widget.canvas.exact = False  # as on screen: the quick tie budget while moving
    widget.view.cache_text = True

    def through_filters(day: int) -> None:
        widget.set_filters(replace(widget.filters, as_of=day))

    # Alternated, twice, so both see the same load on a shared machine.
    steps: list[float] = []
    invalidate: list[float] = []
    steps_cpu: list[float] = []
    invalidate_cpu: list[float] = []
    for _ in range(2):
        wall, cpu = play(widget, days, widget.set_as_of)
        steps += wall
        steps_cpu += cpu
        wall, cpu = play(widget, days, through_filters)
        invalidate += wall
        invalidate_cpu += cpu
    widget.close()
    relayout = []
    for day in days[:: max(1, len(days) // 5)]:
        keep = tl.shown(day)
        start = time.perf_counter()
        build_map_model(ln.net, np.where(keep, index, -1), labels, grouping=model.grouping)
        relayout.append((time.perf_counter() - start) * 1000)
    shown = [int(tl.shown(d).sum()) for d in days]
    step_median = statistics.median(steps)
    return {
        "people": len(model),
        "steps": len(steps),
        "shown_min_max": [min(shown), max(shown)],
        "step_ms_median": round(step_median, 2),
        "step_ms_p95": round(float(np.percentile(steps, 95)), 2),
        "baseline_invalidate_ms_median": round(statistics.median(invalidate), 2),
        "baseline_relayout_ms_median": round(statistics.median(relayout), 2),
        "step_vs_invalidate": round(step_median / statistics.median(invalidate), 2),
        "step_cpu_ms_median": round(statistics.median(steps_cpu), 2),
        "baseline_invalidate_cpu_ms_median": round(statistics.median(invalidate_cpu), 2),
        "target_ms": TARGET_MS,
    }


def main(sizes: list[int]) -> int:
    make_application()
    missed = 0
    for n in sizes:
        figures = measure(n)
        print(json.dumps(figures))
        missed += float(figures["step_ms_median"]) > TARGET_MS  # type: ignore[arg-type]
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main([int(a) for a in sys.argv[1:]] or [10_000]))
