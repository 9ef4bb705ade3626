"""How much of the default map picture is uniform blocks of colour, before and after.

Issue 20's measure (netview.ui.map.blocks): in the default 1600x1000 picture of the demo
network, the share of the disc whose pixels are coloured and have a 9x9 neighbourhood
within 32 levels in every channel. "before" draws every dot at its full size whatever the
zoom and every tie (the map until the level of detail of crowded branches), "after" is the
map as it is; both on the same model in the same run. Target: after <= 2 %.
Run: PYTHONPATH=src QT_QPA_PLATFORM=offscreen python benchmarks/map_blocks.py [N ...]
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

from PySide6.QtGui import QColor

sys.path.insert(0, str(Path(__file__).parent))
from demo_network import demo_database

from netview.services.mapping.mapmodel import MapModel, load_map_model
from netview.ui.application import make_application
from netview.ui.map.blocks import image_rgb, uniform_share
from netview.ui.map.render import describe, grab, make_map

SIZE = (1600, 1000)
TARGET = 0.02


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
        print(
            json.dumps(
                {
                    "people": n,
                    "uniform_before_pct": round(100 * before, 2),
                    "uniform_after_pct": round(100 * after, 2),
                    "target_pct": 100 * TARGET,
                }
            )
        )
        missed += after > TARGET
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main([int(a) for a in sys.argv[1:]] or [20_000, 60_000]))
