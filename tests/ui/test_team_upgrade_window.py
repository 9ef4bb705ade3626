"""The app opening a team database whose schema is older than this NetView, as a member:
the window shows the one line the command line prints."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from tests.services.test_team import Team
from tests.store.test_team_upgrade import UNSECURED_TABLE, _newer_netview

from netview.ui.main_window import MainWindow


def test_the_window_shows_the_members_one_line(
    qtbot: Any,
    team: Team,
    make_window: Callable[..., MainWindow],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _newer_netview(team, UNSECURED_TABLE, tmp_path, monkeypatch)
    window = make_window()
    # A server is connected to in a worker: the call returns at once, the line follows.
    assert window.database.open_database(team.url("robin"))
    qtbot.waitUntil(lambda: window.tasks.last_error is not None, timeout=30_000)
    assert window.db is None and window.stack.currentWidget() is window.welcome
    assert all("Loading" not in p.empty.text() for p in window.panels.values() if p.showing_empty)
    assert window.tasks.last_error is not None
    text = window.tasks.last_error.text()
    assert "ask the team's admin to run `netview team init`" in text
    assert text.count("\n") == 0 and "correct horse" not in text
    window.tasks.last_error.close()
