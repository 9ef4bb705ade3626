"""UI fixtures: settings in tmp_path, windows closed and no worker thread left behind."""

from __future__ import annotations

import weakref
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
import shiboken6
from tests.samples import sample_zips

# `team`: a fresh team database, its members added, none imported yet (the window's team
# tests take the upgrade tests' own).
from tests.store.test_team_upgrade import team  # noqa: F401

from netview.store.db import Database
from netview.store.models import Meta, Person, Tie
from netview.ui.backend import Backend
from netview.ui.main_window import MainWindow
from netview.ui.settings import Settings
from netview.ui.workers import Workers


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(tmp_path / "config" / "NetView.ini")


@pytest.fixture(autouse=True)
def _no_thread_left(qapp: object) -> Iterator[None]:
    # Every pool set the test makes (a window's, or one of its own), seen as it is made.
    made: weakref.WeakSet[Workers] = weakref.WeakSet()
    real_init = Workers.__init__

    def init(self: Workers, *args: Any, **kwargs: Any) -> None:
        real_init(self, *args, **kwargs)
        made.add(self)

    # A MonkeyPatch of its own: a test's monkeypatch.undo() must not stop the count.
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(Workers, "__init__", init)
        yield
    for workers in list(made):
        if not shiboken6.isValid(workers):
            continue  # deleted with its window: QThreadPool's destructor joined its threads
        # A test may end while a pool is winding down; it must not stay busy.
        assert workers.wait(10_000), "a worker was still running after the test"
        assert workers.running_threads() == 0


@pytest.fixture
def make_window(qtbot, settings: Settings) -> Iterator[Callable[..., MainWindow]]:  # type: ignore[no-untyped-def]
    made: list[MainWindow] = []

    def make(backend: Backend | None = None) -> MainWindow:
        window = MainWindow(settings, backend)
        qtbot.addWidget(window)
        window.show()
        made.append(window)
        return window

    yield make
    for window in made:
        window.workers.cancel_all()
        assert window.workers.wait(10_000)


@pytest.fixture
def small_network() -> Callable[..., int]:
    return fill_small_network


def fill_small_network(db: Database, people: int, progress: object = None) -> int:
    """Fill `db` with an owner, `people` 1st-degree contacts and a few ties among them."""
    now = datetime(2026, 1, 1)
    with db.session() as s:
        me = Person(id=1, key="me-1", name="Ada Owner", created_at=now)
        s.add(me)
        for i in range(2, people + 2):
            s.add(
                Person(
                    id=i,
                    key=f"p-{i}",
                    name=f"Person {i}",
                    company=f"Co {i % 3}",
                    position="Engineer",
                    created_at=now,
                )
            )
        s.flush()
        for i in range(2, people + 2):
            s.add(Tie(a_id=1, b_id=i))
            if i + 1 < people + 2 and i % 2 == 0:
                s.add(Tie(a_id=i, b_id=i + 1))
            if progress is not None:
                progress.report((i - 1) / people, f"Person {i}")  # type: ignore[attr-defined]
        s.add(Meta(key="me_person_id", value="1"))
    return people + 1


# --- a real sample network for the panels ----------------------------------------------------


@pytest.fixture(scope="session")
def _network_2024_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """network-2024 imported once per session (owner's archive first); tests get a copy."""
    from netview.services.importing.importer import import_paths
    from netview.store.db import open_database

    path = tmp_path_factory.mktemp("template") / "network-2024.db"
    db = open_database(str(path))
    import_paths(db, sample_zips("network-2024"))
    db.dispose()
    return path


@pytest.fixture
def sample_db(_network_2024_template: Path, tmp_path: Path) -> Path:
    import shutil

    path = tmp_path / "sample.db"
    shutil.copy(_network_2024_template, path)
    return path


@pytest.fixture
def sample_window(qtbot, make_window, sample_db: Path):  # type: ignore[no-untyped-def]
    """A window on the sample, every panel filled; map calls recorded in `window.map_calls`
    (and passed on to the map)."""
    window = make_window()
    calls: list[tuple[str, object]] = []
    window.map_calls = calls
    real_show, real_clear = window.map.show_path, window.map.clear_path

    def show_path(keys: list[str]) -> list[int]:
        calls.append(("show_path", list(keys)))
        return list(real_show(keys))

    def clear_path() -> None:
        calls.append(("clear_path", None))
        real_clear()

    window.map.show_path = show_path
    window.map.clear_path = clear_path
    real_hide = window.map.set_hidden_keys

    def set_hidden_keys(keys: set[str]) -> None:
        calls.append(("set_hidden_keys", set(keys)))
        real_hide(keys)

    window.map.set_hidden_keys = set_hidden_keys
    panels = list(window.panels.values())
    with qtbot.waitSignals([p.updated for p in panels], timeout=20_000):
        assert window.database.open_database(str(sample_db))
    return window


@pytest.fixture
def reference(sample_db: Path) -> Iterator[tuple[Database, Any]]:
    """The sample database opened beside the window, with its network as services see it."""
    from netview.services.network import load_network
    from netview.store.db import open_database

    db = open_database(str(sample_db))
    yield db, load_network(db)
    db.dispose()
