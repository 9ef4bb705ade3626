"""The first frame the user sees is the loading state, never a black window."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from PySide6.QtGui import QGuiApplication, QImage

from netview.store.db import open_database
from netview.ui.app import start
from netview.ui.main_window import MainWindow
from netview.ui.settings import Settings


def black_share(image: QImage) -> float:
    """The share of the picture that is (nearly) black."""
    rgb = image.convertToFormat(QImage.Format.Format_RGB32)
    bits = rgb.constBits()
    arr = np.frombuffer(bits, np.uint8).reshape(rgb.height(), rgb.bytesPerLine() // 4, 4)
    arr = arr[:, : rgb.width(), :3]
    return float((arr.max(axis=2) < 24).mean())


def test_the_window_is_painted_before_the_database_opens(  # type: ignore[no-untyped-def]
    qtbot, tmp_path: Path, small_network
) -> None:
    path = tmp_path / "net.db"
    db = open_database(str(path))
    small_network(db, 40)
    db.dispose()
    window = MainWindow(Settings(tmp_path / "NetView.ini"))
    qtbot.addWidget(window)
    screens: list[QImage] = []
    real_open = window.database.open_initial

    def open_initial(target: str | None, demo: bool = False) -> None:
        # What the screen shows of the window the moment the (slow) opening begins.
        screen = QGuiApplication.primaryScreen()
        screens.append(screen.grabWindow(window.winId()).toImage())
        real_open(target, demo=demo)

    window.database.open_initial = open_initial  # type: ignore[method-assign]
    start(window, str(path))
    qtbot.waitUntil(lambda: bool(screens), timeout=5_000)
    first = screens[0]
    assert not first.isNull() and first.width() > 200
    assert black_share(first) < 0.05  # the loading state, not a bare black window
    assert window.stack.currentWidget() in (window.loading, window.map)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.map, timeout=20_000)
    window.workers.cancel_all()
    assert window.workers.wait(10_000)
