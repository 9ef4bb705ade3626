"""Keep as Contact in the import report on a team server: people are shared there, so a
kept contact would name your correspondent to every teammate and the server refuses it.
The button stays disabled and its tooltip says why; Attach to Person… still works."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from tests.pgserver import PgServer
from tests.security.test_team_attacks import LOGINS, ME, PASSWORD, Team
from tests.services.teamkit import add_members, run

from netview.services.importing.importer import import_paths
from netview.store.db import open_database
from netview.ui.import_report import CORRESPONDENT, ImportReportDialog
from netview.ui.main_window import MainWindow

MAIL = (
    "From x Mon Nov  2 09:00:00 2026\nMessage-ID: <team-ui-{n}@invented.example>\n"
    "Date: {day} Nov 2026 09:00:00 +0000\nFrom: Pat Offline <pat@elsewhere.example>\n"
    "To: Robin Quill <me.sample@inbox.example>\nSubject: hi\n\nhello\n\n"
)


@pytest.fixture
def team(pg_server: PgServer) -> Iterator[Team]:
    database = pg_server.create_database()
    admin = pg_server.url(database)
    status, _, err = run("team", "init", "--db", admin)
    assert status == 0, err
    add_members(admin, {"robin": LOGINS["robin"]}, PASSWORD)
    yield Team(pg_server, database, admin)
    pg_server.drop_database(database)


def test_keep_as_contact_is_disabled_on_a_team_server_and_says_why(
    qtbot: Any, team: Team, make_window: Callable[..., MainWindow], tmp_path: Path
) -> None:
    mbox = tmp_path / "robin.mbox"
    mbox.write_text(MAIL.format(n=1, day="02") + MAIL.format(n=2, day="10"), encoding="utf-8")
    db = open_database(team.url("robin"))
    try:
        _, report = import_paths(db, [ME, mbox], my_addresses=["me.sample@inbox.example"])
    finally:
        db.dispose()
    window = make_window()
    assert window.database.open_database(team.url("robin"))
    qtbot.waitUntil(lambda: window.db is not None and window.current_task is None, timeout=30_000)
    window.importing.show_import_report([report.to_dict()])
    dialog = window.importing.import_report
    assert isinstance(dialog, ImportReportDialog)
    qtbot.waitUntil(lambda: dialog.checked and dialog.keeping_refused is not None, timeout=30_000)
    top = dialog.tree.topLevelItem(0)
    rows = [top.child(i) for i in range(top.childCount())]
    (pat,) = [r for r in rows if r.text(0) == CORRESPONDENT]
    dialog.tree.setCurrentItem(pat)
    assert dialog.keep_button.isVisible() and not dialog.keep_button.isEnabled()
    tip = dialog.keep_button.toolTip()
    assert "team server" in tip and "seen by the whole team" in tip, tip
    assert dialog.attach_button.isEnabled()  # Attach to Person… still works
    # What the button would have asked is refused by the server in the same words.
    status, _, err = team.cli("robin", "address", "pat@elsewhere.example", "--keep")
    assert status != 0 and "seen by the whole team" in err, err
