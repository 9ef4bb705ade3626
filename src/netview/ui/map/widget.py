"""The map widget: a cached canvas of everyone, plus the few things that follow the user.

It draws what a MapModel says and nothing else. The static map (nodes, ties, ring guides)
is one `MapCanvas` item drawn through an image cache; on top live a handful of small items:
the ties of the selected/hovered person, the selection marker and an introduction path.
Every text (names, ring counts, group names, the legend) is placed in one pass and drawn in
the view's foreground, so it is in every screenshot and headless render.
"""

from __future__ import annotations

import logging
import math
from dataclasses import replace
from typing import TYPE_CHECKING

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent, QObject, QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QCursor, QResizeEvent
from PySide6.QtWidgets import QToolTip, QVBoxLayout, QWidget

from netview.services.asof import joined_by
from netview.services.mapping.mapmodel import MapFilters, MapModel
from netview.ui.map.bundles import segments
from netview.ui.map.canvas import MapCanvas
from netview.ui.map.labels import Placed
from netview.ui.map.placement import (
    LEGEND_MARGIN,
    Frame,
    disc_radius,
    fonts,
    legend_rows,
    legend_size,
    place_labels,
)
from netview.ui.map.timebar import date_text
from netview.ui.map.view import THEMES, MapView

if TYPE_CHECKING:  # pyqtgraph has no type hints: this names the type for readers
    from pyqtgraph.GraphicsScene.mouseEvents import MouseClickEvent

log = logging.getLogger(__name__)

MAX_LABELS = 48  # names of people on screen at most, at any zoom
FIT = 0.86  # the disc's diameter as a share of the view's shorter side, at home
PERSON_KINDS = ("you", "selected", "path", "hovered", "person")
LABEL_DENSITY = {"fewer": 0.5, "normal": 1.0, "more": 2.0}
HOVER_RADIUS_PX = 8.0
ANIMATION_STEPS = 8
ANIMATION_MS = 18
__all__ = ["THEMES", "MapView", "MapWidget"]


