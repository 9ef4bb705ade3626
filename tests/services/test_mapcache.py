"""The map kept on disk for the next start: shown only while it is the map of the data."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
from sqlalchemy import update
from tests.services.conftest import sample_zips
from tests.ui.conftest import fill_small_network

from netview.services.document import Document, same_map
from netview.services.importing.forget import forget
from netview.services.importing.importer import import_paths
from netview.services.mapping import mapcache
from netview.services.mapping.mapmodel import load_map_model
from netview.services.sharing.shared_view import Selection, picture_model
from netview.store.db import Database, open_database
from netview.store.models import Person


@pytest.fixture
def db(db_path: Path) -> Iterator[Database]:
    database = open_database(db_path)
    fill_small_network(database, 30)
    yield database
    database.dispose()


def first_start(db: Database) -> Document:
    doc = Document(db, cache=True)
    doc.publish(doc.load(doc.changed()))
    return doc


def test_the_cached_map_is_the_map_built_afresh(db: Database) -> None:
    assert mapcache.load(db) is None  # never started
    first_start(db)
    cached = mapcache.load(db)
    fresh = load_map_model(db)
    assert cached is not None and len(cached) == 31
    assert np.array_equal(cached.xy, fresh.xy)
    assert np.array_equal(cached.colors, fresh.colors)
    assert cached.names == fresh.names and cached.keys == fresh.keys
    assert [e.name for e in cached.legend] == [e.name for e in fresh.legend]
    assert same_map(cached, fresh)
    path = mapcache.cache_path(db)
    assert path is not None and path.parent == mapcache.cache_folder()
    assert not list(Path(db.url.removeprefix("sqlite:///")).parent.glob("*.npz"))


def test_second_start_shows_the_cached_map_then_keeps_it(db: Database) -> None:
    first_start(db)
    doc = Document(db, cache=True)
    assert doc.preview is not None and doc.model is doc.preview  # painted before any load
    snap = doc.load(doc.changed())
    assert snap.model is doc.preview  # the same picture: no redraw
    assert snap.model.net is not None  # tooltips get their ties once the load is in


def test_a_start_on_unchanged_data_groups_and_lays_out_nothing(db: Database) -> None:
    first_start(db)
    built: list[str | None] = []

    def build(d: Database, ln: object, by: str | None) -> object:
        built.append(by)
        return load_map_model(d, by=by, loaded=ln)  # type: ignore[arg-type]

    doc = Document(db, cache=True, build_map=build)  # type: ignore[arg-type]
    snap = doc.load(doc.changed())
    assert built == []  # the kept map is the map of this very data
    assert snap.model is doc.preview and snap.model.net is snap.network.net  # type: ignore[union-attr]
    assert len(snap.model.since) == len(snap.model)  # the time control has its days
    # Colouring it another way still builds that map.
    doc.publish(snap)
    doc.regroup("company")
    assert built == ["company"]


def test_an_edit_after_the_cache_was_written_never_shows_the_old_map(db: Database) -> None:
    first_start(db)
    with db.write() as s:  # same length name: the file size alone would not tell
        s.execute(update(Person).where(Person.id == 2).values(name="Person Z"))
    assert mapcache.load(db) is None
    doc = Document(db, cache=True)
    assert doc.preview is None and len(doc.model) == 0
    snap = doc.load(doc.changed())
    assert "Person Z" in snap.model.names
    again = mapcache.load(db)
    assert again is not None and "Person Z" in again.names and "Person 2" not in again.names


def test_an_import_after_the_cache_was_written_never_shows_the_old_map(db_path: Path) -> None:
    zips = sample_zips("network-2024")
    db = open_database(db_path)
    try:
        import_paths(db, zips[:1])  # the owner's own archive first
        first_start(db)
        before = mapcache.load(db)
        assert before is not None
        import_paths(db, zips[1:])  # then the colleagues' archives
        assert mapcache.load(db) is None
        doc = Document(db, cache=True)
        snap = doc.load(doc.changed())
        assert len(snap.model) > len(before)
    finally:
        db.dispose()


def test_another_colouring_is_not_cached(db: Database) -> None:
    doc = Document(db, cache=True)
    doc.publish(doc.load(doc.changed(), "company"))
    assert mapcache.load(db) is None


def test_an_unreadable_cache_file_is_rebuilt(db: Database) -> None:
    first_start(db)
    path = mapcache.cache_path(db)
    assert path is not None
    path.write_bytes(b"not a cache")
    assert mapcache.load(db) is None
    first_start(db)
    assert mapcache.load(db) is not None


def test_forgetting_a_source_removes_the_kept_map(db_path: Path) -> None:
    zips = sample_zips("network-2024")
    db = open_database(db_path)
    try:
        import_paths(db, zips)
        first_start(db)
        path = mapcache.cache_path(db)
        assert path is not None and path.exists()
        forget(db, zips[-1].name)
        assert not path.exists()
    finally:
        db.dispose()


def test_the_map_of_a_deleted_database_goes_at_the_next_save(tmp_path: Path) -> None:
    dbs = []
    for name in ("a.db", "b.db"):
        database = open_database(tmp_path / name)
        fill_small_network(database, 5)
        dbs.append(database)
    a, b = dbs
    first_start(a)
    kept = mapcache.cache_path(a)
    assert kept is not None and kept.exists()
    a.dispose()
    (tmp_path / "a.db").unlink()
    first_start(b)
    assert not kept.exists()
    assert mapcache.load(b) is not None
    b.dispose()


def test_a_change_of_the_map_code_never_shows_the_old_map(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Layout code changed without a version bump (a development tree, a patched install):
    the kept map is not shown, but still anchors the new layout (people stay put)."""
    first_start(db)
    assert mapcache.load(db) is not None
    real = mapcache._source

    def edited(name: str) -> str | None:
        text = real(name)
        return text + "\nTURN = 0.1\n" if name == "netview.graph.layout" and text else text

    with monkeypatch.context() as patch:
        patch.setattr(mapcache, "_source", edited)
        mapcache.layout_fingerprint.cache_clear()
        try:
            assert mapcache.load(db) is None  # the app's next start paints no stale map
            assert mapcache.load(db, any_data=True) is not None  # what the new layout keeps
        finally:
            mapcache.layout_fingerprint.cache_clear()
    assert mapcache.load(db) is not None  # the same code again: the same map


