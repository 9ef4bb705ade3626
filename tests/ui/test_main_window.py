from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

from PySide6.QtCore import QMimeData, QPoint, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QLabel
from sqlalchemy import select

from netview.core.errors import NetViewError, OwnerUnknown
from netview.store import network
from netview.store.db import Database
from netview.store.db import open_database as open_db
from netview.ui.backend import Backend
from netview.ui.dialogs import OwnerDialog

SAMPLE = Path(__file__).parents[1] / "fixtures" / "samples" / "single-2022"
SAMPLE_ZIP = SAMPLE / "me__Complete_LinkedInDataExport_11-20-2026.zip"


def opened(qtbot, window, db_path: Path) -> Any:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(window.map_ready, timeout=10_000) as blocker:
        assert window.database.open_database(str(db_path))
    return blocker.args[0]


def test_welcome_view_on_an_empty_database(qtbot, make_window, db_path) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    model = opened(qtbot, window, db_path)
    assert len(model) == 0
    assert window.stack.currentWidget() is window.welcome
    assert window.welcome.import_button.isVisible() and window.welcome.import_button.isEnabled()
    assert window.welcome.demo_button.isVisible() and window.welcome.demo_button.isEnabled()
    assert window.counts_label.text() == "No people yet"
    # A newcomer learns the map gets its ties from their own calendar, mailbox and address book.
    text = " ".join(label.text() for label in window.welcome.findChildren(QLabel))
    assert all(kind in text for kind in ("calendar (.ics)", "mailbox (mbox, .eml)", ".vcf"))


def test_demo_button_fills_a_demo_database_of_its_own(
    qtbot, make_window, db_path, small_network
) -> None:  # type: ignore[no-untyped-def]
    from netview.store.db import default_database_path

    filled: list[str] = []

    def fill(db: Database, *, progress: Any = None) -> None:
        filled.append(db.url)
        small_network(db, 30, progress)

    window = make_window(Backend(fill_demo=fill))
    opened(qtbot, window, db_path)
    with qtbot.waitSignal(window.jobs.busy_changed, timeout=20_000):
        qtbot.mouseClick(window.welcome.demo_button, Qt.MouseButton.LeftButton)
    assert window.progress_bar.isVisible()  # the window shows the job, and stays usable
    assert not window.welcome.demo_button.isEnabled()
    qtbot.waitUntil(lambda: len(window.model) == 31 and window.current_task is None, timeout=20_000)
    model = window.model
    # The demo went into demo.db beside the default database; the open one stays empty.
    demo_file = default_database_path().with_name("demo.db")
    assert len(filled) == 1 and filled[0].endswith(str(demo_file))
    assert window.db is not None and window.db.url.endswith(str(demo_file))
    assert window.windowTitle().startswith("demo.db")
    with open_db(db_path).session() as s:
        assert network.counts(s)[0] == 0
    assert window.stack.currentWidget() is window.map
    assert window.map.shown_count() == 31 == len(model)
    assert model.degree_counts()[1] == 30
    assert not window.progress_bar.isVisible()
    assert "31 people" in window.counts_label.text()
    # A few labels, drawn next to the people they name (not where the hidden map left them).
    window.map.update_labels()
    shown = [lbl for lbl in window.map.drawn_labels() if lbl.kind in ("you", "person")]
    # You and at least 11 of your 30 connections by name (the map is 454 px wide beside the
    # left docks of an 800 px window, Details a tab among them; the label placer names 11
    # or 12 of them from one width to the next), each once, no two overlapping.
    texts = [lbl.text for lbl in shown]
    assert window.map.width() >= window.width() // 2
    assert texts[0] == "Ada Owner (you)" and len(set(texts)) == len(texts) >= 12
    for n, a in enumerate(shown):
        assert not any(a.rect.intersects(b.rect) for b in shown[n + 1 :]), a.text
    frame = window.map.frame()
    for label in shown:
        i = model.names.index(label.text.removesuffix(" (you)"))
        node, r = frame.px(*model.xy[i]), label.rect
        gap = max(
            r.left() - node.x(), node.x() - r.right(), r.top() - node.y(), node.y() - r.bottom()
        )
        assert gap < 20, (label.text, r, node)


