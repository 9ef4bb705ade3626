"""One theme for the whole window: Fusion with a light or a dark palette.

Menus, docks, panels, dialogs, plots and the map all take their colours from the
application's palette, so light and dark switch everything at once. "system" follows the
platform's colour scheme (QStyleHints.colorScheme, Qt 6.5+) and switches again when the
platform does.
"""

from __future__ import annotations

from collections.abc import Callable

import pyqtgraph as pg
from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

SCHEMES = {
    "light": Qt.ColorScheme.Light,
    "dark": Qt.ColorScheme.Dark,
    "system": Qt.ColorScheme.Unknown,  # Unknown = follow the platform
}

_R = QPalette.ColorRole
_G = QPalette.ColorGroup
DARK = {
    _R.Window: "#2b2d31",
    _R.WindowText: "#e3e3e6",
    _R.Base: "#1e1f22",
    _R.AlternateBase: "#26282b",
    _R.ToolTipBase: "#2b2d31",
    _R.ToolTipText: "#e3e3e6",
    _R.PlaceholderText: "#8b8d92",
    _R.Text: "#e3e3e6",
    _R.Button: "#35373c",
    _R.ButtonText: "#e3e3e6",
    _R.BrightText: "#ff6b6b",
    _R.Light: "#45474d",
    _R.Midlight: "#3a3c41",
    _R.Mid: "#2f3135",
    _R.Dark: "#191a1c",
    _R.Shadow: "#0e0e10",
    _R.Highlight: "#3d7bd9",
    _R.HighlightedText: "#ffffff",
    _R.Link: "#78b4ff",
    _R.LinkVisited: "#c39bff",
}
DARK_DISABLED = {
    _R.WindowText: "#7d7f84",
    _R.Text: "#7d7f84",
    _R.ButtonText: "#7d7f84",
    _R.Highlight: "#4a4c52",
    _R.HighlightedText: "#c0c0c0",
}


class _Follower(QObject):
    """Re-applies "system" when the platform switches between light and dark."""

    def __init__(self) -> None:
        super().__init__()
        self.name = "system"
        self.listener: Callable[[str], None] | None = None  # the main window's map
        QGuiApplication.styleHints().colorSchemeChanged.connect(self._changed)

    def _changed(self, *_: object) -> None:
        if self.name != "system":
            return
        effective = _apply_palette(effective_theme("system"))
        if self.listener is not None:
            try:
                self.listener(effective)
            except RuntimeError:  # its widget is gone (a closed window)
                self.listener = None


_follower: _Follower | None = None


def palette(theme: str) -> QPalette:
    """The Fusion palette of `theme` ("light" or "dark")."""
    app = QApplication.instance()
    style = app.style() if isinstance(app, QApplication) else None
    base = style.standardPalette() if style is not None else QPalette()
    if theme != "dark":
        return base
    pal = QPalette(base)
    for role, value in DARK.items():
        pal.setColor(role, QColor(value))
    for role, value in DARK_DISABLED.items():
        pal.setColor(_G.Disabled, role, QColor(value))
    return pal


def apply_theme(name: str, on_change: Callable[[str], None] | None = None) -> str:
    """Switch the app to `name` (light/dark/system); returns the effective light or dark.

    `on_change(effective)` is called again whenever "system" follows the platform to the
    other scheme (the map redraws in it)."""
    global _follower
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        return effective_theme(name)
    if app.style().name().lower() != "fusion":
        app.setStyle("Fusion")
    hints = QGuiApplication.styleHints()
    if _follower is None:
        _follower = _Follower()
    _follower.name = name
    if on_change is not None:
        _follower.listener = on_change
    if name in ("light", "dark"):
        # Native title bars and dialogs follow too where the platform allows (Qt 6.8+).
        hints.setColorScheme(SCHEMES[name])
    else:
        hints.unsetColorScheme()
    return _apply_palette(effective_theme(name))


def _apply_palette(theme: str) -> str:
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        return theme
    pal = palette(theme)
    app.setPalette(pal)
    # pyqtgraph plots draw their own background: plots made from now on take these colours,
    # and a plot already shown restyles itself on the palette change it is sent
    # (InsightsPanel.changeEvent). Walking app.allWidgets() here instead crashed now and
    # then on widgets being destroyed.
    pg.setConfigOption("background", pal.color(_R.Base))
    pg.setConfigOption("foreground", pal.color(_R.Text))
    return theme


def system_scheme() -> Qt.ColorScheme:
    """The platform's colour scheme (Unknown where it does not tell)."""
    return QGuiApplication.styleHints().colorScheme()


def effective_theme(name: str) -> str:
    if name in ("light", "dark"):
        return name
    return "dark" if system_scheme() == Qt.ColorScheme.Dark else "light"
