"""UI fixtures: settings in tmp_path, windows closed and no worker thread left behind."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path

import pytest
import shiboken6

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
    yield
    for workers in list(Workers.instances):
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
