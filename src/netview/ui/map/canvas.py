"""The static part of the map drawn once into an image and blitted while the user pans.

Nodes, background ties and ring guides change only when the model, the filters or the
theme change, so `MapCanvas` paints them (painting.py) into an image covering the view plus
a margin at the current zoom. Panning blits that image (a few milliseconds whatever the
number of people); zooming shows it scaled, and once the view rests the image at the new
level of detail is drawn in a worker and swapped in with one paint: the UI thread never
spends a redraw on a zoom (up to 200 ms at 100,000 people), and the previous image stays on
screen until the new one is whole. A newer zoom cancels a build still running. Only leaving
the margin, a new model, theme or filter redraw on the UI thread (there is nothing to show
meanwhile). Drawing is itself bounded: nodes outside the image are culled, ties are drawn up
to a budget (strongest/innermost first) and nodes are stamped from a sprite atlas in one call.
"""

from __future__ import annotations

import logging
import math

import numpy as np
import numpy.typing as npt
import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF, QTimer, Signal
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QStyleOptionGraphicsItem, QWidget

from netview.core.errors import Cancelled
from netview.services.mapping.mapmodel import OTHER, OTHERS, MapModel
from netview.ui.map import painting
from netview.ui.map.bundles import GroupBundles, Ties, bundle, group_bundles
from netview.ui.map.painting import Cached, RingLayers, Scene, SpriteAtlas, even_sample
from netview.ui.map.view import ThemeColours
from netview.ui.workers import Task, Workers

log = logging.getLogger(__name__)

REDRAW_DELAY_MS = 120  # after a zoom, redraw sharp once the view rests this long
FAN = 48  # ties drawn into any one person at most