class MapWidget(QWidget):
    """Shows one MapModel.

    Signals: `person_activated(key)` when the user clicks a person (open their details);
    `selection_changed()` whenever the selected person changes (map, panel or search).
    """

    person_activated = Signal(str)
    selection_changed = Signal()
    model_changed = Signal()  # a new MapModel is shown (a reload or another grouping)
    filters_changed = Signal()  # who is shown changed (a filter, a group hidden)
    not_shown = Signal(str)  # a person asked for is not on the map of the date shown: why

    def __init__(self, parent: QWidget | None = None, *, theme: str = "light") -> None:
        super().__init__(parent)
        self.model = MapModel.empty()
        self.selected: int | None = None
        self.hovered: int | None = None
        self.path: list[int] = []
        self.tooltip = ""
        self.label_density = "normal"
        self.size_by = "strength"
        self.filters = MapFilters()
        self._colors = THEMES["light"]
        self.view = MapView(self, background=str(self._colors["bg"]))
        self.view.setAntialiasing(False)
        self.box = pg.ViewBox(lockAspect=True, enableMenu=False)
        self.box.setBorder(None)
        self.view.setCentralItem(self.box)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)

        self.canvas = MapCanvas()
        self.canvas.setZValue(-5)
        self.box.addItem(self.canvas)
        self.focus_ties = pg.PlotCurveItem(connect="pairs", antialias=True)
        self.focus_ties.setZValue(5)
        self.path_line = pg.PlotCurveItem(antialias=True)
        self.path_line.setZValue(6)
        self.path_nodes = pg.ScatterPlotItem(pxMode=True, size=16, brush=None)
        self.path_nodes.setZValue(7)
        self.marker = pg.ScatterPlotItem(pxMode=True, brush=None, size=20)
        self.marker.setZValue(11)
        for item in (self.focus_ties, self.path_line, self.path_nodes, self.marker):
            self.box.addItem(item, ignoreBounds=True)
        self.view.frame = self.frame
        self._label_timer = QTimer(self, singleShot=True, interval=60)
        self._label_timer.timeout.connect(self.update_labels)
        self.box.sigRangeChanged.connect(self._range_changed)
        # Until the user pans or zooms, the map keeps fitting its widget as docks and the
        # window resize (the first layout settles after the model is already shown).
        self._at_home = True
        self.box.sigRangeChangedManually.connect(self._left_home)
        self._animation = QTimer(self, interval=ANIMATION_MS)
        self._animation.timeout.connect(self._animation_step)
        self._flight: list[tuple[float, float, float]] = []
        scene = self.view.scene()
        scene.sigMouseMoved.connect(self._on_mouse_moved)
        scene.sigMouseClicked.connect(self._on_mouse_clicked)
        # The scene hears no move once the pointer has left the view: without this, the
        # last person under it stayed "hovered", their ties and name drawn on.
        self.view.viewport().installEventFilter(self)
        self.set_theme(theme)

    # --- model and what is shown ----------------------------------------------------------

    def set_model(self, model: MapModel) -> None:
        self.model = model
        self.selected = self.hovered = None
        self.path = []
        # The user's choices outlive a reload of the data.
        if model.size_by != self.size_by:
            model.set_size_by(self.size_by)
        if model.filters != self.filters:
            model.apply_filters(self.filters)
        self.canvas.set_model(model, self._colors)
        self._update_focus()
        self._update_path()
        self.reset_view()
        # Names, counts and the legend in the same paint as the new layout: when the view's
        # range does not change (a new map of the same size), no range signal would redo them.
        self._label_timer.stop()
        self.update_labels()
        self.model_changed.emit()

    def set_filters(self, filters: MapFilters) -> None:
        """Show only the people `filters` let through (the owner always)."""
        self.filters = filters
        self.model.apply_filters(filters)
        if self.selected is not None and not self.model.visible[self.selected]:
            self.selected = None
        self.hovered = None
        self.canvas.invalidate()
        self._update_focus()
        if self._at_home and len(self.model):
            self.reset_view()  # fewer rings shown: the ones left fill the view
        self.update_labels()
        self.filters_changed.emit()

    def set_as_of(self, day: int | None) -> None:
        """The network as it was at the end of `day` (a date ordinal; None: as it is now).

        People are shown and hidden where they already are: a step of the time control is
        one repaint of the canvas and the labels, never a layout (or a change of view).
        """
        if day == self.filters.as_of:
            return
        self.filters = replace(self.filters, as_of=day)
        self.model.apply_filters(self.filters)
        if self.selected is not None and not self.model.visible[self.selected]:
            self.selected = None
        self.hovered = None
        self.canvas.visibility_changed()
        self._update_focus()
        self.update_labels()
        self.filters_changed.emit()

    def set_hidden_keys(self, keys: set[str]) -> None:
        """Hide these people (groups switched off in the groups panel), keeping other filters."""
        self.set_filters(replace(self.filters, hidden=frozenset(keys)))

    def selected_keys(self) -> list[str]:
        """The selected person's key, as a list (what "group from selection" takes)."""
        if self.selected is None or self.selected >= len(self.model.keys):
            return []
        return [self.model.keys[self.selected]]

    def set_size_by(self, mode: str) -> None:
        """Marker sizes by "strength" (to you) or "centrality" (number of ties)."""
        self.model.set_size_by(mode)
        self.size_by = mode
        self.canvas.invalidate()

    def set_rings_visible(self, shown: bool) -> None:
        self.canvas.rings_shown = shown
        self.canvas.invalidate()

    def set_label_density(self, density: str) -> None:
        """ "fewer", "normal" or "more" names at each zoom (never more than MAX_LABELS)."""
        self.label_density = density if density in LABEL_DENSITY else "normal"
        self.update_labels()

    def shown_count(self) -> int:
        return int(self.model.visible.sum())

    def full_range(self) -> QRectF:
        """The map rectangle that fills the widget: the disc of the rings shown takes FIT of
        the shorter side, the rest is room for the names outside it (and the legend)."""
        r = disc_radius(self.model)
        width, height = self.box.width(), self.box.height()
        if width < 80 or height < 80:
            return QRectF(-r, -r, 2 * r, 2 * r)
        scale = FIT * min(width, height) / (2 * r)
        half_w, half_h = width / (2 * scale), height / (2 * scale)
        # Beside a wide view's left edge there is room for the legend: move the disc right
        # of it, keeping at least a third of the free width on the right for names.
        free = width - 2 * r * scale
        left = free / 2
        if len(self.model):
            title, rows = legend_rows(self.model)
            if rows:
                lw = legend_size(title, rows, fonts())[0] + 2 * LEGEND_MARGIN
                left = min(max(left, lw), free * 0.62)
        shift = (left - free / 2) / scale
        return QRectF(-half_w - shift, -half_h, 2 * half_w, 2 * half_h)

    def _home_width(self) -> float:
        """The width of `full_range` (map units), without placing the legend: a step of
        the time control asks for it on every frame, and the legend does not change it."""
        r = disc_radius(self.model)
        width, height = self.box.width(), self.box.height()
        if width < 80 or height < 80:
            return 2 * r
        return float(width * 2 * r / (FIT * min(width, height)))

    def reset_view(self) -> None:
        self._animation.stop()
        self.box.setRange(self.full_range(), padding=0)
        self._at_home = True

    def _left_home(self, *_: object) -> None:
        self._at_home = False

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self._at_home and len(self.model):
            QTimer.singleShot(0, self.reset_view)

    # --- theme -----------------------------------------------------------------------------

    def set_theme(self, theme: str) -> None:
        self._colors = THEMES["dark" if theme == "dark" else "light"]
        self.view.setBackground(str(self._colors["bg"]))
        self.view.set_colors(self._colors)
        # A halo in the background colour keeps the selection's ties and a path readable
        # over the thousands of ties under them.
        halo = QColor(str(self._colors["bg"]))
        halo.setAlpha(190)
        self.focus_ties.setPen(pg.mkPen(self._colors["hi"], width=1.6))
        self.focus_ties.setShadowPen(pg.mkPen(halo, width=4.5))
        self.path_line.setShadowPen(pg.mkPen(halo, width=9))
        self.marker.setPen(pg.mkPen(self._colors["hi"], width=2.5))
        self.path_line.setPen(pg.mkPen(self._colors["path"], width=5))
        self.path_nodes.setPen(pg.mkPen(self._colors["path"], width=3))
        self.canvas.colors = self._colors
        self.canvas.invalidate()
        self.update_labels()

    # --- selection, hover, centring ----------------------------------------------------------

    def select(self, index: int | None) -> None:
        changed = index != self.selected
        self.selected = index
        if self.hovered != index:
            # Chosen elsewhere (search, a panel, a click on empty space): the person last
            # under the pointer, often the one selected before, keeps no ties on the map.
            self.hovered = None
            self.tooltip = ""
        self._update_focus()
        self.update_labels()
        if changed:
            self.selection_changed.emit()

    def select_key(self, key: str, centre: bool = True) -> bool:
        """Select the person with this key (panels call this); False if not on the map.

        Someone hidden by the filters brings their ring back (other filters go) rather than
        fail; but the time control's date stays: a person who joined after it is not on
        the map of that day, and `not_shown` says so (the map's selection is cleared)."""
        index = self.model.index_of(key)
        if index is None:
            return False
        f = self.model.filters
        if not self.model.visible[index] and f.as_of is not None:
            why = self.joined_after(index, f.as_of)
            if why:
                self.select(None)
                self.not_shown.emit(why)
                return False
        if not self.model.visible[index]:
            self.set_filters(MapFilters(f.degrees | {int(self.model.degree[index])}, as_of=f.as_of))
        self.select(index)
        if centre:
            self.centre_on(index)
        return True

    def joined_after(self, index: int, day: int) -> str:
        """Why person `index` is not on the map of `day` ("" when they had joined by then)."""
        m = self.model
        if len(m.since) != len(m) or bool(joined_by(m.since[index : index + 1], day)[0]):
            return ""
        name = m.names[index] or "This person"
        joined = float(m.since[index])
        if math.isnan(joined):
            return (
                f"{name}: when they joined your network is not known, so they are not on "
                f"the map of {date_text(day)}"
            )
        return f"{name} joined {date_text(int(joined))}, after the date shown ({date_text(day)})"

    def fly_to(self, index: int) -> None:
        """Select a person and bring them into view, zoomed in enough to read the names."""
        as_of = self.model.filters.as_of
        if as_of is not None and not self.model.visible[index]:
            why = self.joined_after(index, as_of)
            if why:  # not on the map of the day shown: say so, keep the date
                self.select(None)
                self.not_shown.emit(why)
                return
        self.select(index)
        (x0, x1), _ = self.box.viewRange()
        width = x1 - x0
        close = 60 * self.model.node_size
        self.centre_on(index, zoom=close / width if width > close else 1.0)

    def centre_on(self, index: int, zoom: float = 1.0, animate: bool = True) -> None:
        """Move the view so the person is in the middle (a short glide when `animate`)."""
        self._at_home = False
        x, y = (float(v) for v in self.model.xy[index])
        (x0, x1), (y0, y1) = self.box.viewRange()
        cx, cy, w = (x0 + x1) / 2, (y0 + y1) / 2, x1 - x0
        steps = ANIMATION_STEPS if animate else 1
        self._flight = []
        for k in range(1, steps + 1):
            t = k / steps
            t = t * t * (3 - 2 * t)  # ease in and out
            scale = math.exp(math.log(zoom) * t)
            self._flight.append((cx + (x - cx) * t, cy + (y - cy) * t, w * scale))
        self._animation.start()
        if not animate:
            self._animation_step()

    def _animation_step(self) -> None:
        if not self._flight:
            self._animation.stop()
            return
        x, y, w = self._flight.pop(0)
        (x0, x1), (y0, y1) = self.box.viewRange()
        h = (y1 - y0) * w / max(x1 - x0, 1e-12)
        self.box.setRange(QRectF(x - w / 2, y - h / 2, w, h), padding=0)
        if not self._flight:
            self._animation.stop()

    def animating(self) -> bool:
        return self._animation.isActive()

    def _update_focus(self) -> None:
        m = self.model
        e = m.edges
        mine = np.zeros(len(e), np.bool_)
        for index in (self.selected, self.hovered):
            if index is not None and len(e):
                mine |= (e[:, 0] == index) | (e[:, 1] == index)
        if len(e):
            mine &= m.visible[e[:, 0]] & m.visible[e[:, 1]]
        # The same curves as in the map, along the tree, drawn over it with a halo.
        lines = segments(self.canvas.ties, m.xy, e, np.flatnonzero(mine))
        pts = lines.reshape(-1, 2)
        self.focus_ties.setData(x=pts[:, 0], y=pts[:, 1])
        # Hidden while empty: an empty scatter still costs a millisecond or two per frame.
        self.focus_ties.setVisible(len(pts) > 0)
        self.marker.setVisible(self.selected is not None)
        if self.selected is not None:
            self.marker.setData(pos=m.xy[[self.selected]])
        else:
            self.marker.clear()

    def index_at(self, scene_pos: QPointF) -> int | None:
        if not self.box.sceneBoundingRect().contains(scene_pos):
            return None
        p = self.box.mapSceneToView(scene_pos)
        px = self.box.viewPixelSize()[0]
        return self.model.nearest(p.x(), p.y(), HOVER_RADIUS_PX * px)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Leave and self.hovered is not None:
            self.hovered = None
            self.tooltip = ""
            self._update_focus()
            self.update_labels()
        return super().eventFilter(watched, event)

    def _on_mouse_moved(self, scene_pos: QPointF) -> None:
        index = self.index_at(scene_pos)
        if index == self.hovered:
            return
        self.hovered = index
        self._update_focus()
        self.update_labels()
        self.tooltip = self.model.describe(index) if index is not None else ""
        if index is None:
            QToolTip.hideText()
        else:
            QToolTip.showText(QCursor.pos(), self.tooltip, self.view)

    def _on_mouse_clicked(self, event: MouseClickEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            return
        index = self.index_at(event.scenePos())
        if event.double():
            if index is not None:
                self.centre_on(index)
            return
        self.select(index)
        if index is not None:
            self.person_activated.emit(self.model.keys[index])

    # --- introduction paths ----------------------------------------------------------------

    def show_path(self, keys: list[str]) -> list[int]:
        """Draw a chosen introduction path (you → … → them) bold, with everyone named."""
        found = [self.model.index_of(k) for k in keys]
        self.path = [i for i in found if i is not None]
        if len(self.path) < len(keys):
            log.warning(
                "path: %d of %d people are not on the map", len(keys) - len(self.path), len(keys)
            )
        self._update_path()
        self.update_labels()
        return self.path

    def clear_path(self) -> None:
        self.path = []
        self._update_path()
        self.update_labels()

    def _update_path(self) -> None:
        if len(self.path) < 2:
            self.path_line.setData(x=[], y=[])
            self.path_nodes.clear()
            self.path_nodes.hide()
            self.path_line.hide()
            return
        pts = self.model.xy[self.path]
        self.path_line.setData(x=pts[:, 0], y=pts[:, 1])
        self.path_nodes.setData(pos=pts)
        self.path_nodes.show()
        self.path_line.show()

    # --- labels ----------------------------------------------------------------------------

    def frame(self) -> Frame | None:
        """How map units fall on the view's pixels now (None before the first layout)."""
        vt = self.view.viewportTransform()
        p0 = vt.map(self.box.mapViewToScene(QPointF(0.0, 0.0)))
        p1 = vt.map(self.box.mapViewToScene(QPointF(1.0, 0.0)))
        scale = p1.x() - p0.x()
        if not scale > 0:
            return None
        vp = self.view.viewport()
        return Frame(float(vp.width()), float(vp.height()), scale, p0.x(), p0.y())

    def _range_changed(self, *_: object) -> None:
        self._label_timer.start()
        self.view.viewport().update()  # anchored texts follow the map at once

    def label_budget(self) -> int:
        """How many people may be named: more as the user zooms in (never MAX_LABELS+)."""
        (x0, x1), _ = self.box.viewRange()
        zoom = self._home_width() / max(x1 - x0, 1e-9)  # 1 with the whole map in view
        wanted = max(8, 12 * zoom * zoom) * LABEL_DENSITY[self.label_density]
        return int(min(MAX_LABELS, wanted))

    def update_labels(self) -> None:
        """Place every text of the map afresh (one pass: see placement.py)."""
        frame = self.frame()
        if frame is None or not len(self.model):
            self.view.placed = []
        else:
            self.view.placed = place_labels(
                self.model,
                frame,
                selected=self.selected,
                hovered=self.hovered,
                path=self.path,
                budget=self.label_budget(),
                rings_shown=self.canvas.rings_shown,
            )
        self.view.viewport().update()

    def set_labels_shown(self, shown: bool) -> None:
        """Show or hide every text (tests look at the bare pixels under them)."""
        self.view.labels_shown = shown
        self.view.viewport().update()

    # --- helpers for tests and the renderer --------------------------------------------------

    def visible_labels(self) -> list[str]:
        """Names of people on screen now."""
        return [lbl.text for lbl in self.view.current() if lbl.kind in PERSON_KINDS]

    def drawn_labels(self) -> list[Placed]:
        """Every text on screen now, where it is drawn (pixels of the widget)."""
        return self.view.current()
