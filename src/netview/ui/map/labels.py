"""Every text on the map placed in one pass, so that no two ever overlap or leave the picture.

Names of people, the "you", selected, hovered and path names, ring counts, group names and
the legend all compete for the same pixels. `Placer` takes them in order of priority and
gives each the first of its candidate rectangles (positions around its anchor) that lies
inside the view and overlaps nothing placed before; a text that fits nowhere is dropped.
A grid of cells keeps the overlap checks local, so a pass over a few hundred texts costs a
few milliseconds.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from PySide6.QtCore import QPointF, QRectF

from netview.ui.glyphs import drawable as drawable  # re-exported: the map's rule

CELL = 64.0  # pixels per grid cell of the overlap index
PAD = 2.0  # free pixels kept between two texts


@dataclass
class Placed:
    """One text as drawn: its box in view pixels, and what it is attached to."""

    text: str
    kind: str  # you, selected, path, hovered, person, ring, group, subgroup, legend
    rect: QRectF
    anchor: tuple[float, float] | None = None  # map units; None: fixed to the view (legend)
    anchor_px: QPointF = field(default_factory=QPointF)  # the anchor's pixel at placement
    colour: tuple[int, int, int] | None = None  # a dot in the group's colour
    bold: bool = False
    rows: list[tuple[str, tuple[int, int, int] | None]] = field(default_factory=list)

    def as_json(self, dx: float = 0.0, dy: float = 0.0) -> dict[str, object]:
        r = self.rect.translated(dx, dy)
        return {
            "text": self.text,
            "kind": self.kind,
            "x": round(r.x(), 1),
            "y": round(r.y(), 1),
            "w": round(r.width(), 1),
            "h": round(r.height(), 1),
        }


class Placer:
    """Greedy placement: the first candidate that is inside and overlaps nothing wins."""

    def __init__(self, width: float, height: float, margin: float = 3.0) -> None:
        self.bounds = QRectF(margin, margin, width - 2 * margin, height - 2 * margin)
        self.rects: list[QRectF] = []
        self._grid: dict[tuple[int, int], list[int]] = {}

    def _cells(self, r: QRectF) -> Iterator[tuple[int, int]]:
        for cx in range(math.floor(r.left() / CELL), math.floor(r.right() / CELL) + 1):
            for cy in range(math.floor(r.top() / CELL), math.floor(r.bottom() / CELL) + 1):
                yield cx, cy

    def fits(self, r: QRectF) -> bool:
        if not self.bounds.contains(r):
            return False
        grown = r.adjusted(-PAD, -PAD, PAD, PAD)
        for cell in self._cells(grown):
            for k in self._grid.get(cell, ()):
                if self.rects[k].intersects(grown):
                    return False
        return True

    def take(self, r: QRectF) -> None:
        self.rects.append(r)
        for cell in self._cells(r):
            self._grid.setdefault(cell, []).append(len(self.rects) - 1)

    def place(self, candidates: Iterable[QRectF]) -> QRectF | None:
        for r in candidates:
            if self.fits(r):
                self.take(r)
                return r
        return None


def around(x: float, y: float, w: float, h: float, gap: float) -> list[QRectF]:
    """Boxes of w x h beside the point (x, y): right, left, above, below, then the corners."""
    d = gap * 0.7
    return [
        QRectF(x + gap, y - h / 2, w, h),
        QRectF(x - gap - w, y - h / 2, w, h),
        QRectF(x - w / 2, y - gap - h, w, h),
        QRectF(x - w / 2, y + gap, w, h),
        QRectF(x + d, y - d - h, w, h),
        QRectF(x + d, y + d, w, h),
        QRectF(x - d - w, y - d - h, w, h),
        QRectF(x - d - w, y + d, w, h),
    ]


def outside_circle(
    cx: float, cy: float, radius: float, angle: float, w: float, h: float, gap: float = 6.0
) -> QRectF:
    """A w x h box just outside the circle at `angle` (radians, counter-clockwise, y up),
    extending away from the centre, its nearest point `gap` pixels beyond the circle."""
    ux, uy = math.cos(angle), -math.sin(angle)
    # Half extents projected on the outward direction: how far the box reaches back.
    reach = abs(ux) * w / 2 + abs(uy) * h / 2
    dist = radius + gap + reach
    box = QRectF(0, 0, w, h)
    box.moveCenter(QPointF(cx + ux * dist, cy + uy * dist))
    # The box's corner may still dip into the circle on a diagonal: push it out.
    for _ in range(6):
        nx = min(max(cx, box.left()), box.right())
        ny = min(max(cy, box.top()), box.bottom())
        near = math.hypot(nx - cx, ny - cy)
        if near >= radius + gap - 0.5:
            break
        box.translate(ux * (radius + gap - near), uy * (radius + gap - near))
    return box


def plain_key(key: str) -> str:
    """A readable name from a profile key: "takuya-hashimoto-7ddfc" -> "Takuya Hashimoto"."""
    parts = [p for p in key.split("-") if p]
    if parts and any(c.isdigit() for c in parts[-1]):
        parts = parts[:-1]
    return " ".join(p[:1].upper() + p[1:] for p in parts)
