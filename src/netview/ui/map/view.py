"""The map's graphics view, whose foreground holds every text of the map.

Texts are placed in view pixels once the view rests (placement.py); while the user pans or
zooms each text anchored to the map follows its anchor and the legend stays in its corner.
On screen the texts are painted once into a transparent layer and each frame copies every
text's pixels from it to where the text is now: a frame costs a few small blits, however
many rounded, antialiased boxes there are. Files (PNG, SVG) get the texts drawn directly,
as vectors in an SVG.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QImage, QPainter
from PySide6.QtWidgets import QWidget

from netview.ui.map.labels import Placed
from netview.ui.map.placement import ROW_PAD, Frame, fonts

# A theme colour is a "#rrggbb" name or an (r, g, b, a) tuple.
Colour = str | tuple[int, int, int, int]
ThemeColours = dict[str, Colour]

THEMES: dict[str, ThemeColours] = {
    "light": {
        "bg": "#fbfbfa",
        "ring": (0, 0, 0, 45),
        "band": (0, 0, 0, 9),
        "text": "#3a3a3c",
        "tie": (70, 70, 70, 30),
        "hi": (215, 50, 30, 220),
        "path": (200, 30, 120, 235),
        "label": "#1d1d1f",
    },
    "dark": {
        "bg": "#1c1d20",
        "ring": (255, 255, 255, 55),
        "band": (255, 255, 255, 10),
        "text": "#d0d0d0",
        "tie": (220, 220, 220, 30),
        "hi": (255, 140, 90, 230),
        "path": (255, 110, 200, 240),
        "label": "#f2f2f2",
    },
}


def qcolor(value: Colour) -> QColor:
    return QColor(value) if isinstance(value, str) else QColor(*value)


class MapView(pg.GraphicsView):  # type: ignore[misc]  # pyqtgraph has no type hints
    """The graphics view; `placed` are the texts of the last placement pass."""

    def __init__(self, parent: QWidget, background: str) -> None:
        super().__init__(parent, background=background)
        self._placed: list[Placed] = []
        self.labels_shown = True
        self.cache_text = True  # False for files: texts drawn as vectors
        self.colors: ThemeColours = THEMES["light"]
        self.frame: Callable[[], Frame | None] = lambda: None
        self._layer: QImage | None = None
        self._blits: list[tuple[tuple[float, float] | None, float, float, QRectF]] = []

    @property
    def placed(self) -> list[Placed]:
        return self._placed

    @placed.setter
    def placed(self, labels: list[Placed]) -> None:
        self._placed = labels
        self._layer = None

    def set_colors(self, colors: ThemeColours) -> None:
        self.colors = colors
        self._layer = None

    def current(self) -> list[Placed]:
        """The texts where they are drawn now (moved with the map since they were placed)."""
        frame = self.frame()
        if frame is None or not self.labels_shown:
            return []
        return [self._moved(label, frame) for label in self._placed]

    @staticmethod
    def _moved(label: Placed, frame: Frame) -> Placed:
        if label.anchor is None:
            return label
        p = frame.px(*label.anchor)
        dx, dy = p.x() - label.anchor_px.x(), p.y() - label.anchor_px.y()
        return replace(label, rect=label.rect.translated(dx, dy), anchor_px=p)

    def drawForeground(self, painter: QPainter, rect: QRectF) -> None:
        frame = self.frame()
        if frame is None or not self.labels_shown or not self._placed:
            return
        painter.save()
        painter.resetTransform()
        if not self.cache_text:
            self.paint_labels(painter, self.current())
            painter.restore()
            return
        dpr = self.devicePixelRatioF()
        if self._layer is None or self._layer.devicePixelRatioF() != dpr:
            self._layer = self._paint_layer(dpr)
            self._blits = [self._blit(label, dpr) for label in self._placed]
        layer, s, ox, oy = self._layer, frame.scale, frame.ox, frame.oy
        # Each text's pixels, copied unscaled to where its anchor is now.
        for anchor, dx, dy, source in self._blits:
            if anchor is None:
                painter.drawImage(QPointF(dx, dy), layer, source)
            else:
                painter.drawImage(
                    QPointF(ox + s * anchor[0] + dx, oy - s * anchor[1] + dy), layer, source
                )
        painter.restore()

    @staticmethod
    def _blit(label: Placed, dpr: float) -> tuple[tuple[float, float] | None, float, float, QRectF]:
        """(anchor, offset of the box's corner from the anchor's pixel, source in the layer)."""
        box = label.rect.adjusted(-1, -1, 1, 1)
        source = QRectF(box.x() * dpr, box.y() * dpr, box.width() * dpr, box.height() * dpr)
        if label.anchor is None:
            return None, box.x(), box.y(), source
        return label.anchor, box.x() - label.anchor_px.x(), box.y() - label.anchor_px.y(), source

    def _paint_layer(self, dpr: float) -> QImage:
        size = self.viewport().size()
        image = QImage(
            max(1, round(size.width() * dpr)),
            max(1, round(size.height() * dpr)),
            QImage.Format.Format_ARGB32_Premultiplied,
        )
        image.setDevicePixelRatio(dpr)
        image.fill(0)
        p = QPainter(image)
        self.paint_labels(p, self._placed)
        p.end()
        return image

    def paint_labels(self, painter: QPainter, labels: list[Placed]) -> None:
        """Draw `labels` where their rectangles say, as vectors."""
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        # Our labels are English sentences around a name ("محمد منصور's circle · 21,188"):
        # left to right as a whole, the name's own script keeping its direction inside. Left
        # to guess from the first letter, Qt would turn the whole label right to left.
        painter.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        f = fonts()
        text = QColor(str(self.colors["text"]))
        strong = QColor(str(self.colors["label"]))
        bg = QColor(str(self.colors["bg"]))
        for label in labels:
            box = label.rect
            if label.kind == "legend":
                self._draw_legend(painter, label, f, text, bg)
                continue
            fill = QColor(bg)
            fill.setAlpha(200 if label.kind in ("person", "ring") else 230)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(fill)
            painter.drawRoundedRect(box, 4, 4)
            if label.kind in ("group", "subgroup"):
                painter.setFont(f["group"])
                painter.setBrush(QColor(*label.colour) if label.colour else fill)
                painter.drawEllipse(QPointF(box.left() + 9, box.center().y()), 4.5, 4.5)
                painter.setPen(text)
                inner = box.adjusted(18, 0, 0, 0)
                painter.drawText(inner, Qt.AlignmentFlag.AlignVCenter, label.text)
                continue
            painter.setFont(f["bold"] if label.bold else f["person"])
            painter.setPen(text if label.kind == "ring" else strong)
            painter.drawText(box, Qt.AlignmentFlag.AlignCenter, label.text)

    def _draw_legend(
        self, painter: QPainter, label: Placed, f: dict[str, QFont], text: QColor, bg: QColor
    ) -> None:
        box = label.rect
        fill = QColor(bg)
        fill.setAlpha(225)
        painter.setPen(qcolor(self.colors["ring"]))
        painter.setBrush(fill)
        painter.drawRoundedRect(box, 6, 6)
        line = QFontMetricsF(f["legend"]).height() + ROW_PAD
        painter.setFont(f["title"])
        painter.setPen(text)
        # (the flags overload: the one taking a QTextOption guesses the direction itself)
        top_left = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop
        painter.drawText(
            QRectF(box.left() + 8, box.top() + 5, box.width() - 8, line), top_left, label.text
        )
        painter.setFont(f["legend"])
        for k, (name, rgb) in enumerate(label.rows, start=1):
            y = box.top() + 5 + k * line
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(*rgb) if rgb else text)
            painter.drawEllipse(QPointF(box.left() + 14, y + line / 2), 5, 5)
            painter.setPen(text)
            painter.drawText(QRectF(box.left() + 26, y, box.width() - 26, line), top_left, name)
