"""Edit › Find Duplicates… connected to a team database as a member: Merge works (every
member's rows follow), Edit › Undo splits again; on a team database whose server cannot do
it yet, the member reads one line saying what to do."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import psycopg
import pytest
from tests.pgserver import PgServer
from tests.services.test_team_identity import (
    KEEP,
    PRIVATE,
    Team,
    build_team,
    keep_private_rows,
)

from netview.services.analysis.stats import stats
from netview.ui.duplicates_dialog import DuplicatesDialog
from netview.ui.main_window import MainWindow


@pytest.fixture
def team(pg_server: PgServer) -> Iterator[Team]:
    t = build_team(pg_server)
    keep_private_rows(t, "bea", t.old, 30)
    yield t
    pg_server.drop_database(t.database)


def _duplicates_as_ivy(
    qtbot: Any, team: Team, make_window: Callable[..., MainWindow]
) -> tuple[MainWindow, DuplicatesDialog]:
    window = make_window()
    with qtbot.waitSignal(window.document.data_changed, timeout=60_000):
        assert window.database.open_database(team.url("ivy"))
    action = next(
        a
        for m in window.menuBar().actions()
        if m.menu() is not None
        for a in m.menu().actions()
        if a.text() == "Find &Duplicates…"
    )
    action.trigger()
    dialog = window.dialogs.duplicates_dialog
    assert isinstance(dialog, DuplicatesDialog)
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 1, timeout=20_000)
    dialog.table.selectRow(0)
    return window, dialog


def test_a_member_merges_in_find_duplicates_and_undo_splits(
    qtbot: Any, team: Team, make_window: Callable[..., MainWindow]
) -> None:
    before = team.rows("bea", PRIVATE)
    window, dialog = _duplicates_as_ivy(qtbot, team, make_window)
    people = stats(window.db)["people"]
    dialog.merge_button.click()
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 0, timeout=20_000)
    assert window.tasks.last_error is None
    assert stats(window.db)["people"] == people - 1
    # Bea's note, cadence, tag… are on the one Olga now.
    assert team.rows("bea", PRIVATE)["cadence"] == [(KEEP, 30)]
    window.undo_stack.undo()
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 1, timeout=20_000)
    assert window.tasks.last_error is None
    assert team.rows("bea", PRIVATE) == before


def test_a_team_database_made_before_says_in_one_line_to_run_team_init(
    qtbot: Any, team: Team, make_window: Callable[..., MainWindow]
) -> None:
    # As a team database made by an older NetView: no functions on the server.
    with psycopg.connect(team.server.libpq(team.database), autocommit=True) as conn:
        conn.execute("DROP FUNCTION netview_merge_people(integer, integer, text)")
    before = team.rows("bea", PRIVATE)
    window, dialog = _duplicates_as_ivy(qtbot, team, make_window)
    dialog.merge_button.click()
    qtbot.waitUntil(lambda: window.tasks.last_error is not None, timeout=20_000)
    box = window.tasks.last_error
    assert box is not None
    assert box.text().startswith("this team database cannot merge") and "team init" in box.text()
    assert "\n" not in box.text() and not box.informativeText()
    assert team.rows("bea", PRIVATE) == before
    assert dialog.table.rowCount() == 1
