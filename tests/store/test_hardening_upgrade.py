"""Migration 0011 on databases made before it: a personal database keeps its pseudonyms, a
team database keeps every member's groups and tags under the owner-keyed rows, and both go
back to 0008 and up again with nothing lost."""

from __future__ import annotations

import csv
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from alembic import command
from sqlalchemy import create_engine
from tests.pgserver import PgServer
from tests.services.teamkit import add_members, run

from netview.store import migrate

SAMPLE = Path(__file__).parents[1] / "fixtures" / "samples" / "network-2024"
ME = next(SAMPLE.glob("me__*.zip"))
LOGINS = {"robin": "robin-quill-42", "bjorn": "björn-lee-11eef"}
PASSWORD = "an upgrade test password"
OLGA = "olga-haddad-13dde"


def _to(url: str, revision: str) -> None:
    engine = create_engine(url)
    try:
        with engine.begin() as conn:
            cfg = migrate._config()
            cfg.attributes["connection"] = conn
            if revision == "head":
                command.upgrade(cfg, revision)
            else:
                command.downgrade(cfg, revision)
    finally:
        engine.dispose()


def _pseudonyms(db: Path, out: Path) -> list[str]:
    status, _, err = run("--db", db, "export", "csv", "--anonymize", "-o", out)
    assert status == 0, err
    with out.open(encoding="utf-8") as f:
        return sorted(row["key"] for row in csv.DictReader(f))


def test_a_personal_database_keeps_its_pseudonyms_across_0011(tmp_path: Path) -> None:
    db = tmp_path / "me.db"
    assert run("--db", db, "import", ME)[0] == 0
    before = _pseudonyms(db, tmp_path / "a.csv")
    # Back to 0008, where the secret lived in meta, and up again when the file is opened.
    _to(f"sqlite:///{db}", "0008")
    with sqlite3.connect(db) as conn:
        assert conn.execute(
            "SELECT count(*) FROM meta WHERE key = 'anonymize_secret'"
        ).fetchone() == (1,)
    assert _pseudonyms(db, tmp_path / "b.csv") == before
    with sqlite3.connect(db) as conn:
        assert conn.execute(
            "SELECT count(*) FROM meta WHERE key = 'anonymize_secret'"
        ).fetchone() == (0,)
        assert conn.execute("SELECT owner, name FROM member_secret").fetchall() == [
            ("", "anonymize")
        ]


@pytest.fixture
def team(pg_server: PgServer) -> Iterator[tuple[PgServer, str, str]]:
    database = pg_server.create_database()
    admin = pg_server.url(database)
    assert run("team", "init", "--db", admin)[0] == 0
    add_members(admin, LOGINS, PASSWORD)
    yield pg_server, database, admin
    pg_server.drop_database(database)


def _own_rows(server: PgServer, database: str, login: str) -> list[tuple[str, str, str]]:
    with psycopg.connect(server.libpq(database, login, PASSWORD), autocommit=True) as conn:
        rows = conn.execute(
            "SELECT 'group', g.name, p.key FROM group_member m JOIN \"group\" g "
            "ON g.id = m.group_id JOIN person p ON p.id = m.person_id UNION ALL "
            "SELECT 'tag', t.name, p.key FROM person_tag x JOIN tag t ON t.id = x.tag_id "
            "JOIN person p ON p.id = x.person_id"
        ).fetchall()
    return sorted((str(a), str(b), str(c)) for a, b, c in rows)


def _key_of(server: PgServer, database: str, table: str) -> list[str]:
    with psycopg.connect(server.libpq(database), autocommit=True) as conn:
        row = conn.execute(
            "SELECT array_agg(a.attname ORDER BY k.n) FROM pg_constraint c, "
            "unnest(c.conkey) WITH ORDINALITY k(attnum, n) JOIN pg_attribute a "
            "ON a.attnum = k.attnum WHERE c.conrelid = %s::regclass AND c.contype = 'p' "
            "AND a.attrelid = c.conrelid",
            (table,),
        ).fetchone()
    assert row is not None
    return list(row[0])


def test_a_team_database_upgrades_in_place_with_every_members_rows(
    team: tuple[PgServer, str, str],
) -> None:
    server, database, admin = team
    assert run("--db", admin, "import", ME)[0] == 0
    url = {login: server.url(database, login, PASSWORD) for login in LOGINS}
    # Both members put Olga in a group and a tag of their own, under the same names.
    for login in LOGINS:
        with psycopg.connect(server.libpq(database, login, PASSWORD), autocommit=True) as c:
            c.execute("INSERT INTO tag (name) VALUES ('investor')")
            c.execute(
                "INSERT INTO person_tag (person_id, tag_id) SELECT p.id, t.id FROM person p, "
                "tag t WHERE p.key = %s",
                (OLGA,),
            )
        assert run("--db", url[login], "groups", "--create", "Board")[0] == 0
        assert run("--db", url[login], "groups", "--add", "Board", OLGA)[0] == 0
    before = {login: _own_rows(server, database, login) for login in LOGINS}
    assert (
        before["robin"] == before["bjorn"] == [("group", "Board", OLGA), ("tag", "investor", OLGA)]
    )
    assert _key_of(server, database, "group_member") == ["owner", "group_id", "person_id"]

    _to(admin, "0008")
    assert _key_of(server, database, "group_member") == ["group_id", "person_id"]
    assert _key_of(server, database, "person_tag") == ["person_id", "tag_id"]
    # The admin's `team init` upgrades in place and secures it again.
    status, _, err = run("team", "init", "--db", admin)
    assert status == 0, err
    assert _key_of(server, database, "group_member") == ["owner", "group_id", "person_id"]
    assert _key_of(server, database, "person_tag") == ["owner", "person_id", "tag_id"]
    assert {login: _own_rows(server, database, login) for login in LOGINS} == before
    with psycopg.connect(server.libpq(database), autocommit=True) as conn:
        limited = conn.execute(
            "SELECT table_name, column_name FROM information_schema.columns "
            "WHERE table_schema = 'public' AND character_maximum_length IS NOT NULL "
            "AND column_name NOT IN ('owner', 'login', 'added_by') "
            "AND table_name <> 'alembic_version'"
        ).fetchall()
        assert limited == []
        stamped = conn.execute(
            "SELECT count(*) FROM information_schema.columns WHERE column_name = 'added_by'"
        ).fetchone()
        assert stamped == (13,)  # 0011's eleven tables, and 0012's history rows
    # A member's commands work on the upgraded database.
    status, _, err = run("--db", url["bjorn"], "groups", "--remove", "Board", OLGA)
    assert status == 0, err
    assert _own_rows(server, database, "bjorn") == [("tag", "investor", OLGA)]
    assert _own_rows(server, database, "robin") == before["robin"]
