"""The static part of the map drawn once into an image and blitted while the user pans.

Nodes, background ties and ring guides change only when the model, the
filters or the theme change, so `MapCanvas` paints them into an image covering the view plus
a margin at the current zoom. Panning blits that image (a few milliseconds whatever the
number of people); zooming shows it scaled for a moment and redraws it sharp once the view
rests; only leaving the margin redraws it at once. Drawing the image is itself bounded:
nodes outside it are culled, ties are drawn up to a budget (strongest/innermost first) and
nodes are stamped from a sprite atlas in one call.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import pyqtgraph as pg
from pyqtgraph.Qt import internals
from PySide6.QtCore import QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QImage, QPainter, QPen, QTransform
from PySide6.QtWidgets import QStyleOptionGraphicsItem, QWidget

from netview.services.mapping.mapmodel import OTHER, OTHERS, MapModel
from netview.ui.map.bundles import Ties, bundle, group_bundles, segments
from netview.ui.map.view import ThemeColours, qcolor

MAX_TIES = 25_000  # ties drawn into one cached image at most
# Drawing cost is the length of the lines: at most this many pixels of ties per image,
# shortest ties first (they show the clusters; long ones across the map are the hairball).
MAX_TIE_PIXELS = 800_000
MARGIN = 0.6  # cached area beyond the view on each side, as a fraction of the view
MAX_CACHE_SIDE = 5000  # pixels
QUICK_SHARE = 12  # while the time control moves, ties get 1/QUICK_SHARE of the pixel budget
REDRAW_DELAY_MS = 120  # after a zoom, redraw sharp once the view rests this long
GRAIN = 0.7  # a crowded dot takes this share of the gap to its nearest neighbour
MIN_DOT_PX = 1.5  # and is never smaller
FAN = 48  # ties drawn into any one person at most
OVERVIEW_PX = 700.0  # disc radius in pixels up to which ties between groups are bundled
BUNDLE_PX = 7.0  # the widest bundle


@dataclass
class _Cache:
    image: QImage
    rect: QRectF  # map units covered
    scale: float  # pixels per map unit (logical)
    dpr: float


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


class MapCanvas(pg.GraphicsObject):  # type: ignore[misc]  # pyqtgraph has no type hints
    """Draws a MapModel's nodes, ties and rings through an image cache.

    `drawn` follows each time the image is drawn afresh (not when the cached one is shown).
    """

    drawn = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.model = MapModel.empty()
        self.colors: ThemeColours = {}
        self.rings_shown = True
        self.exact = False  # headless renders: never show a scaled (blurry) cache
        # Dense branches drawn as grain when zoomed out (grain_scale); off: every dot at its
        # full size whatever the zoom (the map before issue 20, for benchmarks/map_blocks).
        self.grain = True
        self._cache: _Cache | None = None
        self._atlas: SpriteAtlas | None = None
        self._frags = internals.PrimitiveArray(pg.QtGui.QPainter.PixmapFragment, 10)
        self._lines = internals.PrimitiveArray(pg.QtCore.QLineF, 4)
        self._bounds = QRectF()
        self._tie_order = np.zeros(0, np.int64)
        self._fan_ok = np.zeros(0, np.bool_)
        self._ord_a = self._ord_b = np.zeros(0, np.int64)
        self._ord_box = np.zeros((0, 4))
        self._ord_length = np.zeros(0)
        self._sample = np.zeros(0)
        self._drawn_at: tuple[float, npt.NDArray[np.bool_]] | None = None
        self.group_ties = group_bundles(
            np.zeros((0, 2)),
            np.zeros((0, 2), np.int32),
            np.zeros(0, np.int32),
            np.zeros(0, np.int8),
            -1,
        )
        self._node_order = np.zeros(0, np.int64)
        self.ties = Ties.empty()
        self._timer = QTimer(singleShot=True, interval=REDRAW_DELAY_MS)
        self._timer.timeout.connect(self.redraw_later)
        self._quick = False  # the time control is moving: a smaller tie budget

    # --- inputs ------------------------------------------------------------------------

    def set_model(self, model: MapModel, colors: ThemeColours) -> None:
        self.prepareGeometryChange()
        self.model = model
        self.colors = colors
        r = max((g.outer for g in model.rings), default=1.0) * 1.1 + 8 * model.node_size
        self._bounds = QRectF(-r, -r, 2 * r, 2 * r)
        self.ties = tie_shapes(model)
        # Sorted once per model, not per redraw (at 250,000 people the sorts were a third
        # of a redraw): ties shortest first, priority breaking ties of length (the budget
        # keeps a prefix, and the order of lengths is the same at every zoom); nodes outer
        # rings first, so the inner, larger people are drawn on top.
        priority = _tie_priority(model)
        self._tie_order = priority[np.argsort(self.ties.length[priority], kind="stable")]
        ends = model.edges[self._tie_order]
        self._fan_ok = (_occurrence(ends[:, 0]) < FAN) & (_occurrence(ends[:, 1]) < FAN)
        # In the budget's order, once per model (at 250,000 people gathering them on every
        # redraw was most of its time).
        self._ord_a = ends[:, 0].astype(np.int64)
        self._ord_b = ends[:, 1].astype(np.int64)
        self._ord_box = np.ascontiguousarray(self.ties.box[self._tie_order])
        self._ord_length = self.ties.length[self._tie_order]
        self._sample = _sample(np.arange(len(model), dtype=np.int64))
        self._drawn_at = None
        grey = model.group_names.index(OTHER) if OTHER in model.group_names else -1
        self.group_ties = group_bundles(model.xy, model.edges, model.group, model.degree, grey)
        self._node_order = np.argsort(-model.degree, kind="stable")
        self.invalidate()

    def invalidate(self) -> None:
        """Styles or who is visible changed: rebuild sprites and redraw on the next paint."""
        m = self.model
        self._atlas = (
            SpriteAtlas(m.sizes, m.colors, str(self.colors.get("bg", "#ffffff")))
            if len(m)
            else None
        )
        self._cache = None
        self._quick = False
        self.update()

    def visibility_changed(self) -> None:
        """Only who is visible changed (a step of the time control): the sprites stay, and
        while steps follow each other the ties are drawn to 1/QUICK_SHARE of the budget (the
        same shortest ties first), the full picture once the slider rests, as after a zoom."""
        if self._atlas is None:
            self.invalidate()
            return
        self._cache = None
        self._quick = not self.exact  # a file is drawn in full
        self._timer.start()
        self.update()

    def boundingRect(self) -> QRectF:
        return self._bounds

    # --- painting ----------------------------------------------------------------------

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        t = painter.transform()
        scale = math.hypot(t.m11(), t.m12())
        view = self.viewRect()
        if scale <= 0 or view is None or not len(self.model):
            return
        dpr = painter.device().devicePixelRatioF() if painter.device() else 1.0
        c = self._cache
        same_scale = c is not None and abs(c.scale - scale) <= 1e-6 * scale and c.dpr == dpr
        if (
            c is None
            or not c.rect.contains(view.intersected(self._bounds))
            or (not same_scale and self.exact)
        ):
            c = self._cache = self._draw_cache(view, scale, dpr)
            same_scale = True
        elif not same_scale:
            self._timer.start()  # zooming: show the scaled image now, redraw when it rests
        painter.save()
        painter.resetTransform()
        target = t.mapRect(c.rect)
        if same_scale:
            painter.drawImage(QPointF(round(target.left()), round(target.top())), c.image)
        else:
            painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, False)
            painter.drawImage(target, c.image)
        painter.restore()

    def redraw_later(self) -> None:
        if self._quick:
            self._quick = False
            self._cache = None
        if self._cache is not None:
            self._cache.scale = -1.0  # stale: the next paint draws afresh
            self._cache.rect = QRectF()
        self.update()

    def _draw_cache(self, view: QRectF, scale: float, dpr: float) -> _Cache:
        mx, my = view.width() * MARGIN, view.height() * MARGIN
        rect = view.adjusted(-mx, -my, mx, my).intersected(self._bounds)
        side = max(rect.width(), rect.height()) * scale * dpr
        if side > MAX_CACHE_SIDE:  # a huge view: cache just what is seen
            rect = view.intersected(self._bounds)
        w = max(1, math.ceil(rect.width() * scale * dpr))
        h = max(1, math.ceil(rect.height() * scale * dpr))
        rect = QRectF(rect.left(), rect.top(), w / (scale * dpr), h / (scale * dpr))
        image = QImage(w, h, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(0)
        painter = QPainter(image)
        s = scale * dpr
        # map -> image pixels: x right, y up (the image's top row is the rect's top edge)
        to_image = QTransform(s, 0, 0, -s, -rect.left() * s, rect.bottom() * s)
        self._paint_rings(painter, to_image, s, rect)
        self._paint_ties(painter, to_image, rect, s)
        self._paint_group_ties(painter, to_image, s)
        self._paint_nodes(painter, to_image, rect, s)
        painter.end()
        image.setDevicePixelRatio(dpr)
        self.drawn.emit()
        return _Cache(image, rect, scale, dpr)

    def _paint_rings(self, p: QPainter, tr: QTransform, s: float, rect: QRectF) -> None:
        if not self.rings_shown:
            return
        m = self.model
        band = qcolor(self.colors["band"])
        line = QPen(qcolor(self.colors["ring"]), 1.0)
        line.setCosmetic(True)
        p.save()
        p.setTransform(tr)
        # While the time control moves the bands are drawn without antialiasing (a third
        # of their cost; the edge is sharp again once the slider rests).
        p.setRenderHint(QPainter.RenderHint.Antialiasing, not self._quick)
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
            p.setBrush(Qt.BrushStyle.NoBrush)
            r = ring.radius - half - 0.1 * m.node_size
            p.drawEllipse(QPointF(0, 0), r, r)
        p.restore()

    def _drawn(self, s: float) -> npt.NDArray[np.bool_]:
        """Who grain_scale draws at `s` pixels per map unit, everyone at once."""
        if self._drawn_at is None or self._drawn_at[0] != s:
            m = self.model
            every = np.arange(len(m), dtype=np.int64)
            self._drawn_at = (s, grain_scale(m, every, s, self._sample)[1])
        drawn: npt.NDArray[np.bool_] = self._drawn_at[1]
        return drawn

    def _paint_ties(self, p: QPainter, tr: QTransform, rect: QRectF, s: float) -> None:
        m, ties = self.model, self.ties
        order = self._tie_order
        if not len(order):
            return
        # Level of detail first (cheap, and it leaves the fewest): ties shorter than a
        # pixel vanish (`order` is shortest first, so they are a prefix), and at most FAN
        # ties into any one person (the first in the budget's order): a connector of
        # hundreds reads as a fan of lines, not a solid wedge at its dot.
        length_all = self._ord_length * s
        idx = np.arange(int(np.searchsorted(length_all, 1.0)), len(order))
        if self.grain:
            idx = idx[self._fan_ok[idx]]
        a, b = self._ord_a[idx], self._ord_b[idx]
        keep = m.visible[a] & m.visible[b]
        if self.grain:
            # Zoomed out, the ties of the people a crowded branch leaves out are left out
            # too: hundreds of ties into one connector would be a solid fan of colour.
            drawn = self._drawn(s)
            keep &= drawn[a] & drawn[b]
        # Culling: a tie whose bounding box misses the image is unseen.
        box = self._ord_box[idx]
        keep &= (box[:, 2] >= rect.left()) & (box[:, 0] <= rect.right())
        keep &= (box[:, 3] >= rect.top()) & (box[:, 1] <= rect.bottom())
        idx = idx[keep]
        length = length_all
        idx = idx[:MAX_TIES]
        budget = MAX_TIE_PIXELS // QUICK_SHARE if self._quick else MAX_TIE_PIXELS
        idx = idx[np.cumsum(length[idx]) <= budget]
        if not len(idx):
            return
        which = order[idx]
        a, b = self._ord_a[idx], self._ord_b[idx]
        same = m.group[a] == m.group[b]
        p.save()
        p.resetTransform()
        alpha = int(np.clip(60 - 10 * math.log10(max(len(idx), 10)), 14, 48))
        shared: list[int] = np.unique(m.group[a][same]).tolist()
        for k in [*shared, -1]:
            sel = (same & (m.group[a] == k)) if k >= 0 else ~same
            if not sel.any():
                continue
            if k >= 0 and m.group_names[k] != OTHER:
                colour = QColor(*m.group_colors[k], alpha + 10)
            else:
                colour = qcolor(self.colors["tie"])
                colour.setAlpha(alpha)
            pen = QPen(colour, 1.0)
            pen.setCosmetic(True)
            p.setPen(pen)
            lines = segments(ties, m.xy, m.edges, which[sel])
            self._lines.resize(len(lines))
            arr = self._lines.ndarray()
            arr[:, 0:2] = _apply(tr, lines[:, 0:2])
            arr[:, 2:4] = _apply(tr, lines[:, 2:4])
            p.drawLines(*self._lines.drawargs())
        p.restore()

    def _paint_group_ties(self, p: QPainter, tr: QTransform, s: float) -> None:
        """At overview, the ties between groups as one bundle per pair of groups, as wide
        as they are many (1 to BUNDLE_PX pixels); zoomed in, the ties themselves show."""
        m, gt = self.model, self.group_ties
        r = max((g.outer for g in m.rings), default=0.0)
        if not len(gt.count) or r * s > OVERVIEW_PX or not self.grain:
            return
        shown = np.bincount(m.group[m.visible & (m.degree > 0)], minlength=len(m.group_names))
        both = (shown[gt.a] > 0) & (shown[gt.b] > 0)
        if not both.any():
            return
        pts = gt.curves()[both]
        width = 1.0 + (BUNDLE_PX - 1.0) * np.sqrt(gt.count[both] / gt.count[both].max())
        colour = qcolor(self.colors["tie"])
        colour.setAlpha(60)
        p.save()
        p.resetTransform()
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
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

    def _paint_nodes(self, p: QPainter, tr: QTransform, rect: QRectF, s: float) -> None:
        m, atlas = self.model, self._atlas
        if atlas is None:
            return
        pad = float(m.sizes.max(initial=0)) / s
        xy = m.xy
        order = self._node_order  # outer rings first (set_model)
        # Who the level of detail draws first: zoomed out at 250,000 people that is a
        # small share, and the rest of the work is on them only.
        idx = order[(m.visible & self._drawn(s))[order]] if self.grain else order
        p_xy = xy[idx]
        inside = (
            m.visible[idx]
            & (p_xy[:, 0] >= rect.left() - pad)
            & (p_xy[:, 0] <= rect.right() + pad)
            & (p_xy[:, 1] >= rect.top() - pad)
            & (p_xy[:, 1] <= rect.bottom() + pad)
        )
        idx = idx[inside]
        shrink = np.ones(len(idx))
        if self.grain and len(idx):
            shrink, shown = grain_scale(m, idx, s, self._sample[idx])
            idx, shrink = idx[shown], shrink[shown]
        if not len(idx):
            return
        pts = _apply(tr, xy[idx])
        self._frags.resize(len(idx))
        f = self._frags.ndarray()
        f[:, 0:2] = pts
        f[:, 2:6] = atlas.rects[atlas.style[idx]]
        f[:, 6:10] = (1.0, 1.0, 0.0, 1.0)
        f[:, 6] = shrink
        f[:, 7] = shrink
        p.save()
        p.resetTransform()
        # On PySide the fragments are passed as a pointer to the first one and their count.
        first, count = self._frags.drawargs()
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
    `sample`: `_sample(idx)` if already at hand."""
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
    u = _sample(idx) if sample is None else sample
    shown = ~outer | (u < share)
    return np.where(degree >= 1, scale, 1.0), shown


