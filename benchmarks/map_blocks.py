"""How much of the default map picture is uniform blocks of colour, before and after.

Issue 20's measure (netview.ui.map.blocks): in the default 1600x1000 picture of the demo
network, the share of the disc whose pixels are coloured and have a 9x9 neighbourhood
within 32 levels in every channel. "before" draws every dot at its full size whatever the
zoom and every tie (the map until the level of detail of crowded branches), "after" is the
map as it is; both on the same model in the same run. Target: after <= 2 %.

It also prints issue 20's other two checks of the same pictures, at 1600x1000 and 1024x700:
how far each group's name lies from its group's mean angle around you (target: within 20
degrees) and whether the legend clears the disc.
Run: PYTHONPATH=src QT_QPA_PLATFORM=offscreen python benchmarks/map_blocks.py [N ...]
"""

from __future__ import annotations

import json
import math
import sys
import tempfile
from pathlib import Path

import numpy as np
from PySide6.QtGui import QColor

sys.path.insert(0, str(Path(__file__).parent))
from demo_network import demo_database

from netview.services.mapping.mapmodel import OTHERS, MapModel, load_map_model
from netview.ui.application import make_application
from netview.ui.map.blocks import image_rgb, uniform_share
from netview.ui.map.render import describe, grab, make_map

SIZE = (1600, 1000)
TARGET = 0.02
NAME_TARGET_DEG = 20.0
VIEWS = ((1600, 1000), (1024, 700))


def share(model: MapModel, grain: bool) -> float:
    widget = make_map(model, SIZE)
    try:
        widget.canvas.grain = grain
        widget.canvas.invalidate()
        image = grab(widget)
        disc = describe(widget)["disc"]
        assert isinstance(disc, dict)
        bg = QColor(str(widget._colors["bg"]))
        rgb = (bg.red(), bg.green(), bg.blue())
        return uniform_share(image_rgb(image), rgb, (disc["cx"], disc["cy"], disc["r"]))
    finally:
        widget.close()


def names_and_legend(model: MapModel, size: tuple[int, int]) -> tuple[float, int, bool]:
    """The largest angle (degrees) between a group's name and its group's mean direction
    around you, how many names, and whether every legend box clears the disc."""
    who = (model.degree > 0) & (model.degree < OTHERS) & model.visible
    means = {}
    for k, name in enumerate(model.group_names):
        sel = who & (model.group == k)
        if sel.any():
            a = np.arctan2(model.xy[sel, 1], model.xy[sel, 0])
            means[name] = math.atan2(np.sin(a).sum(), np.cos(a).sum())
    widget = make_map(model, size)
    try:
        frame = widget.frame()
        assert frame is not None
        c = frame.px(0.0, 0.0)
        radius = max(g.outer for g in model.rings if g.degree < OTHERS) * frame.scale
        worst, names, clear = 0.0, 0, True
        for label in widget.drawn_labels():
            box = label.rect
            if label.kind == "group":
                name = label.text.rsplit(" · ", 1)[0]
                p = box.center()
                at = math.atan2(-(p.y() - c.y()), p.x() - c.x())  # y up, as on the map
                off = abs((at - means[name] + math.pi) % (2 * math.pi) - math.pi)
                worst, names = max(worst, math.degrees(off)), names + 1
            elif label.kind == "legend":
                nx = min(max(c.x(), box.left()), box.right())
                ny = min(max(c.y(), box.top()), box.bottom())
                clear = clear and math.hypot(nx - c.x(), ny - c.y()) >= radius
        return round(worst, 1), names, clear
    finally:
        widget.close()


def main(sizes: list[int]) -> int:
    make_application()
    missed = 0
    for n in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            db = demo_database(Path(tmp), n)
            try:
                model = load_map_model(db)
            finally:
                db.dispose()
        before, after = share(model, grain=False), share(model, grain=True)
        views = {f"{w}x{h}": names_and_legend(model, (w, h)) for w, h in VIEWS}
        print(
            json.dumps(
                {
                    "people": n,
                    "uniform_before_pct": round(100 * before, 2),
                    "uniform_after_pct": round(100 * after, 2),
                    "target_pct": 100 * TARGET,
                    "name_off_group_max_deg": {v: off for v, (off, _, _) in views.items()},
                    "group_names": {v: count for v, (_, count, _) in views.items()},
                    "name_target_deg": NAME_TARGET_DEG,
                    "legend_clears_disc": {v: clear for v, (_, _, clear) in views.items()},
                }
            )
        )
        missed += after > TARGET
        missed += any(off > NAME_TARGET_DEG or not clear for off, _, clear in views.values())
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main([int(a) for a in sys.argv[1:]] or [20_000, 60_000]))
