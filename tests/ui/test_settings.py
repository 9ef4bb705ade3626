from __future__ import annotations

import configparser
from pathlib import Path

from PySide6.QtCore import QByteArray

from netview.ui.settings import MAX_RECENT, Settings


def test_defaults_then_values_survive_a_restart(tmp_path: Path) -> None:
    path = tmp_path / "NetView.ini"
    first = Settings(path)
    assert first.theme == "system"
    assert first.recent_databases == []
    assert first.window_geometry.isEmpty()
    first.theme = "dark"
    first.window_geometry = QByteArray(b"\x01\x02geometry")
    first.add_recent("/data/only.db")  # one-element lists come back from INI as a string
    first.sync()

    again = Settings(path)
    assert again.theme == "dark"
    assert again.recent_databases == ["/data/only.db"]
    assert again.last_database == "/data/only.db"
    assert bytes(again.window_geometry.data()) == b"\x01\x02geometry"
    # An INI file, in the folder we chose, holding what was set under its own keys.
    ini = configparser.ConfigParser(interpolation=None)
    ini.read(path, encoding="utf-8")
    assert ini.get("view", "theme") == "dark"
    assert ini.get("database", "recent") == ini.get("database", "last") == "/data/only.db"
    assert ini.get("window", "geometry") == r"@ByteArray(\x1\x2geometry)"


def test_recent_databases_most_recent_first_without_duplicates(tmp_path: Path) -> None:
    settings = Settings(tmp_path / "s.ini")
    for i in range(MAX_RECENT + 3):
        settings.add_recent(f"/db/{i}.db")
    settings.add_recent("/db/5.db")
    # The one opened again first, then the others newest first, the oldest dropped.
    newest = [f"/db/{i}.db" for i in range(MAX_RECENT + 2, -1, -1) if i != 5]
    assert settings.recent_databases == ["/db/5.db", *newest[: MAX_RECENT - 1]]
