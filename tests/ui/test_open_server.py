"""Opening a team database happens off the UI thread: a slow or unreachable server leaves
the window usable, says where it is connecting to, and ends in one line."""

from __future__ import annotations

import socket
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from netview.core.errors import NetViewError
from netview.store import connect
from netview.store.db import open_database


@pytest.fixture
def silent_server() -> Iterator[int]:
    """A port that accepts connections and never says a word (a server hung, a firewall
    that swallows packets): the client must give up on its own."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        s.listen(8)
        yield int(s.getsockname()[1])


def test_a_server_that_never_answers_fails_in_one_line_after_the_timeout(
    silent_server: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(connect, "CONNECT_TIMEOUT", 2)
    start = time.monotonic()
    with pytest.raises(NetViewError) as caught:
        open_database(f"postgresql+psycopg://ana@127.0.0.1:{silent_server}/netview")
    assert time.monotonic() - start < 30  # not the operating system's minutes
    assert "\n" not in str(caught.value) and "127.0.0.1" in str(caught.value)


def test_opening_a_server_keeps_the_window_responsive_and_the_old_network(
    qtbot: Any,
    make_window: Any,
    sample_db: Path,
    silent_server: int,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(connect, "CONNECT_TIMEOUT", 2)
    window = make_window()
    with qtbot.waitSignal(window.map_ready, timeout=20_000):
        assert window.database.open_database(str(sample_db))
    qtbot.waitUntil(lambda: not window.workers.busy, timeout=20_000)  # panels' reads done
    old = window.db
    errors: list[str] = []
    monkeypatch.setattr(window.tasks, "show_error", lambda title, exc: errors.append(str(exc)))
    url = f"postgresql+psycopg://ana:secret@127.0.0.1:{silent_server}/netview"
    started = time.monotonic()
    assert window.database.open_database(url)
    assert time.monotonic() - started < 1.0  # the call returns at once: a worker connects
    assert window.stack.currentWidget() is window.loading
    label = window.loading.label.text()
    assert label.startswith("Connecting to ") and "127.0.0.1" in label and "secret" not in label
    qtbot.waitUntil(lambda: bool(errors), timeout=30_000)
    assert len(errors) == 1 and "\n" not in errors[0]
    assert window.db is old  # the network that was open stays open
    assert window.stack.currentWidget() is window.map
