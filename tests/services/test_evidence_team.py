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

from netview.services.importing.importer import import_contents
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


def test_a_members_merge_and_split_carry_their_evidence_and_no_probe_learns_it(
    urls: dict[str, str], pg_server: PgServer
) -> None:
    """Whom Robin met follows the people through Robin's own merge and split (the server's
    functions move it); a teammate's duplicate-key probe learns nothing of it."""
    status, _, err = run("--db", urls["robin"], "import", *paths())
    assert status == 0, err
    a, b = "xavier-hernández-32cce", "mohammed-johansson-53aad"

    def last(*keys: str) -> dict[str, str]:
        status, out, err = run("--db", urls["robin"], "person", *keys, "--json")
        assert status == 0, err
        return {p["key"]: p["last_contact"] for p in json.loads(out)}

    before = last(a, b)
    assert before == {a: "2026-10-20", b: "2026-11-22"}
    status, _, err = run("--db", urls["robin"], "merge", a, b)
    assert status == 0, err
    assert last(a) == {a: "2026-11-22"}  # Mohammed Johansson's meeting came along
    status, _, err = run("--db", urls["robin"], "split", b)
    assert status == 0, err
    assert last(a, b) == before
    with _libpq(pg_server, urls["database"], "robin") as robin:
        item, person = robin.execute(  # type: ignore[misc]
            "SELECT item_id, person_id FROM evidence_person LIMIT 1"
        ).fetchone()
    with _libpq(pg_server, urls["database"], "ben") as ben:
        answers = set()
        for who in (person, person + 100_000):  # linked, and surely not linked
            with pytest.raises(psycopg.Error) as refused:
                ben.execute(
                    "INSERT INTO evidence_person (item_id, person_id) VALUES (%s, %s)",
                    (item, who),
                )
            answers.add(type(refused.value))
        assert len(answers) == 1 and psycopg.errors.UniqueViolation not in answers


def test_a_member_re_reads_their_evidence_but_keeps_no_contact_on_the_server(
    urls: dict[str, str], tmp_path: Path
) -> None:
    """A correction of Robin's addresses re-reads Robin's own items under row-level
    security; a contact of Robin's own would be a person the whole team sees: refused."""
    mbox = tmp_path / "pat.mbox"
    mbox.write_text(
        "From x Mon Nov  2 09:00:00 2026\nMessage-ID: <team-pat@invented.example>\n"
        "Date: Mon, 02 Nov 2026 09:00:00 +0000\nFrom: Pat Offline <pat@elsewhere.example>\n"
        "To: Robin Quill <me.sample@inbox.example>\nSubject: hi\n\nhello\n",
        encoding="utf-8",
    )
    robin = urls["robin"]
    status, _, err = run("--db", robin, "import", mbox, "--my-address", "me.sample@inbox.example")
    assert status == 0, err

    def listed() -> list[str]:
        status, out, err = run("--db", robin, "address", "--json")
        assert status == 0, err
        return [s["who"] for s in json.loads(out)]

    assert "pat@elsewhere.example" in listed()
    status, _, err = run("--db", robin, "address", "pat@elsewhere.example", "--keep")
    assert status == 1 and "team server" in err
    status, out, err = run("--db", robin, "my-address", "pat@elsewhere.example")
    assert status == 0, err
    assert "read again: 0 count now, 0 no longer, 1 with other people in them" in out
    assert "pat@elsewhere.example" not in listed()
    status, out, err = run("--db", robin, "my-address", "--not-mine", "pat@elsewhere.example")
    assert status == 0, err
    assert "pat@elsewhere.example" in listed()
    status, out, err = run("--db", urls["ben"], "address", "--json")
    assert status == 0, err
    assert json.loads(out) == []
