"""The docks' float and close buttons, drawn in the theme's text colour.

Fusion draws them from fixed dark pixmaps, nearly invisible on the dark theme's title bars;
these icons are painted in the palette's WindowText colour instead, on every theme change.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPalette, QPen, QPixmap
from PySide6.QtWidgets import QAbstractButton, QApplication, QDockWidget

SIZE = 16  # px, scaled by the button as Fusion's own are


def _icon(kind: str, color: QColor) -> QIcon:
    pixmap = QPixmap(SIZE * 2, SIZE * 2)  # drawn at 2x: sharp on high-DPI screens
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QPen(color, 2.6))
    if kind == "close":
        painter.drawLine(QPointF(9, 9), QPointF(23, 23))
        painter.drawLine(QPointF(23, 9), QPointF(9, 23))
    else:  # float: two overlapping windows
        painter.drawRect(QRectF(12, 7, 13, 11))
        painter.drawRect(QRectF(7, 13, 13, 11))
    painter.end()
    pixmap.setDevicePixelRatio(2.0)
    return QIcon(pixmap)


def tint(docks: Iterable[QDockWidget]) -> None:
    """Give each dock's float and close buttons icons in the theme's text colour."""
    # The application's palette: the docks' own catch up only when their events run.
    color = QApplication.palette().color(QPalette.ColorRole.WindowText)
    for dock in docks:
        for button in dock.findChildren(QAbstractButton):
            name = button.objectName()
            if name == "qt_dockwidget_closebutton":
                button.setIcon(_icon("close", color))
            elif name == "qt_dockwidget_floatbutton":
                button.setIcon(_icon("float", color))
