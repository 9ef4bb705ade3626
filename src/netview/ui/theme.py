"""Light, dark or the system's colour scheme, for the widgets and the map."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

SCHEMES = {
    "light": Qt.ColorScheme.Light,
    "dark": Qt.ColorScheme.Dark,
    "system": Qt.ColorScheme.Unknown,  # Unknown = follow the platform
}


def apply_theme(name: str) -> str:
    """Switch the app to `name` (light/dark/system); returns the effective light or dark."""
    hints = QGuiApplication.styleHints()
    hints.setColorScheme(SCHEMES.get(name, Qt.ColorScheme.Unknown))
    return effective_theme(name)


def effective_theme(name: str) -> str:
    if name in ("light", "dark"):
        return name
    scheme = QGuiApplication.styleHints().colorScheme()
    return "dark" if scheme == Qt.ColorScheme.Dark else "light"
