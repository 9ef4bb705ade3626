"""File > Open Team Database…: the password lives in the keyring, never in the settings file;
a teammate's import shows when the window comes back into focus."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import keyring
import keyring.backend
import pytest
from sqlalchemy import make_url
from tests.pgserver import PgServer
from tests.services.conftest import sample_zips

from netview.services.importing.importer import import_paths
from netview.services.team import server as team
from netview.store import keyring_passwords
from netview.store.db import open_database, set_password_lookup
from netview.ui import team_dialog
from netview.ui.main_window import MainWindow
from netview.ui.settings import Settings
from netview.ui.team_dialog import TeamDatabaseDialog

PASSWORD = "tr0ub4dor&3"


class MemoryKeyring(keyring.backend.KeyringBackend):
    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.kept: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.kept.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.kept[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.kept.pop((service, username), None)


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    before = keyring.get_keyring()
    ring = MemoryKeyring()
    keyring.set_keyring(ring)
    team_dialog._session_passwords.clear()
    yield ring
    keyring.set_keyring(before)
    team_dialog._session_passwords.clear()
    set_password_lookup(None)


def test_the_dialog_gives_a_url_without_the_password_and_the_keyring_keeps_it(
    qtbot: Any, memory_keyring: MemoryKeyring
) -> None:
    dialog = TeamDatabaseDialog()
    qtbot.addWidget(dialog)
    assert not dialog.ok.isEnabled()  # no login yet
    dialog.host.setText("db.example.org")
    dialog.port.setValue(6543)
    dialog.database.setText("fund")
    dialog.login.setText("ana")
    dialog.tls.setCurrentText("verify-full")
    dialog.password.setText(PASSWORD)
    assert dialog.ok.isEnabled()
    url = dialog.url()
    text = url.render_as_string(hide_password=False)
    assert text == "postgresql+psycopg://ana@db.example.org:6543/fund?sslmode=verify-full"
    assert team_dialog.keep_password(url, PASSWORD, remember=True) is None
    assert memory_keyring.kept == {
        (keyring_passwords.SERVICE, "ana@db.example.org:6543/fund"): PASSWORD
    }
    team_dialog._session_passwords.clear()  # a later run of the app: only the keyring knows
    assert team_dialog.typed_password(make_url(text)) is None
    assert keyring_passwords.get_password(make_url(text)) == PASSWORD


@pytest.fixture
def team_db(pg_server: PgServer) -> Iterator[tuple[PgServer, str]]:
    name = pg_server.create_database()
    db = open_database(pg_server.url(name))
    team.init(db)
    team.add_member(db, "robin", "https://www.linkedin.com/in/robin-quill-42/", PASSWORD)
    team.add_member(db, "bjorn", "https://www.linkedin.com/in/björn-lee-11eef/", PASSWORD)
    db.dispose()
    yield pg_server, name
    pg_server.drop_database(name)


def test_the_app_opens_a_team_database_with_the_keyrings_password_and_sees_a_teammates_import(
    qtbot: Any,
    memory_keyring: MemoryKeyring,
    team_db: tuple[PgServer, str],
    make_window: Callable[..., MainWindow],
    settings: Settings,
    tmp_path: Path,
) -> None:
    server, name = team_db
    me, bjorn_zip = sample_zips("network-2024")[:2]
    robin = open_database(server.url(name, "robin", PASSWORD))
    import_paths(robin, [me])
    robin.dispose()

    url = make_url(server.url(name, "robin"))  # what the dialog gives: no password
    team_dialog.keep_password(url, PASSWORD, remember=True)
    team_dialog._session_passwords.clear()
    window = make_window()
    with qtbot.waitSignal(window.document.data_changed, timeout=60_000):
        assert window.database.open_database(url.render_as_string(hide_password=False))
    assert window.network is not None
    assert window.network.net.keys[window.network.net.owner] == "robin-quill-42"
    people = window.network.net.n
    settings.sync()
    ini = (tmp_path / "config" / "NetView.ini").read_text(encoding="utf-8")
    assert "robin@" in ini and PASSWORD not in ini

    watch = window.generation_watch
    watch.check(reload=False)
    qtbot.waitUntil(lambda: watch.seen is not None, timeout=10_000)
    # Björn imports his archive from his own machine; Robin's window notices on focus.
    bjorn = open_database(server.url(name, "bjorn", PASSWORD))
    import_paths(bjorn, [bjorn_zip])
    bjorn.dispose()
    with qtbot.waitSignal(window.document.data_changed, timeout=60_000):
        watch.check()
    ln = window.network
    assert ln is not None and ln.net.n > people

    # Introductions: someone only Björn knows is reached via teammates.
    net = ln.net
    b = net.index_of_key["björn-lee-11eef"]
    mine = set(net.adjacency.neighbours(net.owner).tolist())
    target = sorted(
        net.keys[i]
        for i in net.adjacency.neighbours(b).tolist()
        if i not in mine and i != net.owner
    )[0]
    panel = window.panels["paths"]
    panel.search(target)
    qtbot.waitUntil(lambda: panel.data is not None and panel.data.label != "", timeout=30_000)
    assert panel.data is not None
    rows = [panel.paths.item(r).text() for r in range(panel.paths.count())]
    via = [r for r in rows if r.startswith("via teammates: Björn Lee")]
    assert via and rows.index(via[0]) >= len(panel.data.paths), rows
    panel.paths.setCurrentRow(rows.index(via[0]))
    assert "Ask Björn Lee" in panel.draft.toPlainText()


def test_a_member_deleting_a_shared_person_gets_the_servers_refusal_in_one_line(
    qtbot: Any,
    team_db: tuple[PgServer, str],
    make_window: Callable[..., MainWindow],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from tests.ui.panel_helpers import show_person

    from netview.services.followups.cadence import person_id
    from netview.services.people import notes
    from netview.ui import dialogs

    server, name = team_db
    me, bjorn_zip = sample_zips("network-2024")[:2]
    olga = "olga-haddad-13dde"
    robin = open_database(server.url(name, "robin", PASSWORD))
    import_paths(robin, [me])
    notes.add_note(robin, person_id(robin, olga), "owes me a favour")
    robin.dispose()
    bjorn = open_database(server.url(name, "bjorn", PASSWORD))
    import_paths(bjorn, [bjorn_zip])
    bjorn.dispose()

    window = make_window()
    with qtbot.waitSignal(window.document.data_changed, timeout=60_000):
        assert window.database.open_database(server.url(name, "bjorn", PASSWORD))
    panel = show_person(qtbot, window, olga)
    monkeypatch.setattr(dialogs, "confirm", lambda *a: True)
    panel.delete_button.click()
    qtbot.waitUntil(lambda: window.tasks.last_error is not None, timeout=20_000)
    box = window.tasks.last_error
    assert box is not None
    assert box.text().startswith("only the team's admin can delete shared people")
    assert "\n" not in box.text() and not box.informativeText()  # ours: no traceback
    robin = open_database(server.url(name, "robin", PASSWORD))
    try:
        assert [n.body for n in notes.notes(robin, person_id(robin, olga))] == ["owes me a favour"]
    finally:
        robin.dispose()
