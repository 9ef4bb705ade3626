"""Migration 0012 on team databases made before it: a merge journaled the 0011 way gets what
the split function now gives back itself, only as far as the journal vouches for it; a team
database goes back to 0011 and up again (`team init`) with its guard, and a member's merge
made before that still splits back whole. Migration 0014: a team database from before it
gets the id checks at `team init`; 0016, the check on changed keys."""

from __future__ import annotations

import importlib.util
import json
from collections.abc import Iterator
from types import ModuleType
from typing import Any

import psycopg
import pytest
from tests.pgserver import PgServer
from tests.services.evidencekit import EVIDENCE
from tests.services.teamkit import add_members, run
from tests.store.test_hardening_upgrade import LOGINS, ME, PASSWORD, _to

from netview.store import schema_head


def _migration() -> ModuleType:
    path = schema_head.scripts_folder() / "versions" / "0012_authorship.py"
    spec = importlib.util.spec_from_file_location("authorship_0012", str(path))
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_a_merge_journaled_before_gets_what_its_split_gives_back() -> None:
    # Person 2 merged into 1: as 0011's session recorded it in the decision, and as the
    # 0011 merge function journaled the links person 2 had.
    decision: dict[str, Any] = {
        "a_id": 1,
        "b_row": {"id": 2, "key": "name:x"},
        "aliases": ["old-key"],
        "person_source": {"theirs": [10, 11], "added": [11, 99]},  # 99: written by a member
        "targets": {"theirs": [100], "added": [100, 101]},
        "position": [5],
        "network_change": [6],
        "owned_sources": [7],
        "actor": [200],
        "ties": [
            {"how": "moved", "tie": {"id": 50, "a_id": 2, "b_id": 3, "connected_on": None},
             "sources": [{"source_id": 10, "connected_on": "2020-01-01", "weight": None}]},
            {"how": "folded", "tie": {"id": 51, "a_id": 2, "b_id": 4, "connected_on": None},
             "sources": [{"source_id": 10, "connected_on": None, "weight": None},
                         {"source_id": 12, "connected_on": None, "weight": None},
                         {"source_id": 13, "connected_on": None, "weight": None}],
             "into": {"tie": {"id": 52, "connected_on": "2019-01-01"},
                      "sources": [{"source_id": 12}]}},
        ],
    }  # fmt: skip
    journaled = {"sources": [10, 11], "targets": [100], "tie_sources": [[3, 10], [4, 10], [4, 12]]}
    v2 = _migration()._v2(decision, journaled)
    assert v2["v"] == 2
    # Only what the journal says person 2 had is taken back from person 1.
    assert v2["sources_added"] == [11] and v2["targets_added"] == [100]
    assert (v2["aliases"], v2["positions"], v2["changes"]) == (["old-key"], [5], [6])
    assert (v2["owned"], v2["actor"]) == ([7], [200])
    moved, folded = v2["ties"]
    assert moved == {
        "id": 50, "other": 3, "how": "moved", "on": None, "by": None,
        "sources": [[10, "2020-01-01", None, None]],
    }  # fmt: skip
    # Source 13 on the folded tie is not in the journal: neither given back nor taken.
    assert [s for s, *_ in folded["sources"]] == [10, 12]
    assert folded["added"] == [10] and folded["into"] == 52
    assert folded["into_on"] == "2019-01-01"


@pytest.fixture
def team(pg_server: PgServer) -> Iterator[tuple[PgServer, str, str]]:
    database = pg_server.create_database()
    admin = pg_server.url(database)
    assert run("team", "init", "--db", admin)[0] == 0
    add_members(admin, LOGINS, PASSWORD)
    yield pg_server, database, admin
    pg_server.drop_database(database)


SHARED = (
    "SELECT 'tie', pa.key, pb.key FROM tie t JOIN person pa ON pa.id = t.a_id "
    "JOIN person pb ON pb.id = t.b_id UNION ALL "
    "SELECT 'source', p.key, s.source_id::text FROM person_source s "
    "JOIN person p ON p.id = s.person_id UNION ALL "
    "SELECT 'alias', a.alias, p.key FROM person_alias a JOIN person p ON p.id = a.person_id"
)


def _shared(server: PgServer, database: str) -> list[tuple[str, str, str]]:
    with psycopg.connect(server.libpq(database, "bjorn", PASSWORD)) as conn:
        return sorted(conn.execute(SHARED).fetchall())  # type: ignore[arg-type]


