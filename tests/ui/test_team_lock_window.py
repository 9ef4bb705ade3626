"""A teammate holding a lock the app needs: the window says so in one line after the
session's lock time-out, instead of hanging or showing a traceback (issue 24, attack 6)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from tests.services.test_team import BJORN, PASSWORD, Team

from netview.store.team import PRIVATE_TABLES
from netview.ui.main_window import MainWindow


def test_a_teammates_lock_is_one_line_in_the_window(
    qtbot: Any, team: Team, make_window: Callable[..., MainWindow]
) -> None:
    window = make_window()
    locked = ", ".join(f'"{t}"' for t in PRIVATE_TABLES)
    with team.raw("robin") as robin, robin.transaction():
        robin.execute(f"LOCK TABLE {locked} IN ACCESS EXCLUSIVE MODE")
        assert window.database.open_database(team.url("bjorn") + "&options=-c%20lock_timeout%3D1s")
        qtbot.waitUntil(lambda: window.tasks.last_error is not None, timeout=60_000)
    assert window.tasks.last_error is not None
    text = window.tasks.last_error.text()
    assert "locked for too long" in text, text
    assert "the login robin kept" in text, text  # who holds it (no name: nothing imported)
    assert text.count("\n") == 0 and PASSWORD not in text
    window.tasks.last_error.close()


def test_a_teammates_archive_imported_in_the_window_is_refused_in_one_line(
    qtbot: Any, team: Team, make_window: Callable[..., MainWindow]
) -> None:
    """The server refuses Robin's import of Björn's own archive (store/team_guard.py): the
    window says so in one line, not in the box for NetView's own bugs."""
    window = make_window()
    assert window.database.open_database(team.url("robin"))
    qtbot.waitUntil(lambda: window.db is not None and window.current_task is None, timeout=30_000)
    window.importing.start_import([BJORN])
    qtbot.waitUntil(lambda: window.tasks.last_error is not None, timeout=60_000)
    assert window.tasks.last_error is not None
    assert type(window.tasks.last_error).__name__ != "ErrorDialog"  # the box for NetView's bugs
    text = window.tasks.last_error.text()
    assert "teammate's own archive" in text and text.count("\n") == 0, text
    assert not window.tasks.last_error.informativeText()
    window.tasks.last_error.close()
