"""A member's map is kept for the next start on a team server too, and given up exactly when
the team's data changed: the server's change counter (migration 0007) moves with any change
to what is shared, by anyone, and never with a teammate's private rows."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import psycopg
import pytest
from tests.pgserver import PgServer
from tests.services.conftest import sample_zips
from tests.services.teamkit import add_members, run

from netview.services.document import Document, same_map
from netview.services.mapping import mapcache
from netview.services.mapping.mapmodel import load_map_model
from netview.store.db import Database, open_database

ME, BJORN, _, EMEKA = sample_zips("network-2024")
LOGINS = {"robin": "robin-quill-42", "bjorn": "björn-lee-11eef"}
PASSWORD = "a long team secret"


@dataclass
class Team:
    server: PgServer
    database: str

    def url(self, login: str) -> str:
        return self.server.url(self.database, user=login, password=PASSWORD)

    def run(self, login: str, *args: str | Path) -> None:
        status, _, err = run("--db", self.url(login), *args)
        assert status == 0, err

    def counter(self) -> int:
        with psycopg.connect(self.server.libpq(self.database), autocommit=True) as conn:
            row = conn.execute("SELECT netview_generation()").fetchone()
        assert row is not None
        return int(row[0])


@pytest.fixture(scope="module")
def team(pg_server: PgServer) -> Iterator[Team]:
    database = pg_server.create_database()
    admin = pg_server.url(database)
    assert run("team", "init", "--db", admin)[0] == 0
    add_members(admin, LOGINS, PASSWORD)
    t = Team(pg_server, database)
    t.run("robin", "import", ME)
    t.run("bjorn", "import", BJORN)
    yield t
    pg_server.drop_database(database)


@pytest.fixture
def robin(team: Team) -> Iterator[Database]:
    db = open_database(team.url("robin"), create=False)
    yield db
    db.dispose()


def _first_start(db: Database) -> None:
    doc = Document(db, cache=True)
    doc.publish(doc.load(doc.changed()))


def test_a_members_map_is_kept_and_shown_at_the_next_start(team: Team, robin: Database) -> None:
    assert mapcache.load(robin) is None
    _first_start(robin)
    cached = mapcache.load(robin)
    fresh = load_map_model(robin)
    assert cached is not None and len(cached) == len(fresh) > 10
    assert np.array_equal(cached.xy, fresh.xy) and cached.keys == fresh.keys
    assert same_map(cached, fresh)
    doc = Document(robin, cache=True)
    assert doc.preview is not None and doc.model is doc.preview  # painted before any load
    # Neither the file's name nor what it is kept under holds the password.
    path = mapcache.cache_path(robin)
    key = mapcache.cache_key(robin)
    assert path is not None and key is not None
    assert PASSWORD not in key and "secret" not in str(path)


def test_each_login_has_its_own_map(team: Team, robin: Database) -> None:
    bjorn = open_database(team.url("bjorn"), create=False)
    try:
        assert mapcache.cache_path(bjorn) != mapcache.cache_path(robin)
        _first_start(robin)
        assert mapcache.load(bjorn) is None  # Robin's map is not Björn's
        _first_start(bjorn)
        robin_map, bjorn_map = mapcache.load(robin), mapcache.load(bjorn)
        assert robin_map is not None and bjorn_map is not None
        owner = robin_map.owner_index
        assert owner is not None and robin_map.keys[owner] == LOGINS["robin"]
        owner = bjorn_map.owner_index
        assert owner is not None and bjorn_map.keys[owner] == LOGINS["bjorn"]
    finally:
        bjorn.dispose()


def test_a_teammates_private_note_leaves_the_map_and_the_counter_alone(
    team: Team, robin: Database
) -> None:
    _first_start(robin)
    before = team.counter()
    team.run("bjorn", "note", LOGINS["robin"], "met at the fund's offsite")
    assert team.counter() == before  # not even "something changed" leaks
    assert mapcache.load(robin) is not None


def test_any_change_to_what_is_shared_retires_the_kept_map(team: Team, robin: Database) -> None:
    _first_start(robin)
    before = team.counter()
    # A change NetView did not make (psql, another tool) counts as much as an import.
    with psycopg.connect(team.server.libpq(team.database), autocommit=True) as conn:
        conn.execute("UPDATE person SET headline = 'Partner' WHERE key = %s", (LOGINS["bjorn"],))
    assert team.counter() > before
    assert mapcache.load(robin) is None
    _first_start(robin)
    assert mapcache.load(robin) is not None
    # A teammate's import: new people and ties, so a new map.
    team.run("bjorn", "import", EMEKA)
    assert mapcache.load(robin) is None
    doc = Document(robin, cache=True)
    assert doc.preview is None
    snap = doc.load(doc.changed())
    assert len(snap.model) == len(load_map_model(robin))


def test_every_shared_table_and_no_private_one_moves_the_counter(team: Team) -> None:
    from netview.store.generation import SHARED_TABLES
    from netview.store.team import PRIVATE_TABLES

    with psycopg.connect(team.server.libpq(team.database), autocommit=True) as conn:
        counted = {
            str(t)
            for (t,) in conn.execute(
                "SELECT c.relname FROM pg_trigger g JOIN pg_class c ON c.oid = g.tgrelid "
                "WHERE g.tgname = 'netview_generation'"
            ).fetchall()
        }
    assert counted == set(SHARED_TABLES)
    assert {"person", "tie", "interaction", "source"} <= counted
    assert not counted & set(PRIVATE_TABLES)
