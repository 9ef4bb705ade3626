"""The app's settings: the only module that touches QSettings.

Each key is declared once with its type and default (as Picard's options.py does), so a
caller reads ``settings.theme`` and never a raw string key. INI format, user scope.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Generic, TypeVar, overload

from PySide6.QtCore import QByteArray, QSettings

T = TypeVar("T")

MAX_RECENT = 8
THEMES = ("system", "light", "dark")


class Option(Generic[T]):
    """One settings key with its default; reads convert INI strings back to the type."""

    def __init__(self, key: str, default: T) -> None:
        self.key = key
        self.default = default

    @overload
    def __get__(self, obj: None, owner: type) -> Option[T]: ...
    @overload
    def __get__(self, obj: Settings, owner: type) -> T: ...
    def __get__(self, obj: Settings | None, owner: type) -> Option[T] | T:
        if obj is None:
            return self
        raw = obj.qsettings.value(self.key, None)
        if raw is None:
            return self.default
        return self.convert(raw)

    def __set__(self, obj: Settings, value: T) -> None:
        obj.qsettings.setValue(self.key, value)

    def convert(self, raw: Any) -> T:
        default = self.default
        try:
            if isinstance(default, bool):
                value: Any = raw if isinstance(raw, bool) else str(raw).lower() in ("1", "true")
            elif isinstance(default, int):
                value = int(raw)
            elif isinstance(default, QByteArray):
                value = raw if isinstance(raw, QByteArray) else QByteArray(raw)
            elif isinstance(default, list):
                # INI stores a one-element list as a plain string.
                value = [str(v) for v in raw] if isinstance(raw, list) else [str(raw)]
            else:
                value = str(raw)
        except (TypeError, ValueError):
            return default
        return value  # type: ignore[no-any-return]


class Settings:
    """Typed access to the user's settings file."""

    window_geometry = Option("window/geometry", QByteArray())
    window_state = Option("window/state", QByteArray())
    last_database = Option("database/last", "")
    recent_databases: Option[list[str]] = Option("database/recent", [])
    theme = Option("view/theme", "system")
    colour_by = Option("view/colour_by", "")  # "": automatic (communities, or companies)
    # The database that colouring was chosen on: another one opens coloured automatically
    # (a 60k map coloured by year is nearly all grey).
    colour_by_database = Option("view/colour_by_database", "")
    import_folder = Option("import/folder", "")  # where File > Import… looked last
    export_folder = Option("export/folder", "")  # where File > Export… wrote last
    # A system notification once a day when follow-ups or introductions fall due.
    reminders = Option("reminders/enabled", True)
    reminded_on = Option("reminders/last_day", "")  # ISO day of the last summary shown
    intro_wait_days = Option("reminders/intro_wait_days", 7)  # no answer after this: a nudge

    def __init__(self, path: str | Path | None = None) -> None:
        if path is None:
            self.qsettings = QSettings(
                QSettings.Format.IniFormat, QSettings.Scope.UserScope, "NetView", "NetView"
            )
        else:
            self.qsettings = QSettings(str(path), QSettings.Format.IniFormat)

    @property
    def file(self) -> str:
        return self.qsettings.fileName()

    def add_recent(self, database: str) -> None:
        """Put `database` first in the recent list and remember it as the last one."""
        recent = [d for d in self.recent_databases if d != database]
        self.recent_databases = [database, *recent][:MAX_RECENT]
        self.last_database = database

    def sync(self) -> None:
        self.qsettings.sync()