def _sample(idx: npt.NDArray[np.int64]) -> npt.NDArray[np.float64]:
    """A fixed number in [0, 1) per person, evenly spread over any run of people (a golden
    ratio sequence): who is drawn when only a share of a crowded branch can be. Uniform,
    so that share is what is drawn (weighting the well connected drew most of a branch
    whose people all have many ties, a solid block again)."""
    return np.asarray((idx.astype(np.float64) * 0.6180339887498949) % 1.0, np.float64)


def _occurrence(values: npt.NDArray[np.int32]) -> npt.NDArray[np.int64]:
    """For each item, how many earlier items have the same value (0 for the first)."""
    o = np.argsort(values, kind="stable")
    v = values[o]
    start = np.r_[True, v[1:] != v[:-1]]
    first = np.maximum.accumulate(np.where(start, np.arange(v.size), 0))
    out = np.empty(v.size, np.int64)
    out[o] = np.arange(v.size) - first
    return out


def _shown_degree(m: MapModel, degree: int) -> bool:
    return bool(degree in m.filters.degrees and degree < OTHERS) or (
        degree == OTHERS and OTHERS in m.filters.degrees
    )


def _apply(tr: QTransform, xy: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    out = np.empty_like(xy)
    out[:, 0] = tr.m11() * xy[:, 0] + tr.m21() * xy[:, 1] + tr.dx()
    out[:, 1] = tr.m12() * xy[:, 0] + tr.m22() * xy[:, 1] + tr.dy()
    return out


def _tie_priority(m: MapModel) -> npt.NDArray[np.int64]:
    """Ties in the order the budget keeps them: not your own star (every 1st-degree person
    would be a spoke), inner rings first, then the better connected ends."""
    e = m.edges
    if not len(e):
        return np.zeros(0, np.int64)
    d = m.degree[e].astype(np.int64)
    star = d.min(axis=1) == 0
    score = d.sum(axis=1) * 1e6 - np.minimum(m.ties_count[e[:, 0]], m.ties_count[e[:, 1]])
    order = np.argsort(score, kind="stable")
    kept: npt.NDArray[np.int64] = order[~star[order]]
    return kept


def tie_shapes(m: MapModel) -> Ties:
    """Every tie's drawn shape, bundled along the layout tree when the model has one."""
    depth = np.where(m.degree < OTHERS, m.degree, -1).astype(np.int64)
    parent = getattr(m, "tree_parent", np.zeros(0, np.int64))
    return bundle(m.xy, m.edges, np.asarray(parent, np.int64), depth)
