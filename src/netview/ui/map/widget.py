"""The map widget: nodes, ties with level of detail, ring guides, a few labels.

It draws what a MapModel says and nothing else. To stay smooth at tens of thousands of
people on a software renderer it keeps the number of scene items small and fixed: one
scatter for all nodes, one path of faded background ties (a bounded sample), one path for
the ties of the selected/hovered person, a handful of ring guides and a small pool of
label items reused as the view moves.
"""

from __future__ import annotations

import logging

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QCursor, QFont, QPen
from PySide6.QtWidgets import QGraphicsEllipseItem, QToolTip, QVBoxLayout, QWidget

from netview.services.mapmodel import OTHERS, RING_NAMES, RING_RADII, MapModel

log = logging.getLogger(__name__)

MAX_BACKGROUND_TIES = 3000
MAX_LABELS = 40
HOVER_RADIUS_PX = 8.0

THEMES = {
    "light": {
        "bg": "#fbfbfa",
        "ring": (0, 0, 0, 40),
        "text": "#333333",
        "tie": (60, 60, 60, 22),
        "hi": (215, 60, 40, 200),
        "label": "#1d1d1f",
    },
    "dark": {
        "bg": "#1c1d20",
        "ring": (255, 255, 255, 45),
        "text": "#c8c8c8",
        "tie": (220, 220, 220, 20),
        "hi": (255, 140, 90, 210),
        "label": "#f2f2f2",
    },
}


def background_ties(model: MapModel, limit: int = MAX_BACKGROUND_TIES) -> np.ndarray:
    """A bounded sample of ties worth drawing faded: not the owner's star, inner rings first."""
    edges = model.edges
    if not len(edges):
        return edges
    deg = model.degree[edges]
    keep = (deg.min(axis=1) > 0) & (deg.max(axis=1) < OTHERS)
    edges = edges[keep]
    if len(edges) <= limit:
        return edges
    score = -(model.degree[edges].astype(np.int64).sum(axis=1) * 1_000_000) + np.minimum(
        model.importance[edges[:, 0]], model.importance[edges[:, 1]]
    ).astype(np.int64)
    return edges[np.argsort(-score, kind="stable")[:limit]]