def test_a_team_database_goes_back_to_0011_and_up_with_its_guard(
    team: tuple[PgServer, str, str],
) -> None:
    server, database, admin = team
    robin = server.url(database, "robin", PASSWORD)
    assert run("--db", robin, "import", ME)[0] == 0
    with psycopg.connect(server.libpq(database, "robin", PASSWORD), autocommit=True) as conn:
        conn.execute(
            "INSERT INTO person (key, first_name, last_name, name, name_key, created_at) "
            "VALUES ('name:olga twin', 'Olga', 'Twin', 'Olga Twin', 'olga twin', now())"
        )
    before = _shared(server, database)
    status, _, err = run("--db", robin, "merge", "olga-haddad-13dde", "name:olga twin")
    assert status == 0, err
    guard = "SELECT count(*) FROM pg_trigger WHERE tgname LIKE 'netview_guard%'"
    with psycopg.connect(server.libpq(database), autocommit=True) as conn:
        (at_head,) = conn.execute(guard).fetchone()  # type: ignore[misc]
    assert at_head >= 15  # the authorship guard's 15, and the id checks (0014)
    _to(admin, "0011")
    status, _, err = run("team", "init", "--db", admin)  # upgrades to the head, secures again
    assert status == 0, err
    with psycopg.connect(server.libpq(database), autocommit=True) as conn:
        assert conn.execute(guard).fetchone() == (at_head,)
        version = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        assert version == (schema_head.head(),)
    status, _, err = run("--db", robin, "split", "name:olga twin")
    assert status == 0, err
    assert _shared(server, database) == before
    # The guard holds after the round trip: Björn's own person is not Robin's to rename.
    libpq = server.libpq(database, "robin", PASSWORD)
    with (
        psycopg.connect(libpq, autocommit=True) as conn,
        pytest.raises(psycopg.errors.InsufficientPrivilege),
    ):
        conn.execute(
            "UPDATE person SET first_name = 'X' WHERE key = %s AND first_name <> ''",
            (LOGINS["bjorn"],),
        )


def test_an_evidence_files_name_leaves_the_shared_label_on_upgrade(
    team: tuple[PgServer, str, str],
) -> None:
    server, database, admin = team
    robin = server.url(database, "robin", PASSWORD)
    calendar = EVIDENCE / "calendar.ics"
    assert run("--db", robin, "import", ME, calendar)[0] == 0
    _to(admin, "0011")
    with psycopg.connect(server.libpq(database), autocommit=True) as conn:
        # As 0011's import left it: the file's name in the shared row.
        conn.execute("UPDATE source SET label = 'calendar.ics' WHERE kind = 'calendar'")
    assert run("team", "init", "--db", admin)[0] == 0
    with psycopg.connect(server.libpq(database, "bjorn", PASSWORD)) as conn:
        labels = {str(k): str(v) for k, v in conn.execute("SELECT kind, label FROM source")}
    assert labels["calendar"] == "calendar"
    status, out, err = run("--db", robin, "sources", "--json")
    assert status == 0, err
    assert "calendar.ics" in {s["label"] for s in json.loads(out)}


def test_a_team_database_made_before_0014_gets_its_id_checks_at_team_init(
    team: tuple[PgServer, str, str],
) -> None:
    """A server at 0013 had no id checks: the admin's `team init` (the upgrade to 0014)
    puts them in, and a member's forged id is refused from then on."""
    server, database, admin = team
    _to(admin, "0013")
    names = "tgname IN ('netview_guard_ids', 'netview_guard_id_kept')"
    ids = f"SELECT count(*) FROM pg_trigger WHERE {names}"
    with psycopg.connect(server.libpq(database), autocommit=True) as conn:
        for name, table in conn.execute(
            f"SELECT tgname, tgrelid::regclass::text FROM pg_trigger WHERE {names}"
        ).fetchall():
            conn.execute(f"DROP TRIGGER {name} ON {table}")  # as the version before made it
        assert conn.execute(ids).fetchone() == (0,)
    status, _, err = run("team", "init", "--db", admin)
    assert status == 0, err
    with psycopg.connect(server.libpq(database), autocommit=True) as conn:
        (installed,) = conn.execute(ids).fetchone()  # type: ignore[misc]
        assert installed >= 2 * 10  # both checks on every table with an id sequence
    robin = server.libpq(database, "robin", PASSWORD)
    with (
        psycopg.connect(robin, autocommit=True) as conn,
        pytest.raises(psycopg.errors.InsufficientPrivilege, match="not handed out"),
    ):
        conn.execute(
            "INSERT INTO person (id, key, first_name, last_name, name, name_key, created_at) "
            "VALUES (2147483647, 'far-away', 'F', 'A', 'F A', 'f a', now())"
        )


def test_a_team_database_made_before_0016_gets_its_key_check_at_team_init(
    team: tuple[PgServer, str, str],
) -> None:
    """A server at 0015 let a member change a person's key so the old one found nobody:
    the admin's `team init` (the upgrade to 0016) puts the check in."""
    server, database, admin = team
    _to(admin, "0015")
    check = "SELECT count(*) FROM pg_trigger WHERE tgname = 'netview_guard_key'"
    with psycopg.connect(server.libpq(database), autocommit=True) as conn:
        conn.execute("DROP TRIGGER netview_guard_key ON person")  # as the version before made it
        assert conn.execute(check).fetchone() == (0,)
    status, _, err = run("team", "init", "--db", admin)
    assert status == 0, err
    with psycopg.connect(server.libpq(database), autocommit=True) as conn:
        assert conn.execute(check).fetchone() == (1,)
        (someone,) = conn.execute(  # type: ignore[misc]
            "INSERT INTO person (key, first_name, last_name, name, name_key, created_at) "
            "VALUES ('pat-doe-1', 'Pat', 'Doe', 'Pat Doe', 'pat doe', now()) RETURNING id"
        ).fetchone()
    robin = server.libpq(database, "robin", PASSWORD)
    with (
        psycopg.connect(robin, autocommit=True) as conn,
        pytest.raises(psycopg.errors.InsufficientPrivilege, match="old key"),
        conn.transaction(),
    ):
        conn.execute("UPDATE person SET key = 'pat-doe-2' WHERE id = %s", (someone,))
