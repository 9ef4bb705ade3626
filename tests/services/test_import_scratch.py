"""A Connections.csv past merge.SCRATCH_FROM rows is spooled to disk as it is read and
merged through a scratch table: that gives the very people, aliases, ties and interactions
the in-memory path gives, and the same report."""

from __future__ import annotations

import gc
import tempfile
from pathlib import Path
from typing import Any

import pytest
from tests.services.conftest import SAMPLES, Cli, sample_zips, truth
from tests.services.test_identity_order import ARCHIVES, snapshot

from netview.core import ids
from netview.core.errors import NetViewError
from netview.io import spool
from netview.services.importing import merge
from netview.services.importing.importer import import_paths
from netview.store import import_scratch
from netview.store.db import open_database

ROBIN = "https://www.linkedin.com/in/robin-quill-42"
# Each step is one `netview import` (paths, --owner-url).
Steps = list[tuple[list[Path], str | None]]
SCENARIOS: dict[str, Steps] = {
    # Your archive and three colleagues' (messages, invitations, endorsements naming your
    # connections: those rows meet the other files one by one).
    "network-2024": [(sample_zips("network-2024"), None)],
    # A 2018 archive without URLs, then newer ones with them: people known by name only
    # receive their profile keys, URNs become aliases.
    "identity": [
        ([ARCHIVES / "robin-2018"], None),
        ([ARCHIVES / "robin-2023"], ROBIN),
        ([ARCHIVES / "robin-2024"], None),
        ([ARCHIVES / "olga-2023"], "https://www.linkedin.com/in/olga-haddad-13dde"),
        ([ARCHIVES / "wei-2023"], "https://www.linkedin.com/in/wei-zhang-9"),
    ],
    # A newer archive of the same owner: known people updated, new and gone connections.
    "history": [
        (sample_zips("network-2026"), None),
        (sorted((SAMPLES.parent / "history" / "later-2026").glob("*.zip")), None),
    ],
}


def _build(steps: Steps) -> tuple[dict[str, Any], list[list[dict[str, Any]]]]:
    with tempfile.TemporaryDirectory() as tmp:
        db = open_database(Path(tmp) / "t.db")
        try:
            reports = [
                [r.to_dict() for r in import_paths(db, paths, owner_url=owner)]
                for paths, owner in steps
            ]
            return snapshot(db), reports
        finally:
            db.dispose()


