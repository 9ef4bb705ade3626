"""Drawing one image of the static map (rings, ties, bundles, dots) from a `Scene`.

A `Scene` is everything an image is drawn from, gathered on the UI thread when the drawing
is asked for and never changed afterwards: the canvas can then draw it on the UI thread (a
new model, theme or filter, or a pan leaving the cached area) or in a worker (a new level of
detail once a zoom rests), and a worker's image is of one moment of the map, never half of
one and half of the next. Only QImage and a pixmap made beforehand are painted here (both may
be drawn from any thread); nothing here touches a widget or emits a signal.
"""

from __future__ import annotations

import math
import threading
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import pyqtgraph as pg
from pyqtgraph.Qt import internals
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPen, QTransform

from netview.core.progress import NoProgress, Progress, check
from netview.services.mapping.mapmodel import OTHER, OTHERS, MapModel
from netview.ui.map.bundles import GroupBundles, Ties, segments
from netview.ui.map.view import ThemeColours, qcolor

MAX_TIES = 25_000  # ties drawn into one cached image at most
# Drawing cost is the length of the lines: at most this many pixels of ties per image,
# shortest ties first (they show the clusters; long ones across the map are the hairball).
MAX_TIE_PIXELS = 800_000
MARGIN = 0.6  # cached area beyond the view on each side, as a fraction of the view
MAX_CACHE_SIDE = 5000  # pixels
QUICK_SHARE = 12  # while the time control moves, ties get 1/QUICK_SHARE of the pixel budget
GRAIN = 0.7  # a crowded dot takes this share of the gap to its nearest neighbour
MIN_DOT_PX = 1.5  # and is never smaller
OVERVIEW_PX = 700.0  # disc radius in pixels up to which ties between groups are bundled
BUNDLE_PX = 7.0  # the widest bundle

Mask = npt.NDArray[np.bool_]


@dataclass
class Cached:
    """One drawn image of the map and where it belongs."""

    image: QImage
    rect: QRectF  # map units covered
    scale: float  # pixels per map unit (logical)
    dpr: float
    quick: bool = False  # drawn to the time control's smaller budget


