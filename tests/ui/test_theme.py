"""One theme for the whole window: docks, panels, menus, dialogs and the map alike."""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPalette
from PySide6.QtWidgets import QApplication, QDockWidget, QMessageBox

from netview.ui.main_window import MainWindow
from netview.ui.theme import apply_theme


@pytest.fixture(autouse=True)
def _back_to_light() -> Iterator[None]:
    yield
    QGuiApplication.styleHints().unsetColorScheme()
    apply_theme("light")


def _lightness(image: QImage) -> float:
    """Median lightness (0-255) of a widget's pixels."""
    image = image.convertToFormat(QImage.Format.Format_RGB32)
    w, h = image.width(), image.height()
    values = [
        image.pixelColor(int(x), int(y)).lightness()
        for x in np.linspace(2, w - 3, 12)
        for y in np.linspace(2, h - 3, 12)
    ]
    return float(np.median(values))


def _dock(window: MainWindow) -> QDockWidget:
    docks = [d for d in window.findChildren(QDockWidget) if d.isVisible()]
    assert docks
    return docks[0]


def test_dark_theme_darkens_docks_panels_menus_dialogs_and_the_map(  # type: ignore[no-untyped-def]
    make_window, settings
) -> None:
    window = make_window()
    window.view.set_theme("light")
    QApplication.processEvents()  # palette changes reach the widgets as events
    assert _lightness(_dock(window).grab().toImage()) > 170
    window.view.set_theme("dark")
    QApplication.processEvents()
    dock = _dock(window)
    assert _lightness(dock.grab().toImage()) < 90  # the panel's background is dark
    assert dock.palette().color(QPalette.ColorRole.Window).lightness() < 90
    assert window.menuBar().palette().color(QPalette.ColorRole.Window).lightness() < 90
    box = QMessageBox(QMessageBox.Icon.Information, "A dialog", "Text", parent=window)
    assert box.palette().color(QPalette.ColorRole.Window).lightness() < 90
    assert box.palette().color(QPalette.ColorRole.WindowText).lightness() > 170
    box.deleteLater()
    assert window.map.view.backgroundBrush().color().lightness() < 60
    assert settings.theme == "dark"  # remembered for the next run
    again = make_window()
    assert QApplication.palette().color(QPalette.ColorRole.Window).lightness() < 90
    assert again.map.view.backgroundBrush().color().lightness() < 60


def test_system_theme_follows_the_platform_scheme(make_window, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    window.view.set_theme("system")
    scheme = [Qt.ColorScheme.Dark]
    # The offscreen platform has no scheme of its own: play the platform turning dark.
    monkeypatch.setattr("netview.ui.theme.system_scheme", lambda: scheme[0])
    hints = QGuiApplication.styleHints()
    hints.colorSchemeChanged.emit(Qt.ColorScheme.Dark)
    assert QApplication.palette().color(QPalette.ColorRole.Window).lightness() < 90
    assert window.map.view.backgroundBrush().color().lightness() < 60
    scheme[0] = Qt.ColorScheme.Light
    hints.colorSchemeChanged.emit(Qt.ColorScheme.Light)
    assert QApplication.palette().color(QPalette.ColorRole.Window).lightness() > 170
    assert window.map.view.backgroundBrush().color().lightness() > 200


def test_dock_float_and_close_buttons_read_on_the_dark_theme(make_window) -> None:  # type: ignore[no-untyped-def]
    """Issue 21.7: Fusion's dock buttons are dark pixmaps, nearly invisible on dark."""
    from PySide6.QtWidgets import QAbstractButton

    window = make_window()
    for theme, bright in (("dark", True), ("light", False)):
        window.view.set_theme(theme)
        QApplication.processEvents()
        dock = _dock(window)
        buttons = {
            b.objectName(): b
            for b in dock.findChildren(QAbstractButton)
            if b.objectName().startswith("qt_dockwidget_")
        }
        assert set(buttons) == {"qt_dockwidget_closebutton", "qt_dockwidget_floatbutton"}
        for button in buttons.values():
            image = button.icon().pixmap(16, 16).toImage()
            drawn = [
                image.pixelColor(x, y)
                for x in range(image.width())
                for y in range(image.height())
                if image.pixelColor(x, y).alpha() > 200
            ]
            assert len(drawn) >= 12, button.objectName()  # a visible mark, not a blank
            lightest = max(c.lightness() for c in drawn)
            # The mark stands out from the title bar: light on dark, dark on light.
            assert (lightest > 170) if bright else (lightest < 110), (theme, lightest)