def test_after_the_real_demo_a_real_archive_is_yours_in_your_own_database(
    qtbot, make_window, db_path
) -> None:  # type: ignore[no-untyped-def]
    """Issue 21.1: the demo's invented owner never becomes "you" in the user's database."""
    from netview.store.importing import me_id
    from netview.store.models import Person, Source

    window = make_window()
    opened(qtbot, window, db_path)
    window.importing.start_demo()
    qtbot.waitUntil(lambda: len(window.model) > 100 and not window.workers.busy, timeout=120_000)
    assert window.db is not None and window.db.url.endswith("demo.db")
    with window.db.session() as s:
        demo_people, _ = network.counts(s)
    assert len(window.model) == demo_people
    assert window.map.shown_count() == int(window.model.visible.sum())
    # File > Import with the demo open: the archive goes into netview.db, not the demo.
    window.importing.start_import([SAMPLE_ZIP])
    qtbot.waitUntil(lambda: window.current_task is None and len(window.model) == 25, timeout=60_000)
    assert window.db.url.endswith(str(db_path))
    assert window.tasks.last_error is None
    with window.db.session() as s:
        me = s.get(Person, me_id(s))
        assert me is not None and me.key == "robin-quill-42"
        labels = list(s.scalars(select(Source.label)))
    assert labels == [SAMPLE_ZIP.name]
    assert window.model.degree_counts()[1] == 24  # every real contact is 1st degree
    with open_db(window.settings.recent_databases[1]).session() as s:  # the demo, untouched
        assert network.counts(s)[0] == demo_people


def test_import_through_the_window_shows_progress_and_refreshes(
    qtbot, make_window, db_path
) -> None:  # type: ignore[no-untyped-def]
    truth = json.loads((SAMPLE / "truth.json").read_text())
    window = make_window()
    opened(qtbot, window, db_path)
    values: list[int] = []
    window.progress_bar.valueChanged.connect(values.append)
    with qtbot.waitSignal(window.map_ready, timeout=60_000) as blocker:
        window.importing.start_import([SAMPLE_ZIP])
        assert window.progress_bar.isVisible() and window.cancel_button.isVisible()
    model = blocker.args[0]
    assert window.tasks.last_error is None
    assert values and max(values) == 1000
    assert model.degree_counts()[1] == truth["by_degree"]["1"]
    assert window.model.keys[model.owner_index] == truth["owner"]  # you, in the middle
    assert window.map.shown_count() == int(model.visible.sum())
    assert f"1st {truth['by_degree']['1']}" in window.counts_label.text()


def test_a_broken_archive_shows_the_importers_message(
    qtbot, make_window, db_path, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    broken = tmp_path / "broken.zip"
    broken.write_bytes(b"this is not a zip file")
    window = make_window()
    opened(qtbot, window, db_path)
    with qtbot.waitSignal(window.map_ready, timeout=30_000):
        window.importing.start_import([broken])
    assert window.tasks.last_error is not None and window.tasks.last_error.isVisible()
    assert "broken.zip" in window.tasks.last_error.text()
    assert window.stack.currentWidget() is window.welcome  # nothing half-written


def test_worker_errors_reach_the_error_dialog(qtbot, make_window, db_path) -> None:  # type: ignore[no-untyped-def]
    def crash(db: Database, *, progress: Any = None) -> None:
        raise RuntimeError("disk on fire")

    window = make_window(Backend(fill_demo=crash))
    opened(qtbot, window, db_path)
    with qtbot.waitSignal(window.workers.error, timeout=10_000):
        window.importing.start_demo()
    assert window.tasks.last_error is not None and window.tasks.last_error.isVisible()
    assert "disk on fire" in window.tasks.last_error.text()
    qtbot.waitUntil(lambda: window.current_task is None, timeout=10_000)
    assert not window.progress_bar.isVisible()


def test_unknown_owner_asks_for_the_profile_and_retries(
    qtbot, make_window, db_path, small_network
) -> None:  # type: ignore[no-untyped-def]
    calls: list[str | None] = []

    def importer(
        db: Database, paths: list[Path], *, owner_url: str | None = None, progress: Any = None
    ) -> list[str]:
        calls.append(owner_url)
        if owner_url is None:
            raise OwnerUnknown("x.zip", profile_name="Ada Owner")
        small_network(db, 5)
        return ["report"]

    window = make_window(Backend(import_paths=importer))
    opened(qtbot, window, db_path)
    window.importing.start_import([Path("x.zip")])
    qtbot.waitUntil(
        lambda: (
            isinstance(window.importing.owner_dialog, OwnerDialog)
            and window.importing.owner_dialog.isVisible()
        ),
        timeout=10_000,
    )
    dialog = window.importing.owner_dialog
    dialog.url.setText("not a profile")
    assert not dialog.buttons.buttons()[0].isEnabled()
    dialog.url.setText("https://www.linkedin.com/in/ada-owner/")
    # The map of the still-empty database (after the first, refused import) may arrive
    # after this point: wait for the map that shows the import.
    with qtbot.waitSignal(
        window.map_ready, timeout=20_000, check_params_cb=lambda model: len(model) == 6
    ) as blocker:
        dialog.accept()
    assert calls == [None, "https://www.linkedin.com/in/ada-owner/"]
    assert len(blocker.args[0]) == 6
    assert window.tasks.last_error is None


def test_dropping_an_archive_imports_it(qtbot, make_window, db_path, tmp_path) -> None:  # type: ignore[no-untyped-def]
    got: list[list[Path]] = []

    def importer(
        db: Database, paths: list[Path], *, owner_url: str | None = None, progress: Any = None
    ) -> list[str]:
        got.append(list(paths))
        return []

    archive = tmp_path / "export.zip"
    shutil.copy(SAMPLE_ZIP, archive)
    window = make_window(Backend(import_paths=importer))
    opened(qtbot, window, db_path)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(archive)), QUrl.fromLocalFile(str(tmp_path / "a.txt"))])
    event = QDropEvent(
        QPoint(10, 10),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
    )
    with qtbot.waitSignal(window.map_ready, timeout=10_000):
        window.dropEvent(event)
    assert got == [[archive]]  # the .txt is not importable and is left out