@pytest.mark.parametrize("name", sorted(SCENARIOS))
def test_the_scratch_path_gives_the_same_network(
    name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    in_memory = _build(SCENARIOS[name])
    assert in_memory[0]["people"] and in_memory[0]["ties"]
    monkeypatch.setattr(merge, "SCRATCH_FROM", 0)
    monkeypatch.setattr(spool, "KEEP", 2)  # and the rows go through the spool's file
    monkeypatch.setattr(spool, "BLOCK", 3)
    made: list[int] = []
    simple: list[int] = []
    rekeyed: list[Any] = []
    create, number_new, place = (
        import_scratch.create,
        import_scratch.number_new,
        import_scratch.place,
    )

    def counted_create(*args: Any) -> Any:
        made.append(1)
        return create(*args)

    def counted_new(session: Any, table: Any, first: int) -> int:
        simple.append(import_scratch.simple_count(session, table))
        return number_new(session, table, first)

    def counted_place(session: Any, table: Any, placed: Any) -> None:
        rekeyed.extend(placed)
        place(session, table, placed)

    monkeypatch.setattr(import_scratch, "create", counted_create)
    monkeypatch.setattr(import_scratch, "number_new", counted_new)
    monkeypatch.setattr(import_scratch, "place", counted_place)
    scratch = _build(SCENARIOS[name])
    assert made, "the scratch path was not taken"
    # Rows were merged by the scratch table's statements, not all one by one.
    assert sum(simple) > 0
    if name == "identity":
        # robin-2023 names with a URL someone robin-2018 knew by name only: handed the slug.
        assert rekeyed
    assert scratch == in_memory


def test_a_database_of_the_scratch_path_reimports_as_unchanged(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(merge, "SCRATCH_FROM", 0)
    monkeypatch.setattr(spool, "KEEP", 2)
    db = open_database(tmp_path / "t.db")
    try:
        archives = sample_zips("network-2024")
        import_paths(db, archives)
        before = snapshot(db)
        again = import_paths(db, archives)
        assert [r.status for r in again] == ["unchanged"] * len(archives)
        assert snapshot(db) == before
        # The scratch table went with its transaction.
        with db.session() as s:
            tables = s.connection().exec_driver_sql("SELECT name FROM sqlite_temp_master")
            assert import_scratch.NAME not in {t for (t,) in tables}
    finally:
        db.dispose()


def test_an_import_leaves_no_caches_filled_and_the_collector_as_it_was(tmp_path: Path) -> None:
    db = open_database(tmp_path / "t.db")
    try:
        # Off in the test suite as in the app (tests/conftest.py): an import pauses it and
        # then leaves it as it was, on or off.
        for enabled in (True, False):
            if enabled:
                gc.enable()
            else:
                gc.disable()
            import_paths(db, sample_zips("network-2024"))
            assert gc.isenabled() == enabled
        gc.enable()
        assert ids.name_key.cache_info().currsize == 0
        assert ids.any_key("https://www.linkedin.com/in/x") == "x"  # still answers
        # A failed import too: the collector runs again, the caches are empty.
        bad = tmp_path / "Connections.csv"
        bad.write_text('First Name,Last Name,URL,Connected On\n"Ann,Lee,\n', encoding="utf-8")
        with pytest.raises(NetViewError):
            import_paths(db, [*sample_zips("network-2026")[:1], bad])
        assert gc.isenabled()
        assert ids.name_key.cache_info().currsize == 0
    finally:
        db.dispose()


# A tie's two people by key, in key order (a_id < b_id follows the ids).
_PAIR = (
    "CASE WHEN a.key < b.key THEN a.key ELSE b.key END, "
    "CASE WHEN a.key < b.key THEN b.key ELSE a.key END"
)
# What a user sees, by identity key (row ids may be numbered in another order).
VIEWS = {
    "people": "SELECT key, name, company, position, email, url, info_rank, info_as_of FROM person",
    "ties": f"SELECT {_PAIR}, t.connected_on FROM tie t "
    "JOIN person a ON a.id = t.a_id JOIN person b ON b.id = t.b_id",
    "tie sources": f"SELECT {_PAIR}, s.connected_on, s.source_id FROM tie_source s "
    "JOIN tie t ON t.id = s.tie_id JOIN person a ON a.id = t.a_id JOIN person b ON b.id = t.b_id",
    "person sources": "SELECT p.key, s.source_id FROM person_source s "
    "JOIN person p ON p.id = s.person_id",
    "interactions": "SELECT i.kind, i.occurred_at, p.key FROM interaction i "
    "JOIN person p ON p.id = i.actor_id",
}


def test_the_scratch_path_on_either_backend(cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    archives = sample_zips("network-2024")
    cli.json("import", *archives)
    whole = {name: sorted(map(repr, cli.rows(sql))) for name, sql in VIEWS.items()}
    monkeypatch.setattr(merge, "SCRATCH_FROM", 0)
    monkeypatch.setattr(spool, "KEEP", 2)
    scratch = cli.fresh("scratch")
    scratch.json("import", *archives)
    assert scratch.json("stats")["by_degree"] == truth("network-2024")["by_degree"]
    assert {name: sorted(map(repr, scratch.rows(sql))) for name, sql in VIEWS.items()} == whole
    reports = scratch.json("import", *archives)
    assert all(r["status"] == "unchanged" for r in reports)