class SpriteAtlas:
    """One antialiased disc per (size, colour), side by side in one image."""

    def __init__(self, sizes: npt.NDArray[np.float32], colors: npt.NDArray[np.uint8], edge: str):
        # One 64-bit number per (half-pixel size, RGBA): a 1-D unique is several times
        # faster than a unique of rows, which at 250,000 people was half a second.
        half = np.round(sizes * 2).astype(np.uint64)
        packed = (half << np.uint64(32)) | colors.view(np.uint32)[:, 0].astype(np.uint64)
        codes, inverse = np.unique(packed, return_inverse=True)
        uniq = np.column_stack([codes >> np.uint64(32), codes & np.uint64(0xFFFFFFFF)])
        self.style = inverse.reshape(-1)
        self.cell = math.ceil(float(sizes.max(initial=1.0))) + 3
        cols = max(1, min(len(uniq), 64))
        rows = max(1, math.ceil(len(uniq) / cols))
        self.image = QImage(
            cols * self.cell, rows * self.cell, QImage.Format.Format_ARGB32_Premultiplied
        )
        self.image.fill(0)
        painter = QPainter(self.image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.rects = np.zeros((len(uniq), 4), np.float64)
        edge_colour = QColor(edge)
        edge_colour.setAlpha(150)
        for k, (half_px, rgba) in enumerate(uniq.tolist()):
            d = half_px / 2
            r, g, b, a = np.array([rgba], np.uint32).view(np.uint8).tolist()
            x, y = (k % cols) * self.cell, (k // cols) * self.cell
            box = QRectF(x + (self.cell - d) / 2, y + (self.cell - d) / 2, d, d)
            # A hairline in the background colour keeps touching nodes apart.
            painter.setPen(QPen(edge_colour, 0.8) if d >= 5 else Qt.PenStyle.NoPen)
            painter.setBrush(QColor(r, g, b, a))
            painter.drawEllipse(box)
            self.rects[k] = (x, y, self.cell, self.cell)
        painter.end()
        self.pixmap = pg.QtGui.QPixmap.fromImage(self.image)


class RingLayers:
    """Images of the ring guides alone, kept per image geometry: a step of the time control
    changes who is shown, never the rings, and their wide bands were a third of its image.
    An image of the map starts as a copy of its rings (a copy costs what clearing it did).
    Shared by the UI thread and the canvas's worker, hence the lock."""

    KEEP = 2  # geometries kept (the view, and the one before a zoom)
    # Images larger than this (pixels) are not kept: zoomed far in, an image may be 5000
    # pixels a side (100 MB), and the rings are then mostly out of it anyway.
    MAX_PIXELS = 4_200_000

    def __init__(self) -> None:
        self._images: dict[tuple[object, ...], QImage] = {}
        self._lock = threading.Lock()

    def image(self, scene: Scene, rect: QRectF, s: float, w: int, h: int) -> QImage:
        """A new image of `w` x `h` pixels holding the rings of `scene` for `rect`."""
        key = _ring_key(scene, rect, s, w, h)
        with self._lock:  # a kept image is only ever read, and under the lock
            found = self._images.get(key)
            if found is not None:
                return found.copy()
        drawn = QImage(w, h, QImage.Format.Format_ARGB32_Premultiplied)
        drawn.fill(0)
        painter = QPainter(drawn)
        try:
            _paint_rings(scene, painter, _to_image(rect, s), rect, s, scene.visible)
        finally:
            painter.end()
        if w * h <= self.MAX_PIXELS:
            with self._lock:
                while len(self._images) >= self.KEEP:
                    self._images.pop(next(iter(self._images)))
                self._images[key] = drawn.copy()
        return drawn


def _ring_key(scene: Scene, rect: QRectF, s: float, w: int, h: int) -> tuple[object, ...]:
    """Everything the ring guides' pixels depend on."""
    m = scene.model
    rings = tuple((g.degree, g.radius, g.outer, _shown_degree(m, g.degree)) for g in m.rings)
    colours = (str(scene.colors.get("band")), str(scene.colors.get("ring")))
    return (w, h, rect.left(), rect.top(), s, m.node_size, rings, colours)


def _to_image(rect: QRectF, s: float) -> QTransform:
    """Map units to image pixels: x right, y up (the image's top row is the rect's top)."""
    return QTransform(s, 0, 0, -s, -rect.left() * s, rect.bottom() * s)


@dataclass(frozen=True)
class Scene:
    """What one image is drawn from (see the module's docstring). The arrays are the
    model's and the canvas's own, shared, never copied: a model replaces its arrays when
    something changes (a filter, sizes), it does not write into them."""

    model: MapModel
    visible: Mask
    colors: ThemeColours
    rings_shown: bool
    grain: bool  # the level of detail; off: every dot at full size, every tie
    quick: bool  # the time control is moving: a smaller tie budget
    atlas: SpriteAtlas | None
    ties: Ties
    tie_order: npt.NDArray[np.int64]
    fan_ok: npt.NDArray[np.bool_]
    ord_a: npt.NDArray[np.int64]
    ord_b: npt.NDArray[np.int64]
    ord_box: npt.NDArray[np.float64]
    ord_length: npt.NDArray[np.float64]
    sample: npt.NDArray[np.float64]
    group_ties: GroupBundles
    node_order: npt.NDArray[np.int64]
    bounds: QRectF
    rings: RingLayers | None = None  # the ring guides kept between images (None: drawn)


def cache_rect(view: QRectF, bounds: QRectF, scale: float, dpr: float) -> QRectF:
    """The map area an image drawn for `view` covers: the view plus MARGIN each side (just
    the view when that would be huge), snapped to whole pixels."""
    mx, my = view.width() * MARGIN, view.height() * MARGIN
    rect = view.adjusted(-mx, -my, mx, my).intersected(bounds)
    side = max(rect.width(), rect.height()) * scale * dpr
    if side > MAX_CACHE_SIDE:
        rect = view.intersected(bounds)
    w = max(1, math.ceil(rect.width() * scale * dpr))
    h = max(1, math.ceil(rect.height() * scale * dpr))
    return QRectF(rect.left(), rect.top(), w / (scale * dpr), h / (scale * dpr))


def draw(
    scene: Scene,
    view: QRectF,
    scale: float,
    dpr: float,
    progress: Progress | None = None,
) -> Cached:
    """The image of `scene` for `view` at `scale` pixels per map unit. `progress` is asked
    between layers whether a newer zoom has made this image useless (raises Cancelled)."""
    progress = progress or NoProgress()
    rect = cache_rect(view, scene.bounds, scale, dpr)
    w = max(1, round(rect.width() * scale * dpr))
    h = max(1, round(rect.height() * scale * dpr))
    s = scale * dpr
    layers = [_paint_ties, _paint_group_ties, _paint_nodes]
    if scene.rings is not None and scene.rings_shown:
        image = scene.rings.image(scene, rect, s, w, h)
    else:
        image = QImage(w, h, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(0)
        layers.insert(0, _paint_rings)
    painter = QPainter(image)
    to_image = _to_image(rect, s)
    # Who the level of detail draws at this scale, once for the ties and the dots.
    drawn = drawn_at(scene, s) if scene.grain else scene.visible
    try:
        for layer in layers:
            check(progress)
            layer(scene, painter, to_image, rect, s, drawn)
    finally:
        painter.end()
    image.setDevicePixelRatio(dpr)
    return Cached(image, rect, scale, dpr, scene.quick)


def drawn_at(scene: Scene, s: float) -> npt.NDArray[np.bool_]:
    """Who grain_scale draws at `s` pixels per map unit, everyone at once."""
    m = scene.model
    every = np.arange(len(m), dtype=np.int64)
    return grain_scale(m, every, s, scene.sample)[1]


def _paint_rings(
    scene: Scene, p: QPainter, tr: QTransform, rect: QRectF, s: float, drawn: Mask
) -> None:
    if not scene.rings_shown:
        return
    m = scene.model
    band = qcolor(scene.colors["band"])
    line = QPen(qcolor(scene.colors["ring"]), 1.0)
    line.setCosmetic(True)
    p.save()
    p.setTransform(tr)
    for ring in m.rings:
        if not _shown_degree(m, ring.degree):
            continue
        # A faint band under the ring's people, and a thin guide line through its middle.
        half = 0.5 * m.node_size + 0.15
        r0, r1 = ring.radius - half, ring.outer + half
        # The band as one wide stroke, without antialiasing: its edge is faint either
        # way, and a filled annulus was a fifth of a redraw.
        p.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        p.setPen(QPen(band, r1 - r0))
        p.setBrush(Qt.BrushStyle.NoBrush)
        mid = (r0 + r1) / 2
        p.drawEllipse(QPointF(0, 0), mid, mid)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setPen(line)
        r = ring.radius - half - 0.1 * m.node_size
        p.drawEllipse(QPointF(0, 0), r, r)
    p.restore()


def _paint_ties(
    scene: Scene, p: QPainter, tr: QTransform, rect: QRectF, s: float, drawn: Mask
) -> None:
    m, ties, visible = scene.model, scene.ties, scene.visible
    order = scene.tie_order
    if not len(order):
        return
    # Level of detail first (cheap, and it leaves the fewest): ties shorter than a
    # pixel vanish (`order` is shortest first, so they are a prefix), and at most FAN
    # ties into any one person (the first in the budget's order): a connector of
    # hundreds reads as a fan of lines, not a solid wedge at its dot.
    length = scene.ord_length * s
    idx = np.arange(int(np.searchsorted(length, 1.0)), len(order))
    if scene.grain:
        idx = idx[scene.fan_ok[idx]]
    a, b = scene.ord_a[idx], scene.ord_b[idx]
    keep = visible[a] & visible[b]
    if scene.grain:
        # Zoomed out, the ties of the people a crowded branch leaves out are left out
        # too: hundreds of ties into one connector would be a solid fan of colour.
        keep &= drawn[a] & drawn[b]
    # Culling: a tie whose bounding box misses the image is unseen.
    box = scene.ord_box[idx]
    keep &= (box[:, 2] >= rect.left()) & (box[:, 0] <= rect.right())
    keep &= (box[:, 3] >= rect.top()) & (box[:, 1] <= rect.bottom())
    idx = idx[keep]
    idx = idx[:MAX_TIES]
    budget = MAX_TIE_PIXELS // QUICK_SHARE if scene.quick else MAX_TIE_PIXELS
    idx = idx[np.cumsum(length[idx]) <= budget]
    if not len(idx):
        return
    which = order[idx]
    a, b = scene.ord_a[idx], scene.ord_b[idx]
    same = m.group[a] == m.group[b]
    p.save()
    p.resetTransform()
    alpha = int(np.clip(60 - 10 * math.log10(max(len(idx), 10)), 14, 48))
    shared: list[int] = np.unique(m.group[a][same]).tolist()
    lines_buffer = internals.PrimitiveArray(pg.QtCore.QLineF, 4)  # one per image: threads
    for k in [*shared, -1]:
        sel = (same & (m.group[a] == k)) if k >= 0 else ~same
        if not sel.any():
            continue
        if k >= 0 and m.group_names[k] != OTHER:
            colour = QColor(*m.group_colors[k], alpha + 10)
        else:
            colour = qcolor(scene.colors["tie"])
            colour.setAlpha(alpha)
        pen = QPen(colour, 1.0)
        pen.setCosmetic(True)
        p.setPen(pen)
        lines = segments(ties, m.xy, m.edges, which[sel])
        lines_buffer.resize(len(lines))
        arr = lines_buffer.ndarray()
        arr[:, 0:2] = _apply(tr, lines[:, 0:2])
        arr[:, 2:4] = _apply(tr, lines[:, 2:4])
        p.drawLines(*lines_buffer.drawargs())
    p.restore()


def _paint_group_ties(
    scene: Scene, p: QPainter, tr: QTransform, rect: QRectF, s: float, drawn: Mask
) -> None:
    """At overview, the ties between groups as one bundle per pair of groups, as wide
    as they are many (1 to BUNDLE_PX pixels); zoomed in, the ties themselves show."""
    m, gt = scene.model, scene.group_ties
    r = max((g.outer for g in m.rings), default=0.0)
    if not len(gt.count) or r * s > OVERVIEW_PX or not scene.grain:
        return
    people = scene.visible & (m.degree > 0)
    shown = np.bincount(m.group[people], minlength=len(m.group_names))
    both = (shown[gt.a] > 0) & (shown[gt.b] > 0)
    if not both.any():
        return
    pts = gt.curves()[both]
    width = 1.0 + (BUNDLE_PX - 1.0) * np.sqrt(gt.count[both] / gt.count[both].max())
    colour = qcolor(scene.colors["tie"])
    colour.setAlpha(60)
    p.save()
    p.resetTransform()
    # While the time control moves, without antialiasing (the wide strokes were an eighth
    # of a step); smooth again once it rests.
    p.setRenderHint(QPainter.RenderHint.Antialiasing, not scene.quick)
    for curve, w in zip(pts, width.tolist(), strict=True):
        pen = QPen(colour, w)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        p.setPen(pen)
        q = _apply(tr, curve)
        path = pg.QtGui.QPainterPath(QPointF(*q[0]))
        for x, y in q[1:].tolist():
            path.lineTo(x, y)
        p.drawPath(path)
    p.restore()


def _paint_nodes(
    scene: Scene, p: QPainter, tr: QTransform, rect: QRectF, s: float, drawn: Mask
) -> None:
    m, atlas, visible = scene.model, scene.atlas, scene.visible
    if atlas is None:
        return
    pad = float(m.sizes.max(initial=0)) / s
    xy = m.xy
    order = scene.node_order  # outer rings first, so the inner, larger people are on top
    # Who the level of detail draws first: zoomed out at 250,000 people that is a
    # small share, and the rest of the work is on them only.
    idx = order[(visible & drawn)[order]] if scene.grain else order
    p_xy = xy[idx]
    inside = (
        visible[idx]
        & (p_xy[:, 0] >= rect.left() - pad)
        & (p_xy[:, 0] <= rect.right() + pad)
        & (p_xy[:, 1] >= rect.top() - pad)
        & (p_xy[:, 1] <= rect.bottom() + pad)
    )
    idx = idx[inside]
    shrink = np.ones(len(idx))
    if scene.grain and len(idx):
        shrink, shown = grain_scale(m, idx, s, scene.sample[idx])
        idx, shrink = idx[shown], shrink[shown]
    if not len(idx):
        return
    pts = _apply(tr, xy[idx])
    frags = internals.PrimitiveArray(pg.QtGui.QPainter.PixmapFragment, 10)
    frags.resize(len(idx))
    f = frags.ndarray()
    f[:, 0:2] = pts
    f[:, 2:6] = atlas.rects[atlas.style[idx]]
    f[:, 6:10] = (1.0, 1.0, 0.0, 1.0)
    f[:, 6] = shrink
    f[:, 7] = shrink
    p.save()
    p.resetTransform()
    # On PySide the fragments are passed as a pointer to the first one and their count.
    first, count = frags.drawargs()
    p.drawPixmapFragments(first, count, atlas.pixmap)
    p.restore()


def grain_scale(
    m: MapModel,
    idx: npt.NDArray[np.int64],
    s: float,
    sample: npt.NDArray[np.float64] | None = None,
) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.bool_]]:
    """The map's level of detail for the dots `idx` at `s` pixels per map unit: how much
    each is shrunk, and which are drawn. Beyond the 1st ring a dot takes GRAIN of the gap
    to its nearest neighbour, down to MIN_DOT_PX; where even that is too crowded, only a
    share of the people are drawn (a fixed, evenly spread sample),
    so that the drawn ones keep that gap. Zoomed out, a dense branch is then fine grain
    with the background between, its density and shades showing, not a solid wedge;
    zooming in brings the others back and grows every dot to its size as it gets room.
    A 1st-ring dot is never wider than the gap to its nearest neighbour, so those never
    overlap (a small window, thousands of 1st-degree people, sizes by centrality).
    `sample`: `even_sample(idx)` if already at hand."""
    n = len(idx)
    if len(m.spacing) != len(m):
        return np.ones(n), np.ones(n, np.bool_)
    size = np.maximum(m.sizes[idx].astype(np.float64), 1e-6)
    gap = m.spacing[idx] * s
    room = GRAIN * gap
    degree = m.degree[idx]
    scale = np.minimum(np.maximum(room, MIN_DOT_PX) / size, 1.0)
    scale = np.where(degree == 1, np.minimum(gap / size, 1.0), scale)
    # People in a band are a 2-D grain: a share f of them is 1/sqrt(f) times as far apart.
    share = np.clip(room / MIN_DOT_PX, 0.0, 1.0) ** 2
    outer = degree >= 2
    u = even_sample(idx) if sample is None else sample
    shown = ~outer | (u < share)
    return np.where(degree >= 1, scale, 1.0), shown


def even_sample(idx: npt.NDArray[np.int64]) -> npt.NDArray[np.float64]:
    """A fixed number in [0, 1) per person, evenly spread over any run of people (a golden
    ratio sequence): who is drawn when only a share of a crowded branch can be. Uniform,
    so that share is what is drawn (weighting the well connected drew most of a branch
    whose people all have many ties, a solid block again)."""
    return np.asarray((idx.astype(np.float64) * 0.6180339887498949) % 1.0, np.float64)


def _shown_degree(m: MapModel, degree: int) -> bool:
    return bool(degree in m.filters.degrees and degree < OTHERS) or (
        degree == OTHERS and OTHERS in m.filters.degrees
    )


def _apply(tr: QTransform, xy: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    out = np.empty_like(xy)
    out[:, 0] = tr.m11() * xy[:, 0] + tr.m21() * xy[:, 1] + tr.dx()
    out[:, 1] = tr.m12() * xy[:, 0] + tr.m22() * xy[:, 1] + tr.dy()
    return out
