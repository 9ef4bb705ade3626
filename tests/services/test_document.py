"""The document: one network load per change, shared by the map; older loads cancelled."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from tests.ui.conftest import fill_small_network

from netview.core.errors import Cancelled
from netview.core.progress import Progress
from netview.services.document import Document
from netview.services.mapping.mapmodel import MapModel, load_map_model
from netview.services.network import LoadedNetwork, load_network
from netview.store.db import Database, open_database


@pytest.fixture
def db(db_path: Path) -> Iterator[Database]:
    database = open_database(db_path)
    fill_small_network(database, 12)
    yield database
    database.dispose()


class Counting:
    def __init__(self) -> None:
        self.loads = 0
        self.maps: list[str | None] = []

    def load(self, db: Database, progress: Progress) -> LoadedNetwork:
        self.loads += 1
        return load_network(db, progress=progress)

    def build(
        self,
        db: Database,
        ln: LoadedNetwork,
        grouping: str | None,
        previous: MapModel | None = None,
    ) -> MapModel:
        self.maps.append(grouping)
        return load_map_model(db, grouping, loaded=ln, previous=previous)


def test_a_change_loads_the_network_once_for_the_map_and_the_panels(db: Database) -> None:
    c = Counting()
    doc = Document(db, load=c.load, build_map=c.build)
    snap = doc.load(doc.changed())
    assert doc.publish(snap)
    assert c.loads == 1 and c.maps == [None]
    assert doc.network is snap.network and snap.network is not None
    assert doc.model.net is snap.network.net  # the map is drawn from the same load
    assert len(doc.model) == 13 == snap.network.net.n


def test_an_edit_the_map_does_not_draw_keeps_the_map(db: Database) -> None:
    c = Counting()
    doc = Document(db, load=c.load, build_map=c.build)
    first = doc.load(doc.changed())
    doc.publish(first)
    second = doc.load(doc.changed(), keep_map=True)
    assert doc.publish(second)
    assert c.loads == 2 and c.maps == [None]  # the panels' network is new, the map is not
    assert doc.model is first.model and doc.network is second.network


def test_colouring_the_map_another_way_reloads_nothing(db: Database) -> None:
    c = Counting()
    doc = Document(db, load=c.load, build_map=c.build)
    doc.publish(doc.load(doc.changed()))
    doc.changed()
    assert doc.publish(doc.regroup("company"))
    assert doc.model.grouping == "company"
    doc.changed()
    by_default = doc.regroup(None)
    assert c.loads == 1 and c.maps == [None, "company"]  # the first map was kept
    assert doc.publish(by_default)


def test_a_load_for_an_older_generation_is_cancelled_not_just_ignored(db: Database) -> None:
    entered, go_on = threading.Event(), threading.Event()
    c = Counting()

    def slow_load(database: Database, progress: Progress) -> LoadedNetwork:
        entered.set()
        go_on.wait(10)
        return c.load(database, progress)  # it stops at its first check

    doc = Document(db, load=slow_load, build_map=c.build)
    outcome: list[object] = []

    def worker(generation: int) -> None:
        try:
            outcome.append(doc.load(generation))
        except Cancelled as exc:
            outcome.append(exc)

    thread = threading.Thread(target=worker, args=(doc.changed(),))
    thread.start()
    assert entered.wait(10)
    newer = doc.changed()  # an edit landed while the first load was reading
    go_on.set()
    thread.join(10)
    assert isinstance(outcome[0], Cancelled)
    assert c.loads == 1 and c.maps == []  # it stopped before laying out a map nobody will see
    snap = doc.load(newer)
    assert doc.publish(snap) and doc.current is snap


def test_an_outdated_snapshot_is_never_published(db: Database) -> None:
    doc = Document(db)
    old = doc.load(doc.changed())
    doc.changed()
    assert not doc.publish(old)
    assert doc.current is None and len(doc.model) == 0


def test_an_empty_database_has_no_network_and_an_empty_map(db_path: Path) -> None:
    empty = open_database(db_path.with_name("empty.db"))
    try:
        doc = Document(empty)
        assert doc.publish(doc.load(doc.changed()))
        assert doc.network is None and len(doc.model) == 0
    finally:
        empty.dispose()
