"""The app's excepthook: an uncaught error is logged with its traceback and shown."""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QPushButton

from netview.ui import crash
from netview.ui.application import configure_logging


@pytest.fixture
def log_file(tmp_path: Path) -> Iterator[Path]:
    root = logging.getLogger()
    before = list(root.handlers)
    for handler in before:  # another test's file: this one needs its own
        if getattr(handler, "_netview", False):
            root.removeHandler(handler)
    path = configure_logging(tmp_path / "logs")
    yield path
    for handler in list(root.handlers):
        if handler not in before:
            root.removeHandler(handler)
            handler.close()
    for handler in before:
        if handler not in root.handlers:
            root.addHandler(handler)


@pytest.fixture
def hooked(log_file: Path) -> Iterator[Path]:
    crash.install(log_file)
    yield log_file
    crash.uninstall()


def error_dialogs() -> list[crash.ErrorDialog]:
    return [
        w
        for w in QApplication.topLevelWidgets()
        if isinstance(w, crash.ErrorDialog) and w.isVisible()
    ]


def logged(path: Path) -> str:
    for handler in logging.getLogger().handlers:
        handler.flush()
    return path.read_text(encoding="utf-8")


@pytest.mark.qt_no_exception_capture
def test_an_error_in_a_slot_is_logged_and_shown_with_copy_details(qtbot, hooked: Path) -> None:  # type: ignore[no-untyped-def]
    button = QPushButton("Break")
    qtbot.addWidget(button)

    def broken_slot() -> None:
        raise ValueError("the sample slot broke")

    button.clicked.connect(broken_slot)
    button.click()
    qtbot.waitUntil(lambda: len(error_dialogs()) == 1, timeout=5_000)
    dialog = error_dialogs()[0]
    assert dialog.message.text() == "ValueError: the sample slot broke"
    dialog.copy_button.click()
    copied = QGuiApplication.clipboard().text()
    assert "Traceback" in copied and "broken_slot" in copied
    text = logged(hooked)
    assert "Unhandled error" in text and "Traceback (most recent call last)" in text
    assert "ValueError: the sample slot broke" in text and "broken_slot" in text
    dialog.close()
    qtbot.waitUntil(lambda: not error_dialogs(), timeout=5_000)


@pytest.mark.qt_no_exception_capture
def test_an_error_in_a_plain_thread_is_shown_on_the_ui_thread(qtbot, hooked: Path) -> None:  # type: ignore[no-untyped-def]
    def work() -> None:
        raise RuntimeError("a background thread broke")

    thread = threading.Thread(target=work, name="helper")
    thread.start()
    thread.join(5)
    qtbot.waitUntil(lambda: len(error_dialogs()) == 1, timeout=5_000)
    dialog = error_dialogs()[0]
    assert dialog.message.text() == "RuntimeError: a background thread broke"
    assert "Unhandled error in helper" in logged(hooked)
    dialog.close()


def test_an_unexpected_worker_error_offers_its_traceback(qtbot, make_window, db_path) -> None:  # type: ignore[no-untyped-def]
    from netview.ui.backend import Backend

    def broken_demo(db: object, *, progress: object = None) -> None:
        raise RuntimeError("disk on fire")

    window = make_window(Backend(fill_demo=broken_demo))
    with qtbot.waitSignal(window.map_ready, timeout=10_000):
        window.database.open_database(str(db_path))
    with qtbot.waitSignal(window.workers.error, timeout=10_000):
        window.importing.start_demo()
    box = window.tasks.last_error
    assert isinstance(box, crash.ErrorDialog) and box.isVisible()
    assert box.text() == "Creating demo network: RuntimeError: disk on fire"
    assert "Traceback" in box.details and "broken_demo" in box.details
    box.close()