def test_theme_and_geometry_are_remembered(qtbot, make_window, settings) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    window.view.theme_actions["dark"].trigger()
    window.resize(700, 520)
    window.close()
    assert settings.theme == "dark"
    again = make_window()
    assert again.view.theme_actions["dark"].isChecked()
    assert (again.width(), again.height()) == (700, 520)


def test_demo_flag_opens_a_demo_database_of_its_own(
    qtbot, make_window, small_network, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    def fill(db: Database, *, progress: Any = None) -> None:
        small_network(db, 12, progress)

    window = make_window(Backend(fill_demo=fill))
    window.database.open_initial(None, demo=True)
    # Opening shows the empty database first, then the demo once the worker filled it.
    qtbot.waitUntil(lambda: window.model is not None and len(window.model) == 13, timeout=20_000)
    assert window.db is not None and window.db.url.endswith("demo.db")
    assert str(tmp_path) in window.db.url  # the data folder, redirected for tests


def test_unknown_owner_can_be_picked_from_the_people_known(
    qtbot, make_window, db_path, small_network
) -> None:  # type: ignore[no-untyped-def]
    from datetime import datetime

    from netview.store.db import open_database
    from netview.store.models import Person

    db = open_database(str(db_path))
    small_network(db, 6)  # Ada Owner (me-1), Person 2..7 (p-2..p-7)
    with db.session() as s:  # someone known only by member id: no profile address
        s.add(Person(id=99, key="urn:li:member:99", name="Person 5", created_at=datetime.now()))
    db.dispose()
    calls: list[str | None] = []

    def importer(
        db: Database, paths: list[Path], *, owner_url: str | None = None, progress: Any = None
    ) -> list[str]:
        calls.append(owner_url)
        if owner_url is None:
            raise OwnerUnknown("x.zip", profile_name="Person 5")
        return ["report"]

    window = make_window(Backend(import_paths=importer))
    opened(qtbot, window, db_path)
    window.importing.start_import([Path("x.zip")])
    qtbot.waitUntil(
        lambda: (
            window.importing.owner_dialog is not None and window.importing.owner_dialog.isVisible()
        ),
        timeout=10_000,
    )
    dialog = window.importing.owner_dialog
    shown = dialog.shown_people()
    assert len(shown) == 8  # everyone known
    # Profile.csv's name first (the member-id namesake too), then the others by name.
    assert {p.key for p in shown[:2]} == {"p-5", "urn:li:member:99"}
    assert [p.name for p in shown[2:]] == ["Ada Owner"] + [f"Person {i}" for i in (2, 3, 4, 6, 7)]
    # A typo still finds the person; the company narrows it down.
    # (The list is ranked again once typing pauses.)
    dialog.search.setText("persn 3")
    qtbot.waitUntil(lambda: dialog.shown_people()[0].key == "p-3", timeout=5000)
    dialog.search.setText("Co 1")
    qtbot.waitUntil(  # Co 1's, no one else
        lambda: {p.key for p in dialog.shown_people()} == {"p-4", "p-7"}, timeout=5000
    )
    # Someone without a profile address is listed but cannot be picked, and says why.
    dialog.search.setText("member 99")
    qtbot.waitUntil(
        lambda: "urn:li:member:99" in [p.key for p in dialog.shown_people()], timeout=5000
    )
    row = [p.key for p in dialog.shown_people()].index("urn:li:member:99")
    item = dialog.people.item(row)
    assert not item.flags() & Qt.ItemFlag.ItemIsEnabled
    assert "profile address" in item.toolTip()
    assert not dialog.pick("urn:li:member:99")
    assert not dialog.buttons.buttons()[0].isEnabled()
    dialog.search.setText("")
    qtbot.waitUntil(lambda: len(dialog.shown_people()) == 8, timeout=5000)
    assert dialog.pick("p-5")
    assert dialog.buttons.buttons()[0].isEnabled()
    with qtbot.waitSignal(window.map_ready, timeout=20_000):
        dialog.accept()
    qtbot.waitUntil(lambda: len(calls) == 2 and window.current_task is None, timeout=10_000)
    assert calls == [None, "https://www.linkedin.com/in/p-5"]
    assert window.tasks.last_error is None


def test_a_database_with_a_network_never_flashes_the_welcome_view(
    qtbot, make_window, db_path, small_network
) -> None:  # type: ignore[no-untyped-def]
    from netview.store.db import open_database

    db = open_database(str(db_path))
    small_network(db, 8)
    db.dispose()
    window = make_window()
    pages: list[object] = []
    window.stack.currentChanged.connect(lambda i: pages.append(window.stack.widget(i)))
    with qtbot.waitSignal(window.map_ready, timeout=20_000):
        window.database.open_initial(str(db_path))
        # At once: the loading state, not the welcome view and not an empty map.
        assert window.stack.currentWidget() is window.loading
        assert window.loading.isVisible() and "Opening" in window.loading.label.text()
        # The panels wait too, rather than asking to import an archive the database has.
        for panel in window.panels.values():
            assert panel.showing_empty and panel.empty.text().startswith("Loading")
    assert window.stack.currentWidget() is window.map
    assert window.welcome not in pages


def test_a_second_demo_run_opens_the_demo_without_refilling_it(
    qtbot, make_window, small_network
) -> None:  # type: ignore[no-untyped-def]
    from netview.store.db import default_database_path, open_database

    demo_db = open_database(str(default_database_path().with_name("demo.db")))
    small_network(demo_db, 5)
    demo_db.dispose()
    fills: list[object] = []
    window = make_window(Backend(fill_demo=lambda db, progress=None: fills.append(db)))
    with qtbot.waitSignal(window.map_ready, timeout=20_000):
        window.database.open_initial(None, demo=True)
    qtbot.waitUntil(lambda: not window.workers.busy, timeout=10_000)  # any fill has begun
    assert len(window.model) == 6 and fills == [] and window.tasks.last_error is None


def test_colour_by_is_remembered(qtbot, make_window, db_path, small_network) -> None:  # type: ignore[no-untyped-def]
    from netview.store.db import open_database

    db = open_database(str(db_path))
    small_network(db, 8)
    db.dispose()

    def colour_by(window):  # type: ignore[no-untyped-def]
        view = next(a.menu() for a in window.menuBar().actions() if a.text() == "&View")
        menu = next(a.menu() for a in view.actions() if a.text() == "&Colour By")
        return {a.text(): a for a in menu.actions()}

    window = make_window()
    with qtbot.waitSignal(window.map_ready, timeout=20_000):
        assert window.database.open_database(str(db_path))
    assert colour_by(window)["&Automatic"].isChecked()
    with qtbot.waitSignal(window.map_ready, timeout=20_000):
        colour_by(window)["Company"].trigger()
    assert window.map.model.grouping == "company"
    window.close()

    again = make_window()
    assert colour_by(again)["Company"].isChecked()
    with qtbot.waitSignal(again.map_ready, timeout=20_000):
        assert again.database.open_database(str(db_path))
    assert again.map.model.grouping == "company"
    # Issue 21.7: another database is not coloured by what was chosen for this one.
    other = db_path.with_name("other.db")
    db = open_database(str(other))
    small_network(db, 8)
    db.dispose()
    qtbot.waitUntil(lambda: not again.workers.busy, timeout=20_000)
    with qtbot.waitSignal(again.map_ready, timeout=20_000):
        assert again.database.open_database(str(other))
    assert colour_by(again)["&Automatic"].isChecked()
    assert again.map.model.grouping == "community" and again.document.grouping is None
    qtbot.waitUntil(lambda: not again.workers.busy, timeout=20_000)
    with qtbot.waitSignal(again.map_ready, timeout=20_000):
        assert again.database.open_database(str(db_path))  # back: Company is this one's again
    assert again.map.model.grouping == "company" and colour_by(again)["Company"].isChecked()


def test_a_map_that_fails_to_load_leaves_no_endless_loading_state(
    qtbot, make_window, db_path, small_network
) -> None:  # type: ignore[no-untyped-def]
    def broken(db: Database, **_: Any) -> Any:
        raise NetViewError("the map could not be read")

    from netview.store.db import open_database

    filled = open_database(db_path)
    small_network(filled, 5)  # a network to draw: the map is built, and fails
    filled.dispose()
    window = make_window(Backend(load_map=broken))
    with qtbot.waitSignal(window.workers.error, timeout=20_000):
        assert window.database.open_database(str(db_path))
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.welcome, timeout=5_000)
    assert (
        window.tasks.last_error is not None
        and "could not be read" in window.tasks.last_error.text()
    )