class MapCanvas(pg.GraphicsObject):  # type: ignore[misc]  # pyqtgraph has no type hints
    """Draws a MapModel's nodes, ties and rings through an image cache.

    `drawn` follows each time an image drawn afresh is shown (not when the cached one is).
    `threaded`: build the image for a new level of detail in a worker (False: on the UI
    thread, as before; benchmarks compare the two).
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
        self.threaded = True
        self._cache: Cached | None = None
        self._atlas: SpriteAtlas | None = None
        self._bounds = QRectF()
        self._tie_order = np.zeros(0, np.int64)
        self._fan_ok = np.zeros(0, np.bool_)
        self._ord_a = self._ord_b = np.zeros(0, np.int64)
        self._ord_box = np.zeros((0, 4))
        self._ord_length = np.zeros(0)
        self._sample = np.zeros(0)
        self.group_ties = group_bundles(
            np.zeros((0, 2)),
            np.zeros((0, 2), np.int32),
            np.zeros(0, np.int32),
            np.zeros(0, np.int8),
            -1,
        )
        self._shown_ties: tuple[npt.NDArray[np.bool_], GroupBundles] | None = None
        self._node_order = np.zeros(0, np.int64)
        self.ring_layers = RingLayers()
        self.ties = Ties.empty()
        self._timer = QTimer(singleShot=True, interval=REDRAW_DELAY_MS)
        self._timer.timeout.connect(self.redraw_later)
        self._quick = False  # the time control is moving: a smaller tie budget
        # Off the UI thread: one build at a time (a newer one cancels the older).
        self.workers = Workers(self)
        self.workers.reads.setMaxThreadCount(1)
        self._generation = 0  # bumped whenever what an image shows changes
        self._wanted = False  # the view rests: build its image on the next paint
        self._building: tuple[Task, float] | None = None  # the build running, its scale

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
        self._sample = even_sample(np.arange(len(model), dtype=np.int64))
        grey = model.group_names.index(OTHER) if OTHER in model.group_names else -1
        self.group_ties = group_bundles(model.xy, model.edges, model.group, model.degree, grey)
        self._shown_ties = None
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
        self._forget()
        self._quick = False
        self.update()

    def visibility_changed(self) -> None:
        """Only who is visible changed (a step of the time control): the sprites stay, and
        while steps follow each other the ties are drawn to 1/QUICK_SHARE of the budget (the
        same shortest ties first), the full picture once the slider rests, as after a zoom."""
        if self._atlas is None:
            self.invalidate()
            return
        self._forget()
        self._quick = not self.exact  # a file is drawn in full
        self._timer.start()
        self.update()

    def _forget(self) -> None:
        """What the cached image shows is out of date: it and any build under way go."""
        self._generation += 1
        self._cache = None
        self._wanted = False
        self._cancel_build()

    def _cancel_build(self) -> None:
        if self._building is not None:
            self._building[0].cancel()
            self._building = None

    def building(self) -> bool:
        """A sharper image is on its way (the zoom rested; it is being drawn)."""
        return self._building is not None or self._wanted or self._timer.isActive()

    def wait_built(self, seconds: float) -> bool:
        """Block until the build under way is drawn (benchmarks and tests; its result is
        then waiting in the event queue). True when none is left running."""
        building = self._building
        return building is None or building[0].done.wait(seconds)

    def boundingRect(self) -> QRectF:
        return self._bounds

    def scene_now(self) -> Scene:
        """What an image drawn now shows (painting.Scene: gathered, not copied)."""
        return Scene(
            model=self.model,
            visible=self.model.visible,
            colors=dict(self.colors),
            rings_shown=self.rings_shown,
            grain=self.grain,
            quick=self._quick,
            atlas=self._atlas,
            ties=self.ties,
            tie_order=self._tie_order,
            fan_ok=self._fan_ok,
            ord_a=self._ord_a,
            ord_b=self._ord_b,
            ord_box=self._ord_box,
            ord_length=self._ord_length,
            sample=self._sample,
            group_ties=self.shown_group_ties(),
            node_order=self._node_order,
            bounds=QRectF(self._bounds),
            rings=self.ring_layers,
        )

    def shown_group_ties(self) -> GroupBundles:
        """The bundles between groups of the people shown (the map of a date, a filter):
        made once per visible set, the whole network's when everyone is shown."""
        m = self.model
        if m.visible.all():
            return self.group_ties
        kept = self._shown_ties
        if kept is None or kept[0] is not m.visible:
            grey = m.group_names.index(OTHER) if OTHER in m.group_names else -1
            ties = group_bundles(m.xy, m.edges, m.group, m.degree, grey, shown=m.visible)
            kept = self._shown_ties = (m.visible, ties)
        return kept[1]

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
        # Nothing to show for this view (or a file, which is drawn exactly): draw it now.
        now = (
            c is None
            or not c.rect.contains(view.intersected(self._bounds))
            or (not same_scale and self.exact)
        )
        under_way = self._building is not None and self._building[1] == scale
        if not now and self._wanted:
            self._wanted = False
            stale = not same_scale or (c is not None and c.quick != self._quick)
            if stale and not under_way:
                if self.threaded:
                    self._build(view, scale, dpr)
                else:
                    now = True
        elif not now and not same_scale and not under_way:
            # Zooming: show the scaled image now, draw it afresh when the view rests. A
            # build for an earlier zoom would be of the wrong scale: it stops.
            self._cancel_build()
            self._timer.start()
        if now:
            self._cancel_build()
            self._wanted = False
            c = self._cache = painting.draw(self.scene_now(), view, scale, dpr)
            self.drawn.emit()
            same_scale = True
        assert c is not None
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
        """The view rests (after a zoom or a step of the time control): the image at the new
        level of detail is wanted; the next paint asks for it."""
        self._timer.stop()  # when called directly (benchmarks, tests)
        self._quick = False
        self._wanted = True
        self.update()

    def _build(self, view: QRectF, scale: float, dpr: float) -> None:
        """Draw the image for this view in a worker; until it is in, the current one shows."""
        self._cancel_build()
        generation = self._generation

        def done(cached: object) -> None:
            if self._building is None or self._building[0] is not task:
                return  # superseded by a newer zoom, a new model or filter
            self._building = None
            if generation != self._generation or not isinstance(cached, Cached):
                return
            self._cache = cached
            self.drawn.emit()
            self.update()

        def failed(exc: BaseException) -> bool:
            if self._building is not None and self._building[0] is task:
                self._building = None
                if not isinstance(exc, Cancelled):
                    # Never a stale map: draw it on the UI thread instead.
                    log.error("map: drawing in the background failed", exc_info=exc)
                    if self._cache is not None:
                        self._cache.rect = QRectF()
                    self.update()
            return True

        task = self.workers.run(
            "map detail",
            painting.draw,
            self.scene_now(),
            QRectF(view),
            scale,
            dpr,
            on_result=done,
            on_error=failed,
        )
        self._building = (task, scale)


def _occurrence(values: npt.NDArray[np.int32]) -> npt.NDArray[np.int64]:
    """For each item, how many earlier items have the same value (0 for the first)."""
    o = np.argsort(values, kind="stable")
    v = values[o]
    start = np.r_[True, v[1:] != v[:-1]]
    first = np.maximum.accumulate(np.where(start, np.arange(v.size), 0))
    out = np.empty(v.size, np.int64)
    out[o] = np.arange(v.size) - first
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