def test_the_map_code_is_what_groups_lays_out_and_loads_the_map() -> None:
    code = mapcache.map_code()
    assert code is not None
    for module in (
        "netview.services.mapping.mapmodel",
        "netview.services.mapping.mapshape",
        "netview.services.people.groups",
        "netview.services.asof",
        "netview.services.network",
        "netview.graph.layout",
        "netview.graph.groups",
        "netview.graph.network",
        "netview.store.network",
    ):
        assert module in code, module
    assert not [name for name in code if name.startswith("netview.ui")]
    assert "def degree_layout(" in code["netview.graph.layout"]


def test_without_sources_the_version_alone_keys_the_map(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A frozen app ships no sources: the cache still works, keyed by the version."""
    monkeypatch.setattr(mapcache, "_source", lambda name: None)
    mapcache.layout_fingerprint.cache_clear()
    try:
        assert mapcache.layout_fingerprint() == ""
        first_start(db)
        assert mapcache.load(db) is not None
    finally:
        mapcache.layout_fingerprint.cache_clear()


def test_a_new_layout_version_never_shows_the_old_map_even_without_sources(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A frozen app of the same version whose layout changed (LAYOUT_VERSION bumped)."""
    monkeypatch.setattr(mapcache, "_source", lambda name: None)
    mapcache.layout_fingerprint.cache_clear()
    try:
        first_start(db)
        assert mapcache.load(db) is not None
        monkeypatch.setattr(mapcache, "LAYOUT_VERSION", mapcache.LAYOUT_VERSION + 1)
        assert mapcache.load(db) is None  # not shown as the map
        assert mapcache.load(db, any_data=True) is not None  # still anchors the new layout
    finally:
        mapcache.layout_fingerprint.cache_clear()


def test_a_picture_from_the_command_line_is_the_map_the_app_kept(db: Database) -> None:
    # `netview render` and `netview export png` draw people where the app shows them: the
    # map it kept, not a layout of their own. Here the kept map differs from any layout of
    # this data (one person a third further out), so only the kept map itself gives it.
    first_start(db)
    key = mapcache.cache_key(db)
    kept = mapcache.load(db)
    assert key is not None and kept is not None and kept.own_evidence is False
    xy = kept.xy.copy()
    xy[5] *= 1.3
    shown = replace(kept, xy=xy)
    mapcache.save(db, shown, key)
    laid_out = load_map_model(db, previous=shown)  # what a layout here gives
    assert not np.allclose(laid_out.xy, shown.xy)
    picture = picture_model(db, Selection())
    assert picture.keys == shown.keys
    assert np.allclose(picture.xy, shown.xy)
    # A kept map made with your own calendar or mailbox is not the picture's map: it is
    # laid out from what may be shared, keeping the kept map's angles.
    marked = replace(shown, own_evidence=True, group_names=["Kept map"] * len(shown.group_names))
    mapcache.save(db, marked, key)
    picture = picture_model(db, Selection())
    assert "Kept map" not in picture.group_names and picture.keys == shown.keys
    # Nor one kept by an older version, which did not say.
    mapcache.save(db, replace(marked, own_evidence=None), key)
    assert "Kept map" not in picture_model(db, Selection()).group_names


def test_a_map_kept_by_an_older_version_learns_whether_it_holds_your_evidence(
    db: Database,
) -> None:
    # Kept before maps said so: the next start on the same data says it, so pictures
    # from the command line can take it as the app's map from then on.
    first_start(db)
    key = mapcache.cache_key(db)
    kept = mapcache.load(db)
    assert key is not None and kept is not None
    mapcache.save(db, replace(kept, own_evidence=None), key)
    doc = Document(db, cache=True)
    snap = doc.load(doc.changed())
    assert snap.model is doc.preview  # still the kept map, not laid out again
    again = mapcache.load(db)
    assert again is not None and again.own_evidence is False


def test_a_start_on_unchanged_data_takes_the_kept_maps_communities(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The Groups and Insights panels name the communities the map shows without running
    Leiden again after the load (a third of a second at 60,000 people)."""
    from netview.services.people import groups

    first_start(db)
    doc = Document(db, cache=True)

    def leiden(*args: object, **kwargs: object) -> object:
        raise AssertionError("communities found again")

    monkeypatch.setattr(groups, "communities", leiden)
    snap = doc.load(doc.changed())
    assert snap.model is doc.preview and snap.model.grouping == "community"
    index, labels = groups.community_groups(snap.network)  # type: ignore[arg-type]
    assert labels == snap.model.raw_labels and len(labels) >= 2
    assert np.array_equal(index, snap.model.raw_group)