def test_the_next_launch_paints_last_launchs_map_before_the_load(
    qtbot, make_window, db_path, small_network
) -> None:  # type: ignore[no-untyped-def]
    from netview.store.db import open_database

    db = open_database(db_path)
    small_network(db, 30)
    db.dispose()
    first = opened(qtbot, make_window(), db_path)
    window = make_window()
    shown: list[Any] = []
    window.map_ready.connect(shown.append)
    # Opened (and migrated) in a worker; then painted from the cache at once, before the
    # load has finished.
    with qtbot.waitSignal(window.database.database_opened, timeout=10_000):
        assert window.database.open_database(str(db_path))
    assert window.document.document is not None and window.document.document.current is None
    assert len(shown) == 1 and shown[0].names == first.names
    assert window.stack.currentWidget() is window.map
    with qtbot.waitSignal(window.document.data_changed, timeout=20_000):
        pass
    assert len(shown) == 1  # the load found the same map: nothing redrawn


def test_the_import_dialog_opens_where_the_last_import_was(
    qtbot, make_window, db_path, tmp_path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    """Issue 21.7: it forgot the folder, and offered "Downloads" as a file name where no
    such folder exists."""
    from netview.ui import file_dialogs

    home = tmp_path / "someone"
    home.mkdir()
    monkeypatch.setattr(Path, "home", lambda: home)
    asked: list[str] = []
    chosen: list[str] = []

    def dialog(parent, title, folder, filters):  # type: ignore[no-untyped-def]
        asked.append(str(folder))
        return list(chosen)

    monkeypatch.setattr(file_dialogs, "choose_files", dialog)
    window = make_window()
    opened(qtbot, window, db_path)
    window.importing.choose_import()
    assert asked == [str(home)]  # no Downloads folder: home, never a missing folder
    (home / "Downloads").mkdir()
    window.importing.choose_import()
    assert asked[-1] == str(home / "Downloads")
    archives = tmp_path / "archives"
    archives.mkdir()
    shutil.copy(SAMPLE_ZIP, archives / SAMPLE_ZIP.name)
    chosen.append(str(archives / SAMPLE_ZIP.name))
    with qtbot.waitSignal(window.map_ready, timeout=60_000):
        window.importing.choose_import()
    qtbot.waitUntil(lambda: not window.workers.busy, timeout=20_000)
    chosen.clear()
    window.importing.choose_import()
    assert asked[-1] == str(archives)
    again = make_window()  # remembered across runs
    again.importing.choose_import()
    assert asked[-1] == str(archives)


def test_import_folder_opens_and_remembers_where_the_last_import_was(
    qtbot, make_window, tmp_path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    """File › Import Folder… opened wherever Qt liked and forgot the folder chosen."""
    from netview.ui import file_dialogs

    home = tmp_path / "someone"
    (home / "Downloads").mkdir(parents=True)
    monkeypatch.setattr(Path, "home", lambda: home)
    asked: list[str] = []
    imported: list[list[Path]] = []

    def dialog(parent, title, folder):  # type: ignore[no-untyped-def]
        asked.append(str(folder))
        return str(tmp_path / "unpacked" / "export")

    monkeypatch.setattr(file_dialogs, "choose_folder", dialog)
    window = make_window()
    monkeypatch.setattr(
        window.importing, "start_import", lambda paths: imported.append(list(paths))
    )
    window.importing.choose_import_folder()
    assert asked == [str(home / "Downloads")]
    assert imported == [[tmp_path / "unpacked" / "export"]]
    (tmp_path / "unpacked").mkdir()
    window.importing.choose_import_folder()
    assert asked[-1] == str(tmp_path / "unpacked")  # beside the folder imported last
