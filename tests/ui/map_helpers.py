"""Helpers of the map tests: what the map draws, read back from its labels."""

from __future__ import annotations

import re

from netview.services.mapping.mapmodel import RING_NAMES
from netview.ui.map.widget import MapWidget

RING = re.compile(r"^(1st|2nd|3rd|Further) · ([\d,]+)$")


def rings_drawn(widget: MapWidget) -> dict[int, int]:
    """Ring counts as drawn on the map: {degree: count}."""
    out = {}
    for label in widget.drawn_labels():
        if label.kind == "ring":
            m = RING.match(label.text)
            assert m, label.text
            out[RING_NAMES.index(m.group(1))] = int(m.group(2).replace(",", ""))
    return out
