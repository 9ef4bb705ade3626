"""On a team server a member's calendar and mailbox are theirs alone: the server's row-level
security seals them like notes, and teammates' maps never show what they say."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from tests.pgserver import PgServer
from tests.services.conftest import sample_zips
from tests.services.evidencekit import EVIDENCE, paths, sample
from tests.services.teamkit import add_members, run

from netview.services.importer import import_contents
from netview.services.network import load_network
from netview.store.db import open_database

ME, BEN, _SAM = sample_zips("network-2026")
LOGINS = {"robin": "robin-quill-42", "ben": "ben-fernández-11eef"}
PASSWORD = "correct horse battery staple"
TABLES = ("evidence_item", "evidence_person", "evidence_address", "evidence_report")


def _pairs(url: str) -> set[frozenset[int]]:
    db = open_database(url)
    try:
        net = load_network(db).net
    finally:
        db.dispose()
    ids = net.ids.tolist()
    return {
        frozenset((ids[a], ids[b]))
        for a, b in zip(net.tie_a.tolist(), net.tie_b.tolist(), strict=True)
    }


@pytest.fixture(scope="module")
def urls(pg_server: PgServer) -> Iterator[dict[str, str]]:
    database = pg_server.create_database()
    admin = pg_server.url(database)
    status, _, err = run("team", "init", "--db", admin)
    assert status == 0, err
    add_members(admin, LOGINS, PASSWORD)
    out = {login: pg_server.url(database, user=login, password=PASSWORD) for login in LOGINS}
    out["admin"] = admin
    out["database"] = database
    for login, archive in (("robin", ME), ("ben", BEN)):
        status, _, err = run("--db", out[login], "import", archive)
        assert status == 0, err
    yield out
    pg_server.drop_database(database)


def _libpq(pg_server: PgServer, database: str, login: str) -> psycopg.Connection[object]:
    return psycopg.connect(pg_server.libpq(database, login, PASSWORD), autocommit=True)


def test_a_members_evidence_is_sealed_from_teammates(
    urls: dict[str, str], pg_server: PgServer
) -> None:
    ben_before = _pairs(urls["ben"])
    db = open_database(urls["robin"])
    try:
        import_contents(db, sample(EVIDENCE))
    finally:
        db.dispose()
    assert len(_pairs(urls["robin"]) - ben_before) > 0
    status, out, err = run("--db", urls["robin"], "stats", "--json")
    assert status == 0, err
    assert '"meetings": 13' in out
    status, out, err = run("--db", urls["ben"], "stats", "--json")
    assert status == 0, err
    assert '"meetings": 0' in out and '"contacts": 0' in out
    # Ben's map is what it was: no tie Robin's calendar or mailbox makes.
    assert _pairs(urls["ben"]) == ben_before
    with _libpq(pg_server, urls["database"], "ben") as ben:
        for table in TABLES:
            assert ben.execute(f"SELECT count(*) FROM {table}").fetchone() == (0,), table
        assert ben.execute("DELETE FROM evidence_item").rowcount == 0
        (source,) = ben.execute("SELECT min(id) FROM source").fetchone()  # type: ignore[misc]
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            ben.execute(
                "INSERT INTO evidence_item (source_id, kind, dedup, at, owner) "
                "VALUES (%s, 'mail', 'x', now(), 'robin')",
                (source,),
            )
    with _libpq(pg_server, urls["database"], "robin") as robin:
        assert robin.execute("SELECT count(*) FROM evidence_item").fetchone() == (18,)


def test_a_personal_database_joins_with_its_evidence_once(
    pg_server: PgServer, tmp_path: Path
) -> None:
    solo = tmp_path / "robin.db"
    status, _, err = run("--db", solo, "import", ME, *paths())
    assert status == 0, err
    database = pg_server.create_database()
    admin = pg_server.url(database)
    try:
        assert run("team", "init", "--db", admin)[0] == 0
        add_members(admin, LOGINS, PASSWORD)
        robin = pg_server.url(database, user="robin", password=PASSWORD)
        ben = pg_server.url(database, user="ben", password=PASSWORD)
        for _ in range(2):  # joining again adds nothing
            status, _, err = run("--db", robin, "team", "join", "--from", solo)
            assert status == 0, err
            status, out, err = run("--db", robin, "stats", "--json")
            assert status == 0, err
            stats = json.loads(out)
            assert (stats["meetings"], stats["emails"], stats["contacts"]) == (13, 5, 25)
        status, out, err = run("--db", ben, "stats", "--json")
        assert status == 0, err
        assert json.loads(out)["meetings"] == 0
    finally:
        pg_server.drop_database(database)