def _segments(xy: np.ndarray, edges: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    pts = xy[edges.reshape(-1)]
    return pts[:, 0], pts[:, 1]


class MapWidget(QWidget):
    """Shows one MapModel; emits `person_selected(person_id)` (-1 when cleared)."""

    person_selected = Signal(int)

    def __init__(self, parent: QWidget | None = None, *, theme: str = "light") -> None:
        super().__init__(parent)
        self.model = MapModel.empty()
        self.selected: int | None = None
        self.hovered: int | None = None
        self._colors = THEMES["light"]
        self.view = pg.GraphicsView(self, background=self._colors["bg"])
        self.view.setAntialiasing(False)
        self.box = pg.ViewBox(lockAspect=True, enableMenu=False)
        self.box.setBorder(None)
        self.view.setCentralItem(self.box)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)

        self.rings: list[QGraphicsEllipseItem] = []
        self.ring_labels: list[pg.TextItem] = []
        self.ties = pg.PlotCurveItem(connect="pairs", antialias=False)
        self.ties.setZValue(-5)
        self.focus_ties = pg.PlotCurveItem(connect="pairs", antialias=True)
        self.focus_ties.setZValue(5)
        self.nodes = pg.ScatterPlotItem(pxMode=True, pen=None, antialias=True, hoverable=False)
        self.nodes.setZValue(10)
        self.marker = pg.ScatterPlotItem(pxMode=True, brush=None, size=18)
        self.marker.setZValue(11)
        for item in (self.ties, self.focus_ties, self.nodes, self.marker):
            self.box.addItem(item)
        self.labels: list[pg.TextItem] = []
        for _ in range(MAX_LABELS):
            label = pg.TextItem(anchor=(0, 0.5))
            label.setZValue(20)
            label.hide()
            self.box.addItem(label, ignoreBounds=True)
            self.labels.append(label)
        self._label_timer = QTimer(self, singleShot=True, interval=60)
        self._label_timer.timeout.connect(self.update_labels)
        self.box.sigRangeChanged.connect(lambda *_: self._label_timer.start())
        scene = self.view.scene()
        scene.sigMouseMoved.connect(self._on_mouse_moved)
        scene.sigMouseClicked.connect(self._on_mouse_clicked)
        self.set_theme(theme)

    # --- model -----------------------------------------------------------------------

    def set_model(self, model: MapModel) -> None:
        self.model = model
        self.selected = self.hovered = None
        vis = model.visible
        # Sizes are quantised so the scatter's symbol atlas stays small (one per style).
        sizes = np.round(model.sizes[vis] * 2) / 2
        brushes = self._brushes(model.colors[vis])
        self.nodes.setData(
            pos=model.xy[vis], size=sizes, brush=brushes, pen=None, data=np.flatnonzero(vis)
        )
        bg = background_ties(model)
        x, y = _segments(model.xy, bg)
        self.ties.setData(x=x, y=y)
        self._draw_rings()
        self._update_focus()
        self.reset_view()

    @staticmethod
    def _brushes(colors: np.ndarray) -> list[pg.QtGui.QBrush]:
        # One QBrush per distinct colour, shared by every node that has it.
        keys = colors.view(np.uint32).reshape(-1) if len(colors) else np.zeros(0, np.uint32)
        uniq, inverse = np.unique(keys, return_inverse=True)
        table = []
        for k in uniq:
            r, g, b, a = np.array([k], np.uint32).view(np.uint8)
            table.append(pg.mkBrush(int(r), int(g), int(b), int(a)))
        return [table[i] for i in inverse.reshape(-1)]

    def reset_view(self) -> None:
        counts = self.model.degree_counts()
        outer = max((d for d in (1, 2, 3) if counts.get(d)), default=1)
        r = RING_RADII[outer] + 0.45
        self.box.setRange(QRectF(-r, -r, 2 * r, 2 * r), padding=0.02)

    # --- theme -----------------------------------------------------------------------

    def set_theme(self, theme: str) -> None:
        self._colors = THEMES["dark" if theme == "dark" else "light"]
        self.view.setBackground(self._colors["bg"])
        self.ties.setPen(pg.mkPen(self._colors["tie"], width=1))
        self.focus_ties.setPen(pg.mkPen(self._colors["hi"], width=1.4))
        self.marker.setPen(pg.mkPen(self._colors["hi"], width=2))
        self._draw_rings()
        self.update_labels()

    def _draw_rings(self) -> None:
        for item in (*self.rings, *self.ring_labels):
            self.box.removeItem(item)
        self.rings, self.ring_labels = [], []
        counts = self.model.degree_counts()
        pen = QPen(QColor(*self._colors["ring"]))
        pen.setCosmetic(True)
        pen.setStyle(Qt.PenStyle.DashLine)
        font = QFont()
        font.setPointSizeF(9)
        for d in (1, 2, 3):
            if not counts.get(d):
                continue
            r = RING_RADII[d]
            ring = QGraphicsEllipseItem(-r, -r, 2 * r, 2 * r)
            ring.setPen(pen)
            ring.setZValue(-10)
            self.box.addItem(ring, ignoreBounds=True)
            text = pg.TextItem(
                f"{RING_NAMES[d]} · {counts[d]:,}",
                color=self._colors["text"],
                anchor=(0.5, 0.5),
                fill=pg.mkBrush(self._colors["bg"]),
            )
            text.setFont(font)
            text.setPos(0, r)
            text.setZValue(-9)
            self.box.addItem(text, ignoreBounds=True)
            self.rings.append(ring)
            self.ring_labels.append(text)

    # --- focus: selection and hover ----------------------------------------------------

    def select(self, index: int | None) -> None:
        self.selected = index
        self._update_focus()
        self.update_labels()
        pid = int(self.model.person_ids[index]) if index is not None else -1
        self.person_selected.emit(pid)

    def _update_focus(self) -> None:
        m = self.model
        parts = []
        for index in (self.selected, self.hovered):
            if index is not None:
                nbrs = m.ties_of(index)
                nbrs = nbrs[m.visible[nbrs]]
                parts.append(np.column_stack([np.full(len(nbrs), index), nbrs]))
        edges = np.concatenate(parts) if parts else np.zeros((0, 2), np.int64)
        x, y = _segments(m.xy, edges)
        self.focus_ties.setData(x=x, y=y)
        if self.selected is not None:
            self.marker.setData(pos=m.xy[[self.selected]])
        else:
            self.marker.clear()

    def _index_at(self, scene_pos: QPointF) -> int | None:
        if not self.box.sceneBoundingRect().contains(scene_pos):
            return None
        p = self.box.mapSceneToView(scene_pos)
        px = self.box.viewPixelSize()[0]
        return self.model.nearest(p.x(), p.y(), HOVER_RADIUS_PX * px)

    def _on_mouse_moved(self, scene_pos: QPointF) -> None:
        index = self._index_at(scene_pos)
        if index == self.hovered:
            return
        self.hovered = index
        self._update_focus()
        self.update_labels()
        if index is None:
            QToolTip.hideText()
        else:
            QToolTip.showText(QCursor.pos(), self.model.describe(index), self.view)

    def _on_mouse_clicked(self, event: object) -> None:
        button = event.button()  # type: ignore[attr-defined]
        if button != Qt.MouseButton.LeftButton:
            return
        self.select(self._index_at(event.scenePos()))  # type: ignore[attr-defined]

    # --- labels ------------------------------------------------------------------------

    def label_indices(self) -> list[int]:
        """Who gets a label: selected, hovered, then the most connected in view, more as
        the user zooms in, never overlapping and never more than MAX_LABELS."""
        m = self.model
        if not len(m):
            return []
        (x0, x1), (y0, y1) = self.box.viewRange()
        px = max(self.box.viewPixelSize()[0], 1e-12)
        zoom = 1.0 / max(x1 - x0, 1e-9) * 8.0  # ~1 when the whole map is in view
        budget = int(min(MAX_LABELS, max(6, 10 * zoom * zoom)))
        picked: list[int] = []
        taken: set[tuple[int, int]] = set()
        cell_w, cell_h = 140 * px, 18 * px  # a label's footprint in map units

        def claim(i: int, force: bool = False) -> None:
            x, y = m.xy[i]
            cell = (int(x // cell_w), int(y // cell_h))
            near = {(cell[0] + dx, cell[1] + dy) for dx in (-1, 0, 1) for dy in (-1, 0, 1)}
            if not force and near & taken:
                return
            taken.add(cell)
            picked.append(i)

        for i in (self.selected, self.hovered):
            if i is not None and i not in picked:
                claim(i, force=True)
        order = m.label_order()
        xs, ys = m.xy[order, 0], m.xy[order, 1]
        inside = order[(xs >= x0) & (xs <= x1) & (ys >= y0) & (ys <= y1)]
        for i in inside[: budget * 6]:
            if len(picked) >= budget:
                break
            if int(i) not in picked:
                claim(int(i))
        return picked

    def update_labels(self) -> None:
        picked = self.label_indices() if hasattr(self, "model") else []
        color = self._colors["label"]
        bold = QFont()
        bold.setBold(True)
        for label, i in zip(self.labels, picked, strict=False):
            m = self.model
            text = m.names[i] or "(no name)"
            if m.degree[i] == 0:
                text = f"{text} (you)"
            label.setText(text, color=color)
            label.setFont(bold if i in (self.selected, self.hovered) else QFont())
            label.setPos(float(m.xy[i, 0]), float(m.xy[i, 1]))
            label.setAnchor((-0.08, 0.5))
            label.show()
            # A label first shown while the map was hidden keeps a stale transform until
            # its next paint; place it now so the very next frame is right.
            label.updateTransform(force=True)
        for label in self.labels[len(picked) :]:
            label.hide()

    # --- helpers for tests and the renderer ----------------------------------------------

    def visible_labels(self) -> list[str]:
        return [lbl.toPlainText() for lbl in self.labels if lbl.isVisible()]
