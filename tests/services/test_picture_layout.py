"""A picture (`netview render`, `export png`, File > Export) shows people where the window
has them: laid out around the map the window shows, not afresh."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest

from netview.demo import generate_archives
from netview.services.document import Document
from netview.services.importing.importer import import_paths
from netview.services.mapping.mapmodel import OTHERS, MapModel, load_map_model
from netview.services.sharing.shared_view import Selection, picture_model
from netview.store.db import open_database


def _turns(a: MapModel, b: MapModel) -> np.ndarray:
    """Degrees each person on rings 1-3 of `a` (and on `b`) is turned around you in `b`."""
    index = {k: i for i, k in enumerate(b.keys)}
    was = [i for i in np.flatnonzero((a.degree > 0) & (a.degree < OTHERS)) if a.keys[i] in index]
    now = np.array([index[a.keys[i]] for i in was])
    a0 = np.arctan2(a.xy[was, 1], a.xy[was, 0])
    a1 = np.arctan2(b.xy[now, 1], b.xy[now, 0])
    return np.degrees(np.abs((a1 - a0 + math.pi) % (2 * math.pi) - math.pi))


def _window_map(db_path: Path) -> MapModel:
    """The map the app shows on opening the database (and keeps for its next start)."""
    db = open_database(db_path)
    try:
        doc = Document(db, cache=True)
        doc.publish(doc.load(doc.changed()))
        return doc.model
    finally:
        db.dispose()


def _render_model(db_path: Path) -> MapModel:
    """The model `netview render` and `netview export png` draw (no window running)."""
    db = open_database(db_path)
    try:
        return picture_model(db, Selection())
    finally:
        db.dispose()


@pytest.fixture(scope="module")
def archives(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    return generate_archives(tmp_path_factory.mktemp("zips"), 1200, 3, archives=7)


def test_a_render_after_an_import_keeps_people_where_the_window_has_them(
    archives: list[Path], tmp_path: Path
) -> None:
    path = tmp_path / "net.db"
    db = open_database(path)
    import_paths(db, archives[:6])
    db.dispose()
    before = _window_map(path)  # the user looks at the map, closes the app
    db = open_database(path)
    import_paths(db, archives[6:])  # and imports one more colleague's archive
    fresh = load_map_model(db, evidence=False)
    db.dispose()
    picture = _render_model(path)  # `netview render` before the app opens again
    assert len(picture) > len(before) + 50
    moved = _turns(before, picture)
    assert float(np.median(moved)) <= 5.0 and float((moved > 20).mean()) <= 0.10
    # A fresh layout is what the picture was before: it would fail the measure above.
    assert float(np.median(_turns(before, fresh))) > 20.0
    # The window, opened again, shows what the picture showed.
    window = _window_map(path)
    assert window.keys == picture.keys
    assert float(np.percentile(_turns(window, picture), 95)) <= 1.0


def test_the_picture_of_an_unchanged_database_is_the_window_map(
    archives: list[Path], tmp_path: Path
) -> None:
    path = tmp_path / "net.db"
    db = open_database(path)
    import_paths(db, archives)
    db.dispose()
    window = _window_map(path)
    picture = _render_model(path)
    assert picture.keys == window.keys
    assert picture.group_names == window.group_names
    assert float(np.percentile(_turns(window, picture), 95)) <= 1.0
    # Radii too: every person is on the same ring, at the same distance from you.
    r_window = np.hypot(window.xy[:, 0], window.xy[:, 1])
    r_picture = np.hypot(picture.xy[:, 0], picture.xy[:, 1])
    scale = float(np.median(r_picture[1:] / np.maximum(r_window[1:], 1e-9)))
    assert scale == pytest.approx(1.0, rel=0.05)


def test_a_window_picture_without_your_own_evidence_keeps_the_window_layout(
    tmp_path: Path,
) -> None:
    """File > Export picture: the window's map holds ties from your calendar and mailbox, so
    the picture is laid out again without them, around the window's map."""
    from tests.services.conftest import sample_zips
    from tests.services.evidencekit import paths

    db = open_database(tmp_path / "mine.db")
    try:
        import_paths(db, sample_zips("network-2026"))
        import_paths(db, paths())
        doc = Document(db, cache=True)
        doc.publish(doc.load(doc.changed()))
        assert doc.network is not None and doc.network.own_evidence
        picture = picture_model(db, Selection(), loaded=doc.network, model=doc.model)
    finally:
        db.dispose()
    shared = set(picture.keys) & set(doc.model.keys)
    assert len(shared) > 20
    turned = _turns(doc.model, picture)
    assert float(np.median(turned)) <= 2.0 and float((turned > 20).mean()) <= 0.10
