"""Importing one more colleague's archive keeps the map the user knows: people stay at
their angles around you, newcomers go beside their connectors, rings keep meaning degree."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest

from netview.core.progress import Progress
from netview.demo import generate_archives
from netview.services.importing.importer import import_paths
from netview.services.mapping.mapmodel import OTHERS, MapModel, load_map_model
from netview.services.network import LoadedNetwork, load_network
from netview.store.db import Database, open_database


@pytest.fixture(scope="module")
def grown(tmp_path_factory: pytest.TempPathFactory) -> tuple[Database, MapModel]:
    """Your archive and five colleagues' imported and mapped, then a sixth colleague's."""
    folder: Path = tmp_path_factory.mktemp("stable")
    paths = generate_archives(folder / "zips", 2000, 7, archives=7)
    db = open_database(folder / "net.db")
    import_paths(db, paths[:6])
    before = load_map_model(db)
    import_paths(db, paths[6:])
    return db, before


def _moves(before: MapModel, after: MapModel) -> np.ndarray:
    """Degrees each person on rings 1-3 of `before` turned around you."""
    index = {k: i for i, k in enumerate(after.keys)}
    was = np.flatnonzero((before.degree > 0) & (before.degree < OTHERS))
    now = np.array([index[before.keys[i]] for i in was])
    a0 = np.arctan2(before.xy[was, 1], before.xy[was, 0])
    a1 = np.arctan2(after.xy[now, 1], after.xy[now, 0])
    return np.degrees(np.abs((a1 - a0 + math.pi) % (2 * math.pi) - math.pi))


def test_one_more_archive_moves_people_little(grown: tuple[Database, MapModel]) -> None:
    db, before = grown
    after = load_map_model(db, previous=before)
    assert len(after) > len(before) + 100  # the sixth archive brought people
    moved = _moves(before, after)
    assert float(np.median(moved)) <= 5.0
    assert float((moved > 20).mean()) <= 0.10
    # Without the previous map the layout starts afresh (what View > Re-layout does), and
    # that is what moved people before: the measure above would fail on it.
    fresh = _moves(before, load_map_model(db))
    assert float(np.median(fresh)) > 20.0


def test_rings_keep_meaning_degree(grown: tuple[Database, MapModel]) -> None:
    db, before = grown
    after = load_map_model(db, previous=before)
    r = np.hypot(after.xy[:, 0], after.xy[:, 1])
    for d in (1, 2):
        assert r[after.degree == d].max() < r[after.degree == d + 1].min()


def test_newcomers_sit_beside_a_connector(grown: tuple[Database, MapModel]) -> None:
    db, before = grown
    after = load_map_model(db, previous=before)
    net = after.net
    assert net is not None
    old = set(before.keys)
    new = np.array(
        [i for i, k in enumerate(after.keys) if k not in old and 2 <= after.degree[i] < OTHERS]
    )
    assert new.size > 50
    who, conn = net.connector_table()
    angle = np.arctan2(after.xy[:, 1], after.xy[:, 0])
    apart = np.degrees(np.abs((angle[who] - angle[conn] + math.pi) % (2 * math.pi) - math.pi))
    near = np.zeros(net.n, np.bool_)
    np.logical_or.at(near, who, apart <= 25)
    assert near[new].mean() >= 0.9


def test_the_app_keeps_the_map_of_its_last_start_across_an_import(tmp_path: Path) -> None:
    """The map kept on disk at the last start anchors the first layout after data arrived
    from elsewhere (here an import while the app was closed); Re-layout starts afresh."""
    from netview.services.document import Document

    paths = generate_archives(tmp_path / "zips", 1200, 3, archives=7)
    db = open_database(tmp_path / "net.db")
    import_paths(db, paths[:6])
    first = Document(db, cache=True)
    first.publish(first.load(first.changed()))
    before = first.model
    import_paths(db, paths[6:])
    reads: list[int] = []

    def load(db: Database, progress: Progress) -> LoadedNetwork:
        reads.append(1)
        return load_network(db, progress=progress)

    doc = Document(db, cache=True, load=load)
    assert doc.preview is None  # the data changed: the kept map is not shown as it is
    doc.publish(doc.load(doc.changed()))
    assert len(doc.model) > len(before)
    assert float(np.median(_moves(before, doc.model))) <= 5.0
    assert doc.model.anchored
    again = doc.load(doc.changed(), fresh=True)
    assert float(np.median(_moves(before, again.model))) > 5.0
    # View > Re-layout Map (and Reset View on a kept map): afresh, without a reload.
    loads = len(reads)
    doc.changed()
    fresh = doc.relayout()
    assert len(reads) == loads and not fresh.model.anchored
    assert np.allclose(fresh.model.xy, load_map_model(db).xy)
    db.dispose()


def test_groups_keep_their_colours(grown: tuple[Database, MapModel]) -> None:
    db, before = grown
    after = load_map_model(db, previous=before)
    was = dict(zip(before.group_names, before.group_colors, strict=True))
    now = dict(zip(after.group_names, after.group_colors, strict=True))
    both = [g for g in was if g in now and g != "Other"]
    assert len(both) >= 3
    assert all(tuple(now[g]) == tuple(was[g]) for g in both)
    kept = [tuple(now[g]) for g in now if g != "Other"]
    assert len(set(kept)) == len(kept)  # a new group takes a colour nobody has
